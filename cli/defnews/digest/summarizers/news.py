"""The news-aware default summariser.

It scores each sentence from news signals — position (the lead; the shorter the summary
relative to the article, the stronger), similarity to the title, centrality (weighted degree
in TextRank's word-overlap graph), glossary key terms and a length damping (fragments and
over-long sentences) — and then picks sentences greedily with maximal marginal relevance
(MMR) so that near-duplicates are not chosen twice. Its few weights were tuned on the dev
sets with ``bench/summary_eval.py``. German goes to the learned scorer of ``learned.py``
when its weights are installed (``data/summary_weights_de.json``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from defnews.digest.summarizers.words import content_stems


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
    demoted: float = 0.5  # score factor of a sentence opening with an unresolved reference


# English, and German when the learned model (learned.py) is not installed.
DEFAULT_PARAMS = DefaultParams()


def select(
    sentences: Sequence[str],
    k: int,
    lang: str,
    title: str | None,
    key_terms: Sequence[str],
    paragraph_starts: Sequence[int],
    params: DefaultParams | None = None,
    demote: Sequence[int] = (),
) -> tuple[list[int], list[float]]:
    """News-aware scores followed by MMR selection; returns indices best-first and scores.
    Sentences in `demote` (opening with an unresolved reference) score `params.demoted` as
    much: chosen only when nothing as good exists."""
    tokens = [content_stems(s, lang) for s in sentences]
    if params is None and lang == "de":
        from defnews.digest.summarizers import learned

        model = learned.german_model()
        if model is not None:
            return _select_learned(model, sentences, tokens, k, title, key_terms,
                                   paragraph_starts, demote)
    params = params or DEFAULT_PARAMS
    scores, sim = scores_and_similarity(tokens, k, lang, title, key_terms, paragraph_starts,
                                        params)
    for i in demote:
        scores[i] *= params.demoted
    return mmr(scores, sim, k, params), [float(x) for x in scores]


def _select_learned(
    model: Any, sentences: Sequence[str], tokens: Sequence[Sequence[str]], k: int,
    title: str | None, key_terms: Sequence[str], paragraph_starts: Sequence[int],
    demote: Sequence[int],
) -> tuple[list[int], list[float]]:
    """German: the learned expected-ROUGE scorer (summarizers/learned.py)."""
    from defnews.digest.summarizers import features, learned

    sig = signals(tokens, "de", title, key_terms, paragraph_starts)
    table = features.tables(sentences, "de")
    key_stems = {t for term in key_terms for t in content_stems(term, "de")}
    title_stems = set(content_stems(title, "de")) if title else set()
    sentence_x = features.sentence_features(sentences, sig, demote)
    est = learned.estimates(model, table, sentence_x,
                            learned.word_offsets(table, key_stems, title_stems, model),
                            titled=bool(title_stems))
    order, single = learned.choose(model, table, est, sig.sim, k, demote)
    return order, [float(x) for x in single]


@dataclass
class Signals:
    """Per-sentence news signals (arrays of length n) and the tf-idf cosine matrix."""

    central: Any  # weighted degree in TextRank's word-overlap graph, max 1
    title_sim: Any  # tf-idf cosine to the title
    key: Any  # glossary key terms, diminishing returns
    para: Any  # 1 where a paragraph starts
    length: Any  # content words
    vec: Any  # tf-idf rows, unit length
    sim: Any  # cosine between sentences, 0 on the diagonal


def signals(
    tokens: Sequence[Sequence[str]],
    lang: str,
    title: str | None,
    key_terms: Sequence[str],
    paragraph_starts: Sequence[int],
) -> Signals:
    """The news signals of each sentence (shared by the default and the learned scorer)."""
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
    return Signals(central, title_sim, key, para, length, vec, sim)


def scores_and_similarity(
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

    sig = signals(tokens, lang, title, key_terms, paragraph_starts)
    n = len(tokens)
    ratio_gate = (1.0 - k / n) ** params.position_power
    position = params.position_scale / (params.position_scale + np.arange(n))
    score = (
        sig.central
        + params.w_position * ratio_gate * position
        + params.w_title * sig.title_sim
        + params.w_key * sig.key
        + params.w_paragraph * sig.para
    )
    score = score / np.maximum(1.0, sig.length / params.long_words) ** params.long_power
    score = score * np.minimum(1.0, (sig.length + 1.0) / (params.short_words + 1.0))
    return score, sig.sim


def mmr(scores: Any, sim: Any, k: int, params: DefaultParams) -> list[int]:
    """Greedy maximal marginal relevance: k indices, best first (ties: earlier sentence)."""
    import numpy as np

    th = params.redundancy_threshold
    penalty = np.maximum(0.0, (sim - th) / (1.0 - th))
    n = len(scores)
    chosen: list[int] = []
    worst = np.zeros(n)  # each sentence's largest penalty against the chosen ones
    available = np.ones(n, dtype=bool)
    for _ in range(k):
        gain = np.where(available, scores - params.redundancy * worst, -np.inf)
        i = int(np.argmax(gain))
        chosen.append(i)
        available[i] = False
        worst = np.maximum(worst, penalty[i])
    return chosen


def _normalise_rows(m: Any) -> Any:
    import numpy as np

    norms = np.linalg.norm(m, axis=1, keepdims=True)
    return np.divide(m, norms, out=np.zeros_like(m), where=norms > 0)


def _contains(tokens: Sequence[str], phrase: Sequence[str]) -> bool:
    m = len(phrase)
    return any(tuple(tokens[j : j + m]) == tuple(phrase) for j in range(len(tokens) - m + 1))
