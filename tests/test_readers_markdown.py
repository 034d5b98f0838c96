"""Markdown block boundaries (markdown-it-py): code and HTML stay verbatim, lines are kept."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from defnews.article import Article
from defnews.readers import read_bytes
from defnews.readers.markdown import parse_blocks
from defnews.renderers.blocks import to_markdown

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


# The block cases of test_markup.py, run on the readers' parser (markup.parse_markdown goes).
PAGE = """Der Grenzbote

# Minsk und Teheran vereinbaren Zusammenarbeit

Von Jana Example
20. November 2026

- Erster Punkt mit [Quelle](https://example.org/a "Titel")
- Zweiter **wichtiger** Punkt
  - verschachtelter Punkt
1. Nummer eins
2. Nummer zwei

Ein Absatz mit ![Bildtext](https://example.org/i.jpg) und `code`.
Zweite Zeile des Absatzes.

> Ein Zitat
> über zwei Zeilen

```
nicht übersetzen
```

| a | b |
|---|---|
| 1 | 2 |

---
"""


def test_parse_kinds_and_roundtrip() -> None:
    from defnews.renderers.blocks import to_markdown

    blocks = parse_blocks(PAGE)
    assert [b.kind for b in blocks if b.kind != "blank"] == [
        "paragraph", "heading", "paragraph", "list_item", "list_item", "list_item",
        "list_item", "list_item", "paragraph", "quote", "code", "table_row", "table",
        "table_row", "rule",
    ]
    assert to_markdown(blocks, translated=False) == PAGE


def test_date_line_is_not_an_ordered_list() -> None:
    assert [b.kind for b in parse_blocks("3. März 2025\n\n2. Punkt")] == [
        "paragraph", "blank", "list_item"]


def test_nested_list_keeps_prefix_and_level() -> None:
    blocks = parse_blocks("- a\n  - b\n    - c")
    assert [(b.prefix, b.level) for b in blocks] == [("- ", 0), ("  - ", 1), ("    - ", 2)]


_LINES = st.sampled_from([
    "", "Ein Satz über die Truppe.", "# Titel", "## Unter", "- Punkt", "  - tiefer", "1. eins",
    "> Zitat", ">", "    eingerückt", "```", "~~~", "<!-- Notiz", "-->", "<div>", "| a | b |",
    "|---|---|", "---", "===", "20. November 2026", "[ref]: https://example.org", "\t Tab",
])


@settings(max_examples=300, deadline=None)
@given(st.lists(_LINES, max_size=25), st.booleans())
def test_no_line_is_ever_lost(lines: list[str], indented_code: bool) -> None:
    text = "\n".join(lines)
    blocks = parse_blocks(text, indented_code=indented_code)
    assert "\n".join(b.raw for b in blocks) == text


def test_quote_opening_with_an_empty_line_is_kept_verbatim() -> None:
    from defnews.renderers.blocks import to_markdown

    # Was rendered as ">\n>Zitat": the empty line's prefix ">" was reused for the text.
    text = ">\n> Zitat über die Lage\n> an der Front"
    assert to_markdown(parse_blocks(text), translated=False) == text


def test_nested_quote_markers_are_prefix_not_text() -> None:
    """A 300-level quote went to the model as one block of '>>>…' text (50 s of decoding
    with the test package); every depth is now a block whose prefix holds all its markers."""
    source = "\n".join(">" * (k + 1) + " Die Truppe übt." for k in range(300))
    blocks = parse_blocks(source)
    quotes = [b for b in blocks if b.kind == "quote"]
    assert len(quotes) == 300
    assert all(b.text == "Die Truppe übt." for b in quotes)
    assert [b.prefix.count(">") for b in quotes] == list(range(1, 301))
    assert to_markdown(blocks) == source


def test_quote_lines_of_one_depth_stay_one_block() -> None:
    blocks = parse_blocks("> Zitat eins\n> weiter\n>> tiefer\n> zurück")
    assert [(b.prefix, b.text) for b in blocks] == [
        ("> ", "Zitat eins\nweiter"), (">> ", "tiefer"), ("> ", "zurück")]


CLIPPED = """---
title: "Grenzschutz in Finnland verstärkt | Nordflanke"
source: "https://nordflanke.example/sicherheit/grenzschutz"
author:
  - "[[Heike Brandt]]"
  - "Jonas Keller"
published: 2026-03-03
created: 2026-03-04
---
# Grenzschutz in Finnland verstärkt

Finnland schickt weitere Soldaten an die Grenze zu Russland. Die Regierung nennt
Zwischenfälle als Grund.
"""


def test_front_matter_of_a_clipped_article_is_its_metadata_and_kept_verbatim() -> None:
    [a] = read_bytes(CLIPPED.encode(), "2026-03-04_clip.md")
    assert (a.title, a.author, a.date, a.url) == (
        "Grenzschutz in Finnland verstärkt", "Heike Brandt, Jonas Keller", "2026-03-03",
        "https://nordflanke.example/sicherheit/grenzschutz")
    assert a.sources["date"] == a.sources["author"] == "front matter"
    [front] = [b for b in a.blocks if b.kind == "front_matter"]
    assert front.raw == CLIPPED[: CLIPPED.index("# Grenz") - 1] and not front.translatable
    assert all("Heike" not in p for p in a.story_paragraphs())


def test_prose_between_two_rules_is_no_front_matter() -> None:
    text = "---\nDie Regierung tagte am Montag.\n\n---\nMehr Text folgt hier.\n"
    [a] = read_bytes(text.encode(), "regeln.md")
    assert not [b for b in a.blocks if b.kind == "front_matter"]
    assert "Die Regierung tagte am Montag." in a.story_paragraphs()


def test_front_matter_with_yaml_aliases_is_kept_but_not_read() -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"
        for p, c in zip("abcdefgh", "bcdefghi", strict=True))
    text = f"---\ntitle: Bombe\n{bomb}author: *i\n---\nDie Regierung tagte am Montag.\n"
    [a] = read_bytes(text.encode(), "bombe.md")
    assert a.author is None and a.title != "Bombe"
    assert [b.kind for b in a.blocks][0] == "front_matter"


STORY = ("Die Nato verlegt weitere Soldaten nach Litauen und Estland. Die ersten Einheiten "
         "sollen noch vor dem Sommer eintreffen, teilte das Bündnis am Montag mit.\n\n"
         "Die Regierungen der baltischen Staaten begrüßten die Entscheidung.\n")


def _roles(text: str, name: str = "nato.md") -> tuple[Article, list[tuple[str, str]]]:
    [a] = read_bytes(text.encode(), name)
    return a, [(b.role, b.text) for b in a.blocks if b.translatable]


def test_a_name_line_under_the_title_is_the_author() -> None:
    a, roles = _roles(f"# Nato verstärkt Präsenz im Baltikum\n\nAnna Beispiel, Bern\n\n{STORY}")
    assert a.author == "Anna Beispiel"
    assert [r for r, _ in roles] == ["title", "author", "body", "body"]
    # Capitalised words that name no person stay story.
    for line in ("Deutsche Marine", "Politik Inland", "Der Newsletter der Redaktion"):
        a, roles = _roles(f"# Nato verstärkt Präsenz im Baltikum\n\n{line}\n\n{STORY}")
        assert a.author is None and roles[1] == ("body", line)


def test_link_only_lists_and_lines_are_furniture_links_in_prose_are_not() -> None:
    text = ("# Nato verstärkt Präsenz im Baltikum\n\n[Originalartikel](https://example.org/o)\n\n"
            f"{STORY}\n- Die Soldaten kommen aus [Deutschland](https://example.org/de) und "
            "Norwegen und bleiben zunächst ein halbes Jahr im Land.\n\nMehr zum Thema\n\n"
            "- [Werft sucht Fachkräfte](https://example.org/a)\n"
            "- [Neue Fregatten für Kiel](https://example.org/b)\n")
    a, roles = _roles(text)
    assert [r for r, _ in roles] == ["title", "boilerplate", "body", "body", "body",
                                     "boilerplate", "boilerplate", "boilerplate"]
    rules = [b.rule for b in a.blocks if b.role == "boilerplate"]
    assert rules == ["link only", "read more", "link only", "link only"]
    # Without the label, a list of links alone is furniture too.
    _, roles = _roles(f"# Titel\n\n{STORY}\n- [Werft sucht Fachkräfte](https://example.org/a)\n")
    assert roles[-1] == ("boilerplate", "[Werft sucht Fachkräfte](https://example.org/a)")


def test_the_front_matter_title_beats_a_level_two_heading() -> None:
    text = (f'---\ntitle: "Nato verstärkt Präsenz im Baltikum"\n---\n'
            f"## Das Wichtigste in Kürze\n\n{STORY}")
    a, roles = _roles(text)
    assert a.title == "Nato verstärkt Präsenz im Baltikum"
    assert roles[0] == ("subheading", "Das Wichtigste in Kürze")
    assert "Das Wichtigste in Kürze" in a.story_paragraphs()
    # A heading that says the front matter's title is still the title.
    same = text.replace("## Das Wichtigste in Kürze", "## Nato verstärkt Präsenz im Baltikum")
    assert _roles(same)[1][0] == ("title", "Nato verstärkt Präsenz im Baltikum")


def test_a_date_with_an_abbreviated_month_is_not_an_ordered_list() -> None:
    assert [b.kind for b in parse_blocks("3. Mär. 2025 um 14:12\n\n3. Sept 2025\n\n2. Punkt")] \
        == ["paragraph", "blank", "paragraph", "blank", "list_item"]
