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
