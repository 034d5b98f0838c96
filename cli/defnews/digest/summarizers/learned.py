"""The learned German scorer of the default summariser.

An extract is judged the way a reader with the outlet's teaser would judge it: by the words
it shares with the teaser, against how long it is. Three small logistic models, fitted on
the 10kGNAD dev articles by ``bench/train_summary_model.py`` (weights in
``data/summary_weights_de.json``, read on first use), estimate

- for every word (stem) of the article, the probability that the teaser uses it: from how
  often and how early the article uses it, whether it is a stop word, a number, a
  capitalised name or noun (``WORD_FEATURES``);
- for every pair of adjacent words, the probability that the teaser has that bigram
  (``BIGRAM_FEATURES``);
- for every sentence, a prior from its position, length, centrality and form
  (``SENTENCE_FEATURES``; a softmax over the article's sentences).

A set of sentences S then scores its expected ROUGE-1 and ROUGE-2 F against a teaser of
``teaser_words`` words: 2 E[shared words] / (words of S + teaser), the words counted once
however many chosen sentences hold them (so a near-duplicate adds length and nothing else),
plus ``prior`` times the sentences' priors. Sentences opening with an unresolved reference
count ``demoted`` as much, and a pair with tf-idf cosine above ``redundancy_threshold`` is
damped as in MMR. The best pair is searched exhaustively; more sentences are added greedily.
Glossary key terms and title words add fixed amounts to their words' logits: the dev
articles have no titles and few glossary terms to learn them from, and an analyst's
glossary says what matters.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Protocol

WEIGHTS_DE = Path(__file__).resolve().parent.parent.parent / "data" / "summary_weights_de.json"

WORD_FEATURES = (
    "count_log", "sentence_share", "first_sentence_inverse", "in_first", "in_first_two",
    "stop", "number", "word_length_log", "capitalised", "mean_position", "article_log",
    "stop_count", "last_position", "first_token_log", "within_20_words", "within_40_words",
    "noun", "noun_early", "content_sentences_log",
)
BIGRAM_FEATURES = ("logit_first", "logit_second", "stop_first", "stop_second", "count_log",
                   "first_sentence_inverse", "in_first", "both_stop")
SENTENCE_FEATURES = (
    "first", "second", "position_inverse", "position_relative", "position_log", "article_log",
    "first_in_long", "length", "length_log", "length_teaser", "words_log", "central",
    "centroid", "lead_similarity", "number", "quote", "colon", "capitalised", "paragraph",
    "dangling", "question",
)
TEASER_WORDS = 10.0  # content words of a typical teaser sentence (the length_teaser feature)

_TOKEN = re.compile(r"\w+")  # the words ROUGE counts
_DIGIT = re.compile(r"\d")
_QUOTE = re.compile(r"[„“”\"»«]")
_WORD = re.compile(r"[^\W\d_][\w\-]*")


class SignalsLike(Protocol):
    """The arrays of ``news.Signals`` the sentence features use."""

    central: Any
    length: Any
    vec: Any
    sim: Any
    para: Any


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
    words: Logistic
    bigrams: Logistic
    sentences: Logistic  # listwise: only differences within an article matter
    teaser_words: float  # length of the reference the F-measure assumes (2 sentences)
    bigram_weight: float  # ROUGE-2 against ROUGE-1 in the objective
    prior: float  # weight of the sentence prior (softmax probabilities)
    key_logit: float  # added to the logit of a word of a glossary key term
    title_logit: float  # added to the logit of a word of the title
    demoted: float  # factor of a sentence opening with an unresolved reference
    redundancy_threshold: float  # tf-idf cosine above which a pair is damped


@dataclass
class Tables:
    """One article's words and bigrams: which sentence holds which, and their features."""

    lengths: Any  # words (ROUGE tokens) per sentence
    word_in: Any  # sentences x distinct words, 0/1
    word_x: Any  # distinct words x WORD_FEATURES
    stems: list[str]  # the distinct words (stems), in column order
    bigram_in: Any  # sentences x distinct bigrams, 0/1
    bigram_ids: Any  # distinct bigrams x 2: the columns of their two words
    bigram_count: Any
    bigram_first: Any  # first sentence holding each bigram


