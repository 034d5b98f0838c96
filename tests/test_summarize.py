"""Tests for defnews.digest.summarizers (all texts are invented for these tests)."""

from __future__ import annotations

import dataclasses
import socket

import pytest

from defnews.digest.summarizers import METHODS, Selected, n_for_ratio, news, stock, summarize, words

DE_TITLE = "Marine erhält neue Fregatte für die Ostsee"
DE = [
    "Die Marine erhält im Frühjahr eine neue Fregatte für Einsätze in der Ostsee.",
    "Das Schiff wurde auf einer Werft in Norddeutschland gebaut und im Winter getestet.",
    "Die Besatzung besteht aus rund hundertzwanzig Soldatinnen und Soldaten.",
    "Nach Angaben des Ministeriums kostet die Fregatte etwa neunhundert Millionen Euro.",
    "Kritiker im Bundestag bemängeln Verzögerungen bei der Auslieferung der Schiffe.",
    "Der Inspekteur der Marine sprach von einem wichtigen Schritt für die Bündnisverteidigung.",
    "Zwei weitere Fregatten desselben Typs sollen bis zum Jahr 2030 folgen.",
    "Die Werft beschäftigt derzeit mehr als dreitausend Menschen.",
]
EN_TITLE = "Army orders new armoured vehicles"
EN = [
    "The army has ordered two hundred new armoured vehicles to replace its ageing fleet.",
    "The vehicles will be built by a consortium of three companies over the next six years.",
    "Officials said the first batch would reach infantry units early next year.",
    "The contract is worth about four billion pounds, according to the defence ministry.",
    "Opposition politicians questioned whether the budget could absorb the cost.",
    "Soldiers tested prototypes of the vehicles during an exercise last autumn.",
    "The old vehicles entered service more than thirty years ago.",
    "A spokesman declined to comment on possible export orders.",
]
ARTICLES = {"de": (DE, DE_TITLE), "en": (EN, EN_TITLE)}


def _check(result: list[Selected], sentences: list[str], n: int) -> None:
    assert len(result) == min(n, len(sentences))
    indices = [s.index for s in result]
    assert indices == sorted(indices) and len(set(indices)) == len(indices)
    assert all(s.text == sentences[s.index] for s in result)
    assert sorted(s.rank for s in result) == list(range(1, len(result) + 1))


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("method", METHODS)
def test_every_method_returns_n_sentences_in_document_order(method: str, lang: str) -> None:
    sentences, title = ARTICLES[lang]
    for n in (1, 3, 5):
        result = summarize(
            sentences,
            n,
            method=method,
            lang=lang,
            title=title,
            key_terms=["Fregatte"] if lang == "de" else ["armoured vehicle"],
            paragraph_starts=[0, 3, 6],
        )
        _check(result, sentences, n)


@pytest.mark.parametrize("method", METHODS)
def test_n_at_least_len_returns_all_and_empty_input(method: str) -> None:
    for n in (len(DE), len(DE) + 5):
        result = summarize(DE, n, method=method, lang="de")
        assert [s.index for s in result] == list(range(len(DE)))
    assert summarize([], 3, method=method, lang="de") == []
    assert summarize(DE, 0, method=method, lang="de") == []


@pytest.mark.parametrize("method", METHODS)
def test_degenerate_sentences(method: str) -> None:
    # Repeated texts, sentences without words, and stop-word-only sentences must not break
    # sumy (its ratings are keyed by sentence text) nor the default scorer.
    sentences = [
        "Die Lage ist ruhig.",
        "Die Lage ist ruhig.",
        "–",
        "123.",
        "Und das ist es.",
        "Die Lage ist ruhig.",
    ]
    result = summarize(sentences, 3, method=method, lang="de")
    _check(result, sentences, 3)
    only_noise = ["–", "…", "42."]
    _check(summarize(only_noise, 2, method=method, lang="de"), only_noise, 2)


def test_rejects_unknown_method_and_language() -> None:
    with pytest.raises(ValueError):
        summarize(DE, 2, method="magic")
    with pytest.raises(ValueError):
        summarize(DE, 2, lang="fr")


def test_n_for_ratio() -> None:
    assert n_for_ratio(10, 0.3) == 3
    assert n_for_ratio(10, 0.25) == 3  # rounds half up
    assert n_for_ratio(3, 0.1) == 1  # never empty
    assert n_for_ratio(5, 2.0) == 5
    assert n_for_ratio(0, 0.5) == 0
    with pytest.raises(ValueError):
        n_for_ratio(10, 0.0)
    with pytest.raises(ValueError):
        n_for_ratio(10, float("nan"))


