"""Where defnews keeps things. Pure functions of the environment: nothing is created at import.

Overrides, strongest first: explicit CLI option, environment variable, XDG default.
- DEFNEWS_HOME            one folder for everything (data, config, cache), handy for tests
- DEFNEWS_DATA_DIR        translation memory and digest state (SQLite)
- DEFNEWS_CONFIG_DIR      user glossary
- DEFNEWS_PACKAGES_DIR    Argos packages (default: Argos Translate's own package folder,
                          so a model installed with argospm is found too)
- DEFNEWS_STORE           path of the SQLite store file
"""

from __future__ import annotations

import os
from pathlib import Path

APP = "defnews"


def _env_path(name: str) -> Path | None:
    value = os.environ.get(name)
    return Path(value).expanduser() if value else None


def _home() -> Path | None:
    return _env_path("DEFNEWS_HOME")


def data_dir() -> Path:
    if (p := _env_path("DEFNEWS_DATA_DIR")) is not None:
        return p
    if (h := _home()) is not None:
        return h / "data"
    from platformdirs import user_data_path

    return user_data_path(APP)


def config_dir() -> Path:
    if (p := _env_path("DEFNEWS_CONFIG_DIR")) is not None:
        return p
    if (h := _home()) is not None:
        return h / "config"
    from platformdirs import user_config_path

    return user_config_path(APP)


def store_path() -> Path:
    if (p := _env_path("DEFNEWS_STORE")) is not None:
        return p
    return data_dir() / "defnews.sqlite3"


def packages_dir() -> Path:
    """The Argos package folder defnews installs into and reads from."""
    if (p := _env_path("DEFNEWS_PACKAGES_DIR")) is not None:
        return p
    if (h := _home()) is not None:
        return h / "packages"
    if (p := _env_path("ARGOS_PACKAGES_DIR")) is not None:
        return p
    xdg = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(xdg) / "argos-translate" / "packages"


def user_glossary_path() -> Path:
    return config_dir() / "glossary.tsv"


def shipped_glossary_dir() -> Path:
    """The glossary files shipped with defnews (the repository's glossary/ folder)."""
    return Path(__file__).resolve().parent / "data" / "glossary"


def offline() -> bool:
    return os.environ.get("DEFNEWS_OFFLINE", "").strip().lower() in {"1", "true", "yes", "on"}
