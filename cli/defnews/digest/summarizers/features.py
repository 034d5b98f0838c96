"""Features of the learned German scorer (``learned.py``): per word, per bigram, per sentence.

Words are the lower-cased ``\\w+`` tokens ROUGE counts, stemmed with the summarisers'
Snowball stemmer; a word's features say how often, how early and in what form the article
uses it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

WORD_FEATURES = (
    "count_log", "sentence_share", "first_sentence_inverse", "in_first", "in_first_two",
    "stop", "number", "word_length_log", "capitalised", "mean_position", "article_log",
    "stop_count", "last_position", "first_token_log", "within_20_words", "within_40_words",
    "noun", "noun_early", "content_sentences_log", "count_early", "stop_in_first",
    "noun_count", "once", "in_first_three", "first_token_inverse",
)
BIGRAM_FEATURES = ("logit_first", "logit_second", "stop_first", "stop_second", "count_log",
                   "first_sentence_inverse", "in_first", "both_stop", "logit_min",
                   "repeated", "in_first_three")
SENTENCE_FEATURES = (
    "first", "second", "position_inverse", "position_relative", "position_log", "article_log",
    "first_in_long", "length", "length_log", "length_teaser", "words_log", "central",
    "centroid", "lead_similarity", "number", "quote", "colon", "capitalised", "paragraph",
    "dangling", "question",
)
# Features of a candidate pair of sentences (the 2-sentence summary is chosen as a pair):
# the expected ROUGE terms of learned.py, the two sentences' priors, positions and forms.
PAIR_FEATURES = (
    "f1", "f2", "objective", "precision", "shared_log", "shared_bigrams_log", "length_log",
    "length_teaser", "prior_sum", "prior_max", "has_first", "has_second", "lead_pair",
    "first_inverse", "second_inverse", "adjacent", "dangling", "similarity", "keep",
    "single_max", "single_min",
)
TEASER_WORDS = 10.0  # content words of a typical teaser sentence (the length_teaser feature)
TEASER_WORDS_PAIR = 12.0  # ROUGE tokens of a typical teaser (dev mean 12.4): pair length_teaser

TOKEN = re.compile(r"\w+")  # the words ROUGE counts
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
        raw = TOKEN.findall(text)
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
    # 0/1 tables as booleans: an article of 400 sentences can hold 60,000 distinct bigrams
    # (192 MB as floats); learned.py multiplies them in column blocks.
    word_in = np.zeros((n, len(count)), dtype=bool)
    for i, c in word_cells:
        word_in[i, c] = True
    bigram_in = np.zeros((n, len(bigram_count)), dtype=bool)
    for i, b in bigram_cells:
        bigram_in[i, b] = True
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
        "count_early": np.log1p(cnt) / (1.0 + first),
        "stop_in_first": stop_flag * (first == 0),
        "noun_count": noun * np.log1p(cnt),
        "once": (cnt == 1).astype(float),
        "in_first_three": (first <= 2).astype(float),
        "first_token_inverse": 10.0 / (10.0 + ftok),
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
        "logit_min": np.minimum(word_logits[a], word_logits[b]),
        "repeated": (t.bigram_count > 1).astype(float),
        "in_first_three": (t.bigram_first <= 2).astype(float),
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


@dataclass
class PairTerms:
    """What learned.py knows of each candidate pair (i, j), i < j: arrays over the pairs,
    except the per-sentence arrays `prior`, `single` and `dangling`."""

    i: Any
    j: Any
    e1: Any  # expected words shared with the teaser (each word once)
    e2: Any  # expected bigrams shared with the teaser
    length: Any  # ROUGE tokens of the pair
    f1: Any  # expected ROUGE-1 F
    f2: Any  # expected ROUGE-2 F
    objective: Any  # learned.py's pair objective (damped)
    prior: Any  # per sentence: the sentence model's logit, minus the article's best
    single: Any  # per sentence: its own objective, minus the article's best
    dangling: Any  # per sentence: 1 when it opens with an unresolved reference
    similarity: Any  # tf-idf cosine of the pair
    keep: Any  # 1 minus the pair's redundancy penalty
    offsets_gain: Any  # what key-term and title offsets add to the pair's objective


def pair_features(p: PairTerms) -> Any:
    """Pairs x PAIR_FEATURES."""
    import numpy as np

    i, j = p.i, p.j
    objective = p.objective - p.objective.max() if len(p.objective) else p.objective
    columns = {
        "f1": p.f1,
        "f2": p.f2,
        "objective": objective,
        "precision": p.e1 / np.maximum(p.length, 1.0),
        "shared_log": np.log1p(p.e1),
        "shared_bigrams_log": np.log1p(p.e2),
        "length_log": np.log1p(p.length),
        "length_teaser": np.abs(p.length - 2 * TEASER_WORDS_PAIR) / (2 * TEASER_WORDS_PAIR),
        "prior_sum": p.prior[i] + p.prior[j],
        "prior_max": np.maximum(p.prior[i], p.prior[j]),
        "has_first": (i == 0).astype(float),
        "has_second": ((i == 1) | (j == 1)).astype(float),
        "lead_pair": ((i == 0) & (j == 1)).astype(float),
        "first_inverse": 1.0 / (1.0 + i),
        "second_inverse": 1.0 / (1.0 + j),
        "adjacent": (j - i == 1).astype(float),
        "dangling": p.dangling[i] + p.dangling[j],
        "similarity": p.similarity,
        "keep": p.keep,
        "single_max": np.maximum(p.single[i], p.single[j]),
        "single_min": np.minimum(p.single[i], p.single[j]),
    }
    return np.column_stack([columns[f] for f in PAIR_FEATURES])
