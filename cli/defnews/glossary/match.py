"""The glossary matcher: German terms as they are written.

Entries are written in base form (``Verteidigungsminister``, ``gemeinsame Militärübung``).
Matching generates the inflected forms German text carries (genitive/dative/plural endings,
umlaut plurals, adjective endings) and finds them case-insensitively, but only as whole
words; nouns must be capitalised unless the text is in capitals. The longest match wins.
A term that is only the tail or head of a compound (``Shahed-Drohnen``, ``Kampfdrohnen``)
is reported as a compound match and not enforced.
"""

from __future__ import annotations

import bisect
import hashlib
import os
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

UMLAUT = str.maketrans({"a": "ä", "o": "ö", "u": "ü", "A": "Ä", "O": "Ö", "U": "Ü"})


@dataclass(slots=True)
class Entry:
    de: str
    en: str
    pos: str = ""  # noun | name | phrase | adj (optional)
    keep: bool = False  # the term stays as it is (Bundeswehr)
    variants: tuple[str, ...] = ()  # renderings a model produces instead
    plural: str = ""  # English plural if irregular
    note: str = ""
    source: str = ""
    line: int = 0

    @property
    def target(self) -> str:
        return self.de if self.keep and not self.en else self.en


@dataclass
class Match:
    start: int
    end: int
    surface: str
    de: str
    en: str
    compound: bool = False
    plural: bool = False
    genitive: bool = False
    entry: Entry | None = field(default=None, repr=False)

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "surface": self.surface, "de": self.de,
                "en": self.en, "compound": self.compound, "plural": self.plural,
                "genitive": self.genitive}


# ------------------------------------------------------------------------ matching

NOUN_ENDINGS = ["", "s", "es", "n", "en", "e", "er", "ern", "ns", "nen", "innen"]
ADJ_ENDINGS = ["", "e", "en", "er", "es", "em"]
PLURAL_ENDINGS = {"n", "en", "e", "er", "ern", "nen", "innen"}
WORD_CHARS = "A-Za-zÄÖÜäöüß0-9"
_WORD = re.compile(f"[{WORD_CHARS}]+")


def _noun_forms(word: str) -> list[str]:
    forms = {word + e for e in NOUN_ENDINGS}
    if word.endswith("e"):
        forms |= {word + "n", word + "s"}
    # Umlaut plurals: Platz → Plätze, Truppenübungsplatz → Truppenübungsplätze.
    m = re.search(r"([aouAOU])([^aeiouäöüAEIOUÄÖÜ]*)$", word)
    if m and not word.endswith(("au", "eu")):
        um = word[: m.start(1)] + m.group(1).translate(UMLAUT) + m.group(2)
        forms |= {um + "e", um + "en", um + "er", um + "ern", um}
    if word.endswith("nis"):  # Bündnis → Bündnisses, Bündnisse
        forms |= {word + "se", word + "ses", word + "sen"}
    if word.endswith("um"):
        forms |= {word[:-2] + "en"}
    if word.endswith("a"):
        forms |= {word[:-1] + "en"}
    return sorted(forms, key=len, reverse=True)


def _adj_forms(word: str) -> list[str]:
    """An adjective in any ending: gemeinsame → gemeinsamen, Persischer → Persischen."""
    stem = word
    for ending in ("er", "es", "en", "em", "e"):
        # Only endings that leave a real stem: "über" and "des" are not inflected adjectives.
        if word.endswith(ending) and len(word) - len(ending) >= (3 if ending == "e" else 4):
            stem = word[: -len(ending)]
            break
    return sorted({stem + e for e in ADJ_ENDINGS} | {word}, key=len, reverse=True)


def _word_forms(entry: Entry, i: int) -> list[str]:
    words = entry.de.split()
    w = words[i]
    if i < len(words) - 1:
        if w[:1].islower():
            return _adj_forms(w)  # adjective before the noun: gemeinsame → gemeinsamen
        if w.endswith(("e", "er", "es")) and words[i + 1][:1].isupper() and \
                entry.pos != "phrase":
            # Capitalised adjective in a name (Persischer Golf → am Persischen Golf); it may
            # also be a noun (Befehlshaber Europa), so both.
            return sorted(set(_adj_forms(w)) | set(_noun_forms(w)), key=len, reverse=True)
    if not w[:1].isalpha() or entry.pos == "name" or w.isupper() or w[-1:].isdigit():
        return [w + "s", w + "'", w] if entry.pos != "phrase" else [w]
    return _noun_forms(w)


