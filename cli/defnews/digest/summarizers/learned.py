"""The learned German scorer of the default summariser.

An extract is judged the way a reader with the outlet's teaser would judge it: by the words
it shares with the teaser, against how long it is. Four small models, fitted on the 10kGNAD
dev articles by ``bench/train_summary_model.py`` (weights in ``data/summary_weights_de.json``,
read on first use), estimate

- for every word (stem) of the article, the probability that the teaser uses it: from how
  often and how early the article uses it, whether it is a stop word, a number, a
  capitalised name or noun (``features.WORD_FEATURES``);
- for every pair of adjacent words, the probability that the teaser has that bigram
  (``BIGRAM_FEATURES``);
- for every sentence, a prior from its position, length, centrality and form
  (``SENTENCE_FEATURES``; a softmax over the article's sentences);
- for every candidate pair of sentences, how good a 2-sentence summary it makes
  (``PAIR_FEATURES``; a softmax over the article's pairs, fitted against the pairs' real
  ROUGE with the teaser): from the pair's expected ROUGE (below), the two priors, positions,
  lengths and forms. The 2-sentence summary is chosen as a pair, not one sentence at a time.

A set of sentences S scores its expected ROUGE-1 and ROUGE-2 F against a teaser of
``teaser_words`` words: 2 E[shared words] / (words of S + teaser), the words counted once
however many chosen sentences hold them (so a near-duplicate adds length and nothing else),
plus ``prior`` times the sentences' priors. Sentences opening with an unresolved reference
count ``demoted`` as much, and a pair with tf-idf cosine above ``redundancy_threshold`` is
damped as in MMR. Each sentence's own objective is its score (and ranks the candidates of
the pair model); beyond the best pair, more sentences are added greedily by the objective.
Glossary key terms and title words add fixed amounts to their words' logits: the dev
articles have no titles, and a teaser cannot say how much an analyst's glossary should
count (fitted on them, key terms lose their weight). The pair model, fitted on teasers,
learns to ignore these fixed rules and the demotion, so they decide among the pairs it
scores about as good as its best (``best_pair``: ``pair_margin``, ``key_margin``). It cannot
weigh a title either, so an article with a title takes the pair with the best objective
(on 44 titled pages: 1.163 / 1.138 x lead-2 against the pair model's 1.062 / 1.001).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from defnews.digest.summarizers.features import (
    BIGRAM_FEATURES,
    PAIR_FEATURES,
    SENTENCE_FEATURES,
    WORD_FEATURES,
    PairTerms,
    Tables,
    bigram_features,
    pair_features,
)

WEIGHTS_DE = Path(__file__).resolve().parent.parent.parent / "data" / "summary_weights_de.json"


@dataclass(frozen=True)
class Logistic:
    """Weights over standardised features: sigma((x - mean) / scale . coef + intercept)."""

    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float

    def logits(self, x: Any) -> Any:
        import numpy as np

        if len(x) == 0:
            return np.zeros(0)
        return ((x - np.asarray(self.mean)) / np.asarray(self.scale)) @ np.asarray(self.coef) \
            + self.intercept


@dataclass(frozen=True)
class Model:
    """The three fitted models and the selection settings (module doc), as in the JSON."""

    words: Logistic
    bigrams: Logistic
    sentences: Logistic  # listwise: only differences within an article matter
    pairs: Logistic  # listwise over an article's candidate pairs: picks the 2-sentence summary
    teaser_words: float  # length of the reference the F-measure assumes (2 sentences)
    bigram_weight: float  # ROUGE-2 against ROUGE-1 in the objective
    prior: float  # weight of the sentence prior (softmax probabilities)
    key_logit: float  # added to the logit of a word of a glossary key term
    title_logit: float  # added to the logit of a word of the title
    demoted: float  # factor of a sentence opening with an unresolved reference
    redundancy_threshold: float  # tf-idf cosine above which a pair is damped
    pair_margin: float  # pairs this close to the best score: one without an unresolved opener
    key_margin: float  # then this close: one with a glossary key term (best_pair)


def _sigmoid(z: Any) -> Any:
    import numpy as np

    return 1.0 / (1.0 + np.exp(-np.clip(z, -30.0, 30.0)))


def word_offsets(t: Tables, key_stems: set[str], title_stems: set[str], model: Model) -> Any:
    """Fixed additions to each word's logit: glossary key terms and title words."""
    import numpy as np

    return np.array([model.key_logit * (s in key_stems) + model.title_logit * (s in title_stems)
                     for s in t.stems])


