"""Summary sentences a reader accepts (issue 19, point 2). All texts are invented here."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from defnews.cli import app
from defnews.digest.candidates import candidates, is_fragment, strip_dateline

runner = CliRunner()

TITLE = "Marine erhält neue Fregatten für die Ostsee"
ARTICLE = f"""{TITLE}

{TITLE}

KIEL dpa | Die Deutsche Marine erhält bis 2031 vier neue Fregatten für Einsätze in der Ostsee.

Dies sei ein wichtiger Schritt für die Fregatten der Marine in der Ostsee, sagte der Inspekteur.

Lesen Sie auch

Die Werft in Kiel baut die Schiffe in zwei Losen, das erste soll 2028 übergeben werden.

Der Auftrag hat einen Wert von rund vier Milliarden Euro und wird aus dem Haushalt bezahlt.

Beobachter erwarten weitere Bestellungen, sobald die ersten Schiffe im Dienst sind.
"""


def _summary(tmp_path: Path, text: str, n: int) -> list[dict]:
    src = tmp_path / "artikel.txt"
    src.write_text(text, encoding="utf-8")
    r = runner.invoke(app, ["summarize", str(src), "--no-translate", "--no-glossary",
                            "-n", str(n), "--format", "json"])
    assert r.exit_code == 0, r.stderr
    return json.loads(r.stdout)["summary"]


@pytest.mark.parametrize("n", [1, 2, 3, 4])
def test_no_title_dateline_or_fragment_in_a_summary(tmp_path: Path, n: int) -> None:
    chosen = [s["source"] for s in _summary(tmp_path, ARTICLE, n)]
    assert len(chosen) == n
    for s in chosen:
        assert s != TITLE
        assert not s.startswith("KIEL")
        assert "Lesen Sie auch" not in s
        assert s.endswith(".")
    if n <= 3:  # three other sentences are as good as the one opening with "Dies"
        assert not any(s.startswith("Dies ") for s in chosen)


def test_the_dateline_is_taken_off_not_the_sentence(tmp_path: Path) -> None:
    chosen = [s["source"] for s in _summary(tmp_path, ARTICLE, 1)]
    assert chosen == ["Die Deutsche Marine erhält bis 2031 vier neue Fregatten für Einsätze "
                      "in der Ostsee."]


def test_a_sentence_opening_with_a_reference_is_used_when_nothing_else_is_left(
        tmp_path: Path) -> None:
    text = ("Übung in Bayern\n\nDie Gebirgsjäger üben seit Montag im Allgäu den Winterkampf.\n\n"
            "Dies teilte das Kommando am Dienstag in München mit.\n")
    chosen = [s["source"] for s in _summary(tmp_path, text, 2)]
    assert chosen[1].startswith("Dies teilte")


@pytest.mark.parametrize(("raw", "clean"), [
    ("MOSKAU ap | Die Regierung hat den Etat erhöht.", "Die Regierung hat den Etat erhöht."),
    ("Berlin (dpa) - Der Bundestag stimmte am Abend zu.", "Der Bundestag stimmte am Abend zu."),
    ("BRÜSSEL, 4. März (AFP) – Die Minister berieten lange.", "Die Minister berieten lange."),
    ("Kiew/Charkiw (Reuters) – Die Front blieb ruhig am Tag.", "Die Front blieb ruhig am Tag."),
    ("(dpa) - Das Heer übt ab Montag in Sachsen.", "Das Heer übt ab Montag in Sachsen."),
])
def test_datelines_and_agency_prefixes_are_taken_off(raw: str, clean: str) -> None:
    assert strip_dateline(raw) == clean


@pytest.mark.parametrize("sentence", [
    "NATO-Generalsekretär Rutte sprach am Dienstag in Vilnius.",
    "Die Regierung - so heißt es in Berlin - hat entschieden.",
    "Der Minister (CDU) – bekannt für klare Worte – schwieg.",
    "Berlin hat am Dienstag neue Hilfen angekündigt.",
])
def test_sentences_without_a_dateline_stay_as_they_are(sentence: str) -> None:
    assert strip_dateline(sentence) == sentence


@pytest.mark.parametrize(("sentence", "fragment"), [
    ("Die Lage an der Grenze ist ernst.", False),
    ("„Wir sind bereit“, sagte der General.", False),
    ("2025 stieg der Etat um vier Prozent.", False),
    ("Lesen Sie auch", True),
    ("Die wichtigsten Punkte im Überblick:", True),
    ("und danach zogen sich die Truppen zurück.", True),
])
def test_fragments_are_recognised(sentence: str, fragment: bool) -> None:
    assert is_fragment(sentence) is fragment


def test_a_title_glued_to_the_first_sentence_is_cut_off() -> None:
    got = candidates([f"{TITLE} Die Marine bestellt vier Schiffe bei der Werft."], TITLE)
    assert [c.text for c in got] == ["Die Marine bestellt vier Schiffe bei der Werft."]


def test_a_headline_only_text_still_has_a_candidate() -> None:
    assert [c.text for c in candidates([TITLE], TITLE)] == [TITLE]


@pytest.mark.usefixtures("with_model")
def test_json_keeps_the_german_sentence_beside_its_english(tmp_path: Path) -> None:
    src = tmp_path / "artikel.txt"
    src.write_text(ARTICLE, encoding="utf-8")
    r = runner.invoke(app, ["summarize", str(src), "-n", "2", "--format", "json", "--no-cache"])
    assert r.exit_code == 0, r.stderr
    for s in json.loads(r.stdout)["summary"]:
        assert s["source"] in ARTICLE.replace("KIEL dpa | ", "")
        assert s["translation"] and s["translation"] != s["source"]


@pytest.mark.usefixtures("with_model")
def test_translate_first_honours_ratio_and_keeps_term_outcomes(tmp_path: Path) -> None:
    src = tmp_path / "artikel.txt"
    src.write_text(ARTICLE, encoding="utf-8")
    r = runner.invoke(app, ["summarize", str(src), "--translate-first", "--ratio", "0.3",
                            "--format", "json", "--no-cache"])
    assert r.exit_code == 0, r.stderr
    data = json.loads(r.stdout)
    n = data["sentences_in_article"]
    assert len(data["summary"]) == max(1, int(n * 0.3 + 0.5)) != 3  # not the default -n 3
    assert data["terms"], "the glossary outcomes of the chosen sentences are kept"
    assert {t["de"] for t in data["terms"]} & {"Marine", "Fregatte", "Inspekteur", "Werft"}


@pytest.mark.parametrize(("sentence", "dangling"), [
    ("Und zwar häufig dann, wenn die Flotte übt.", True),
    ("Denn die Lage an der Grenze bleibt angespannt.", True),
    ("Aber die Regierung hält an dem Vertrag fest.", False),
    ("Denner Logistik liefert die Ersatzteile.", False),
])
def test_continuations_open_with_an_unresolved_reference(sentence: str, dangling: bool) -> None:
    [c] = candidates([sentence], None)
    assert c.dangling is dangling


def test_a_sentence_repeated_word_for_word_is_quoted_once(tmp_path: Path) -> None:
    # An article pasted twice, or a sentence the page repeats: the summary says it once.
    src = tmp_path / "doppelt.txt"
    src.write_text("Die Marine übt in der Ostsee. Die Marine übt in der Ostsee.\n\n"
                   "Die Marine übt in der Ostsee.\n", encoding="utf-8")
    r = CliRunner().invoke(app, ["summarize", str(src), "--no-translate", "--lang", "de",
                                 "-n", "2", "--format", "json"])
    assert r.exit_code == 0, r.stderr
    assert [s["source"] for s in json.loads(r.stdout)["summary"]] == [
        "Die Marine übt in der Ostsee."]


def test_furniture_sentences_inside_a_story_paragraph_are_not_quoted(tmp_path: Path) -> None:
    src = tmp_path / "fregatten.md"
    src.write_text(
        "# Zwei neue Fregatten für die Marine\n\n"
        "Die Marine hat am Montag in Kiel zwei neue Fregatten übernommen. Mehr zum Thema: Die "
        "Fregatten der Marine im Überblick. Die Schiffe sollen ab 2028 im Nordatlantik fahren.\n\n"
        "Die Kosten belaufen sich auf rund 2,1 Milliarden Euro. Folgen Sie uns auf Instagram "
        "und Facebook. Der Haushaltsausschuss hatte das Vorhaben im Herbst gebilligt.\n",
        encoding="utf-8")
    r = runner.invoke(app, ["summarize", str(src), "--lang", "de", "--no-translate", "-n", "4",
                            "--format", "json"])
    assert r.exit_code == 0, r.stderr
    chosen = [s["source"] for s in json.loads(r.stdout)["summary"]]
    assert len(chosen) == 4
    assert not any(s.startswith(("Mehr zum Thema", "Folgen Sie")) for s in chosen), chosen
    # A text made only of such sentences still gets a summary.
    assert [c.text for c in candidates(["Mehr zum Thema: Die Fregatten im Überblick."],
                                       None)] == ["Mehr zum Thema: Die Fregatten im Überblick."]
