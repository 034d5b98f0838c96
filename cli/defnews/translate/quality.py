"""Flags on a translated sentence: what an analyst should not trust without the German.

- `untranslated`: German words copied into the English (not names, not glossary `keep`
  terms): words of the source that reappear in the output and look German (an umlaut or
  ß, a German ending, or lower case in the source: German capitalises names and nouns,
  so a lower-case word copied over is a verb, adjective or function word);
- `repeated`: a loop (a word twice in a row, or the same two to four words three times);
- `too_short` / `too_long`: the output's length against the source's far outside the normal
  range (truncation, or a run-on);
- `numbers`: a number of the German missing from the English (a figure, a year, a unit
  designation), in any form an English translation writes it (see numbers.py).

`repeated` and `too_long` are what a retry with CTranslate2's repetition penalty can fix.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from defnews.inline import COPIED_SPAN
from defnews.translate.numbers import missing_numbers

# Characters of output per character of German: German→English is about 0.8-1.1.
MIN_RATIO, MAX_RATIO = 0.4, 2.0
MIN_CHARS = 24  # shorter sentences vary too much to judge by length
RETRYABLE = frozenset({"repeated", "too_long"})

_WORD = re.compile(r"[^\W\d_]+(?:[-'][^\W\d_]+)*")
_GERMAN_ENDING = re.compile(
    r"(?:ungen|ung|keit|heit|schaft|lich|lichen|isch|ische|ischen|chen|tionen|ierte|ierten"
    r"|ieren)$")
# English words that are German words too (or German words English text uses).
_SHARED = frozenset("""
also will hand land most rest still wind bald kind fast gift arm so in an man hat was die
war oft mine bank name test team plan start art bus hotel sport film radio taxi computer
minister president general system alarm moment problem park tunnel zone drone drones
offensive defensive regime union export import material service mission station position
region situation nation information operation tradition konferenz international national
total normal ideal formal global regional digital legal real fundamental
""".split())
_NOT_A_WORD = frozenset({"ap", "dpa", "afp", "reuters"})



def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def untranslated(source: str, output: str, keep: Iterable[str] = ()) -> list[str]:
    """German words of `source` copied into `output` (see the module docstring)."""
    kept = {k.lower() for k in keep}
    src = _words(source)
    lower_in_source = {w for i, w in enumerate(src) if w[0].islower()}
    in_source = {w.lower() for w in src}
    found = []
    for w in dict.fromkeys(_words(output)):
        low = w.lower()
        if (low not in in_source or len(w) < 4 or low in _SHARED or low in kept
                or low in _NOT_A_WORD):
            continue
        if (any(c in w for c in "äöüÄÖÜß") or w in lower_in_source
                or (len(w) >= 7 and _GERMAN_ENDING.search(low) and w[0].islower())):
            found.append(w)
    return found


def repeated(output: str) -> list[str]:
    """Loops: a word twice in a row, or a run of two to four words three times."""
    words = [w.lower() for w in _words(output)]
    loops = [a for a, b in zip(words, words[1:], strict=False) if a == b and len(a) > 1]
    for n in (2, 3, 4):
        grams = Counter(tuple(words[i : i + n]) for i in range(len(words) - n + 1))
        loops.extend(" ".join(g) for g, c in grams.items() if c >= 3)
    return list(dict.fromkeys(loops))


def length_flag(source: str, output: str) -> str | None:
    if len(source) < MIN_CHARS:
        return None
    ratio = len(output) / len(source)
    if ratio < MIN_RATIO:
        return "too_short"
    if ratio > MAX_RATIO:
        return "too_long"
    return None


def _checkable(text: str) -> str:
    """The text without what a translation copies instead of translating (placeholder
    tokens, URLs, addresses, handles, code, footnote marks): "ZZ1 ZZ2" is no loop."""
    return " ".join(COPIED_SPAN.sub(" ", text).split())


def flags(source: str, output: str, keep: Iterable[str] = ()) -> list[str]:
    """The flags of one translated sentence, in a fixed order ([] when it looks sound)."""
    source, output = _checkable(source), _checkable(output)
    out = []
    if untranslated(source, output, keep):
        out.append("untranslated")
    if repeated(output):
        out.append("repeated")
    if (length := length_flag(source, output)) is not None:
        out.append(length)
    if missing_numbers(source, output):
        out.append("numbers")
    return out


def describe(source: str, output: str, keep: Iterable[str] = ()) -> str:
    """A short reason for a report line: which words, which loop, which ratio."""
    source, output = _checkable(source), _checkable(output)
    parts = []
    if words := untranslated(source, output, keep):
        parts.append("untranslated: " + ", ".join(words[:5]))
    if loops := repeated(output):
        parts.append("repeated: " + "; ".join(loops[:3]))
    if (length := length_flag(source, output)) is not None:
        parts.append(f"{length.replace('_', ' ')}: {len(output) / len(source):.2f}× the "
                     "German's length")
    if numbers := missing_numbers(source, output):
        parts.append("numbers missing: " + ", ".join(numbers[:5]))
    return "; ".join(parts)
