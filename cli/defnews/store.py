"""The embedded SQLite store: translation memory and digest state.

WAL mode so a killed writer never corrupts the file and readers never block; a busy
timeout so two processes digesting at once wait for each other instead of failing.
A file that is not a database (or is damaged) is moved aside and rebuilt; a location
we cannot write to gives a warning and a run without memory, never a failure.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import sys
import time
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

SCHEMA_VERSION = 1

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS tm (
    key TEXT PRIMARY KEY,          -- sha256 of source + model + glossary + options
    source TEXT NOT NULL,          -- normalised German sentence
    target TEXT NOT NULL,          -- English output (after glossary restoration)
    model TEXT NOT NULL,           -- model identity
    glossary TEXT NOT NULL,        -- glossary content hash or 'none'
    terms TEXT,                    -- JSON list of glossary outcomes for the sentence
    created REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS entries (
    key TEXT PRIMARY KEY,          -- article id + the options, model and glossary that shaped it
    article_id TEXT NOT NULL,      -- sha256 of the article's bytes (and feed item index)
    entry TEXT NOT NULL,           -- JSON of the finished digest entry (summary, metadata)
    created REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS delivered (
    article_id TEXT PRIMARY KEY,   -- in a digest that was written out (for --since last)
    output TEXT,
    created REAL NOT NULL
);
"""


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


class Store:
    """A connection to the store. Use `open_store()` to get one (or a NullStore)."""

    enabled = True

    def __init__(self, path: Path) -> None:
        self.path = path
        self.conn = self._connect()

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, timeout=60.0, isolation_level=None)
        conn.execute("PRAGMA busy_timeout = 60000")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.executescript(_SCHEMA)
        conn.execute(
            "INSERT OR IGNORE INTO meta(key, value) VALUES ('schema', ?)", (str(SCHEMA_VERSION),)
        )
        return conn

    def close(self) -> None:
        self.conn.close()

    # -- translation memory
    def tm_get_many(self, keys: Sequence[str]) -> dict[str, tuple[str, list[Any] | None]]:
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

    def tm_put_many(
        self, rows: Iterable[tuple[str, str, str, str, str, list[Any] | None]]
    ) -> None:
        now = time.time()
        data = [
            (k, normalise_sentence(src), tgt, model, gloss,
             json.dumps(terms, ensure_ascii=False) if terms is not None else None, now)
            for k, src, tgt, model, gloss, terms in rows
        ]
        if not data:
            return
        with self.conn:
            self.conn.execute("BEGIN IMMEDIATE")
            self.conn.executemany(
                "INSERT OR REPLACE INTO tm(key, source, target, model, glossary, terms, created)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                data,
            )

    def tm_count(self) -> int:
        return int(self.conn.execute("SELECT COUNT(*) FROM tm").fetchone()[0])

    # -- digest state
    def entry_get(self, key: str) -> dict[str, Any] | None:
        row = self.conn.execute("SELECT entry FROM entries WHERE key = ?", (key,)).fetchone()
        return json.loads(row[0]) if row else None

    def entry_put(self, key: str, article_id: str, entry: dict[str, Any]) -> None:
        with self.conn:
            self.conn.execute("BEGIN IMMEDIATE")
            self.conn.execute(
                "INSERT OR REPLACE INTO entries(key, article_id, entry, created)"
                " VALUES (?, ?, ?, ?)",
                (key, article_id, json.dumps(entry, ensure_ascii=False), time.time()),
            )

    def delivered_ids(self) -> set[str]:
        return {r[0] for r in self.conn.execute("SELECT article_id FROM delivered")}

    def mark_delivered(self, article_ids: Iterable[str], output: str) -> None:
        now = time.time()
        with self.conn:
            self.conn.execute("BEGIN IMMEDIATE")
            self.conn.executemany(
                "INSERT OR IGNORE INTO delivered(article_id, output, created) VALUES (?, ?, ?)",
                [(a, output, now) for a in article_ids],
            )


class NullStore(Store):
    """No memory: used with --no-cache or when the store cannot be opened."""

    enabled = False

    def __init__(self, path: Path | None = None) -> None:
        self.path = path  # type: ignore[assignment]

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


def _move_aside(path: Path) -> Path:
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    path.replace(target)
    for suffix in ("-wal", "-shm"):
        side = path.with_name(path.name + suffix)
        if side.exists():
            side.replace(target.with_name(target.name + suffix))
    return target


def open_store(path: Path | None = None, *, enabled: bool = True) -> Store:
    """Open (creating if needed) the store; degrade to a NullStore with a warning."""
    from defnews import paths

    if not enabled:
        return NullStore()
    path = path or paths.store_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        warn(f"cannot create {path.parent} ({exc.strerror}); running without translation memory")
        return NullStore(path)
    try:
        store = Store(path)
        store.conn.execute("SELECT COUNT(*) FROM meta").fetchone()
        return store
    except sqlite3.DatabaseError as exc:
        if _unwritable(exc):
            warn(f"store {path} is not writable ({exc}); running without translation memory")
            return NullStore(path)
        try:
            moved = _move_aside(path)
        except OSError:
            warn(f"store {path} is damaged ({exc}); running without translation memory")
            return NullStore(path)
        warn(f"store {path} was damaged ({exc}); moved aside to {moved.name} and rebuilt")
        try:
            return Store(path)
        except sqlite3.DatabaseError as exc2:
            warn(f"cannot rebuild store {path} ({exc2}); running without translation memory")
            return NullStore(path)


def _unwritable(exc: sqlite3.DatabaseError) -> bool:
    text = str(exc).lower()
    return "readonly" in text or "read-only" in text or "unable to open" in text
