"""Verified restoration: no trace of a placeholder reaches the user, whatever the model does
to the tokens, and a term is reported applied only when its English form is in the text.

The "models" here are crafted to glue letters onto tokens, split their digits, change their
case and put spaces inside them, in every pass (the fallbacks included); one test runs the
real engine (the project's test package) on sentences written for it.
"""

from __future__ import annotations

import re

import pytest

from defnews import placeholders
from defnews.glossary import Entry, Glossary, enforce, render_target
from defnews.glossary.enforce import english_plural

TOKEN = re.compile(r"ZZ(\d+)")


def _g() -> Glossary:
    return Glossary([Entry("Teheran", "Tehran", pos="name"),
                     Entry("Kampfpanzer", "main battle tank", variants=("battle tank",)),
                     Entry("Panzer", "tank"),
                     Entry("Verteidigungsminister", "defence minister")])


# Each mangling turns a well-formed token ZZn into a shape models were seen to produce.
MANGLE = {
    "glued": lambda n: f"ZZ{n}iaaaaten",
    "glued_one": lambda n: f"ZZ{n}n",
    "split": lambda n: f"ZZ {n} {n}",
    "spaced": lambda n: f"Z Z{n}",
    "lower_glued": lambda n: f"zz{n}i",
    "bare": lambda n: "ZZ",
    "before": lambda n: f"theZZ{n}",
}


def _model(kind: str, words: dict[str, str]):
    """A translator that mangles every token and translates a few words."""
    def translate(batch: list[str]) -> list[str]:
        out = []
        for s in batch:
            s = TOKEN.sub(lambda m: MANGLE[kind](int(m.group(1))), s)
            for de, en in words.items():
                s = s.replace(de, en)
            out.append(s)
        return out
    return translate


WORDS = {"Der": "The", "reiste nach": "travelled to", "Er sah": "He saw", "und": "and",
         "Teheran": "Teheran", "Kampfpanzer": "battle tanks", "Panzer": "armour"}


@pytest.mark.parametrize("kind", sorted(MANGLE))
def test_mangled_tokens_never_reach_the_text(kind: str) -> None:
    sentences = ["Der Verteidigungsminister reiste nach Teheran.",
                 "Er sah Kampfpanzer und Panzer."]
    results = enforce(sentences, _g(), _model(kind, WORDS))
    for res in results:
        assert placeholders.find_residue(res.text) == [], (kind, res.text)
        for t in res.terms:
            if t["status"] in {"placeholder", "fallback"}:
                # The English form the report names stands in the text as a whole word.
                assert re.search(rf"(?<!\w){re.escape(t['written'])}(?!\w)", res.text), t
                assert t["written"].casefold().startswith(t["en"].casefold()[:4])


def test_source_tokens_of_an_outer_masking_survive_but_mangled_ones_do_not() -> None:
    # "ZZ1" stands for a link the markup masked before enforcement: it must stay well formed
    # (the markup puts the link back later); a mangled copy of it must not stay.
    sentence = "Der Verteidigungsminister reiste nach ZZ1."
    [kept] = enforce([sentence], _g(), lambda b: [s.replace("Der", "The") for s in b])
    assert kept.text == "The defence minister reiste nach ZZ1."
    [res] = enforce([sentence], _g(), _model("glued_one", WORDS))
    assert placeholders.find_residue(res.text) == [], res.text


def test_a_term_is_applied_only_where_its_whole_word_stands() -> None:
    g = Glossary([Entry("Panzer", "tank")])

    def tanker(batch: list[str]) -> list[str]:
        return ["The tanker left." for _ in batch]  # "tank" only inside "tanker"

    [res] = enforce(["Der Panzer fuhr."], g, tanker, split_fallback=False)
    assert res.terms[0]["status"] == "not_applied"
    assert "written" not in res.terms[0]