@dataclass
class Estimates:
    """Per article: each word's and bigram's probability of being in the teaser, and each
    sentence's prior."""

    words: Any
    bigrams: Any
    prior: Any
    sentence_logits: Any  # the sentence model's logits minus the article's best (pairs)
    plain_words: Any  # the words' probabilities without the fixed offsets (pair features)
    plain_bigrams: Any
    titled: bool = False  # the article has a title (best_pair)


def estimates(model: Model, t: Tables, sentence_x: Any, offsets: Any,
              titled: bool = False) -> Estimates:
    """The model's probabilities for one article (`titled`: it has a title, whose words'
    offsets are in `offsets`)."""
    import numpy as np

    plain = model.words.logits(t.word_x)
    logits = plain + offsets
    bigrams = _sigmoid(model.bigrams.logits(bigram_features(t, logits)))
    plain_bigrams = _sigmoid(model.bigrams.logits(bigram_features(t, plain)))
    s = model.sentences.logits(sentence_x)
    s = s - s.max() if len(s) else s
    prior = np.exp(s)
    return Estimates(_sigmoid(logits), bigrams, prior / prior.sum(), s, _sigmoid(plain),
                     plain_bigrams, titled)


def choose(model: Model, t: Tables, est: Estimates, sim: Any, k: int,
           demote: Sequence[int]) -> tuple[list[int], Any]:
    """k sentences (best first) by the objective (module doc), and each sentence's own
    objective as its score: the best pair, then more sentences one at a time."""
    import numpy as np

    factor, keep = damping(model, sim, demote)
    e1 = _dot(t.word_in, est.words)
    e2 = _dot(t.bigram_in, est.bigrams)
    single = _objective(model, e1, e2, t.lengths, 1, est.prior) * factor
    if k == 1:
        return [int(np.argmax(single))], single
    a, b = best_pair(model, t, est, factor, keep, sim, demote)
    chosen = sorted((a, b), key=lambda i: (-single[i], i))
    # More sentences one at a time, each the best addition to those chosen. Each
    # sentence's expected new words are updated by the columns just covered only.
    if len(chosen) < k:
        covered_words = np.zeros(t.word_in.shape[1], dtype=bool)
        covered_bigrams = np.zeros(t.bigram_in.shape[1], dtype=bool)
        got1 = got2 = 0.0  # expected shared words and bigrams of the chosen sentences
        new1, new2 = e1.copy(), e2.copy()  # expected new ones each sentence would add
        nearest = np.ones(len(single))  # each sentence's least redundancy factor so far
        for i in chosen:
            got1, got2 = _cover(t.word_in, est.words, covered_words, i, new1, got1), \
                _cover(t.bigram_in, est.bigrams, covered_bigrams, i, new2, got2)
            nearest = np.minimum(nearest, keep[i])
    while len(chosen) < k:
        m = len(chosen) + 1
        length = t.lengths[chosen].sum() + t.lengths
        value = _objective(model, got1 + new1, got2 + new2, length, m,
                           est.prior[chosen].sum() + est.prior)
        value = value * factor * nearest
        value[chosen] = -np.inf
        i = int(np.argmax(value))
        chosen.append(i)
        got1 = _cover(t.word_in, est.words, covered_words, i, new1, got1)
        got2 = _cover(t.bigram_in, est.bigrams, covered_bigrams, i, new2, got2)
        nearest = np.minimum(nearest, keep[i])
    return chosen, single


