"""Which body sentences a summary may quote, and in what form.

The readers try to take the title, datelines and page furniture out of the body; this is
the summariser's own guard for when they do not: a summary never repeats the title, never
starts with a dateline or agency prefix (``MOSKAU ap |``, ``Berlin (dpa) -``) and never
quotes a fragment (no closing punctuation, a lower-case start, a line ending in a colon) or
a page-furniture phrase ("Mehr zum Thema: …"), unless the article has nothing else. A
sentence that opens with an unresolved reference (``Diese …``, ``Er sagte …``, ``Dies
ist …``) stays a candidate but is marked, so that the summariser takes it only when nothing
as good exists.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from defnews.readers.metadata import boilerplate_phrase

_AGENCY = (r"(?:dpa|afp|ap|rtr|reuters|epd|kna|dts|apa|sda|ddp|ots|sid|ag|upi|ria|tass"
           r"|interfax|ANSA|EFE|AFP|DPA|AP|Reuters)")
_DATE = r"(?:\s*,\s*\d{1,2}\.\s*[A-Za-zÄÖÜäöü]+\.?(?:\s*\d{4})?)?"
_SEP = r"\s*[|–—:-]\s+"
_DATELINES = [
    # MOSKAU ap |   BERLIN, 18. November (dpa) –   NEW YORK -
    re.compile(r"^\s*[A-ZÄÖÜ][A-ZÄÖÜ.\-/]{2,}(?:\s+[A-ZÄÖÜ][A-ZÄÖÜ.\-/]+){0,2}" + _DATE
               + r"(?:\s*\(\s*" + _AGENCY + r"(?:\s*[/,]\s*\w+)*\s*\)|\s+" + _AGENCY + r")?"
               + _SEP),
    # Berlin (dpa) -   Kiew/Moskau (Reuters) –   Minsk dpa |
    re.compile(r"^\s*[A-ZÄÖÜ][\wäöüß.\-/]+(?:\s+[A-ZÄÖÜ][\wäöüß.\-/]+){0,2}" + _DATE
               + r"(?:\s*\(\s*" + _AGENCY + r"(?:\s*[/,]\s*\w+)*\s*\)|\s+" + _AGENCY + r")"
               + _SEP),
    # (dpa) -
    re.compile(r"^\s*\(\s*" + _AGENCY + r"(?:\s*[/,]\s*\w+)*\s*\)" + _SEP),
]
_END = re.compile(r"[.!?…][\"'“”„»«‚‘’)\]]*\s*$")
_DANGLING = re.compile(
    r"^[\"„“»]?(?:Diese[rsmn]?|Dies|Das|Er|Sie|Es|Dabei|Damit|Dazu|Deshalb|Daher|Demnach"
    r"|Dort|Darauf|Darüber|Zudem|Außerdem|Ebenso|Trotzdem|Dennoch"
    # Only the sentence before says what these continue ("Und zwar häufig dann, …", "Denn
    # die Lage …"); "Aber"/"Doch" openers stay: measured, demoting them costs the dev
    # teasers more than they read badly.
    r"|Und zwar|Denn)\s+[a-zäöüß]")
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Candidate:
    """A body sentence a summary may use: its index among the body sentences, its text as
    quoted (a dateline or glued-on title removed) and whether it opens with a reference."""

    index: int
    text: str
    dangling: bool


def strip_dateline(sentence: str) -> str:
    """The sentence without a leading dateline or agency prefix (unchanged if none)."""
    for rx in _DATELINES:
        m = rx.match(sentence)
        if m and len(_WORD.findall(sentence[m.end():])) >= 3:
            return sentence[m.end():]
    return sentence


def _norm(text: str) -> str:
    return " ".join(_WORD.findall(text.casefold()))


def is_fragment(sentence: str) -> bool:
    """No closing punctuation, a start that is not a sentence start, or a lead-in colon."""
    s = sentence.strip()
    if not s or not _END.search(s):
        return True
    first = s.lstrip("\"'„“‚‘»«([")[:1]
    return not (first.isupper() or first.isdigit())


def candidates(sentences: Sequence[str], title: str | None) -> list[Candidate]:
    """The sentences a summary may quote, in order: fragments only if no whole sentence is
    left, and the title's repetitions only if nothing else is (a headline-only text). A
    sentence the article repeats word for word is a candidate once: a summary never says
    the same thing twice."""
    head = (title or "").strip()
    head_norm = _norm(head)
    clean: list[Candidate] = []
    fragments: list[Candidate] = []
    repeats: list[Candidate] = []
    seen: set[str] = set()
    for i, raw in enumerate(sentences):
        text = strip_dateline(raw)
        norm = _norm(text)
        if norm in seen:
            continue
        seen.add(norm)
        if head_norm and norm == head_norm:
            repeats.append(Candidate(i, text, False))
            continue
        if head_norm and norm.startswith(head_norm + " ") and text.startswith(head):
            rest = text[len(head):].lstrip(" :.–—-|")  # a title glued to the first sentence
            if len(_WORD.findall(rest)) >= 3:
                text = strip_dateline(rest)
        cand = Candidate(i, text, bool(_DANGLING.match(text)))
        # A page-furniture sentence inside a story paragraph ("Mehr zum Thema: …", "Folgen
        # Sie uns auf …") is quoted no more readily than a fragment.
        (fragments if is_fragment(text) or boilerplate_phrase(text) else clean).append(cand)
    return clean or fragments or repeats
