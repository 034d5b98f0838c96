"""Every de→en layout Argos has shipped, built at test time from the test package: each
installs, is found when unpacked by hand as argospm does, and translates without a stray
``▁`` or ``@@``; broken packages beside working ones; ``models use``; name forms;
Argos's settings.json; killed installs leave argostranslate working."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import REPO, TEST_PACKAGE
from defnews import models, models_install
from defnews.cli import app
from defnews.errors import InputError, ModelMissingError

sys.path.insert(0, str(REPO / "tools" / "testmodel"))
import layouts  # noqa: E402

runner = CliRunner()
GERMAN = ["Die Marine bekommt neue Fregatten.",
          "Der Minister sagte, dass die Truppe in Litauen übt.",
          "Am Montag landeten 40 Soldaten & zwei Hubschrauber in Rostock."]
LAYOUTS = ["v1_0", "locomotive_1_3", "opus_sp_1_9", "opus_bpe_1_9"]
FOLDERS = {"v1_0": "de_en", "locomotive_1_3": "translate-de_en-1_3",
           "opus_sp_1_9": "translate-de_en-1_9", "opus_bpe_1_9": "translate-de_en-1_9"}


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return layouts.build_all(TEST_PACKAGE, tmp_path_factory.mktemp("layouts"))


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DEFNEWS_", "ARGOS_"))}
    env["PYTHONPATH"] = str(REPO / "cli")
    env.update(extra)
    return env


def _argos_lists(packages: Path) -> subprocess.CompletedProcess[str]:
    """argostranslate's own listing, in a fresh process pointed at this folder."""
    code = ("import argostranslate.package as p; "
            "print(sorted(x.package_path.name for x in p.get_installed_packages()))")
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=_env(ARGOS_PACKAGES_DIR=str(packages),
                                   HOME=str(packages.parent), XDG_CONFIG_HOME=str(
                                       packages.parent / "cfg")), timeout=120)


@pytest.mark.slow
@pytest.mark.parametrize("layout", LAYOUTS)
def test_layout_installs_and_translates_without_marks(built: dict[str, Path], tmp_path: Path,
                                                      layout: str) -> None:
    from defnews.translate import Engine

    by_file = models_install.install_file(built[layout], tmp_path / "a")
    assert by_file.name == FOLDERS[layout]
    with zipfile.ZipFile(built[layout]) as zf:  # argospm: a plain extractall
        zf.extractall(tmp_path / "b")
    by_hand = models.find_model(packages_dir=tmp_path / "b")
    assert by_hand.name == FOLDERS[layout]
    for model in (by_file, by_hand):
        engine = Engine(model)
        out = engine.translate_batch(GERMAN)
        assert len(out) == 3 and all(out)
        assert not any("▁" in t or "@@" in t for t in out), out
        nbest = engine.translate_nbest(GERMAN, 3)
        assert not any("▁" in t or "@@" in t for hyps in nbest for t in hyps)
    assert _argos_lists(tmp_path / "b").stdout.strip() == repr([FOLDERS[layout]])


@pytest.mark.slow
def test_source_only_sentencepiece_decodes_unknown_pieces(built: dict[str, Path],
                                                          tmp_path: Path) -> None:
    """Pieces unknown to a source-only model come back with their mark from decode_pieces;
    the tokenizer turns it into a space as argostranslate does."""
    from argostranslate.tokenizer import SentencePieceTokenizer as ArgosSP

    from defnews.tokenizers import SentencePieceTokenizer

    m = models_install.install_file(built["opus_sp_1_9"], tmp_path)
    ours, argos = SentencePieceTokenizer(m.sp_model), ArgosSP(m.sp_model)
    pieces = ["▁The", "▁minister", "▁said", ":", "▁the", "▁Bundeswehr", "▁is", "▁ready", "."]
    raw = ours.processor.decode_pieces(pieces)
    assert "▁" in raw, "the fixture must have target pieces its SentencePiece model lacks"
    assert ours.decode(pieces) == argos.decode(pieces)
    assert "▁" not in ours.decode(pieces)
    for sentence in GERMAN:
        assert ours.encode([sentence]) == [argos.encode(sentence)]


@pytest.mark.slow
def test_bpe_tokenizes_and_decodes_as_argostranslate(built: dict[str, Path],
                                                     tmp_path: Path) -> None:
    from argostranslate.tokenizer import BPETokenizer as ArgosBPE

    from defnews.tokenizers import BPETokenizer

    m = models_install.install_file(built["opus_bpe_1_9"], tmp_path)
    ours, argos = BPETokenizer(m.bpe_model, "de", "en"), ArgosBPE(m.bpe_model, "de", "en")
    encoded = ours.encode(GERMAN)
    assert encoded == [argos.encode(s) for s in GERMAN]
    assert any(t.endswith("@@") for toks in encoded for t in toks)
    for toks in encoded:
        assert ours.decode(toks) == argos.decode(toks)
    # A hypothesis ending on a continuation piece: argostranslate prints the mark, we do not.
    assert "@@" in argos.decode(["Neue", "Fre@@"])
    assert ours.decode(["Neue", "Fre@@"]) == "Neue Fre"