def _cover(member: Any, p: Any, covered: Any, i: int, new: Any, got: float) -> float:
    """Mark the columns of row i of `member` covered, take them out of every row's `new`
    (in place) and return `got` plus their probabilities."""
    import numpy as np

    cols = np.flatnonzero((member[i] > 0) & ~covered)
    covered[cols] = True
    new -= member[:, cols] @ p[cols]
    return got + float(p[cols].sum())


def damping(model: Model, sim: Any, demote: Sequence[int]) -> tuple[Any, Any]:
    """Per sentence, `model.demoted` for one opening with an unresolved reference, else 1;
    per pair, 1 minus the redundancy penalty (tf-idf cosine above the threshold)."""
    import numpy as np

    n = len(sim)
    factor = np.ones(n)
    factor[[j for j in demote if 0 <= j < n]] = model.demoted
    th = model.redundancy_threshold
    return factor, 1.0 - np.maximum(0.0, (sim - th) / (1.0 - th))


# Pairs are scored among this many sentences (the best by their own objective): an article
# of 400 sentences would otherwise have 80,000 pairs of features.
PAIR_CANDIDATES = 40


def pair_terms(model: Model, t: Tables, est: Estimates, factor: Any, keep: Any, sim: Any,
               demote: Sequence[int]) -> PairTerms:
    """The candidate pairs (i < j, among the PAIR_CANDIDATES best single sentences) and what
    the pair features are made of; words two sentences share count once. What the key-term
    and title offsets add to the pair's objective is kept for ``best_pair``."""
    import numpy as np

    n = len(t.lengths)
    e1, e2 = _dot(t.word_in, est.words), _dot(t.bigram_in, est.bigrams)
    single = _objective(model, e1, e2, t.lengths, 1, est.prior) * factor
    cand = (np.arange(n) if n <= PAIR_CANDIDATES
            else np.sort(np.argsort(-single, kind="stable")[:PAIR_CANDIDATES]))
    a, b = np.triu_indices(len(cand), 1)
    i, j = cand[a], cand[b]

    def together(member: Any, p: Any, e: Any) -> Any:
        """What each pair is expected to share with the teaser: `e` per sentence, the
        words both sentences hold counted once."""
        return e[i] + e[j] - _shared(member[cand], p)[a, b]

    length = t.lengths[i] + t.lengths[j]
    prior = est.prior[i] + est.prior[j]
    full1, full2 = together(t.word_in, est.words, e1), together(t.bigram_in, est.bigrams, e2)
    undamped = _objective(model, full1, full2, length, 2, prior)
    full = undamped * factor[i] * factor[j]
    plain1 = together(t.word_in, est.plain_words, _dot(t.word_in, est.plain_words))
    plain2 = together(t.bigram_in, est.plain_bigrams, _dot(t.bigram_in, est.plain_bigrams))
    plain = _objective(model, plain1, plain2, length, 2, prior)
    ref = model.teaser_words
    f1 = 2.0 * full1 / (length + ref)
    f2 = 2.0 * full2 / (np.maximum(length - 2, 0.0) + max(ref - 1.0, 1.0))
    dangling = np.zeros(n)
    dangling[[d for d in demote if 0 <= d < n]] = 1.0
    return PairTerms(i, j, full1, full2, length, f1, f2, full * keep[i, j],
                     est.sentence_logits, single - single.max(), dangling,
                     sim[i, j], keep[i, j], (undamped - plain) * keep[i, j])


def pair_scores(model: Model, p: PairTerms) -> Any:
    """The pair model's score (logit) of each candidate pair."""
    return model.pairs.logits(pair_features(p))


