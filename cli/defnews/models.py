"""Argos Translate packages: locate, install (safely, atomically), remove, fetch from the index.

The package format and index are Argos Translate's: a zip (``.argosmodel``) holding one
folder with ``metadata.json``, a CTranslate2 ``model/`` and ``sentencepiece.model``.
Installed packages live in Argos Translate's own package folder unless
DEFNEWS_PACKAGES_DIR says otherwise, so a package installed with ``argospm`` is found too.

Installation does not use Argos's ``install_from_path`` (a plain ``extractall``): every
member is checked first (no ``..``, absolute paths or links, no zip bombs), the package is
unpacked into a staging folder, validated with Argos's own ``Package`` class, and only then
renamed into place. A failure leaves any earlier model untouched.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import stat
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from defnews import paths
from defnews.errors import (
    DefnewsError,
    ModelError,
    ModelMissingError,
    NetworkError,
    PackageError,
)

SOURCE_LANG = "de"
TARGET_LANG = "en"
MAX_UNPACKED_BYTES = 8 * 1024**3  # a real de→en package is ~100 MB unpacked
MAX_RATIO = 200  # unpacked / packed; real packages compress about 1.1:1
MAX_MEMBERS = 10_000

INSTALL_HINT = (
    "Install the German→English package with:\n"
    "  defnews models install\n"
    "or, on a machine without network, from a downloaded file:\n"
    "  defnews models install --file translate-de_en-1_0.argosmodel"
)


@dataclass
class InstalledModel:
    path: Path
    metadata: dict[str, Any] = field(default_factory=dict)
    _identity: str | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def from_code(self) -> str:
        return str(self.metadata.get("from_code", ""))

    @property
    def to_code(self) -> str:
        return str(self.metadata.get("to_code", ""))

    @property
    def version(self) -> str:
        return str(self.metadata.get("package_version", ""))

    @property
    def target_prefix(self) -> str:
        return str(self.metadata.get("target_prefix", "") or "")

    @property
    def model_dir(self) -> Path:
        return self.path / "model"

    @property
    def sp_model(self) -> Path:
        return self.path / "sentencepiece.model"

    def identity(self) -> str:
        """A cheap fingerprint of the model files: it keys the translation memory.

        Hashes metadata, the tokenizer, the model's size and its first and last MiB,
        so a changed model never serves old translations, without reading 100 MB.
        Computed once per instance: every translation-memory lookup and digest entry needs it.
        """
        if self._identity is None:
            self._identity = self._fingerprint()
        return self._identity

    def _fingerprint(self) -> str:
        h = hashlib.sha256()
        h.update(json.dumps(self.metadata, sort_keys=True).encode())
        for f in sorted(self.model_dir.iterdir()) if self.model_dir.is_dir() else []:
            if not f.is_file():
                continue
            size = f.stat().st_size
            h.update(f"{f.name}:{size}".encode())
            with f.open("rb") as fh:
                h.update(fh.read(1 << 20))
                if size > 2 << 20:
                    fh.seek(-(1 << 20), os.SEEK_END)
                    h.update(fh.read(1 << 20))
        if self.sp_model.is_file():
            h.update(self.sp_model.read_bytes())
        return h.hexdigest()[:16]

    def problems(self) -> list[str]:
        """What is missing for this package to translate (empty when usable)."""
        out = []
        if not (self.model_dir / "model.bin").is_file():
            out.append("model/model.bin is missing")
        if not self.sp_model.is_file():
            if (self.path / "bpe.model").is_file():
                out.append("BPE packages are not supported; a SentencePiece package is needed")
            else:
                out.append("sentencepiece.model is missing")
        return out


def read_metadata(package_dir: Path) -> dict[str, Any]:
    meta_path = package_dir / "metadata.json"
    try:
        data = json.loads(meta_path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise PackageError(f"{package_dir.name}: metadata.json is missing") from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise PackageError(f"{package_dir.name}: metadata.json is not valid JSON ({exc})") from exc
    if not isinstance(data, dict):
        raise PackageError(f"{package_dir.name}: metadata.json must hold a JSON object")
    return data


def installed_models(packages_dir: Path | None = None) -> list[InstalledModel]:
    """Every package folder under the package directory (any language pair)."""
    root = packages_dir or paths.packages_dir()
    if not root.is_dir():
        return []
    models = []
    for child in sorted(root.iterdir()):
        if child.name.startswith(".") or not child.is_dir():
            continue
        try:
            models.append(InstalledModel(child, read_metadata(child)))
        except PackageError:
            continue
    return models


def _version_key(model: InstalledModel) -> tuple[int, ...]:
    parts = []
    for p in model.version.split("."):
        parts.append(int(p) if p.isdigit() else 0)
    return tuple(parts)


def find_model(model: str | Path | None = None, packages_dir: Path | None = None) -> InstalledModel:
    """The German→English package to translate with, or a ModelMissingError that says how to fix."""
    choice = model or os.environ.get("DEFNEWS_MODEL") or None
    if choice:
        candidate = Path(choice).expanduser()
        if not candidate.exists():
            named = [m for m in installed_models(packages_dir) if m.name == str(choice)]
            if not named:
                raise ModelMissingError(
                    f"Model {choice} not found (neither a package folder nor an installed "
                    "package name).",
                    hint="See installed packages with: defnews models list",
                )
            candidate = named[0].path
        if candidate.is_file():
            raise ModelError(
                f"{candidate} is a package file; install it first:",
                hint=f"  defnews models install --file {candidate}",
            )
        found = InstalledModel(candidate, read_metadata(candidate))
    else:
        pairs = [
            m for m in installed_models(packages_dir)
            if m.from_code == SOURCE_LANG and m.to_code == TARGET_LANG
        ]
        if not pairs:
            where = packages_dir or paths.packages_dir()
            raise ModelMissingError(
                f"No German→English translation model is installed (looked in {where}).",
                hint=INSTALL_HINT,
            )
        found = max(pairs, key=_version_key)
    if problems := found.problems():
        raise ModelError(
            f"The model at {found.path} is incomplete: {'; '.join(problems)}.",
            hint="Reinstall it with: defnews models install --file PACKAGE.argosmodel",
        )
    return found


# ------------------------------------------------------------------------- install


def _check_members(zf: zipfile.ZipFile, archive_size: int) -> str:
    """Refuse unsafe archives; return the single top-level folder name ('' if flat)."""
    infos = zf.infolist()
    if not infos:
        raise PackageError("the archive is empty")
    if len(infos) > MAX_MEMBERS:
        raise PackageError(f"the archive has {len(infos)} members; a model package has a few")
    total = 0
    tops: set[str] = set()
    for info in infos:
        name = info.filename
        pure = PurePosixPath(name.replace("\\", "/"))
        if name.startswith(("/", "\\")) or pure.is_absolute() or (
            len(name) > 1 and name[1] == ":"
        ):
            raise PackageError(f"refusing member with an absolute path: {name}")
        if ".." in pure.parts:
            raise PackageError(f"refusing member that escapes the package folder: {name}")
        mode = info.external_attr >> 16
        if stat.S_ISLNK(mode):
            raise PackageError(f"refusing symbolic link in the archive: {name}")
        if mode and not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)) and stat.S_IFMT(mode):
            raise PackageError(f"refusing special file in the archive: {name}")
        total += info.file_size
        if pure.parts:
            tops.add(pure.parts[0])
    if total > MAX_UNPACKED_BYTES or total > MAX_RATIO * max(archive_size, 1):
        raise PackageError(
            f"the archive would unpack to {total / 1e6:.0f} MB from {archive_size / 1e6:.1f} MB: "
            "refusing a possible zip bomb"
        )
    if len(tops) == 1:
        top = next(iter(tops))
        if any(i.filename.rstrip("/") == top and not i.is_dir() for i in infos):
            return ""
        return top
    return ""


def validate_package_dir(package_dir: Path) -> InstalledModel:
    """Check an unpacked package: metadata, language pair, model files, Argos's own loader."""
    meta = read_metadata(package_dir)
    if meta.get("type", "translate") != "translate":
        raise PackageError(f"this is a '{meta.get('type')}' package, not a translation model")
    if (meta.get("from_code"), meta.get("to_code")) != (SOURCE_LANG, TARGET_LANG):
        raise PackageError(
            f"this package translates {meta.get('from_code')}→{meta.get('to_code')}; "
            "defnews needs German→English (de→en)"
        )
    model = InstalledModel(package_dir, meta)
    if problems := model.problems():
        raise PackageError("the package is incomplete: " + "; ".join(problems))
    try:
        from argostranslate.package import Package  # the format's own reader

        Package(package_dir)
    except Exception as exc:  # Argos raises bare Exceptions
        raise PackageError(f"Argos Translate cannot read this package: {exc}") from exc
    return model


