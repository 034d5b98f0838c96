"""The embedded SQLite store: translation memory and digest state.

WAL mode so a killed writer never corrupts the file and readers never block. The schema
grows by numbered migrations (MIGRATIONS, applied in order; the number reached is kept in
the meta table), so a store written by an older defnews is brought up to date, and one
written by a newer defnews is left alone.

Busy is not broken: when another process holds the write lock, defnews says so and waits
(DEFNEWS_STORE_WAIT, 60 s), then goes on without saving to the memory. Only a file that opening or
`PRAGMA integrity_check` shows to be broken is moved aside (and kept) and rebuilt. A SQLite
file of another program is refused and never modified; a location we cannot write to gives
a warning and a run without memory. What is not a store file at all (a text such as the
article being translated, a FIFO, a device, a directory, a link to one of them) is refused
and left as it is; see store_files.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
import sys
import time
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from defnews.errors import DefnewsError, InputError, shown
from defnews.settings import store_wait
from defnews.store_files import (
    bytes_on_disk,
    confirmed_broken,
    inspect,
    is_busy,
    is_entry,
    move_aside,
    store_file,
    unwritable,
)
from defnews.store_schema import META, MIGRATIONS, SCHEMA_VERSION

QUICK_WAIT = 2.0  # seconds before saying that we wait
DEFAULT_STORE_NAME = "defnews.sqlite3"  # paths.store_path() without DEFNEWS_STORE


def normalise_sentence(text: str) -> str:
    """The form a sentence is remembered under: NFC, single spaces, trimmed."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def tm_key(source: str, model: str, glossary: str, options: str) -> str:
    h = hashlib.sha256()
    for part in (normalise_sentence(source), model, glossary, options):
        h.update(part.encode("utf-8"))
        h.update(b"\x1f")
    return h.hexdigest()


def warn(message: str) -> None:
    print(f"defnews: warning: {message}", file=sys.stderr)


class StoreBusy(Exception):
    """Another process held the write lock for longer than DEFNEWS_STORE_WAIT."""


class NewerSchema(Exception):
    """The store was written by a newer defnews."""


