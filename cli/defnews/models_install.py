"""Installing and removing Argos packages safely, atomically and outside Argos's scan.

Argos's own ``install_from_path`` is a plain ``extractall`` into the package folder. Here
every member is checked first (no ``..``, absolute paths, links, encrypted members, unknown
compression, zip bombs), the package is unpacked in defnews's staging folder *beside* the
package folder (same filesystem, but not scanned by argostranslate), validated, and only
then renamed into place under a name built by :func:`package_path`, the one function that
turns anything read from a package into a path. A kill at any point leaves the package
folder as argostranslate expects it; SIGINT and SIGTERM also remove the staging folder.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import shutil
import signal
import stat
import sys
import threading
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path, PurePosixPath
from typing import Any

from defnews import paths
from defnews.errors import ModelError, PackageError
from defnews.fileio import process_alive
from defnews.models import (
    SOURCE_LANG,
    TARGET_LANG,
    InstalledModel,
    find_model,
    read_metadata,
    resolve_name,
)
from defnews.models_state import record_install, set_active

MAX_UNPACKED_BYTES = 8 * 1024**3  # a real de→en package is ~100 MB unpacked
MAX_RATIO = 200  # unpacked / packed; real packages compress about 1.1:1
MAX_MEMBERS = 10_000
DEFAULT_MAX_PACKAGE_MB = 2048  # the archive itself (DEFNEWS_MAX_PACKAGE_MB)
SUPPORTED_COMPRESSION = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2,
                         zipfile.ZIP_LZMA}
SAFE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._+-]{0,127}")
LEGACY_LITTER = (".staging-", ".removing-", ".old-", ".download-")  # defnews ≤ 0.x, in root


# ------------------------------------------------------------------ paths from packages


def package_path(root: Path, name: object) -> Path:
    """``root / name`` for a name that came from a package (zip folder or metadata).

    The single place such a name becomes a path: a plain folder name (letters, digits,
    ``._+-``, no ``..``), whose result is a direct child of root. Anything else is refused.
    """
    if not isinstance(name, str) or not SAFE_NAME.fullmatch(name) or ".." in name:
        shown = repr(name) if len(repr(name)) <= 80 else repr(name)[:77] + "..."
        raise PackageError(f"refusing package folder name {shown}: not a plain folder name")
    path = root / name
    if path.parent != root:
        raise PackageError(f"refusing package folder name {name!r}")
    return path


def folder_name(meta: dict[str, Any]) -> str:
    """Argos's file name for a package: ``translate-de_en-1_0`` (checked by package_path)."""
    version = str(meta.get("package_version") or "1.0").replace(".", "_")
    return f"translate-{meta.get('from_code')}_{meta.get('to_code')}-{version}"


# ------------------------------------------------------------ staging and interruption

_staging_now: set[Path] = set()  # staging folders of installs in progress (this process)
_to_restore: list[tuple[Path, Path]] = []  # (moved away, original place) during a swap


def cleanup_staging() -> None:
    """Undo an install in progress: put back a package being swapped, delete staging.

    Safe to call from a signal handler (the CLI's SIGINT handler calls it before exiting).
    """
    for moved, original in list(_to_restore):
        with contextlib.suppress(OSError):
            if moved.exists() and not original.exists():
                moved.rename(original)
    _to_restore.clear()
    for folder in list(_staging_now):
        shutil.rmtree(folder, ignore_errors=True)
    _staging_now.clear()


def _on_signal(previous: dict[int, Any]) -> Callable[[int, Any], None]:
    def handler(signum: int, frame: Any) -> None:
        cleanup_staging()
        prev = previous.get(signum)
        if callable(prev):
            prev(signum, frame)  # the CLI's own handler (exits 130) or Python's default
        with contextlib.suppress(OSError):
            sys.stderr.write("defnews: interrupted; nothing was installed\n")
            sys.stderr.flush()
        os._exit(128 + signum)

    return handler


