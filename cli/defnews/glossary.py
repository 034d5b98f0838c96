"""The glossary: loading, linting, matching German as it is written, and enforcement.

Entries are written in base form (``Verteidigungsminister``, ``gemeinsame Militärübung``).
Matching generates the inflected forms German text carries (genitive/dative/plural endings,
umlaut plurals, adjective endings) and finds them case-insensitively, but only as whole
words; nouns must be capitalised unless the text is in capitals. The longest match wins.
A term that is only the tail or head of a compound (``Shahed-Drohnen``, ``Kampfdrohnen``)
is reported as a compound match and not enforced.

Enforcement protects each matched term with a placeholder token (placeholders.py) that the
model copies, restores the English target with the right number, capitalisation and
possessive, verifies that every term arrived, and falls back to a plain translation with
known variants replaced where a placeholder was lost (see `enforce` for every stage).
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from defnews import placeholders
from defnews.errors import InputError

STOP_WORDS = frozenset(
    "der die das den dem des ein eine einen einem einer eines und oder aber in im an am auf "
    "aus bei mit nach von vor zu zum zur über unter für gegen ohne um ist sind war waren wird "
    "werden hat haben nicht auch noch nur so wie als es er sie wir ihr ich man sich".split())
UMLAUT = str.maketrans({"a": "ä", "o": "ö", "u": "ü", "A": "Ä", "O": "Ö", "U": "Ü"})


@dataclass
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


@dataclass
class LintIssue:
    severity: str  # error | warning
    line: int
    message: str

    def to_dict(self) -> dict[str, Any]:
        return {"severity": self.severity, "line": self.line, "message": self.message}


# ------------------------------------------------------------------------- loading

HEADER_NAMES = {"de", "en", "pos", "keep", "variants", "plural", "note"}


def _rows(path: Path) -> tuple[list[tuple[int, list[str]]], list[LintIssue]]:
    """Rows of a TSV/CSV glossary with their line numbers, and format problems."""
    from defnews.fileio import read_file_bytes

    issues: list[LintIssue] = []
    try:
        raw = read_file_bytes(path)
    except InputError as exc:
        raise InputError(f"glossary: {exc.message}", hint=exc.hint) from None
    if raw.startswith(b"\xef\xbb\xbf"):
        issues.append(LintIssue("warning", 1, "file starts with a byte-order mark (accepted)"))
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        issues.append(LintIssue("error", raw[: exc.start].count(b"\n") + 1,
                                "not UTF-8: save the glossary as UTF-8"))
        return [], issues
    delim = "\t" if "\t" in text.split("\n", 1)[0] or path.suffix.lower() == ".tsv" else ","
    reader = csv.reader(io.StringIO(text), delimiter=delim, quotechar='"')
    rows = []
    for lineno, row in enumerate(reader, start=1):
        if not row or all(not c.strip() for c in row):
            continue
        if row[0].lstrip().startswith("#"):
            continue
        rows.append((lineno, [c.strip() for c in row]))
    return rows, issues


def read_file(path: Path) -> tuple[list[Entry], list[LintIssue]]:
    rows, issues = _rows(path)
    if not rows and not issues:
        issues.append(LintIssue("error", 1, "the glossary is empty"))
    entries: list[Entry] = []
    columns = ["de", "en"]
    if rows and {c.lower() for c in rows[0][1]} & HEADER_NAMES >= {"de", "en"}:
        columns = [c.lower() for c in rows[0][1]]
        rows = rows[1:]
    for lineno, row in rows:
        if len(row) < 2 or (len(row) > len(columns) and len(columns) == 2):
            issues.append(LintIssue("error", lineno, f"expected {len(columns)} columns "
                                    f"({', '.join(columns)}), found {len(row)}"))
            continue
        rec = dict(zip(columns, row + [""] * (len(columns) - len(row)), strict=False))
        de, en = rec.get("de", ""), rec.get("en", "")
        keep = rec.get("keep", "").lower() in {"1", "yes", "true", "keep", "x"}
        if not de or (not en and not keep):
            issues.append(LintIssue("error", lineno, "empty German or English field"))
            continue
        entries.append(Entry(
            de=de, en=en or de, pos=rec.get("pos", ""), keep=keep,
            variants=tuple(v.strip() for v in rec.get("variants", "").split("|") if v.strip()),
            plural=rec.get("plural", ""), note=rec.get("note", ""), source=str(path),
            line=lineno))
    return entries, issues


def lint_file(path: Path) -> list[LintIssue]:
    entries, issues = read_file(path)
    seen: dict[str, Entry] = {}
    folded: dict[str, Entry] = {}
    for e in entries:
        if e.de in seen:
            prev = seen[e.de]
            if prev.en == e.en:
                issues.append(LintIssue("error", e.line, f"duplicate entry {e.de!r} "
                                        f"(also line {prev.line})"))
            else:
                issues.append(LintIssue("error", e.line, f"conflicting targets for {e.de!r}: "
                                        f"{prev.en!r} (line {prev.line}) and {e.en!r}"))
        elif e.de.casefold() in folded:
            prev = folded[e.de.casefold()]
            issues.append(LintIssue("warning", e.line, f"case variant of {prev.de!r} "
                                    f"(line {prev.line})"))
        if e.de.casefold() in STOP_WORDS:
            issues.append(LintIssue("error", e.line, f"{e.de!r} is a stop word"))
        if len(e.de) < 3:
            issues.append(LintIssue("warning", e.line, f"{e.de!r} is very short"))
        seen.setdefault(e.de, e)
        folded.setdefault(e.de.casefold(), e)
    return sorted(issues, key=lambda i: i.line)


def load_glossary(files: Sequence[Path] = (), *, use_default: bool = True,
                  use_user: bool = True) -> Glossary:
    from defnews import paths

    sources: list[Path] = []
    if use_default:
        sources += sorted(paths.shipped_glossary_dir().glob("*.tsv"))
    if use_user and paths.user_glossary_path().is_file():
        sources.append(paths.user_glossary_path())
    sources += list(files)
    merged: dict[str, Entry] = {}
    for path in sources:
        entries, issues = read_file(Path(path))
        errors = [i for i in issues if i.severity == "error"]
        if errors and Path(path) in [Path(f) for f in files]:
            first = errors[0]
            raise InputError(f"glossary {path}:{first.line}: {first.message}",
                             hint=f"Check it with: defnews glossary lint {path}")
        for e in entries:
            merged[e.de] = e  # later files win
    return Glossary(list(merged.values()))


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


class Glossary:
    """Entries and the compiled matcher."""

    def __init__(self, entries: Iterable[Entry]) -> None:
        self.entries = sorted(entries, key=lambda e: (-len(e.de), e.de))
        self._by_key = {e.de.casefold(): e for e in self.entries}
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
        self._patterns = [_entry_pattern(e) for e in self.entries]
        self._first: dict[str, list[int]] = {}
        self._always: list[int] = []
        for i, e in enumerate(self.entries):
            keys = _first_word_keys(e)
            if keys is None:
                self._always.append(i)
            for k in keys or ():
                self._first.setdefault(k, []).append(i)
        # Compounds: a known noun at the end of a longer word or after a hyphen.
        self._nouns = [i for i, e in enumerate(self.entries) if " " not in e.de
                       and e.de[:1].isupper() and len(e.de) >= 5 and e.pos != "name"]
        self._tails: dict[str, list[int]] = {}
        self._tail_entry: dict[str, Entry] = {}
        self._tails_always: list[int] = []
        for i in self._nouns:
            for f in _noun_forms(self.entries[i].de):
                key = f.casefold()
                if _WORD.fullmatch(f):
                    self._tails.setdefault(key, []).append(i)
                elif i not in self._tails_always:
                    self._tails_always.append(i)
        # What every form of such an entry starts with: where the text lacks it, the entry
        # cannot match and its regex need not scan the text.
        self._tail_always_prefix = {
            i: os.path.commonprefix([f.casefold() for f in _noun_forms(self.entries[i].de)])
            for i in self._tails_always}
        for e in self.entries:  # as _lookup_tail: the first entry with the form wins
            if " " not in e.de:
                for f in _noun_forms(e.de):
                    self._tail_entry.setdefault(f.casefold(), e)
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
            rx = re.compile(rf"(?<![{WORD_CHARS}-])(?=(?P<m>{self._patterns[i]})"
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

    def _candidates(self, text: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
        main: set[int] = set(self._always)
        folded = text.casefold()
        tails: set[int] = {i for i, prefix in self._tail_always_prefix.items()
                           if prefix in folded}
        words = _WORD.findall(text)
        for w in words:
            key = w.casefold()
            main.update(self._first.get(key, ()))
            tails.update(self._tails.get(key, ()))  # after a hyphen: Shahed-Drohnen
            for k in range(1, len(key)):  # closed compounds: Kampfdrohnen
                hit = self._tails.get(key[k:])
                if hit:
                    tails.update(hit)
        return tuple(sorted(main)), tuple(sorted(tails))

    def find_in_prose(self, text: str) -> list[Match]:
        """``find`` on a whole file as read: matches inside markup (tags, attributes, link
        targets, URLs) are not terms of the text and are left out; offsets stay the file's."""
        markup = [m.span() for m in _MARKUP.finditer(text)]
        return [m for m in self.find(text)
                if not any(s < m.end and m.start < e for s, e in markup)]

    def find(self, text: str) -> list[Match]:
        if self._regex is None:
            self._compile()
        caps_text = _mostly_upper(text)
        matches: list[Match] = []
        taken: list[tuple[int, int]] = []
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
            taken.append((start, end))
        for start, end, tail_start in self._tail_matches(text, tails) if tails else ():
            if any(s < end and start < e for s, e in taken):
                continue
            entry = self._tail_entry.get(text[tail_start:end].casefold())
            if entry is None:
                continue
            matches.append(self._make(entry, start, end, text[start:end], compound=True))
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

    # -------------------------------------------------------------- enforcement
    def protect(self, sentence: str) -> Masked:
        alloc = placeholders.allocator(sentence)
        out, slots, pos = [], [], 0
        found = self.find(sentence)
        for m in found:
            if m.compound:
                continue
            _, token = next(alloc)
            out.append(sentence[pos : m.start])
            out.append(token)
            slots.append(Slot(token, m))
            pos = m.end
        out.append(sentence[pos:])
        compounds = [m for m in found if m.compound]
        return Masked("".join(out), slots, sentence, compounds)

    def restore(self, translation: str, masked: Masked) -> Restored:
        text = translation
        outcomes = []
        for slot in masked.slots:
            n = int(slot.token[len(placeholders.PREFIX):])
            hits = placeholders.find(text, n)
            m = slot.match
            if len(hits) == 0:
                outcomes.append(_outcome(m, "missing"))
                continue
            first = hits[0]
            possessive = text[first.end() : first.end() + 2] in ("'s", "’s")
            english = render_target(m, sentence_start=_at_sentence_start(text, first.start()),
                                    caps=_mostly_upper(masked.source))
            if m.genitive and m.entry is not None and m.entry.pos == "name" and not possessive:
                pass
            for dup in reversed(hits[1:]):
                text = text[: dup.start()] + text[dup.end():]
            text = text[: first.start()] + english + text[first.end():]
            outcomes.append(_outcome(m, "placeholder"))
        # No placeholder of ours may survive (mangled ones included).
        own = {int(s.token[len(placeholders.PREFIX):]) for s in masked.slots}
        text = placeholders.PLACEHOLDER_RE.sub(
            lambda x: "" if int(x.group(1)) in own else x.group(0), text)
        text = re.sub(r"[ \t]{2,}", " ", text).strip()
        return Restored(text, outcomes)


