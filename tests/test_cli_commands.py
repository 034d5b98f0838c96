"""The glossary and model-management commands through the CLI, as a user calls them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import TEST_PACKAGE
from defnews.cli import app

runner = CliRunner()


def test_glossary_check_table_and_json() -> None:
    text = "Der Verteidigungsminister reiste am Montag nach Teheran."
    table = runner.invoke(app, ["glossary", "check", "-"], input=text)
    assert table.exit_code == 0, table.output
    assert "Verteidigungsminister" in table.stdout and "Tehran" in table.stdout
    r = runner.invoke(app, ["glossary", "check", "-", "--json"], input=text)
    assert r.exit_code == 0, r.output
    found = json.loads(r.stdout)
    assert [(m["de"], m["en"]) for m in found] == [
        ("Verteidigungsminister", "defence minister"), ("Teheran", "Tehran")]
    assert all(text[m["start"]:m["end"]] == m["surface"] for m in found)


def test_glossary_check_skips_markup_and_keeps_file_offsets(tmp_path: Path) -> None:
    page = tmp_path / "seite.md"
    text = ("Die [Drohnenabwehr an Kasernen](https://example.org/drohnen-kasernen) bleibt "
            "lückenhaft, sagte der Verteidigungsminister.\n"
            '<img src="kaserne.jpg" alt="Kaserne in Munster">\n')
    page.write_text(text, encoding="utf-8")
    r = runner.invoke(app, ["glossary", "check", str(page), "--json"])
    assert r.exit_code == 0, r.output
    found = json.loads(r.stdout)
    # The link text and the prose count; the URL and the tag (with its attributes) do not.
    assert all(text[m["start"]:m["end"]] == m["surface"] for m in found)
    url_start = text.index("https://")
    tag_start = text.index("<img")
    assert not [m for m in found if url_start <= m["start"] < text.index(")") or
                m["start"] >= tag_start]
    assert "Verteidigungsminister" in {m["de"] for m in found}


def test_glossary_check_reports_nothing_found() -> None:
    r = runner.invoke(app, ["glossary", "check", "-"], input="Das Wetter war schön.")
    assert r.exit_code == 0 and "no glossary terms found" in r.stdout


def test_glossary_lint_shipped_is_clean_and_a_broken_file_fails(tmp_path: Path) -> None:
    ok = runner.invoke(app, ["glossary", "lint"])
    assert ok.exit_code == 0, ok.output
    assert "0 error(s)" in ok.stdout
    bad = tmp_path / "eigenes.tsv"
    bad.write_text("de\ten\nPanzer\ttank\nPanzer\tarmoured vehicle\nund\tand\n",
                   encoding="utf-8")
    r = runner.invoke(app, ["glossary", "lint", str(bad), "--json"])
    assert r.exit_code == 1
    issues = json.loads(r.stdout)["issues"]
    assert {(i["line"], i["severity"]) for i in issues} == {(3, "error"), (4, "error")}
    missing = runner.invoke(app, ["glossary", "lint", str(tmp_path / "fehlt.tsv")])
    assert missing.exit_code == 2
    assert "does not exist" in missing.output and "Traceback" not in missing.output


@pytest.mark.parametrize("json_out", [False, True])
def test_models_install_path_list_remove(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                         json_out: bool) -> None:
    root = tmp_path / "packages"
    monkeypatch.setenv("DEFNEWS_PACKAGES_DIR", str(root))
    r = runner.invoke(app, ["models", "install", "--file", str(TEST_PACKAGE), "--offline"])
    assert r.exit_code == 0, r.output
    path = runner.invoke(app, ["models", "path"])
    assert path.exit_code == 0 and str(root) in path.stdout
    listed = runner.invoke(app, ["models", "list", "--json"] if json_out else ["models", "list"])
    assert listed.exit_code == 0 and "translate-de_en-defnews_test-1_0" in listed.stdout
    gone = runner.invoke(app, ["models", "remove"])
    assert gone.exit_code == 0, gone.output
    assert not any(root.iterdir())
    again = runner.invoke(app, ["models", "remove"])
    assert again.exit_code != 0 and "Traceback" not in again.output