def best_pair(model: Model, t: Tables, est: Estimates, factor: Any, keep: Any, sim: Any,
              demote: Sequence[int]) -> tuple[int, int]:
    """The candidate pair with the best score, unless one about as good reads better; for an
    article with a title, the pair with the best objective.

    The pair model learns from teasers, which do not mind an unresolved opener or an
    analyst's glossary; the fixed rules decide among the pairs it finds about as good:
    within ``pair_margin`` of the best score, a pair without a sentence opening with an
    unresolved reference; then, within ``key_margin`` of the best of those, one holding a
    glossary key term."""
    import numpy as np

    p = pair_terms(model, t, est, factor, keep, sim, demote)
    if est.titled:
        # The pair model learns from articles without titles (10kGNAD has none) and cannot
        # weigh one; with a title, the objective (title weight chosen on titled pages) picks.
        best = int(np.argmax(p.objective))
        return int(p.i[best]), int(p.j[best])
    scores = pair_scores(model, p)
    near = scores >= scores.max() - model.pair_margin
    dangling = p.dangling > 0
    resolved = near & ~(dangling[p.i] | dangling[p.j])
    if resolved.any():
        near = resolved
    top = scores[near].max()
    keyed = near & (p.offsets_gain > 0) & (scores >= top - model.key_margin)
    if keyed.any():
        near = keyed
    best = int(np.argmax(np.where(near, scores, -np.inf)))
    return int(p.i[best]), int(p.j[best])


# Columns multiplied at a time: the 0/1 tables are booleans, and a product with floats
# converts its operand, so whole tables would be copied as floats (memory, not speed).
_BLOCK = 4096


def _dot(member: Any, p: Any) -> Any:
    """member @ p for a boolean sentences x columns table, in column blocks."""
    import numpy as np

    out = np.zeros(member.shape[0])
    for s in range(0, member.shape[1], _BLOCK):
        out += member[:, s : s + _BLOCK] @ p[s : s + _BLOCK]
    return out


def _shared(member: Any, p: Any) -> Any:
    """For each pair of sentences, the summed p of the columns both hold, in column blocks."""
    import numpy as np

    n = member.shape[0]
    out = np.zeros((n, n))
    for s in range(0, member.shape[1], _BLOCK):
        block = member[:, s : s + _BLOCK]
        out += (block * p[s : s + _BLOCK]) @ block.T
    return out


def _objective(model: Model, e1: Any, e2: Any, length: Any, m: int, prior: Any) -> Any:
    """Expected ROUGE-1 + weighted ROUGE-2 F of m sentences of `length` words against a
    teaser scaled to m sentences, plus the weighted prior."""
    import numpy as np

    ref = model.teaser_words * m / 2.0
    f1 = 2.0 * e1 / (length + ref)
    f2 = 2.0 * e2 / (np.maximum(length - m, 0.0) + max(ref - 1.0, 1.0))
    return f1 + model.bigram_weight * f2 + model.prior * prior


def _logistic(data: dict[str, Any], names: Sequence[str]) -> Logistic:
    if tuple(data["features"]) != tuple(names):
        raise ValueError(f"weights are for features {data['features']}, the code has {names}")
    return Logistic(tuple(float(x) for x in data["mean"]), tuple(float(x) for x in data["scale"]),
                    tuple(float(x) for x in data["coef"]), float(data["intercept"]))


def from_json(data: dict[str, Any]) -> Model:
    """The model of a weights file's contents (its feature names must match the code's)."""
    s = data["selection"]
    return Model(
        words=_logistic(data["words"], WORD_FEATURES),
        bigrams=_logistic(data["bigrams"], BIGRAM_FEATURES),
        sentences=_logistic(data["sentences"], SENTENCE_FEATURES),
        pairs=_logistic(data["pairs"], PAIR_FEATURES),
        teaser_words=float(s["teaser_words"]), bigram_weight=float(s["bigram_weight"]),
        prior=float(s["prior"]), key_logit=float(s["key_logit"]),
        title_logit=float(s["title_logit"]), demoted=float(s["demoted"]),
        redundancy_threshold=float(s["redundancy_threshold"]),
        pair_margin=float(s["pair_margin"]), key_margin=float(s["key_margin"]),
    )


@cache
def german_model() -> Model | None:
    """The shipped German model, or None when the weights file is absent."""
    if not WEIGHTS_DE.is_file():
        return None
    return from_json(json.loads(WEIGHTS_DE.read_text(encoding="utf-8")))