@dataclass
class Slot:
    token: str
    match: Match


@dataclass
class Masked:
    text: str
    slots: list[Slot]
    source: str
    compounds: list[Match] = field(default_factory=list)


@dataclass
class Restored:
    text: str
    outcomes: list[dict[str, Any]]


@dataclass
class Enforced:
    source: str
    text: str
    terms: list[dict[str, Any]]


def _outcome(m: Match, status: str, reason: str = "") -> dict[str, Any]:
    d = m.to_dict()
    d["status"] = status
    if reason:
        d["reason"] = reason
    return d


# Tags, Markdown link targets and bare URLs: where a file holds markup rather than prose.
_MARKUP = re.compile(r"<[^<>]*>|\]\([^)\s]*\)|https?://\S+")

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


def _mostly_upper(text: str) -> bool:
    # Regex counts, not a Python loop per character: this runs on every sentence.
    letters = len(_LETTER.findall(text))
    return letters >= 4 and len(_UPPER.findall(text)) / letters > 0.8


def _at_sentence_start(text: str, pos: int) -> bool:
    before = text[:pos].rstrip(" \"'„“«»(")
    return not before or before[-1] in ".!?:"


def english_plural(word: str) -> str:
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return word + "es"
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


def render_target(m: Match, *, sentence_start: bool = False, caps: bool = False) -> str:
    en = m.en
    entry = m.entry
    if m.plural and entry is not None and not entry.keep:
        if entry.plural:
            en = entry.plural
        elif " of " in en:  # chief of staff → chiefs of staff
            head, _, rest = en.partition(" of ")
            en = english_plural(head) + " of " + rest
        else:
            words = en.split()
            words[-1] = english_plural(words[-1])
            en = " ".join(words)
    if sentence_start and en[:1].islower():
        en = en[:1].upper() + en[1:]
    if caps:
        en = en.upper()
    return en


