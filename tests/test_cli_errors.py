"""Mistakes on the command line: one `defnews:` line naming the fix, exit 2 (the console
script's own path, as a user meets it)."""

from __future__ import annotations

import os
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


# ------------------------------------------------------------------ bad inputs and outputs
# Through CliRunner in a folder of their own: the whole stderr line, the exit code, and the
# folder afterwards (nothing written, nothing given damaged, links still links).

LOOP = "too many levels of symbolic links (a link that leads back to itself)"
ARTICLE = "Die Bundeswehr übt in Litauen. Der Minister besuchte die Truppe am Montag.\n"


def _snapshot(root: Path) -> dict[str, str | bytes]:
    """Every entry below `root`: a link's target, a file's bytes, or 'folder'."""
    out: dict[str, str | bytes] = {}
    for p in sorted(root.rglob("*")):
        key = str(p.relative_to(root))
        if p.is_symlink():
            out[key] = "-> " + os.readlink(p)
        elif p.is_dir():
            out[key] = "folder"
        else:
            out[key] = p.read_bytes()
    return out


def _invoke(args: list[str], stdin: str | None = None) -> tuple[int, str, str]:
    from typer.testing import CliRunner

    from defnews.cli import app

    r = CliRunner().invoke(app, args, input=stdin, catch_exceptions=True)
    assert r.exception is None or isinstance(r.exception, SystemExit), repr(r.exception)
    return r.exit_code, r.stdout, r.stderr


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder to run in (the current folder): in/a.txt, in/a.md, in/sub/a.txt and a
    symlink loop loop1.md <-> loop2.md."""
    w = tmp_path / "w"
    (w / "in" / "sub").mkdir(parents=True)
    for name in ("a.txt", "a.md", "sub/a.txt"):
        (w / "in" / name).write_text(ARTICLE, encoding="utf-8")
    os.symlink("loop2.md", w / "loop1.md")
    os.symlink("loop1.md", w / "loop2.md")
    monkeypatch.chdir(w)
    return w


@pytest.mark.usefixtures("with_model")
def test_a_batch_output_that_is_another_input_is_refused_before_any_write(work: Path) -> None:
    # a.txt's output in/a.md is the input in/a.md: refused before a.md's own output
    # (in/a.md.md) or anything else is written.
    before = _snapshot(work)
    code, out, err = _invoke(["translate", "in/a.md", "in/a.txt", "in/sub/a.txt", "-o", "in",
                              "--format", "md", "-q", "--no-cache"])
    assert (code, out) == (2, "")
    assert err == ("defnews: error: output in/a.md would overwrite the input in/a.md; "
                   "choose another output folder\n")
    assert _snapshot(work) == before


@pytest.mark.usefixtures("with_model")
def test_a_batch_output_that_is_a_folder_is_refused_before_any_write(work: Path) -> None:
    (work / "out" / "b.txt").mkdir(parents=True)
    (work / "in" / "b.txt").write_text(ARTICLE, encoding="utf-8")
    before = _snapshot(work)
    code, out, err = _invoke(["translate", "in/a.txt", "in/b.txt", "-o", "out", "-q",
                              "--no-cache"])
    assert (code, out) == (2, "")
    assert err == ("defnews: error: output out/b.txt is a folder; choose another output "
                   "folder\n")
    assert _snapshot(work) == before


@pytest.mark.usefixtures("with_model")
def test_a_batch_whose_inputs_are_all_skipped_creates_no_output_folder(work: Path) -> None:
    (work / "empty").mkdir()
    for name in ("x.txt", "y.txt"):
        (work / "empty" / name).write_text("", encoding="utf-8")
    before = _snapshot(work)
    code, _out, err = _invoke(["translate", "empty", "-o", "new/out", "-q", "--no-cache"])
    assert code == 2 and err.startswith("defnews: error: no input holds a German article")
    assert _snapshot(work) == before


def test_a_batch_that_fails_while_writing_takes_back_what_it_wrote(
        work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from defnews import fileio
    from defnews.fileio import OutputError
    from defnews.translate import files

    (work / "out").mkdir()
    (work / "out" / "old.txt").write_text("old", encoding="utf-8")
    before = _snapshot(work)
    real_emit = fileio.emit

    def emit(text: str, out: Path | None, *, protect: object = ()) -> None:
        if out is not None and out.name == "c.txt":
            raise OutputError(f"cannot write {out}: no space left on the device")
        real_emit(text, out)

    monkeypatch.setattr(fileio, "emit", emit)
    outputs = [(Path("out/a.txt"), "A"), (Path("out/new/b.txt"), "B"),
               (Path("out/old.txt"), "replaced"), (Path("out/c.txt"), "C")]
    with pytest.raises(OutputError):
        files.write_outputs(outputs, [])
    after = _snapshot(work)
    # Files and folders it made are gone; a file it replaced keeps its new text.
    assert after == {**before, "out/old.txt": b"replaced\n"}


@pytest.mark.usefixtures("with_model")
@pytest.mark.parametrize("args", [
    ["translate", "in/a.txt"],
    ["translate", "in/a.txt", "in/a.md"],
    ["summarize", "in/a.txt"],
    ["summarize", "in/a.txt", "--no-translate"],
    ["digest", "in/a.txt"],
    ["digest", "in", "--no-translate"],
    ["segment", "in/a.txt"],
    ["read", "in/a.txt"],
], ids=lambda a: "-".join(a).replace("/", "_"))
@pytest.mark.parametrize("output", ["loop1.md", "loop1.md/x.md"])
def test_an_output_in_a_symlink_loop_is_one_line(work: Path, args: list[str],
                                                  output: str) -> None:
    before = _snapshot(work)
    code, out, err = _invoke([*args, "-o", output, *(["--no-cache"] if args[0] not in (
        "segment", "read") else [])])
    assert (code, out) == (2, "")
    assert err == f"defnews: error: cannot write {output}: {LOOP}; choose another output file\n"
    assert _snapshot(work) == before


@pytest.mark.usefixtures("with_model")
@pytest.mark.parametrize("command", ["translate", "summarize", "digest", "segment", "read"])
def test_an_input_in_a_symlink_loop_says_so(work: Path, command: str) -> None:
    before = _snapshot(work)
    code, out, err = _invoke([command, "loop1.md"])
    assert (code, out) == (2, "")
    assert err == f"defnews: error: cannot read loop1.md: {LOOP}\n"
    assert _snapshot(work) == before


@pytest.mark.usefixtures("with_model")
def test_an_input_in_a_symlink_loop_in_a_batch_says_so(work: Path) -> None:
    before = _snapshot(work)
    code, _out, err = _invoke(["digest", "in", "loop1.md", "--no-translate"])
    assert code == 2 and err == f"defnews: error: cannot read loop1.md: {LOOP}\n"
    code, _out, err = _invoke(["translate", "in/a.txt", "loop1.md", "-o", "out"])
    assert code == 2 and err == f"defnews: error: cannot read loop1.md: {LOOP}\n"
    assert _snapshot(work) == before


@pytest.mark.parametrize("value, shown", [("0", "0"), ("0.0", "0"), ("-0.5", "-0.5"),
                                          ("1.5", "1.5")])
def test_a_ratio_outside_0_to_1_is_a_usage_error(tmp_path: Path, value: str, shown: str) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    r = _run(["summarize", "a.txt", "--ratio", value, "--no-translate"], tmp_path)
    assert (r.returncode, r.stdout) == (2, "")
    assert r.stderr == (f"defnews: error: Invalid value for '--ratio': {shown} is not in the "
                        "range 0<x<=1 (0.3 keeps three tenths of the sentences) "
                        "(see 'defnews summarize --help')\n")


@pytest.mark.parametrize("args, option", [
    (["summarize", "a.txt", "-n", "0"], "'--sentences' / '-n': 0 is not in the range x>=1."),
    (["digest", "a.txt", "-n", "0"], "'--sentences' / '-n': 0 is not in the range x>=1."),
    (["summarize", "a.txt", "--ratio", "inf"], "'--ratio': inf is not a number"),
])
def test_other_counts_out_of_range_are_usage_errors(tmp_path: Path, args: list[str],
                                                    option: str) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    r = _run(args, tmp_path)
    assert (r.returncode, r.stdout) == (2, "")
    assert r.stderr == (f"defnews: error: Invalid value for {option} "
                        f"(see 'defnews {args[0]} --help')\n")


@pytest.mark.usefixtures("with_model")
@pytest.mark.parametrize("extra", [[], ["--format", "json"], ["--no-translate"]])
def test_text_without_sentences_is_no_summary(work: Path, extra: list[str]) -> None:
    (work / "a1000.txt").write_text("A" * 1000 + "\n", encoding="utf-8")
    before = _snapshot(work)
    code, out, err = _invoke(["summarize", "a1000.txt", "--no-cache", *extra])
    assert (code, out) == (2, "")
    assert err == ("defnews: error: a1000.txt holds no sentences to summarise; it needs "
                   "running text with full stops; 'defnews read a1000.txt' shows what "
                   "defnews read in it\n")
    code, out, err = _invoke(["summarize", "-", "--no-cache", *extra], "A" * 1000 + "\n")
    assert (code, out) == (2, "")
    assert err == ("defnews: error: standard input holds no sentences to summarise; it needs "
                   "running text with full stops\n")
    assert _snapshot(work) == before


@pytest.mark.usefixtures("with_model")
def test_a_digest_skips_an_article_without_sentences(work: Path) -> None:
    (work / "in" / "a1000.txt").write_text("A" * 1000 + "\n", encoding="utf-8")
    code, out, err = _invoke(["digest", "in/a.txt", "in/a1000.txt", "--no-translate",
                              "--no-cache"])
    assert code == 0, err
    assert "- in/a1000.txt: no article text (empty, or only page furniture)" in out
