"""Hostile and odd glossary input (issue 18): oversized fields, control characters, endless
files, and offsets in CRLF, control-character and decomposed-Unicode (NFD) text."""

from __future__ import annotations

import json
import time
import unicodedata
from pathlib import Path

import pytest
from typer.testing import CliRunner

from defnews.cli import app
from defnews.errors import InputError
from defnews.glossary import Entry, Glossary, lint_file, load_glossary
from defnews.glossary.source import find_in_source, normalize

runner = CliRunner()


def _check(args: list[str], **kw) -> tuple[int, str, str]:
    r = runner.invoke(app, ["glossary", "check", *args], **kw)
    return r.exit_code, r.stdout, r.stderr


def test_a_nul_in_a_target_is_refused(tmp_path: Path) -> None:
    g = tmp_path / "nul.tsv"
    g.write_bytes(b"de\ten\nTeheran\tTeh\x00ran\n")
    with pytest.raises(InputError, match=r"nul.tsv:2: a control character"):
        load_glossary([g], use_default=False, use_user=False)
    assert [i.line for i in lint_file(g) if i.severity == "error"] == [2]
    code, _, err = _check(["-", "-g", str(g)], input="Er flog nach Teheran.")
    assert code == 2 and err.startswith("defnews:") and "Traceback" not in err


def test_a_field_over_the_csv_limit_is_one_clear_line(tmp_path: Path) -> None:
    g = tmp_path / "big.csv"
    g.write_text("de,en\nTeheran,\"" + "x" * 200_000 + "\n", encoding="utf-8")
    code, _, err = _check(["-", "-g", str(g)], input="Er flog nach Teheran.")
    assert code == 2, err
    assert err.splitlines()[0].startswith("defnews:") and "big.csv:2" in err
    assert "internal error" not in err
    r = runner.invoke(app, ["glossary", "lint", str(g)])
    assert r.exit_code == 1 and "unreadable CSV" in r.stdout


def test_an_endless_glossary_stops_at_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DEFNEWS_MAX_INPUT_MB", "1")
    t0 = time.perf_counter()
    code, _, err = _check(["-", "-g", "/dev/zero"], input="Er flog nach Teheran.")
    assert code == 2 and err.startswith("defnews:") and "over the limit" in err
    assert time.perf_counter() - t0 < 10


def _g() -> Glossary:
    return Glossary([Entry("Teheran", "Tehran", pos="name"), Entry("Militärübung", "exercise"),
                     Entry("Verteidigungsminister", "defence minister")])


def test_offsets_point_into_the_file_as_written(tmp_path: Path) -> None:
    nfd = unicodedata.normalize("NFD", "Die Militärübung endete.")
    raw = ("Der Verteidigungsminister\r\nreiste\x0b\x0cnach Teheran.\r\n" + nfd
           + "\r\nDann wieder nach Teheran.")
    f = tmp_path / "a.txt"
    f.write_bytes(raw.encode("utf-8"))
    code, out, err = _check([str(f), "--json", "--no-default-glossary", "-g",
                             str(_tsv(tmp_path))])
    assert code == 0, err
    found = json.loads(out)
    assert [m["de"] for m in found] == ["Verteidigungsminister", "Teheran", "Militärübung",
                                        "Teheran"]
    for m in found:
        assert raw[m["start"]:m["end"]] == m["surface"], m
    # The decomposed umlaut is part of the surface: ä as a + U+0308.
    assert found[2]["end"] - found[2]["start"] == len("Militärübung") + 2


def _tsv(tmp_path: Path) -> Path:
    p = tmp_path / "g.tsv"
    p.write_text("de\ten\nTeheran\tTehran\nMilitärübung\texercise\n"
                 "Verteidigungsminister\tdefence minister\n", encoding="utf-8")
    return p


def test_normalize_maps_every_shape_back() -> None:
    g = _g()
    for raw in ["\ufeffTeheran", "a\r\rTeheran", "x \u00adTeheran\x1b[1m.", "\r\n" * 5 + "Teheran",
                unicodedata.normalize("NFD", "Ü Militärübung Ö") + "\r\nTeheran"]:
        text, _ = normalize(raw)
        assert "\r" not in text and unicodedata.is_normalized("NFC", text)
        matches = find_in_source(g, raw)
        assert matches, repr(raw)
        for m in matches:
            assert unicodedata.normalize("NFC", raw[m.start:m.end]).replace("\u00ad", "") \
                in {"Teheran", "Militärübung"}, (raw, m)


def test_an_error_and_its_fix_are_one_line(tmp_path: Path) -> None:
    # The message names the problem and the same line names the command that checks it.
    g = tmp_path / "kurz.csv"
    g.write_text("de,en\nTeheran\n", encoding="utf-8")
    code, _, err = _check(["-", "-g", str(g)], input="Er flog nach Teheran.")
    assert code == 2
    assert err.count("\n") == 1 and err.startswith("defnews: error: glossary "), err
    assert "kurz.csv:2" in err and f"glossary lint {g}" in err
