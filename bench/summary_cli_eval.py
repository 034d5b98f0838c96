"""German summaries evaluated as the command runs them (issue 19).

    python bench/summary_cli_eval.py [--limit N] [--methods default lexrank ...] [--json]

For each 10kGNAD dev article (``../shared/data/news-dev``: the 218 International/Inland
articles and the 775 of the other sections) the first sentence, the outlet's teaser, is
removed and kept as the reference; the rest becomes an article file, in two shapes:

- ``one-paragraph``: the body as one paragraph (as the data set stores it);
- ``paragraphs``: the body in paragraphs of three sentences separated by blank lines (the
  data set keeps no paragraph breaks; this is the shape of an article saved from a page).

Each file goes through what ``defnews summarize FILE --lang de --no-translate -n 2 --format
json`` runs (the reader, language check, default glossary, candidate rules, summariser and
JSON renderer; ``cli_summary`` below, checked against the real command through typer's
CliRunner on the first articles of each run), and the 2 chosen sentences are compared with
the teaser: ROUGE-1/2 F on Snowball-stemmed tokens, as in bench/summary_eval.py. Rows:
``lead`` (the first 2 sentences the command could choose), every method asked for, and
``oracle`` (the best 2 of the command's candidate sentences by ROUGE-1 + ROUGE-2).
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

from defnews import segment
from summary_eval import make_tokens_de, rouge_n

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "../shared/data/news-dev"
SETS = {"international-inland": "gnad-international-inland.jsonl",
        "other-classes": "gnad-other-classes.jsonl"}
SHAPES = ("one-paragraph", "paragraphs")
N = 2
PARAGRAPH = 3  # sentences per paragraph in the `paragraphs` shape


def load(path: Path, limit: int | None) -> list[tuple[str, list[str]]]:
    """(teaser, body sentences) of each article with at least N + 1 sentences."""
    items = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            text = json.loads(line)["text"]
            sentences = [s.strip() for s in segment.split_sentences(text, "de") if s.strip()]
            if len(sentences) > N:
                items.append((sentences[0], sentences[1:]))
            if limit and len(items) >= limit:
                break
    return items


def article_text(body: Sequence[str], shape: str) -> str:
    if shape == "one-paragraph":
        return " ".join(body) + "\n"
    return "\n\n".join(" ".join(body[i : i + PARAGRAPH])
                       for i in range(0, len(body), PARAGRAPH)) + "\n"


class Command:
    """The code path of `summarize FILE --lang de --no-translate -n 2 --format json`."""

    def __init__(self) -> None:
        from defnews import options as opt

        self.glossary = opt.glossary(opt.resolve({}), no_glossary=False)

    def summary(self, path: Path, method: str) -> dict:
        from defnews import inputs
        from defnews.digest.summaries import summarize_articles
        from defnews.renderers.summary import render

        articles, _ = inputs.read_articles(str(path))
        inputs.check_language(articles, "de")
        results = summarize_articles(articles, N, None, method=method, lang="de",
                                     glossary=self.glossary)
        return json.loads(render(results, "json"))

    def candidates(self, path: Path) -> list[str]:
        """The sentences the command may choose from (for lead-2 and the oracle)."""
        from defnews import inputs
        from defnews.digest.summaries import _pool, body_sentences

        articles, _ = inputs.read_articles(str(path))
        out: list[str] = []
        for a in articles:
            sentences, starts = body_sentences(a, "de")
            out += _pool(a, sentences, starts).texts
        return out


def via_cli(path: Path, method: str) -> dict:
    from typer.testing import CliRunner

    from defnews.cli import app

    r = CliRunner().invoke(app, ["summarize", str(path), "--lang", "de", "--no-translate",
                                 "-n", str(N), "--format", "json", "--method", method])
    if r.exit_code != 0:
        raise RuntimeError(r.stderr)
    return json.loads(r.stdout)


def _texts(data: dict | list) -> list[str]:
    items = data if isinstance(data, list) else [data]
    return [s["source"] for d in items for s in d["summary"]]


def evaluate(items: Sequence[tuple[str, list[str]]], shape: str, methods: Sequence[str],
             command: Command, tokens: Callable[[str], list[str]], check_cli: int,
             tmp: Path) -> dict[str, dict[str, float]]:
    sums: dict[str, Counter[str]] = {m: Counter() for m in ["lead", *methods, "oracle"]}
    seconds: Counter[str] = Counter()
    for no, (teaser, body) in enumerate(items):
        path = tmp / f"artikel-{no}.txt"
        path.write_text(article_text(body, shape), encoding="utf-8")
        ref = tokens(teaser)
        cands = command.candidates(path)
        cand_tokens = [tokens(c) for c in cands]

        def score(chosen: Sequence[str], row: Counter[str], ref: list[str] = ref) -> None:
            toks = tokens(" ".join(chosen))
            row["rouge1"] += rouge_n(toks, ref, 1)
            row["rouge2"] += rouge_n(toks, ref, 2)

        score(cands[:N], sums["lead"])
        for method in methods:
            t0 = time.perf_counter()
            data = command.summary(path, method)
            seconds[method] += time.perf_counter() - t0
            if no < check_cli and _texts(via_cli(path, method)) != _texts(data):
                raise SystemExit(f"the helper and the command differ on article {no}")
            score(_texts(data), sums[method])
        best = (0.0, 0.0)
        for pair in itertools.combinations(range(min(len(cands), 60)), min(N, len(cands))):
            toks = [t for i in pair for t in cand_tokens[i]]
            r1, r2 = rouge_n(toks, ref, 1), rouge_n(toks, ref, 2)
            if r1 + r2 > sum(best):
                best = (r1, r2)
        sums["oracle"]["rouge1"] += best[0]
        sums["oracle"]["rouge2"] += best[1]
        path.unlink()
    table = {}
    for m, row in sums.items():
        table[m] = {k: v / max(len(items), 1) for k, v in row.items()}
        if m in seconds:
            table[m]["seconds"] = seconds[m]
    return table


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DATA, help="folder of the two jsonl files")
    ap.add_argument("--limit", type=int, default=None, help="first N articles of each set")
    ap.add_argument("--methods", nargs="+", default=["default"],
                    help="summarisers to run through the command path")
    ap.add_argument("--check-cli", type=int, default=3,
                    help="compare with the real command on the first N articles")
    ap.add_argument("--json", action="store_true", help="print the tables as JSON")
    args = ap.parse_args(argv)
    tokens = make_tokens_de()
    command = Command()
    result: dict[str, dict] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, file in SETS.items():
            items = load(args.data / file, args.limit)
            for shape in SHAPES:
                table = evaluate(items, shape, args.methods, command, tokens, args.check_cli,
                                 Path(tmp))
                result[f"{name}/{shape}"] = {"articles": len(items), "table": table}
    if args.json:
        json.dump(result, sys.stdout, indent=2)
        print()
        return 0
    for key, block in result.items():
        lead = block["table"]["lead"]
        print(f"{key}: {block['articles']} articles, teaser vs {N} sentences, stemmed ROUGE F")
        print(f"{'method':<11}{'rouge1':>9}{'rouge2':>9}{'R1/lead':>9}{'R2/lead':>9}")
        for m, row in block["table"].items():
            print(f"{m:<11}{row['rouge1']:>9.4f}{row['rouge2']:>9.4f}"
                  f"{row['rouge1'] / max(lead['rouge1'], 1e-9):>9.3f}"
                  f"{row['rouge2'] / max(lead['rouge2'], 1e-9):>9.3f}")
        print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
