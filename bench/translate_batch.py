#!/usr/bin/env python3
"""Many files in one `translate` call against one call per file (issue 15, point 8).

    python bench/translate_batch.py [--limit 50] [--data ../shared/data/news-dev]
                                    [--package PATH.argosmodel] [--out bench/results]

Writes the first N German dev articles to files of their own, then in the same run times
`defnews translate DIR -o OUT` (one process: the model loaded once, sentences batched across
articles) against N runs of `defnews translate FILE -o OUT/FILE` (one process each), both
with the test package, the default glossary and no translation memory. Prints the ratio of
the wall-clock times, checks both give byte-identical outputs, and writes
bench/results/translate_batch.json.

It also times one call on a one-sentence article (S: process start, imports, model and
glossary load). With W the one call's time less S, the separate calls cost about
N*S + W, so no batching can beat (N*S + W) / (S + W) unless cross-article batches decode
faster than one article's: the script prints that bound beside the measured ratio.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TEST_PACKAGE = REPO / "tests" / "fixtures" / "translate-de_en-defnews_test-1_0.argosmodel"
SHARED = next((p / "shared" for p in (REPO.parent, REPO.parent.parent)
               if (p / "shared").is_dir()), REPO.parent / "shared")


def run(args: list[str], env: dict[str, str]) -> float:
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "defnews", *args], env=env,
                          capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"defnews {' '.join(args)} failed: {proc.stderr[-800:]}")
    return time.perf_counter() - t0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--limit", type=int, default=50, help="articles (default 50)")
    ap.add_argument("--data", type=Path, default=SHARED / "data" / "news-dev")
    ap.add_argument("--package", type=Path, default=TEST_PACKAGE)
    ap.add_argument("--out", type=Path, default=REPO / "bench" / "results")
    args = ap.parse_args()

    work = Path(tempfile.mkdtemp(prefix="defnews-batch-"))
    env = {k: v for k, v in os.environ.items() if not k.startswith("DEFNEWS_")}
    env.update(DEFNEWS_HOME=str(work / "home"), DEFNEWS_PACKAGES_DIR=str(work / "packages"),
               PYTHONPATH=str(REPO / "cli"))
    run(["models", "install", "--file", str(args.package)], env)
    inputs = work / "in"
    inputs.mkdir()
    n = 0
    for jsonl in sorted(args.data.glob("*.jsonl")):
        for line in jsonl.open(encoding="utf-8"):
            if n >= args.limit:
                break
            (inputs / f"article-{n:03d}.txt").write_text(json.loads(line)["text"] + "\n",
                                                         encoding="utf-8")
            n += 1
    files = sorted(inputs.iterdir())
    probe = work / "one-sentence.txt"
    probe.write_text("Die Bundeswehr beschafft neue Hubschrauber.\n", encoding="utf-8")
    run(["translate", str(probe), "-o", str(work / "probe-warmup.txt"), "--no-cache", "-q"], env)
    startup = min(run(["translate", str(probe), "-o", str(work / f"probe-{i}.txt"),
                       "--no-cache", "-q"], env) for i in range(3))
    one_call = run(["translate", str(inputs), "-o", str(work / "batch"), "--no-cache", "-q"],
                   env)
    (work / "single").mkdir()
    separate = sum(run(["translate", str(f), "-o", str(work / "single" / f.name),
                        "--no-cache", "-q"], env) for f in files)
    same = all((work / "batch" / f.name).read_bytes() == (work / "single" / f.name).read_bytes()
               for f in files)
    work_s = max(one_call - startup, 1e-9)
    bound = (len(files) * startup + work_s) / (startup + work_s)
    result = {"articles": len(files), "one_call_seconds": round(one_call, 2),
              "separate_calls_seconds": round(separate, 2),
              "ratio": round(separate / one_call, 2), "outputs_identical": same,
              "startup_seconds": round(startup, 3),
              "ratio_bound_without_batching_gain": round(bound, 2),
              "package": args.package.name, "cpus": os.cpu_count(),
              "load_average": [round(x, 2) for x in os.getloadavg()]}
    print(f"{len(files)} articles: one call {one_call:.1f} s, {len(files)} separate calls "
          f"{separate:.1f} s: {separate / one_call:.2f}x; outputs identical: {same}")
    print(f"one call on a one-sentence article (start, imports, loads): {startup:.2f} s; "
          f"startup alone allows at most {bound:.2f}x")
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "translate_batch.json").write_text(json.dumps(result, indent=2) + "\n",
                                                   encoding="utf-8")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