def _first_word_keys(entry: Entry) -> set[str] | None:
    """The words (casefolded) an entry's match can begin with; None: could begin anyhow."""
    keys = set()
    for form in _word_forms(entry, 0):
        m = _WORD.match(form)
        if m is None:
            return None
        keys.add(m.group(0).casefold())
        if "ß" in m.group(0):  # ALL-CAPS text writes ß as SS
            keys.add(m.group(0).replace("ß", "ss").casefold())
    return keys


def _entry_pattern(entry: Entry) -> str:
    parts = []
    for i in range(len(entry.de.split())):
        forms = _word_forms(entry, i)
        # ALL-CAPS text writes ß as SS: WEISSRUSSLAND.
        parts.append("(?:" + "|".join(re.escape(f).replace("ß", "(?:ß|ss)") for f in forms) + ")")
    return r"\s+".join(parts)


def _leftmost(best: dict[int, tuple[int, int]]) -> list[tuple[int, int, int]]:
    """Non-overlapping (start, end, payload) from the (payload, end) at each start, left to right,
    resuming after each match: what ``finditer`` does with one alternation."""
    out: list[tuple[int, int, int]] = []
    resume = 0
    for p in sorted(best):
        if p < resume:
            continue
        i, end = best[p]
        out.append((p, end, i))
        resume = end if end > p else p + 1
    return out


Ids = int | tuple[int, ...]


def _add(index: dict[str, Ids], key: str, i: int) -> None:
    have = index.get(key)
    if have is None:
        index[key] = i
    elif isinstance(have, int):
        if have != i:
            index[key] = (have, i)
    elif have[-1] != i:
        index[key] = (*have, i)


def _ids(value: Ids | None) -> tuple[int, ...]:
    if value is None:
        return ()
    return (value,) if isinstance(value, int) else value


