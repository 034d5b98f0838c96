"""Metadata is copied or rendered, never sent to the model (issue 15, point 4)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from defnews import models
from defnews.article import Article, Block
from defnews.cli import app
from defnews.glossary import load_glossary
from defnews.translate import ArticleTranslation, Translator
from defnews.translate.metadata import english_date, english_dateline

runner = CliRunner()


def _article() -> Article:
    return Article(
        blocks=[
            Block("paragraph", "DER WACHPOSTEN", role="outlet"),
            Block("heading", "Die Marine erhielt zwei neue Fregatten", prefix="# ", level=1,
                  role="title"),
            Block("list_item", "Karl-Heinz Übelacker", prefix="- ", role="author"),
            Block("list_item", "[07.08.2023](#)", prefix="- ", role="date"),
            Block("paragraph", "MOSKAU ap | Die Marine erhielt am Montag zwei neue Fregatten.",
                  role="body"),
        ],
        title="Die Marine erhielt zwei neue Fregatten", outlet="DER WACHPOSTEN",
        author="Karl-Heinz Übelacker", date="2023-08-07", dateline="MOSKAU ap",
        dateline_place="MOSKAU", dateline_agency="ap", format="markdown")


def test_english_dates() -> None:
    assert english_date("2023-08-07") == "7 August 2023"
    assert english_date("2026-11-20T10:00:00") == "20 November 2026"
    assert english_date(None) is None and english_date("2023") is None


def test_dateline_place_goes_through_the_glossary() -> None:
    glossary = load_glossary()
    assert english_dateline(_article(), glossary) == "MOSCOW (AP) —"
    article = _article()
    article.dateline_place, article.dateline_agency = "Brüssel", None
    assert english_dateline(article, glossary) == "Brussels —"
    article.dateline_place = "Kleinkleckersdorf"
    assert english_dateline(article, glossary) == "Kleinkleckersdorf —"


def test_metadata_blocks_are_not_sent_to_the_model() -> None:
    plan = ArticleTranslation.plan(_article(), glossary=load_glossary())
    sent = " ".join(plan.sentences())
    for text in ("WACHPOSTEN", "Übelacker", "07.08.2023", "MOSKAU"):
        assert text not in sent
    assert "Die Marine erhielt am Montag zwei neue Fregatten." in plan.sentences()


@pytest.mark.usefixtures("with_model")
def test_metadata_is_copied_or_rendered_in_english() -> None:
    article = _article()
    Translator(models.find_model(), glossary=load_glossary()).translate_articles([article])
    outlet, _title, author, date, body = article.blocks
    assert outlet.translation == "DER WACHPOSTEN"
    assert author.translation == "Karl-Heinz Übelacker"
    assert date.translation == "7 August 2023"
    assert body.translation is not None and body.translation.startswith("MOSCOW (AP) — ")
    assert "MOSKAU" not in body.translation and "|" not in body.translation


@pytest.mark.usefixtures("with_model")
def test_a_reader_without_roles_gets_the_same(tmp_path: Path) -> None:
    src = tmp_path / "meldung.md"
    src.write_text("Der Wachposten\n\n# Die Marine erhielt zwei neue Fregatten\n\n"
                   "Von Karl Übelacker\n7. August 2023\n\n"
                   "MOSKAU ap | Die Marine erhielt am Montag zwei neue Fregatten. Die Schiffe "
                   "wurden in Kiel gebaut und sollen im Frühjahr in Dienst gestellt werden.\n",
                   encoding="utf-8")
    r = runner.invoke(app, ["translate", str(src), "-f", "markdown", "-q", "--no-cache"])
    assert r.exit_code == 0, r.output
    lines = r.stdout.splitlines()
    assert lines[0] == "Der Wachposten"
    assert "By Karl Übelacker" in lines and "7 August 2023" in lines
    assert any(ln.startswith("MOSCOW (AP) — ") for ln in lines), lines


def test_only_whole_metadata_lines_are_copied() -> None:
    from defnews.translate.metadata import metadata_text

    article = _article()
    article.blocks[0].role = ""
    for text, english in [("Von Karl-Heinz Übelacker", "By Karl-Heinz Übelacker"),
                          ("Autor: Karl-Heinz Übelacker\n7. August 2023",
                           "Author: Karl-Heinz Übelacker\n7 August 2023"),
                          ("DER WACHPOSTEN", "DER WACHPOSTEN")]:
        assert metadata_text(Block("paragraph", text), article) == english
    for prose in ["Karl-Heinz Übelacker sagte, die Schiffe seien bereit.",
                  "Am 7. August 2023 liefen die Schiffe aus.", "DER WACHPOSTEN meldet Neues."]:
        assert metadata_text(Block("paragraph", prose), article) is None, prose


PAGE = """<!DOCTYPE html><html lang="de"><head><meta charset="utf-8">
<title>Neue Fregatten für die Marine | Der Wachposten</title>
<meta property="og:site_name" content="Der Wachposten">
<script type="application/ld+json">{"@type": "NewsArticle",
 "headline": "Neue Fregatten für die Marine", "datePublished": "2023-08-07T09:30:00+02:00",
 "author": {"@type": "Person", "name": "Karl-Heinz Übelacker"}}</script></head>
