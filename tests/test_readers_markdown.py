"""Markdown block boundaries (markdown-it-py): code and HTML stay verbatim, lines are kept."""

from __future__ import annotations

import pytest

from defnews.readers import read_bytes
from defnews.readers.markdown import parse_blocks

CODE_ARTICLE = """# Neue Software für die Flugabwehr

Die Bundeswehr stellt ihre Feuerleitrechner auf eine neue Version um. Ein Beispiel aus der
Konfiguration zeigt, wie die Reichweite eingestellt wird:

    reichweite = 40  # Kilometer, nicht übersetzen
    ziel = "Drohne mit geringer Flughöhe"

Die Umstellung soll bis zum Sommer abgeschlossen sein.
"""

COMMENT_ARTICLE = """# Marine übernimmt neue Fregatte

<!-- Redaktionsnotiz: Dieser Absatz ist noch nicht freigegeben.

Bitte die Zahlen zur Besatzung vor der Veröffentlichung prüfen. -->

Die Deutsche Marine hat am Dienstag in Wilhelmshaven eine neue Fregatte übernommen.
"""


def _translatable_text(text: str, name: str) -> str:
    [article] = read_bytes(text.encode("utf-8"), name)
    return "\n".join(b.text for b in article.blocks if b.translatable)


def test_indented_code_block_is_not_prose() -> None:
    # Fails on the line parser (markup.parse_markdown): the code lines became a paragraph.
    blocks = parse_blocks(CODE_ARTICLE)
    code = [b for b in blocks if b.kind == "code"]
    assert len(code) == 1
    assert code[0].raw == ('    reichweite = 40  # Kilometer, nicht übersetzen\n'
                           '    ziel = "Drohne mit geringer Flughöhe"')
    sent = _translatable_text(CODE_ARTICLE, "flugabwehr.md")
    assert "reichweite = 40" not in sent and "Drohne mit geringer" not in sent
    assert "Die Umstellung soll" in sent


def test_indented_lines_in_plain_text_are_prose() -> None:
    text = "Erster Absatz eines Berichts über die Truppe.\n\n    Eingerückter zweiter Absatz " \
           "über die Ausbildung der Soldaten.\n"
    assert "Eingerückter zweiter Absatz" in _translatable_text(text, "bericht.txt")


def test_html_comment_over_a_blank_line_stays_out_of_translation() -> None:
    # Fails on the line parser: the comment's second paragraph was a translatable paragraph.
    blocks = parse_blocks(COMMENT_ARTICLE)
    html = [b for b in blocks if b.kind == "html"]
    assert len(html) == 1 and html[0].raw.endswith("prüfen. -->")
    sent = _translatable_text(COMMENT_ARTICLE, "fregatte.md")
    assert "Redaktionsnotiz" not in sent and "Besatzung" not in sent
    assert "Wilhelmshaven" in sent


@pytest.mark.parametrize("text", [CODE_ARTICLE, COMMENT_ARTICLE,
                                  "Text\n\n[quelle]: https://example.org\n\n- a\n  - b\n\n> z\n",
                                  "```\noffen ohne Ende\n\nnoch Code"])
def test_every_line_is_kept(text: str) -> None:
    blocks = parse_blocks(text)
    assert sum(b.raw.count("\n") + 1 for b in blocks) == text.count("\n") + 1
    assert "\n".join(b.raw for b in blocks) == text
