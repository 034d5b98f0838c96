"""Article summaries and the daily digest.

German articles are summarised in German and only the chosen sentences (and titles) are
translated: the slow path, translating everything first, is kept as an option and for the
benchmark. Articles stream through in chunks, so memory holds the model, one chunk of
articles and the small finished entries. Each finished entry is stored in the SQLite store
under the article's content hash and the options that shaped it, so a run that is killed
and started again redoes nothing it had finished; the output file is written atomically
at the end, and only then are the articles marked as delivered (for ``--since last``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from defnews import segment
from defnews.article import Article
from defnews.countries import country_mentions
from defnews.errors import InputError
from defnews.textutil import plain_text

if TYPE_CHECKING:
    from defnews.glossary import Glossary
    from defnews.store import Store
    from defnews.translate import Translator

ARTICLE_SUFFIXES = {".txt", ".md", ".markdown", ".html", ".htm", ".xml", ".rss", ".atom"}
CHUNK = 32  # articles read, summarised and translated together
# tf-idf cosine of content words above which two reports are one story. On the samples
# (full-length articles) reports of one story score 0.51 and more, different stories 0.20
# and less: the threshold sits between them with room on both sides.
SAME_STORY = 0.3
MAX_STORY_DAYS = 2  # reports of one story are at most this many days apart


# ------------------------------------------------------------------ one article


@dataclass
class ArticleSummary:
    article: Article
    sentences: list[str]  # German (or input-language) body sentences
    selected: list[Any]  # summarize.Selected, document order
    key_terms: list[dict[str, Any]] = field(default_factory=list)  # {de, en, count}
    translations: list[str] | None = None  # English of the selected sentences
    title_en: str | None = None
    term_outcomes: list[dict[str, Any]] = field(default_factory=list)


def body_sentences(article: Article, lang: str = "de") -> tuple[list[str], list[int]]:
    """Sentences of the story (no title, metadata or boilerplate) and paragraph starts."""
    sentences: list[str] = []
    starts: list[int] = []
    title = (article.title or "").strip()
    for block in article.body_blocks():
        if block.kind == "heading" and (block.level <= 1 or block.text.strip() == title):
            continue
        if block.kind == "table_row":  # cells are no sentences a summary could quote
            continue
        text = plain_text(block.text)
        parts = [s for s in segment.split_sentences(text, lang) if _is_sentence(s)]
        if parts:
            starts.append(len(sentences))
            sentences.extend(parts)
    return sentences, starts


def _is_sentence(s: str) -> bool:
    return len(segment.words(s)) >= 3


def key_terms(article: Article, glossary: Glossary | None, top: int = 5) -> list[dict[str, Any]]:
    if glossary is None or not len(glossary):
        return []
    texts = [plain_text(b.text) for b in article.body_blocks()]
    if article.title:
        texts.insert(0, article.title)
    counts: Counter[tuple[str, str]] = Counter()
    # Block by block: each entry's pattern then runs over a paragraph, not the whole article
    # (4x faster on full-length articles; no term spans two blocks).
    for text in texts:
        for m in glossary.find(text):
            if not getattr(m, "compound", False):
                counts[(m.de, m.en)] += 1
    return [{"de": de, "en": en, "count": n} for (de, en), n in counts.most_common(top)]


def summarize_article(
    article: Article, n: int, *, method: str = "default", lang: str = "de",
    glossary: Glossary | None = None, ratio: float | None = None,
) -> ArticleSummary:
    from defnews import summarize

    sentences, starts = body_sentences(article, lang)
    terms = key_terms(article, glossary)
    if ratio is not None:
        n = summarize.n_for_ratio(len(sentences), ratio)
    selected = summarize.summarize(
        sentences, n, method=method, lang=lang, title=article.title,
        key_terms=[t["de"] for t in terms], paragraph_starts=starts,
    )
    return ArticleSummary(article, sentences, selected, terms)


def translate_summaries(summaries: Sequence[ArticleSummary], translator: Translator) -> None:
    """Translate the titles and chosen sentences of many articles in one batch."""
    texts: list[str] = []
    for s in summaries:
        texts.append(s.article.title or "")
        texts.extend(sel.text for sel in s.selected)
    results = translator.translate_sentences(texts)
    i = 0
    for s in summaries:
        s.title_en = results[i].text if s.article.title else None
        i += 1
        chunk = results[i : i + len(s.selected)]
        i += len(s.selected)
        s.translations = [r.text for r in chunk]
        s.term_outcomes = [t for r in chunk for t in r.terms]


def summarize_translated(
    articles: Sequence[Article], n: int, translator: Translator, *, method: str = "default",
    glossary: Glossary | None = None,
) -> list[ArticleSummary]:
    """The slow path: translate every body sentence, then summarise the English.

    All articles' sentences go through one batched translation, as in the default path, so
    the two differ in what they translate, not in how."""
    from defnews import summarize

    bodies = [body_sentences(a, "de") for a in articles]
    texts: list[str] = []
    for a, (sentences, _starts) in zip(articles, bodies, strict=True):
        texts += [a.title or "", *sentences]
    results = translator.translate_sentences(texts)
    out: list[ArticleSummary] = []
    i = 0
    for a, (sentences, starts) in zip(articles, bodies, strict=True):
        title, english = results[i], [r.text for r in results[i + 1 : i + 1 + len(sentences)]]
        i += 1 + len(sentences)
        selected = summarize.summarize(english, n, method=method, lang="en",
                                       title=title.text or None, paragraph_starts=starts)
        summary = ArticleSummary(a, sentences, [], key_terms(a, glossary))
        summary.selected = [summarize.Selected(s.index, sentences[s.index], s.score, s.rank)
                            for s in selected]
        summary.translations = [s.text for s in selected]
        summary.title_en = title.text if a.title else None
        out.append(summary)
    return out


def summarize_articles(
    articles: Sequence[Article], n: int, translator: Translator | None, *,
    translate_first: bool = False, method: str = "default", lang: str = "de",
    glossary: Glossary | None = None, ratio: float | None = None,
) -> list[ArticleSummary]:
    """Summaries of many articles, translated in one batch when there is a translator:
    summarised in German first (the default), or translated whole first."""
    if translate_first and translator is not None:
        return summarize_translated(articles, n, translator, method=method, glossary=glossary)
    summaries = [summarize_article(a, n, method=method, lang=lang, glossary=glossary,
                                   ratio=ratio) for a in articles]
    if translator is not None:
        translate_summaries(summaries, translator)
    return summaries


# ------------------------------------------------------------------------ digest


@dataclass
class DigestOptions:
    sentences: int = 3
    method: str = "default"
    date: str | None = None  # only articles of this day (YYYY-MM-DD)
    since: str | None = None  # "last" or YYYY-MM-DD
    translate_first: bool = False  # the slow path, for comparison

    def key(self) -> str:
        return f"n={self.sentences};m={self.method};tf={int(self.translate_first)}"


@dataclass
class Digest:
    date: str
    entries: list[dict[str, Any]]  # one per story
    articles: int
    outlets: list[str]
    top_terms: list[tuple[str, int]]
    countries: list[tuple[str, int]]
    skipped: list[dict[str, str]]
    reused: int = 0  # entries taken from the store (an earlier, maybe interrupted, run)

    def to_dict(self) -> dict[str, Any]:
        return {
            "date": self.date, "articles": self.articles, "outlets": self.outlets,
            "top_terms": [{"term": t, "count": c} for t, c in self.top_terms],
            "countries": [{"country": t, "count": c} for t, c in self.countries],
            "stories": self.entries, "skipped": self.skipped,
        }


def collect_files(inputs: Sequence[Path]) -> list[Path]:
    """Article files named directly or found in the given folders (sorted, no duplicates)."""
    files: list[Path] = []
    for p in inputs:
        if p.is_dir():
            files.extend(sorted(
                f for f in p.rglob("*")
                if f.is_file() and f.suffix.lower() in ARTICLE_SUFFIXES
                and not any(part.startswith(".") for part in f.relative_to(p).parts)
            ))
        elif p.exists():
            files.append(p)
        else:
            raise InputError(f"{p} does not exist")
    return list(dict.fromkeys(files))


def article_id(data: bytes, index: int = 0) -> str:
    return hashlib.sha256(data + f"#{index}".encode()).hexdigest()[:32]


def build_digest(
    files: Sequence[Path],
    options: DigestOptions,
    *,
    translator_factory: Callable[[], Translator] | None,
    glossary: Glossary | None,
    store: Store,
    progress: Callable[[int], None] = lambda n: None,
) -> tuple[Digest, list[str]]:
    """Build the digest; returns it with the ids of the articles it covers."""
    from defnews import documents
    from defnews.fileio import read_file_bytes

    delivered = store.delivered_ids() if options.since == "last" else set()
    since_date = options.since if options.since not in (None, "last") else None
    translator: Translator | None = None
    entries: list[dict[str, Any]] = []
    skipped: list[dict[str, str]] = []
    ids: list[str] = []
    reused = 0
    pending: list[tuple[str, Article]] = []

    def opt_key() -> str:
        parts = [options.key()]
        if translator is not None:
            parts.append(translator.model.identity())
        parts.append(glossary.content_hash if glossary is not None else "none")
        return "|".join(parts)

    def flush() -> None:
        nonlocal translator
        if not pending:
            return
        if translator is None and translator_factory is not None:
            translator = translator_factory()
        summaries = summarize_articles([art for _aid, art in pending], options.sentences,
                                       translator, translate_first=options.translate_first,
                                       method=options.method, glossary=glossary)
        for (aid, _art), s in zip(pending, summaries, strict=True):
            entry = _entry(s, aid)
            store.entry_put(aid + "|" + opt_key(), aid, entry)
            entries.append(entry)
        pending.clear()

    if translator_factory is not None:
        translator = translator_factory()
    for path in files:
        data = read_file_bytes(path)
        try:
            articles = documents.read_bytes(data, name=str(path))
        except InputError as exc:
            skipped.append({"source": str(path), "reason": exc.message})
            progress(1)
            continue
        for index, art in enumerate(articles):
            aid = article_id(data, index)
            if aid in delivered:
                continue
            if options.date and art.date and art.date != options.date:
                continue
            if since_date and art.date and art.date < since_date:
                continue
            if art.lang and art.lang != "de":
                skipped.append({"source": art.source or str(path),
                                "reason": f"language {art.lang!r}, not German"})
                continue
            if not body_sentences(art)[0]:
                skipped.append({"source": art.source or str(path),
                                "reason": "no article text (empty, or only page furniture)"})
                continue
            ids.append(aid)
            cached = store.entry_get(aid + "|" + opt_key())
            if cached is not None:
                entries.append(cached)
                reused += 1
                continue
            pending.append((aid, art))
            if len(pending) >= CHUNK:
                flush()
        progress(1)
    flush()
    return _assemble(entries, skipped, options, reused), ids


def _entry(s: ArticleSummary, aid: str) -> dict[str, Any]:
    a = s.article
    summary = [
        {"de": sel.text, "en": (s.translations[i] if s.translations else None),
         "position": sel.index, "score": round(float(sel.score), 4)}
        for i, sel in enumerate(s.selected)
    ]
    return {
        "id": aid,
        "title": s.title_en or a.title,
        "title_de": a.title,
        "outlet": a.outlet,
        "author": a.author,
        "date": a.date,
        "dateline": a.dateline,
        "source": a.source,
        "url": a.url,
        "summary": summary,
        "key_terms": s.key_terms,
        "terms": s.term_outcomes,
        "features": _features(s.sentences, a.title),
        "countries": country_mentions(" ".join([a.title or "", *s.sentences])),
        "sentences": len(s.sentences),
    }


def _features(sentences: Sequence[str], title: str | None) -> dict[str, int]:
    """Content-word counts (stemmed) used to recognise the same story across outlets."""
    from defnews.summarize import content_stems

    counts: Counter[str] = Counter()
    for s in [title or "", *sentences]:
        counts.update(content_stems(s, "de"))
    return dict(counts.most_common(80))


def _unit_vectors(entries: Sequence[dict[str, Any]]) -> list[dict[str, float]]:
    """tf-idf weights of each entry's features, scaled to length 1 (cosine = dot product)."""
    n = len(entries)
    df: Counter[str] = Counter()
    for e in entries:
        df.update(e["features"].keys())
    vecs = []
    for e in entries:
        vec = {k: v * math.log((1 + n) / (1 + df[k])) for k, v in e["features"].items()}
        norm = math.sqrt(sum(v * v for v in vec.values()))
        vecs.append({k: v / norm for k, v in vec.items() if v} if norm else {})
    return vecs


