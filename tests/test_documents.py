"""Readers: every sample's metadata and boilerplate, encodings, broken inputs, languages."""

from __future__ import annotations

import json

import pytest

from conftest import SAMPLES
from defnews.errors import InputError
from defnews.langdetect import detect_language
from defnews.readers import decode, read_bytes, read_path

EXPECTED = json.loads((SAMPLES / "expected.json").read_text(encoding="utf-8"))
GERMAN = ("Der Verteidigungsminister reiste am Montag nach Warschau. Dort sprach er über die "
          "gemeinsame Übung, die im März beginnen soll. „Wir stehen zusammen“, sagte er.")


@pytest.mark.parametrize("name", sorted(EXPECTED), ids=str)
def test_sample_metadata_and_boilerplate(name: str) -> None:
    articles = read_path(SAMPLES / name)
    assert len(articles) == len(EXPECTED[name])
    for article, exp in zip(articles, EXPECTED[name], strict=True):
        for key in ("title", "outlet", "author", "date", "dateline"):
            assert getattr(article, key) == exp[key], key
        assert article.lang == "de"
        body = " ".join(b.text for b in article.body_blocks())
        for phrase in exp["boilerplate"]:
            assert phrase not in body, phrase
        assert len(body) > 200


def test_every_sample_is_listed() -> None:
    files = {p.name for p in SAMPLES.iterdir() if p.suffix in {".md", ".txt", ".html", ".xml"}}
    assert files == set(EXPECTED)


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-be-bom", "utf-32",
                                      "cp1252", "latin-1"])
def test_encodings(encoding: str) -> None:
    text = GERMAN if encoding != "latin-1" else GERMAN.replace("„", '"').replace("“", '"')
    if encoding == "utf-16-be-bom":
        data = b"\xfe\xff" + text.encode("utf-16-be")
    else:
        data = text.encode(encoding)
    decoded, _ = decode(data)
    assert decoded == text


def test_line_endings_are_normalised() -> None:
    decoded, _ = decode(b"Erste Zeile.\r\nZweite Zeile.\rDritte Zeile.\n")
    assert decoded == "Erste Zeile.\nZweite Zeile.\nDritte Zeile.\n"


@pytest.mark.parametrize("data", [b"\x00\x01\x02binary\x00" * 50, bytes(range(256)) * 20])
def test_binary_input_is_refused(data: bytes) -> None:
    with pytest.raises(InputError, match="binary"):
        read_bytes(data, "x.txt")


def test_invalid_feed_is_refused() -> None:
    with pytest.raises(InputError, match="not valid XML"):
        read_bytes(b"<?xml version='1.0'?><rss><channel><item><title>x</title>", "f.rss")


def test_feed_with_entities_is_refused() -> None:
    bomb = (b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>'
            b"<rss><channel><item><title>&b;</title></item></channel></rss>")
    with pytest.raises(InputError):
        read_bytes(bomb, "f.rss")


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (GERMAN, "de"),
        ("The defence minister travelled to Warsaw on Monday, where he met his counterpart "
         "and spoke about the exercise that is due to begin in March.", "en"),
        ("Le ministre de la Défense s'est rendu lundi à Varsovie, où il a rencontré son "
         "homologue pour parler de l'exercice qui doit commencer en mars.", "fr"),
        ("Министр обороны в понедельник прибыл в Варшаву, где встретился с коллегой.", "ru"),
    ],
)
def test_language_detection(text: str, lang: str) -> None:
    assert detect_language(text)[0] == lang


def test_dateline_is_taken_out_of_the_prose() -> None:
    [article] = read_bytes(b"Agentur\n\nTitel der Meldung\n\nMOSKAU ap | Der Minister kam am "
                           b"Montag an. Er blieb zwei Tage.", "a.txt")
    assert article.dateline == "MOSKAU ap"
    assert any(b.text.startswith("Der Minister kam") for b in article.blocks)
