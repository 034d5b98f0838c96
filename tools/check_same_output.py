"""Every command's output on every sample, before and after a change, byte for byte.

    python tools/check_same_output.py --base ad2cc3b            # base revision vs the work tree
    python tools/check_same_output.py --base ad2cc3b --after HEAD

Runs translate (every format, with the glossary report), summarize (every format, translated
and German), digest (every format), segment and glossary check (JSON and table) on every
sample with the project's test package, once with the code of each side, and compares stdout,
stderr and the exit code of every run. Timings in JSON are the only field masked: they differ
between any two runs. Exit 0 when everything is identical, 1 otherwise (the differing runs are
listed and kept under --keep).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
from io import BytesIO
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TEST_PACKAGE = REPO / "tests" / "fixtures" / "translate-de_en-defnews_test-1_0.argosmodel"
SAMPLE_SUFFIXES = {".md", ".txt", ".html", ".htm", ".xml", ".rss"}
# JSON fields that measure time: they differ between two runs of the same code.
TIMING_KEYS = {"translate_ms", "seconds", "elapsed", "duration_ms", "sentences_per_second"}


def export_tree(rev: str, dest: Path) -> Path:
    """The tree of `rev` (its committed files only) unpacked into dest."""
    data = subprocess.run(["git", "-C", str(REPO), "archive", "--format=tar", rev],
                          check=True, capture_output=True).stdout
    with tarfile.open(fileobj=BytesIO(data)) as tar:
        tar.extractall(dest, filter="data")
    return dest


def commands(samples: list[Path]) -> list[tuple[str, list[str]]]:
    runs: list[tuple[str, list[str]]] = []
    for s in samples:
        for fmt in ("text", "markdown", "json", "bilingual"):
            runs.append((f"translate.{fmt}.{s.name}",
                         ["translate", str(s), "--no-cache", "--report", "-f", fmt]))
        for fmt in ("text", "markdown", "json"):
            runs.append((f"summarize.{fmt}.{s.name}",
                         ["summarize", str(s), "--no-cache", "-f", fmt]))
        runs.append((f"summarize.de.{s.name}",
                     ["summarize", str(s), "--no-translate", "-f", "json", "-n", "2"]))
        runs.append((f"segment.{s.name}", ["segment", str(s)]))
        runs.append((f"glossary-check.json.{s.name}", ["glossary", "check", str(s), "--json"]))
        runs.append((f"glossary-check.table.{s.name}", ["glossary", "check", str(s)]))
    folder = str(samples[0].parent)
    for fmt in ("markdown", "html", "json"):
        runs.append((f"digest.{fmt}", ["digest", folder, "--no-cache", "-f", fmt]))
    return runs


def mask_timings(text: str) -> str:
    try:
        data = json.loads(text)
    except ValueError:
        return text

    def walk(node: object) -> object:
        if isinstance(node, dict):
            return {k: ("<time>" if k in TIMING_KEYS else walk(v)) for k, v in node.items()}
        if isinstance(node, list):
            return [walk(v) for v in node]
        return node

    return json.dumps(walk(data), ensure_ascii=False, indent=2)


def run_side(code_root: Path, samples: list[Path], out: Path, env: dict[str, str]) -> None:
    out.mkdir(parents=True)
    side_env = dict(env, PYTHONPATH=str(code_root / "cli"))
    for name, args in commands(samples):
        proc = subprocess.run([sys.executable, "-m", "defnews", *args], capture_output=True,
                              env=side_env, cwd=REPO, stdin=subprocess.DEVNULL)
        stdout = proc.stdout.decode("utf-8", "replace")
        if "-f" in args and args[args.index("-f") + 1] == "json" or "--json" in args:
            stdout = mask_timings(stdout)
        (out / name).write_text(
            f"exit {proc.returncode}\n--- stdout\n{stdout}\n--- stderr\n"
            f"{proc.stderr.decode('utf-8', 'replace')}", encoding="utf-8")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--base", required=True, help="revision whose outputs are the reference")
    ap.add_argument("--after", default=None,
                    help="revision to compare (default: the work tree as it is)")
    ap.add_argument("--keep", type=Path, default=None, help="keep both outputs in this folder")
    args = ap.parse_args()

    work = Path(tempfile.mkdtemp(prefix="defnews-same-"))
    try:
        base_root = export_tree(args.base, work / "base")
        after_root = export_tree(args.after, work / "after") if args.after else REPO
        # The samples of the base revision, so both sides read the same bytes.
        samples = sorted(p for p in (base_root / "samples").iterdir()
                         if p.suffix in SAMPLE_SUFFIXES)
        home = work / "home"
        home.mkdir()
        env = {k: v for k, v in os.environ.items() if not k.startswith(("DEFNEWS_", "ARGOS_"))}
        env.update(HOME=str(home), XDG_DATA_HOME=str(home / "data"),
                   XDG_CONFIG_HOME=str(home / "config"), XDG_CACHE_HOME=str(home / "cache"),
                   DEFNEWS_HOME=str(work / "defnews"), DEFNEWS_PACKAGES_DIR=str(work / "pkgs"),
                   COLUMNS="160", NO_COLOR="1", TERM="dumb")
        install = subprocess.run(
            [sys.executable, "-m", "defnews", "models", "install", "--file", str(TEST_PACKAGE)],
            env=dict(env, PYTHONPATH=str(base_root / "cli")), capture_output=True, text=True)
        if install.returncode != 0:
            print(install.stderr, file=sys.stderr)
            return 2
        print(f"base {args.base}: {len(commands(samples))} runs on {len(samples)} samples",
              flush=True)
        run_side(base_root, samples, work / "out" / "base", env)
        print(f"after {args.after or 'work tree'}", flush=True)
        run_side(after_root, samples, work / "out" / "after", env)
        names = sorted(p.name for p in (work / "out" / "base").iterdir())
        differ = [n for n in names if (work / "out" / "base" / n).read_bytes()
                  != (work / "out" / "after" / n).read_bytes()]
        for n in differ:
            print(f"DIFFERS: {n}")
        print(f"{len(names) - len(differ)} of {len(names)} runs byte-identical "
              f"(stdout, stderr, exit code)")
        if args.keep:
            shutil.copytree(work / "out", args.keep, dirs_exist_ok=True)
        return 1 if differ else 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
