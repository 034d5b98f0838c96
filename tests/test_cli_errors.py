"""Mistakes on the command line: one `defnews:` line naming the fix, exit 2 (the console
script's own path, as a user meets it)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest


def _run(args: list[str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "defnews", *args], capture_output=True,
                          text=True, stdin=subprocess.DEVNULL, timeout=60, cwd=tmp_path)


@pytest.mark.parametrize("args, fragment", [
    (["summarize", "a.txt", "--ratio", "nan"], "Invalid value for '--ratio': nan is not a number"),
    (["translate", "a.txt", "--format", "zzz"], "'zzz' is not one of"),
    (["translate", "a.txt", "--nope"], "No such option: --nope"),
    (["summarize", "a.txt", "-n", "zero"], "'zero' is not a valid"),
    (["translate", "a.txt", "--beam-size", "0"], "'--beam-size'"),
])
def test_usage_errors_are_one_line(tmp_path: Path, args: list[str], fragment: str) -> None:
    (tmp_path / "a.txt").write_text("Die Bundeswehr übt in Litauen.\n", encoding="utf-8")
    r = _run(args, tmp_path)
    assert r.returncode == 2
    assert r.stdout == ""
    lines = r.stderr.splitlines()
    assert len(lines) == 1, r.stderr
    assert lines[0].startswith("defnews: error: ") and fragment in lines[0]
    assert f"(see 'defnews {args[0]} --help')" in lines[0]


def test_help_still_exits_0(tmp_path: Path) -> None:
    r = _run(["translate", "--help"], tmp_path)
    assert r.returncode == 0 and "--format" in r.stdout and r.stderr == ""


def test_thread_count_beyond_the_cap_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Die Bundeswehr übt in Litauen.\n", encoding="utf-8")
    r = _run(["summarize", "a.txt", "--threads", "100000000000000000000"], tmp_path)
    assert r.returncode == 2 and r.stdout == ""
    assert r.stderr.startswith("defnews: error: --threads must be a whole number from 0 to ")
    assert len(r.stderr.splitlines()) == 1


def test_a_file_name_with_newline_and_escape_stays_one_line(tmp_path: Path) -> None:
    odd = tmp_path / "a\nb\x1b[31mX.txt"
    odd.write_text("# \n- \n> \n", encoding="utf-8")  # Markdown syntax only: no text
    for name in (str(odd), str(odd) + ".missing"):
        r = _run(["translate", name], tmp_path)
        assert r.returncode == 2
        [line] = r.stderr.splitlines()
        assert line.startswith("defnews: error: ") and "\x1b" not in line and "\\n" in line
