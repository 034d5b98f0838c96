"""What is at the store's path, found without writing: a defnews store, another program's
SQLite file, or a broken one; and moving a broken store aside (kept, never overwritten).

Only a regular file is ever opened or moved, found with lstat/stat first (an open of a FIFO
blocks, a device is not ours to rename). A symbolic link to a regular file is followed (the
target is the store; the link stays as it is); a link to anything else, a FIFO, a device, a
directory or a socket is refused. A regular file is a store we may recover when it is empty,
begins like a SQLite file, or is the default store in our own data folder; any other file
(an article, a text) is refused and never moved, whatever its name.
"""

from __future__ import annotations

import errno
import os
import sqlite3
import stat
import time
from pathlib import Path
from urllib.parse import quote

from defnews.errors import InputError, shown
from defnews.store_schema import OUR_TABLES, SQLITE_MAGIC

# SQLite's own files next to the store: each is opened (and written) by SQLite when present.
COMPANIONS = ("-wal", "-shm", "-journal")
_REFUSED_HINT = "Point DEFNEWS_STORE at a new file (or a defnews store)."

QUICK_WAIT = 2.0  # seconds a look at the file waits for a lock


def is_busy(exc: BaseException) -> bool:
    text = str(exc).lower()
    return isinstance(exc, sqlite3.OperationalError) and ("locked" in text or "busy" in text)


def unwritable(exc: sqlite3.DatabaseError) -> bool:
    text = str(exc).lower()
    return "readonly" in text or "read-only" in text or "unable to open" in text


def bytes_on_disk(path: Path) -> int:
    total = 0
    for suffix in ("", "-wal", "-shm"):
        try:
            total += path.with_name(path.name + suffix).stat().st_size
        except OSError:
            pass
    return total


