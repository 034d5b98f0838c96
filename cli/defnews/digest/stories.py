"""Story grouping: reports of one story from several outlets become one digest story."""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Protocol

from defnews.digest.story import Digest, Entry, OtherReport, Skipped, Story

# tf-idf cosine of content words above which two reports are one story. On the samples
# (full-length articles) reports of one story score 0.51 and more, different stories 0.20
# and less: the threshold sits between them with room on both sides.
SAME_STORY = 0.3
MAX_STORY_DAYS = 2  # reports of one story are at most this many days apart


class Groupable(Protocol):
    """What story grouping reads of an entry."""

    features: dict[str, int]
    outlet: str | None
    date: str | None


def _unit_vectors(entries: Sequence[Groupable]) -> list[dict[str, float]]:
    """tf-idf weights of each entry's features, scaled to length 1 (cosine = dot product)."""
    n = len(entries)
    df: Counter[str] = Counter()
    for e in entries:
        df.update(e.features.keys())
    vecs = []
    for e in entries:
        vec = {k: v * math.log((1 + n) / (1 + df[k])) for k, v in e.features.items()}
        norm = math.sqrt(sum(v * v for v in vec.values()))
        vecs.append({k: v / norm for k, v in vec.items() if v} if norm else {})
    return vecs


def cluster_stories(entries: Sequence[Groupable]) -> list[list[int]]:
    """Group entries that tell the same story (tf-idf cosine, single link).

    Dot products are summed through an index of which entries hold which word, so only
    pairs that share a word cost anything: comparing every pair was most of a 1,000-article
    digest's time outside the model.
    """
    n = len(entries)
    vecs = _unit_vectors(entries)
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    postings: dict[str, list[tuple[int, float]]] = {}
    for i in range(n):
        dots: dict[int, float] = {}
        for k, w in vecs[i].items():
            for j, wj in postings.get(k, ()):
                dots[j] = dots.get(j, 0.0) + w * wj
            postings.setdefault(k, []).append((i, w))
        for j, dot in dots.items():
            if dot < SAME_STORY:
                continue
            if entries[i].outlet and entries[i].outlet == entries[j].outlet:
                continue  # one outlet does not report the same story twice
            if days_apart(entries[i].date, entries[j].date) > MAX_STORY_DAYS:
                continue
            parent[find(i)] = find(j)
    groups: dict[int, list[int]] = {}
    for i in range(n):
        groups.setdefault(find(i), []).append(i)
    return list(groups.values())


def days_apart(a: str | None, b: str | None) -> int:
    try:
        return abs((dt.date.fromisoformat(a or "") - dt.date.fromisoformat(b or "")).days)
    except ValueError:
        return 0


def assemble(entries: list[Entry], skipped: list[Skipped], date: str | None,
             reused: int, translated: bool = True) -> Digest:
    """The digest from its entries: stories grouped and ordered, header figures counted."""
    # The same digest whether entries were computed now or reused from an interrupted run.
    entries = sorted(entries, key=lambda e: (e.source or "", e.id))
    stories = []
    for group in cluster_stories(entries):
        members = [entries[i] for i in group]
        # The most informative report carries the story: most sentences, then most terms.
        lead = max(members, key=lambda e: (e.sentences, len(e.key_terms), e.source or ""))
        terms: Counter[str] = Counter()
        for e in members:
            for kt in e.key_terms:
                terms[kt["en"] if translated else kt["de"]] += kt["count"]
        stories.append(Story(
            id=lead.id, title=lead.title, title_de=lead.title_de, outlet=lead.outlet,
            author=lead.author, date=lead.date, dateline=lead.dateline, source=lead.source,
            url=lead.url, summary=lead.summary, key_terms=[t for t, _ in _ranked(terms)[:5]],
            terms=lead.terms, countries=lead.countries, sentences=lead.sentences,
            also_reported_by=[OtherReport(outlet=e.outlet, title=e.title, source=e.source,
                                          date=e.date)
                              for e in members if e is not lead],
        ))
    # Most outlets first, then newest first, undated last (each sort keeps the one before).
    stories.sort(key=lambda s: s.source or "")
    stories.sort(key=lambda s: s.date or "", reverse=True)
    stories.sort(key=lambda s: -len(s.also_reported_by))
    outlets = sorted({e.outlet for e in entries if e.outlet})
    term_counts: Counter[str] = Counter()
    for story in stories:
        for term in story.key_terms:
            term_counts[term] += 1
    dates = Counter(e.date for e in entries if e.date)
    dated = sorted(dates)
    day = date or (dates.most_common(1)[0][0] if dates else dt.date.today().isoformat())
    return Digest(
        date=day, stories=stories, articles=len(entries), outlets=outlets,
        top_terms=_ranked(term_counts)[:8], countries=_countries(entries),
        skipped=skipped, reused=reused, translated=translated,
        first_date=dated[0] if dated else None, last_date=dated[-1] if dated else None,
    )


def _countries(entries: Iterable[Entry]) -> list[tuple[str, int]]:
    """Countries by the number of articles that mention them."""
    counts: Counter[str] = Counter()
    for e in entries:
        counts.update(set(e.countries))
    return _ranked(counts)[:6]


def _ranked(counts: Counter[str]) -> list[tuple[str, int]]:
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
