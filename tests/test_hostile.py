"""Hostile and odd inputs through translate, summarize and digest.

Each case builds its input (large and binary ones are generated here, not committed) and
states the exact exit code per command: 0 for odd but valid input, 2 for bad input or
usage, 1 for a job that could not be done. No case may print a traceback.
"""

from __future__ import annotations

import os
import random
import shutil
import stat
import subprocess
import sys
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from typer.testing import CliRunner

from defnews.cli import app

runner = CliRunner()

GERMAN = (
    "Der Verteidigungsminister reiste am Montag nach Warschau. Dort sprach er mit seinem "
    "polnischen Amtskollegen über die gemeinsame Militärübung im Frühjahr. Beide Minister "
    "kündigten an, die Zusammenarbeit der Streitkräfte auszubauen. „Wir stehen zusammen“, "
    "sagte er nach dem Treffen. Die Übung soll im März beginnen und drei Wochen dauern."
)
ENGLISH = (
    "The defence minister travelled to Warsaw on Monday. There he spoke with his Polish "
    "counterpart about the joint military exercise planned for the spring. Both ministers "
    "announced that they would expand the cooperation of their armed forces. The exercise is "
    "due to begin in March and will last for three weeks."
)
FRENCH = (
    "Le ministre de la Défense s'est rendu lundi à Varsovie. Il s'est entretenu avec son "
    "homologue polonais de l'exercice militaire commun prévu pour le printemps. Les deux "
    "ministres ont annoncé qu'ils allaient renforcer la coopération de leurs forces armées."
)
RUSSIAN = (
    "Министр обороны в понедельник прибыл в Варшаву. Там он обсудил со своим польским коллегой "
    "совместные военные учения, запланированные на весну. Оба министра заявили, что намерены "
    "расширить сотрудничество вооружённых сил своих стран."
)


@dataclass
class Case:
    name: str
    build: Callable[[Path], Path]  # makes the input inside a folder, returns its path
    translate: int
    summarize: int
    digest: int
    check: Callable[[str], None] | None = None  # extra check on translate's stdout
    extra_args: list[str] = field(default_factory=list)


def _file(name: str, data: bytes | str, encoding: str = "utf-8") -> Callable[[Path], Path]:
    def build(folder: Path) -> Path:
        p = folder / name
        p.write_bytes(data if isinstance(data, bytes) else data.encode(encoding))
        return p

    return build


def _contains(*needles: str) -> Callable[[str], None]:
    def check(out: str) -> None:
        for n in needles:
            assert n in out, (n, out[:500])

    return check


def _lacks(*needles: str) -> Callable[[str], None]:
    def check(out: str) -> None:
        for n in needles:
            assert n not in out, (n, out[:500])

    return check


