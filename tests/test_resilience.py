"""Interruptions, concurrency and the no-network guarantee: real processes, the real model."""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import SAMPLES

pytestmark = pytest.mark.usefixtures("with_model")

KILL_RUNS = int(os.environ.get("DEFNEWS_KILL_RUNS", "20"))


def _sample() -> Path:
    files = sorted(p for p in SAMPLES.glob("*.md"))
    assert files, "samples/ must hold Markdown articles"
    return max(files, key=lambda p: p.stat().st_size)


def _env(tmp_path: Path, name: str = "home") -> dict[str, str]:
    env = dict(os.environ)
    env["DEFNEWS_HOME"] = str(tmp_path / name)
    env["DEFNEWS_PACKAGES_DIR"] = os.environ["DEFNEWS_PACKAGES_DIR"]
    env.pop("DEFNEWS_STORE", None)
    return env


def _run(args: list[str], env: dict[str, str], **kw: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "defnews", *args], env=env, text=True,
                          capture_output=True, **kw)  # type: ignore[call-overload]


def _store_ok(home: Path) -> None:
    db = home / "data" / "defnews.sqlite3"
    if db.exists():
        conn = sqlite3.connect(db)
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        conn.close()


def _kill_loop(tmp_path: Path, args: list[str], out: Path, expected: str, seed: int,
               max_delay: float) -> None:
    rng = random.Random(seed)
    env = _env(tmp_path, "killhome")
    # Runs that resume from a killed run's memory are much shorter than fresh ones, and
    # machines differ: each kind keeps its own bound on the delay, lowered whenever a run
    # finishes before its kill, so the kills keep landing inside runs on any machine.
    bounds = {"fresh": max_delay, "resume": max_delay}
    killed = runs = 0
    while killed < KILL_RUNS and runs < 3 * KILL_RUNS:
        kind = "fresh" if runs % 2 == 0 else "resume"
        runs += 1
        out.unlink(missing_ok=True)
        if kind == "fresh":
            shutil.rmtree(tmp_path / "killhome", ignore_errors=True)
        start = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-m", "defnews", *args], env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            proc.wait(timeout=rng.uniform(0.05, bounds[kind]))
            bounds[kind] = max(0.06, min(bounds[kind], 0.9 * (time.perf_counter() - start)))
        except subprocess.TimeoutExpired:
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            killed += 1
        # Either no output or the whole output: never a partial file.
        if out.exists():
            assert out.read_text(encoding="utf-8") == expected
        _store_ok(tmp_path / "killhome")
    assert killed == KILL_RUNS, f"only {killed} of {runs} runs were killed before they ended"
    # A rerun after all that finishes and gives the uninterrupted result.
    out.unlink(missing_ok=True)
    r = _run(args, env)
    assert r.returncode == 0, r.stderr
    assert out.read_text(encoding="utf-8") == expected
    # The clean run also swept the temporary files the killed writers left behind.
    assert not list(out.parent.glob(f".{out.name}.*.part"))


@pytest.mark.slow
def test_sigkill_during_translate_never_leaves_partial_output(tmp_path: Path) -> None:
    out = tmp_path / "out.md"
    args = ["translate", str(_sample()), "-o", str(out), "--quiet"]
    ref = _run(args, _env(tmp_path, "ref"))
    assert ref.returncode == 0, ref.stderr
    expected = out.read_text(encoding="utf-8")
    start = time.perf_counter()
    _run(args, _env(tmp_path, "timing"))
    duration = time.perf_counter() - start
    _kill_loop(tmp_path, args, out, expected, seed=1, max_delay=duration * 1.1)


@pytest.mark.slow
def test_sigkill_during_digest_never_leaves_partial_output(tmp_path: Path) -> None:
    out = tmp_path / "digest.md"
    args = ["digest", str(SAMPLES), "-o", str(out), "--quiet", "--date", "2026-11-20"]
    ref = _run(args, _env(tmp_path, "ref"))
    assert ref.returncode == 0, ref.stderr
    expected = out.read_text(encoding="utf-8")
    start = time.perf_counter()
    _run(args, _env(tmp_path, "timing"))
    duration = time.perf_counter() - start
    _kill_loop(tmp_path, args, out, expected, seed=2, max_delay=duration * 1.1)


def _cpu_seconds(pid: int) -> float:
    """CPU time a running process has used so far (all its threads), from /proc."""
    with open(f"/proc/{pid}/stat") as fh:
        fields = fh.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _wait_for_cpu(proc: subprocess.Popen[str], seconds: float) -> bool:
    """Wait until the process has done `seconds` of CPU work (True) or has ended (False).

    This is the readiness signal of the SIGINT test: a point inside the run measured in the
    work done, so a loaded machine (slow start, other jobs) moves it in wall time but not in
    the run; a fixed sleep would land before the handler or after the end there."""
    while proc.poll() is None:
        try:
            if _cpu_seconds(proc.pid) >= seconds:
                return True
        except (OSError, IndexError, ValueError):  # exited between poll and read
            return False
        time.sleep(0.005)
    return False


