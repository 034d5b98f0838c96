"""Where defnews keeps things. Pure functions of the environment: nothing is created at import.

Overrides, strongest first: explicit CLI option, environment variable, XDG default.
- DEFNEWS_HOME            one folder for everything (data, config, cache), handy for tests
- DEFNEWS_DATA_DIR        translation memory and digest state (SQLite)
- DEFNEWS_CONFIG_DIR      user glossary
- DEFNEWS_PACKAGES_DIR    Argos packages (default: Argos Translate's own package folder, found
                          as argostranslate finds it, so argospm and defnews share packages)
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
    """The Argos package folder defnews installs into and reads from.

    DEFNEWS_PACKAGES_DIR, then DEFNEWS_HOME/packages, then exactly where argostranslate
    (1.2 to 1.11) looks: ARGOS_PACKAGES_DIR from the environment, else from Argos's
    settings.json, else $XDG_DATA_HOME/argos-translate/packages. So ``argospm`` and defnews
    see the same packages.
    """
    if (p := _env_path("DEFNEWS_PACKAGES_DIR")) is not None:
        return p
    if (h := _home()) is not None:
        return h / "packages"
    return argos_packages_dir()


def _argos_home() -> Path:
    if "SNAP" in os.environ and os.environ.get("SNAP_USER_DATA"):
        return Path(os.environ["SNAP_USER_DATA"])
    return Path.home()


def argos_settings_file() -> Path:
    """Argos Translate's settings.json ($XDG_CONFIG_HOME/argos-translate/settings.json)."""
    base = os.environ.get("XDG_CONFIG_HOME") or str(_argos_home() / ".config")
    return Path(base) / "argos-translate" / "settings.json"


def argos_setting(key: str) -> str | None:
    """A setting as argostranslate reads it: the environment first, then settings.json.

    An unreadable or malformed settings.json counts as empty (argostranslate prints a
    warning and goes on with its defaults).
    """
    if (value := os.environ.get(key)) is not None:
        return value
    try:
        with argos_settings_file().open("rb") as fh:
            raw = fh.read(1 << 20)
        import json

        data = json.loads(raw.decode("utf-8"))
    except (OSError, ValueError, RecursionError):
        return None
    value = data.get(key) if isinstance(data, dict) else None
    return value if isinstance(value, str) and value else None


def argos_packages_dir() -> Path:
    """argostranslate's ``settings.package_data_dir`` (no ``~`` expansion, as there)."""
    if (value := argos_setting("ARGOS_PACKAGES_DIR")) is not None:
        return Path(value)
    xdg = os.environ.get("XDG_DATA_HOME") or str(_argos_home() / ".local" / "share")
    return Path(xdg) / "argos-translate" / "packages"


def legacy_packages_dir() -> Path | None:
    """ARGOS_TRANSLATE_PACKAGE_DIR: argostranslate before 1.2 also scanned it (read only here)."""
    return _env_path("ARGOS_TRANSLATE_PACKAGE_DIR")


def defnews_beside(root: Path) -> Path:
    """defnews's own folder beside the package folder: staging area and package choices.

    A sibling on the same filesystem (renames into the package folder stay atomic) but
    outside the folder argostranslate scans, so nothing defnews leaves there, even after a
    kill, can break ``argostranslate.package.get_installed_packages()``.
    """
    return root.parent / f".{root.name}.defnews"


def user_glossary_path() -> Path:
    return config_dir() / "glossary.tsv"


def shipped_glossary_dir() -> Path:
    """The glossary files shipped with defnews (the repository's glossary/ folder)."""
    return Path(__file__).resolve().parent / "data" / "glossary"


def offline() -> bool:
    return os.environ.get("DEFNEWS_OFFLINE", "").strip().lower() in {"1", "true", "yes", "on"}