def _big(folder: Path) -> Path:
    p = folder / "huge.txt"
    para = (GERMAN + "\n\n").encode()
    with p.open("wb") as fh:
        for _ in range(50 * 1024 * 1024 // len(para) + 1):
            fh.write(para)
    return p


def _random_binary(folder: Path) -> Path:
    p = folder / "random.txt"
    p.write_bytes(random.Random(7).randbytes(4096))
    return p


def _zip_as_md(folder: Path) -> Path:
    p = folder / "archive.md"
    with zipfile.ZipFile(p, "w") as zf:
        zf.writestr("a.txt", GERMAN * 20)
    return p


def _symlink(folder: Path) -> Path:
    target = folder / "real.txt"
    target.write_text(GERMAN, encoding="utf-8")
    link = folder / "link.txt"
    link.symlink_to(target)
    return link


def _directory(folder: Path) -> Path:
    d = folder / "a_folder.txt"
    d.mkdir()
    return d


def _empty_directory(folder: Path) -> Path:
    d = folder / "empty_dir"
    d.mkdir()
    return d


def _missing(folder: Path) -> Path:
    return folder / "does_not_exist.txt"


MD_CODE = f"""# Bericht

{GERMAN}

```python
print("nicht übersetzen: Verteidigungsminister")
```

| Land | Soldaten |
|---|---|
| Polen | 15.000 |

<div class="hinweis">Ein <b>HTML</b>-Block</div>

- Punkt mit <span>Inline-HTML</span> und `Code`
"""

HTML_HOSTILE = f"""<!DOCTYPE html><html><head><title>Manöver in Polen</title>
<style>body {{ color: red }} .x::after {{ content: "STYLE-TEXT" }}</style>
<script>document.write("SCRIPT-TEXT"); var x = "<p>not a paragraph</p>";</script>
</head><body>
<nav><a href="/">Startseite</a> <a href="/politik">Politik</a></nav>
<iframe src="https://ads.example/frame">IFRAME-TEXT</iframe>
<article><h1>Manöver in Polen</h1><p>{GERMAN}</p><p>{GERMAN}</p>
<p>Unclosed paragraph <b>bold <i>italic</p></div></span>
<script>alert("SCRIPT-TWO")</script>
</article>
<footer>Impressum · Datenschutz</footer>
</body></html>"""

RSS_INVALID = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Feed</title>
<item><title>Meldung</title><description>Der Minister reiste nach Warschau.</description>
<item><title>Zweite"""

RSS_TRUNCATED = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Feed</title>
<item><title>Meldung</title><description>""" + GERMAN[:200]

ATOM_VALID = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Verteidigung</title>
<entry><title>Übung in Polen</title><author><name>A. Beispiel</name></author>
<updated>2026-11-20T08:00:00Z</updated><link href="https://example.org/a"/>
<content type="html">&lt;p&gt;{GERMAN}&lt;/p&gt;</content></entry></feed>"""

CP1252_TEXT = "„Wir stehen zusammen“, sagte der Minister. " + GERMAN.replace("„", "").replace(
    "“", "")

CASES: list[Case] = [
    Case("empty", _file("empty.txt", b""), 2, 2, 2),
    Case("whitespace_only", _file("ws.txt", " \n\t\n   \r\n"), 2, 2, 2),
    Case("random_binary", _random_binary, 2, 2, 2),
    Case("nul_bytes", _file("nul.txt", GERMAN.encode()[:80] + b"\0\0\0" + GERMAN.encode()), 2, 2,
         2),
    Case("zip_named_md", _zip_as_md, 2, 2, 2),
    Case("utf8_bom", _file("bom.txt", b"\xef\xbb\xbf" + GERMAN.encode()), 0, 0, 0,
         _lacks("\ufeff")),
    Case("utf16_le_bom", _file("u16le.txt", GERMAN, "utf-16"), 0, 0, 0),
    Case("utf16_be_bom", _file("u16be.txt", b"\xfe\xff" + GERMAN.encode("utf-16-be")), 0, 0, 0),
    Case("utf32_bom", _file("u32.txt", GERMAN, "utf-32"), 0, 0, 0),
    Case("cp1252_quotes", _file("cp1252.txt", CP1252_TEXT, "cp1252"), 0, 0, 0),
    Case("latin1_umlauts", _file("latin1.txt", GERMAN.replace("„", '"').replace("“", '"'),
                                 "latin-1"), 0, 0, 0),
    Case("invalid_utf8_byte", _file("bad.txt", GERMAN.encode().replace(b"Montag", b"Mon\xfftag")),
         0, 0, 0),
    Case("mixed_line_endings", _file("mixed.txt", GERMAN.replace(". ", ".\r\n", 2).replace(
        ". ", ".\r", 1) + "\n\nNeuer Absatz.\r\nNoch einer."), 0, 0, 0),
    Case("fifty_megabytes", _big, 2, 2, 2),
    Case("long_paragraph_no_punctuation",
         _file("long.txt", " ".join(["Soldaten Übung Warschau Minister"] * 625)), 0, 0, 0),
    Case("long_words_and_urls", _file("urls.md", "# Links\n\n" + GERMAN + " Siehe https://example"
                                      ".org/" + "a" * 3000 + " und " + "Donaudampfschiff" * 200
                                      + ".\n"), 0, 0, 0, _contains("https://example.org/aaaa")),
    Case("markdown_code_tables_html", _file("code.md", MD_CODE), 0, 0, 0,
         _contains('print("nicht übersetzen: Verteidigungsminister")', "| Poland | 15.000 |",
                   '<div class="hinweis">')),
    Case("html_scripts_styles_iframes", _file("hostile.html", HTML_HOSTILE), 0, 0, 0,
         _lacks("SCRIPT-TEXT", "SCRIPT-TWO", "STYLE-TEXT", "IFRAME-TEXT", "Impressum")),
    Case("html_only_boilerplate", _file("nav.html", "<html><body><nav><a href='/'>Start</a>"
                                        "</nav><footer>Impressum</footer></body></html>"),
         2, 2, 2),
    Case("html_cp1252_meta", _file("cp.html", "<html><head><meta charset='windows-1252'>"
                                   f"<title>Übung</title></head><body><article><p>{CP1252_TEXT}"
                                   f"</p><p>{GERMAN}</p></article></body></html>", "cp1252"),
         0, 0, 0),
    Case("rss_invalid_xml", _file("bad.rss", RSS_INVALID), 2, 2, 2),
    Case("rss_truncated", _file("cut.xml", RSS_TRUNCATED), 2, 2, 2),
    Case("atom_valid", _file("feed.atom", ATOM_VALID), 0, 0, 0),
    Case("english_article", _file("english.txt", ENGLISH), 2, 2, 2),
    Case("french_article", _file("french.txt", FRENCH), 2, 2, 2),
    Case("russian_article", _file("russian.txt", RUSSIAN), 2, 2, 2),
    Case("directory_instead_of_file", _directory, 2, 2, 2),
    Case("empty_directory", _empty_directory, 2, 2, 2),
    Case("missing_file", _missing, 2, 2, 2),
    Case("symlink_to_article", _symlink, 0, 0, 0),
    Case("unicode_file_name", _file("Übung in Łódź – Bericht.txt", GERMAN), 0, 0, 0),
    Case("many_tiny_paragraphs", _file("tiny.txt", "\n\n".join(["Ja."] * 3000 + [GERMAN])),
         0, 0, 0),
    Case("placeholder_lookalikes", _file("zz.txt", "Das Modell ZZ1 und zz2 wurde getestet. "
                                         + GERMAN), 0, 0, 0, _contains("ZZ1", "zz2")),
    Case("yaml_front_matter", _file("front.md", "---\ntitle: Übung\nauthor: A\n---\n\n# Übung\n\n"
                                    + GERMAN), 0, 0, 0),
    Case("zero_width_and_soft_hyphens", _file("zw.txt", GERMAN.replace("Verteidigungsminister",
                                                                       "Verteidigungs\u00admi\u200b"
                                                                       "nister")), 0, 0, 0),
    Case("emoji_and_rtl", _file("emoji.txt", GERMAN + " 🇵🇱🤝🇩🇪 ‏שלום‎"), 0, 0, 0),
    Case("ansi_escapes_and_controls", _file("ansi.txt", "\x1b[31m" + GERMAN + "\x1b[0m\x07\x08"),
         0, 0, 0, _lacks("\x1b", "\x07")),
    # A headline alone translates and summarises, but is no story for a digest.
    Case("only_title_markdown", _file("title.md", "# Minister besucht Warschau\n"), 0, 0, 2),
    Case("deeply_nested_lists", _file("nest.md", "\n".join("  " * i + f"- Punkt {i} mit Text"
                                                           for i in range(40))), 0, 0, 0),
]
# The long paragraph takes seconds through the test package: the full run, not the fast tier.
_SLOW_CASES = {"long_paragraph_no_punctuation"}
_CASE_PARAMS = [pytest.param(c, id=c.name, marks=[pytest.mark.slow] if c.name in _SLOW_CASES
                             else []) for c in CASES]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    d = tmp_path / "in"
    d.mkdir()
    return d


def _invoke(args: list[str]) -> tuple[int, str, str]:
    r = runner.invoke(app, args, catch_exceptions=True)
    assert r.exception is None or isinstance(r.exception, SystemExit), repr(r.exception)
    return r.exit_code, r.stdout, r.stderr


def _assert_clean(code: int, expected: int, out: str, err: str, label: str) -> None:
    assert "Traceback" not in err and "Traceback" not in out, (label, err)
    assert code == expected, (label, code, err[-800:])
    if expected != 0:
        lines = [ln for ln in err.splitlines() if ln.strip()]
        assert lines and lines[0].startswith("defnews: "), (label, err)
        assert len(lines) <= 4, (label, err)  # one clear line (and its hint)


@pytest.mark.usefixtures("with_model")
@pytest.mark.parametrize("case", _CASE_PARAMS)
def test_translate(case: Case, folder: Path) -> None:
    path = case.build(folder)
    before = _snapshot(folder)
    code, out, err = _invoke(["translate", str(path), "--quiet"])
    _assert_clean(code, case.translate, out, err, "translate")
    if case.check and code == 0:
        case.check(out)
    assert _snapshot(folder) == before, "inputs must never change"


@pytest.mark.usefixtures("with_model")
@pytest.mark.parametrize("case", _CASE_PARAMS)
def test_summarize(case: Case, folder: Path) -> None:
    path = case.build(folder)
    code, out, err = _invoke(["summarize", str(path)])
    _assert_clean(code, case.summarize, out, err, "summarize")


@pytest.mark.usefixtures("with_model")
@pytest.mark.parametrize("case", _CASE_PARAMS)
def test_digest(case: Case, folder: Path, tmp_path: Path) -> None:
    path = case.build(folder)
    out_file = tmp_path / "digest.md"
    code, out, err = _invoke(["digest", str(path), "-o", str(out_file), "--quiet"])
    _assert_clean(code, case.digest, out, err, "digest")
    assert out_file.exists() == (code == 0)


@pytest.mark.usefixtures("with_model")
@pytest.mark.slow
def test_digest_of_a_mixed_folder_skips_bad_files_with_a_note(folder: Path,
                                                              tmp_path: Path) -> None:
    for case in CASES:
        if case.name in {"fifty_megabytes", "directory_instead_of_file", "missing_file",
                         "empty_directory"}:
            continue
        sub = folder / case.name
        sub.mkdir()
        case.build(sub)
    out_file = tmp_path / "digest.json"
    code, out, err = _invoke(["digest", str(folder), "--format", "json", "-o", str(out_file)])
    _assert_clean(code, 0, out, err, "digest")
    import json

    data = json.loads(out_file.read_text(encoding="utf-8"))
    reasons = " ".join(s["reason"] for s in data["skipped"])
    assert "not German" in reasons and "binary" in reasons
    assert data["articles"] >= 10


# ----------------------------------------------------------------- outputs and files


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and not p.is_symlink()}


@pytest.mark.usefixtures("with_model")
def test_output_equal_to_input_is_refused_and_input_untouched(folder: Path) -> None:
    src = _file("same.txt", GERMAN)(folder)
    before = src.read_bytes()
    for cmd in (["translate", str(src), "-o", str(src)], ["summarize", str(src), "-o", str(src)],
                ["digest", str(src), "-o", str(src)]):
        code, out, err = _invoke(cmd)
        _assert_clean(code, 2, out, err, cmd[0])
        assert src.read_bytes() == before


@pytest.mark.usefixtures("with_model")
def test_output_in_an_unwritable_place(folder: Path) -> None:
    src = _file("a.txt", GERMAN)(folder)
    for target in ("/proc/defnews-out.md", str(folder / "no" / "such" / "dir" / "out.md"),
                   str(src) + "/out.md"):
        for cmd in (["translate", str(src), "-o", target],
                    ["summarize", str(src), "-o", target],
                    ["digest", str(src), "-o", target]):
            code, out, err = _invoke(cmd)
            _assert_clean(code, 2, out, err, " ".join(cmd))


@pytest.mark.skipif(shutil.which("unshare") is None, reason="needs unshare (util-linux)")
@pytest.mark.usefixtures("with_model")
def test_file_without_read_permission(folder: Path, tmp_path: Path) -> None:
    src = _file("secret.txt", GERMAN)(folder)
    src.chmod(0)
    env = dict(os.environ, DEFNEWS_HOME=str(tmp_path / "h"))
    (tmp_path / "h").mkdir(mode=0o777)
    for cmd in ("translate", "summarize", "digest"):
        # An unprivileged user namespace: even as root, the file is unreadable there.
        r = subprocess.run(["unshare", "-U", sys.executable, "-m", "defnews", cmd, str(src)],
                           capture_output=True, text=True, env=env)
        _assert_clean(r.returncode, 2, r.stdout, r.stderr, cmd)
        assert "permission denied" in r.stderr


# ------------------------------------------------------------------------- glossaries

GLOSSARY_CASES = [
    ("bom", "\ufeffde\ten\nVerteidigungsminister\tdefence secretary\n", 0),
    ("duplicates", "de\ten\nWarschau\tWarsaw\nWarschau\tWarsaw\n", 0),
    ("conflicting", "de\ten\nWarschau\tWarsaw\nWarschau\tWarszawa\n", 0),
    ("empty_lines", "de\ten\n\nWarschau\tWarsaw\n\n\n", 0),
    ("wrong_column_count", "de\ten\nWarschau\n", 2),
    ("deepl_csv", "Warschau,Warsaw\nMinister,minister\n", 0),
    ("not_utf8", "de\ten\nÜbung\texercise\n".encode("latin-1"), 2),
    ("empty_file", "", 2),
]


@pytest.mark.usefixtures("with_model")
@pytest.mark.parametrize(("name", "content", "expected"), GLOSSARY_CASES,
                         ids=[c[0] for c in GLOSSARY_CASES])
def test_hostile_glossaries(name: str, content: str | bytes, expected: int, folder: Path) -> None:
    src = _file("a.txt", GERMAN)(folder)
    suffix = ".csv" if name == "deepl_csv" else ".tsv"
    gloss = _file("g" + suffix, content)(folder)
    code, out, err = _invoke(["translate", str(src), "--glossary", str(gloss), "--quiet"])
    _assert_clean(code, expected, out, err, name)


# ---- store helper's classes (issue 18): devices, endless inputs, settings, streams, names.
# Real processes (the shell's redirections cannot be made inside CliRunner); `segment` needs
# no model, so these stay fast.

ARTICLE = "Die Marine stellte am Montag in Kiel zwei neue Korvetten in Dienst.\n"


def _defnews(args: list[str], shell_tail: str = "", env: dict[str, str] | None = None,
             stdin: object = subprocess.DEVNULL) -> subprocess.CompletedProcess[str]:
    """Run `python -m defnews args` under sh, with `shell_tail` redirections appended."""
    full_env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[1] / "cli"))
    full_env.update(env or {})
    script = '"$0" -m defnews "$@" ' + shell_tail
    return subprocess.run(["sh", "-c", script, sys.executable, *args], env=full_env,
                          stdin=stdin, capture_output=True, text=True, timeout=120)  # type: ignore[call-overload]


def _one_line_error(done: subprocess.CompletedProcess[str], code: int) -> str:
    assert done.returncode == code, (done.returncode, done.stderr)
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr
    first = done.stderr.splitlines()[0]
    assert first.startswith("defnews: ")
    return first


@pytest.fixture
def article(folder: Path) -> Path:
    path = folder / "artikel.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_store_outputs_onto_devices_are_written_through(article: Path, tmp_path: Path) -> None:
    """Private device nodes and links (never the machine's /dev/null or /dev/stdout: a
    broken writer would replace them for everyone)."""
    nodes = tmp_path / "dev"
    nodes.mkdir()
    null, full = nodes / "null", nodes / "full"
    try:
        os.mknod(null, stat.S_IFCHR | 0o666, os.makedev(1, 3))
        os.mknod(full, stat.S_IFCHR | 0o666, os.makedev(1, 7))
    except OSError as exc:
        pytest.skip(f"cannot make device nodes here ({exc})")
    stdout_link = nodes / "stdout"
    stdout_link.symlink_to("/proc/self/fd/1")
    before = os.lstat(null)
    done = _defnews(["segment", str(article), "-o", str(null)])
    assert done.returncode == 0, done.stderr
    after = os.lstat(null)
    assert (after.st_mode, after.st_rdev, after.st_ino) == (
        before.st_mode, before.st_rdev, before.st_ino)
    assert "no space left" in _one_line_error(_defnews(["segment", str(article), "-o",
                                                         str(full)]), 1)
    to_stdout = _defnews(["segment", str(article), "-o", str(stdout_link)])
    assert to_stdout.returncode == 0 and "Korvetten" in to_stdout.stdout
    assert stdout_link.is_symlink() and sorted(p.name for p in nodes.iterdir()) == [
        "full", "null", "stdout"]


@pytest.mark.parametrize(("tail", "code", "words"), [
    ("> /dev/full", 1, "no space left"),
    (">&-", 1, "standard output is closed"),
    ("<&-", 2, "standard input is closed"),
])
def test_store_closed_or_full_standard_streams(article: Path, tail: str, code: int,
                                               words: str) -> None:
    source = "-" if tail == "<&-" else str(article)
    first = _one_line_error(_defnews(["segment", source], tail), code)
    assert words in first


@pytest.mark.parametrize("args", [["segment", "/dev/zero"], ["segment", "-"],
                                  ["glossary", "check", "-g", "/dev/zero", "ARTICLE"]])
def test_store_endless_inputs_stop_at_the_limit(article: Path, args: list[str]) -> None:
    args = [str(article) if a == "ARTICLE" else a for a in args]
    with open("/dev/zero", "rb") as zero:
        done = _defnews(args, env={"DEFNEWS_MAX_INPUT_MB": "2"}, stdin=zero)
    assert "up to 2 MB" in _one_line_error(done, 2)


@pytest.mark.parametrize("value", ["nan", "inf", "1e400", "-1", "100000000000000000000"])
def test_store_bad_max_input_mb_is_one_line(article: Path, value: str) -> None:
    done = _defnews(["segment", str(article)], env={"DEFNEWS_MAX_INPUT_MB": value})
    assert "DEFNEWS_MAX_INPUT_MB must be a number from" in _one_line_error(done, 2)


def test_store_file_names_with_newlines_and_escapes_are_quoted(folder: Path) -> None:
    done = _defnews(["segment", str(folder / "a\nb\x1b[31m.txt")])
    first = _one_line_error(done, 2)
    assert done.stderr.count("\n") == 1 and "\x1b" not in done.stderr
    assert "'" in first and "\\n" in first and "\\x1b" in first


@pytest.mark.parametrize("tail", ["> /dev/full", ">&-"])
@pytest.mark.parametrize("args", [["config", "show"], ["glossary", "check", "ARTICLE"],
                                  ["cache", "stats"], ["--help"]])
def test_store_printed_output_onto_full_or_closed_stdout(article: Path, tail: str,
                                                         args: list[str]) -> None:
    """Text printed with typer.echo (not through fileio.emit): one line, exit 1, also with
    Python's own buffering on (the failure then shows only at a flush)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    env["PYTHONPATH"] = str(Path(__file__).resolve().parents[1] / "cli")
    args = [str(article) if a == "ARTICLE" else a for a in args]
    done = subprocess.run(["sh", "-c", '"$0" -m defnews "$@" ' + tail, sys.executable, *args],
                          env=env, capture_output=True, text=True, timeout=120)
    _one_line_error(done, 1)
    assert done.stderr.count("defnews: ") == 1, done.stderr


@pytest.mark.parametrize("args", [["--help"], ["translate", "--help"]])
def test_help_into_a_pipe_whose_reader_went_away_is_not_a_failure(args: list[str]) -> None:
    """`defnews --help | head -1`: the reader leaves before the help is written. rich
    (typer's help) answers the broken pipe with SystemExit(1); like any other broken pipe
    that is exit 0 with nothing on stderr."""
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[1] / "cli"))
    proc = subprocess.Popen([sys.executable, "-m", "defnews", *args], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # long before the interpreter has started: every write breaks
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 0, err
    assert err == ""