class _Spans:
    """Non-overlapping spans added left to right; overlap tests by bisection."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def add(self, start: int, end: int) -> None:
        self.starts.append(start)
        self.ends.append(end)

    def overlaps(self, start: int, end: int) -> bool:
        k = bisect.bisect_right(self.ends, start)  # the first span ending after `start`
        return k < len(self.starts) and self.starts[k] < end


class Glossary:
    """Entries and the compiled matcher."""

    def __init__(self, entries: Iterable[Entry]) -> None:
        self.entries = sorted(entries, key=lambda e: (-len(e.de), e.de))
        self._regex: re.Pattern[str] | None = None  # set once the matcher is compiled
        h = hashlib.sha256()
        for e in sorted(self.entries, key=lambda e: e.de):
            h.update(f"{e.de}\t{e.target}\t{e.plural}\t{'|'.join(e.variants)}\n".encode())
        self.content_hash = h.hexdigest()[:16]

    def __len__(self) -> int:
        return len(self.entries)

    def _compile(self) -> None:
        """The matcher: one alternation per entry, tried only where it can match.

        A regex of hundreds of alternatives tried at every position is slow; every form
        of an entry begins with a known word, so the words of a text select the few
        entries worth trying (leaving out the others changes no result: they cannot match).
        """
        # Index values are an entry number, or a tuple of them where a key is shared: a
        # list per key cost most of the memory of a 200,000-entry glossary.
        self._first: dict[str, Ids] = {}
        self._always: list[int] = []
        for i, e in enumerate(self.entries):
            keys = _first_word_keys(e)
            if keys is None:
                self._always.append(i)
            for k in keys or ():
                _add(self._first, sys.intern(k), i)
        # Compounds: a known noun at the end of a longer word or after a hyphen. One index
        # of the forms of every one-word entry (in entry order: the first is the entry a
        # form stands for) serves both the tails and the entry a tail names.
        self._is_noun = bytearray(len(self.entries))
        for i, e in enumerate(self.entries):
            if " " not in e.de and e.de[:1].isupper() and len(e.de) >= 5 and e.pos != "name":
                self._is_noun[i] = 1
        self._forms: dict[str, Ids] = {}
        self._longest_tail = 0
        self._tails_always: list[int] = []
        for i, e in enumerate(self.entries):
            if " " in e.de:
                continue
            for f in _noun_forms(e.de):
                key = sys.intern(f.casefold())
                if not self._is_noun[i]:
                    _add(self._forms, key, i)
                elif _WORD.fullmatch(f):
                    _add(self._forms, key, i)
                    self._longest_tail = max(self._longest_tail, len(key))
                else:
                    _add(self._forms, key, i)
                    if i not in self._tails_always[-1:]:
                        self._tails_always.append(i)
        # What every form of such an entry starts with: where the text lacks it, the entry
        # cannot match and its regex need not scan the text.
        self._tail_always_prefix = {
            i: os.path.commonprefix([f.casefold() for f in _noun_forms(self.entries[i].de)])
            for i in self._tails_always}
        self._entry_rx: dict[int, re.Pattern[str]] = {}
        self._tail_rx: dict[int, re.Pattern[str]] = {}
        self._regex = re.compile("(?!x)x")  # compiled marker (see find)

    # Each entry gets its own small regex, compiled once, as a zero-width lookahead so that
    # finditer reports every position where the entry matches. Combining them below gives
    # exactly what one alternation of the candidate entries would (leftmost position first,
    # then the first entry in order), without compiling a new alternation for every new set
    # of candidates: that compile cost more than the matching on whole articles.
    def _main_rx(self, i: int) -> re.Pattern[str]:
        rx = self._entry_rx.get(i)
        if rx is None:
            # A hyphen joins words into a compound: "Shahed" in "Shahed-Drohnen" is no match.
            rx = re.compile(rf"(?<![{WORD_CHARS}-])(?=(?P<m>{_entry_pattern(self.entries[i])})"
                            rf"(?![{WORD_CHARS}]|-\w))", re.IGNORECASE)
            self._entry_rx[i] = rx
        return rx

    def _tail_rx_for(self, i: int) -> re.Pattern[str]:
        rx = self._tail_rx.get(i)
        if rx is None:
            alt = "|".join(re.escape(f) for f in _noun_forms(self.entries[i].de))
            rx = re.compile(rf"(?<![{WORD_CHARS}])(?=[{WORD_CHARS}]+-?(?P<tail>{alt})"
                            rf"(?![{WORD_CHARS}]))", re.IGNORECASE)
            self._tail_rx[i] = rx
        return rx

    def _main_matches(self, text: str, idx: tuple[int, ...]) -> list[tuple[int, int, int]]:
        """(start, end, entry) as ``(?:e1|e2|...)`` would find them, entries in order."""
        best: dict[int, tuple[int, int]] = {}  # start -> (entry, end); lowest entry wins
        for i in idx:
            for m in self._main_rx(i).finditer(text):
                p = m.start()
                if p not in best or i < best[p][0]:
                    best[p] = (i, m.end("m"))
        return _leftmost(best)

    def _tail_matches(self, text: str, idx: tuple[int, ...]) -> list[tuple[int, int, int]]:
        """(start, end, tail start) as ``([W]+-?)(?P<tail>t1|t2|...)`` would find them: the
        longest prefix (latest tail start) first, then the first entry in order."""
        best: dict[int, tuple[int, int, int]] = {}  # start -> (-tail start, entry, end)
        for i in idx:
            for m in self._tail_rx_for(i).finditer(text):
                p, cand = m.start(), (-m.start("tail"), i, m.end("tail"))
                if p not in best or cand < best[p]:
                    best[p] = cand
        return _leftmost({p: (-neg_tail, end) for p, (neg_tail, _, end) in best.items()})

    def _tail_ids(self, key: str) -> list[int]:
        """The nouns (compound tails) one of whose forms is `key`."""
        return [i for i in _ids(self._forms.get(key)) if self._is_noun[i]]

    def _candidates(self, text: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
        main: set[int] = set(self._always)
        folded = text.casefold()
        tails: set[int] = {i for i, prefix in self._tail_always_prefix.items()
                           if prefix in folded}
        words = _WORD.findall(text)
        for w in words:
            key = w.casefold()
            main.update(_ids(self._first.get(key)))
            tails.update(self._tail_ids(key))  # after a hyphen: Shahed-Drohnen
            # Closed compounds (Kampfdrohnen): only suffixes as long as a known form can be,
            # so a 1 MB "word" costs no more than its last few letters.
            for k in range(max(1, len(key) - self._longest_tail), len(key)):
                if key[k:] in self._forms:
                    tails.update(self._tail_ids(key[k:]))
        return tuple(sorted(main)), tuple(sorted(tails))

    def find_in_prose(self, text: str) -> list[Match]:
        """``find`` on a whole file as read: matches inside markup (tags, attributes, link
        targets, URLs) are not terms of the text and are left out; offsets stay the file's."""
        markup = _Spans()
        for m in _MARKUP.finditer(text):
            markup.add(*m.span())
        return [m for m in self.find(text) if not markup.overlaps(m.start, m.end)]

    def find(self, text: str) -> list[Match]:
        if self._regex is None:
            self._compile()
        caps_text = mostly_upper(text)
        matches: list[Match] = []
        taken = _Spans()
        main, tails = self._candidates(text)
        for start, end, i in self._main_matches(text, main) if main else ():
            entry = self.entries[i]
            surface = text[start:end]
            if not self._plausible(entry, surface, caps_text):
                continue
            match = self._make(entry, start, end, surface, compound=False)
            if not match.plural and _counted(text, start) and entry.pos != "name":
                match.plural, match.genitive = True, False  # "105 Kampfpanzer"
            matches.append(match)
            taken.add(start, end)
        for start, end, tail_start in self._tail_matches(text, tails) if tails else ():
            if taken.overlaps(start, end):
                continue
            ids = _ids(self._forms.get(text[tail_start:end].casefold()))
            if not ids:
                continue
            tail_entry = self.entries[ids[0]]
            matches.append(self._make(tail_entry, start, end, text[start:end], compound=True))
        return sorted(matches, key=lambda x: x.start)

    @staticmethod
    def _plausible(entry: Entry, surface: str, caps_text: bool) -> bool:
        head = entry.de.split()[-1]
        last = surface.split()[-1]
        if head[:1].isupper() and not caps_text and not last[:1].isupper():
            return False  # "sie lagern" is not "das Lager"
        return True

    def _make(self, entry: Entry, start: int, end: int, surface: str,
              compound: bool) -> Match:
        last = surface.split()[-1].casefold()
        base = entry.de.split()[-1].casefold()
        if compound and (k := last.find(base)) > 0:
            last = last[k:]  # "Gefechtsübung" inflects like "Übung"
        ending = last[len(base):] if last.startswith(base) else last[-2:]
        plural = (last != base and not last.startswith(base)) or ending in PLURAL_ENDINGS
        if entry.pos == "name" or not entry.de.split()[-1][:1].isupper():
            plural = False
        genitive = ending in {"s", "es"} and not plural
        return Match(start, end, surface, entry.de, entry.target, compound, plural, genitive,
                     entry)


