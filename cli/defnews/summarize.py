"""Extractive summaries: sumy's stock methods and a news-aware default.

Sentences arrive already segmented (``defnews.segment``). For the stock methods we build
sumy's document model ourselves with a tokenizer backed by ``defnews.segment``, because
sumy's own Tokenizer needs NLTK punkt data that cannot be fetched offline. Stemming uses
sumy's ``Stemmer`` (NLTK's Snowball, pure code, no data files).

The ``default`` method scores each sentence from news signals — position (the lead; the
shorter the summary relative to the article, the stronger), similarity to the title,
centrality (weighted degree in TextRank's word-overlap graph), glossary key terms and a
length damping (fragments and over-long sentences) — and then picks sentences greedily with
maximal marginal relevance (MMR) so that near-duplicates are not chosen twice. Its few
weights were tuned on the dev sets with ``bench/summary_eval.py``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

METHODS = ("default", "lexrank", "textrank", "lsa", "luhn", "edmundson", "sumbasic", "kl")

_LANGUAGES = {"de": "german", "en": "english"}

# Edmundson's cue method needs stigma words (they lower a sentence's rating). For news these
# are hedges and conversational filler that rarely carry the facts of a story.
_STIGMA_WORDS = {
    "en": (
        "perhaps",
        "maybe",
        "hardly",
        "apparently",
        "anyway",
        "actually",
        "really",
        "probably",
        "seems",
        "think",
        "feel",
        "guess",
        "hopefully",
        "obviously",
    ),
    "de": (
        "vielleicht",
        "eigentlich",
        "wohl",
        "halt",
        "eben",
        "irgendwie",
        "angeblich",
        "offenbar",
        "scheinbar",
        "vermutlich",
        "glaube",
        "denke",
        "hoffentlich",
        "ja",
    ),
}

_LETTER_RE = re.compile(r"[^\W\d_]")


@dataclass(frozen=True)
class Selected:
    """One chosen sentence: its index in the input, its text, its score and its rank (1 = best)."""

    index: int
    text: str
    score: float
    rank: int


@dataclass(frozen=True)
class DefaultParams:
    """Weights of the default scorer, tuned on the dev sets with bench/summary_eval.py.

    score = [centrality + w_position * g * scale / (scale + i) + w_title * title_sim
             + w_key * key + w_paragraph * opens_paragraph] / length_damping
    where g = (1 - k/n) ** position_power: the shorter the summary relative to the article,
    the more the inverted-pyramid lead decides (a 2-of-20 digest is mostly the lead; a
    40 % summary is mostly the central sentences).
    """

    w_position: float = 2.5
    position_power: float = 4.0
    position_scale: float = 2.0  # sentences
    w_title: float = 0.5  # tf-idf cosine to the title (BBC: flat from 0.2 to 0.5, see report)
    w_key: float = 0.5  # glossary key terms (no dev data with glossary terms: not tuned)
    w_paragraph: float = 0.0  # paragraph openings: no gain on the dev sets
    long_words: float = 12.0  # content words; longer sentences are damped by sqrt(len/long)
    long_power: float = 0.5
    short_words: int = 3  # content words; shorter sentences (fragments) are damped
    redundancy: float = 1.0  # MMR weight
    redundancy_threshold: float = 0.5  # cosine below this is not redundancy


DEFAULT_PARAMS = DefaultParams()


def n_for_ratio(count: int, ratio: float) -> int:
    """Number of sentences for a summary that keeps `ratio` of `count` sentences (at least 1)."""
    if count <= 0:
        return 0
    if not ratio > 0:  # also rejects NaN
        raise ValueError(f"ratio must be > 0, got {ratio!r}")
    return max(1, min(count, math.floor(count * ratio + 0.5)))


def summarize(
    sentences: Sequence[str],
    n: int,
    *,
    method: str = "default",
    lang: str = "de",
    title: str | None = None,
    key_terms: Sequence[str] = (),
    paragraph_starts: Sequence[int] = (),
) -> list[Selected]:
    """Pick min(n, len(sentences)) sentences; the result is in document order."""
    if method not in METHODS:
        raise ValueError(f"unknown method {method!r}; choose one of {', '.join(METHODS)}")
    if lang not in _LANGUAGES:
        raise ValueError(f"unsupported language {lang!r}; choose one of {', '.join(_LANGUAGES)}")
    sentences = list(sentences)
    k = min(max(n, 0), len(sentences))
    if k == 0:
        return []
    if k == len(sentences):
        # Nothing to choose: keep everything, ranked by position.
        return [Selected(i, s, 1.0, i + 1) for i, s in enumerate(sentences)]
    if method == "default":
        order, scores = _default_select(
            sentences, k, lang, title, key_terms, paragraph_starts, DEFAULT_PARAMS
        )
    else:
        order, scores = _sumy_select(sentences, k, method, lang, title, key_terms, paragraph_starts)
    picked = [Selected(i, sentences[i], float(scores[i]), r + 1) for r, i in enumerate(order)]
    return sorted(picked, key=lambda s: s.index)


# --------------------------------------------------------------------------- language tools


@cache
def _stemmer(lang: str) -> Callable[[str], str]:
    """sumy's Snowball stemmer for `lang` with a memo (stemming dominates the run time)."""
    from sumy.nlp.stemmers import Stemmer

    stem = Stemmer(_LANGUAGES[lang])
    memo: dict[str, str] = {}

    def cached(word: str) -> str:
        out = memo.get(word)
        if out is None:
            out = memo[word] = stem(word)
        return out

    return cached