@contextlib.contextmanager
def _cleanup_on_signals() -> Iterator[None]:
    """While installing, SIGINT/SIGTERM remove the staging folder before the process ends."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous: dict[int, Any] = {}
    for sig in (int(signal.SIGINT), int(signal.SIGTERM)):
        current = signal.getsignal(sig)
        if current is signal.SIG_IGN:
            continue
        previous[sig] = current
    handler = _on_signal(previous)
    for sig in previous:
        signal.signal(sig, handler)
    try:
        yield
    finally:
        for sig, prev in previous.items():
            signal.signal(sig, prev if prev is not None else signal.SIG_DFL)


def clean_stale(root: Path) -> list[str]:
    """Remove what killed installs left: dead processes' staging folders beside the package
    folder, and the ``.staging-*``/``.removing-*`` folders older defnews versions left inside
    it (they make argostranslate's package listing raise). Returns what was removed."""
    removed = []
    staging = paths.defnews_beside(root) / "staging"
    with contextlib.suppress(OSError):
        for child in staging.iterdir():
            m = re.match(r"(?:install|remove)-(\d+)-", child.name)
            if m and not process_alive(int(m.group(1))):
                shutil.rmtree(child, ignore_errors=True)
                removed.append(str(child))
    with contextlib.suppress(OSError):
        for child in root.iterdir():
            if child.name.startswith(LEGACY_LITTER) and not child.is_symlink():
                if child.is_dir():
                    shutil.rmtree(child, ignore_errors=True)
                else:
                    child.unlink(missing_ok=True)
                removed.append(str(child))
    return removed


def _new_staging(root: Path, kind: str) -> Path:
    base = paths.defnews_beside(root) / "staging"
    folder = base / f"{kind}-{os.getpid()}-{secrets.token_hex(6)}"
    _staging_now.add(folder)  # before it exists: a signal in between still removes it
    try:
        root.mkdir(parents=True, exist_ok=True)
        base.mkdir(parents=True, exist_ok=True)
        folder.mkdir(mode=0o700)
    except OSError as exc:
        _staging_now.discard(folder)
        raise ModelError(f"cannot create the staging folder in {base.parent}: "
                         f"{exc.strerror or exc}") from exc
    return folder


def _drop_staging(folder: Path) -> None:
    """Delete a staging folder, and defnews's folders beside the package folder if empty."""
    shutil.rmtree(folder, ignore_errors=True)
    _staging_now.discard(folder)
    for empty in (folder.parent, folder.parent.parent):
        try:
            empty.rmdir()
        except OSError:
            break


# ------------------------------------------------------------------------- archives


def max_package_bytes() -> int:
    """Largest package archive read (DEFNEWS_MAX_PACKAGE_MB, 1 to 1,000,000; default 2048)."""
    from defnews import settings

    mb = settings.env_float("DEFNEWS_MAX_PACKAGE_MB", DEFAULT_MAX_PACKAGE_MB, 1, 1e6)
    return int(mb * 1024 * 1024)


def _archive_copy(archive: Path, staging: Path) -> Path:
    """The archive as a regular file of bounded size (a FIFO or device is copied in)."""
    limit = max_package_bytes()
    too_big = PackageError(f"{archive} is larger than {limit // (1024 * 1024)} MB; an Argos "
                           "package is about 100 MB (raise DEFNEWS_MAX_PACKAGE_MB if needed)")
    try:
        st = archive.stat()
        if stat.S_ISDIR(st.st_mode):
            raise PackageError(f"{archive} is a folder; pass the .argosmodel file")
        if stat.S_ISREG(st.st_mode):
            if st.st_size > limit:
                raise too_big
            return archive
        copy = staging / "package.zip"
        with archive.open("rb") as src, copy.open("wb") as out:
            head = src.read(4)
            if head != b"PK\x03\x04":
                raise PackageError(f"{archive} is not an Argos package (not a zip archive)")
            out.write(head)
            while chunk := src.read(1 << 20):
                if out.tell() + len(chunk) > limit:
                    raise too_big
                out.write(chunk)
        return copy
    except OSError as exc:
        raise PackageError(f"cannot read {archive}: {exc.strerror or exc}") from exc


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
            raise PackageError(f"refusing member with an absolute path: {name!r}")
        if ".." in pure.parts:
            raise PackageError(f"refusing member that escapes the package folder: {name!r}")
        if info.flag_bits & 0x1:
            raise PackageError(f"refusing encrypted member {name!r}: packages are not encrypted")
        if info.compress_type not in SUPPORTED_COMPRESSION:
            raise PackageError(f"refusing member {name!r}: unknown compression method "
                               f"{info.compress_type}")
        mode = info.external_attr >> 16
        if stat.S_ISLNK(mode):
            raise PackageError(f"refusing symbolic link in the archive: {name!r}")
        if mode and not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)) and stat.S_IFMT(mode):
            raise PackageError(f"refusing special file in the archive: {name!r}")
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


def _extract(zf: zipfile.ZipFile, dest: Path) -> None:
    """Extract member by member, counting real bytes (a lying header cannot bomb us)."""
    budget = MAX_UNPACKED_BYTES
    dest_resolved = dest.resolve()
    for info in zf.infolist():
        target = (dest / info.filename).resolve()
        if dest_resolved not in target.parents and target != dest_resolved:
            raise PackageError(f"refusing member that escapes the package folder: "
                               f"{info.filename!r}")
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