def what_is(mode: int) -> str:
    """A file type in words, for a refusal."""
    for test, words in ((stat.S_ISDIR, "a directory"), (stat.S_ISFIFO, "a named pipe (FIFO)"),
                        (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
                        (stat.S_ISSOCK, "a socket"), (stat.S_ISLNK, "a symbolic link")):
        if test(mode):
            return words
    return "not a regular file"


def _lstat(path: Path) -> os.stat_result | None:
    try:
        return os.lstat(path)
    except FileNotFoundError:
        return None


def store_file(path: Path) -> Path:
    """The regular file the store at `path` lives in: `path` itself (existing or not), or the
    regular file a symbolic link at `path` leads to. Looks with lstat/stat only, never opens.

    Raises InputError (exit 2) for a link that leads nowhere or to something that is not a
    regular file, for a FIFO, device, directory or socket, and for a -wal/-shm/-journal next
    to the store that is not a regular file (SQLite would write through it).
    """
    name = shown(path)
    try:
        st = _lstat(path)
    except OSError:
        return path  # cannot tell (e.g. no permission): the normal open decides
    if st is None:
        return path
    real = path
    if stat.S_ISLNK(st.st_mode):
        real = Path(os.path.realpath(path))
        try:
            st = os.stat(path)
        except OSError as exc:
            # SQLite would create the target wherever the link points: not our folder.
            why = "which does not exist" if exc.errno == errno.ENOENT else \
                f"which cannot be followed ({exc.strerror})"
            raise InputError(f"store {name} is a symbolic link to {shown(real)}, {why}; "
                             "defnews does not create a store through a link",
                             hint=_REFUSED_HINT) from None
        if not stat.S_ISREG(st.st_mode):
            raise InputError(f"store {name} is a symbolic link to {what_is(st.st_mode)} "
                             f"({shown(real)}), not a store file; defnews does not use it",
                             hint=_REFUSED_HINT)
    elif not stat.S_ISREG(st.st_mode):
        raise InputError(f"store {name} is {what_is(st.st_mode)}, not a store file; defnews "
                         "does not use it", hint=_REFUSED_HINT)
    for suffix in COMPANIONS:
        side = real.with_name(real.name + suffix)
        try:
            side_st = _lstat(side)
        except OSError:
            continue
        if side_st is not None and not stat.S_ISREG(side_st.st_mode):
            raise InputError(f"{shown(side)} next to the store is {what_is(side_st.st_mode)}, "
                             "not a file of SQLite's own; defnews does not use the store "
                             "through it", hint=f"Remove {shown(side)} or point DEFNEWS_STORE "
                             "at a new file.")
    return real


def is_entry(real: Path, place: Path) -> bool:
    """Whether `real` (a path without links, see store_file) is the directory entry `place`:
    its folder may be reached through links, its own name must not be one (a link at our
    default place leading to a user's file does not make that file ours)."""
    return os.path.realpath(real) == os.path.join(os.path.realpath(place.parent), place.name)


def move_aside(path: Path) -> Path:
    """Rename a broken store (and its -wal/-shm) to <name>.corrupt-<time>; never overwrite.

    Only regular files are renamed (checked again here: a link or device must never be
    replaced by a new store); otherwise OSError and nothing is moved."""
    for suffix in ("", *COMPANIONS):
        st = _lstat(path.with_name(path.name + suffix))
        if st is not None and not stat.S_ISREG(st.st_mode):
            raise OSError(errno.EPERM, f"{shown(path.name + suffix)} is {what_is(st.st_mode)}")
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{n}")
    path.replace(target)
    for suffix in COMPANIONS:
        side = path.with_name(path.name + suffix)
        if _lstat(side) is not None:
            side.replace(target.with_name(target.name + suffix))
    return target


def _head(path: Path) -> bytes:
    """The first bytes of the regular file `path`. Opened without
    blocking and without following a link, and only read if it is still a regular file (it
    may have been swapped since store_file() looked)."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(errno.EINVAL, "not a regular file")
        return os.read(fd, len(SQLITE_MAGIC))
    finally:
        os.close(fd)


def inspect(path: Path, *, own_place: bool = False) -> str:
    """What is at `path` (a regular file or nothing, see store_file()), found without writing
    anything: 'new' (nothing, empty, or a SQLite file without tables), 'ours', 'foreign'
    (another program's SQLite file), 'broken', 'alien' (a file that is not SQLite: never ours
    to move), or 'unknown' (could not tell: the normal open decides).

    A file without the SQLite header is 'broken' (ours to recover) only at `own_place`, the
    default store in our own data folder, or when it is a cut-off header; anywhere else it
    is someone's data (DEFNEWS_STORE=art.txt) and 'alien'."""
    try:
        head = _head(path)
    except FileNotFoundError:
        return "new"
    except OSError as exc:
        return "alien" if exc.errno in (errno.EINVAL, errno.ELOOP) else "unknown"
    if not head:
        return "new"
    if head != SQLITE_MAGIC:
        return "broken" if own_place or SQLITE_MAGIC.startswith(head) else "alien"
    try:
        conn = sqlite3.connect(f"file:{quote(str(path.absolute()))}?mode=ro", uri=True,
                               timeout=QUICK_WAIT)
    except sqlite3.Error:
        return "unknown"
    try:
        tables = {r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")
            if not r[0].startswith("sqlite_")}
        if not tables:
            return "new"
        if "meta" not in tables or not tables <= OUR_TABLES:
            return "foreign"
        row = conn.execute("SELECT 1 FROM meta WHERE key = 'schema'").fetchone()
        return "ours" if row else "foreign"
    except sqlite3.DatabaseError as exc:
        if is_busy(exc) or unwritable(exc):
            return "unknown"
        return "broken" if "not a database" in str(exc) or "malformed" in str(exc) \
            else "unknown"
    finally:
        conn.close()


def confirmed_broken(path: Path) -> bool:
    """Whether `PRAGMA integrity_check` (or opening for it) shows the file to be broken."""
    try:
        conn = sqlite3.connect(f"file:{quote(str(path.absolute()))}?mode=ro", uri=True,
                               timeout=QUICK_WAIT)
    except sqlite3.Error:
        return False
    try:
        rows = conn.execute("PRAGMA integrity_check").fetchall()
        return rows != [("ok",)]
    except sqlite3.DatabaseError as exc:
        return not (is_busy(exc) or unwritable(exc))
    finally:
        conn.close()
