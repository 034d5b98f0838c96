"""Inline protection on hostile shapes: linear time, no crash on odd URLs, every slot back."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from defnews.inline import protect_inline, restore_inline

N = 10_000
NORMAL = ("Die Marine erhielt am Montag zwei neue Fregatten aus Kiel. " * (N // 50 + 1))[:N]
HOSTILE = {
    "brackets": "[" * N,
    "image openers": "![" * (N // 2),
    "unclosed links": "[x](" * (N // 4),
    "backticks": "`" * N,
    "unclosed strong": "**a " * (N // 4),
    "unclosed underscores": "__x " * (N // 4),
    "address characters": "a." * (N // 2),
    "autolink openers": "<http://" * (N // 8),
}


def _seconds(text: str) -> float:
    best = float("inf")
    for _ in range(2):
        t0 = time.perf_counter()
        item = protect_inline(text)
        restore_inline(item, item.masked)
        best = min(best, time.perf_counter() - t0)
    return best


@pytest.mark.parametrize("shape", sorted(HOSTILE))
def test_hostile_shapes_take_about_as_long_as_prose(shape: str) -> None:
    # With scans that ran to the end of the line, 10,000 "[" took 1.3 s against 2 ms of
    # prose (100,000 took 35 s); the bound leaves room for a busy machine.
    normal = _seconds(NORMAL)
    hostile = _seconds(HOSTILE[shape])
    assert hostile < 5 * normal + 0.1, (shape, hostile, normal)


def test_many_slots_come_back_in_place() -> None:
    # More than 999 slots in one text: their tokens have four digits.
    text = "Siehe [den Bericht](https://example.org/a_b) und *hier*. " * 1500
    item = protect_inline(text)
    for slot in item.slots:
        assert slot.inner is not None
        slot.inner.translation = slot.inner.masked.replace("den Bericht", "the report")
    out, warnings = restore_inline(item, item.masked.replace("Siehe", "See"))
    assert warnings == []
    assert out == ("See [the report](https://example.org/a_b) und *hier*. " * 1500)


@pytest.mark.parametrize("url", ["https://example.org/{id}", "https://example.org/{}",
                                 "https://example.org/a{0}b}{"])
def test_link_urls_with_braces_are_kept(url: str) -> None:
    item = protect_inline(f"Lesen Sie [den Bericht]({url}) und ![ein Bild]({url}).")
    for slot in item.slots:
        assert slot.inner is not None
        slot.inner.translation = "the report" if slot.kind == "link" else "a picture"
    out, warnings = restore_inline(item, item.masked.replace("Lesen Sie", "Read")
                                   .replace("und", "and"))
    assert warnings == []
    assert out == f"Read [the report]({url}) and ![a picture]({url})."


@pytest.mark.parametrize("mangled", ["{t}n", "{t}iaaaaten", "Z Z{d}", "z z {d}",
                                     "Hafen{t}", "ZZ"])
def test_mangled_tokens_never_reach_the_output(mangled: str) -> None:
    from defnews import placeholders
    from defnews.renderers.text import plain

    item = protect_inline("Die Fregatte lief aus [Kiel](https://example.org/kiel_hafen) aus.")
    token = item.slots[0].token
    assert item.slots[0].inner is not None
    item.slots[0].inner.translation = "Kiel"
    shape = mangled.format(t=token, d=token[2:])
    out, warnings = restore_inline(item, f"The frigate left {shape} harbour.")
    assert placeholders.find_residue(out) == [], out
    # The link is not lost: it is appended, with a warning.
    assert out.endswith("[Kiel](https://example.org/kiel_hafen)")
    assert warnings and "lost" in warnings[0]
    assert placeholders.find_residue(plain(out)) == []


def test_text_that_merely_looks_like_a_token_stays() -> None:
    item = protect_inline("Die Band ZZ Top und das Modell ZZ 12 spielten [hier](https://e.org).")
    assert item.slots[-1].inner is not None
    item.slots[-1].inner.translation = "here"
    translation = item.masked.replace("Die Band", "The band").replace("spielten", "played")
    out, warnings = restore_inline(item, translation.replace(" und das Modell ", " and model "))
    assert out == "The band ZZ Top and model ZZ 12 played [here](https://e.org)."
    assert warnings == []


def test_a_run_of_80_characters_without_space_is_copied_like_code() -> None:
    word = "Kampf" + "a" * 10_000 + "panzer"
    item = protect_inline(f"Der Minister sagte: {word}. Er ging.")
    assert word not in item.masked and len(item.masked) < 60
    assert [s.kind for s in item.slots] == ["longword"]
    # A German compound is a word: translated, not copied.
    compound = "Die Rindfleischetikettierungsüberwachungsaufgabenübertragung"
    assert protect_inline(compound).slots == []


@pytest.mark.usefixtures("with_model")
def test_a_huge_word_reaches_the_output_byte_for_byte(tmp_path: Path) -> None:
    # A 95 KB "word" took 102 s: cut into 200-token pieces, each decoded as garbage.
    from typer.testing import CliRunner

    from defnews.cli import app

    word = "Kampf" + "a" * 95_000 + "panzer"
    src = tmp_path / "wort.txt"
    src.write_text(word + "\n", encoding="utf-8")
    r = CliRunner().invoke(app, ["translate", str(src), "-q", "--no-cache", "-f", "text"])
    assert r.exit_code == 0, r.output
    assert r.stdout == word + "\n"  # the model, given it, garbles it


@pytest.mark.usefixtures("with_model")
def test_a_long_run_in_a_summary_sentence_is_kept_and_not_translated(tmp_path: Path) -> None:
    # Summary sentences are translated without inline protection: 100,000 "[" in one went
    # to the model (26 s of garbage through the test package).
    from typer.testing import CliRunner

    from defnews.cli import app

    run = "[" * 100_000
    src = tmp_path / "klammern.md"
    src.write_text(f"Der Minister sagte: {run} Ende.\n", encoding="utf-8")
    r = CliRunner().invoke(app, ["summarize", str(src), "-q", "--no-cache", "-f", "json"])
    assert r.exit_code == 0, r.output
    import json

    [summary] = json.loads(r.stdout)["summary"]
    assert summary["source"] == f"Der Minister sagte: {run} Ende."
    assert run in summary["translation"] and "[" * 100_001 not in summary["translation"]


@pytest.mark.parametrize("text", [
    "Die <b>fette</b> Sache.", "Im Jahr <b>2026</b><i>neu</i> kam.",
    "Ein Wort<sup>1</sup> mit Fußnote.", "Text`code`Text und **fett**_kursiv_ hier."])
def test_spans_touching_words_or_spans_stay_tokens(text: str) -> None:
    # The model must see whole tokens (ZZ1fett is no token: its span would be lost and the
    # German shown with "ZZ1" in it); the source comes back byte for byte.
    from defnews.renderers.html import inline_html

    item = protect_inline(text)
    assert all(s.token in item.masked.split() for s in item.slots), item.masked
    for inner in (s.inner for s in item.slots if s.inner is not None):
        inner.translation = inner.masked
    assert restore_inline(item, item.masked) == (text, [])
    assert "ZZ" not in inline_html(text)


WIKI = "https://de.wikipedia.org/wiki/Leopard_2_(Kampfpanzer)"


@pytest.mark.parametrize(("text", "url"), [
    (f"Siehe {WIKI}. Danach mehr.", WIKI),
    (f"Der [Panzer]({WIKI}) rollt.", WIKI),
    ("![Bild](https://example.org/bild_(1).jpg) Unterschrift.", "https://example.org/bild_(1).jpg"),
])
def test_urls_with_parentheses_are_one_slot(text: str, url: str) -> None:
    # Cut at the first ")" the rest of the URL went to the model as words.
    from defnews.renderers.text import plain

    item = protect_inline(text)
    assert "Kampfpanzer" not in item.masked and "(1)" not in item.masked, item.masked
    assert url in plain(text)


def test_angle_bracket_destinations_and_empty_links() -> None:
    # Page extractors write "[text](<url>)" when a URL holds spaces or parentheses; a link
    # may also have no URL at all.
    from defnews.renderers.html import inline_html
    from defnews.renderers.text import plain

    url = "https://example.org/zahlen.html#:~:text=Die%20Zahl,Amt%20(%20BZL%20)%20mitgeteilt"
    text = f"Weniger als [4,2 Kilogramm](<{url}>) und ein [leerer]() Link."
    assert plain(text) == f"Weniger als 4,2 Kilogramm <{url}> und ein leerer Link."
    assert f'<a href="{url}">4,2 Kilogramm</a>' in inline_html(text)
    assert "mitgeteilt" not in protect_inline(text).masked  # the URL never reaches the model


def test_handles_and_hashtags_are_copied_not_translated() -> None:
    text = ("Das Kommando meldete auf X (@kdo_heer_presse) unter #Sicherheitspolitik, "
            "schrieb an info@heer.example und nannte Platz #1 sowie C# und &#x41;.")
    item = protect_inline(text)
    masked = item.masked
    assert "kdo_heer_presse" not in masked and "Sicherheitspolitik" not in masked, masked
    assert "Platz #1" in masked and "C#" in masked and "&#x41;" in masked, masked
    kinds = [s.kind for s in item.slots]
    assert kinds.count("handle") == 2 and "email" in kinds
    # A translation that moved the tokens around still gets both back byte for byte.
    tokens = [s.token for s in item.slots if s.kind == "handle"]
    out, _ = restore_inline(item, f"The command reported ({tokens[0]}) under {tokens[1]}.")
    assert "(@kdo_heer_presse)" in out and "#Sicherheitspolitik" in out


def test_footnote_marks_and_labels_are_copied() -> None:
    text = "Die Marine übernahm am Montag[^1] zwei Fregatten.[^quelle]"
    item = protect_inline(text)
    assert "[^" not in item.masked and [s.kind for s in item.slots] == ["footnote"] * 2
    label = protect_inline("[^1]: Laut Angaben des Ministeriums.")
    assert label.slots[0].source == "[^1]:" and label.masked.endswith("Laut Angaben des "
                                                                      "Ministeriums.")
    out, _ = restore_inline(item, f"On Monday {item.slots[0].token} the navy took over two "
                                  f"frigates. {item.slots[1].token}")
    assert out == "On Monday[^1] the navy took over two frigates.[^quelle]"
