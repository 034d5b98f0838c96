"""Reading inputs with a bound and clear errors; writing results safely, never over an input.

Every input (files, standard input, FIFOs, devices such as /dev/zero) is read through
`read_bounded`: at most the limit plus one byte, in chunks, so an endless or oversized
input stops at once with exit 2 instead of filling memory. Every output goes through
`write_output`: a regular file is written to a temporary file and renamed (a killed run
leaves the old file or the new one, never half of one); a device, a FIFO, /dev/stdout or a
symlink to one of them is written through, never replaced; a symlink to a regular file has
its target replaced and stays a link.
"""

from __future__ import annotations

import errno
import io
import os
import re
import shlex
import stat
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

from defnews.errors import DefnewsError, InputError, shown
from defnews.settings import max_input_bytes

__all__ = ["check_output_path", "emit", "is_same_file", "max_input_bytes", "os_reason",
           "read_bounded", "read_file_bytes", "read_stdin_bytes", "real_path",
           "remove_partial_writes", "write_atomic", "write_output"]

CHUNK = 1 << 20


def os_reason(exc: OSError) -> str:
    """Why a file operation failed, for a message; a symlink loop says what it is (its
    strerror alone, 'Too many levels of symbolic links', does not name the fix)."""
    if exc.errno == errno.ELOOP:
        return "too many levels of symbolic links (a link that leads back to itself)"
    return exc.strerror or str(exc)


def real_path(path: Path) -> Path:
    """The path with every link resolved as far as it goes; unlike Path.resolve() (a
    RuntimeError on a symlink loop before Python 3.13) it never raises."""
    return Path(os.path.realpath(path.expanduser()))


def check_output_path(path: Path) -> None:
    """Refuse an output that can never be written (exit 2), before any work is done: a
    symlink loop, a path through a file, a name too long. A path that does not exist yet
    is fine; other problems (permissions, a full disk) are reported when writing."""
    if str(path) == "-":
        return
    try:
        os.stat(path.expanduser())
    except (FileNotFoundError, PermissionError):
        return
    except OSError as exc:
        raise InputError(f"cannot write {shown(path)}: {os_reason(exc)}",
                         hint="Choose another output file") from None
    except ValueError:  # a NUL byte in the name
        raise InputError(f"cannot write {shown(path)}: not a usable file name") from None


def _too_large(name: str, limit: int, size: int | None = None) -> InputError:
    what = f"is {size / 1024 / 1024:.1f} MB" if size is not None else "is over the limit"
    return InputError(
        f"{name} {what}; defnews reads inputs of up to {limit / 1024 / 1024:g} MB",
        hint="Split the file into articles, or raise the limit with DEFNEWS_MAX_INPUT_MB.",
    )


def read_bounded(stream: BinaryIO, name: str, limit: int) -> bytes:
    """Read `stream` to its end, but never more than `limit` + 1 bytes (then InputError)."""
    parts: list[bytes] = []
    total = 0
    while True:
        chunk = stream.read(min(CHUNK, limit + 1 - total))
        if not chunk:
            return b"".join(parts)
        parts.append(chunk)
        total += len(chunk)
        if total > limit:
            raise _too_large(name, limit)


def read_file_bytes(path: Path, *, limit: int | None = None) -> bytes:
    """The bytes of an input file (or FIFO, or device), or an InputError saying what is wrong.

    `limit` defaults to DEFNEWS_MAX_INPUT_MB; a regular file over it is refused before
    anything is read, anything else is read up to it.
    """
    limit = max_input_bytes() if limit is None else limit
    name = shown(path)
    try:
        st = os.stat(path)
        if stat.S_ISDIR(st.st_mode):
            raise InputError(f"{name} is a folder, not a file")
        if stat.S_ISREG(st.st_mode) and st.st_size > limit:
            raise _too_large(name, limit, st.st_size)
        with open(path, "rb") as fh:
            return read_bounded(fh, name, limit)
    except FileNotFoundError:
        raise InputError(f"{name} does not exist") from None
    except PermissionError:
        raise InputError(f"{name} cannot be read (permission denied)") from None
    except IsADirectoryError:
        raise InputError(f"{name} is a folder, not a file") from None
    except OSError as exc:
        raise InputError(f"cannot read {name}: {os_reason(exc)}") from None


_closed_streams: set[int] = set()  # standard streams found closed at start (see guard_...)


def guard_standard_streams() -> None:
    """Call first in main(): a standard stream the caller closed (`<&-`, `>&-`) is put on
    /dev/null, so no file opened later (the store!) takes its number and receives output
    meant for the terminal; reading stdin or writing stdout then fails with one clear line."""
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            try:
                null = os.open(os.devnull, os.O_RDWR)
            except OSError:
                continue
            if null != fd:
                os.dup2(null, fd)
                os.close(null)
            _closed_streams.add(fd)
    if 1 in _closed_streams:
        sys.stdout = _ClosedOutput()
    elif type(sys.stdout) is io.TextIOWrapper:
        sys.stdout = _CheckedOutput(sys.stdout)


