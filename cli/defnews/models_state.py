"""What defnews remembers beside the package folder: the active package and each package's
source (index or file; anything else was installed by argospm or by hand).

Kept in ``paths.defnews_beside(root)/state.json``, next to the package folder it describes,
so switching DEFNEWS_PACKAGES_DIR switches the choice with it.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from defnews import paths
from defnews.errors import ModelError

SOURCES = {"index", "file"}



def _state_path(root: Path) -> Path:
    return paths.defnews_beside(root) / "state.json"


def load_state(root: Path) -> dict[str, Any]:
    try:
        with _state_path(root).open("rb") as fh:
            data = json.loads(fh.read(1 << 20).decode("utf-8"))
    except (OSError, ValueError, RecursionError):
        return {}
    return data if isinstance(data, dict) else {}


def _save_state(root: Path, state: dict[str, Any]) -> None:
    path = _state_path(root)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".state-", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(state, fh, indent=1, sort_keys=True)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def active_name(root: Path) -> str | None:
    name = load_state(root).get("active")
    return name if isinstance(name, str) else None


def set_active(root: Path, name: str | None, *, only_if: str | None = None) -> None:
    """Record the package to use (None: back to the newest that loads)."""
    state = load_state(root)
    if only_if is not None and state.get("active") != only_if:
        return
    state["active"] = name
    try:
        _save_state(root, state)
    except OSError as exc:
        if only_if is None:
            raise ModelError(f"cannot record the choice in {_state_path(root)}: "
                             f"{exc.strerror or exc}") from exc


def record_install(root: Path, name: str, source: str) -> None:
    """After an install: the package becomes active; remember where it came from."""
    state = load_state(root)
    sources = state.get("sources")
    if not isinstance(sources, dict):
        sources = {}
    sources[name] = source
    state.update(active=name, sources=sources)
    with contextlib.suppress(OSError):
        _save_state(root, state)


def source_of(root: Path, name: str) -> str:
    """index, file, or argospm (anything defnews did not install itself)."""
    sources = load_state(root).get("sources")
    value = sources.get(name) if isinstance(sources, dict) else None
    return value if value in SOURCES else "argospm"


