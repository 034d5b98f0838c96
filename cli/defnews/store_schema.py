"""The store's schema as numbered migrations, applied in order (see store.Store._migrate).

Migration n (1-based) brings a store of schema n-1 to schema n; the number reached is kept in
the meta table under 'schema'. Never edit a migration that has shipped: append a new one.
"""

from __future__ import annotations

MIGRATIONS: tuple[tuple[str, ...], ...] = (
    # 1: translation memory, finished digest entries, articles delivered in a digest
    (
        """CREATE TABLE IF NOT EXISTS tm (
            key TEXT PRIMARY KEY,      -- sha256 of source + model + glossary + options
            source TEXT NOT NULL,      -- normalised German sentence
            target TEXT NOT NULL,      -- English output (after glossary restoration)
            model TEXT NOT NULL,       -- model identity
            glossary TEXT NOT NULL,    -- glossary content hash or 'none'
            terms TEXT,                -- JSON list of glossary outcomes for the sentence
            created REAL NOT NULL)""",
        """CREATE TABLE IF NOT EXISTS entries (
            key TEXT PRIMARY KEY,      -- article id + the options, model and glossary
            article_id TEXT NOT NULL,  -- sha256 of the article's bytes (and feed item index)
            entry TEXT NOT NULL,       -- JSON of the finished digest entry
            created REAL NOT NULL)""",
        """CREATE TABLE IF NOT EXISTS delivered (
            article_id TEXT PRIMARY KEY,  -- in a digest that was written out (--since last)
            output TEXT,
            created REAL NOT NULL)""",
    ),
    # 2: age indexes, so `cache prune --older-than` does not scan the whole memory
    (
        "CREATE INDEX IF NOT EXISTS tm_created ON tm(created)",
        "CREATE INDEX IF NOT EXISTS entries_created ON entries(created)",
    ),
)
SCHEMA_VERSION = len(MIGRATIONS)
META = "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)"
# Tables a defnews store may hold: today's, and 'digested' of the first skeleton's schema 1.
# A SQLite file with any other table (sqlite_* internals aside) belongs to another program.
OUR_TABLES = {"meta", "tm", "entries", "delivered", "digested"}
SQLITE_MAGIC = b"SQLite format 3\x00"
