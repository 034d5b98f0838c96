"""Compute type as argostranslate >= 1.11.1 chooses it; overridable; part of the memory key."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from defnews import compute_type
from defnews.cli import app
from defnews.errors import InputError


def test_default_is_the_models_own_type_never_auto(monkeypatch: pytest.MonkeyPatch) -> None:
    assert compute_type.choose() == "default"
    monkeypatch.setenv("ARGOS_COMPUTE_TYPE", "auto")  # argostranslate does not pass "auto"
    assert compute_type.choose() == "default"
    monkeypatch.setenv("ARGOS_COMPUTE_TYPE", "int8_float32")
    assert compute_type.choose() == "int8_float32"
    monkeypatch.setenv("DEFNEWS_COMPUTE_TYPE", "Float32")
    assert compute_type.choose() == "float32"
    assert compute_type.choose("int8") == "int8"
    monkeypatch.setenv("DEFNEWS_COMPUTE_TYPE", "")  # empty means unset
    assert compute_type.choose() == "int8_float32"


def test_argos_settings_json_compute_type(monkeypatch: pytest.MonkeyPatch) -> None:
    settings = Path(os.environ["XDG_CONFIG_HOME"]) / "argos-translate" / "settings.json"
    settings.parent.mkdir(parents=True)
    settings.write_text(json.dumps({"ARGOS_COMPUTE_TYPE": "int16"}))
    assert compute_type.choose() == "int16"


@pytest.mark.parametrize("value", ["fast", "x" * 5000, "int8; rm -rf /"])
def test_bad_values_are_one_line(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("DEFNEWS_COMPUTE_TYPE", value)
    with pytest.raises(InputError) as exc:
        compute_type.choose()
    assert "\n" not in exc.value.message and len(exc.value.message) < 300


@pytest.mark.slow
def test_engine_passes_the_choice_and_memory_key_holds_it(with_model: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    from defnews import models
    from defnews.translate import Engine, EngineOptions

    model = models.find_model()
    default = EngineOptions(device="cpu")
    engine = Engine(model, default)
    engine.load()
    import ctranslate2

    # What argostranslate >= 1.11.1 builds with its default settings: no compute_type.
    argos = ctranslate2.Translator(str(model.model_dir), device="cpu")
    assert engine._translator.compute_type == argos.compute_type
    monkeypatch.setenv("DEFNEWS_COMPUTE_TYPE", "float32")
    wide = EngineOptions(device="cpu")
    wide_engine = Engine(model, wide)
    wide_engine.load()
    assert wide_engine._translator.compute_type == "float32"
    assert default.key() != wide.key()
    assert "ct=default" in default.key() and "ct=float32" in wide.key()


def test_cli_rejects_a_bad_compute_type(with_model: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DEFNEWS_COMPUTE_TYPE", "turbo")
    r = CliRunner().invoke(app, ["translate", "-"], input="Die Marine übt.")
    assert r.exit_code == 2, r.output
    assert r.stderr.startswith("defnews:") and "compute type" in r.stderr