@cache
def _stop_words(lang: str) -> frozenset[str]:
    from sumy.utils import get_stop_words

    return frozenset(w.lower() for w in get_stop_words(_LANGUAGES[lang]))


def _words(text: str, lang: str) -> list[str]:
    """Word tokens of `text` that contain a letter (drops numbers and punctuation)."""
    from defnews import segment

    return [w for w in segment.words(text, lang) if _LETTER_RE.search(w)]


def content_stems(text: str, lang: str) -> list[str]:
    """Lower-cased, stemmed word tokens of `text` without stop words."""
    stop = _stop_words(lang)
    stem = _stemmer(lang)
    # One-letter tokens are pieces of abbreviations ("u. a."), not content.
    return [stem(w) for w in (t.lower() for t in _words(text, lang))
            if len(w) > 1 and w not in stop]


class SegmentTokenizer:
    """sumy-compatible tokenizer backed by defnews.segment (no NLTK data needed)."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    @property
    def language(self) -> str:
        return _LANGUAGES[self.lang]

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        from defnews import segment

        return tuple(s.strip() for s in segment.split_sentences(paragraph, self.lang) if s.strip())

    def to_words(self, sentence: str) -> tuple[str, ...]:
        return tuple(_words(sentence, self.lang))


# --------------------------------------------------------------------------- stock methods


def build_document(
    sentences: Sequence[str],
    lang: str,
    title: str | None = None,
    paragraph_starts: Sequence[int] = (),
) -> Any:
    """sumy ObjectDocumentModel from pre-segmented sentences (the title becomes a heading)."""
    from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence

    tokenizer = SegmentTokenizer(lang)
    starts = sorted({i for i in paragraph_starts if 0 < i < len(sentences)})
    bounds = [0, *starts, len(sentences)]
    paragraphs = []
    for p, (a, b) in enumerate(zip(bounds[:-1], bounds[1:], strict=True)):
        objs = [Sentence(s, tokenizer) for s in sentences[a:b]]
        if p == 0 and title and title.strip():
            objs.insert(0, Sentence(title, tokenizer, is_heading=True))
        paragraphs.append(Paragraph(objs))
    return ObjectDocumentModel(paragraphs)


def _make_summarizer(
    method: str, sentences: Sequence[str], lang: str, title: str | None, key_terms: Sequence[str]
) -> Any:
    from sumy.summarizers.edmundson import EdmundsonSummarizer
    from sumy.summarizers.kl import KLSummarizer
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.summarizers.lsa import LsaSummarizer
    from sumy.summarizers.luhn import LuhnSummarizer
    from sumy.summarizers.sum_basic import SumBasicSummarizer
    from sumy.summarizers.text_rank import TextRankSummarizer

    classes = {
        "lexrank": LexRankSummarizer,
        "textrank": TextRankSummarizer,
        "lsa": LsaSummarizer,
        "luhn": LuhnSummarizer,
        "edmundson": EdmundsonSummarizer,
        "sumbasic": SumBasicSummarizer,
        "kl": KLSummarizer,
    }
    stop = _stop_words(lang)
    summarizer = classes[method](_stemmer(lang))
    if method == "edmundson":
        # Bonus: words of the title and of the glossary terms; null: stop words.
        bonus = [w.lower() for t in (title or "", *key_terms) for w in _words(t, lang)]
        bonus = [w for w in bonus if w not in stop] or _frequent_words(sentences, lang)
        summarizer.bonus_words = bonus or ["\x00"]  # sumy refuses an empty set
        summarizer.stigma_words = _STIGMA_WORDS[lang]
        summarizer.null_words = stop
    else:
        summarizer.stop_words = stop
    return summarizer


def _frequent_words(sentences: Sequence[str], lang: str, top: int = 5) -> list[str]:
    """Most frequent content words: Edmundson's bonus words when there is no title."""
    from collections import Counter

    stop = _stop_words(lang)
    counts = Counter(w.lower() for s in sentences for w in _words(s, lang))
    return [w for w, _ in counts.most_common() if w not in stop][:top]


