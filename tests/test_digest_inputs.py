"""Odd and hostile inputs to `summarize` and `digest` (issue 18; texts invented here)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import REPO
from defnews.cli import app

runner = CliRunner()

ARTICLE = (
    "Heeresflieger üben in Sachsen\n\n"
    "Die Heeresflieger der Bundeswehr haben am Dienstag eine Übung in Sachsen begonnen. "
    "Nach Angaben des Kommandos sind zwölf Hubschrauber und 300 Soldaten beteiligt. "
    "Geübt wird der Transport von Verwundeten bei Nacht und schlechtem Wetter.\n"
)


def _sentence(i: int) -> str:
    """A distinct German sentence for each i (numbers spelt out, so it stays prose)."""
    units = ["null", "eins", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun"]
    word = "".join(units[int(d)] for d in str(i))
    return f"Der Bericht nennt die Zahl {word} für den Abschnitt über Depots und Flugplätze."


@pytest.mark.slow
def test_a_long_single_line_article_is_summarised_from_its_first_sentences(
        tmp_path: Path) -> None:
    from defnews.digest.summaries import MAX_CANDIDATES

    text = "Langer Bericht\n\n" + " ".join(_sentence(i) for i in range(MAX_CANDIDATES * 3))
    src = tmp_path / "lang.txt"
    src.write_text(text + "\n", encoding="utf-8")
    r = runner.invoke(app, ["summarize", str(src), "--no-translate", "--no-glossary",
                            "-n", "2", "--format", "json"])
    assert r.exit_code == 0, r.stderr
    data = json.loads(r.stdout)
    assert data["sentences_in_article"] == MAX_CANDIDATES * 3
    assert all(s["position"] < MAX_CANDIDATES for s in data["summary"])
    assert f"the summary is chosen from the first {MAX_CANDIDATES}" in r.stderr
    assert r.stderr.startswith("defnews: note:")


def test_a_short_article_gets_no_note(tmp_path: Path) -> None:
    src = tmp_path / "kurz.txt"
    src.write_text(ARTICLE, encoding="utf-8")
    r = runner.invoke(app, ["summarize", str(src), "--no-translate", "--no-glossary", "-n", "1"])
    assert r.exit_code == 0, r.stderr
    assert "note" not in r.stderr


@pytest.mark.usefixtures("with_model")
def test_the_same_file_named_twice_is_digested_once(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "link.txt").symlink_to(folder / "a.txt")
    names = [str(folder / "a.txt"), str(tmp_path / "in" / ".." / "in" / "a.txt"),
             str(folder / "link.txt")]
    r = runner.invoke(app, ["digest", *names, "--format", "json", "--no-cache", "--quiet"])
    assert r.exit_code == 0, r.stderr
    data = json.loads(r.stdout)
    assert data["articles"] == 1
    assert len(data["stories"]) == 1 and not data["stories"][0]["also_reported_by"]


def _without_file_permission_override() -> list[str] | None:
    """A command prefix under which permissions apply: none needed when not root; as root,
    setpriv drops the capabilities that let root read anything (None if impossible)."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        return None
    probe = subprocess.run([setpriv, "--bounding-set=-dac_override,-dac_read_search",
                            "--inh-caps=-dac_override,-dac_read_search", "true"],
                           capture_output=True)
    if probe.returncode != 0:
        return None
    return [setpriv, "--bounding-set=-dac_override,-dac_read_search",
            "--inh-caps=-dac_override,-dac_read_search"]


def test_an_unreadable_subfolder_gives_one_clear_line(tmp_path: Path) -> None:
    prefix = _without_file_permission_override()
    if prefix is None:
        pytest.skip("cannot drop root's permission override here")
    folder = tmp_path / "in"
    (folder / "geheim").mkdir(parents=True)
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "geheim" / "b.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "geheim").chmod(0)
    try:
        env = {**os.environ, "PYTHONPATH": str(REPO / "cli")}
        r = subprocess.run([*prefix, sys.executable, "-m", "defnews", "digest", str(folder),
                            "--no-cache", "--quiet"], capture_output=True, text=True, env=env,
                           timeout=120)
    finally:
        (folder / "geheim").chmod(0o755)
    assert r.returncode == 2, r.stderr
    assert r.stderr.strip().splitlines() == [
        f"defnews: error: cannot read folder {folder / 'geheim'} (permission denied)"]
    assert r.stdout == ""


def test_a_german_digest_written_into_its_folder_is_not_read_back(tmp_path: Path) -> None:
    # The morning routine: the day's folder, its German digest saved beside the articles.
    folder = tmp_path / "heute"
    folder.mkdir()
    (folder / "heeresflieger.txt").write_text(ARTICLE, encoding="utf-8")
    out = folder / "digest.md"
    for _ in range(2):
        r = runner.invoke(app, ["digest", str(folder), "--no-translate", "--no-cache",
                                "-o", str(out)])
        assert r.exit_code == 0, r.stderr
        assert "1 article, 1 story" in r.stderr and "skipped" not in r.stderr, r.stderr
    assert out.read_text(encoding="utf-8").count("## ") == 1
