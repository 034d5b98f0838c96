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

And it measures the model's own floor: the time CTranslate2 needs to decode every sentence
of the N articles once (no glossary stages, no retries, model loaded and warm), taken both
inside the Engine (its batches and decoding caps) and as one raw
`ctranslate2.Translator.translate_batch` call (bench/perf_child.py ct2), the smaller of the
two counting. No single call can take less than S plus that floor, so the separate calls'
time over it bounds the ratio any implementation could reach with this model, its decoding
options and this machine.
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
CHILD = REPO / "bench" / "perf_child.py"
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


def model_floor(inputs: Path, work: Path, env: dict[str, str]) -> dict[str, float]:
    """Seconds CTranslate2 alone spends decoding the articles' sentences once (see above)."""
    stats, tokens = work / "floor-defnews.json", work / "floor-tokens.json"
    child = [sys.executable, str(CHILD)]
    subprocess.run([*child, "defnews", str(stats), "--tokens", str(tokens), "--", "translate",
                    str(inputs), "-o", str(work / "floor-out"), "--no-cache", "-q",
                    "--no-glossary"], env=env, check=True, capture_output=True)
    calls = json.loads(stats.read_text(encoding="utf-8"))["calls"]
    captured = json.loads(tokens.read_text(encoding="utf-8"))
    # The first pass: one hypothesis, not a retry (retries are careful; n-best needs a glossary).
    first = [i for i, c in enumerate(calls) if not c["careful"] and c["hypotheses"] == 1]
    windows = [t for i in first for t in captured[i]]
    (work / "floor-first.json").write_text(json.dumps(windows), encoding="utf-8")
    model_dir = next((work / "packages").glob("*/model"))
    raw_stats = work / "floor-ct2.json"
    subprocess.run([*child, "ct2", str(raw_stats), str(model_dir), str(work / "floor-first.json"),
                    "0"], env=env, check=True, capture_output=True)
    raw = json.loads(raw_stats.read_text(encoding="utf-8"))
    return {"windows": len(windows), "engine_s": sum(calls[i]["seconds"] for i in first),
            "raw_ct2_s": raw["translate_s"]}


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
    floor = model_floor(inputs, work, env)
    floor_s = min(floor["engine_s"], floor["raw_ct2_s"])
    floor_bound = separate / (startup + floor_s)
    result = {"articles": len(files), "one_call_seconds": round(one_call, 2),
              "separate_calls_seconds": round(separate, 2),
              "ratio": round(separate / one_call, 2), "outputs_identical": same,
              "startup_seconds": round(startup, 3),
              "ratio_bound_without_batching_gain": round(bound, 2),
              "model_floor": {"sentence_windows": floor["windows"],
                              "engine_decode_seconds": round(floor["engine_s"], 2),
                              "raw_ctranslate2_seconds": round(floor["raw_ct2_s"], 2)},
              "ratio_bound_at_model_floor": round(floor_bound, 2),
              "package": args.package.name, "cpus": os.cpu_count(),
              "load_average": [round(x, 2) for x in os.getloadavg()]}
    print(f"{len(files)} articles: one call {one_call:.1f} s, {len(files)} separate calls "
          f"{separate:.1f} s: {separate / one_call:.2f}x; outputs identical: {same}")
    print(f"one call on a one-sentence article (start, imports, loads): {startup:.2f} s; "
          f"startup alone allows at most {bound:.2f}x")
    print(f"the model alone decodes the {floor['windows']} sentence windows once in "
          f"{floor_s:.1f} s (Engine {floor['engine_s']:.1f} s, one raw CTranslate2 call "
          f"{floor['raw_ct2_s']:.1f} s): no one call can beat "
          f"{separate:.1f} / ({startup:.2f} + {floor_s:.1f}) = {floor_bound:.2f}x")
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "translate_batch.json").write_text(json.dumps(result, indent=2) + "\n",
                                                   encoding="utf-8")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
