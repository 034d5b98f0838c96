"""`defnews doctor`: what is installed where, what is missing, and how to fix each gap."""

from __future__ import annotations

import os
import sys
from importlib import metadata
from pathlib import Path
from typing import Any

from defnews import paths
from defnews.errors import DefnewsError


def _check(name: str, ok: bool, detail: str, fix: str | None = None,
           required: bool = False) -> dict[str, Any]:
    return {"name": name, "ok": ok, "detail": detail, "fix": fix, "required": required}


def _version(dist: str) -> str | None:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return None


def _writable(path: Any) -> bool:
    p = path
    while not p.exists() and p != p.parent:
        p = p.parent
    return os.access(p, os.W_OK)


def _package_checks(pkg_dir: Path) -> list[dict[str, Any]]:
    """A line for every de→en package that cannot load, and for litter argostranslate
    would choke on (folders older defnews versions left inside the package folder)."""
    from defnews import models
    from defnews.models_install import LEGACY_LITTER

    checks = []
    for m in models.installed_models():
        if (models.is_de_en(m) or m.broken) and (problems := m.problems()):
            checks.append(_check(f"package {m.name}", False,
                                 f"cannot load ({'; '.join(problems)}); skipped",
                                 f"defnews models remove {m.name}"))
    try:
        litter = [p.name for p in pkg_dir.iterdir() if p.name.startswith(LEGACY_LITTER)]
    except OSError:
        litter = []
    if litter:
        checks.append(_check("package folder litter", False, ", ".join(sorted(litter)),
                             "defnews models install (or list) removes them; they make "
                             "argostranslate's package listing fail"))
    return checks


def diagnose() -> list[dict[str, Any]]:
    from defnews import models

    checks = [_check("python", sys.version_info >= (3, 10), sys.version.split()[0],
                     "install Python 3.10 or newer", required=True)]
    for dist in ("argostranslate", "ctranslate2", "sentencepiece", "sumy", "trafilatura"):
        v = _version(dist)
        checks.append(_check(dist, v is not None, v or "not installed",
                             f"pip install {dist}", required=True))
    pkg_dir = paths.packages_dir()
    checks.append(_check("packages folder", pkg_dir.is_dir() or _writable(pkg_dir), str(pkg_dir),
                         f"make it writable or set DEFNEWS_PACKAGES_DIR (now {pkg_dir})"))
    try:
        m = models.find_model(warn=False)
        checks.append(_check("German→English model", True,
                             f"{m.name} v{m.version} at {m.path}", required=True))
    except DefnewsError as exc:
        checks.append(_check("German→English model", False, exc.message,
                             "defnews models install   (offline: defnews models install --file "
                             "PACKAGE.argosmodel)", required=True))
    checks.extend(_package_checks(pkg_dir))
    shipped = sorted(paths.shipped_glossary_dir().glob("*.tsv"))
    checks.append(_check("shipped glossary", bool(shipped),
                         ", ".join(str(p) for p in shipped) or "no files",
                         "reinstall defnews (the glossary ships with the package)"))
    user = paths.user_glossary_path()
    checks.append(_check("user glossary", True,
                         f"{user}" + ("" if user.exists() else " (none; optional: create it to "
                                      "add or override terms)")))
    store = paths.store_path()
    checks.append(_check("translation memory", _writable(store.parent), str(store),
                         f"make {store.parent} writable or set DEFNEWS_STORE"))
    checks.append(_check("network", True, "forbidden (offline mode)" if paths.offline()
                         else "allowed (only `models install` uses it)"))
    try:
        import ctranslate2

        cuda = ctranslate2.get_cuda_device_count()
    except Exception:  # a broken ctranslate2 install is reported above
        cuda = 0
    checks.append(_check("device", True, f"{cuda} CUDA device(s); " +
                         ("translation runs on the GPU" if cuda else "translation runs on CPU")))
    return checks