NBest = Callable[[list[str], int], list[list[str]]]


@dataclass
class _Candidate:
    text: str
    statuses: list[str]  # per slot: placeholder | fallback | not_applied
    method: str  # placeholder | n-best | variants | inline | split

    @property
    def applied(self) -> int:
        return sum(s != "not_applied" for s in self.statuses)


def enforce(sentences: list[str], glossary: Glossary,
            translate_batch: Callable[[list[str]], list[str]],
            translate_nbest: NBest | None = None, *, nbest: int = 4,
            split_fallback: bool = True) -> list[Enforced]:
    """Protect terms, translate once, restore and verify; fall back for lost terms.

    The stages, each a batch over the sentences still missing a term: the placeholder
    translation; the other n-best hypotheses of it; a plain translation with the model's
    known variants replaced; the English target written into the German sentence; and,
    last, the sentence translated in pieces around its terms with the targets put between
    them (the term always arrives, at some cost in fluency; the report says so).
    """
    masked = [glossary.protect(s) for s in sentences]
    outputs = translate_batch([m.text for m in masked])
    best: dict[int, _Candidate] = {}
    for i, (mk, out) in enumerate(zip(masked, outputs, strict=True)):
        best[i] = _restored_candidate(glossary, out, mk, "placeholder")

    def missing() -> list[int]:
        return [i for i, c in best.items() if c.applied < len(masked[i].slots)]

    def offer(i: int, cand: _Candidate) -> None:
        if cand.applied > best[i].applied:
            best[i] = cand

    todo = missing()
    if todo and translate_nbest is not None and nbest > 1:
        for i, hyps in zip(todo, translate_nbest([masked[i].text for i in todo], nbest),
                           strict=True):
            for hyp in hyps[1:]:
                offer(i, _restored_candidate(glossary, hyp, masked[i], "n-best"))
    todo = missing()
    if todo:
        for i, plain in zip(todo, translate_batch([sentences[i] for i in todo]), strict=True):
            offer(i, _variant_candidate(plain, masked[i], "variants"))
    todo = missing()
    if todo:
        seeded = [_with_targets(sentences[i], masked[i]) for i in todo]
        for i, out in zip(todo, translate_batch(seeded), strict=True):
            offer(i, _variant_candidate(out, masked[i], "inline"))
    todo = missing()
    if todo and split_fallback:
        pieces = {i: _split_at_terms(sentences[i], masked[i]) for i in todo}
        wanted = list(dict.fromkeys(p for ps in pieces.values() for p in ps if _has_words(p)))
        done = dict(zip(wanted, translate_batch(wanted), strict=True)) if wanted else {}
        for i in todo:
            offer(i, _split_candidate(sentences[i], masked[i], pieces[i], done))

    results: list[Enforced] = []
    for i, mk in enumerate(masked):
        cand = best[i]
        terms = []
        for slot, status in zip(mk.slots, cand.statuses, strict=True):
            if status == "not_applied":
                reason = "placeholder lost and the term not in any retranslation"
            elif status == "fallback":
                reason = {
                    "variants": "placeholder lost; plain translation, variant replaced",
                    "inline": "placeholder lost; target written into the source",
                    "split": "placeholder lost; translated in pieces around the term",
                }.get(cand.method, "")
            else:
                reason = "" if cand.method == "placeholder" else "from another hypothesis"
            out = _outcome(slot.match, status, reason)
            out["method"] = cand.method if status != "not_applied" else "none"
            terms.append(out)
        terms += [_outcome(c, "compound", "part of a compound: reported, not enforced")
                  for c in mk.compounds]
        terms.sort(key=lambda t: t["start"])  # sentence order, compounds among the rest
        results.append(Enforced(sentences[i], cand.text, terms))
    return results