def cluster_stories(entries: Sequence[dict[str, Any]]) -> list[list[int]]:
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
            if entries[i].get("outlet") and entries[i].get("outlet") == entries[j].get("outlet"):
                continue  # one outlet does not report the same story twice
            if _days_apart(entries[i].get("date"), entries[j].get("date")) > MAX_STORY_DAYS:
                continue
            parent[find(i)] = find(j)
    groups: dict[int, list[int]] = {}
    for i in range(n):
        groups.setdefault(find(i), []).append(i)
    return list(groups.values())


def _days_apart(a: str | None, b: str | None) -> int:
    try:
        return abs((dt.date.fromisoformat(a or "") - dt.date.fromisoformat(b or "")).days)
    except ValueError:
        return 0


def _assemble(entries: list[dict[str, Any]], skipped: list[dict[str, str]],
              options: DigestOptions, reused: int) -> Digest:
    # The same digest whether entries were computed now or reused from an interrupted run.
    entries = sorted(entries, key=lambda e: (e.get("source") or "", e["id"]))
    stories = []
    for group in cluster_stories(entries):
        members = [entries[i] for i in group]
        # The most informative report carries the story: most sentences, then most terms.
        lead = max(members, key=lambda e: (e["sentences"], len(e["key_terms"]),
                                           e.get("source") or ""))
        story = {k: v for k, v in lead.items() if k != "features"}
        story["also_reported_by"] = [
            {"outlet": e.get("outlet"), "title": e.get("title"), "source": e.get("source"),
             "date": e.get("date")}
            for e in members if e is not lead
        ]
        terms: Counter[str] = Counter()
        for e in members:
            for t in e["key_terms"]:
                terms[t["en"]] += t["count"]
        story["key_terms"] = [t for t, _ in _ranked(terms)[:5]]
        stories.append(story)
    stories.sort(key=lambda s: (-(len(s["also_reported_by"])), s.get("date") or "",
                                s.get("source") or ""))
    outlets = sorted({e["outlet"] for e in entries if e.get("outlet")})
    term_counts: Counter[str] = Counter()
    for s in stories:
        for t in s["key_terms"]:
            term_counts[t] += 1
    dates = Counter(e["date"] for e in entries if e.get("date"))
    date = options.date or (dates.most_common(1)[0][0] if dates else
                            dt.date.today().isoformat())
    return Digest(
        date=date, entries=stories, articles=len(entries), outlets=outlets,
        top_terms=_ranked(term_counts)[:8], countries=_countries(entries),
        skipped=skipped, reused=reused,
    )


def _countries(entries: Iterable[dict[str, Any]]) -> list[tuple[str, int]]:
    """Countries by the number of articles that mention them."""
    counts: Counter[str] = Counter()
    for e in entries:
        counts.update(set(e.get("countries", [])))
    return _ranked(counts)[:6]


def _ranked(counts: Counter[str]) -> list[tuple[str, int]]:
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
