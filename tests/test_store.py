"""The SQLite store: memory round trip, damaged files, unwritable places."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from defnews import store as store_module
from defnews.errors import InputError
from defnews.store import NullStore, Store, normalise_sentence, open_store, tm_key
from defnews.store_schema import MIGRATIONS, SCHEMA_VERSION


def test_key_depends_on_everything_that_changes_output() -> None:
    base = tm_key("Der Minister kam.", "m1", "g1", "beam=4")
    assert base == tm_key("  Der   Minister kam. ", "m1", "g1", "beam=4")  # normalised
    assert base != tm_key("Der Minister kam.", "m2", "g1", "beam=4")
    assert base != tm_key("Der Minister kam.", "m1", "g2", "beam=4")
    assert base != tm_key("Der Minister kam.", "m1", "g1", "beam=1")


def test_normalise_is_nfc() -> None:
    assert normalise_sentence("Mu\u0308nchen") == "München"


def test_roundtrip(tmp_path: Path) -> None:
    store = open_store(tmp_path / "s.sqlite3")
    assert isinstance(store, Store) and store.enabled
    store.tm_put_many([("k1", "Quelle", "Source", "m", "g", [{"de": "x"}])])
    assert store.tm_get_many(["k1", "k2"]) == {"k1": ("Source", [{"de": "x"}])}
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    store.close()


def test_corrupt_store_is_moved_aside_and_rebuilt(tmp_path: Path, capsys) -> None:
    # Our own default store (DEFNEWS_HOME/data): any damage, even of the SQLite header, is
    # recovered. The same garbage elsewhere is someone's file: refused (test_store_paths.py).
    path = Path(os.environ["DEFNEWS_HOME"]) / "data" / "defnews.sqlite3"
    path.parent.mkdir(parents=True)
    path.write_bytes(b"this is not a database" * 100)
    store = open_store(path)
    assert store.enabled
    store.tm_put_many([("k", "a", "b", "m", "g", None)])
    assert store.tm_count() == 1
    moved = list(path.parent.glob("defnews.sqlite3.corrupt-*"))
    assert len(moved) == 1 and moved[0].read_bytes().startswith(b"this is not")
    assert "moved aside" in capsys.readouterr().err


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores file permissions")
def test_readonly_location_runs_without_memory(tmp_path: Path, capsys) -> None:
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o500)
    try:
        store = open_store(ro / "sub" / "s.sqlite3")
        assert isinstance(store, NullStore)
        assert "without translation memory" in capsys.readouterr().err
    finally:
        ro.chmod(0o700)


def test_unopenable_store_path_degrades(tmp_path: Path, capsys) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    store = open_store(blocker / "s.sqlite3")  # parent is a file
    assert isinstance(store, NullStore)
    assert "warning" in capsys.readouterr().err


def test_disabled_store_is_null(tmp_path: Path) -> None:
    store = open_store(tmp_path / "s.sqlite3", enabled=False)
    assert isinstance(store, NullStore)
    assert not (tmp_path / "s.sqlite3").exists()


def test_two_connections_see_each_others_writes(tmp_path: Path) -> None:
    a = Store(tmp_path / "s.sqlite3")
    b = Store(tmp_path / "s.sqlite3")
    a.tm_put_many([("k", "a", "b", "m", "g", None)])
    assert b.tm_get_many(["k"])["k"][0] == "b"
    a.close()
    b.close()
    assert sqlite3.connect(tmp_path / "s.sqlite3").execute("PRAGMA integrity_check").fetchone() \
        == ("ok",)


# -- migrations

# The DDL of schema 1, copied from store.py as it was at commit cca2073 (before migrations).
SCHEMA_1_DDL = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS tm (
    key TEXT PRIMARY KEY, source TEXT NOT NULL, target TEXT NOT NULL, model TEXT NOT NULL,
    glossary TEXT NOT NULL, terms TEXT, created REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS entries (
    key TEXT PRIMARY KEY, article_id TEXT NOT NULL, entry TEXT NOT NULL, created REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS delivered (
    article_id TEXT PRIMARY KEY, output TEXT, created REAL NOT NULL
);
"""