def _restored_candidate(glossary: Glossary, output: str, masked: Masked,
                        method: str) -> _Candidate:
    restored = glossary.restore(output, masked)
    statuses = ["not_applied" if o["status"] == "missing" else "placeholder"
                for o in restored.outcomes]
    return _Candidate(restored.text, statuses, method)


def _variant_candidate(text: str, masked: Masked, method: str) -> _Candidate:
    text, statuses = _score_candidate(text, masked)
    return _Candidate(text, statuses, method)


def _has_words(text: str) -> bool:
    return any(c.isalpha() for c in text)


def _split_at_terms(sentence: str, masked: Masked) -> list[str]:
    """The stretches of the sentence before, between and after its terms."""
    out, pos = [], 0
    for slot in masked.slots:
        out.append(sentence[pos : slot.match.start])
        pos = slot.match.end
    out.append(sentence[pos:])
    return out


def _split_candidate(sentence: str, masked: Masked, pieces: list[str],
                     translated: dict[str, str]) -> _Candidate:
    caps = _mostly_upper(sentence)
    parts: list[str] = []
    last = len(pieces) - 1
    for k, piece in enumerate(pieces):
        if _has_words(piece):
            text = translated.get(piece, piece).strip()
            if k < last:  # a fragment is not a sentence: no full stop in the middle
                text = text.rstrip(".!?").rstrip()
            parts.append(text)
        elif piece.strip():
            parts.append(piece.strip())
        if k < last:
            m = masked.slots[k].match
            at_start = not "".join(parts).strip()
            parts.append(render_target(m, sentence_start=at_start, caps=caps))
    text = " ".join(p for p in parts if p)
    text = re.sub(r"\s+([,.;:!?)])", r"\1", text)
    if text[:1].islower() and sentence[:1].isupper():
        text = text[:1].upper() + text[1:]
    return _Candidate(text, ["fallback"] * len(masked.slots), "split")


def _score_candidate(text: str, masked: Masked) -> tuple[str, list[str]]:
    statuses = []
    for slot in masked.slots:
        text, status = _apply_variants(text, slot.match)
        statuses.append(status)
    return text, statuses


def _with_targets(sentence: str, masked: Masked) -> str:
    out, pos = [], 0
    for slot in masked.slots:
        m = slot.match
        out.append(sentence[pos : m.start])
        out.append(render_target(m))
        pos = m.end
    out.append(sentence[pos:])
    return "".join(out)


def _apply_variants(text: str, m: Match) -> tuple[str, str]:
    target = render_target(m)
    if target.casefold() in text.casefold():
        return text, "fallback"
    variants = list(m.entry.variants) if m.entry is not None else []
    variants += [m.surface, m.de]
    for v in sorted(variants, key=len, reverse=True):
        pat = re.compile(rf"(?<!\w){re.escape(v)}(?!\w)", re.IGNORECASE)
        if pat.search(text):
            return pat.sub(target, text, count=1), "fallback"
    return text, "not_applied"