class Store:
    """A connection to the store. Use `open_store()` to get one (or a NullStore)."""

    enabled = True

    def __init__(self, path: Path) -> None:
        self.path = path
        self.saving = True  # False once a write failed (busy or broken): the run goes on
        self.reading = True  # False once a read failed
        self.busy_wait = store_wait()
        self.conn = sqlite3.connect(path, timeout=QUICK_WAIT, isolation_level=None)
        try:
            self._wait_if_busy(self._setup)
        except BaseException:
            self.conn.close()
            raise

    # -- locking and schema
    def _wait_if_busy(self, action: Callable[[], None]) -> None:
        """Run `action`; if the write lock is busy, say so, wait up to busy_wait, retry once."""
        try:
            action()
            return
        except sqlite3.OperationalError as exc:
            if not is_busy(exc):
                raise
        warn(f"store {shown(self.path)} is busy (another process is writing to it); "
             f"waiting up to {self.busy_wait:g} s")
        self.conn.execute(f"PRAGMA busy_timeout = {int(self.busy_wait * 1000)}")
        try:
            action()
        except sqlite3.OperationalError as exc:
            if is_busy(exc):
                raise StoreBusy(str(exc)) from None
            raise
        finally:
            self.conn.execute(f"PRAGMA busy_timeout = {int(QUICK_WAIT * 1000)}")

    def _setup(self) -> None:
        self.conn.execute("PRAGMA journal_mode = WAL")
        self.conn.execute("PRAGMA synchronous = NORMAL")
        self._migrate()

    def schema_version(self) -> int:
        try:
            row = self.conn.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
        except sqlite3.OperationalError as exc:
            if "no such table" in str(exc):
                return 0
            raise
        return int(row[0]) if row and str(row[0]).isdigit() else 0

    def _migrate(self) -> None:
        """Apply the migrations this store has not had, in order, in one transaction."""
        version = self.schema_version()
        if version > SCHEMA_VERSION:
            raise NewerSchema(str(version))
        if version == SCHEMA_VERSION:
            return
        with self._transaction():
            self.conn.execute(META)
            version = self.schema_version()  # another process may have migrated meanwhile
            for number in range(version + 1, SCHEMA_VERSION + 1):
                for statement in MIGRATIONS[number - 1]:
                    self.conn.execute(statement)
            self.conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('schema', ?)",
                              (str(max(version, SCHEMA_VERSION)),))

    def _write(self, statement: str, rows: Sequence[tuple[Any, ...]]) -> None:
        """One write transaction; busy past busy_wait or a failing store stops saving, with a
        warning, and the run goes on (the memory only saves time)."""
        if not self.saving or not rows:
            return

        def action() -> None:
            with self._transaction():
                self.conn.executemany(statement, rows)

        try:
            self._wait_if_busy(action)
        except StoreBusy:
            self.saving = False
            warn(f"store {shown(self.path)} stayed busy for over {self.busy_wait:g} s; "
                 "this run goes on without saving to translation memory")
        except sqlite3.DatabaseError as exc:
            self.saving = False
            warn(f"cannot write to store {shown(self.path)} ({exc}); "
                 "this run goes on without saving to translation memory")

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[None]:
        """One write transaction: taken at once (BEGIN IMMEDIATE), committed when the block
        ends, rolled back on any failure or interrupt."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield
            self.conn.execute("COMMIT")
        except BaseException:
            self._rollback()
            raise

    def _rollback(self) -> None:
        try:
            self.conn.execute("ROLLBACK")
        except sqlite3.Error:
            pass  # no transaction left to roll back (the failure ended it)

    def _read(self, query: Callable[[], Any], empty: Any) -> Any:
        """Run a lookup; a store that fails to read mid-run is a miss with one warning."""
        if not self.reading:
            return empty
        try:
            return query()
        except sqlite3.DatabaseError as exc:
            self.reading = self.saving = False
            warn(f"cannot read store {shown(self.path)} ({exc}); "
                 "this run goes on without translation memory")
            return empty

    def _vacuum(self) -> None:
        self.conn.execute("VACUUM")

    def close(self) -> None:
        self.conn.close()

    # -- translation memory
    def tm_get_many(self, keys: Sequence[str]) -> dict[str, tuple[str, list[Any] | None]]:
        def query() -> dict[str, tuple[str, list[Any] | None]]:
            found: dict[str, tuple[str, list[Any] | None]] = {}
            for i in range(0, len(keys), 500):
                chunk = list(keys[i : i + 500])
                marks = ",".join("?" * len(chunk))
                rows = self.conn.execute(
                    f"SELECT key, target, terms FROM tm WHERE key IN ({marks})", chunk
                )
                for key, target, terms in rows:
                    found[key] = (target, json.loads(terms) if terms else None)
            return found
        result: dict[str, tuple[str, list[Any] | None]] = self._read(query, {})
        return result

    def tm_put_many(
        self, rows: Iterable[tuple[str, str, str, str, str, list[Any] | None]]
    ) -> None:
        now = time.time()
        data = [
            (k, normalise_sentence(src), tgt, model, gloss,
             json.dumps(terms, ensure_ascii=False) if terms is not None else None, now)
            for k, src, tgt, model, gloss, terms in rows
        ]
        self._write("INSERT OR REPLACE INTO tm(key, source, target, model, glossary, terms, "
                    "created) VALUES (?, ?, ?, ?, ?, ?, ?)", data)

    def tm_count(self) -> int:
        return int(self.conn.execute("SELECT COUNT(*) FROM tm").fetchone()[0])

    # -- digest state
    def entry_get(self, key: str) -> dict[str, Any] | None:
        row = self._read(lambda: self.conn.execute(
            "SELECT entry FROM entries WHERE key = ?", (key,)).fetchone(), None)
        return json.loads(row[0]) if row else None

    def entry_put(self, key: str, article_id: str, entry: dict[str, Any]) -> None:
        self._write("INSERT OR REPLACE INTO entries(key, article_id, entry, created)"
                    " VALUES (?, ?, ?, ?)",
                    [(key, article_id, json.dumps(entry, ensure_ascii=False), time.time())])

    def delivered_ids(self) -> set[str]:
        ids: set[str] = self._read(lambda: {
            r[0] for r in self.conn.execute("SELECT article_id FROM delivered")}, set())
        return ids

    def mark_delivered(self, article_ids: Iterable[str], output: str) -> None:
        now = time.time()
        self._write("INSERT OR IGNORE INTO delivered(article_id, output, created) "
                    "VALUES (?, ?, ?)", [(a, output, now) for a in article_ids])

    # -- maintenance (defnews cache stats|prune)
    def stats(self) -> dict[str, Any]:
        """What the store holds: rows per table, their age span, and the bytes on disk."""
        def span(table: str) -> tuple[int, float | None, float | None]:
            n, lo, hi = self.conn.execute(
                f"SELECT COUNT(*), MIN(created), MAX(created) FROM {table}").fetchone()
            return int(n), lo, hi

        tm_n, tm_lo, tm_hi = span("tm")
        entries_n, _, _ = span("entries")
        delivered_n, _, _ = span("delivered")
        return {"path": str(self.path), "enabled": True, "schema": self.schema_version(),
                "bytes": bytes_on_disk(self.path), "translations": tm_n,
                "oldest": tm_lo, "newest": tm_hi, "digest_entries": entries_n,
                "delivered": delivered_n}

    def prune(self, older_than_days: float | None = None) -> dict[str, Any]:
        """Remove remembered translations and digest entries created more than
        `older_than_days` ago (all of them when None); which articles were delivered
        (`digest --since last`) is kept. The file is compacted afterwards."""
        cutoff = time.time() - older_than_days * 86400 if older_than_days is not None else None
        where, args = ("WHERE created < ?", (cutoff,)) if cutoff is not None else ("", ())
        before = bytes_on_disk(self.path)
        removed: dict[str, int] = {}

        def action() -> None:
            with self._transaction():
                for table, label in (("tm", "translations"), ("entries", "digest_entries")):
                    removed[label] = self.conn.execute(
                        f"DELETE FROM {table} {where}", args).rowcount
        try:
            self._wait_if_busy(action)
            if any(removed.values()):
                self._wait_if_busy(self._vacuum)
                self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except StoreBusy:
            raise DefnewsError(f"store {shown(self.path)} stayed busy for over "
                               f"{self.busy_wait:g} s; try again when the other defnews run "
                               "is done") from None
        return {"path": str(self.path), "removed": removed, "bytes_before": before,
                "bytes_after": bytes_on_disk(self.path)}


class NullStore(Store):
    """No memory: used with --no-cache or when the store cannot be opened."""

    enabled = False

    def __init__(self, path: Path | None = None) -> None:
        self.path = path  # type: ignore[assignment]
        self.saving = False

    def close(self) -> None:
        pass

    def tm_get_many(self, keys: Sequence[str]) -> dict[str, tuple[str, list[Any] | None]]:
        return {}

    def tm_put_many(self, rows: Iterable[Any]) -> None:
        pass

    def tm_count(self) -> int:
        return 0

    def entry_get(self, key: str) -> dict[str, Any] | None:
        return None

    def entry_put(self, *args: Any, **kwargs: Any) -> None:
        pass

    def delivered_ids(self) -> set[str]:
        return set()

    def mark_delivered(self, *args: Any, **kwargs: Any) -> None:
        pass

    def stats(self) -> dict[str, Any]:
        return {"path": str(self.path) if self.path else None, "enabled": False, "schema": None,
                "bytes": 0, "translations": 0, "oldest": None, "newest": None,
                "digest_entries": 0, "delivered": 0}

    def prune(self, older_than_days: float | None = None) -> dict[str, Any]:
        return {"path": str(self.path) if self.path else None,
                "removed": {"translations": 0, "digest_entries": 0},
                "bytes_before": 0, "bytes_after": 0}


def open_store(path: Path | None = None, *, enabled: bool = True) -> Store:
    """Open (creating if needed) the store; degrade to a NullStore with a warning.

    Raises InputError for a SQLite file of another program and for anything that is not a
    store file (see store_files.store_file); neither is modified.
    """
    from defnews import paths

    if not enabled:
        return NullStore()
    path = path or paths.store_path()
    name = shown(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        warn(f"cannot create {shown(path.parent)} ({exc.strerror}); "
             "running without translation memory")
        return NullStore(path)
    real = store_file(path)  # a link's regular target: opened and recovered, the link kept
    # Only the default store in our own folder may be recovered from any content; elsewhere
    # a file that is not SQLite is the user's (e.g. the article itself) and is refused.
    own = is_entry(real, paths.data_dir() / DEFAULT_STORE_NAME)
    kind = inspect(real, own_place=own)
    if kind == "foreign":
        raise InputError(f"{name} is another program's SQLite database; defnews does not "
                         "modify it", hint="Point DEFNEWS_STORE at a new file or remove it.")
    if kind == "alien":
        raise InputError(f"store {name} is not a defnews store (not a SQLite file); defnews "
                         "does not modify or move it", hint="Point DEFNEWS_STORE at a new file.")
    return _open_existing(real, name, kind)


def _open_existing(path: Path, name: str, kind: str) -> Store:
    """Open the checked store file `path` (shown to the user as `name`); rebuild it when it
    is broken."""
    if kind != "broken":
        try:
            return Store(path)
        except StoreBusy:
            warn(f"store {name} stayed busy for over {store_wait():g} s; "
                 "running without translation memory")
            return NullStore(path)
        except NewerSchema as exc:
            warn(f"store {name} was written by a newer defnews (schema {exc}, this one knows "
                 f"{SCHEMA_VERSION}); running without translation memory")
            return NullStore(path)
        except sqlite3.DatabaseError as exc:
            if unwritable(exc):
                warn(f"store {name} is not writable ({exc}); running without translation memory")
                return NullStore(path)
            if not confirmed_broken(path):
                warn(f"cannot use store {name} ({exc}); running without translation memory")
                return NullStore(path)
    return _rebuild(path, name)


def _rebuild(path: Path, name: str) -> Store:
    try:
        moved = move_aside(path)
    except OSError as exc:
        warn(f"store {name} is damaged and cannot be moved aside ({exc.strerror}); "
             "running without translation memory")
        return NullStore(path)
    where = moved.name if shown(path) == name else moved  # through a link: say where it is
    warn(f"store {name} was damaged; moved aside to {shown(where)} (kept) and rebuilt")
    try:
        return Store(path)
    except (sqlite3.DatabaseError, StoreBusy, NewerSchema) as exc:
        warn(f"cannot rebuild store {name} ({exc}); running without translation memory")
        return NullStore(path)


def store_stats(path: Path | None = None) -> dict[str, Any]:
    """Store.stats() of the store at `path` (default: the configured one), without creating
    a store that does not exist yet."""
    from defnews import paths

    path = path or paths.store_path()
    if not os.path.lexists(path):  # a link that leads nowhere is refused by open_store
        stats = NullStore(path).stats()
        return {**stats, "exists": False}
    store = open_store(path)
    try:
        return {**store.stats(), "exists": True}
    finally:
        store.close()


def store_prune(older_than_days: float | None, path: Path | None = None) -> dict[str, Any]:
    """Store.prune() on the store at `path` (default: the configured one); an absent store
    has nothing to prune, an unusable one is an error (exit 1)."""
    from defnews import paths

    path = path or paths.store_path()
    if not os.path.lexists(path):
        return NullStore(path).prune(older_than_days)
    store = open_store(path)
    if not store.enabled:
        raise DefnewsError(f"store {shown(path)} cannot be used now; nothing was pruned")
    try:
        return store.prune(older_than_days)
    finally:
        store.close()