def validate_package_dir(package_dir: Path) -> InstalledModel:
    """Check an unpacked package: metadata, language pair, model files, Argos's own loader."""
    meta = read_metadata(package_dir)
    if meta.get("type", "translate") != "translate":
        raise PackageError(f"this is a {str(meta.get('type'))[:40]!r} package, "
                           "not a translation model")
    if (meta.get("from_code"), meta.get("to_code")) != (SOURCE_LANG, TARGET_LANG):
        raise PackageError(
            f"this package translates {str(meta.get('from_code'))[:20]}→"
            f"{str(meta.get('to_code'))[:20]}; defnews needs German→English (de→en)"
        )
    model = InstalledModel(package_dir, meta)
    if problems := model.problems():
        raise PackageError("the package is incomplete: " + "; ".join(problems))
    try:
        from argostranslate.package import Package

        Package(package_dir)
    except Exception as exc:  # Argos raises bare Exceptions
        raise PackageError(f"Argos Translate cannot read this package: {exc}") from exc
    return model


def install_file(archive: Path, packages_dir: Path | None = None, *,
                 source: str = "file") -> InstalledModel:
    """Install a .argosmodel file safely and atomically; it becomes the active package.

    The folder keeps the archive's top folder name (as argospm unpacks it: ``de_en`` for
    1.0, ``translate-de_en-1_3`` later) or, for a flat archive, Argos's file name.
    """
    root = packages_dir or paths.packages_dir()
    with _cleanup_on_signals():
        staging = _new_staging(root, "install")
        try:
            clean_stale(root)
            copy = _archive_copy(archive, staging)
            unpacked = staging / "unpacked"
            try:
                size = copy.stat().st_size
                with zipfile.ZipFile(copy) as zf:
                    top = _check_members(zf, size)
                    if top:
                        package_path(unpacked, top)  # a plain name, before anything is written
                    bad = zf.testzip()
                    if bad is not None:
                        raise PackageError(f"the archive is damaged (bad CRC in {bad!r})")
                    _extract(zf, unpacked)
            except PackageError:
                raise
            except (zipfile.BadZipFile, EOFError, OSError, ValueError,
                    NotImplementedError, RuntimeError) as exc:
                if isinstance(exc, zipfile.BadZipFile) and "not a zip" in str(exc):
                    raise PackageError(f"{archive} is not an Argos package (not a zip archive)") \
                        from exc
                raise PackageError(f"the archive is damaged or truncated: {exc}") from exc
            package_dir = unpacked / top if top else unpacked
            model = validate_package_dir(package_dir)
            target = package_path(root, top or folder_name(model.metadata))
            _swap_in(package_dir, target, staging)
        finally:
            _drop_staging(staging)
    installed = InstalledModel(target, model.metadata)
    record_install(root, installed.name, source)
    return installed


def _swap_in(new: Path, target: Path, staging: Path) -> None:
    """Move `new` to `target`; an existing target is moved into staging first and put back
    if the move fails or the process is interrupted in between."""
    old = None
    if target.exists() or target.is_symlink():
        old = staging / "previous"
        _to_restore.append((old, target))
        target.rename(old)
    try:
        new.rename(target)
    except OSError as exc:
        if old is not None:
            old.rename(target)
        raise ModelError(f"cannot move the package into {target.parent}: "
                         f"{exc.strerror or exc}") from exc
    finally:
        _to_restore.clear()


def older_versions(installed: InstalledModel, packages_dir: Path | None = None
                   ) -> list[InstalledModel]:
    """The other installed packages of the same language pair (candidates for --replace)."""
    from defnews.models import installed_models

    return [m for m in installed_models(packages_dir)
            if m.path != installed.path and (m.from_code, m.to_code)
            == (installed.from_code, installed.to_code)]


def remove(name: str | None = None, packages_dir: Path | None = None) -> InstalledModel:
    """Remove a package: renamed into the staging area first (atomic), then deleted."""
    root = packages_dir or paths.packages_dir()
    model = resolve_name(name, root) if name else find_model(None, root)  # broken ones too
    if model.path.parent.resolve() != root.resolve() or model.path.is_symlink():
        raise ModelError(f"{model.path} is not a folder of the package folder {root}; "
                         "not removing it")
    with _cleanup_on_signals():
        staging = _new_staging(root, "remove")
        try:
            model.path.rename(staging / "package")
        except OSError as exc:
            raise ModelError(f"cannot remove {model.path}: {exc.strerror or exc}") from exc
        finally:
            _drop_staging(staging)
    set_active(root, None, only_if=model.name)
    return model
