"""`defnews read FILE [--json]`: what the reader understood, field sources and block roles."""

from __future__ import annotations

import json
from pathlib import Path

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