def tables(texts: Sequence[str], lang: str) -> Tables:
    """Word and bigram tables of the sentences `texts` (stems of lower-cased \\w+ words)."""
    import numpy as np

    from defnews.digest.summarizers.words import stemmer, stop_words

    stem, stop = stemmer(lang), stop_words(lang)
    n = len(texts)
    col: dict[str, int] = {}
    count: list[int] = []
    caps: list[list[int]] = []  # [capitalised, seen] after a sentence's first word
    first_sentence: list[int] = []
    last_sentence: list[int] = []
    position_sum: list[float] = []
    first_token: list[int] = []
    is_stop: list[bool] = []
    word_length: list[int] = []
    bigram_col: dict[tuple[int, int], int] = {}
    bigram_count: list[int] = []
    bigram_first: list[int] = []
    word_cells: list[tuple[int, int]] = []
    bigram_cells: list[tuple[int, int]] = []
    lengths = np.zeros(n)
    seen_tokens = 0
    for i, text in enumerate(texts):
        raw = _TOKEN.findall(text)
        lengths[i] = len(raw)
        previous = -1
        for j, w in enumerate(raw):
            lower = w.lower()
            s = stem(lower)
            c = col.get(s)
            if c is None:
                c = col[s] = len(count)
                count.append(0)
                caps.append([0, 0])
                first_sentence.append(i)
                last_sentence.append(i)
                position_sum.append(0.0)
                first_token.append(seen_tokens + j)
                is_stop.append(lower in stop)
                word_length.append(len(lower))
            count[c] += 1
            last_sentence[c] = i
            position_sum[c] += i / n
            if j > 0:
                caps[c][1] += 1
                caps[c][0] += w[:1].isupper()
            word_cells.append((i, c))
            if previous >= 0:
                b = bigram_col.get((previous, c))
                if b is None:
                    b = bigram_col[(previous, c)] = len(bigram_count)
                    bigram_count.append(0)
                    bigram_first.append(i)
                bigram_count[b] += 1
                bigram_cells.append((i, b))
            previous = c
        seen_tokens += len(raw)
    word_in = np.zeros((n, len(count)))
    for i, c in word_cells:
        word_in[i, c] = 1.0
    bigram_in = np.zeros((n, len(bigram_count)))
    for i, b in bigram_cells:
        bigram_in[i, b] = 1.0
    cnt = np.asarray(count, dtype=float)
    first = np.asarray(first_sentence, dtype=float)
    stop_flag = np.asarray(is_stop, dtype=float)
    capital = np.array([a / s if s else 0.5 for a, s in caps])
    ftok = np.asarray(first_token, dtype=float)
    noun = (capital > 0.5) * (1.0 - stop_flag)
    sentences_with = word_in.sum(axis=0)
    columns = {
        "count_log": np.log1p(cnt),
        "sentence_share": sentences_with / max(n, 1),
        "first_sentence_inverse": 1.0 / (1.0 + first),
        "in_first": (first == 0).astype(float),
        "in_first_two": (first <= 1).astype(float),
        "stop": stop_flag,
        "number": np.array([1.0 if s.isdigit() else 0.0 for s in col]),
        "word_length_log": np.log(np.maximum(np.asarray(word_length, dtype=float), 1.0)),
        "capitalised": capital,
        "mean_position": np.asarray(position_sum) / np.maximum(cnt, 1.0),
        "article_log": np.full(len(cnt), np.log(max(n, 1))),
        "stop_count": stop_flag * np.log1p(cnt),
        "last_position": np.asarray(last_sentence, dtype=float) / max(n, 1),
        "first_token_log": np.log1p(ftok),
        "within_20_words": (ftok < 20).astype(float),
        "within_40_words": (ftok < 40).astype(float),
        "noun": noun,
        "noun_early": noun / (1.0 + first),
        "content_sentences_log": np.log1p(sentences_with) * (1.0 - stop_flag),
    }
    word_x = (np.column_stack([columns[f] for f in WORD_FEATURES]) if count
              else np.zeros((0, len(WORD_FEATURES))))
    ids = (np.array(list(bigram_col), dtype=int) if bigram_col
           else np.zeros((0, 2), dtype=int))
    return Tables(lengths, word_in, word_x, list(col), bigram_in, ids,
                  np.asarray(bigram_count, dtype=float), np.asarray(bigram_first, dtype=float))


def bigram_features(t: Tables, word_logits: Any) -> Any:
    """Distinct bigrams x BIGRAM_FEATURES (uses the words' logits)."""
    import numpy as np

    if len(t.bigram_ids) == 0:
        return np.zeros((0, len(BIGRAM_FEATURES)))
    a, b = t.bigram_ids[:, 0], t.bigram_ids[:, 1]
    stop = t.word_x[:, WORD_FEATURES.index("stop")]
    columns = {
        "logit_first": word_logits[a],
        "logit_second": word_logits[b],
        "stop_first": stop[a],
        "stop_second": stop[b],
        "count_log": np.log1p(t.bigram_count),
        "first_sentence_inverse": 1.0 / (1.0 + t.bigram_first),
        "in_first": (t.bigram_first == 0).astype(float),
        "both_stop": stop[a] * stop[b],
    }
    return np.column_stack([columns[f] for f in BIGRAM_FEATURES])