def test_one_occurrence_serves_one_slot() -> None:
    g = Glossary([Entry("Kampfpanzer", "main battle tank"), Entry("Panzer", "tank")])

    def one_tank(batch: list[str]) -> list[str]:
        return ["He saw a main battle tank." for _ in batch]

    [res] = enforce(["Er sah einen Kampfpanzer und einen Panzer."], g, one_tank,
                    split_fallback=False)
    by_de = {t["de"]: t for t in res.terms}
    assert by_de["Kampfpanzer"]["status"] == "fallback"
    assert by_de["Kampfpanzer"]["written"] == "main battle tank"
    assert by_de["Panzer"]["status"] == "not_applied"


def test_report_shows_the_form_written() -> None:
    g = Glossary([Entry("Soldat", "soldier")])

    def copy(batch: list[str]) -> list[str]:
        return [s.replace("Zwei", "Two").replace("kamen", "came") for s in batch]

    [res] = enforce(["Zwei Soldaten kamen."], g, copy)
    assert res.text == "Two soldiers came."
    assert res.terms[0]["written"] == "soldiers"


def test_a_plural_target_is_not_pluralised_again() -> None:
    g = Glossary([Entry("Truppe", "troops"), Entry("Kaserne", "barracks"),
                  Entry("Streitkräfte", "armed forces"), Entry("Panzer", "tank")])
    found = {m.surface: render_target(m) for m in g.find(
        "Zwei Truppen in drei Kasernen, die Streitkräfte und zwei Panzer.")}
    assert found == {"Truppen": "troops", "Kasernen": "barracks", "Streitkräfte": "armed forces",
                     "Panzer": "tanks"}
    assert [english_plural(w) for w in ("bus", "class")] == ["buses", "classes"]


@pytest.mark.slow
@pytest.mark.usefixtures("with_model")
def test_real_engine_output_is_clean_and_verified() -> None:
    from defnews import models
    from defnews.glossary import load_glossary
    from defnews.translate import Engine

    # Sentences written for this test; with the test package the first comes back as
    # "In the ZZ1n year ..." from the masked pass (seen on the code before this change).
    sentences = ["Im vergangenen Jahr stärkten Iran und Belarus ihre Verteidigungsbeziehungen.",
                 "Russische Kampfflugzeuge griffen Ziele in der Ukraine an, sagte der Generalstab.",
                 "Die Luftwaffe flog Luftangriffe auf Stellungen der Huthi-Milizen im Jemen."]
    engine = Engine(models.find_model())
    g = load_glossary()
    for res in enforce(sentences, g, engine.translate_batch, engine.translate_nbest):
        assert placeholders.find_residue(res.text) == [], res.text
        for t in res.terms:
            if t["status"] in {"placeholder", "fallback"}:
                assert re.search(rf"(?<!\w){re.escape(t['en'])}", res.text, re.IGNORECASE), \
                    (t, res.text)


def test_the_split_fallback_delivers_every_term_when_the_model_invents_tokens() -> None:
    # This model drops every placeholder it is given and writes a token of its own into
    # text that held none (the test package does both on lists of countries). The pieces
    # around the terms are then the only clean route: the invented token is cut from them
    # and every term arrives, instead of the whole candidate being discarded as unclean.
    g = Glossary([Entry("Litauen", "Lithuania", pos="name"),
                  Entry("Lettland", "Latvia", pos="name"),
                  Entry("Finnland", "Finland", pos="name")])

    def model(batch: list[str]) -> list[str]:
        out = []
        for s in batch:
            s = TOKEN.sub("", s).replace("Einheiten aus", "units from").replace("und", "and")
            out.append(s.rstrip(" .") + " ZZ1." if "units" in s else s)
        return out

    sentence = "Beteiligt sind Einheiten aus Litauen, Lettland und Finnland."
    [res] = enforce([sentence], g, model)
    assert placeholders.find_residue(res.text) == [], res.text
    assert [t["status"] for t in res.terms] == ["fallback"] * 3, res.terms
    for en in ("Lithuania", "Latvia", "Finland"):
        assert en in res.text, res.text