<body><article><h1>Neue Fregatten für die Marine</h1>
<p>Die Marine hat am Montag in Wilhelmshaven zwei neue Fregatten übernommen. Die Schiffe
sollen vom kommenden Jahr an in der Nordsee und im Nordatlantik eingesetzt werden.</p>
<p>Der Inspekteur der Marine sprach von einem wichtigen Tag für die Flotte. Bis zum Ende des
Jahrzehnts sollen zwei weitere Schiffe derselben Klasse folgen.</p></article></body></html>
"""


@pytest.mark.usefixtures("with_model")
@pytest.mark.parametrize("fmt", ["markdown", "text"])
def test_a_page_gets_its_byline_under_the_title(tmp_path: Path, fmt: str) -> None:
    # A page's outlet, author and date are in its markup, not in lines of its text: the
    # translation shows them under the title, the date in English, none of it translated.
    src = tmp_path / "fregatten.html"
    src.write_text(PAGE, encoding="utf-8")
    r = runner.invoke(app, ["translate", str(src), "-f", fmt, "-q", "--no-cache"])
    assert r.exit_code == 0, r.stderr
    lines = [line for line in r.stdout.split("\n") if line.strip()]
    assert lines[1] == "Der Wachposten · Karl-Heinz Übelacker · 7 August 2023"
    assert r.stdout.count("Karl-Heinz Übelacker") == 1


@pytest.mark.usefixtures("with_model")
def test_an_article_with_its_own_metadata_lines_gets_no_second_byline(tmp_path: Path) -> None:
    src = tmp_path / "fregatten.md"
    src.write_text("Der Wachposten\n\n# Neue Fregatten für die Marine\n\n"
                   "Von Karl-Heinz Übelacker\n\n7. August 2023\n\n"
                   "Die Marine hat am Montag zwei neue Fregatten übernommen. Die Schiffe sollen "
                   "vom kommenden Jahr an in der Nordsee eingesetzt werden.\n", encoding="utf-8")
    r = runner.invoke(app, ["translate", str(src), "-f", "markdown", "-q", "--no-cache"])
    assert r.exit_code == 0, r.stderr
    assert r.stdout.count("Karl-Heinz Übelacker") == 1 and "·" not in r.stdout


@pytest.mark.usefixtures("with_model")
def test_an_update_note_keeps_its_own_date(tmp_path: Path) -> None:
    # A labelled date line says what its date is; it is never replaced by the article's date.
    page = PAGE.replace("</article>", "<p>Dieser Artikel wurde am 12.03.2025 um 14:10 Uhr "
                                      "aktualisiert.</p></article>")
    src = tmp_path / "fregatten.html"
    src.write_text(page, encoding="utf-8")
    r = runner.invoke(app, ["translate", str(src), "-f", "markdown", "-q", "--no-cache"])
    assert r.exit_code == 0, r.stderr
    assert r.stdout.rstrip().endswith("Updated 12 March 2025, 14:10")
    assert r.stdout.count("7 August 2023") == 1  # the byline's, not the update note's
