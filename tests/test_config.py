"""The config file, the precedence of settings, `config show`, and shell completion."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from defnews import options
from defnews.cli import app


def _config(tmp_path: Path, text: str) -> Path:
    folder = tmp_path / "defnews" / "config"  # DEFNEWS_HOME/config (conftest)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def _shown(result_stdout: str) -> dict[str, dict[str, object]]:
    data = json.loads(result_stdout)
    return {s["name"]: s for s in data["settings"]}


def test_config_show_defaults_without_a_file(isolated_home: Path) -> None:
    r = CliRunner().invoke(app, ["config", "show"])
    assert r.exit_code == 0, r.output
    lines = r.stdout.splitlines()
    assert lines[0] == f"config file: {isolated_home / 'defnews' / 'config' / 'config.toml'} " \
        "(not present)"
    rows = {ln.split()[0]: ln.split() for ln in lines[1:]}
    assert rows["threads"] == ["threads", "0", "default"]
    assert rows["beam_size"] == ["beam_size", "4", "default"]
    assert rows["cache"] == ["cache", "true", "default"]
    assert rows["model"] == ["model", "(none)", "default"]


def test_precedence_flag_over_env_over_file_over_default(
        isolated_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _config(isolated_home, 'threads = 3\nbeam_size = 2\ndevice = "cpu"\ncache = false\n')
    monkeypatch.setenv("DEFNEWS_BEAM_SIZE", "5")
    r = CliRunner().invoke(app, ["config", "show", "--json"])
    assert r.exit_code == 0, r.output
    shown = _shown(r.stdout)
    assert (shown["threads"]["value"], shown["threads"]["source"]) == (3, f"config {path}")
    assert (shown["beam_size"]["value"], shown["beam_size"]["source"]) == \
        (5, "env DEFNEWS_BEAM_SIZE")
    assert (shown["device"]["value"], shown["device"]["source"]) == ("cpu", f"config {path}")
    assert (shown["cache"]["value"], shown["cache"]["source"]) == (False, f"config {path}")
    assert (shown["quiet"]["value"], shown["quiet"]["source"]) == (False, "default")
    # A flag beats both.
    settings = options.resolve({"beam_size": 7, "threads": None})
    assert (settings["beam_size"], settings.sources["beam_size"]) == (7, "flag")
    assert (settings["threads"], settings.sources["threads"]) == (3, f"config {path}")


def test_empty_environment_variable_means_unset(
        isolated_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DEFNEWS_DEVICE", "")
    settings = options.resolve()
    assert (settings["device"], settings.sources["device"]) == ("auto", "default")


@pytest.mark.parametrize("text, fragment", [
    ("threads = -1\n", "threads wants a whole number from 0 to 256"),
    ("threads = 1e400\n", "threads wants a whole number"),
    ("beam_size = nan\n", "beam size wants a whole number"),
    ('device = "tpu"\n', "device wants one of auto, cpu, cuda"),
    ("colour = 1\n", "unknown setting 'colour'"),
    ("threads = [\n", "is not valid TOML"),
])
def test_bad_config_file_is_one_clear_line(isolated_home: Path, text: str,
                                           fragment: str) -> None:
    _config(isolated_home, text)
    r = CliRunner().invoke(app, ["config", "show"])
    assert r.exit_code == 2
    first = r.stderr.splitlines()[0]
    assert first.startswith("defnews: error: ") and fragment in first, r.stderr
    assert "Traceback" not in r.output


def test_config_file_value_reaches_the_command(isolated_home: Path, with_model: Path,
                                               tmp_path: Path) -> None:
    """`cache = false` in the file: translate writes no translation memory; --cache wins."""
    _config(isolated_home, "cache = false\n")
    article = tmp_path / "a.txt"
    article.write_text("Die Bundeswehr übt in Litauen.\n", encoding="utf-8")
    store = isolated_home / "defnews" / "data" / "defnews.sqlite3"
    r = CliRunner().invoke(app, ["translate", str(article), "--quiet"])
    assert r.exit_code == 0, r.output
    assert not store.exists()
    r = CliRunner().invoke(app, ["translate", str(article), "--quiet", "--cache"])
    assert r.exit_code == 0, r.output
    assert store.exists()


def test_summarize_and_digest_take_the_engine_options(with_model: Path, tmp_path: Path) -> None:
    article = tmp_path / "2026-11-20_blatt_test.md"
    article.write_text("# Übung in Litauen\n\nDie Bundeswehr übt mit zwei Brigaden in Litauen. "
                       "Der Verteidigungsminister besuchte die Soldaten am Montag.\n",
                       encoding="utf-8")
    common = ["--device", "cpu", "--threads", "1", "--beam-size", "1", "--quiet", "--no-cache"]
    r = CliRunner().invoke(app, ["summarize", str(article), "-n", "1", *common])
    assert r.exit_code == 0, r.output
    r = CliRunner().invoke(app, ["digest", str(tmp_path), *common])
    assert r.exit_code == 0, r.output
    assert "# " in r.stdout
    r = CliRunner().invoke(app, ["digest", str(tmp_path), "--threads", "100000"])
    assert r.exit_code == 2


def test_install_completion_writes_a_working_script(tmp_path: Path) -> None:
    # A clean environment: what earlier tests left in os.environ must not steer typer's
    # shell detection (seen once in a full run: "Shell None is not supported").
    env = {k: os.environ[k] for k in ("PATH", "PYTHONPATH", "LANG") if k in os.environ}
    env.update(HOME=str(tmp_path), SHELL="/bin/bash")
    r = subprocess.run([sys.executable, "-m", "defnews", "--install-completion", "bash"],
                       env=env, capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    script = tmp_path / ".bash_completions" / "defnews.sh"
    assert "_DEFNEWS_COMPLETE" in script.read_text()
    assert str(script) in (tmp_path / ".bashrc").read_text()
    # The hook the script calls completes command names and options.
    env.update(_DEFNEWS_COMPLETE="complete_bash", COMP_WORDS="defnews dig", COMP_CWORD="1")
    r = subprocess.run([sys.executable, "-m", "defnews"], env=env, capture_output=True,
                       text=True, timeout=60)
    assert r.stdout.split() == ["digest"]


def test_compute_type_flag_env_and_file(isolated_home: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    _config(isolated_home, 'compute_type = "int16"\n')
    assert options.engine_options(options.resolve()).compute_type == "int16"
    monkeypatch.setenv("DEFNEWS_COMPUTE_TYPE", "float32")
    assert options.engine_options(options.resolve()).compute_type == "float32"
    flagged = options.resolve({"compute_type": "int8"})
    assert options.engine_options(flagged).compute_type == "int8"
    r = CliRunner().invoke(app, ["translate", "-", "--compute-type", "float99"], input="Text.\n")
    assert r.exit_code == 2 and "compute type wants one of" in r.stderr


def test_compute_type_flag_translates(with_model: Path) -> None:
    r = CliRunner().invoke(app, ["translate", "-", "--compute-type", "float32", "--no-cache",
                                 "--quiet"], input="Die Bundeswehr übt in Litauen.\n")
    assert r.exit_code == 0, r.output
    assert r.stdout.strip()
