"""The digest's typed records and the JSON they are written as.

An ``Entry`` is one article's contribution (what the store keeps per article); a ``Story``
is what a digest shows: the lead report of one or more entries that tell the same story,
with the others as ``also_reported_by``. ``to_json`` gives the dictionaries that the JSON
output and the store hold; their field names are documented in the README.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, TypedDict


class KeyTerm(TypedDict):
    """A glossary term found in the article: German, English, occurrences."""

    de: str
    en: str
    count: int


class Skipped(TypedDict):
    """An input the digest left out and why."""

    source: str
    reason: str


@dataclass
class SummarySentence:
    """One chosen sentence: German source, English (None untranslated), place and score."""

    de: str
    en: str | None
    position: int  # index among the article's body sentences
    score: float


@dataclass
class OtherReport:
    """Another outlet's report of the same story."""

    outlet: str | None
    title: str | None
    source: str | None
    date: str | None


@dataclass
class Entry:
    """One article's digest entry (stored per article, so an interrupted run resumes)."""

    id: str
    title: str | None  # English when translated, else the original
    title_de: str | None
    outlet: str | None
    author: str | None
    date: str | None
    dateline: str | None
    source: str | None
    url: str | None
    summary: list[SummarySentence]
    key_terms: list[KeyTerm]
    terms: list[dict[str, Any]]  # glossary enforcement outcomes of the summary sentences
    features: dict[str, int]  # stemmed content-word counts (story grouping)
    countries: list[str]
    sentences: int  # body sentences in the article

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Entry:
        values = dict(data)
        values["summary"] = [SummarySentence(**s) for s in data["summary"]]
        return cls(**values)


@dataclass
class Story:
    """One story of the digest: the lead report and the outlets that also reported it."""

    id: str
    title: str | None
    title_de: str | None
    outlet: str | None
    author: str | None
    date: str | None
    dateline: str | None
    source: str | None
    url: str | None
    summary: list[SummarySentence]
    key_terms: list[str]  # glossary terms (English; German if untranslated), most frequent first
    terms: list[dict[str, Any]]
    countries: list[str]
    sentences: int
    also_reported_by: list[OtherReport] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Digest:
    date: str
    stories: list[Story]
    articles: int
    outlets: list[str]
    top_terms: list[tuple[str, int]]
    countries: list[tuple[str, int]]
    skipped: list[Skipped]
    reused: int = 0  # entries taken from the store (an earlier, maybe interrupted, run)
    first_date: str | None = None  # the oldest and newest article dates (None: none dated)
    last_date: str | None = None
    translated: bool = True  # False: a German digest (--no-translate)
    notes: list[str] = field(default_factory=list)  # for the user (stderr), not the output

    def report_line(self) -> str:
        """What the command says on stderr when it is done."""
        return (f"defnews: {self.articles} article{'s' if self.articles != 1 else ''}, "
                f"{len(self.stories)} stor{'ies' if len(self.stories) != 1 else 'y'}"
                + (f", {self.reused} reused from an earlier run" if self.reused else "")
                + (f", {len(self.skipped)} skipped" if self.skipped else ""))

    def to_json(self) -> dict[str, Any]:
        return {
            "date": self.date, "first_date": self.first_date, "last_date": self.last_date,
            "articles": self.articles, "outlets": self.outlets,
            "top_terms": [{"term": t, "count": c} for t, c in self.top_terms],
            "countries": [{"country": t, "count": c} for t, c in self.countries],
            "stories": [s.to_json() for s in self.stories], "skipped": self.skipped,
        }
