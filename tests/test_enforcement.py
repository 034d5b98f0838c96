"""Glossary enforcement through the real engine (the project's test package, no mocks).

What is checked is the mechanism: every enforced term reaches the output or is reported as
not applied, offsets point into the input as read, no placeholder leaks, the switches work.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import SAMPLES
from defnews import placeholders, readers
from defnews.cli import app

runner = CliRunner()
pytestmark = pytest.mark.usefixtures("with_model")
SENTENCE = "Der Verteidigungsminister reiste am Montag nach Teheran."


def _json(args: list[str], **kw) -> dict:
    r = runner.invoke(app, [*args, "--format", "json", "--quiet"], **kw)
    assert r.exit_code == 0, r.stderr
    return json.loads(r.stdout)


def _samples() -> list[Path]:
    return sorted(p for p in SAMPLES.iterdir() if p.suffix in {".md", ".txt", ".html", ".xml"})


@pytest.mark.slow
def test_every_sample_gets_its_glossary_targets() -> None:
    """The issue's figure: ≥ 98 % of enforced term occurrences arrive, over all samples.

    A term counts as arrived only when its English target (singular or plural, any case)
    stands in the translation of its block as a whole word, not because the tool says so;
    an article's occurrences of a target serve at most as many of its terms.
    """
    enforced = arrived = 0
    for path in _samples():
        data = _json(["translate", str(path), "--no-cache"])
        raw = readers.decode(path.read_bytes())[0]
        for art in data["articles"]:
            out = "\n".join(b["translation"] or "" for b in art["blocks"])
            assert placeholders.find_residue(out) == [], path.name
            wanted: Counter[str] = Counter()
            for t in art["terms"]:
                if t["start"] is not None:  # offsets into the input as read
                    assert raw[t["start"]:t["end"]] == t["surface"], (path.name, t)
                if t["status"] == "compound":
                    continue
                enforced += 1
                wanted[t["en"]] += 1
                if t["status"] != "not_applied":
                    # What the report calls applied is in the text in the form it names.
                    assert _count_whole(out, t["written"]) > 0, (path.name, t)
            arrived += sum(min(n, _count_whole(out, en)) for en, n in wanted.items())
    assert enforced >= 600
    assert arrived / enforced >= 0.98, f"{arrived}/{enforced}"


def _count_whole(text: str, english: str) -> int:
    """Whole-word occurrences of an English target or its regular plural, any case."""
    forms = {english, english + "s", english + "es", english[:-1] + "ies"}
    rx = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    return len(re.findall(rf"(?<!\w)(?:{rx})(?!\w)", text, re.IGNORECASE))


@pytest.mark.slow
def test_every_offset_is_located_in_the_input() -> None:
    located = total = 0
    for path in _samples():
        for art in _json(["translate", str(path)])["articles"]:
            total += len(art["terms"])
            located += sum(t["start"] is not None for t in art["terms"])
    # The samples hold no entity or reader rewrite inside a term: every one is found, in
    # document order (a compound listed late must not push the search past the others).
    assert total >= 600 and located == total, f"{located}/{total}"


def test_no_glossary_turns_enforcement_off() -> None:
    data = _json(["translate", "-", "--no-glossary"], input=SENTENCE)
    assert data["articles"][0]["terms"] == []
    with_g = _json(["translate", "-"], input=SENTENCE)
    assert {t["de"] for t in with_g["articles"][0]["terms"]} >= {"Verteidigungsminister",
                                                                 "Teheran"}


def test_user_glossary_overrides_a_shipped_entry(tmp_path: Path) -> None:
    from defnews import paths

    user = paths.user_glossary_path()
    user.parent.mkdir(parents=True, exist_ok=True)
    user.write_text("de\ten\nVerteidigungsminister\tdefence secretary\n", encoding="utf-8")
    data = _json(["translate", "-"], input=SENTENCE)
    art = data["articles"][0]
    term = next(t for t in art["terms"] if t["de"] == "Verteidigungsminister")
    assert term["en"] == "defence secretary" and term["status"] != "not_applied"
    assert "defence secretary" in art["blocks"][0]["translation"].lower()
    # A --glossary file wins over the user glossary; shipped entries still apply.
    extra = tmp_path / "mine.csv"
    extra.write_text("Verteidigungsminister,minister of defence\n", encoding="utf-8")
    art = _json(["translate", "-", "--glossary", str(extra)], input=SENTENCE)["articles"][0]
    assert "minister of defence" in art["blocks"][0]["translation"].lower()
    assert any(t["de"] == "Teheran" for t in art["terms"])
    # --no-default-glossary --glossary FILE: FILE alone.
    art = _json(["translate", "-", "--no-default-glossary", "--glossary", str(extra)],
                input=SENTENCE)["articles"][0]
    assert {t["de"] for t in art["terms"]} == {"Verteidigungsminister"}


def test_report_lists_terms_with_input_offsets(tmp_path: Path) -> None:
    src = tmp_path / "meldung.txt"
    src.write_text("MINSK ap | " + SENTENCE + "\n", encoding="utf-8")
    r = runner.invoke(app, ["translate", str(src), "--report", "--quiet"])
    assert r.exit_code == 0, r.stderr
    lines = r.stderr.splitlines()
    assert lines[0].startswith(f"glossary report: {src}")
    start = src.read_text(encoding="utf-8").index("Teheran")
    row = next(ln for ln in lines if "Teheran" in ln)
    assert f"[chars {start}-{start + len('Teheran')}]" in row and "Tehran" in row
