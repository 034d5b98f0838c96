"""`defnews read FILE [--json]`: what the reader understood, field sources and block roles."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from defnews.cli import app
from test_readers_text import AGENCY_COPY, MARKDOWN_AS_TXT

runner = CliRunner()


def _read_json(path: Path) -> dict:  # type: ignore[type-arg]
    result = runner.invoke(app, ["read", str(path), "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_read_json_markdown_page_saved_as_txt(tmp_path: Path) -> None:
    src = tmp_path / "nordlicht.txt"
    src.write_text(MARKDOWN_AS_TXT, encoding="utf-8")
    [article] = _read_json(src)["articles"]
    fields = {k: v["value"] for k, v in article["fields"].items()}
    assert fields == {"title": "Finnland verlegt Panzerverbände an die Grenze",
                      "outlet": "NORDLICHT KURIER", "author": "Annika K. Virtanen",
                      "date": "2024-03-12"}
    assert article["fields"]["author"]["source"].startswith("author bullet")
    assert article["fields"]["date"]["source"] == "header line or bullet"
    assert [b["role"] for b in article["blocks"]][:4] == ["outlet", "title", "author", "date"]


def test_read_json_agency_copy(tmp_path: Path) -> None:
    src = tmp_path / "2024-10-02_flugabwehr.txt"
    src.write_text(AGENCY_COPY, encoding="utf-8")
    [article] = _read_json(src)["articles"]
    assert article["fields"]["date"] == {"value": "2024-10-02", "source": "file name"}
    assert (article["dateline_place"], article["dateline_agency"]) == ("KIEW", "ap")
    blocks = article["blocks"]
    sub = next(b for b in blocks if b["role"] == "subheading")
    assert sub["text"] == "Kraftwerke im Visier"
    body = next(b for b in blocks if b["rule"] == "dateline stripped")
    assert body["text"].startswith("Die Ukraine soll")
    furniture = [b["rule"] for b in blocks if b["boilerplate"] and b["role"] == "boilerplate"]
    assert furniture == ["tail furniture", "donation appeal", "comment prompt"]


def test_read_text_view_and_bad_input(tmp_path: Path) -> None:
    src = tmp_path / "flugabwehr.txt"
    src.write_text(AGENCY_COPY, encoding="utf-8")
    result = runner.invoke(app, ["read", str(src)])
    assert result.exit_code == 0
    assert "dateline  KIEW ap" in result.stdout
    assert "subheading  paragraph [short line between paragraphs] Kraftwerke im Visier" \
        in result.stdout
    missing = runner.invoke(app, ["read", str(tmp_path / "fehlt.txt")])
    assert missing.exit_code == 2 and "defnews:" in missing.output


def test_summary_never_quotes_the_title_or_the_dateline(tmp_path: Path) -> None:
    # Before: the title line of plain-text agency copy came back as the first summary sentence.
    src = tmp_path / "flugabwehr.txt"
    src.write_text(AGENCY_COPY, encoding="utf-8")
    result = runner.invoke(app, ["summarize", str(src), "--no-translate", "-n", "3"])
    assert result.exit_code == 0, result.output
    title, _, summary = result.stdout.partition("\n\n")
    assert title.strip() == "Ukraine erhält weitere Flugabwehr: Lieferung vor dem Winter"
    assert summary.strip() and "Lieferung vor dem Winter" not in summary
    assert "KIEW" not in summary and "ap |" not in summary


@pytest.mark.slow
@pytest.mark.usefixtures("with_model")
def test_digest_entries_never_quote_title_or_dateline(tmp_path: Path) -> None:
    folder = tmp_path / "artikel"
    folder.mkdir()
    (folder / "2024-10-02_flugabwehr.txt").write_text(AGENCY_COPY, encoding="utf-8")
    (folder / "2024-03-12_nordlicht.txt").write_text(MARKDOWN_AS_TXT, encoding="utf-8")
    out = tmp_path / "digest.json"
    result = runner.invoke(app, ["digest", str(folder), "--format", "json", "-o", str(out),
                                 "--quiet"])
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    entries = [e for key in ("stories", "entries") for e in data.get(key, [])]
    assert len(entries) == 2
    for entry in entries:
        german = [s["de"] for s in entry["summary"]]
        assert german and entry["title_de"] not in german
        assert not any("KIEW" in s or "Erfahren Sie" in s or "unterstützen" in s
                       for s in german)
    kiew = next(e for e in entries if e["title_de"].startswith("Ukraine"))
    assert kiew["dateline"] == "KIEW ap"  # kept as metadata
