"""What each output format shows, with the real test package (issue 15, points 2-5)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

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
