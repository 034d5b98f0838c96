"""Flags on translated sentences, and the retry of loops (issue 15, point 6)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from defnews import models
from defnews.cli import app
from defnews.translate import Engine, Translator
from defnews.translate.numbers import missing_numbers
from defnews.translate.quality import (
    describe,
    flags,
    length_flag,
    repeated,
    untranslated,
)

runner = CliRunner()

# Crafted outputs, one flag kind each.
SOURCE = "Die Regierung will die Ausgaben für die Verteidigung deutlich erhöhen."


def test_german_words_left_in_the_output_are_flagged() -> None:
    out = "The government wants to erhöhen spending on defence deutlich."
    assert untranslated(SOURCE, out) == ["erhöhen", "deutlich"]
    assert flags(SOURCE, out) == ["untranslated"]


def test_names_and_keep_terms_are_not_untranslated() -> None:
    source = "Kommandeur Hagedorn besuchte die Bundeswehr in Koblenz."
    out = "Commander Hagedorn visited the Bundeswehr in Koblenz."
    assert untranslated(source, out, keep={"bundeswehr"}) == []
    # Without the glossary's keep term, a German-looking word copied over is flagged.
    assert untranslated("Die Aufklärung begann.", "The Aufklärung began.") == ["Aufklärung"]
    # Words English shares with German are not.
    assert untranslated("Der Minister will also mehr.", "The minister will also want more.") \
        == []


def test_loops_are_flagged() -> None:
    assert repeated("The commander holding holding a manoeuvre.") == ["holding"]
    assert repeated("what is what is what is the plan") != []
    assert repeated("The navy and the army and the air force met.") == []
    assert flags(SOURCE, "The government is holding holding the budget for defence.") \
        == ["repeated"]


def test_length_far_outside_the_normal_range_is_flagged() -> None:
    assert length_flag(SOURCE, "The government wants") == "too_short"
    assert length_flag(SOURCE, "The government wants to raise defence spending. " * 3) \
        == "too_long"
    assert length_flag(SOURCE, "The government wants to raise defence spending clearly.") is None
    assert length_flag("Kurz.", "A very long answer to a short question.") is None


# With the test package this sentence loops ("holding holding a manoeuvre") unless decoded
# with the repetition penalty.
LOOPING = "Der Hafenkommandant hielt am Mittwoch eine lange Rede über die Manöver der Flotte."


def test_a_number_missing_from_the_english_is_flagged() -> None:
    source = "Die Panzerbrigade 45 erhält 29,5 Millionen Euro für 1.200 Fahrzeuge."
    sound = "Armoured Brigade 45 receives 29.5 million euros for 1,200 vehicles."
    assert missing_numbers(source, sound) == [] and flags(source, sound) == []
    garbled = "Armoured Brigade 43 receives 29.5 million euros for 1,200 vehicles."
    assert missing_numbers(source, garbled) == ["45"]
    assert flags(source, garbled) == ["numbers"]
    assert "numbers missing: 45" in describe(source, garbled)
    assert missing_numbers(source, "Armoured Brigade 45 receives money for vehicles.") == [
        "29,5", "1200", "€", "Mio."]
    # A decimal is one number: its digits spread over the sentence do not make it.
    assert missing_numbers(source, "Brigade 45 gets 29.2 5 million for 1,200 vehicles.") == [
        "29,5", "€"]


def test_a_currency_percentage_or_magnitude_lost_beside_its_number_is_flagged() -> None:
    source = "Der Auftrag über 2,9 Mrd. € steigt um 4 Prozent."
    assert missing_numbers(source, "The order for €2.9 billion rises by 4 per cent.") == []
    assert missing_numbers(source, "The order for 2.9 billion rises by 4.") == ["€", "%"]
    assert missing_numbers(source, "The order for €2.9 million rises by 4%.") == ["Mrd."]
    # A currency named without a number is not a figure's unit.
    assert missing_numbers("Der Euro fiel am Montag.", "The currency fell on Monday.") == []


def test_copied_spans_and_placeholder_tokens_are_no_evidence() -> None:
    # Two slots side by side are no loop, a handle's words are not German left over, and a
    # slot's digits are not the article's numbers.
    assert flags("ZZ1 ZZ2 meldete dies am Montag auf der Plattform X.",
                 "ZZ1 ZZ2 reported this on Monday on the platform X.") == []
    assert flags("Das Kommando @kdo_heer meldete die Übung am Montag.",
                 "The command @kdo_heer reported the exercise on Monday.") == []
    assert flags("Mehr unter https://heer.example/2025/uebung am Montag.",
                 "More at https://heer.example/2025/uebung on Monday.") == []


@pytest.mark.parametrize(("source", "output"), [
    ("Der Krieg begann am 24.02.2022 im Osten.", "The war began on 24 February 2022 in the east."),
    ("Seit dem 3. Okt. 2025 übt die Brigade.", "The brigade has been training since 3 Oct 2025."),
    ("Im 2. Weltkrieg wurde die Stadt zerstört.", "The city fell in the Second World War."),
    ("Der Zug kam um 14.30 Uhr an.", "The train arrived at 14:30."),
    ("Es waren 12.500 Reservisten.", "There were 12500 reservists."),
    ("Vor 10 000 Zuschauern.", "In front of 10,000 spectators."),
    ("Die Übung beginnt um 19 Uhr.", "The exercise begins at 7 PM."),
    ("Ab 21.30 Uhr gab es wieder Strom.", "From 9:30 PM there was power again."),
    ("Der 90-Jährige erhielt 3 Orden.", "The ninety-year-old received three medals."),
    ("Der Auftrag umfasst 2,9 Mrd. €.", "The order is worth €2.9bn."),
    ("Der Etat wächst um 3,5 Prozent auf 12 Mio. Euro.",
     "The budget grows by 3.5% to 12 million euros."),
    ("Die USA zahlen 40 Milliarden Dollar.", "The US is paying $40 billion."),
])
def test_numbers_written_the_english_way_are_not_flagged(source: str, output: str) -> None:
    assert missing_numbers(source, output) == []


@pytest.mark.usefixtures("with_model")
def test_a_loop_is_retried_once_with_the_repetition_penalty() -> None:
    model = models.find_model()
    first = Engine(model).translate_batch([LOOPING])[0]
    assert repeated(first), first  # the premise: a plain decoding loops
    translator = Translator(model)
    [result] = translator.translate_sentences([LOOPING])
    assert translator.engine.careful_calls == 1
    assert (translator.stats.retried, translator.stats.retry_kept) == (1, 1)
    assert "repeated" not in result.flags and not repeated(result.text), result.text


@pytest.mark.usefixtures("with_model")
def test_flags_reach_json_bilingual_html_and_stderr(tmp_path: Path) -> None:
    src = tmp_path / "meldung.md"
    # A heading the test package leaves half German, and a sentence it cuts short.
    src.write_text("# Iran und Belarus stärken ihre Verteidigungsbeziehungen\n\n"
                   "Warschau, Polen, ist eine dreistündige Autofahrt von der belarussischen "
                   "Grenze entfernt.\n\nDie Marine erhielt am Montag zwei neue Fregatten.\n",
                   encoding="utf-8")
    r = runner.invoke(app, ["translate", str(src), "-f", "json", "--no-cache"])
    assert r.exit_code == 0, r.output
    sentences = [s for b in json.loads(r.stdout)["articles"][0]["blocks"]
                 for s in b["sentences"]]
    flagged = [s for s in sentences if s["flags"]]
    assert 1 <= len(flagged) < len(sentences)
    assert f"defnews: {len(flagged)} of {len(sentences)} sentences flagged; --report lists them" \
        in r.stderr.splitlines()
    r = runner.invoke(app, ["translate", str(src), "-f", "bilingual", "--report", "-q"])
    assert r.stdout.count(" ⚑ ") == len(flagged)
    assert f"flagged sentences: {src}: {len(flagged)} of {len(sentences)}" in r.stderr
    r = runner.invoke(app, ["translate", str(src), "-f", "html", "-q"])
    assert r.stdout.count('class="flag"') == len({json.dumps(s) for s in flagged})