class _ClosedOutput(io.TextIOBase):
    """sys.stdout when the caller closed it: any write is an OutputError, so output printed
    by typer.echo ends in one clear line (exit 1) instead of vanishing with exit 0."""

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        raise OutputError("standard output is closed; give an output file with -o")

    def fileno(self) -> int:
        return 1


class _CheckedOutput(io.TextIOWrapper):
    """sys.stdout whose failed writes (disk full, I/O error) are an OutputError, one clear
    line wherever the text was printed from; a reader that went away (BrokenPipeError) is
    passed on as it is."""

    def __init__(self, original: io.TextIOWrapper) -> None:
        original.flush()
        super().__init__(original.buffer, encoding=original.encoding, errors=original.errors,
                         line_buffering=original.line_buffering,
                         write_through=original.write_through)
        self._original = original  # keeps the shared buffer open as long as we live

    def write(self, text: str) -> int:
        try:
            return super().write(text)
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise self._failed(exc) from None

    def flush(self) -> None:
        try:
            super().flush()
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise self._failed(exc) from None

    def _failed(self, exc: OSError) -> OutputError:
        """The error to raise; the text still buffered goes to /dev/null from now on, so
        the flush at exit does not report the same failure a second time."""
        try:
            null = os.open(os.devnull, os.O_WRONLY)
            os.dup2(null, self.buffer.fileno())
            os.close(null)
        except (OSError, ValueError):
            pass
        return output_failed(exc, "standard output")


def read_stdin_bytes(*, limit: int | None = None) -> bytes:
    """Standard input, bounded as files are."""
    limit = max_input_bytes() if limit is None else limit
    if 0 in _closed_streams or sys.stdin is None:
        raise InputError("standard input is closed; give a file name or pipe the text in")
    try:
        return read_bounded(sys.stdin.buffer, "standard input", limit)
    except OSError as exc:
        raise InputError(f"cannot read standard input: {exc.strerror or exc}") from None


class OutputError(DefnewsError):
    """The result could not be written (disk full, closed stdout...): exit 1."""


def output_failed(exc: OSError, name: str) -> OutputError:
    """The one line for a failed write of `name` (give `standard output` for stdout)."""
    if exc.errno == errno.ENOSPC:
        return OutputError(f"cannot write {name}: no space left on the device")
    if exc.errno == errno.EPIPE:
        return OutputError(f"cannot write {name}: the reading end was closed")
    if exc.errno == errno.EBADF:
        return OutputError(f"cannot write {name}: it is closed; give an output file with -o")
    return OutputError(f"cannot write {name}: {exc.strerror or exc}")


def write_stdout(text: str) -> None:
    """Write and flush text on standard output; a full or closed stdout is an OutputError.

    A reader that went away (BrokenPipeError, `| head`) is passed on as it is: the CLI
    treats it as the end of the run, not as an error.
    """
    if 1 in _closed_streams or sys.stdout is None:
        raise OutputError("standard output is closed; give an output file with -o")
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise output_failed(exc, "standard output") from None


def flush_stdout_at_exit() -> str | None:
    """Call at the end of main(): flush stdout and return the error line if that fails
    (the text typer printed was buffered: /dev/full says so only now), else None. Stdout
    is then pointed at /dev/null so the interpreter's own flush cannot fail again."""
    try:
        if sys.stdout is not None:
            sys.stdout.flush()
        return None
    except BrokenPipeError:
        message = None
    except OSError as exc:
        message = "defnews: error: " + output_failed(exc, "standard output").message
    except DefnewsError as exc:  # from _CheckedOutput
        message = "defnews: error: " + exc.message
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, ValueError, AttributeError):
        pass
    return message


_in_progress: set[str] = set()  # temporary files being written now (removed on Ctrl-C)


def remove_partial_writes() -> None:
    """Delete the temporary files of writes still in progress (the run is being stopped)."""
    for tmp in list(_in_progress):
        Path(tmp).unlink(missing_ok=True)
    _in_progress.clear()


def is_same_file(a: Path, b: Path) -> bool:
    """Whether two paths name one file: the same inode, or (for one not written yet) the
    same real path. Never raises, also not on a symlink loop."""
    try:
        if os.path.samefile(a, b):
            return True
    except (OSError, ValueError):
        pass
    return real_path(a) == real_path(b)


def _check_not_an_input(target: Path, given: Path, protect: Iterable[Path]) -> None:
    for p in protect:
        if is_same_file(p, target):
            raise InputError(f"output {shown(given)} is also an input; choose another output file")


