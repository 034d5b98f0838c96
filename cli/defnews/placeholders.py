"""Placeholder tokens that stand in for protected spans during translation: THE masking module.

Glossary terms, link texts, URLs and inline code are replaced by tokens of the form
``ZZ<n>`` before a sentence goes to the model, and put back afterwards. Neural MT
models copy such code-like tokens the way they copy product codes and numbers; the
project's test model is trained to do the same. Numbering is per sentence, so
sentences of the same shape share translation-memory entries.

Models do not always copy them whole: they glue letters on (``ZZ4iaaaaten``, ``ZZ1n``),
split the digits (``ZZ 1 2``), change the case (``zz3``) or put spaces inside (``Z Z3``).
`find` recognises the shapes a restoration may trust; `find_residue` finds every other
trace of the scheme, so that a caller can verify a text before it reaches the user.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

PREFIX = "ZZ"
# Case-insensitive and tolerant of a space the model may insert ("ZZ 3", "zz3").
PLACEHOLDER_RE = re.compile(r"\b[Zz][Zz] ?(\d{1,3})\b")

# Any trace of a token: two Z's (a space allowed between them) not inside a longer word,
# then digits with spaces among them and letters glued on ("ZZ4iaaaaten", "Z Z 1 2", "zz").
# A word that merely contains "zz" (Jazz, pizza, Pizzas) is not a trace: the Z's must
# start a word and either end it or be followed by a digit.
# Capital Z's glued to the end of a word are a trace only with a digit ("stärkenZZ3").
_RESIDUE_RE = re.compile(
    r"(?<![^\W\d_])[Zz][ \t]?[Zz](?:(?:[ \t]?\d)+[^\W_]*|(?![^\W\d_]))"
    r"|(?<=[^\W\d_])ZZ(?:[ \t]?\d)+[^\W_]*",
)


def make(n: int) -> str:
    return f"{PREFIX}{n}"


def number(token: str) -> int:
    """The number of a token made by `make`."""
    return int(token[len(PREFIX):])


def numbers_in(text: str) -> set[int]:
    """Placeholder numbers already present in a text (so new ones never collide)."""
    return {int(m.group(1)) for m in PLACEHOLDER_RE.finditer(text)}


def allocator(text: str) -> Iterator[tuple[int, str]]:
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


def substitute(text: str, token: str, rendered: str) -> tuple[str, bool]:
    """`text` with the first occurrence of `token` replaced by `rendered` and any later
    copies removed; False (and the text unchanged) when the token is not there."""
    hits = find(text, number(token))
    if not hits:
        return text, False
    for dup in reversed(hits[1:]):  # right to left keeps the offsets valid
        text = text[: dup.start()] + text[dup.end():]
    first = hits[0]
    return text[: first.start()] + rendered + text[first.end():], True


def find_residue(text: str) -> list[tuple[int, int]]:
    """Spans (start, end) of every trace of the masking scheme in `text`, in any shape a
    model produces: ``ZZ3``, ``zz 3``, ``Z Z3``, ``ZZ 1 2``, ``ZZ4iaaaaten``, a bare ``ZZ``."""
    return [m.span() for m in _RESIDUE_RE.finditer(text)]


def foreign_residue(text: str, source: str) -> list[tuple[int, int]]:
    """`find_residue` less the well-formed tokens that `source` itself holds (tokens of an
    outer masking still to be restored, or text that looks like one): what must not stay."""
    allowed = {make(n) for n in numbers_in(source)}
    return [(s, e) for s, e in find_residue(text) if text[s:e] not in allowed]


def scrub(text: str, spans: list[tuple[int, int]]) -> str:
    """`text` without the given spans, spacing tidied: the last resort of a restoration."""
    for s, e in sorted(spans, reverse=True):
        text = text[:s] + text[e:]
    text = re.sub(r"[ \t]{2,}", " ", text)
    return re.sub(r"[ \t]+([,.;:!?])", r"\1", text).strip()


def drop_invented(source: str, text: str) -> str:
    """Placeholder-like tokens the model made up (not in the source) never reach the user."""
    if not PLACEHOLDER_RE.search(text):
        return text
    allowed = numbers_in(source)
    cleaned = PLACEHOLDER_RE.sub(
        lambda m: m.group(0) if int(m.group(1)) in allowed else "", text)
    return re.sub(r"[ \t]{2,}", " ", cleaned).strip()
