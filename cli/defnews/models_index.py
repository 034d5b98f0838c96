"""The Argos package index: fetch it, download the German→English package, install it."""

from __future__ import annotations

import json
import os
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

from defnews import paths
from defnews.errors import ModelError, NetworkError, PackageError
from defnews.models import SOURCE_LANG, TARGET_LANG, InstalledModel
from defnews.models_install import (
    _cleanup_on_signals,
    _drop_staging,
    _new_staging,
    install_file,
    max_package_bytes,
)

DEFAULT_INDEX = "https://raw.githubusercontent.com/argosopentech/argospm-index/main/index.json"


def _require_network(offline: bool) -> None:
    if offline or paths.offline():
        raise NetworkError(
            "Network access is forbidden (--offline or DEFNEWS_OFFLINE=1): cannot reach the "
            "Argos package index.",
            hint="Install from a file instead: defnews models install --file PACKAGE.argosmodel",
        )


def fetch_index(*, offline: bool = False, timeout: float = 20.0) -> list[dict[str, Any]]:
    """Download the Argos package index (same URL and format Argos uses)."""
    _require_network(offline)
    url = os.environ.get("ARGOS_PACKAGE_INDEX", "").rstrip("/")
    url = f"{url}/index.json" if url else DEFAULT_INDEX
    try:
        with urllib.request.urlopen(url, timeout=timeout) as resp:  # noqa: S310
            data = json.loads(resp.read(64 << 20).decode("utf-8"))
    except Exception as exc:
        raise NetworkError(
            f"Cannot reach the Argos package index ({url}): {exc}",
            hint="On a machine without network: defnews models install --file PACKAGE.argosmodel",
        ) from exc
    if not isinstance(data, list):
        raise NetworkError(f"The package index at {url} is not a list of packages")
    return data


def download_and_install(
    *, offline: bool = False, packages_dir: Path | None = None,
    progress: Callable[[int, int | None], None] | None = None,
) -> InstalledModel:
    """Fetch the German→English package named by the Argos index, then install it."""
    index = fetch_index(offline=offline)
    from argostranslate.package import AvailablePackage

    candidates = [
        AvailablePackage(m) for m in index
        if isinstance(m, dict) and m.get("from_code") == SOURCE_LANG
        and m.get("to_code") == TARGET_LANG and m.get("type", "translate") == "translate"
    ]
    if not candidates:
        raise ModelError("The Argos package index lists no German→English package.")
    pkg = max(candidates, key=lambda p: tuple(int(x) if x.isdigit() else 0
                                              for x in str(p.package_version).split(".")))
    root = packages_dir or paths.packages_dir()
    limit = max_package_bytes()
    with _cleanup_on_signals():
        staging = _new_staging(root, "install")
        tmp = staging / "download.argosmodel"
        try:
            last_error: Exception | None = None
            for link in pkg.links:
                try:
                    with urllib.request.urlopen(link, timeout=60) as resp, \
                            tmp.open("wb") as out:
                        total = int(resp.headers.get("Content-Length") or 0) or None
                        done = 0
                        while chunk := resp.read(1 << 16):
                            done += len(chunk)
                            if done > limit:
                                raise PackageError(f"the download exceeds {limit >> 20} MB")
                            out.write(chunk)
                            if progress:
                                progress(done, total)
                    last_error = None
                    break
                except PackageError:
                    raise
                except Exception as exc:  # try the next mirror
                    last_error = exc
            if last_error is not None:
                raise NetworkError(f"Download of {pkg} failed: {last_error}")
            return install_file(tmp, root, source="index")
        finally:
            _drop_staging(staging)
