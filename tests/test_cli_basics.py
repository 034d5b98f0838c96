"""CLI behaviour that needs no model: help, imports, missing model, offline, models, doctor."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from defnews.cli import app

runner = CliRunner()
HEAVY = ("argostranslate", "stanza", "spacy", "torch", "ctranslate2", "sumy", "trafilatura")


def test_help_imports_nothing_heavy() -> None:
    code = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from defnews.cli import app\n"
        "r = CliRunner().invoke(app, ['--help'])\n"
        "assert r.exit_code == 0, r.output\n"
        "for cmd in (['translate', '--help'], ['digest', '--help'], ['models', '--help']):\n"
        "    assert CliRunner().invoke(app, cmd).exit_code == 0\n"
        f"heavy = {HEAVY!r}\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in heavy))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_console_script_help_runs() -> None:
    out = subprocess.run([sys.executable, "-m", "defnews", "--help"], capture_output=True,
                         text=True)
    assert out.returncode == 0
    assert "translate" in out.stdout and "digest" in out.stdout


def test_translate_without_model_explains_the_fix(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Der Verteidigungsminister reiste am Montag nach Warschau. "
                       "Dort traf er seinen Amtskollegen.", encoding="utf-8")
    r = runner.invoke(app, ["translate", str(article)])
    assert r.exit_code == 1
    assert "No German→English translation model is installed" in r.stderr
    assert "defnews models install" in r.stderr and "--file" in r.stderr
    assert "Traceback" not in r.output + r.stderr


def test_models_install_offline_fails_fast() -> None:
    r = runner.invoke(app, ["models", "install", "--offline"])
    assert r.exit_code == 1
    assert "forbidden" in r.stderr and "--file" in r.stderr


def test_models_install_missing_file() -> None:
    r = runner.invoke(app, ["models", "install", "--file", "/nonexistent/x.argosmodel"])
    assert r.exit_code == 2
    assert "does not exist" in r.stderr


def test_models_list_empty_and_json(tmp_path: Path) -> None:
    r = runner.invoke(app, ["models", "list"])
    assert r.exit_code == 0 and "No packages installed" in r.stdout
    r = runner.invoke(app, ["models", "list", "--json"])
    assert json.loads(r.stdout)["packages"] == []


def test_doctor_reports_missing_model_with_fix() -> None:
    r = runner.invoke(app, ["doctor", "--json"])
    assert r.exit_code == 1
    checks = {c["name"]: c for c in json.loads(r.stdout)}
    model = checks["German→English model"]
    assert not model["ok"] and "defnews models install" in model["fix"]


def test_segment_command(tmp_path: Path) -> None:
    r = runner.invoke(app, ["segment", "-", "--lang", "de"],
                      input="Er kam am 31. Juli an. Dann ging er.\n\nNeuer Absatz hier.")
    assert r.exit_code == 0
    assert r.stdout == "Er kam am 31. Juli an.\nDann ging er.\n\nNeuer Absatz hier.\n"



PAGE = """<!DOCTYPE html><html lang="de"><head><title>Marine erhält neue Fregatte</title>
<script>var tracking = 1;</script></head><body>
<nav><a href="/">Startseite</a> | <a href="/politik">Politik</a></nav>
<div class="cookie">Wir verwenden Cookies. Bitte stimmen Sie zu.</div>
<article><h1>Marine erhält neue Fregatte</h1>
<p class="teaser">Die Werft in Kiel übergibt das Schiff zwei Monate früher als geplant.</p>
<p>Die Deutsche Marine hat am Dienstag die Fregatte übernommen. Das Schiff soll ab dem
3. März in der Ostsee eingesetzt werden, z. B. zur Überwachung von Kabeln.</p>
<p>Der Inspekteur der Marine sprach von einem wichtigen Tag. Die Besatzung zählt rund
120 Soldatinnen und Soldaten, die seit dem Sommer ausgebildet werden.</p>
</article><footer>Impressum | Datenschutz</footer></body></html>"""


def test_segment_reads_a_page_as_an_article(tmp_path: Path) -> None:
    page = tmp_path / "fregatte.html"
    page.write_text(PAGE, encoding="utf-8")
    r = runner.invoke(app, ["segment", str(page)])
    assert r.exit_code == 0, r.output
    lines = r.stdout.splitlines()
    # The title, the lead the page marks as a teaser, then the story; no markup or furniture.
    assert lines[:3] == ["Marine erhält neue Fregatte", "",
                         "Die Werft in Kiel übergibt das Schiff zwei Monate früher als geplant."]
    assert "Das Schiff soll ab dem 3. März in der Ostsee eingesetzt werden, z. B. zur " \
        "Überwachung von Kabeln." in lines
    assert not any(w in r.stdout for w in ("<", "Cookies", "Impressum", "Startseite"))

def test_version() -> None:
    r = runner.invoke(app, ["--version"])
    assert r.exit_code == 0 and r.stdout.startswith("defnews ")


def test_help_shows_the_defaults_written_into_option_texts() -> None:
    # Rich markup took "[default: yes]" for a tag and dropped it, leaving "glossaries .".
    r = CliRunner().invoke(app, ["translate", "--help"], env={"COLUMNS": "200"})
    assert r.exit_code == 0
    assert "glossaries [default: yes]" in r.stdout
    assert "translation memory [default: yes]" in r.stdout
    assert "glossaries ." not in r.stdout and "memory ." not in r.stdout


def _commands(group: object, prefix: list[str]) -> list[list[str]]:
    import typer.main

    click_group = typer.main.get_command(group) if not hasattr(group, "commands") else group
    out = []
    for name, cmd in sorted(getattr(click_group, "commands", {}).items()):
        if hasattr(cmd, "commands"):
            out.extend(_commands(cmd, [*prefix, name]))
        else:
            out.append([*prefix, name])
    return out


def test_every_command_shows_an_example_in_its_help() -> None:
    commands = _commands(app, [])
    assert ["translate"] in commands and ["models", "path"] in commands
    for command in commands:
        r = CliRunner().invoke(app, [*command, "--help"], env={"COLUMNS": "200"})
        assert r.exit_code == 0, command
        assert "Example" in r.stdout and f"defnews {' '.join(command)}" in r.stdout.split(
            "Example", 1)[1], command
