"""What each output format shows, with the real test package (issue 15, points 2-5)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import REPO
from defnews.cli import app

runner = CliRunner()

PHOTO = "https://bilder.example.net/2026/11/fregatte_kiel_dpa_hafen_01.jpg"
REPORT = "https://example.org/berichte/marine_lage_2026?id=4_5&teil=b"
BRACES = "https://example.org/akte/{id}/seite"
ARTICLE = f"""# Neue Fregatten für die Marine

![Die Fregatte im Hafen]({PHOTO})

Die Marine erhielt am Montag zwei neue Fregatten. Weitere Angaben stehen im \
[Lagebericht]({REPORT}) des Ministeriums.

Die Akte liegt [hier]({BRACES}), der Rohtext unter {REPORT} und _nicht_ anderswo.
"""


def _translate(tmp_path: Path, fmt: str, text: str = ARTICLE, name: str = "artikel.md") -> str:
    src = tmp_path / name
    src.write_text(text, encoding="utf-8")
    r = runner.invoke(app, ["translate", str(src), "-f", fmt, "--quiet", "--no-cache"])
    assert r.exit_code == 0, r.output
    return r.stdout


@pytest.mark.usefixtures("with_model")
def test_text_output_keeps_every_url_byte_for_byte(tmp_path: Path) -> None:
    out = _translate(tmp_path, "text")
    # Underscores inside URLs are not emphasis; a URL with braces does not crash.
    assert f"<{REPORT}>" in out
    assert f"<{BRACES}>" in out
    assert f" {REPORT} " in out
    # The image as a labelled line with its URL.
    assert re.search(r"^\[image: [^\]\n]+\] <" + re.escape(PHOTO) + ">$", out, re.M), out
    assert "![" not in out and "](" not in out


@pytest.mark.usefixtures("with_model")
@pytest.mark.parametrize("fmt", ["markdown", "json"])
def test_urls_survive_in_every_format(tmp_path: Path, fmt: str) -> None:
    out = _translate(tmp_path, fmt)
    if fmt == "json":
        out = json.dumps(json.loads(out)["articles"][0]["blocks"], ensure_ascii=False)
    for url in (PHOTO, REPORT, BRACES):
        assert url in out, (fmt, url)


# Each German sentence as a reader sees it: link texts and emphasis inside it, no markup.
SENTENCES = [
    "Neue Fregatten für die Marine",
    "[image: Die Fregatte im Hafen]",
    "Die Marine erhielt am Montag zwei neue Fregatten.",
    "Weitere Angaben stehen im Lagebericht des Ministeriums.",
    f"Die Akte liegt hier, der Rohtext unter {REPORT} und nicht anderswo.",
]


@pytest.mark.usefixtures("with_model")
def test_bilingual_rows_are_whole_sentences_in_document_order(tmp_path: Path) -> None:
    out = _translate(tmp_path, "bilingual")
    rows = [ln for ln in out.splitlines() if ln.startswith("| ") and not ln.startswith("| ---")]
    assert rows[0] == "| German | English |"
    cells = [re.split(r" (?<!\\)\| ", row[2:-2]) for row in rows[1:]]
    assert [c[0] for c in cells] == SENTENCES
    assert not any(re.search(r"[Zz][Zz] ?\d", c[1]) for c in cells), cells


@pytest.mark.usefixtures("with_model")
def test_json_sentences_are_whole_sentences_in_document_order(tmp_path: Path) -> None:
    data = json.loads(_translate(tmp_path, "json"))
    sentences = [s for b in data["articles"][0]["blocks"] for s in b["sentences"]]
    assert [s["source"] for s in sentences] == SENTENCES
    assert all(s["translation"] and not re.search(r"[Zz][Zz] ?\d", s["translation"])
               for s in sentences)


@pytest.mark.usefixtures("with_model")
def test_the_format_follows_the_output_name(tmp_path: Path) -> None:
    src = tmp_path / "artikel.md"
    src.write_text(ARTICLE, encoding="utf-8")
    for name in ("out.md", "out.markdown", "out.html", "out.HTM", "out.json", "out.txt",
                 "out"):
        r = runner.invoke(app, ["translate", str(src), "-o", str(tmp_path / name), "-q",
                                "--no-cache"])
        assert r.exit_code == 0, r.output
        written = (tmp_path / name).read_text(encoding="utf-8")
        kind = name.rpartition(".")[2].lower() if "." in name else ""
        if kind in ("md", "markdown"):
            assert written.startswith("# ") and f"]({REPORT})" in written, name
        elif kind in ("html", "htm"):
            assert written.startswith("<!DOCTYPE html>") and "</html>" in written, name
        elif kind == "json":
            assert json.loads(written)["articles"], name
        else:  # text: no Markdown syntax
            assert not written.startswith("# ") and f"<{REPORT}>" in written, name
    r = runner.invoke(app, ["translate", str(src), "-f", "md", "-q", "--no-cache"])
    assert r.exit_code == 0 and r.stdout.startswith("# "), r.output


@pytest.mark.usefixtures("with_model")
def test_html_page_is_standalone_with_the_german_beside(tmp_path: Path) -> None:
    page = _translate(tmp_path, "html",
                      ARTICLE + "\n[Gefährlich](javascript:alert(1)) <script>x()</script>\n")
    assert page.startswith("<!DOCTYPE html>") and page.count("<article") == 1
    # No scripts, no external assets: the photo is a link, not an <img>.
    assert "<script" not in page and "javascript:" not in page and "<img" not in page
    assert f'href="{PHOTO}"' in page and f'href="{REPORT.replace("&", "&amp;")}"' in page
    # Each translated block has its German under it.
    assert page.count('<details class="source-de">') == 5
    assert "Die Marine erhielt am Montag zwei neue Fregatten." in page


@pytest.mark.slow
@pytest.mark.usefixtures("with_model")
@pytest.mark.skipif(shutil.which("chromium") is None, reason="needs Debian's chromium")
def test_html_page_renders_in_a_real_browser(tmp_path: Path) -> None:
    src = tmp_path / "artikel.md"
    src.write_text(ARTICLE, encoding="utf-8")
    r = runner.invoke(app, ["translate", str(src), "-o", str(tmp_path / "a.html"), "-q"])
    assert r.exit_code == 0, r.output
    check = subprocess.run(
        [sys.executable, str(REPO / "tools" / "check_html_digest.py"), str(tmp_path / "a.html"),
         "--expect", "German", "--shots", str(tmp_path / "shots")],
        capture_output=True, text=True, timeout=300)
    assert check.returncode == 0, check.stdout + check.stderr


@pytest.mark.usefixtures("with_model")
def test_text_without_words_is_copied_not_sent_to_the_model(tmp_path: Path) -> None:
    # 100,000 "[" took 35 s in the link regex and then made the model invent words.
    from defnews import models
    from defnews.translate import Translator

    brackets = "[" * 100_000
    # Beside a sentence, a paragraph of brackets is copied as it is...
    out = _translate(tmp_path, "text", "Die Marine übt.\n\n" + brackets + "\n",
                     name="klammern.txt")
    assert out.endswith("\n\n" + brackets + "\n")
    # ...and a file of nothing else holds no text to translate (exit 2, one line).
    src = tmp_path / "nur-klammern.txt"
    src.write_text(brackets + "\n", encoding="utf-8")
    r = runner.invoke(app, ["translate", str(src), "--quiet", "--no-cache"])
    assert r.exit_code == 2 and "holds no text" in r.stderr
    translator = Translator(models.find_model())
    results = translator.translate_sentences(["— * —", "[[ ]] ((", "ZZ1."])
    assert [r.text for r in results] == ["— * —", "[[ ]] ((", "ZZ1."]
    assert not translator.engine.loaded


@pytest.mark.usefixtures("with_model")
def test_term_offsets_point_at_the_term_also_inside_link_text(tmp_path: Path) -> None:
    # Link texts are translated before the sentence around them: the report's search ran
    # ahead and lost (or misplaced) the terms of the sentence before the link.
    text = ("Die Bundeswehr traf den [Verteidigungsminister](https://example.org/a_b) in "
            "Litauen.\n")
    src = tmp_path / "link.md"
    src.write_text(text, encoding="utf-8")
    r = runner.invoke(app, ["translate", str(src), "-f", "json", "-q", "--no-cache"])
    assert r.exit_code == 0, r.output
    terms = json.loads(r.stdout)["articles"][0]["terms"]
    found = [(t["surface"], t["start"], t["end"]) for t in terms]
    assert [s for s, _, _ in found] == ["Bundeswehr", "Verteidigungsminister", "Litauen"]
    for surface, start, end in found:
        assert text[start:end] == surface


@pytest.mark.usefixtures("with_model")
def test_front_matter_is_copied_into_the_markdown_translation(tmp_path: Path) -> None:
    front = ('---\ntitle: "Marine erhält Korvette"\nauthor: Heike Brandt\n'
             "published: 2026-11-18\n---\n")
    src = tmp_path / "korvette.md"
    src.write_text(front + "# Marine erhält Korvette\n\nDie Marine hat eine neue Korvette "
                   "übernommen. Das Schiff soll im Frühjahr einsatzbereit sein.\n",
                   encoding="utf-8")
    r = runner.invoke(app, ["translate", str(src), "-f", "md", "--no-cache", "-q"])
    assert r.exit_code == 0, r.output
    assert r.stdout.startswith(front)
    assert "Die Marine hat" not in r.stdout  # the story itself went through the model


REFERENCE_LINKS = """# Neue Fregatten für die Marine

Die Marine erhielt am Montag zwei neue [Fregatten][werft] aus Kiel. Der \
[Lagebericht][] nennt die Kosten.

[werft]: https://example.org/werft_kiel?id=4_5 "Die Werft"
[Lagebericht]: <https://example.org/lage bericht>
"""


@pytest.mark.usefixtures("with_model")
@pytest.mark.parametrize("fmt", ["markdown", "text"])
def test_reference_links_keep_their_markup_and_definitions_are_copied(tmp_path: Path,
                                                                       fmt: str) -> None:
    out = _translate(tmp_path, fmt, REFERENCE_LINKS)
    # The definitions are markup: copied byte for byte, never translated.
    assert out.rstrip("\n").endswith(
        '[werft]: https://example.org/werft_kiel?id=4_5 "Die Werft"\n'
        "[Lagebericht]: <https://example.org/lage bericht>"), out
    if fmt == "markdown":  # the references survive translation
        assert re.search(r"\[[^\]]+\]\[werft\]", out) and "][]" in out, out
    assert "Die Werft" not in out.split("[werft]:")[0]
