"""Placeholder tokens that stand in for protected spans during translation.

Glossary terms, link texts, URLs and inline code are replaced by tokens of the form
``ZZ<n>`` before a sentence goes to the model, and put back afterwards. Neural MT
models copy such code-like tokens the way they copy product codes and numbers; the
project's test model is trained to do the same. Numbering is per sentence, so
sentences of the same shape share translation-memory entries.
"""

from __future__ import annotations

import re

PREFIX = "ZZ"
# Case-insensitive and tolerant of a space the model may insert ("ZZ 3", "zz3").
PLACEHOLDER_RE = re.compile(r"\b[Zz][Zz] ?(\d{1,3})\b")


def make(n: int) -> str:
    return f"{PREFIX}{n}"


def numbers_in(text: str) -> set[int]:
    """Placeholder numbers already present in a text (so new ones never collide)."""
    return {int(m.group(1)) for m in PLACEHOLDER_RE.finditer(text)}


def allocator(text: str):
    """Yield fresh placeholder tokens that do not occur in `text`."""
    taken = numbers_in(text)
    n = 1
    while True:
        if n not in taken:
            yield n, make(n)
        n += 1


def find(text: str, n: int) -> list[re.Match[str]]:
    """All occurrences of placeholder n in a (translated) text."""
    return [m for m in PLACEHOLDER_RE.finditer(text) if int(m.group(1)) == n]


# Any trace of a token: two Z's (a space allowed between them) not inside a longer word,
# then digits with spaces among them and letters glued on ("ZZ4iaaaaten", "Z Z 1 2", "zz").
# A word that merely contains "zz" (Jazz, pizza, Pizzas) is not a trace: the Z's must
# start a word and either end it or be followed by a digit.
# Capital Z's glued to the end of a word are a trace only with a digit ("stärkenZZ3").
# (The glossary helper's branch holds the same; theirs is kept at the merge.)
_RESIDUE_RE = re.compile(
    r"(?<![^\W\d_])[Zz][ \t]?[Zz](?:(?:[ \t]?\d)+[^\W_]*|(?![^\W\d_]))"
    r"|(?<=[^\W\d_])ZZ(?:[ \t]?\d)+[^\W_]*",
)


def find_residue(text: str) -> list[tuple[int, int]]:
    """Spans (start, end) of every trace of the masking scheme in `text`, in any shape a
    model produces: ``ZZ3``, ``zz 3``, ``Z Z3``, ``ZZ 1 2``, ``ZZ4iaaaaten``, a bare ``ZZ``."""
    return [m.span() for m in _RESIDUE_RE.finditer(text)]
