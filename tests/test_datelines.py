"""Datelines of every printed shape are read as metadata, rendered in English and never
sent to the model; ordinary story openings are left alone."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from defnews.article import Article
from defnews.cli import app
from defnews.glossary import load_glossary
from defnews.readers import read_bytes
from defnews.translate import ArticleTranslation

runner = CliRunner()

BODY = ("Die Marine erhielt am Montag zwei neue Fregatten. Die Schiffe wurden in Kiel gebaut "
        "und sollen im Frühjahr in Dienst gestellt werden.")
BODY_START = "Die Marine erhielt"


def _read(first: str) -> Article:
    text = f"# Neue Fregatten für die Marine\n\n{first}{BODY}\n"
    [article] = read_bytes(text.encode(), "fregatten.md")
    return article


# (opening as printed, place, agency, the English dateline)
NEW_SHAPES = [
    # a long agency name, with a space
    ("Mainz (dts Nachrichtenagentur) - ", "Mainz", "dts Nachrichtenagentur", "Mainz (DTS) —"),
    # emphasis around all or part of the dateline
    ("**Berlin (dpa)** - ", "Berlin", "dpa", "Berlin (DPA) —"),
    ("**Berlin** (dpa) - ", "Berlin", "dpa", "Berlin (DPA) —"),
    # the full-stop form with several places or a two-word place
    ("BRÜSSEL/BERLIN. ", "BRÜSSEL/BERLIN", None, "BRUSSELS/BERLIN —"),
    ("Kiew/Moskau. ", "Kiew/Moskau", None, "Kyiv/Moscow —"),
    ("Bad Tölz. ", "Bad Tölz", None, "Bad Tölz —"),
    # no dash after a known agency; abbreviations in the place
    ("Bonn (KNA) ", "Bonn", "KNA", "Bonn (KNA) —"),
    ("Frankfurt a.M. (epd) - ", "Frankfurt a.M.", "epd", "Frankfurt a.M. (EPD) —"),
    ("St. Petersburg (AFP) - ", "St. Petersburg", "AFP", "St Petersburg (AFP) —"),
    ("Washington D.C. (AP) - ", "Washington D.C.", "AP", "Washington D.C. (AP) —"),
    ("Frankfurt a.M. (epd). ", "Frankfurt a.M.", "epd", "Frankfurt a.M. (EPD) —"),
    # a press release: place, day, dash
    ("Berlin, 26. März 2025 – ", "Berlin", None, "Berlin, 26 March 2025 —"),
    # the day printed before the agency is rendered with it
    ("BERLIN, 12. März (Reuters) - ", "BERLIN", "Reuters", "BERLIN, 12 March (REUTERS) —"),
]
# Shapes read before these rules; they must keep working.
KNOWN_SHAPES = [
    ("Rostock (dpa/mv) - ", "Rostock", "dpa/mv", "Rostock (DPA/MV) —"),
    ("Berlin (AFP/dpa) - ", "Berlin", "AFP/dpa", "Berlin (AFP/DPA) —"),
    ("London (Reuters) – ", "London", "Reuters", "London (REUTERS) —"),
    ("Mainz (dts) - ", "Mainz", "dts", "Mainz (DTS) —"),
    ("Frankfurt/Main (dpa) - ", "Frankfurt/Main", "dpa", "Frankfurt/Main (DPA) —"),
    ("MOSKAU ap | ", "MOSKAU", "ap", "MOSCOW (AP) —"),
    ("Helsinki. ", "Helsinki", None, "Helsinki —"),
    ("__Bremen (dpa) –__ ", "Bremen", "dpa", "Bremen (DPA) —"),
]


def _check(first: str, place: str, agency: str | None, english: str) -> None:
    article = _read(first)
    assert (article.dateline_place, article.dateline_agency) == (place, agency)
    story = article.story_paragraphs()
    assert story[1] == BODY, story  # the dateline and its emphasis marks are cut
    # Neither the printed dateline nor its marks go to the model.
    plan = ArticleTranslation.plan(article, glossary=load_glossary())
    sent = plan.sentences()
    assert any(s.startswith(BODY_START) for s in sent), sent
    assert not any(place in s or "**" in s or "__" in s for s in sent), sent
    assert plan.dateline is not None and plan.dateline[1] == english


@pytest.mark.parametrize(("first", "place", "agency", "english"), NEW_SHAPES)
def test_new_dateline_shapes_are_read_and_rendered(first: str, place: str,
                                                   agency: str | None, english: str) -> None:
    _check(first, place, agency, english)


@pytest.mark.parametrize(("first", "place", "agency", "english"), KNOWN_SHAPES)
def test_known_dateline_shapes_keep_working(first: str, place: str, agency: str | None,
                                            english: str) -> None:
    _check(first, place, agency, english)


def test_a_press_release_date_is_the_article_date() -> None:
    assert _read("Berlin, 26. März 2025 – ").date == "2025-03-26"


@pytest.mark.usefixtures("with_model")
@pytest.mark.parametrize(("first", "english"), [
    ("**Berlin (dpa)** - ", "Berlin (DPA) — "),
    ("Mainz (dts Nachrichtenagentur) - ", "Mainz (DTS) — "),
    ("Bonn (KNA) ", "Bonn (KNA) — "),
    ("St. Petersburg (AFP) - ", "St Petersburg (AFP) — "),
    ("Kiew/Moskau. ", "Kyiv/Moscow — "),
    ("Berlin, 26. März 2025 – ", "Berlin, 26 March 2025 — "),
])
def test_translated_first_line_opens_with_the_english_dateline(
        tmp_path: Path, first: str, english: str) -> None:
    src = tmp_path / "fregatten.md"
    src.write_text(f"# Neue Fregatten für die Marine\n\n{first}{BODY}\n", encoding="utf-8")
    r = runner.invoke(app, ["translate", str(src), "-f", "markdown", "-q", "--no-cache"])
    assert r.exit_code == 0, r.output
    line = next(ln for ln in r.stdout.splitlines() if ln.startswith(english))
    rest = line[len(english):]
    # The rest is the translated sentence, without the printed dateline.
    assert rest.startswith("The "), line
    for printed in (first.split()[0].strip("*_,."), "(", "**", "März", "Nachrichtenagentur"):
        assert printed not in rest, line


@pytest.mark.parametrize("first", [
    "Ja. Das ",  # a one-word sentence
    "Achtung. ",
    "Nein. ",
    "Berlin hat am Montag mitgeteilt: ",  # a city as the subject
    "Die Bundeswehr (BW) hat mitgeteilt: ",  # an abbreviation in brackets
    "Die Regierung. ",  # two capitalised words are a sentence
    "Dr. Finn Larsen sagte: ",  # a title, not a place
])
def test_an_ordinary_opening_is_no_dateline(first: str) -> None:
    article = _read(first)
    assert article.dateline is None and article.dateline_place is None
    assert article.story_paragraphs()[1].startswith(first.strip())


def test_emphasis_running_on_past_the_dateline_keeps_its_opening_mark() -> None:
    [article] = read_bytes(f"# Neue Fregatten\n\n**Berlin (dpa) - {BODY}**\n".encode(), "f.md")
    assert (article.dateline_place, article.dateline_agency) == ("Berlin", "dpa")
    [body] = [b for b in article.blocks if b.rule == "dateline stripped"]
    assert body.text == f"**{BODY}**"
