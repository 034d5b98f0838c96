"""Shared fixtures. Every test runs with its own HOME and defnews folders."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures"
TEST_PACKAGE = FIXTURES / "translate-de_en-defnews_test-1_0.argosmodel"
SAMPLES = REPO / "samples"


def sample_files() -> list[Path]:
    """The sample articles (not samples/expected.json)."""
    return sorted(p for p in SAMPLES.iterdir()
                  if p.is_file() and p.suffix in {".md", ".txt", ".html", ".htm", ".xml", ".rss"})


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Keep defnews (and Argos's import-time folder creation) out of the real home."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    monkeypatch.setenv("DEFNEWS_HOME", str(tmp_path / "defnews"))
    for var in ("DEFNEWS_MODEL", "DEFNEWS_PACKAGES_DIR", "DEFNEWS_STORE", "DEFNEWS_OFFLINE",
                "DEFNEWS_DATA_DIR", "DEFNEWS_CONFIG_DIR", "ARGOS_PACKAGES_DIR"):
        monkeypatch.delenv(var, raising=False)
    return tmp_path


@pytest.fixture(scope="session")
def installed_package_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project's test package, installed once per session through the real installer."""
    from defnews.models_install import install_file

    root = tmp_path_factory.mktemp("packages")
    install_file(TEST_PACKAGE, root)
    return root


@pytest.fixture
def with_model(installed_package_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("DEFNEWS_PACKAGES_DIR", str(installed_package_dir))
    return installed_package_dir


def tree(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*")}


def environ_without_defnews() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith("DEFNEWS_")}