def _broken_newer(root: Path) -> None:
    """A 1.9 package whose model file is missing, as a failed argospm copy leaves it."""
    bad = root / "translate-de_en-1_9"
    (bad / "model").mkdir(parents=True)
    (bad / "metadata.json").write_text(json.dumps(
        {"package_version": "1.9", "from_code": "de", "to_code": "en", "type": "translate"}))
    (bad / "bpe.model").write_text("#version: 0.2\n")


@pytest.mark.slow
def test_broken_newer_package_beside_a_working_one(with_model: Path, tmp_path: Path) -> None:
    root = tmp_path / "packages"
    root.mkdir()
    working = next(p for p in with_model.iterdir() if not p.name.startswith("."))
    os.symlink(working, root / "de_en")
    _broken_newer(root)
    (root / "sibling").mkdir()
    (root / "sibling" / "metadata.json").mkdir()  # a metadata.json that is a folder
    env = _env(DEFNEWS_PACKAGES_DIR=str(root), DEFNEWS_HOME=str(tmp_path / "home"),
               HOME=str(tmp_path))
    run = [sys.executable, "-m", "defnews"]
    r = subprocess.run([*run, "translate", "-", "--no-cache"], input="Die Marine übt.",
                       capture_output=True, text=True, env=env, timeout=120)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip()
    warnings = [line for line in r.stderr.splitlines() if "warning" in line]
    assert len(warnings) == 1, r.stderr
    assert "translate-de_en-1_9" in warnings[0] and "sibling" in warnings[0]
    d = subprocess.run([*run, "doctor", "--json"], capture_output=True, text=True, env=env,
                       timeout=120)
    checks = {c["name"]: c for c in json.loads(d.stdout)}
    assert not checks["package translate-de_en-1_9"]["ok"]
    assert "model.bin" in checks["package translate-de_en-1_9"]["detail"]
    assert checks["German→English model"]["ok"]
    listing = subprocess.run([*run, "models", "list", "--json"], capture_output=True,
                             text=True, env=env, timeout=120)
    assert listing.returncode == 0, listing.stderr
    rows = {r["name"]: r for r in json.loads(listing.stdout)["packages"]}
    assert rows["de_en"]["active"] and not rows["translate-de_en-1_9"]["active"]
    assert rows["sibling"]["problems"] == ["sibling: metadata.json is a folder, not a file"]


@pytest.mark.slow
def test_models_use_last_install_wins_and_list_sources(built: dict[str, Path],
                                                       tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "pk"
    monkeypatch.setenv("DEFNEWS_PACKAGES_DIR", str(root))
    r = runner.invoke(app, ["models", "install", "--file", str(built["locomotive_1_3"])])
    assert r.exit_code == 0, r.output
    r = runner.invoke(app, ["models", "install", "--file", str(built["v1_0"])])
    assert r.exit_code == 0, r.output
    assert "translate-de_en-1_3" in r.stderr  # offered for removal
    assert models.find_model().name == "de_en"  # the one just installed, not the newest
    with zipfile.ZipFile(built["opus_sp_1_9"]) as zf:  # argospm installs a newer one
        zf.extractall(root)
    assert models.find_model().name == "de_en"
    r = runner.invoke(app, ["models", "use", "TRANSLATE-DE_EN-1_9"])
    assert r.exit_code == 0, r.output
    assert models.find_model().name == "translate-de_en-1_9"
    rows = {r["name"]: r for r in json.loads(
        runner.invoke(app, ["models", "list", "--json"]).stdout)["packages"]}
    assert {n: (r["version"], r["source"], r["active"]) for n, r in rows.items()} == {
        "de_en": ("1.0", "file", False), "translate-de_en-1_3": ("1.3", "file", False),
        "translate-de_en-1_9": ("1.9", "argospm", True)}
    r = runner.invoke(app, ["models", "install", "--file", str(built["v1_0"]), "--replace"])
    assert r.exit_code == 0, r.output
    assert sorted(p.name for p in root.iterdir()) == ["de_en"]


@pytest.mark.slow
def test_every_name_form(built: dict[str, Path], tmp_path: Path) -> None:
    root = tmp_path / "pk"
    models_install.install_file(built["v1_0"], root)
    for name in ("de_en", "DE_EN", "translate-de_en-1_0", "Translate-DE_EN-1_0.argosmodel",
                 "translate-de_en", "de-en", str(root / "de_en")):
        assert models.find_model(name, root).name == "de_en", name
    models_install.install_file(built["locomotive_1_3"], root)
    assert models.find_model("translate-de_en-1_3", root).name == "translate-de_en-1_3"
    with pytest.raises(InputError, match="ambiguous: de_en .v1.0., translate-de_en-1_3"):
        models.find_model("translate-de_en", root)
    with pytest.raises(ModelMissingError, match="not found"):
        models.find_model("fr_en", root)


def test_settings_json_and_environment_choose_the_folder(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from defnews import paths

    monkeypatch.delenv("DEFNEWS_HOME")
    xdg = Path(os.environ["XDG_DATA_HOME"])
    assert paths.packages_dir() == xdg / "argos-translate" / "packages"
    settings = Path(os.environ["XDG_CONFIG_HOME"]) / "argos-translate" / "settings.json"
    settings.parent.mkdir(parents=True)
    settings.write_text(json.dumps({"ARGOS_PACKAGES_DIR": str(tmp_path / "from-settings")}))
    assert paths.packages_dir() == tmp_path / "from-settings"
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "from-env"))
    assert paths.packages_dir() == tmp_path / "from-env"
    settings.write_text("{broken")  # argostranslate ignores a malformed file
    monkeypatch.delenv("ARGOS_PACKAGES_DIR")
    assert paths.packages_dir() == xdg / "argos-translate" / "packages"


