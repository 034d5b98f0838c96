"""Per-article summaries, for ``summarize`` and the digest.

German articles are summarised in German and only the chosen sentences (and titles) are
translated: the slow path, translating everything first, is kept as an option and for the
benchmark.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from defnews import segment
from defnews.article import Article
from defnews.digest.candidates import Candidate, candidates
from defnews.digest.story import KeyTerm
from defnews.digest.summarizers import Selected, n_for_ratio, summarize
from defnews.textutil import plain_text

if TYPE_CHECKING:
    from defnews.glossary import Glossary
    from defnews.translate import SentenceResult, Translator


# Sentences a summary is chosen from. Scoring compares every pair of candidates, so the work
# grows with the square of their number: an article longer than this (news articles have
# 10-80 sentences) is summarised from its first MAX_CANDIDATES sentences, with a note.
MAX_CANDIDATES = 400


@dataclass
class ArticleSummary:
    article: Article
    sentences: list[str]  # German (or input-language) body sentences
    selected: list[Selected]  # document order
    key_terms: list[KeyTerm] = field(default_factory=list)
    translations: list[str] | None = None  # English of the selected sentences
    title_en: str | None = None
    term_outcomes: list[dict[str, Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # for the user, e.g. a capped article


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


def key_terms(article: Article, glossary: Glossary | None, top: int = 5) -> list[KeyTerm]:
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
    return [KeyTerm(de=de, en=en, count=n) for (de, en), n in counts.most_common(top)]


def summarize_article(
    article: Article, n: int, *, method: str = "default", lang: str = "de",
    glossary: Glossary | None = None, ratio: float | None = None,
) -> ArticleSummary:
    sentences, starts = body_sentences(article, lang)
    terms = key_terms(article, glossary)
    if ratio is not None:
        n = n_for_ratio(len(sentences), ratio)
    pool = _pool(article, sentences, starts)
    picked = summarize(
        pool.texts, n, method=method, lang=lang, title=article.title,
        key_terms=[t["de"] for t in terms], paragraph_starts=pool.starts, demote=pool.demote,
    )
    return ArticleSummary(article, sentences, pool.selected(picked), terms, notes=pool.notes)


@dataclass
class _Pool:
    """The candidate sentences of one article (see candidates.py), capped, with the
    paragraph starts and demoted sentences in their numbering."""

    candidates: list[Candidate]
    starts: list[int]
    notes: list[str]

    @property
    def texts(self) -> list[str]:
        return [c.text for c in self.candidates]

    @property
    def demote(self) -> list[int]:
        return [j for j, c in enumerate(self.candidates) if c.dangling]

    def selected(self, picked: Sequence[Selected]) -> list[Selected]:
        """Chosen candidates renumbered as body sentences."""
        return [Selected(self.candidates[p.index].index, p.text, p.score, p.rank)
                for p in picked]


def _pool(article: Article, sentences: list[str], starts: Sequence[int]) -> _Pool:
    """Candidates of an article: the first MAX_CANDIDATES (scoring compares every pair),
    with a note when the article has more."""
    pool = candidates(sentences, article.title)
    notes = []
    if len(pool) > MAX_CANDIDATES:
        name = article.source or "the article"
        notes.append(f"{name} has {len(sentences):,} sentences; the summary is chosen from "
                     f"the first {MAX_CANDIDATES:,}")
        pool = pool[:MAX_CANDIDATES]
    para = set(starts)
    new_starts, previous = [], -1
    for j, c in enumerate(pool):
        if any(i in para for i in range(previous + 1, c.index + 1)):
            new_starts.append(j)
        previous = c.index
    return _Pool(pool, new_starts, notes)


# Sentences per call to the translator: large enough for its batching, small enough for a
# progress bar that moves.
SLICE = 256

Progress = Callable[[int, int], None]  # (sentences translated, sentences added to the work)


def _no_progress(done: int, added: int) -> None:
    pass


def translate_texts(translator: Translator, texts: Sequence[str],
                    progress: Progress = _no_progress) -> list[SentenceResult]:
    """translator.translate_sentences in slices, reporting progress after each."""
    progress(0, len(texts))
    results: list[SentenceResult] = []
    for i in range(0, len(texts), SLICE):
        part = texts[i : i + SLICE]
        results.extend(translator.translate_sentences(part))
        progress(len(part), 0)
    return results


def translate_summaries(summaries: Sequence[ArticleSummary], translator: Translator,
                        progress: Progress = _no_progress) -> None:
    """Translate the titles and chosen sentences of many articles in one batch."""
    texts: list[str] = []
    for s in summaries:
        texts.append(s.article.title or "")
        texts.extend(sel.text for sel in s.selected)
    results = translate_texts(translator, texts, progress)
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
    glossary: Glossary | None = None, ratio: float | None = None,
    progress: Progress = _no_progress,
) -> list[ArticleSummary]:
    """The slow path: translate every candidate sentence, then summarise the English.

    All articles' sentences go through one batched translation, as in the default path, so
    the two differ in what they translate, not in how."""
    bodies = [body_sentences(a, "de") for a in articles]
    pools = [_pool(a, sentences, starts)
             for a, (sentences, starts) in zip(articles, bodies, strict=True)]
    texts: list[str] = []
    for a, pool in zip(articles, pools, strict=True):
        texts += [a.title or "", *pool.texts]
    results = translate_texts(translator, texts, progress)
    out: list[ArticleSummary] = []
    i = 0
    for a, (sentences, _starts), pool in zip(articles, bodies, pools, strict=True):
        title, english = results[i], results[i + 1 : i + 1 + len(pool.candidates)]
        i += 1 + len(pool.candidates)
        k = n_for_ratio(len(sentences), ratio) if ratio is not None else n
        picked = summarize([r.text for r in english], k, method=method, lang="en",
                           title=title.text or None, paragraph_starts=pool.starts,
                           demote=pool.demote)
        summary = ArticleSummary(a, sentences, [], key_terms(a, glossary), notes=pool.notes)
        summary.selected = [Selected(pool.candidates[p.index].index, pool.texts[p.index],
                                     p.score, p.rank) for p in picked]
        summary.translations = [p.text for p in picked]
        summary.term_outcomes = [t for p in picked for t in english[p.index].terms]
        summary.title_en = title.text if a.title else None
        out.append(summary)
    return out


def summarize_articles(
    articles: Sequence[Article], n: int, translator: Translator | None, *,
    translate_first: bool = False, method: str = "default", lang: str = "de",
    glossary: Glossary | None = None, ratio: float | None = None,
    progress: Progress = _no_progress,
) -> list[ArticleSummary]:
    """Summaries of many articles, translated in one batch when there is a translator:
    summarised in German first (the default), or translated whole first. `progress` hears
    of the sentences to translate and of each slice translated."""
    if translate_first and translator is not None:
        return summarize_translated(articles, n, translator, method=method, glossary=glossary,
                                    ratio=ratio, progress=progress)
    summaries = [summarize_article(a, n, method=method, lang=lang, glossary=glossary,
                                   ratio=ratio) for a in articles]
    if translator is not None:
        translate_summaries(summaries, translator, progress)
    return summaries
