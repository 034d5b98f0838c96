"""The SQLite store: memory round trip, damaged files, unwritable places."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from defnews.store import NullStore, Store, normalise_sentence, open_store, tm_key


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
    path = tmp_path / "s.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    store = open_store(path)
    assert store.enabled
    store.tm_put_many([("k", "a", "b", "m", "g", None)])
    assert store.tm_count() == 1
    moved = list(tmp_path.glob("s.sqlite3.corrupt-*"))
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
