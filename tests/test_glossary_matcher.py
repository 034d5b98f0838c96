"""The matcher combines one small regex per entry; it must find exactly what one
alternation of all candidate entries would (leftmost match, then the first entry in order).

The reference here is that single alternation over every entry of the glossary (no
candidate selection: that is part of what is tested), compiled once: slow, obviously right,
and what the matcher replaced.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import sample_files
from defnews import readers
from defnews.glossary import Glossary, load_glossary
from defnews.glossary.match import WORD_CHARS, _entry_pattern, _noun_forms

GLOSSARY = load_glossary(use_user=False)
GLOSSARY.find("")  # compile


_REFERENCE_RX: dict[int, tuple[re.Pattern[str], re.Pattern[str]]] = {}


def _reference_rx(g: Glossary) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Every entry in one alternation, every compound-able noun in another: no candidate
    selection at all (that is what is under test), compiled once per glossary."""
    if id(g) not in _REFERENCE_RX:
        body = "|".join(f"(?P<g{i}>{_entry_pattern(e)})" for i, e in enumerate(g.entries))
        main = re.compile(rf"(?<![{WORD_CHARS}-])(?:{body})(?![{WORD_CHARS}]|-\w)",
                          re.IGNORECASE)
        nouns = [e for e in g.entries if " " not in e.de and e.de[:1].isupper()
                 and len(e.de) >= 5 and e.pos != "name"]
        alt = "|".join("(?:" + "|".join(re.escape(f) for f in _noun_forms(e.de)) + ")"
                       for e in nouns)
        tail = re.compile(rf"(?<![{WORD_CHARS}])([{WORD_CHARS}]+-?)(?P<tail>{alt})"
                          rf"(?![{WORD_CHARS}])", re.IGNORECASE)
        _REFERENCE_RX[id(g)] = (main, tail)
    return _REFERENCE_RX[id(g)]


def reference_spans(g: Glossary, text: str) -> tuple[list[tuple[int, int, int]],
                                                      list[tuple[int, int, str]]]:
    main_rx, tail_rx = _reference_rx(g)
    main_out = [(m.start(), m.end(), int((m.lastgroup or "g0")[1:]))
                for m in main_rx.finditer(text)]
    tail_out = [(m.start(), m.end(), m.group("tail")) for m in tail_rx.finditer(text)]
    return main_out, tail_out


def matcher_spans(g: Glossary, text: str) -> tuple[list[tuple[int, int, int]],
                                                    list[tuple[int, int, str]]]:
    main, tails = g._candidates(text)
    main_out = g._main_matches(text, main) if main else []
    tail_out = [(s, e, text[t:e]) for s, e, t in g._tail_matches(text, tails)] if tails else []
    return main_out, tail_out


def sample_texts() -> list[str]:
    texts = []
    for path in sample_files():
        for art in readers.read_path(path):
            text = "\n\n".join(b.text for b in art.body_blocks())
            texts += [text, text.upper(), text.lower()]
    return texts


@pytest.mark.slow
def test_matcher_equals_one_alternation_on_the_samples() -> None:
    texts = sample_texts()
    assert len(texts) >= 30
    found = 0
    for text in texts:
        expected = reference_spans(GLOSSARY, text)
        assert matcher_spans(GLOSSARY, text) == expected
        found += len(expected[0]) + len(expected[1])
    assert found > 200  # the comparison covered real matches, compounds included


# Words that make entries collide: forms of long and short entries, compounds, hyphens.
_PIECES = [e.de for e in GLOSSARY.entries[::7]] + [
    "Verteidigungsminister", "Minister", "Verteidigungsministers", "Ministerium",
    "gemeinsamen", "Militärübungen", "Kampf", "drohnen", "Shahed-Drohnen", "Nato-Gipfel",
    "Nato-Gipfels", "UN-Sicherheitsrat", "U-Boote", "Atom-U-Boot", "S-400", "IRIS-T",
    "Anti-", "-", " ", " ", ", ", ". ", "der", "des", "den", "und", "WEISSRUSSLAND",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=30),
       st.sampled_from(["", " ", "-"]))
def test_matcher_equals_one_alternation_on_colliding_text(pieces: list[str], glue: str) -> None:
    text = glue.join(pieces)
    assert matcher_spans(GLOSSARY, text) == reference_spans(GLOSSARY, text)
