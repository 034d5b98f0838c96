"""Text helpers every stage shares: Markdown inline syntax to plain text, German month names.

One definition each (issue 14): the readers, the summaries, the digest and the plain-text
renderer all call `plain_text`; the readers, the Markdown block finder and the date rules
use `MONTHS`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

MONTH_NAMES = ("januar", "februar", "märz", "april", "mai", "juni", "juli", "august",
               "september", "oktober", "november", "dezember")
# German month name (lower case) → month number; Austrian "Jänner" and old "Feber" included.
MONTHS: dict[str, int] = {m: i + 1 for i, m in enumerate(MONTH_NAMES)}
MONTHS["jänner"] = 1
MONTHS["feber"] = 2
# Alternation of the month names for regular expressions (use with re.IGNORECASE).
MONTH_PATTERN = "|".join(MONTHS)
# The abbreviations page headers print ("3. Mär. 2025", "3. Sept 2025").
MONTH_ABBREVIATIONS: dict[str, int] = {
    "jan": 1, "feb": 2, "mär": 3, "mrz": 3, "apr": 4, "mai": 5, "jun": 6, "jul": 7, "aug": 8,
    "sept": 9, "sep": 9, "okt": 10, "nov": 11, "dez": 12}

# Link texts hold no "[" and targets no "(": each match attempt then stops at the next
# bracket, so text of 100,000 "[" or "[a](" takes linear time, not quadratic (issue 18).
_LINK = re.compile(r"!?\[([^\[\]]*)\]\([^()]*\)")
_IMAGE_URL = re.compile(r"!\[([^\[\]]*)\]\(([^()\s]*)[^()]*\)")
_LINK_URL = re.compile(r"\[([^\[\]]+)\]\(([^()\s]*)[^()]*\)")
# Emphasis holds no copy of its own marker, so a marker that never closes costs one step.
_EMPH = re.compile(r"(\*\*|__|\*|_)(?=\S)((?:(?!\1).)+?)(?<=\S)\1")


def plain_text(text: str, *, urls: bool = False) -> str:
    """Inline Markdown as plain text: links and images become their text, emphasis goes.

    With `urls`, the link targets stay visible for a reader of plain text: an image becomes
    "[alt] <url>", a link "text <url>".
    """
    if urls:
        text = _IMAGE_URL.sub(lambda m: f"[{m.group(1)}] <{m.group(2)}>", text)
        text = _LINK_URL.sub(lambda m: f"{m.group(1)} <{m.group(2)}>", text)
        return _EMPH.sub(r"\2", text)
    return _EMPH.sub(r"\2", _LINK.sub(r"\1", text))


def word_key(text: str) -> str:
    """The words of `text` in lower case, one space apart: for comparing texts whatever their
    punctuation and spacing."""
    return " ".join(re.findall(r"\w+", text.lower()))


# What may stand between a sentence's start and its first word: a space, quotes, a bracket.
OPENING_MARKS = " \"'„“«»("


def opens_sentence(before: str, marks: str = OPENING_MARKS) -> bool:
    """Whether text that follows `before` starts a sentence: only `marks` before it, or a
    sentence end (a colon counts)."""
    before = before.rstrip(marks)
    return not before or before[-1] in ".!?:"


# Markup a CMS or a feed left in a one-line value: a break or a block parts words, inline tags
# go ("<b>Petra Lindner</b>", "Erst<br>dann"); "<2 Prozent" is no tag.
_BREAK_TAG = re.compile(r"</?(?:br|p|div|li|h[1-6])\b[^<>]*>", re.I)
_INLINE_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*\b[^<>]*>")


def strip_tags(text: str) -> str:
    """`text` without HTML tags (see above), its whitespace as it was."""
    return _INLINE_TAG.sub("", _BREAK_TAG.sub(" ", text))


_CLOSING_TAGS: dict[str, re.Pattern[str]] = {}


def element_spans(html: str, names: tuple[str, ...]) -> Iterator[tuple[re.Match[str], int, int]]:
    """(opening tag, where its content ends, where the element ends) of each element of these
    names ("script", "style"), in document order and in linear time: a lazy pattern from each
    opening tag to its closing one is quadratic on a page of unclosed tags. An element left
    open runs to the end of the text, as a browser reads it."""
    opening = re.compile(rf"<({'|'.join(names)})\b[^<>]*>", re.I)
    pos = 0
    while m := opening.search(html, pos):
        name = m.group(1).lower()
        closing = _CLOSING_TAGS.setdefault(name, re.compile(rf"</{name}\s*>", re.I))
        if (close := closing.search(html, m.end())) is None:
            yield m, len(html), len(html)
            return
        yield m, close.start(), close.end()
        pos = close.end()


def drop_elements(html: str, names: tuple[str, ...]) -> str:
    """`html` without the elements of these names, content and all (see element_spans)."""
    out: list[str] = []
    pos = 0
    for m, _, end in element_spans(html, names):
        out.append(html[pos:m.start()])
        pos = end
    out.append(html[pos:])
    return "".join(out)
