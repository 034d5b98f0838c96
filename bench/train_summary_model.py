"""Fit the German weights of the default summariser on the 10kGNAD dev articles.

    python bench/train_summary_model.py [--limit N] [--write]

Every dev article (both sets, both input shapes of bench/summary_cli_eval.py) goes through
the command's reader and candidate rules; the news signals of each candidate sentence are
computed once. A grid search over the default scorer's weights (``news.DefaultParams``)
then picks the weights with the best mean ROUGE-1 + ROUGE-2 F of the 2-sentence summaries
against the teasers. Cross-validated figures: fitted on one set and measured on the other
(and the reverse), beside lead-2 and the current German weights on the same candidates.
--write fits on both sets and writes cli/defnews/data/summary_weights_de.json. The search
is exhaustive over a fixed grid: nothing is sampled, so every run gives the same weights.
"""

from __future__ import annotations

import argparse
import dataclasses
import itertools
import json
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from defnews.digest.summarizers import news
from defnews.digest.summarizers.words import content_stems
from summary_cli_eval import DATA, SETS, SHAPES, N, article_text, load
from summary_eval import make_tokens_de, rouge_n

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "cli" / "defnews" / "data" / "summary_weights_de.json"
GRID = {
    "w_position": (1.0, 2.5, 4.0),
    "position_power": (0.0, 4.0),
    "w_title": (0.0, 0.5),
    "long_words": (12.0, 20.0),
    "short_words": (3, 6),
}
# Not searched: `demoted` (a sentence opening with "Dies …", "Er sagte …") stays at 0.5. On
# ROUGE against the teaser 1.0 (no demotion) scores higher, but issue 19 asks for such
# sentences only when nothing as good exists: readability over ROUGE here. `redundancy` is
# set to 2.0: with the strong position weight the grid prefers, 1.0 let two near-identical
# lead sentences both into a summary (tests/test_summarize.py); duplicates are too rare in
# the dev sets for ROUGE to tell. `w_key` (glossary key terms) is set to 2.5: the dev sets
# have few glossary terms to learn it from, and without the old ratio gate on position
# (which scaled it by about 0.2) 0.5 no longer lets a key term raise a sentence.
FIXED = {"redundancy": 2.0, "w_key": 2.5}


@dataclass
class Item:
    sig: news.Signals
    demote: list[int]
    tokens: list[list[str]]  # ROUGE tokens of each candidate
    teaser: list[str]


def items_of(set_name: str, data: Path, limit: int | None, glossary: Any,
             tokens: Any, tmp: Path) -> list[Item]:
    from defnews import inputs
    from defnews.digest.summaries import _pool, body_sentences, key_terms

    out = []
    for no, (teaser, body) in enumerate(load(data / SETS[set_name], limit)):
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
                out.append(Item(sig, pool.demote, [tokens(s) for s in pool.texts],
                                tokens(teaser)))
    return out


def scores(it: Item, p: news.DefaultParams) -> Any:
    """The default scorer's formula (news.scores_and_similarity) on precomputed signals."""
    sig, n = it.sig, len(it.tokens)
    gate = (1.0 - N / n) ** p.position_power
    position = p.position_scale / (p.position_scale + np.arange(n))
    s = (sig.central + p.w_position * gate * position + p.w_title * sig.title_sim
         + p.w_key * sig.key + p.w_paragraph * sig.para)
    s = s / np.maximum(1.0, sig.length / p.long_words) ** p.long_power
    s = s * np.minimum(1.0, (sig.length + 1.0) / (p.short_words + 1.0))
    s[it.demote] *= p.demoted
    return s


def measure(items: Sequence[Item], p: news.DefaultParams | None) -> tuple[float, float]:
    """Mean ROUGE-1, ROUGE-2 of the 2-sentence summaries (p None: lead-2)."""
    r1 = r2 = 0.0
    for it in items:
        ids = list(range(N)) if p is None else news.mmr(scores(it, p), it.sig.sim, N, p)
        toks = [t for i in sorted(ids) for t in it.tokens[i]]
        r1 += rouge_n(toks, it.teaser, 1)
        r2 += rouge_n(toks, it.teaser, 2)
    return r1 / len(items), r2 / len(items)


def fit(items: Sequence[Item], base: news.DefaultParams) -> news.DefaultParams:
    best, best_p = -1.0, base
    keys = list(GRID)
    for values in itertools.product(*(GRID[k] for k in keys)):
        p = dataclasses.replace(base, **dict(zip(keys, values, strict=True)))
        r1, r2 = measure(items, p)
        if r1 + r2 > best:
            best, best_p = r1 + r2, p
    return best_p


def main(argv: Sequence[str] | None = None) -> int:
    from defnews import options as opt

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--write", action="store_true", help="fit on both sets and write weights")
    args = ap.parse_args(argv)
    tokens = make_tokens_de()
    glossary = opt.glossary(opt.resolve({}), no_glossary=False)
    with tempfile.TemporaryDirectory() as tmp:
        sets = {name: items_of(name, args.data, args.limit, glossary, tokens, Path(tmp))
                for name in SETS}
    names = list(SETS)
    base = dataclasses.replace(news.DEFAULT_PARAMS, **FIXED)
    for train, test in ((names[0], names[1]), (names[1], names[0])):
        p = fit(sets[train], base)
        lead = measure(sets[test], None)
        print(f"fitted on {train}, measured on {test} ({len(sets[test])} article shapes):")
        for label, q in (("lead-2", None), ("current", news.default_params("de")),
                         ("fitted", p)):
            r1, r2 = measure(sets[test], q)
            print(f"  {label:<8} R1 {r1:.4f} R2 {r2:.4f}   x lead R1 {r1 / lead[0]:.3f} "
                  f"R2 {r2 / lead[1]:.3f}")
        print("  weights: " + ", ".join(f"{k}={getattr(p, k)}" for k in GRID))
    if args.write:
        p = fit(sets[names[0]] + sets[names[1]], base)
        OUT.write_text(json.dumps({
            "about": "German weights of the default summariser; bench/train_summary_model.py",
            "articles": {n: len(sets[n]) for n in names},
            "weights": {k: getattr(p, k) for k in [*GRID, *FIXED]},
        }, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {OUT}: " + ", ".join(f"{k}={getattr(p, k)}" for k in GRID))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
