"""Fit the German scorer of the default summariser (summarizers/learned.py) on 10kGNAD.

    python bench/train_summary_model.py [--data DIR] [--limit N] [--no-write]

Every dev article (both sets of bench/summary_cli_eval.py, both input shapes) goes through
the command's reader and candidate rules, and its word, bigram and sentence tables are
computed once with the code the command runs (``features.tables``, ``features.
sentence_features``). Labels come from the teaser: a word (stem) or bigram is positive when
the teaser has it; a sentence's target is its own ROUGE-1 + ROUGE-2 F against the teaser,
relative to the best of its article, raised to the power SHARPNESS and normalised (a
listwise softmax target). The three models are L2-penalised logistic regressions fitted by
Newton's method in plain numpy (the glossary's fixed key-term logit is an offset of the
word model); the selection settings (teaser length, ROUGE-2 weight, prior weight) are then
picked from a small grid by the training articles' 2-sentence ROUGE (the worst of the
ROUGE-1 and ROUGE-2 ratios to lead-2). Nothing is sampled:
the same data always gives the same file.

It prints cross-validated figures (fitted on one set, measured on the other, and the
reverse, beside lead-2 on the same candidates), then fits on both sets and writes
``cli/defnews/data/summary_weights_de.json`` (unless --no-write).
"""

from __future__ import annotations

import argparse
import itertools
import json
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np

from defnews.digest.summarizers import features, learned, news
from defnews.digest.summarizers.words import content_stems, stemmer
from summary_cli_eval import DATA, SETS, SHAPES, N, article_text, load
from summary_eval import make_tokens_de, rouge_n

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "cli" / "defnews" / "data" / "summary_weights_de.json"
L2 = 1.0  # penalty on the standardised weights (a sum over all training rows)
SHARPNESS = 8.0  # sentence targets: (gain / best gain) ** SHARPNESS, then normalised
# Fixed, not learned: the dev articles have no titles, and a teaser does not say how much an
# analyst's glossary should count (fitted, the key-term weight went to zero); issue 19 wants
# a key term to raise a sentence. 2.5 on the logit: a word the model gives 0.1 of
# being in the teaser gets 0.58 as a key term (from 2.0 on, the key-term test's sentence
# is chosen).
KEY_LOGIT = 2.5
TITLE_LOGIT = 3.0  # chosen on the 44 titled pages of pages-dev: bench/summary_pages_eval.py
# Not learned either: a sentence opening with "Dies …", "Er sagte …" is taken only when
# nothing as good exists (issue 19): readability over ROUGE.
DEMOTED = 0.5
REDUNDANCY_THRESHOLD = 0.5
GRID = {"teaser_words": (10.0, 12.0, 14.0), "bigram_weight": (0.5, 0.75),
        "prior": (0.0, 0.1, 0.2, 0.4)}


@dataclass
class Item:
    table: features.Tables
    sentence_x: Any
    sim: Any
    key: Any  # 1 for the words of a glossary key term
    demote: list[int]
    tokens: list[list[str]]  # ROUGE tokens of each candidate
    teaser: list[str]
    word_y: Any
    bigram_y: Any
    sentence_y: Any
    article: str = ""  # "set-number": both shapes of an article share it (one fold)


def items_of(set_name: str, data: Path, limit: int | None, glossary: Any,
             tokens: Any, tmp: Path) -> list[Item]:
    from defnews import inputs
    from defnews.digest.summaries import _pool, body_sentences, key_terms

    stem = stemmer("de")
    out = []
    for no, (teaser, body) in enumerate(load(data / SETS[set_name], limit)):
        ref = tokens(teaser)
        teaser_stems = [stem(w.lower()) for w in features.TOKEN.findall(teaser)]
        teaser_bigrams = set(zip(teaser_stems, teaser_stems[1:], strict=False))
        for shape in SHAPES:
            path = tmp / f"a{no}.txt"
            path.write_text(article_text(body, shape), encoding="utf-8")
            for a in inputs.read_articles(str(path))[0]:
                sentences, starts = body_sentences(a, "de")
                pool = _pool(a, sentences, starts)
                if len(pool.texts) <= N:
                    continue
                terms = [t["de"] for t in key_terms(a, glossary)]
                stems = [content_stems(s, "de") for s in pool.texts]
                sig = news.signals(stems, "de", a.title, terms, pool.starts)
                table = features.tables(pool.texts, "de")
                key_stems = {t for term in terms for t in content_stems(term, "de")}
                toks = [tokens(s) for s in pool.texts]
                gain = np.array([rouge_n(t, ref, 1) + rouge_n(t, ref, 2) for t in toks])
                target = (gain / gain.max()) ** SHARPNESS if gain.max() > 0 else gain + 1.0
                out.append(Item(
                    table, features.sentence_features(pool.texts, sig, pool.demote), sig.sim,
                    np.array([1.0 if s in key_stems else 0.0 for s in table.stems]),
                    pool.demote, toks, ref,
                    np.array([1.0 if s in teaser_stems else 0.0 for s in table.stems]),
                    np.array([1.0 if (table.stems[x], table.stems[y]) in teaser_bigrams else 0.0
                              for x, y in table.bigram_ids]),
                    target / target.sum(), f"{set_name}-{no}"))
    return out