def install_file(archive: Path, packages_dir: Path | None = None) -> InstalledModel:
    """Install a .argosmodel file safely and atomically; returns the installed model."""
    root = packages_dir or paths.packages_dir()
    if archive.is_dir():
        raise PackageError(f"{archive} is a folder; pass the .argosmodel file")
    try:
        size = archive.stat().st_size
        is_zip = zipfile.is_zipfile(archive)
    except OSError as exc:
        raise PackageError(f"cannot read {archive}: {exc.strerror}") from exc
    if not is_zip:
        raise PackageError(f"{archive} is not an Argos package (not a zip archive)")
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ModelError(f"cannot create the package folder {root}: {exc.strerror}") from exc
    staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=root))
    try:
        try:
            with zipfile.ZipFile(archive) as zf:
                top = _check_members(zf, size)
                bad = zf.testzip()
                if bad is not None:
                    raise PackageError(f"the archive is damaged (bad CRC in {bad})")
                _extract(zf, staging)
        except (zipfile.BadZipFile, EOFError, OSError, ValueError) as exc:
            if isinstance(exc, PackageError):
                raise
            raise PackageError(f"the archive is damaged or truncated: {exc}") from exc
        unpacked = staging / top if top else staging
        model = validate_package_dir(unpacked)
        name = top or f"translate-{SOURCE_LANG}_{TARGET_LANG}-{model.version or '1_0'}"
        target = root / name
        _replace_dir(unpacked, target)
        return InstalledModel(target, model.metadata)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _extract(zf: zipfile.ZipFile, dest: Path) -> None:
    """Extract member by member, counting real bytes (a lying header cannot bomb us)."""
    budget = MAX_UNPACKED_BYTES
    dest_resolved = dest.resolve()
    for info in zf.infolist():
        target = (dest / info.filename).resolve()
        if dest_resolved not in target.parents and target != dest_resolved:
            raise PackageError(f"refusing member that escapes the package folder: {info.filename}")
        if info.is_dir():
            target.mkdir(parents=True, exist_ok=True)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        with zf.open(info) as src, open(target, "wb") as out:
            while chunk := src.read(1 << 20):
                budget -= len(chunk)
                if budget < 0 or out.tell() > info.file_size + (1 << 20):
                    raise PackageError("the archive unpacks to more than it declares: refusing")
                out.write(chunk)