@pytest.mark.slow
def test_sigint_during_digest_exits_130_without_output(tmp_path: Path) -> None:
    """Ctrl-C at six points of a digest: each run is stopped (130, no temporary file, and no
    output unless it had been written whole just before) or had already finished (0, the
    whole digest); never a partial file. The points are fractions of the reference run's
    CPU time, reached by watching the run's own CPU time (no fixed sleeps)."""
    # The reference sits at the same depth as the runs' outputs: source links are relative.
    (tmp_path / "ref-run").mkdir()
    ref_out = tmp_path / "ref-run" / "digest.md"
    args = ["digest", str(SAMPLES), "-o", None, "--quiet", "--no-cache"]
    ref_cmd = [sys.executable, "-m", "defnews", *[str(ref_out) if a is None else a for a in args]]
    # A first run warms the caches (a fresh clone compiles its bytecode), so the timed one
    # costs what the interrupted runs will cost.
    subprocess.run(ref_cmd, env=_env(tmp_path, "warm"), capture_output=True, timeout=120)
    before = os.times()  # children's CPU times count a child once it has been waited for
    ref = subprocess.run(ref_cmd, env=_env(tmp_path, "ref"), capture_output=True, text=True,
                         timeout=120)
    after = os.times()
    assert ref.returncode == 0, ref.stderr
    total_cpu = (after.children_user - before.children_user) + (
        after.children_system - before.children_system)
    expected = ref_out.read_text(encoding="utf-8")
    interrupted = 0
    for k, fraction in enumerate([0.35, 0.45, 0.55, 0.65, 0.75, 0.85]):
        folder = tmp_path / f"run{k}"
        folder.mkdir()
        out = folder / "digest.md"
        proc = subprocess.Popen([sys.executable, "-m", "defnews",
                                 *[str(out) if a is None else a for a in args]],
                                env=_env(tmp_path, f"h{k}"),
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        if _wait_for_cpu(proc, fraction * total_cpu):
            proc.send_signal(signal.SIGINT)
        _, stderr = proc.communicate(timeout=60)
        assert "Traceback" not in stderr
        if proc.returncode == 130:
            assert "interrupted" in stderr
            assert [p.name for p in folder.iterdir() if p != out] == []  # no temporary file
            if out.exists():
                assert out.read_text(encoding="utf-8") == expected
            else:
                interrupted += 1
        else:
            assert proc.returncode == 0, stderr  # finished before the signal
            assert out.read_text(encoding="utf-8") == expected
    assert interrupted >= 4, f"only {interrupted} of 6 runs were stopped inside the digest " \
        f"(reference run: {total_cpu:.2f} s of CPU)"


@pytest.mark.slow
def test_two_digests_at_once_both_finish_identically(tmp_path: Path) -> None:
    env = _env(tmp_path, "shared")
    outs = [tmp_path / "a.json", tmp_path / "b.json"]
    procs = [subprocess.Popen([sys.executable, "-m", "defnews", "digest", str(SAMPLES),
                               "--format", "json", "-o", str(o), "--quiet"], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for o in outs]
    for p in procs:
        _, err = p.communicate(timeout=300)
        assert p.returncode == 0, err
    a, b = (o.read_text(encoding="utf-8") for o in outs)
    assert a == b
    conn = sqlite3.connect(tmp_path / "shared" / "data" / "defnews.sqlite3")
    dup = conn.execute("SELECT COUNT(*) - COUNT(DISTINCT key) FROM tm").fetchone()[0]
    assert dup == 0
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)


NO_NETWORK = """
import sys
def hook(event, args):
    if event in ("socket.connect", "socket.getaddrinfo", "socket.gethostbyname",
                 "urllib.Request", "socket.sendto"):
        sys.stderr.write(f"NETWORK ATTEMPT: {event} {args!r}\\n")
        sys.stderr.flush()
        import os
        os._exit(99)
sys.addaudithook(hook)
sys.argv = ["defnews", *sys.argv[1:]]
from defnews.cli import main
main()
"""


@pytest.mark.slow
def test_offline_pipeline_attempts_no_connection(tmp_path: Path) -> None:
    env = _env(tmp_path)
    env["DEFNEWS_OFFLINE"] = "1"
    for args in (["translate", str(_sample()), "--quiet"],
                 ["summarize", str(_sample())],
                 ["digest", str(SAMPLES), "--quiet", "--format", "html"],
                 ["models", "install", "--offline"]):
        r = subprocess.run([sys.executable, "-c", NO_NETWORK, *args], env=env, text=True,
                           capture_output=True)
        assert "NETWORK ATTEMPT" not in r.stderr, (args, r.stderr)
        expected = 1 if args[0] == "models" else 0
        assert r.returncode == expected, (args, r.stderr)


@pytest.mark.skipif(shutil.which("unshare") is None, reason="needs unshare (util-linux)")
def test_read_only_store_location_runs_without_memory(tmp_path: Path) -> None:
    import tempfile

    from conftest import TEST_PACKAGE
    from defnews.models_install import install_file

    # World-readable model, a store folder nobody may write: run as an unprivileged user.
    base = Path(tempfile.mkdtemp(prefix="defnews-ro-"))
    try:
        base.chmod(0o755)
        install_file(TEST_PACKAGE, base / "packages")
        for p in [base / "packages", *(base / "packages").rglob("*")]:
            p.chmod(0o755 if p.is_dir() else 0o644)
        ro = base / "readonly"
        ro.mkdir(mode=0o555)
        ro.chmod(0o555)
        article = base / "a.txt"
        article.write_text("Der Minister reiste nach Moskau. Dort sprach er lange.",
                           encoding="utf-8")
        article.chmod(0o644)
        env = dict(os.environ, DEFNEWS_PACKAGES_DIR=str(base / "packages"),
                   DEFNEWS_STORE=str(ro / "store.sqlite3"), DEFNEWS_HOME=str(ro / "home"))
        r = subprocess.run(["unshare", "-U", sys.executable, "-m", "defnews", "translate",
                            str(article), "--quiet"], env=env, capture_output=True, text=True)
        assert r.returncode == 0, r.stderr
        assert "without translation memory" in r.stderr
        assert "Traceback" not in r.stderr
        assert r.stdout.strip()
    finally:
        shutil.rmtree(base, ignore_errors=True)