def _standardise(x: Any) -> tuple[Any, Any]:
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale == 0] = 1.0
    return mean, scale


def fit_logistic(x: Any, y: Any, offset: Any) -> learned.Logistic:
    """L2-penalised logistic regression (Newton's method) with a fixed logit offset."""
    mean, scale = _standardise(x)
    z = np.hstack([(x - mean) / scale, np.ones((len(x), 1))])
    w = np.zeros(z.shape[1])
    penalty = np.full(len(w), L2)
    penalty[-1] = 0.0  # the intercept is not penalised
    for _ in range(100):
        p = 1.0 / (1.0 + np.exp(-np.clip(z @ w + offset, -30, 30)))
        grad = z.T @ (p - y) + penalty * w
        hess = (z * (p * (1 - p))[:, None]).T @ z + np.diag(penalty + 1e-9)
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-10:
            break
    return learned.Logistic(tuple(mean), tuple(scale), tuple(w[:-1]), float(w[-1]))


def fit_listwise(xs: Sequence[Any], ys: Sequence[Any]) -> learned.Logistic:
    """Softmax over each article's sentences against its target distribution (Newton)."""
    mean, scale = _standardise(np.vstack(xs))
    zs = [(x - mean) / scale for x in xs]
    w = np.zeros(len(mean))
    for _ in range(100):
        grad = L2 * w
        hess = L2 * np.eye(len(w))
        for z, y in zip(zs, ys, strict=True):
            s = z @ w
            p = np.exp(s - s.max())
            p /= p.sum()
            grad += z.T @ (p - y)
            zp = z.T @ p
            hess += (z * p[:, None]).T @ z - np.outer(zp, zp)
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-10:
            break
    return learned.Logistic(tuple(mean), tuple(scale), tuple(w), 0.0)


def fit(items: Sequence[Item]) -> learned.Model:
    offsets = np.concatenate([KEY_LOGIT * it.key for it in items])
    words = fit_logistic(np.vstack([it.table.word_x for it in items]),
                         np.concatenate([it.word_y for it in items]), offsets)
    bx = [features.bigram_features(it.table, words.logits(it.table.word_x) + KEY_LOGIT * it.key)
          for it in items]
    bigrams = fit_logistic(np.vstack(bx), np.concatenate([it.bigram_y for it in items]), 0.0)
    sentences = fit_listwise([it.sentence_x for it in items], [it.sentence_y for it in items])
    base = learned.Model(words, bigrams, sentences, GRID["teaser_words"][0],
                         GRID["bigram_weight"][0], GRID["prior"][0], KEY_LOGIT, TITLE_LOGIT,
                         DEMOTED, REDUNDANCY_THRESHOLD)
    estimates = [_estimates(base, it) for it in items]
    lead = measure(items, None)
    best, best_model = -1.0, base
    for values in itertools.product(*GRID.values()):
        model = replace(base, **dict(zip(GRID, values, strict=True)))
        r1, r2 = measure(items, model, estimates)
        worst = min(r1 / lead[0], r2 / lead[1])  # the acceptance asks for both to gain
        if worst > best:
            best, best_model = worst, model
    return best_model


def _estimates(model: learned.Model, it: Item) -> learned.Estimates:
    return learned.estimates(model, it.table, it.sentence_x, model.key_logit * it.key)


def measure(items: Sequence[Item], model: learned.Model | None,
            estimates: Sequence[learned.Estimates] | None = None) -> tuple[float, float]:
    """Mean ROUGE-1, ROUGE-2 of the 2-sentence summaries (model None: lead-2)."""
    r1 = r2 = 0.0
    for no, it in enumerate(items):
        if model is None:
            ids = list(range(N))
        else:
            est = estimates[no] if estimates is not None else _estimates(model, it)
            ids = learned.choose(model, it.table, est, it.sim, N, it.demote)[0]
        toks = [t for i in sorted(ids) for t in it.tokens[i]]
        r1 += rouge_n(toks, it.teaser, 1)
        r2 += rouge_n(toks, it.teaser, 2)
    return r1 / len(items), r2 / len(items)


