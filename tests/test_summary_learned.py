"""The learned German scorer of the default summariser and its shipped weights (all texts
are invented for these tests)."""

from __future__ import annotations

import json

from defnews.digest.summarizers import features, learned, news, summarize
from defnews.digest.summarizers.words import content_stems

ARTICLE = [
    "Die Küstenwache meldete am Morgen ein fremdes Schiff vor der Insel.",
    "Das Schiff fuhr ohne Flagge und reagierte nicht auf Funksprüche.",
    "Ein Boot der Küstenwache begleitete es bis zur Grenze der Hoheitsgewässer.",
    "Am Nachmittag wurde das Wetter schlechter und der Wind frischte auf.",
    "Fischer aus dem Hafen berichteten von starkem Seegang.",
    "Ein Minenjagdboot der Marine lag zur selben Zeit im Hafen.",
    "Die Behörden wollen den Vorfall in den kommenden Tagen auswerten.",
]


def test_shipped_german_weights_load_and_match_the_features() -> None:
    assert learned.WEIGHTS_DE.is_file()
    data = json.loads(learned.WEIGHTS_DE.read_text(encoding="utf-8"))
    model = learned.from_json(data)
    assert learned.german_model() == model
    assert len(model.words.coef) == len(features.WORD_FEATURES)
    assert len(model.bigrams.coef) == len(features.BIGRAM_FEATURES)
    assert len(model.sentences.coef) == len(features.SENTENCE_FEATURES)
    # Glossary key terms keep a positive weight, and openers such as "Dies ..." are damped.
    assert model.key_logit > 0
    assert 0 < model.demoted < 1


def test_german_default_uses_the_learned_scorer_and_english_does_not() -> None:
    german = news.select(ARTICLE, 2, "de", None, (), ())
    classic = news.select(ARTICLE, 2, "de", None, (), (), news.DEFAULT_PARAMS)
    assert german[1] != classic[1]  # other scores: the learned model ran
    picked = summarize(ARTICLE, 2, method="default", lang="de")
    assert sorted(p.index for p in picked) == sorted(german[0])


def test_key_term_sentence_gains_with_the_shipped_weights() -> None:
    term = "Minenjagdboot"
    hit = next(i for i, s in enumerate(ARTICLE) if term in s)
    _, plain = news.select(ARTICLE, 2, "de", None, (), ())
    _, keyed = news.select(ARTICLE, 2, "de", None, [term], ())
    assert keyed[hit] > plain[hit]
    # Only the sentence with the term gains.
    assert all(keyed[i] == plain[i] for i in range(len(ARTICLE)) if i != hit)


def test_learned_scorer_takes_a_near_duplicate_once_and_extends_greedily() -> None:
    duplicated = [ARTICLE[0], "Am Morgen meldete die Küstenwache ein fremdes Schiff vor der "
                  "Insel.", *ARTICLE[1:]]
    for k in (2, 3, 4):
        order, _ = news.select(duplicated, k, "de", None, (), ())
        assert len(order) == len(set(order)) == k
        assert not {0, 1} <= set(order)


def test_learned_scorer_demotes_an_unresolved_opener() -> None:
    sentences = [
        "Die Stadtwerke erhöhen zum Jahreswechsel die Preise für Strom und Gas.",
        "Dies betrifft rund vierzigtausend Haushalte in der Region.",
        "Die Stadtwerke begründen die Erhöhung mit gestiegenen Einkaufskosten.",
        "Der Verbraucherschutz rät Kunden, ihre Verträge zu prüfen.",
        "Ein Wechsel des Anbieters ist mit einer Frist von einem Monat möglich.",
    ]
    free, free_scores = news.select(sentences, 2, "de", None, (), ())
    demoted, demoted_scores = news.select(sentences, 2, "de", None, (), (), demote=[1])
    model = learned.german_model()
    assert model is not None
    assert demoted_scores[1] == free_scores[1] * model.demoted
    assert 1 in free and 1 not in demoted


def test_title_words_raise_their_sentence_with_the_shipped_weights() -> None:
    title = "Minenjagdboot läuft aus"
    hit = next(i for i, s in enumerate(ARTICLE) if "Minenjagdboot" in s)
    model = learned.german_model()
    assert model is not None and model.title_logit > 0
    _, plain = news.select(ARTICLE, 2, "de", None, (), ())
    _, titled = news.select(ARTICLE, 2, "de", title, (), ())
    assert titled[hit] > plain[hit]
    assert all(titled[i] == plain[i] for i in range(len(ARTICLE)) if i != hit)


def _with_pair_weights(**coef: float) -> learned.Model:
    """The shipped model with a hand-set pair model (only the named features count)."""
    from dataclasses import replace

    model = learned.german_model()
    assert model is not None
    n = len(features.PAIR_FEATURES)
    weights = tuple(coef.get(f, 0.0) for f in features.PAIR_FEATURES)
    return replace(model, pairs=learned.Logistic((0.0,) * n, (1.0,) * n, weights, 0.0))


def _choose(model: learned.Model, sentences: list[str], k: int) -> list[int]:
    sig = news.signals([content_stems(s, "de") for s in sentences], "de", None, (), ())
    table = features.tables(sentences, "de")
    est = learned.estimates(model, table, features.sentence_features(sentences, sig, ()),
                            learned.word_offsets(table, set(), set(), model))
    return learned.choose(model, table, est, sig.sim, k, ())[0]


def test_the_two_sentences_are_chosen_as_a_pair_by_the_pair_model() -> None:
    assert sorted(_choose(_with_pair_weights(lead_pair=5.0), ARTICLE, 2)) == [0, 1]
    late = _with_pair_weights(first_inverse=-5.0, second_inverse=-5.0)
    assert sorted(_choose(late, ARTICLE, 2)) == [len(ARTICLE) - 2, len(ARTICLE) - 1]
    # More sentences extend the chosen pair.
    three = _choose(_with_pair_weights(lead_pair=5.0), ARTICLE, 3)
    assert sorted(three[:2]) == [0, 1] and len(set(three)) == 3


def test_shipped_pair_model_matches_the_pair_features() -> None:
    model = learned.german_model()
    assert model is not None
    assert len(model.pairs.coef) == len(features.PAIR_FEATURES)
    assert any(c != 0 for c in model.pairs.coef)


def test_a_title_brings_its_sentence_into_the_summary() -> None:
    """The pair model learns from articles without titles; with a title, the sentence that
    carries the title's words joins the two chosen."""
    title = "Minenjagdboot läuft aus"
    hit = next(i for i, s in enumerate(ARTICLE) if "Minenjagdboot" in s)
    plain, _ = news.select(ARTICLE, 2, "de", None, (), ())
    titled, _ = news.select(ARTICLE, 2, "de", title, (), ())
    assert hit not in plain
    assert hit in titled
