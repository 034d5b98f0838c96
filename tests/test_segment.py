"""Tests for defnews.segment: one group per phenomenon, then properties and robustness.

All example sentences are written for these tests.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from defnews.segment import sentence_spans, split_paragraphs, split_sentences, words


def de(text: str) -> list[str]:
    return split_sentences(text, "de")


def en(text: str) -> list[str]:
    return split_sentences(text, "en")


# --- German abbreviations ---------------------------------------------------------------------

@pytest.mark.parametrize("abbr", [
    "z. B.", "z.B.", "u. a.", "d. h.", "bzw.", "ca.", "vgl.", "ggf.", "inkl.", "sog.", "evtl.",
    "insb.", "usw.", "etc.", "u.a.", "i. d. R.",
])
def test_german_abbreviation_before_lower_case_word_does_not_split(abbr: str) -> None:
    text = f"Die Truppe übt {abbr} nachts im Gelände. Danach ruht sie."
    assert de(text) == [f"Die Truppe übt {abbr} nachts im Gelände.", "Danach ruht sie."]


@pytest.mark.parametrize("abbr", [
    "Dr.", "Prof.", "Prof. Dr.", "Gen.", "Oberst.", "Lt.", "Min.", "St.", "Hptm.", "Fr.", "Hr.",
])
def test_german_titles_before_names_do_not_split(abbr: str) -> None:
    text = f"Gestern sprach {abbr} Berger vor der Presse. Sie blieb kurz."
    assert de(text) == [f"Gestern sprach {abbr} Berger vor der Presse.", "Sie blieb kurz."]


@pytest.mark.parametrize("abbr", ["Nr.", "Abs.", "Art.", "Bd.", "S.", "ca.", "Mio.", "Mrd."])
def test_german_abbreviations_before_numbers_do_not_split(abbr: str) -> None:
    text = f"Das steht in {abbr} 7 des Berichts. Er liegt vor."
    assert de(text) == [f"Das steht in {abbr} 7 des Berichts.", "Er liegt vor."]


def test_amounts_with_mio_and_mrd() -> None:
    text = "Der Auftrag umfasst 4,2 Mio. Euro bzw. 1,1 Mrd. Dollar. Das Parlament stimmt zu."
    assert de(text) == ["Der Auftrag umfasst 4,2 Mio. Euro bzw. 1,1 Mrd. Dollar.",
                        "Das Parlament stimmt zu."]


def test_list_ending_abbreviation_can_end_a_sentence() -> None:
    text = "Geliefert werden Helme, Westen usw. Die Übergabe folgt im Mai."
    assert de(text) == ["Geliefert werden Helme, Westen usw.", "Die Übergabe folgt im Mai."]
    text = "Es fehlen Zelte, Decken etc. Außerdem fehlt Treibstoff."
    assert de(text) == ["Es fehlen Zelte, Decken etc.", "Außerdem fehlt Treibstoff."]


def test_century_abbreviation() -> None:
    assert de("Im 19. Jh. entstand die Festung. Heute ist sie ein Museum.") == [
        "Im 19. Jh. entstand die Festung.", "Heute ist sie ein Museum."]


def test_truncated_adjective_abbreviation_is_not_a_sentence_end() -> None:
    text = "Es kommen zusätzl. drei Schiffe hinzu."
    assert de(text) == [text]


def test_acronym_at_sentence_end_splits() -> None:
    assert de("Das Land trat der NATO bei. Die EU folgte später.") == [
        "Das Land trat der NATO bei.", "Die EU folgte später."]
    assert de("Neu ist nur das ABS. Die Bremsen blieben.") == [
        "Neu ist nur das ABS.", "Die Bremsen blieben."]


# --- German ordinals and dates ----------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Am 31. Juli beginnt das Manöver an der Küste.",
    "Der 2. Weltkrieg veränderte die Grenzen.",
    "Im 20. Jahrhundert wuchs die Flotte stark.",
    "Am 3. 10. 2023 wurde die Einheit aufgelöst.",
    "Die 10. Panzerdivision verlegt nach Osten.",
    "Zum 75. Jahrestag kamen viele Gäste.",
    "Er feierte seinen 60. Geburtstag im Stab.",
    "Der Soldat erlitt Verbrennungen 2. Grades am Arm.",
    "Vom 3. bis 5. März tagt der Ausschuss.",
    "Die Frist endet am 1. Januar 2025 um Mitternacht.",
    "Montag, 4. November, tagt der Rat.",
])
def test_ordinals_are_not_sentence_ends(text: str) -> None:
    assert de(text) == [text]


def test_number_at_sentence_end_splits() -> None:
    assert de("Die Zahl der Verletzten stieg auf 14. Danach wurde es ruhiger.") == [
        "Die Zahl der Verletzten stieg auf 14.", "Danach wurde es ruhiger."]
    assert de("Das Werk besteht seit 1998. Bundeswehr und Industrie loben es.") == [
        "Das Werk besteht seit 1998.", "Bundeswehr und Industrie loben es."]


def test_enumeration_markers_stay_with_their_sentence() -> None:
    assert de("1. Die Lage ist ernst. 2. Die Truppe ist bereit.") == [
        "1. Die Lage ist ernst.", "2. Die Truppe ist bereit."]
    assert de("IV. Ausblick auf das nächste Jahr") == ["IV. Ausblick auf das nächste Jahr"]


def test_roman_numeral_after_name() -> None:
    assert de("König Karl III. besuchte die Kaserne.") == ["König Karl III. besuchte die Kaserne."]


# --- numbers and times ------------------------------------------------------------------------

def test_numbers_with_dots_and_commas_stay_whole() -> None:
    text = "Es nahmen 15.000 Soldaten teil. Das sind 2,5 Prozent mehr. Kosten: 1.000.000 Euro."
    assert de(text) == ["Es nahmen 15.000 Soldaten teil.", "Das sind 2,5 Prozent mehr.",
                        "Kosten: 1.000.000 Euro."]


def test_times() -> None:
    assert de("Um 14.30 Uhr landete der Hubschrauber. Um 16 Uhr flog er weiter.") == [
        "Um 14.30 Uhr landete der Hubschrauber.", "Um 16 Uhr flog er weiter."]
    assert de("Der Start ist um 9.45. Dann folgt die Übergabe.") == [
        "Der Start ist um 9.45.", "Dann folgt die Übergabe."]


# --- initials ---------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "J. R. R. Tolkien diente im Ersten Weltkrieg.",
    "Wladimir W. Putin empfing den Gast.",
    "Der Beschuldigte Karim B. schwieg vor Gericht.",
    "Präsident George H. W. Bush reiste ab.",
])
def test_initials_do_not_split(text: str) -> None:
    assert de(text) == [text]


def test_initial_at_sentence_end_before_a_typical_opener() -> None:
    assert de("Befragt wurde auch Jonas K. Er bestritt alles.") == [
        "Befragt wurde auch Jonas K.", "Er bestritt alles."]


# --- quotes -----------------------------------------------------------------------------------

def test_full_stop_inside_german_quotes() -> None:
    assert de("Der Minister sagte: „Wir liefern.“ Dann verließ er den Saal.") == [
        "Der Minister sagte: „Wir liefern.“", "Dann verließ er den Saal."]


def test_full_stop_outside_quotes() -> None:
    assert de("Er nannte es „einen Fehler“. Die Opposition widersprach.") == [
        "Er nannte es „einen Fehler“.", "Die Opposition widersprach."]


def test_guillemets_and_straight_quotes() -> None:
    text = "»Kommt die Fähre?«, fragte sie. \"Sie kommt.\" Er nickte. 'Gut.' Alle gingen."
    assert de(text) == ["»Kommt die Fähre?«, fragte sie.", "\"Sie kommt.\"", "Er nickte.",
                        "'Gut.'", "Alle gingen."]


def test_question_in_quotes_continued_by_lower_case() -> None:
    assert de("„Wer hat das befohlen?“ fragte der Oberst leise.") == [
        "„Wer hat das befohlen?“ fragte der Oberst leise."]


def test_quote_opening_a_new_sentence() -> None:
    assert de("Die Lage ist ernst. „Wir handeln“, sagte sie.") == [
        "Die Lage ist ernst.", "„Wir handeln“, sagte sie."]


# --- ? ! ellipsis parentheses -----------------------------------------------------------------

def test_question_and_exclamation_marks() -> None:
    assert de("Kommt die Lieferung? Ja! Sie kommt morgen?! Gut.") == [
        "Kommt die Lieferung?", "Ja!", "Sie kommt morgen?!", "Gut."]


def test_question_mark_before_lower_case_in_informal_text() -> None:
    assert de("Geht das noch heute? ich brauche es dringend.") == [
        "Geht das noch heute?", "ich brauche es dringend."]


def test_ellipsis() -> None:
    assert de("Ich weiß nicht... Vielleicht morgen.") == ["Ich weiß nicht...", "Vielleicht morgen."]
    assert de("Er wartete … und wartete.") == ["Er wartete … und wartete."]
    assert de("Das Zitat […] endet hier.") == ["Das Zitat […] endet hier."]


def test_parentheses() -> None:
    text = "Die Einheit (rund 300 Mann, vgl. S. 4) zog ab. (Das war geplant.) Dann kam Ruhe."
    assert de(text) == ["Die Einheit (rund 300 Mann, vgl. S. 4) zog ab.", "(Das war geplant.)",
                        "Dann kam Ruhe."]
    assert de("Er meldete 5 (?) Verletzte.") == ["Er meldete 5 (?) Verletzte."]


# --- URLs and e-mail addresses ----------------------------------------------------------------

def test_urls_and_email_addresses() -> None:
    text = ("Details stehen unter https://www.example.org/lage/bericht.html?id=4. "
            "Fragen an presse@example.org. Danke.")
    assert de(text) == ["Details stehen unter https://www.example.org/lage/bericht.html?id=4.",
                        "Fragen an presse@example.org.", "Danke."]
    assert de("Siehe www.example.de/a.b.c für mehr.") == ["Siehe www.example.de/a.b.c für mehr."]


# --- lower case after a full stop -------------------------------------------------------------

def test_lower_case_after_abbreviation_or_initial_is_no_boundary() -> None:
    assert de("Der Verdächtige Ali A. wurde festgenommen.") == [
        "Der Verdächtige Ali A. wurde festgenommen."]


def test_lower_case_after_ordinary_word_starts_sentence_in_informal_text() -> None:
    assert de("Die Ware kam beschädigt zurück. ich möchte sie umtauschen.") == [
        "Die Ware kam beschädigt zurück.", "ich möchte sie umtauschen."]
    assert de("Wir haben die Ware bestellt. ja, gestern.") == [
        "Wir haben die Ware bestellt.", "ja, gestern."]


# --- line breaks and paragraphs ---------------------------------------------------------------

def test_headline_without_full_stop_ends_at_line_break() -> None:
    text = "Marine erhält neue Fregatte\nDie Übergabe fand am Freitag statt. Sie dauerte kurz."
    assert de(text) == ["Marine erhält neue Fregatte", "Die Übergabe fand am Freitag statt.",
                        "Sie dauerte kurz."]


def test_line_break_inside_sentence_is_no_boundary() -> None:
    assert de("Die Fregatte lief am Montag\naus, trotz Sturm.") == [
        "Die Fregatte lief am Montag\naus, trotz Sturm."]
    assert de("Der Verteidigungs-\nminister kam.") == ["Der Verteidigungs-\nminister kam."]
    assert de("Geliefert wurden Panzer,\nHaubitzen und Munition.") == [
        "Geliefert wurden Panzer,\nHaubitzen und Munition."]
    assert de("Zu sehen war die\nFregatte im Hafen.") == ["Zu sehen war die\nFregatte im Hafen."]


def test_abbreviation_at_line_end_does_not_split() -> None:
    assert de("Das betrifft z. B.\ndie Marine.") == ["Das betrifft z. B.\ndie Marine."]


def test_bullets_and_dateline() -> None:
    text = "Die Punkte:\n- neue Helme\n- mehr Personal\nBerlin, 3. März 2024"
    assert de(text) == ["Die Punkte:", "- neue Helme", "- mehr Personal", "Berlin, 3. März 2024"]


def test_blank_line_always_splits() -> None:
    assert de("Seite 4 von\n\nfünf Teilen") == ["Seite 4 von", "fünf Teilen"]


def test_split_paragraphs() -> None:
    text = "Titel\n\nErster Absatz. Noch ein Satz.\nZweite Zeile.\n \n\nZweiter Absatz.\n"
    assert split_paragraphs(text) == [
        "Titel", "Erster Absatz. Noch ein Satz.\nZweite Zeile.", "Zweiter Absatz."]
    assert split_paragraphs("  \n\n ") == []


# --- English ----------------------------------------------------------------------------------

def test_english_titles_and_ranks() -> None:
    text = "Mr. and Mrs. Hale met Dr. Ruiz. Gen. Ward and Lt. Col. Price joined. They left."
    assert en(text) == ["Mr. and Mrs. Hale met Dr. Ruiz.",
                        "Gen. Ward and Lt. Col. Price joined.", "They left."]


def test_english_us_and_times() -> None:
    assert en("The U.S. Navy sent a ship. It docked in the U.S. The crew rested.") == [
        "The U.S. Navy sent a ship.", "It docked in the U.S.", "The crew rested."]
    assert en("Talks began at 9 a.m. The delegates left at 6 p.m. on Jan. 4.") == [
        "Talks began at 9 a.m.", "The delegates left at 6 p.m. on Jan. 4."]


def test_english_latin_abbreviations() -> None:
    assert en("Bring tools, e.g. saws, i.e. sharp ones, etc. The list ends here.") == [
        "Bring tools, e.g. saws, i.e. sharp ones, etc.", "The list ends here."]


def test_english_no_st_and_initials() -> None:
    assert en("He lived at No. 4 in St. Albans. J. K. Rowling wrote there. She said no. Fine.") == [
        "He lived at No. 4 in St. Albans.", "J. K. Rowling wrote there.", "She said no.", "Fine."]


def test_english_numbers_end_sentences() -> None:
    assert en("The count rose to 12. Then it fell. Feb. 3 was calm.") == [
        "The count rose to 12.", "Then it fell.", "Feb. 3 was calm."]


def test_other_language_uses_generic_rules() -> None:
    assert split_sentences("Dr. Novak arrive. Il part.", "fr") == ["Dr. Novak arrive.", "Il part."]
    assert split_sentences("Eins. Zwei.", "") == ["Eins.", "Zwei."]


# --- words ------------------------------------------------------------------------------------

def test_words() -> None:
    assert words("Die NATO-Übung kostet 15.000 Euro, d.h. 2,5 % mehr – geht's?") == [
        "Die", "NATO-Übung", "kostet", "15.000", "Euro", "d", "h", "2,5", "mehr", "geht's"]
    assert words("F-35-Jets um 14.30 Uhr; O’Neill sagte: „Nein!“") == [
        "F-35-Jets", "um", "14.30", "Uhr", "O’Neill", "sagte", "Nein"]
    assert words("... -- !!") == []


# --- spans, edge cases ------------------------------------------------------------------------

def test_spans_are_trimmed_offsets() -> None:
    text = "  Erster Satz.   Zweiter Satz!\n\n  Dritter  "
    spans = sentence_spans(text)
    assert [text[s:e] for s, e in spans] == ["Erster Satz.", "Zweiter Satz!", "Dritter"]
    assert spans[0] == (2, 14)


@pytest.mark.parametrize("text", ["", "   ", "\n\n", "."])
def test_degenerate_inputs(text: str) -> None:
    assert split_sentences(text) == ([] if not text.strip() else [text.strip()])


# --- properties -------------------------------------------------------------------------------

_ALPHABET = st.sampled_from(
    list("abcdeinrstuzäöüßABDEFKMSUVXÄÖÜ0123456789") + list(".....!!??…,;:-–()[]\"'„“”»«‚‘’/@")
    + [" ", " ", " ", " ", "\n", "\t", "\xa0"]
    + ["z. B. ", "Dr. ", "Nr. ", "3. ", "15.000", "U.S. ", " Die ", " der ", "... ", "\n\n",
       "www.x.de", "usw. ", "J. ", "Am 1. Mai "]
)
_TEXT = st.lists(_ALPHABET, max_size=120).map("".join)


def _non_ws(s: str) -> str:
    return "".join(ch for ch in s if not ch.isspace())


@settings(max_examples=400, deadline=None)
@given(_TEXT, st.sampled_from(["de", "en", "xx"]))
def test_segmentation_keeps_every_character_once_in_order(text: str, lang: str) -> None:
    spans = sentence_spans(text, lang)
    prev_end = 0
    for s, e in spans:
        assert prev_end <= s < e <= len(text)
        assert not text[s].isspace() and not text[e - 1].isspace()
        prev_end = e
    assert "".join(_non_ws(text[s:e]) for s, e in spans) == _non_ws(text)
    assert split_sentences(text, lang) == [text[s:e] for s, e in spans]


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_words_are_never_empty_and_come_from_the_text(text: str) -> None:
    for w in words(text):
        assert w and w in text and not any(ch.isspace() for ch in w)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200))
def test_any_unicode_text_is_segmented_without_loss(text: str) -> None:
    spans = sentence_spans(text)
    assert "".join(_non_ws(text[s:e]) for s, e in spans) == _non_ws(text)


# --- determinism and speed --------------------------------------------------------------------

_SAMPLE = ("Am 3. Mai kam Gen. Hoff z. B. nach Kiel. „Wir bleiben.“ Danach ging er!\n"
           "Neue Lage\nDie U.S. Navy übt... und wartet? ja. Mehr unter www.example.org. Ende.")


def test_deterministic_within_and_across_processes() -> None:
    first = sentence_spans(_SAMPLE)
    assert sentence_spans(_SAMPLE) == first
    code = ("import json, sys; from defnews.segment import sentence_spans; "
            "print(json.dumps(sentence_spans(sys.stdin.read())))")
    outputs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        out = subprocess.run([sys.executable, "-c", code], input=_SAMPLE, capture_output=True,
                             text=True, env=env, check=True).stdout
        outputs.append([tuple(x) for x in json.loads(out)])
    assert outputs[0] == outputs[1] == first


@pytest.mark.parametrize("unit", ["A. ", ". ", "z. B. ", "a" * 50, " " * 50, "\n", ")" * 9 + "."])
def test_pathological_input_is_linear(unit: str) -> None:
    text = unit * (200_000 // len(unit))
    t0 = time.perf_counter()
    spans = sentence_spans(text)
    assert time.perf_counter() - t0 < 5.0  # quadratic behaviour would take minutes
    assert "".join(_non_ws(text[s:e]) for s, e in spans) == _non_ws(text)