def _logistic_json(m: learned.Logistic, names: Sequence[str]) -> dict[str, Any]:
    return {"features": list(names), "mean": [round(v, 6) for v in m.mean],
            "scale": [round(v, 6) for v in m.scale], "coef": [round(v, 6) for v in m.coef],
            "intercept": round(m.intercept, 6)}


def to_json(model: learned.Model, counts: dict[str, int]) -> str:
    return json.dumps({
        "about": "German scorer of the default summariser (defnews.digest.summarizers."
                 "learned), written by bench/train_summary_model.py",
        "article_shapes": counts,
        "words": _logistic_json(model.words, features.WORD_FEATURES),
        "bigrams": _logistic_json(model.bigrams, features.BIGRAM_FEATURES),
        "sentences": _logistic_json(model.sentences, features.SENTENCE_FEATURES),
        "selection": {k: getattr(model, k) for k in (
            "teaser_words", "bigram_weight", "prior", "key_logit", "title_logit", "demoted",
            "redundancy_threshold")},
    }, indent=1) + "\n"


def cross_validate(sets: dict[str, list[Item]], folds: int) -> None:
    """Out-of-fold 2-sentence ROUGE per set: each article measured by a model fitted on the
    other folds (both sets), beside lead-2 on the same candidates."""
    articles = list(dict.fromkeys(it.article for items in sets.values() for it in items))
    fold_of = {a: k % folds for k, a in enumerate(articles)}
    every = [it for items in sets.values() for it in items]
    sums = {name: [0.0, 0.0] for name in sets}
    for k in range(folds):
        model = fit([it for it in every if fold_of[it.article] != k])
        for name, items in sets.items():
            held = [it for it in items if fold_of[it.article] == k]
            if held:
                r1, r2 = measure(held, model)
                sums[name][0] += r1 * len(held)
                sums[name][1] += r2 * len(held)
    print(f"{folds}-fold cross-validation over both sets ({len(articles)} articles):")
    for name, items in sets.items():
        lead = measure(items, None)
        r1, r2 = (v / len(items) for v in sums[name])
        print(f"  {name:<22} lead-2 R1 {lead[0]:.4f} R2 {lead[1]:.4f}   fitted R1 {r1:.4f} "
              f"R2 {r2:.4f}   x lead R1 {r1 / lead[0]:.3f} R2 {r2 / lead[1]:.3f}")


def main(argv: Sequence[str] | None = None) -> int:
    from defnews import options as opt

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--no-write", action="store_true", help="only the cross-validated figures")
    ap.add_argument("--folds", type=int, default=0,
                    help="also K-fold cross-validation over both sets together (articles, "
                         "with both their shapes, assigned to folds in turn): the figure for "
                         "a model fitted on as many articles as the shipped one, nearly")
    args = ap.parse_args(argv)
    tokens = make_tokens_de()
    glossary = opt.glossary(opt.resolve({}), no_glossary=False)
    with tempfile.TemporaryDirectory() as tmp:
        sets = {name: items_of(name, args.data, args.limit, glossary, tokens, Path(tmp))
                for name in SETS}
    names = list(SETS)
    for train, test in ((names[0], names[1]), (names[1], names[0])):
        model = fit(sets[train])
        lead = measure(sets[test], None)
        print(f"fitted on {train}, measured on {test} ({len(sets[test])} article shapes):")
        for label, m in (("lead-2", None), ("fitted", model)):
            r1, r2 = measure(sets[test], m)
            print(f"  {label:<8} R1 {r1:.4f} R2 {r2:.4f}   x lead R1 {r1 / lead[0]:.3f} "
                  f"R2 {r2 / lead[1]:.3f}")
        print("  selection: " + ", ".join(f"{k}={getattr(model, k)}" for k in GRID))
    if args.folds > 1:
        cross_validate(sets, args.folds)
    if not args.no_write:
        model = fit(sets[names[0]] + sets[names[1]])
        OUT.write_text(to_json(model, {n: len(sets[n]) for n in names}), encoding="utf-8")
        print(f"wrote {OUT.relative_to(REPO)}: "
              + ", ".join(f"{k}={getattr(model, k)}" for k in GRID))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