def _written_through(target: Path) -> bool:
    """Whether `target` is written in place: a device, FIFO or socket (through any symlinks),
    a path reached through /proc (/dev/stdout is a link to /proc/self/fd/1, whatever fd 1
    is), or a name directly in /dev (a mistyped device is not created as a file there).
    Files in folders below /dev (/dev/shm) are ordinary files."""
    try:
        mode = os.stat(target).st_mode
    except OSError:
        mode = 0
    if mode and not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
        return True
    hop = str(target.absolute())
    for _ in range(40):  # the symlink chain, hop by hop (realpath would hide /proc)
        if hop.startswith("/proc/"):
            return True
        try:
            link = os.readlink(hop)
        except OSError:
            break
        hop = os.path.join(os.path.dirname(hop), link)
    return os.path.dirname(os.path.realpath(target)) == "/dev"


def _is_our_stdout(target: Path) -> bool:
    if 1 in _closed_streams:
        return False
    try:
        return os.path.samestat(os.stat(target), os.fstat(1))
    except OSError:
        return False


def _write_through(target: Path, given: Path, data: bytes) -> None:
    name = shown(given)
    try:
        mode = os.stat(target).st_mode
    except FileNotFoundError:
        raise InputError(f"output {name} does not exist (defnews creates no files in /dev)") \
            from None
    except OSError as exc:
        raise output_failed(exc, name) from None
    if stat.S_ISBLK(mode) or stat.S_ISSOCK(mode):
        kind = "a block device" if stat.S_ISBLK(mode) else "a socket"
        raise InputError(f"output {name} is {kind}; defnews does not write to it")
    try:
        # No O_TRUNC or O_CREAT: a device or FIFO is opened as it is, never made a file.
        # O_APPEND: /dev/stderr reaching a log file adds to it instead of writing over its start.
        fd = os.open(target, os.O_WRONLY | os.O_APPEND | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        raise output_failed(exc, name) from None
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
    except OSError as exc:
        raise output_failed(exc, name) from None
    finally:
        os.close(fd)


def _mode_for_new_file() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def write_output(path: Path, text: str, *, protect: Iterable[Path] = ()) -> None:
    """Write text (UTF-8, \\n line ends) to path, the one way defnews writes an output.

    A regular file (new, or existing, or the target of a symlink) is written to a temporary
    file in its folder and renamed over it; the link stays a link, an existing file keeps its
    permissions and a new one gets those the umask gives. A character device, FIFO or
    /dev/stdout is written through. `protect` lists inputs of the run: writing over one of
    them is refused.
    """
    given = path
    target = path.expanduser()
    check_output_path(given)
    _check_not_an_input(target, given, protect)
    data = text.encode("utf-8")
    if target.is_dir():
        raise InputError(f"output {shown(given)} is a folder; give a file name")
    if _written_through(target):
        if _is_our_stdout(target):
            write_stdout(text)  # /dev/stdout: through our own buffer, at its own offset
        else:
            _write_through(target, given, data)
        return
    if target.is_symlink():
        # Replace what the link points at, not the link (a dangling link gets its target).
        target = Path(os.path.realpath(target))
    parent = target.parent if str(target.parent) else Path(".")
    if not parent.is_dir():
        raise InputError(f"output folder {shown(parent)} does not exist",
                         hint=f"Create it first: mkdir -p {shlex.quote(str(parent))}"
                         if str(parent).isprintable() else None)
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except OSError:
        mode = _mode_for_new_file()
    _sweep_stale_parts(parent, target.name)
    try:
        # The pid in the name lets a later run tell a killed writer's leftover from a
        # concurrent writer's file in progress.
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.{os.getpid()}.", suffix=".part",
                                   dir=parent)
    except OSError as exc:
        raise InputError(f"cannot write to {shown(parent)}: {exc.strerror}") from exc
    _in_progress.add(tmp)
    try:
        try:
            os.fchmod(fd, mode)
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, target)
        except OSError as exc:
            raise output_failed(exc, shown(given)) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    finally:
        _in_progress.discard(tmp)


write_atomic = write_output  # the name other modules used before devices were handled


def _sweep_stale_parts(folder: Path, name: str) -> None:
    """Remove temporary files of this output left by runs that were killed."""
    pattern = re.compile(rf"^\.{re.escape(name)}\.(\d+)\.[A-Za-z0-9_]+\.part$")
    try:
        candidates = [p for p in folder.iterdir() if p.name.startswith(f".{name}.")]
    except OSError:
        return
    for path in candidates:
        m = pattern.match(path.name)
        if not m or process_alive(int(m.group(1))):
            continue
        try:
            path.unlink()
        except OSError:
            pass


def process_alive(pid: int) -> bool:
    """Whether a process with this pid runs (tells a killed writer's leftovers apart)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True
    return True


def emit(text: str, out: Path | None, *, protect: Iterable[Path] = ()) -> None:
    """Write the result to `out` (see write_output), or to stdout when out is None or -."""
    text = text if text.endswith("\n") else text + "\n"
    if out is None or str(out) == "-":
        write_stdout(text)
    else:
        write_output(out, text, protect=protect)