def test_legacy_folder_and_relative_folder_are_found(with_model: Path, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DEFNEWS_PACKAGES_DIR")
    monkeypatch.delenv("DEFNEWS_HOME")
    with pytest.raises(ModelMissingError):
        models.find_model()
    monkeypatch.setenv("ARGOS_TRANSLATE_PACKAGE_DIR", str(with_model))
    found = models.find_model()
    assert found.path.parent == with_model
    monkeypatch.chdir(with_model)
    assert models.find_model(found.name).path == found.path
    monkeypatch.delenv("ARGOS_TRANSLATE_PACKAGE_DIR")
    assert models.find_model(found.name).path.resolve() == found.path.resolve()  # cwd folder


@pytest.mark.slow
def test_argostranslate_sees_what_defnews_installs_via_settings_json(tmp_path: Path) -> None:
    home = tmp_path / "h"
    cfg = home / ".config" / "argos-translate"
    cfg.mkdir(parents=True)
    target = tmp_path / "argos-packages"
    (cfg / "settings.json").write_text(json.dumps({"ARGOS_PACKAGES_DIR": str(target)}))
    env = _env(HOME=str(home), XDG_DATA_HOME=str(home / "data"),
               XDG_CONFIG_HOME=str(home / ".config"), DEFNEWS_DATA_DIR=str(tmp_path / "d"))
    r = subprocess.run([sys.executable, "-m", "defnews", "models", "install", "--file",
                        str(TEST_PACKAGE)], capture_output=True, text=True, env=env, timeout=120)
    assert r.returncode == 0, r.stderr
    code = ("import argostranslate.package as p; "
            "print([x.package_path.parent.name for x in p.get_installed_packages()])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env=env, timeout=120)
    assert out.stdout.strip() == repr(["argos-packages"]), out.stderr


KILL_SCRIPT = """
import sys
from pathlib import Path
from defnews.models_install import install_file
print("ready", flush=True)
install_file(Path(sys.argv[1]), Path(sys.argv[2]))
print("done", flush=True)
"""


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM, signal.SIGINT])
def test_interrupted_install_leaves_argostranslate_working(built: dict[str, Path],
                                                           tmp_path: Path, sig: int) -> None:
    """Killed at several points of an install: argostranslate still lists the folder and
    any package there is whole; catchable signals also leave no staging folder."""
    root = tmp_path / "packages"
    delays = [0.0, 0.05, 0.1, 0.2, 0.35, 0.6]
    outcomes = []
    for delay in delays:
        proc = subprocess.Popen([sys.executable, "-c", KILL_SCRIPT, str(built["v1_0"]),
                                 str(root)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True, env=_env())
        assert proc.stdout is not None
        first = proc.stdout.readline().strip()
        assert first == "ready", (first, proc.stderr.read() if proc.stderr else "")
        time.sleep(delay)
        proc.send_signal(sig)
        proc.wait(timeout=60)
        outcomes.append(proc.returncode)
        context = (delay, proc.returncode, proc.stderr.read() if proc.stderr else "")
        listing = _argos_lists(root)
        assert listing.returncode == 0, (context, listing.stderr)
        names = eval(listing.stdout)  # noqa: S307 - our own subprocess's repr of a list
        assert names in ([], ["de_en"]), (context, names)
        if names:
            assert not models.find_model(packages_dir=root).problems()
        staging = root.parent / ".packages.defnews" / "staging"
        if sig != signal.SIGKILL:
            assert not staging.exists() or not any(staging.iterdir()), (
                context, list(staging.iterdir()))
    assert any(code != 0 for code in outcomes), "no run was interrupted; the test says nothing"
    (root / ".staging-abc123").mkdir()  # litter of an older defnews version: breaks argos
    assert _argos_lists(root).returncode != 0
    models_install.install_file(built["v1_0"], root)  # the next install cleans what kills left
    assert not (root.parent / ".packages.defnews" / "staging").exists()
    assert _argos_lists(root).stdout.strip() == "['de_en']"