def _schema_1_store(path: Path) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.executescript(SCHEMA_1_DDL)
    conn.execute("INSERT INTO meta(key, value) VALUES ('schema', '1')")
    conn.execute("INSERT INTO tm VALUES ('k1', 'Die Fregatte lief aus.', 'The frigate sailed.',"
                 " 'm', 'g', NULL, 1000.0)")
    conn.execute("INSERT INTO entries VALUES ('e1', 'a1', '{\"title\": \"Alt\"}', 1000.0)")
    conn.execute("INSERT INTO delivered VALUES ('a1', 'digest.md', 1000.0)")
    conn.close()


def _indexes(path: Path) -> set[str]:
    conn = sqlite3.connect(path)
    try:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='index'"
                                           " AND name NOT LIKE 'sqlite_%'")}
    finally:
        conn.close()


def test_store_of_the_previous_schema_is_migrated_and_keeps_its_rows(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    _schema_1_store(path)
    assert _indexes(path) == set()
    store = open_store(path)
    assert store.enabled and store.schema_version() == SCHEMA_VERSION == 2
    assert store.tm_get_many(["k1"]) == {"k1": ("The frigate sailed.", None)}
    assert store.entry_get("e1") == {"title": "Alt"}
    assert store.delivered_ids() == {"a1"}
    store.close()
    assert _indexes(path) == {"tm_created", "entries_created"}
    again = open_store(path)  # a second open finds nothing to do
    assert again.schema_version() == SCHEMA_VERSION
    again.close()


def test_a_new_store_runs_every_migration(tmp_path: Path) -> None:
    store = open_store(tmp_path / "new.sqlite3")
    assert store.schema_version() == len(MIGRATIONS)
    store.close()
    assert _indexes(tmp_path / "new.sqlite3") == {"tm_created", "entries_created"}


def test_store_of_a_newer_defnews_is_left_alone(tmp_path: Path, capsys) -> None:
    path = tmp_path / "future.sqlite3"
    _schema_1_store(path)
    conn = sqlite3.connect(path)
    conn.execute("UPDATE meta SET value = '99' WHERE key = 'schema'")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    store = open_store(path)
    assert isinstance(store, NullStore)
    assert "newer defnews (schema 99" in capsys.readouterr().err
    assert path.read_bytes() == before and _indexes(path) == set()


# -- busy is not broken; foreign files are refused


def _hold_write_lock(path: Path) -> sqlite3.Connection:
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("INSERT INTO tm VALUES ('held', 's', 't', 'm', 'g', NULL, 1.0)")
    return holder


def test_busy_store_at_open_is_waited_for_then_skipped_never_moved(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    monkeypatch.setattr(store_module, "QUICK_WAIT", 0.1)
    monkeypatch.setenv("DEFNEWS_STORE_WAIT", "0.3")
    path = tmp_path / "s.sqlite3"
    _schema_1_store(path)  # needs a migration, so opening wants the write lock
    holder = _hold_write_lock(path)
    try:
        store = open_store(path)
        assert isinstance(store, NullStore)
    finally:
        holder.execute("COMMIT")
        holder.close()
    err = capsys.readouterr().err
    assert "is busy" in err and "waiting up to 0.3 s" in err and "without translation" in err
    assert "damaged" not in err and not list(tmp_path.glob("*.corrupt-*"))
    reopened = open_store(path)
    assert reopened.tm_get_many(["k1", "held"]).keys() == {"k1", "held"}


def test_busy_store_during_a_run_stops_saving_with_a_warning(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    monkeypatch.setattr(store_module, "QUICK_WAIT", 0.1)
    monkeypatch.setenv("DEFNEWS_STORE_WAIT", "0.3")
    path = tmp_path / "s.sqlite3"
    store = open_store(path)
    store.tm_put_many([("k1", "a", "b", "m", "g", None)])
    holder = _hold_write_lock(path)
    try:
        store.tm_put_many([("k2", "c", "d", "m", "g", None)])
        store.entry_put("e", "a", {"x": 1})  # no second wait: saving is off for this run
        assert store.tm_get_many(["k1"])  # reading still works (WAL readers never block)
    finally:
        holder.execute("COMMIT")
        holder.close()
    err = capsys.readouterr().err
    assert err.count("is busy") == 1 and "without saving" in err
    assert not list(tmp_path.glob("*.corrupt-*"))
    store.close()
    assert set(open_store(path).tm_get_many(["k1", "k2", "held"])) == {"k1", "held"}


def test_another_programs_sqlite_file_is_refused_and_not_modified(tmp_path: Path) -> None:
    path = tmp_path / "places.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE bookmarks (url TEXT, title TEXT)")
    conn.execute("INSERT INTO bookmarks VALUES ('https://example.org', 'Beispiel')")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    listing = sorted(p.name for p in tmp_path.iterdir())
    with pytest.raises(InputError) as info:
        open_store(path)
    assert "another program's SQLite database" in info.value.message
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == listing  # no -wal, -shm, .corrupt


def test_a_sqlite_header_over_garbage_is_moved_aside_and_kept(tmp_path: Path, capsys) -> None:
    path = tmp_path / "s.sqlite3"
    broken = b"SQLite format 3\x00" + b"\xff" * 4000
    path.write_bytes(broken)
    store = open_store(path)
    assert store.enabled and store.tm_count() == 0
    moved = list(tmp_path.glob("s.sqlite3.corrupt-*"))
    assert len(moved) == 1 and moved[0].read_bytes() == broken
    assert "kept" in capsys.readouterr().err


# -- cache stats and prune


def test_stats_and_prune_by_age(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite3"
    store = open_store(path)
    store.tm_put_many([("old", "Alt.", "Old.", "m", "g", None),
                       ("new", "Neu.", "New.", "m", "g", None)])
    store.entry_put("e-old", "a1", {"t": 1})
    store.mark_delivered(["a1"], "digest.md")
    forty_days = 40 * 86400
    store.conn.execute("UPDATE tm SET created = created - ? WHERE key = 'old'", (forty_days,))
    store.conn.execute("UPDATE entries SET created = created - ?", (forty_days,))
    stats = store.stats()
    assert (stats["translations"], stats["digest_entries"], stats["delivered"]) == (2, 1, 1)
    assert stats["schema"] == SCHEMA_VERSION and stats["bytes"] > 0
    assert stats["newest"] - stats["oldest"] >= forty_days - 5
    result = store.prune(older_than_days=30)
    assert result["removed"] == {"translations": 1, "digest_entries": 1}
    assert set(store.tm_get_many(["old", "new"])) == {"new"}
    assert store.delivered_ids() == {"a1"}  # --since last still knows what was sent
    assert store.prune()["removed"] == {"translations": 1, "digest_entries": 0}
    assert store.tm_count() == 0


# -- defnews cache stats|prune (CliRunner)


def _cli(args: list[str]) -> tuple[int, str]:
    from typer.testing import CliRunner

    from defnews.cli import app

    result = CliRunner().invoke(app, args)
    return result.exit_code, result.output


def test_cache_commands(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import json

    path = tmp_path / "memory.sqlite3"
    monkeypatch.setenv("DEFNEWS_STORE", str(path))
    code, out = _cli(["cache", "stats", "--json"])
    assert code == 0 and json.loads(out)["exists"] is False and not path.exists()
    store = open_store(path)
    store.tm_put_many([(f"k{i}", f"Satz {i}.", f"Sentence {i}.", "m", "g", None)
                       for i in range(5)])
    store.conn.execute("UPDATE tm SET created = created - 100 * 86400 WHERE key IN ('k0', 'k1')")
    store.close()
    code, out = _cli(["cache", "stats", "--json"])
    stats = json.loads(out)
    assert code == 0 and stats["translations"] == 5 and stats["schema"] == SCHEMA_VERSION
    code, out = _cli(["cache", "stats"])
    assert code == 0 and "translations: 5" in out
    code, out = _cli(["cache", "prune", "--older-than", "90", "--json"])
    assert code == 0 and json.loads(out)["removed"]["translations"] == 2
    code, out = _cli(["cache", "prune", "--older-than", "-1"])
    assert code == 2 and "--older-than must be a number from 0 to 36500" in out
    code, out = _cli(["cache", "prune"])
    assert code == 0 and out.startswith("removed 3 translations")
    assert json.loads(_cli(["cache", "stats", "--json"])[1])["translations"] == 0


def test_defnews_store_at_another_programs_database_is_one_line(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE kunden (name TEXT)")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    monkeypatch.setenv("DEFNEWS_STORE", str(path))
    code, out = _cli(["cache", "stats"])
    assert code == 2 and out.startswith("defnews: error: ") and "another program's" in out
    assert "Traceback" not in out and path.read_bytes() == before


def test_another_program_with_a_meta_schema_row_is_still_foreign(tmp_path: Path) -> None:
    path = tmp_path / "app.db"
    conn = sqlite3.connect(path)
    conn.executescript("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
                       "INSERT INTO meta VALUES ('schema', '7');"
                       "CREATE TABLE orders (id INTEGER PRIMARY KEY AUTOINCREMENT, item TEXT);"
                       "INSERT INTO orders(item) VALUES ('Fregatte');")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(InputError):
        open_store(path)
    assert path.read_bytes() == before


@pytest.mark.slow
@pytest.mark.usefixtures("with_model")
def test_translate_next_to_a_long_write_lock_runs_without_memory_and_keeps_the_store(
        tmp_path: Path) -> None:
    """A real run while another process holds the write lock past DEFNEWS_STORE_WAIT: the
    translation is written, the warning says busy (never damaged), nothing is moved aside and
    the other process's rows stay. On the old code the store was moved aside and rebuilt."""
    import subprocess
    import sys

    article = tmp_path / "artikel.txt"
    article.write_text("Die Marine stellte am Montag in Kiel zwei neue Korvetten in Dienst.\n",
                       encoding="utf-8")
    path = tmp_path / "memory.sqlite3"
    open_store(path).close()
    env = dict(os.environ, DEFNEWS_STORE=str(path), DEFNEWS_STORE_WAIT="1",
               PYTHONPATH=str(Path(__file__).resolve().parents[1] / "cli"))
    reference = subprocess.run([sys.executable, "-m", "defnews", "translate", str(article),
                                "--quiet", "--no-cache"], env=env, capture_output=True,
                               text=True, timeout=300)
    assert reference.returncode == 0, reference.stderr
    holder = _hold_write_lock(path)
    try:
        done = subprocess.run([sys.executable, "-m", "defnews", "translate", str(article),
                               "--quiet"], env=env, capture_output=True, text=True, timeout=300)
    finally:
        holder.execute("COMMIT")
        holder.close()
    assert done.returncode == 0, done.stderr
    assert done.stdout == reference.stdout
    assert "is busy" in done.stderr and "damaged" not in done.stderr
    assert "Traceback" not in done.stderr
    assert not list(tmp_path.glob("*.corrupt-*"))
    assert open_store(path).tm_get_many(["held"])  # the other process's write is there


def test_a_store_that_breaks_during_a_run_is_a_miss_with_one_warning(tmp_path: Path,
                                                                      capsys) -> None:
    path = tmp_path / "s.sqlite3"
    store = open_store(path)
    store.tm_put_many([(f"k{i}", f"Satz {i}.", "x" * 200, "m", "g", None) for i in range(200)])
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    store = open_store(path)  # opens fine: only the first page is read
    size = path.stat().st_size
    with open(path, "r+b") as fh:  # then the rest of the file is overwritten
        fh.seek(4096)
        fh.write(b"\xa5" * (size - 4096))
    assert store.tm_get_many(["k1", "k2"]) == {}
    assert store.entry_get("e") is None and store.delivered_ids() == set()
    store.tm_put_many([("k", "a", "b", "m", "g", None)])
    err = capsys.readouterr().err
    assert err.count("warning") == 1 and "without translation memory" in err
