"""What is at the store's path, found without writing: a defnews store, another program's
SQLite file, or a broken one; and moving a broken store aside (kept, never overwritten)."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path
from urllib.parse import quote

from defnews.store_schema import OUR_TABLES, SQLITE_MAGIC

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


def move_aside(path: Path) -> Path:
    """Rename a broken store (and its -wal/-shm) to <name>.corrupt-<time>; never overwrite."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{n}")
    path.replace(target)
    for suffix in ("-wal", "-shm"):
        side = path.with_name(path.name + suffix)
        if side.exists():
            side.replace(target.with_name(target.name + suffix))
    return target


def inspect(path: Path) -> str:
    """What is at `path`, found without writing anything: 'new' (nothing, empty, or a SQLite
    file without tables), 'ours', 'foreign' (another program's SQLite file), 'broken', or
    'unknown' (could not tell: the normal open decides)."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(len(SQLITE_MAGIC))
    except FileNotFoundError:
        return "new"
    except OSError:
        return "unknown"
    if not head:
        return "new"
    if head != SQLITE_MAGIC:
        return "broken"
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
