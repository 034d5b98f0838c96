"""Reading inputs with clear errors; writing results atomically, never over an input."""

from __future__ import annotations

import os
import re
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

from defnews.errors import InputError


def max_input_bytes() -> int:
    """Largest article file we read (DEFNEWS_MAX_INPUT_MB, default 20 MB)."""
    try:
        return int(float(os.environ.get("DEFNEWS_MAX_INPUT_MB", "20")) * 1024 * 1024)
    except ValueError:
        return 20 * 1024 * 1024


def _too_large(name: str, size: int) -> InputError:
    return InputError(
        f"{name} is {size / 1024 / 1024:.1f} MB; defnews reads articles of up to "
        f"{max_input_bytes() / 1024 / 1024:.0f} MB",
        hint="Split the file into articles, or raise the limit with DEFNEWS_MAX_INPUT_MB.",
    )


def read_file_bytes(path: Path) -> bytes:
    """The bytes of an input file, or an InputError that says what is wrong."""
    try:
        if path.is_dir():
            raise InputError(f"{path} is a folder, not a file")
        size = path.stat().st_size
        if size > max_input_bytes():
            raise _too_large(str(path), size)
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path} does not exist") from None
    except PermissionError:
        raise InputError(f"{path} cannot be read (permission denied)") from None
    except IsADirectoryError:
        raise InputError(f"{path} is a folder, not a file") from None
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from None


def read_stdin_bytes() -> bytes:
    data = sys.stdin.buffer.read(max_input_bytes() + 1)
    if len(data) > max_input_bytes():
        raise _too_large("standard input", len(data))
    return data


_in_progress: set[str] = set()  # temporary files being written now (removed on Ctrl-C)


def remove_partial_writes() -> None:
    """Delete the temporary files of writes still in progress (the run is being stopped)."""
    for tmp in list(_in_progress):
        Path(tmp).unlink(missing_ok=True)
    _in_progress.clear()


def write_atomic(path: Path, text: str, *, protect: Iterable[Path] = ()) -> None:
    """Write text to path via a temporary file in the same folder and a rename.

    A killed run leaves either the old file or the new one, never half of one.
    `protect` lists inputs of the run: writing over one of them is refused.
    """
    target = path.expanduser()
    for p in protect:
        try:
            if p.exists() and target.exists() and os.path.samefile(p, target):
                raise InputError(f"output {path} is also an input; choose another output file")
        except OSError:
            continue
        if p.resolve() == target.resolve():
            raise InputError(f"output {path} is also an input; choose another output file")
    if target.is_dir():
        raise InputError(f"output {path} is a folder; give a file name")
    parent = target.parent if str(target.parent) else Path(".")
    if not parent.is_dir():
        raise InputError(f"output folder {parent} does not exist")
    _sweep_stale_parts(parent, target.name)
    try:
        # The pid in the name lets a later run tell a killed writer's leftover from a
        # concurrent writer's file in progress.
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.{os.getpid()}.", suffix=".part",
                                   dir=parent)
    except OSError as exc:
        raise InputError(f"cannot write to {parent}: {exc.strerror}") from exc
    _in_progress.add(tmp)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    finally:
        _in_progress.discard(tmp)


def _sweep_stale_parts(folder: Path, name: str) -> None:
    """Remove temporary files of this output left by runs that were killed."""
    pattern = re.compile(rf"^\.{re.escape(name)}\.(\d+)\.[A-Za-z0-9_]+\.part$")
    try:
        candidates = [p for p in folder.iterdir() if p.name.startswith(f".{name}.")]
    except OSError:
        return
    for path in candidates:
        m = pattern.match(path.name)
        if not m or _alive(int(m.group(1))):
            continue
        try:
            path.unlink()
        except OSError:
            pass


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True
    return True


def emit(text: str, out: Path | None, *, protect: Iterable[Path] = ()) -> None:
    """Write to `out` atomically, or to stdout."""
    if out is None or str(out) == "-":
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        sys.stdout.flush()
    else:
        write_atomic(out, text if text.endswith("\n") else text + "\n", protect=protect)