def test_no_nltk_data_and_no_network(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    nltk_data = pytest.importorskip("nltk.data")

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"NLTK data was requested: {args!r}")

    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("network access attempted")

    monkeypatch.setattr(nltk_data, "path", [str(tmp_path)])
    monkeypatch.setattr(nltk_data, "find", refuse)
    monkeypatch.setattr(nltk_data, "load", refuse)
    monkeypatch.setattr(socket.socket, "connect", no_network)
    words.stemmer.cache_clear()  # rebuild the stemmers under the patched NLTK
    for lang, (sentences, title) in ARTICLES.items():
        for method in METHODS:
            _check(summarize(sentences, 2, method=method, lang=lang, title=title), sentences, 2)


def test_german_stemming_and_stop_words() -> None:
    stem = words.stemmer("de")
    assert stem("soldaten") == stem("soldat")
    assert stem("fregatten") == stem("fregatte")
    assert stem("häuser") != "häuser"  # Snowball really ran (umlaut and suffix handling)
    assert words.content_stems("Die Soldaten der Bundeswehr", "de") == [
        stem("soldaten"),
        stem("bundeswehr"),
    ]


def test_default_prefers_title_matching_lead_over_central_off_topic_sentence() -> None:
    title = "Luftwaffe stellt neues Radar in Dienst"
    sentences = [
        "Die Luftwaffe stellt in Schleswig-Holstein ein neues Radar in Dienst.",
        "Das Gerät erfasst Flugzeuge und Drohnen in bis zu vierhundert Kilometern Entfernung.",
        "Die Anlage ersetzt ein System aus den achtziger Jahren.",
        # Off topic, and made central: it shares most of its words with the next sentence.
        "Im Landtag stritten die Fraktionen am selben Tag lange über die Reform der Schulen, "
        "die mehr Lehrer bringen soll.",
        "Die Reform der Schulen soll nach dem Willen der Regierung auch mehr Lehrer in "
        "ländliche Regionen bringen.",
        "Weitere Radargeräte sollen bis 2028 folgen.",
    ]
    picked = summarize(sentences, 1, method="default", lang="de", title=title)
    assert [p.index for p in picked] == [0]
    # The case is discriminative: without the position and title signals the central
    # off-topic sentence wins.
    blind = dataclasses.replace(news.DEFAULT_PARAMS, w_position=0.0, w_title=0.0)
    order, _ = news.select(sentences, 1, "de", title, (), (), blind)
    assert order[0] in (3, 4)


def test_default_skips_near_duplicate() -> None:
    sentences = [
        "Das Ministerium bestätigte am Montag die Bestellung von zwölf Hubschraubern.",
        "Am Montag bestätigte das Ministerium die Bestellung von zwölf Hubschraubern.",
        "Die Hubschrauber sollen ab dem kommenden Jahr an die Truppe geliefert werden.",
        "Die Bestellung umfasst auch Ersatzteile und die Ausbildung der Piloten.",
        "Ein Sprecher nannte keine Kosten.",
        "Die Opposition kritisierte die Vergabe ohne Ausschreibung.",
    ]
    picked = [p.index for p in summarize(sentences, 2, method="default", lang="de")]
    assert len(picked) == 2 and not {0, 1} <= set(picked)
    # Without MMR the two near-identical lead sentences are both chosen.
    no_mmr = dataclasses.replace(news.DEFAULT_PARAMS, redundancy=0.0)
    order, _ = news.select(sentences, 2, "de", None, (), (), no_mmr)
    assert sorted(order) == [0, 1]


def test_default_key_terms_raise_a_sentence() -> None:
    sentences = [
        "Die Regierung legte am Dienstag ihren Haushaltsentwurf für das kommende Jahr vor.",
        "Die Ausgaben für Straßen und Schienen steigen um drei Prozent.",
        "Für Schulen und Hochschulen sind zusätzliche Mittel eingeplant.",
        "Auch der Etat für Kultur wächst leicht.",
        "Bei der Luftverteidigung sollen alte Systeme ersetzt werden.",
        "Der Bundestag berät den Entwurf im Herbst.",
    ]
    plain = [p.index for p in summarize(sentences, 2, method="default", lang="de")]
    keyed = [
        p.index
        for p in summarize(
            sentences,
            2,
            method="default",
            lang="de",
            key_terms=["Luftverteidigung", "Marschflugkörper"],
        )
    ]
    assert 4 not in plain
    assert 4 in keyed


def test_sumy_document_keeps_title_as_heading_and_paragraphs() -> None:
    doc = stock.build_document(EN, "en", EN_TITLE, paragraph_starts=[0, 3, 6])
    assert len(doc.paragraphs) == 3
    assert [str(h) for h in doc.headings] == [EN_TITLE]
    assert len(doc.sentences) == len(EN)
    assert "armoured" in doc.sentences[0].words
