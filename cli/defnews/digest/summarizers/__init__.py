"""Extractive summarisers behind one interface, one small module each (as in sumy).

Sentences arrive already segmented (``defnews.segment``). ``summarize`` picks sentences with
the named method: ``default`` (``news``: a news-aware scorer with MMR; for German the
learned scorer of ``learned``, which estimates the chosen sentences' ROUGE against a teaser)
or one of sumy's stock methods (``stock``). Every method is a function
``select(sentences, k, lang, title, key_terms, paragraph_starts) -> (order, scores)``
returning the chosen indices best-first and every sentence's score (``demote``: indices
to take only when nothing as good exists).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from defnews.digest.summarizers.words import LANGUAGES

METHODS = ("default", "lexrank", "textrank", "lsa", "luhn", "edmundson", "sumbasic", "kl")

Selector = Callable[..., tuple[list[int], list[float]]]


@dataclass(frozen=True)
class Selected:
    """One chosen sentence: its index in the input, its text, its score and its rank (1 = best)."""

    index: int
    text: str
    score: float
    rank: int


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
    demote: Sequence[int] = (),
) -> list[Selected]:
    """Pick min(n, len(sentences)) sentences; the result is in document order. Sentences in
    `demote` (e.g. opening with an unresolved reference) are taken only when nothing as good
    exists."""
    if method not in METHODS:
        raise ValueError(f"unknown method {method!r}; choose one of {', '.join(METHODS)}")
    if lang not in LANGUAGES:
        raise ValueError(f"unsupported language {lang!r}; choose one of {', '.join(LANGUAGES)}")
    sentences = list(sentences)
    k = min(max(n, 0), len(sentences))
    if k == 0:
        return []
    if k == len(sentences):
        # Nothing to choose: keep everything, ranked by position.
        return [Selected(i, s, 1.0, i + 1) for i, s in enumerate(sentences)]
    if method == "default":
        from defnews.digest.summarizers import news

        order, scores = news.select(sentences, k, lang, title, key_terms, paragraph_starts,
                                    demote=demote)
    else:
        from defnews.digest.summarizers import stock

        order, scores = stock.select(sentences, k, method, lang, title, key_terms,
                                     paragraph_starts, demote)
    picked = [Selected(i, sentences[i], float(scores[i]), r + 1) for r, i in enumerate(order)]
    return sorted(picked, key=lambda s: s.index)