# Tags, Markdown link targets and bare URLs: where a file holds markup rather than prose.
# A link target holds one level of parentheses at most ("…/Leopard_(Panzer)") and no
# brackets: each attempt ends at the next bracket, so a flood of "](" takes linear time.
_MARKUP = re.compile(r"<[^<>]*>|\]\((?:[^()\[\]\s]|\([^()\[\]\s]*\))*\)|https?://\S+")

_QUANTIFIERS = {"zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun", "zehn",
                "zwölf", "hundert", "tausend", "mehrere", "viele", "einige", "zahlreiche",
                "weitere", "beide", "beiden", "alle", "wenige", "tausende", "hunderte"}

_ARTICLES = {"der", "die", "das", "den", "dem", "des", "ein", "eine", "einer", "eines", "einem",
             "einen"}


def _counted(text: str, start: int) -> bool:
    """A number or quantifier right before the term (adjectives allowed between) → plural."""
    words = re.findall(r"[\w.,]+", text[max(0, start - 60):start])[-3:]
    for w in reversed(words):
        lw = w.lower().strip(".,")
        if lw in _ARTICLES:
            return False  # "mehrere Korvetten der Ostseeflotte": the count is another noun's
        if lw in _QUANTIFIERS or re.fullmatch(r"\d[\d.,]*", lw) and lw not in {"1", "1."}:
            return True
        if not lw.endswith(("e", "en", "er")):  # stop at anything but an adjective
            return False
    return False


_LETTER = re.compile(r"[^\W\d_]")
_UPPER = re.compile(r"[A-ZÀ-ÖØ-Þ]")  # Latin-1 capitals: what German headlines use


def mostly_upper(text: str) -> bool:
    # Regex counts, not a Python loop per character: this runs on every sentence.
    letters = len(_LETTER.findall(text))
    return letters >= 4 and len(_UPPER.findall(text)) / letters > 0.8
