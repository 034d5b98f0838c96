"""Hostile input shapes against normal input of the same size: time and peak memory (issue 18).

    python bench/hostile_perf.py                  # every shape at the issue's sizes
    python bench/hostile_perf.py --scale 0.1      # a tenth of each size (a quick look)
    python bench/hostile_perf.py --only line,word --commands "glossary check"

Each run is the real CLI in its own process (`python -m defnews ...`, the project's test
package, --no-cache, a fresh HOME), its peak memory the child's own ru_maxrss. Shapes:
a 5 MB single line, a 1 MB "word", 100,000 `[`, a 500-level nested blockquote, and a
200,000-entry glossary; each is compared with normal German text (sentences in paragraphs,
written here) of the same size, or for the glossary with the shipped one, and reported as
a ratio (target: time ≤ 3; the large glossary under 500 MB). Results go to
bench/results/hostile.md (and .json).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "tests" / "fixtures" / "translate-de_en-defnews_test-1_0.argosmodel"
RESULTS = REPO / "bench" / "results"
MB = 1024 * 1024

# German written for this benchmark (no corpus text).
_WORDS = ("Der Verteidigungsminister die Truppen Kampfpanzer Drohnen Soldaten Manöver Nato "
          "Teheran Moskau reiste besuchte kündigte an sagte meldete am Montag im Hafen an der "
          "Grenze mit neuen Raketen über die Lage gemeinsame Militärübung Streitkräfte Marine "
          "Luftwaffe Brigade Einsatz Angriff Abwehr Vertrag Lieferung Regierung Minister "
          "Sprecher nach Angaben zufolge weitere zwei drei viele").split()

COMMANDS = {
    "glossary check": ["glossary", "check", "--json"],  # the matcher, not a 100k-row table
    "summarize": ["summarize", "--no-cache", "--quiet"],
    "translate": ["translate", "--no-cache", "--quiet", "--format", "text"],
}
# Which commands each shape is measured with. translate runs the word shape at 100 KB
# (TRANSLATE_SIZE): the test package translating a megabyte of normal text would measure
# the model for many minutes, not the input handling.
SHAPES = {
    "line": (5 * MB, ["glossary check", "summarize"]),
    "word": (1 * MB, ["glossary check", "summarize", "translate"]),
    "brackets": (100_000, ["glossary check", "summarize", "translate"]),
    "blockquote": (500, ["glossary check", "summarize", "translate"]),
    "glossary": (200_000, ["glossary check"]),
}
TRANSLATE_SIZE = {"word": 100_000}


def _sentence(rnd: random.Random) -> str:
    words = [rnd.choice(_WORDS) for _ in range(rnd.randint(8, 16))]
    return words[0][:1].upper() + words[0][1:] + " " + " ".join(words[1:]) + "."


def normal_text(size: int, seed: int = 1) -> str:
    """Paragraphs of five sentences, `size` characters in all."""
    rnd = random.Random(seed)
    paras, n = [], 0
    while n < size:
        p = " ".join(_sentence(rnd) for _ in range(5))
        paras.append(p)
        n += len(p) + 2
    return "\n\n".join(paras)[:size]


def hostile(shape: str, size: int) -> tuple[str, str, str]:
    """(hostile text, normal text of the same size, file suffix)."""
    if shape == "line":
        text = normal_text(size).replace("\n\n", " ")
        return text, normal_text(size), ".txt"
    if shape == "word":
        text = "Kampf" + "a" * (size - 11) + "panzer"
        return text, normal_text(size), ".txt"
    if shape == "brackets":
        text = "Der Minister sagte: " + "[" * size + " Ende."
        return text, normal_text(len(text)), ".md"
    if shape == "blockquote":
        rnd = random.Random(2)
        lines = [">" * (k + 1) + " " + _sentence(rnd) for k in range(size)]
        text = "\n".join(lines) + "\n"
        return text, normal_text(len(text)), ".md"
    raise ValueError(shape)


def big_glossary(entries: int, path: Path) -> None:
    rnd = random.Random(3)

    def word() -> str:
        return "".join(rnd.choice("aeioubdfgklmnprstuz") for _ in range(rnd.randint(5, 11)))

    seen: set[str] = set()
    with path.open("w", encoding="utf-8") as f:
        f.write("de\ten\n")
        while len(seen) < entries:
            de = word().capitalize() + rnd.choice(["", "übung", "panzer", "drohne"])
            if rnd.random() < 0.2:
                de = word() + "e " + de
            if de not in seen:
                seen.add(de)
                f.write(f"{de}\t{word()}\n")


def run(args: list[str], env: dict[str, str], timeout: float) -> dict[str, object]:
    """One CLI run in its own process: wall seconds, peak RSS (MB), exit code."""
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "defnews", *args], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    timer = threading.Timer(timeout, proc.kill)
    timer.start()
    try:
        _, status, usage = os.wait4(proc.pid, 0)
    finally:
        timer.cancel()
    seconds = time.perf_counter() - t0
    err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    proc.returncode = os.waitstatus_to_exitcode(status)
    return {"seconds": round(seconds, 2), "peak_mb": round(usage.ru_maxrss / 1024, 1),
            "exit": proc.returncode, "timed_out": seconds >= timeout,
            "error": (err.strip().splitlines() or ["killed"])[-1] if proc.returncode else ""}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--scale", type=float, default=1.0, help="multiply every size (0.1: quick)")
    ap.add_argument("--only", default=",".join(SHAPES), help="shapes, comma-separated")
    ap.add_argument("--commands", default="", help="limit to these commands, comma-separated")
    ap.add_argument("--timeout", type=float, default=300, help="seconds per run")
    ap.add_argument("--out", type=Path, default=RESULTS / "hostile.md")
    opts = ap.parse_args()
    wanted_cmds = {c.strip() for c in opts.commands.split(",") if c.strip()}

    work = Path(tempfile.mkdtemp(prefix="defnews-hostile-"))
    env = {k: v for k, v in os.environ.items() if not k.startswith("DEFNEWS_")}
    env.update(HOME=str(work / "home"), DEFNEWS_HOME=str(work / "defnews"),
               DEFNEWS_PACKAGES_DIR=str(work / "packages"), DEFNEWS_MAX_INPUT_MB="50",
               PYTHONPATH=str(REPO / "cli") + os.pathsep + env.get("PYTHONPATH", ""))
    (work / "home").mkdir()
    subprocess.run([sys.executable, "-c", "import sys; from pathlib import Path; "
                    "from defnews.models_install import install_file; "
                    "install_file(Path(sys.argv[1]), Path(sys.argv[2]))",
                    str(PACKAGE), str(work / "packages")], env=env, check=True)

    rows = []
    for shape in [s.strip() for s in opts.only.split(",") if s.strip()]:
        full, commands = SHAPES[shape]
        for command in commands:
            if wanted_cmds and command not in wanted_cmds:
                continue
            if command == "translate":
                full = TRANSLATE_SIZE.get(shape, full)
            size = max(1, int(full * opts.scale))
            base = COMMANDS[command]
            if shape == "glossary":
                text_file = work / "normal.txt"
                text_file.write_text(normal_text(10_000), encoding="utf-8")
                gfile = work / f"glossary-{size}.tsv"
                if not gfile.exists():
                    big_glossary(size, gfile)
                bad = run([*base, str(text_file), "--no-default-glossary", "-g", str(gfile)],
                          env, opts.timeout)
                good = run([*base, str(text_file)], env, opts.timeout)
                label = f"{size:,}-entry glossary (vs the shipped one)"
            else:
                text, normal, suffix = hostile(shape, size)
                hf, nf = work / f"{shape}{suffix}", work / f"{shape}-normal{suffix}"
                hf.write_text(text, encoding="utf-8")
                nf.write_text(normal, encoding="utf-8")
                bad = run([*base, str(hf)], env, opts.timeout)
                good = run([*base, str(nf)], env, opts.timeout)
                label = {"line": f"{size / MB:.2g} MB single line",
                         "word": f"{size / MB:.2g} MB word",
                         "brackets": f"{size:,} `[`",
                         "blockquote": f"{size}-level blockquote"}[shape]
            ratio = round(bad["seconds"] / good["seconds"], 2) if good["seconds"] else None
            row = {"shape": label, "command": command, "hostile": bad, "normal": good,
                   "time_ratio": ratio,
                   "memory_ratio": round(bad["peak_mb"] / good["peak_mb"], 2)}
            rows.append(row)
            print(f"{label:<36} {command:<15} {bad['seconds']:>8.2f} s {bad['peak_mb']:>7.1f} MB"
                  f"  normal {good['seconds']:>7.2f} s {good['peak_mb']:>7.1f} MB"
                  f"  time x{ratio}  exit {bad['exit']}/{good['exit']}"
                  + (f"  ({bad['error']})" if bad["error"] else ""), flush=True)
    write_results(rows, opts)
    return 0


def write_results(rows: list[dict], opts: argparse.Namespace) -> None:
    opts.out.parent.mkdir(parents=True, exist_ok=True)
    lines = ["# Hostile input shapes (bench/hostile_perf.py)", "",
             f"Run: `python bench/hostile_perf.py --scale {opts.scale} --only {opts.only}` on "
             f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {os.cpu_count()} CPUs. "
             "Each figure is one CLI process (test package, --no-cache); ratio = hostile / "
             "normal input of the same size. Targets: time ratio ≤ 3; the large glossary "
             "under 500 MB.", "",
             "| shape | command | hostile s | hostile MB | normal s | normal MB | time ratio "
             "| exit |", "|---|---|---:|---:|---:|---:|---:|---|"]
    for r in rows:
        h, n = r["hostile"], r["normal"]
        exit_note = f"{h['exit']}" + (" (timeout)" if h["timed_out"] else "") + \
            (f": {h['error']}" if h["error"] else "")
        lines.append(f"| {r['shape']} | {r['command']} | {h['seconds']} | {h['peak_mb']} | "
                     f"{n['seconds']} | {n['peak_mb']} | {r['time_ratio']} | {exit_note} |")
    opts.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    opts.out.with_suffix(".json").write_text(json.dumps(rows, indent=1), encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
