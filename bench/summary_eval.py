"""Evaluate the extractive summarizers (defnews.digest.summarizers) on the two dev sets.

1. BBC News Summary (English, 80 articles): the first line of an article is its title; blank
   lines separate paragraphs. Summary length = number of reference sentences. Reference
   summaries are article sentences, sometimes glued together without a space ("end.Next"),
   so reference sentences are found by matching article sentences inside the reference.
   Metrics: sentence-level F1 (exact match after whitespace normalisation) and ROUGE-1/2/L F
   (ROUGE-L is the summary-level union LCS of Lin 2004, "ROUGE-Lsum").
2. 10kGNAD International/Inland (German, 218 articles): the first sentence (teaser) is the
   reference; the rest is summarised to 2 sentences. Metric: ROUGE-1/2 F on Snowball-stemmed
   German tokens. A lead-2 baseline is reported too.

Usage (from the repo root):
    .venv/bin/python bench/summary_eval.py [--bbc DIR] [--gnad FILE] [--json]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from defnews import segment
from defnews.digest.summarizers import METHODS, summarize

REPO = Path(__file__).resolve().parent.parent
DEFAULT_BBC = REPO / "../shared/data/sum-dev/bbc"
DEFAULT_GNAD = REPO / "../shared/data/news-dev/gnad-international-inland.jsonl"
GNAD_SENTENCES = 2

_TOKEN_RE = re.compile(r"\w+")


@dataclass
class Article:
    """One evaluation item: segmented sentences plus the reference."""

    name: str
    sentences: list[str]
    title: str | None
    paragraph_starts: list[int]
    n: int  # summary length in sentences
    reference: str  # reference text (for ROUGE)
    reference_ids: set[int] = field(default_factory=set)  # reference sentences (BBC)


# --------------------------------------------------------------------------- data


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def load_bbc(root: Path) -> tuple[list[Article], float]:
    """BBC articles and the share of reference characters matched to article sentences."""
    articles: list[Article] = []
    matched_chars = total_chars = 0
    for path in sorted((root / "article").glob("*/*.txt")):
        text = path.read_text(encoding="utf-8", errors="replace")
        head, _, body = text.partition("\n")
        sentences: list[str] = []
        starts: list[int] = []
        for para in re.split(r"\n\s*\n", body):
            if not para.strip():
                continue
            starts.append(len(sentences))
            for line in para.splitlines():  # a BBC line never spans a sentence boundary
                sentences += [s.strip() for s in segment.split_sentences(line, "en") if s.strip()]
        ref_path = root / "summary" / path.parent.name / path.name
        reference = ref_path.read_text(encoding="utf-8", errors="replace")
        squashed = _squash(reference)
        ids = {i for i, s in enumerate(sentences) if _squash(s) and _squash(s) in squashed}
        matched_chars += min(len(squashed), sum(len(_squash(sentences[i])) for i in ids))
        total_chars += len(squashed)
        name = f"{path.parent.name}/{path.stem}"
        articles.append(
            Article(name, sentences, head.strip() or None, starts, len(ids), reference, ids)
        )
    return articles, matched_chars / max(total_chars, 1)


def load_gnad(path: Path) -> list[Article]:
    """10kGNAD items: teaser = first sentence (the reference), the rest is the article."""
    articles = []
    with path.open(encoding="utf-8") as fh:
        for no, line in enumerate(fh):
            if not line.strip():
                continue
            text = json.loads(line)["text"]
            sentences = [s.strip() for s in segment.split_sentences(text, "de") if s.strip()]
            if len(sentences) < 2:
                continue
            articles.append(
                Article(f"gnad/{no}", sentences[1:], None, [0], GNAD_SENTENCES, sentences[0])
            )
    return articles


# --------------------------------------------------------------------------- metrics


def tokens_en(text: str) -> list[str]:
    return _TOKEN_RE.findall(text.lower())


def make_tokens_de() -> Callable[[str], list[str]]:
    from nltk.stem.snowball import GermanStemmer

    stem = GermanStemmer().stem
    memo: dict[str, str] = {}

    def tokens(text: str) -> list[str]:
        out = []
        for w in _TOKEN_RE.findall(text.lower()):
            s = memo.get(w)
            if s is None:
                s = memo[w] = stem(w)
            out.append(s)
        return out

    return tokens


def _f1(overlap: float, n_cand: float, n_ref: float) -> float:
    if overlap <= 0 or n_cand <= 0 or n_ref <= 0:
        return 0.0
    p, r = overlap / n_cand, overlap / n_ref
    return 2 * p * r / (p + r)


def _ngrams(tokens: Sequence[str], n: int) -> Counter[tuple[str, ...]]:
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def rouge_n(cand: Sequence[str], ref: Sequence[str], n: int) -> float:
    """ROUGE-N F-measure (clipped n-gram overlap)."""
    c, r = _ngrams(cand, n), _ngrams(ref, n)
    return _f1(sum((c & r).values()), sum(c.values()), sum(r.values()))


def _lcs_table(a: Sequence[str], b: Sequence[str]) -> list[list[int]]:
    t = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i, x in enumerate(a, 1):
        row, prev = t[i], t[i - 1]
        for j, y in enumerate(b, 1):
            row[j] = prev[j - 1] + 1 if x == y else max(prev[j], row[j - 1])
    return t


def _lcs_positions(a: Sequence[str], b: Sequence[str]) -> set[int]:
    """Indices into `a` of one longest common subsequence of a and b."""
    t = _lcs_table(a, b)
    i, j, out = len(a), len(b), set()
    while i and j:
        if a[i - 1] == b[j - 1]:
            out.add(i - 1)
            i, j = i - 1, j - 1
        elif t[i - 1][j] >= t[i][j - 1]:
            i -= 1
        else:
            j -= 1
    return out


def rouge_lsum(cand_sents: Sequence[Sequence[str]], ref_sents: Sequence[Sequence[str]]) -> float:
    """Summary-level ROUGE-L F (union LCS per reference sentence, clipped by token counts)."""
    cand_counts = Counter(t for s in cand_sents for t in s)
    ref_counts = Counter(t for s in ref_sents for t in s)
    n_cand, n_ref = sum(cand_counts.values()), sum(ref_counts.values())
    hits = 0
    for ref in ref_sents:
        union: set[int] = set()
        for cand in cand_sents:
            union |= _lcs_positions(ref, cand)
        for k in sorted(union):
            tok = ref[k]
            if cand_counts[tok] > 0 and ref_counts[tok] > 0:
                hits += 1
                cand_counts[tok] -= 1
                ref_counts[tok] -= 1
    return _f1(hits, n_cand, n_ref)


# --------------------------------------------------------------------------- evaluation


def _lead(article: Article) -> list[int]:
    return list(range(min(article.n, len(article.sentences))))


def _choose(article: Article, method: str, lang: str) -> list[int]:
    if method == "lead":
        return _lead(article)
    picked = summarize(
        article.sentences,
        article.n,
        method=method,
        lang=lang,
        title=article.title,
        paragraph_starts=article.paragraph_starts,
    )
    return [p.index for p in picked]


def eval_bbc(articles: Sequence[Article], methods: Iterable[str]) -> dict[str, dict[str, float]]:
    table: dict[str, dict[str, float]] = {}
    ref_tokens = {a.name: tokens_en(a.reference) for a in articles}
    ref_sent_tokens = {
        a.name: [tokens_en(a.sentences[i]) for i in sorted(a.reference_ids)] for a in articles
    }
    for method in methods:
        t0 = time.perf_counter()
        sums = Counter()
        for a in articles:
            ids = _choose(a, method, "en")
            cand = [tokens_en(a.sentences[i]) for i in ids]
            flat = [t for s in cand for t in s]
            sums["sent_f1"] += _f1(len(set(ids) & a.reference_ids), len(ids), len(a.reference_ids))
            sums["rouge1"] += rouge_n(flat, ref_tokens[a.name], 1)
            sums["rouge2"] += rouge_n(flat, ref_tokens[a.name], 2)
            sums["rougeL"] += rouge_lsum(cand, ref_sent_tokens[a.name])
        row = {k: v / len(articles) for k, v in sums.items()}
        row["seconds"] = time.perf_counter() - t0
        table[method] = row
    return table


def eval_gnad(articles: Sequence[Article], methods: Iterable[str]) -> dict[str, dict[str, float]]:
    tokens_de = make_tokens_de()
    table: dict[str, dict[str, float]] = {}
    refs = {a.name: tokens_de(a.reference) for a in articles}
    for method in methods:
        t0 = time.perf_counter()
        sums = Counter()
        for a in articles:
            ids = _choose(a, method, "de")
            cand = tokens_de(" ".join(a.sentences[i] for i in ids))
            sums["rouge1"] += rouge_n(cand, refs[a.name], 1)
            sums["rouge2"] += rouge_n(cand, refs[a.name], 2)
        row = {k: v / len(articles) for k, v in sums.items()}
        row["seconds"] = time.perf_counter() - t0
        table[method] = row
    return table


def format_table(title: str, table: dict[str, dict[str, float]], columns: Sequence[str]) -> str:
    lines = [title, f"{'method':<11}" + "".join(f"{c:>9}" for c in columns)]
    for method, row in table.items():
        cells = "".join(f"{row[c]:>9.1f}" if c == "seconds" else f"{row[c]:>9.4f}" for c in columns)
        lines.append(f"{method:<11}{cells}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bbc", type=Path, default=DEFAULT_BBC, help="BBC sum-dev folder")
    ap.add_argument("--gnad", type=Path, default=DEFAULT_GNAD, help="10kGNAD jsonl file")
    ap.add_argument(
        "--methods",
        nargs="+",
        default=list(METHODS),
        choices=METHODS,
        help="methods to evaluate (lead baselines are always added)",
    )
    ap.add_argument("--json", action="store_true", help="print the tables as JSON")
    args = ap.parse_args(argv)

    methods = ["lead", *args.methods]
    bbc, coverage = load_bbc(args.bbc)
    gnad = load_gnad(args.gnad)
    result = {
        "bbc": {
            "articles": len(bbc),
            "reference_chars_matched": coverage,
            "table": eval_bbc(bbc, methods),
        },
        "gnad": {
            "articles": len(gnad),
            "sentences": GNAD_SENTENCES,
            "table": eval_gnad(gnad, methods),
        },
    }
    if args.json:
        json.dump(result, sys.stdout, indent=2)
        print()
        return 0
    print(
        format_table(
            f"BBC sum-dev (en): {len(bbc)} articles, summary length = reference sentences "
            f"({coverage:.1%} of reference text matched to article sentences)",
            result["bbc"]["table"],
            ("sent_f1", "rouge1", "rouge2", "rougeL", "seconds"),
        )
    )
    print()
    print(
        format_table(
            f"10kGNAD international+inland (de): {len(gnad)} articles, teaser vs. "
            f"{GNAD_SENTENCES} sentences, stemmed ROUGE F ('lead' = lead-{GNAD_SENTENCES})",
            result["gnad"]["table"],
            ("rouge1", "rouge2", "seconds"),
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
