"""Glossary: the labelled set (recall, precision, must-not), loading, lint, enforcement."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from defnews import placeholders
from defnews.errors import InputError
from defnews.glossary import Entry, Glossary, enforce, lint_file, load_glossary
from defnews.glossary.enforce import protect, restore

CASES = Path(__file__).parent / "data" / "glossary_cases.tsv"


def labelled_cases() -> list[tuple[str, set[tuple[str, str, bool]], list[str]]]:
    out = []
    for line in CASES.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        sentence, expected, must_not = (line.split("\t") + ["", ""])[:3]
        exp = set()
        for item in filter(None, (x.strip() for x in expected.split(";"))):
            entry, surface = item.split("@")
            exp.add((entry, surface.rstrip("*"), surface.endswith("*")))
        out.append((sentence, exp, [x.strip() for x in must_not.split(";") if x.strip()]))
    return out


def score(glossary: Glossary) -> tuple[float, float, list[str]]:
    tp = fp = fn = 0
    forbidden = []
    for sentence, expected, must_not in labelled_cases():
        got = {(m.de, m.surface, m.compound) for m in glossary.find(sentence)}
        tp += len(got & expected)
        fp += len(got - expected)
        fn += len(expected - got)
        for m in glossary.find(sentence):
            if any(m.surface == bad or m.surface.endswith(bad) and not m.compound
                   for bad in must_not):
                forbidden.append(f"{sentence}: {m.surface}")
    return tp / (tp + fn), tp / (tp + fp), forbidden


def test_labelled_set_recall_precision_and_must_not() -> None:
    cases = labelled_cases()
    assert len(cases) >= 80
    recall, precision, forbidden = score(load_glossary())
    assert recall >= 0.95, recall
    assert precision >= 0.98, precision
    assert forbidden == []


def test_offsets_point_into_the_input() -> None:
    text = "Im Januar reiste der VERTEIDIGUNGSMINISTER nach Teheran."
    for m in load_glossary().find(text):
        assert text[m.start:m.end] == m.surface


def test_longest_match_wins() -> None:
    g = load_glossary()
    matches = g.find("Der Verteidigungsminister lobte die gemeinsame Militärübung.")
    assert [m.de for m in matches] == ["Verteidigungsminister", "gemeinsame Militärübung"]


def test_shipped_glossary_is_large_and_lints_clean() -> None:
    from defnews import paths

    files = sorted(paths.shipped_glossary_dir().glob("*.tsv"))
    assert len(load_glossary(use_user=False).entries) >= 400
    for f in files:
        assert [i for i in lint_file(f) if i.severity == "error"] == []


def test_lint_finds_problems(tmp_path: Path) -> None:
    bad = tmp_path / "g.tsv"
    bad.write_text("de\ten\nWarschau\tWarsaw\nWarschau\tWarszawa\nder\tthe\nwarschau\tWarsaw\n"
                   "Minsk\n\tempty\n", encoding="utf-8")
    messages = " ".join(i.message for i in lint_file(bad))
    for word in ("conflicting", "stop word", "case variant", "columns", "empty"):
        assert word in messages
    latin = tmp_path / "l.tsv"
    latin.write_bytes("de\ten\nÜbung\texercise\n".encode("latin-1"))
    assert any("UTF-8" in i.message for i in lint_file(latin))


@pytest.mark.parametrize("row", ["Warschau\tZZ1", "ZZ 12\tWarsaw", "Warschau\tzz"])
def test_a_term_shaped_like_a_placeholder_is_refused(tmp_path: Path, row: str) -> None:
    # It would be taken for a residue of the masking scheme and cut from the English.
    g = tmp_path / "g.tsv"
    g.write_text(f"de\ten\n{row}\nMinsk\tMinsk\n", encoding="utf-8")
    assert [i.message for i in lint_file(g)] == [
        f"{row.split(chr(9))[0 if row.startswith('ZZ') else 1]!r} looks like defnews's "
        "internal placeholder (ZZ and digits); write it another way"]
    with pytest.raises(InputError, match="looks like defnews's internal placeholder"):
        load_glossary([g])
    # "Pizza", "Jazz" hold a "zz" but are no placeholder.
    ok = tmp_path / "ok.tsv"
    ok.write_text("de\ten\nPizza\tpizza\nJazzband\tjazz band\n", encoding="utf-8")
    assert lint_file(ok) == []


def test_user_glossary_and_later_files_override(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    from defnews import paths

    user = paths.user_glossary_path()
    user.parent.mkdir(parents=True, exist_ok=True)
    user.write_text("de\ten\nVerteidigungsminister\tdefence secretary\n", encoding="utf-8")
    g = load_glossary()
    assert next(m for m in g.find("Der Verteidigungsminister")).en == "defence secretary"
    extra = tmp_path / "x.csv"
    extra.write_text("Verteidigungsminister,minister of defence\n", encoding="utf-8")
    g = load_glossary([extra])
    assert next(m for m in g.find("Der Verteidigungsminister")).en == "minister of defence"
    only = load_glossary([extra], use_default=False, use_user=False)
    assert len(only) == 1
    assert load_glossary().content_hash != load_glossary([extra]).content_hash


def test_bad_user_file_is_a_clear_error(tmp_path: Path) -> None:
    f = tmp_path / "g.tsv"
    f.write_text("de\ten\nMinsk\n", encoding="utf-8")
    with pytest.raises(InputError, match="g.tsv:2"):
        load_glossary([f])


def _g(*pairs: tuple[str, str]) -> Glossary:
    return Glossary(Entry(de, en, pos="name" if de[0].isupper() and " " not in de and
                          de in {"Schoigu"} else "noun") for de, en in pairs)


def test_restore_number_capitalisation_and_mangled_placeholders() -> None:
    g = _g(("Kampfpanzer", "main battle tank"),
           ("Absichtserklärung", "memorandum of understanding"))
    masked = protect(g, "Kampfpanzer und eine Absichtserklärung")
    assert "Kampfpanzer" not in masked.text
    out = restore(f"{masked.slots[0].token} and a zz {masked.slots[1].token[2:]}", masked)
    assert out.text == "Main battle tank and a memorandum of understanding"
    plural = protect(g, "Die 105 Kampfpanzer und zwei Absichtserklärungen")
    out = restore(f"The {plural.slots[0].token} and two {plural.slots[1].token}", plural)
    # No irregular plural in this entry: the regular English one.
    assert out.text == "The main battle tanks and two memorandums of understanding"



def test_number_is_read_from_the_term_not_from_its_neighbours() -> None:
    g = _g(("Ostseeflotte", "Baltic Fleet"), ("Übung", "exercise"), ("Korvette", "corvette"))
    found = {m.surface: m.plural for m in g.find(
        "Mehrere Korvetten der Ostseeflotte beendeten die Gefechtsübung und zwei Gefechtsübungen.")}
    # The count belongs to "Korvetten"; a compound's prefix is not a plural ending.
    assert found == {"Korvetten": True, "Ostseeflotte": False, "Gefechtsübung": False,
                     "Gefechtsübungen": True}

def test_enforce_falls_back_when_a_placeholder_is_lost() -> None:
    g = Glossary([Entry("Teheran", "Tehran", pos="name", variants=("Teheran",))])

    def losing(batch: list[str]) -> list[str]:
        # A "model" that drops placeholders and copies everything else.
        return [placeholders.PLACEHOLDER_RE.sub("", s) for s in batch]

    [res] = enforce(["Er flog nach Teheran."], g, losing)
    assert res.text == "Er flog nach Tehran."
    assert res.terms[0]["status"] == "fallback"

    def forgetting(batch: list[str]) -> list[str]:
        return ["He flew somewhere." for _ in batch]

    [res] = enforce(["Er flog nach Teheran."], g, forgetting, split_fallback=False)
    assert res.terms[0]["status"] == "not_applied"
    assert res.terms[0]["method"] == "none"

    # The last resort translates the pieces around the term and puts the target between.
    [res] = enforce(["Er flog nach Teheran."], g, forgetting)
    assert res.text == "He flew somewhere Tehran."
    assert res.terms[0]["status"] == "fallback" and res.terms[0]["method"] == "split"


def test_enforce_takes_a_later_hypothesis_that_kept_the_placeholder() -> None:
    g = Glossary([Entry("Absichtserklärung", "memorandum of understanding")])
    calls: list[str] = []

    def first_loses(batch: list[str]) -> list[str]:
        calls.append("batch")
        return ["They signed a declaration." for _ in batch]

    def nbest(batch: list[str], n: int) -> list[list[str]]:
        calls.append(f"nbest{n}")
        return [["They signed a declaration.", f"They signed a {s.split()[-1].rstrip('.')}."]
                for s in batch]

    [res] = enforce(["Sie unterzeichneten eine Absichtserklärung."], g, first_loses, nbest)
    assert res.text == "They signed a memorandum of understanding."
    assert res.terms[0]["status"] == "placeholder" and res.terms[0]["method"] == "n-best"
    assert calls == ["batch", "nbest4"]  # no plain retranslation was needed


chaos = st.sampled_from(["keep", "drop", "double", "space", "lower", "renumber", "garble"])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(["der", "Minister", "Teheran", "reiste", "nach", "Moskau",
                                 "Kampfpanzer", "Drohnen", "gemeinsame", "Militärübung",
                                 "SCHOIGU", "Schoigus", "ZZ2", "zz 7", "und", ",", "."]),
                min_size=1, max_size=18),
       st.lists(chaos, min_size=4, max_size=4), st.randoms(use_true_random=False))
def test_no_placeholder_leaks_whatever_the_model_does(tokens: list[str], moves: list[str],
                                                       rnd: random.Random) -> None:
    pool = [("Minister", "minister"), ("Teheran", "Tehran"), ("Moskau", "Moscow"),
            ("Kampfpanzer", "main battle tank"), ("Drohne", "drone"),
            ("gemeinsame Militärübung", "joint military exercise"), ("Schoigu", "Shoigu")]
    g = _g(*rnd.sample(pool, rnd.randint(1, len(pool))))
    sentence = " ".join(tokens)
    stage = iter(moves * 3)

    def model(batch: list[str]) -> list[str]:
        move = next(stage, "keep")

        def mangle(m: re.Match[str]) -> str:
            n = int(m.group(1))
            return {"keep": m.group(0), "drop": "", "double": f"{m.group(0)} {m.group(0)}",
                    "space": f"ZZ {n}", "lower": f"zz{n}", "renumber": f"ZZ{n + 20}",
                    "garble": f"Z{n}Z"}[move]
        return [placeholders.PLACEHOLDER_RE.sub(mangle, s) for s in batch]

    [res] = enforce([sentence], g, model)
    own = {int(s.token[2:]) for s in protect(g, sentence).slots}
    leaked = placeholders.numbers_in(res.text) - placeholders.numbers_in(sentence)
    assert not leaked & own
    assert len([t for t in res.terms if t["status"] != "compound"]) == len(
        protect(g, sentence).slots)


words = st.sampled_from(["der", "Minister", "Teheran", "reiste", "nach", "Moskau", "und",
                         "Kampfpanzer", "ZZ1", "zz4", "Drohnen", "gemeinsame", "Militärübung",
                         "SCHOIGU", "Schoigus", "in", "die", "Streitkräften", ",", "."])


@settings(max_examples=200, deadline=None)
@given(st.lists(words, min_size=1, max_size=20), st.randoms(use_true_random=False))
def test_masking_round_trip_never_leaks(tokens: list[str], rnd: random.Random) -> None:
    pool = [("Minister", "minister"), ("Teheran", "Tehran"), ("Moskau", "Moscow"),
            ("Kampfpanzer", "main battle tank"), ("Drohne", "drone"),
            ("gemeinsame Militärübung", "joint military exercise"), ("Schoigu", "Shoigu"),
            ("Streitkräfte", "armed forces")]
    g = _g(*rnd.sample(pool, rnd.randint(1, len(pool))))
    sentence = " ".join(tokens)
    masked = protect(g, sentence)
    restored = restore(masked.text, masked)  # identity "translation"
    own = {int(s.token[2:]) for s in masked.slots}
    assert not (placeholders.numbers_in(restored.text) & own - placeholders.numbers_in(sentence))
    assert all(o["status"] == "placeholder" for o in restored.outcomes)
    assert len(restored.outcomes) == len(masked.slots)