def _sumy_select(
    sentences: Sequence[str],
    k: int,
    method: str,
    lang: str,
    title: str | None,
    key_terms: Sequence[str],
    paragraph_starts: Sequence[int],
) -> tuple[list[int], list[float]]:
    """Run a sumy summarizer; return chosen indices best-first and every sentence's rating."""
    import warnings

    document = build_document(sentences, lang, title, paragraph_starts)
    summarizer = _make_summarizer(method, sentences, lang, title, key_terms)
    scores = [0.0] * len(sentences)
    order: list[int] = []

    # sumy calls `count(infos)` with SentenceInfo(sentence, order, rating) sorted best-first;
    # capturing them gives us indices and ratings even when sentence texts repeat.
    def count(infos: Sequence[Any]) -> Sequence[Any]:
        for info in infos:
            scores[info.order] = float(info.rating)
        order.extend(info.order for info in infos[:k])
        return infos[:k]

    if any(_words(s, lang) for s in sentences):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # LSA warns about short documents
            try:
                summarizer(document, count)
            except (ZeroDivisionError, ValueError, FloatingPointError):
                order.clear()  # degenerate document (e.g. only stop words): fall back below
    if len(order) < k:
        rest = [i for i in range(len(sentences)) if i not in order]
        order.extend(rest[: k - len(order)])
    return order, scores


# --------------------------------------------------------------------------- default method


def _default_select(
    sentences: Sequence[str],
    k: int,
    lang: str,
    title: str | None,
    key_terms: Sequence[str],
    paragraph_starts: Sequence[int],
    params: DefaultParams,
) -> tuple[list[int], list[float]]:
    """News-aware scores followed by MMR selection; returns indices best-first and scores."""
    import numpy as np

    tokens = [content_stems(s, lang) for s in sentences]
    scores, sim = _default_scores(tokens, k, lang, title, key_terms, paragraph_starts, params)
    th = params.redundancy_threshold
    penalty = np.maximum(0.0, (sim - th) / (1.0 - th))
    n = len(sentences)
    chosen: list[int] = []
    worst = np.zeros(n)  # each sentence's largest penalty against the chosen ones
    available = np.ones(n, dtype=bool)
    for _ in range(k):
        gain = np.where(available, scores - params.redundancy * worst, -np.inf)
        i = int(np.argmax(gain))  # ties go to the earlier sentence
        chosen.append(i)
        available[i] = False
        worst = np.maximum(worst, penalty[i])
    return chosen, [float(x) for x in scores]


def _default_scores(
    tokens: Sequence[Sequence[str]],
    k: int,
    lang: str,
    title: str | None,
    key_terms: Sequence[str],
    paragraph_starts: Sequence[int],
    params: DefaultParams,
) -> tuple[Any, Any]:
    """Per-sentence scores and the (redundancy) tf-idf cosine-similarity matrix."""
    import numpy as np

    n = len(tokens)
    vocab: dict[str, int] = {}
    for toks in tokens:
        for t in toks:
            vocab.setdefault(t, len(vocab))
    tf = np.zeros((n, max(len(vocab), 1)))
    for i, toks in enumerate(tokens):
        for t in toks:
            tf[i, vocab[t]] += 1.0
    length = tf.sum(axis=1)

    # Centrality: weighted degree in TextRank's graph (shared words over the sum of log
    # lengths). On the dev sets the plain degree did as well as PageRank over it.
    overlap = tf @ tf.T
    logs = np.log(np.maximum(length, 1.0))
    norm = logs[:, None] + logs[None, :]
    edges = np.divide(overlap, norm, out=overlap.copy(), where=norm > 0)
    np.fill_diagonal(edges, 0.0)
    central = edges.sum(axis=1)
    if central.max() > 0:
        central = central / central.max()

    df = (tf > 0).sum(axis=0)
    idf = np.log((n + 1.0) / (df + 0.5))
    vec = _normalise_rows(tf * idf)
    sim = vec @ vec.T
    np.fill_diagonal(sim, 0.0)

    title_sim = np.zeros(n)
    if title:
        tvec = np.zeros(tf.shape[1])
        for t in content_stems(title, lang):
            if t in vocab:
                tvec[vocab[t]] += idf[vocab[t]]
        tnorm = np.linalg.norm(tvec)
        if tnorm > 0:
            title_sim = vec @ (tvec / tnorm)

    key = np.zeros(n)
    phrases = {tuple(content_stems(t, lang)) for t in key_terms}
    phrases.discard(())
    if phrases:
        for i, toks in enumerate(tokens):
            hits = sum(1 for ph in phrases if _contains(toks, ph))
            key[i] = hits / (1.0 + hits)  # diminishing returns

    para = np.zeros(n)
    for p in paragraph_starts:
        if 0 <= p < n:
            para[p] = 1.0

    ratio_gate = (1.0 - k / n) ** params.position_power
    position = params.position_scale / (params.position_scale + np.arange(n))
    score = (
        central
        + params.w_position * ratio_gate * position
        + params.w_title * title_sim
        + params.w_key * key
        + params.w_paragraph * para
    )
    score = score / np.maximum(1.0, length / params.long_words) ** params.long_power
    score = score * np.minimum(1.0, (length + 1.0) / (params.short_words + 1.0))
    return score, sim


def _normalise_rows(m: Any) -> Any:
    import numpy as np

    norms = np.linalg.norm(m, axis=1, keepdims=True)
    return np.divide(m, norms, out=np.zeros_like(m), where=norms > 0)


def _contains(tokens: Sequence[str], phrase: Sequence[str]) -> bool:
    m = len(phrase)
    return any(tuple(tokens[j : j + m]) == tuple(phrase) for j in range(len(tokens) - m + 1))