def sentence_features(texts: Sequence[str], sig: SignalsLike, dangling: Sequence[int]) -> Any:
    """Sentences x SENTENCE_FEATURES."""
    import numpy as np

    n = len(texts)
    i = np.arange(n, dtype=float)
    first = (i == 0).astype(float)
    length = np.asarray(sig.length, dtype=float)
    words = [_WORD.findall(t) for t in texts]
    centroid_vec = sig.vec.sum(axis=0)
    norm = np.linalg.norm(centroid_vec)
    flag = np.zeros(n)
    flag[[j for j in dangling if 0 <= j < n]] = 1.0
    columns = {
        "first": first,
        "second": (i == 1).astype(float),
        "position_inverse": 1.0 / (1.0 + i),
        "position_relative": i / max(n, 1),
        "position_log": np.log1p(i),
        "article_log": np.full(n, np.log(max(n, 1))),
        "first_in_long": first * np.log(max(n, 1)),
        "length": length / 10.0,
        "length_log": np.log1p(length),
        "length_teaser": np.abs(length - TEASER_WORDS) / TEASER_WORDS,
        "words_log": np.log1p([len(ws) for ws in words]),
        "central": np.asarray(sig.central, dtype=float),
        "centroid": sig.vec @ (centroid_vec / norm) if norm > 0 else np.zeros(n),
        "lead_similarity": np.array(sig.sim[:, 0], dtype=float),
        "number": np.array([1.0 if _DIGIT.search(t) else 0.0 for t in texts]),
        "quote": np.array([1.0 if _QUOTE.search(t) else 0.0 for t in texts]),
        "colon": np.array([1.0 if ":" in t else 0.0 for t in texts]),
        "capitalised": np.array([sum(1 for w in ws[1:] if w[:1].isupper())
                                 / max(len(ws) - 1, 1) for ws in words]),
        "paragraph": np.asarray(sig.para, dtype=float),
        "dangling": flag,
        "question": np.array([1.0 if t.rstrip(" \"'“”»«)").endswith("?") else 0.0
                              for t in texts]),
    }
    return np.column_stack([columns[f] for f in SENTENCE_FEATURES])


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


def estimates(model: Model, t: Tables, sentence_x: Any, offsets: Any) -> Estimates:
    import numpy as np

    logits = model.words.logits(t.word_x) + offsets
    bigrams = _sigmoid(model.bigrams.logits(bigram_features(t, logits)))
    s = model.sentences.logits(sentence_x)
    prior = np.exp(s - s.max())
    return Estimates(_sigmoid(logits), bigrams, prior / prior.sum())


def choose(model: Model, t: Tables, est: Estimates, sim: Any, k: int,
           demote: Sequence[int]) -> tuple[list[int], Any]:
    """k sentences (best first) by the expected-F objective (module doc), and each
    sentence's own objective as its score."""
    import numpy as np

    n = len(t.lengths)
    factor = np.ones(n)
    factor[[j for j in demote if 0 <= j < n]] = model.demoted
    th = model.redundancy_threshold
    keep = 1.0 - np.maximum(0.0, (sim - th) / (1.0 - th))  # 1: no redundancy
    e1 = t.word_in @ est.words
    e2 = t.bigram_in @ est.bigrams
    single = _objective(model, e1, e2, t.lengths, 1, est.prior) * factor
    if k == 1:
        return [int(np.argmax(single))], single
    # The best pair, exhaustively; words two sentences share count once.
    pair_e1 = e1[:, None] + e1[None, :] - (t.word_in * est.words) @ t.word_in.T
    pair_e2 = e2[:, None] + e2[None, :] - (t.bigram_in * est.bigrams) @ t.bigram_in.T
    pair = _objective(model, pair_e1, pair_e2, t.lengths[:, None] + t.lengths[None, :], 2,
                      est.prior[:, None] + est.prior[None, :])
    pair = pair * factor[:, None] * factor[None, :] * keep
    np.fill_diagonal(pair, -np.inf)
    a, b = (int(x) for x in np.unravel_index(int(np.argmax(pair)), pair.shape))
    chosen = sorted((a, b), key=lambda i: (-single[i], i))
    # More sentences one at a time, each the best addition to those chosen.
    covered_words = np.maximum(t.word_in[a], t.word_in[b])
    covered_bigrams = np.maximum(t.bigram_in[a], t.bigram_in[b])
    while len(chosen) < k:
        m = len(chosen) + 1
        gain1 = (covered_words * est.words).sum() \
            + t.word_in @ (est.words * (1.0 - covered_words))
        gain2 = (covered_bigrams * est.bigrams).sum() \
            + t.bigram_in @ (est.bigrams * (1.0 - covered_bigrams))
        length = t.lengths[chosen].sum() + t.lengths
        value = _objective(model, gain1, gain2, length, m, est.prior[chosen].sum() + est.prior)
        value = value * factor * keep[chosen].min(axis=0)
        value[chosen] = -np.inf
        i = int(np.argmax(value))
        chosen.append(i)
        covered_words = np.maximum(covered_words, t.word_in[i])
        covered_bigrams = np.maximum(covered_bigrams, t.bigram_in[i])
    return chosen, single


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
        teaser_words=float(s["teaser_words"]), bigram_weight=float(s["bigram_weight"]),
        prior=float(s["prior"]), key_logit=float(s["key_logit"]),
        title_logit=float(s["title_logit"]), demoted=float(s["demoted"]),
        redundancy_threshold=float(s["redundancy_threshold"]),
    )


@cache
def german_model() -> Model | None:
    """The shipped German model, or None when the weights file is absent."""
    if not WEIGHTS_DE.is_file():
        return None
    return from_json(json.loads(WEIGHTS_DE.read_text(encoding="utf-8")))