def _replace_dir(new: Path, target: Path) -> None:
    """Move `new` to `target`; an existing target is swapped out only after the move works."""
    old = None
    if target.exists():
        old = target.with_name(f".old-{target.name}-{os.getpid()}")
        if old.exists():
            shutil.rmtree(old)
        target.rename(old)
    try:
        new.rename(target)
    except OSError:
        if old is not None:
            old.rename(target)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def remove(name: str | None = None, packages_dir: Path | None = None) -> InstalledModel:
    model = find_model(name, packages_dir) if name else find_model(None, packages_dir)
    root = (packages_dir or paths.packages_dir()).resolve()
    if root not in model.path.resolve().parents:
        raise ModelError(f"{model.path} is not inside the package folder {root}; not removing it")
    trash = model.path.with_name(f".removing-{model.path.name}")
    model.path.rename(trash)
    shutil.rmtree(trash, ignore_errors=True)
    return model


# --------------------------------------------------------------------- the index

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
    import urllib.request

    url = os.environ.get("ARGOS_PACKAGE_INDEX", "").rstrip("/")
    url = f"{url}/index.json" if url else DEFAULT_INDEX
    try:
        with urllib.request.urlopen(url, timeout=timeout) as resp:  # noqa: S310
            data = json.loads(resp.read().decode("utf-8"))
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
    import urllib.request

    root = packages_dir or paths.packages_dir()
    root.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".download-", suffix=".argosmodel", dir=root)
    try:
        last_error: Exception | None = None
        for link in pkg.links:
            try:
                with urllib.request.urlopen(link, timeout=60) as resp, os.fdopen(
                    os.dup(fd), "wb"
                ) as out:
                    out.seek(0)
                    out.truncate()
                    total = int(resp.headers.get("Content-Length") or 0) or None
                    done = 0
                    while chunk := resp.read(1 << 16):
                        out.write(chunk)
                        done += len(chunk)
                        if progress:
                            progress(done, total)
                last_error = None
                break
            except Exception as exc:  # try the next mirror
                last_error = exc
        if last_error is not None:
            raise NetworkError(f"Download of {pkg} failed: {last_error}")
        return install_file(Path(tmp), root)
    finally:
        os.close(fd)
        Path(tmp).unlink(missing_ok=True)


def list_rows(packages_dir: Path | None = None) -> list[dict[str, Any]]:
    """Every installed package as `models list` shows it, the active de→en one marked."""
    try:
        active = find_model(packages_dir=packages_dir).path
    except DefnewsError:
        active = None
    return [{"name": m.name, "from": m.from_code, "to": m.to_code, "version": m.version,
             "path": str(m.path), "active": m.path == active}
            for m in installed_models(packages_dir)]
