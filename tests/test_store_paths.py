"""What may sit at the store's path (DEFNEWS_STORE): only a regular file that is a defnews
store, empty, or a damaged SQLite file is used or recovered. The article being translated, a
link, a FIFO, a device, a directory or a socket is refused with one line (exit 2) and left
exactly as it was; a FIFO never blocks. The default store in our own folder is still
recovered from any damage."""

from __future__ import annotations

import os
import socket
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from defnews.errors import InputError
from defnews.store import NullStore, Store, open_store
from defnews.store_files import move_aside

ARTICLE = "Die Marine stellte am Montag in Kiel zwei neue Korvetten in Dienst.\n"
GARBAGE = b"this is not a database" * 100


def _defnews(args: list[str], store: Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    """A real run with DEFNEWS_STORE=store; a hang (the FIFO) fails after 60 s, never blocks."""
    env = dict(os.environ, DEFNEWS_STORE=str(store),
               PYTHONPATH=str(Path(__file__).resolve().parents[1] / "cli"))
    return subprocess.run([sys.executable, "-m", "defnews", *args], env=env, cwd=cwd,
                          stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60)


def _refused(done: subprocess.CompletedProcess[str]) -> str:
    assert done.returncode == 2, (done.returncode, done.stderr)
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("defnews: error: "), done.stderr
    assert "DEFNEWS_STORE" in lines[0]  # the fix is in the line
    return lines[0]


def _listing(folder: Path) -> dict[str, tuple[int, int]]:
    """Name -> (file type, size) of everything in `folder`, links not followed."""
    return {p.name: (stat.S_IFMT(p.lstat().st_mode), p.lstat().st_size) for p in folder.iterdir()}


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "art.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


# -- regular files that are not a store


@pytest.mark.usefixtures("with_model")
def test_the_article_itself_as_store_is_refused_and_kept(article: Path) -> None:
    before = _listing(article.parent)
    done = _defnews(["translate", article.name, "--quiet"], article, article.parent)
    assert "not a defnews store" in _refused(done)
    assert done.stdout == ""
    assert article.read_text(encoding="utf-8") == ARTICLE
    assert _listing(article.parent) == before  # no .corrupt-*, -wal, -shm


def test_a_text_file_elsewhere_is_refused_whatever_its_name(tmp_path: Path) -> None:
    """Only the default store in our own folder is recovered from garbage (test_store.py)."""
    path = tmp_path / "s.sqlite3"
    path.write_bytes(GARBAGE)
    before = _listing(tmp_path)
    with pytest.raises(InputError) as info:
        open_store(path)
    assert "not a defnews store" in info.value.line() and "DEFNEWS_STORE" in info.value.line()
    assert path.read_bytes() == GARBAGE and _listing(tmp_path) == before


def test_a_cut_off_sqlite_header_is_a_damaged_store(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite3"
    path.write_bytes(b"SQLite f")  # killed while the file was first written
    assert open_store(path).enabled
    assert [p.read_bytes() for p in tmp_path.glob("s.sqlite3.corrupt-*")] == [b"SQLite f"]


def test_an_empty_file_becomes_the_store(tmp_path: Path) -> None:
    path = tmp_path / "empty.db"
    path.touch()
    store = open_store(path)
    assert isinstance(store, Store) and store.enabled and store.tm_count() == 0
    assert not list(tmp_path.glob("*.corrupt-*"))


# -- symbolic links


def test_a_link_to_a_store_is_followed_and_kept(tmp_path: Path) -> None:
    real = tmp_path / "real" / "memory.sqlite3"
    real.parent.mkdir()
    first = open_store(real)
    first.tm_put_many([("k", "a", "b", "m", "g", None)])
    first.close()
    link = tmp_path / "link.sqlite3"
    link.symlink_to(real)
    store = open_store(link)
    assert store.enabled and store.tm_get_many(["k"])
    store.tm_put_many([("k2", "c", "d", "m", "g", None)])
    store.close()
    assert link.is_symlink() and link.resolve() == real
    assert not list(tmp_path.glob("link.sqlite3*-*"))  # no -wal/-shm beside the link


def test_a_link_to_a_damaged_store_recovers_the_target_and_keeps_the_link(
        tmp_path: Path, capsys) -> None:
    real = tmp_path / "real" / "memory.sqlite3"
    real.parent.mkdir()
    broken = b"SQLite format 3\x00" + b"\xff" * 4000
    real.write_bytes(broken)
    link = tmp_path / "link.sqlite3"
    link.symlink_to(real)
    store = open_store(link)
    assert store.enabled and store.tm_count() == 0
    store.close()
    assert link.is_symlink() and link.resolve() == real
    assert real.read_bytes().startswith(b"SQLite format 3\x00") and real.read_bytes() != broken
    moved = list(real.parent.glob("memory.sqlite3.corrupt-*"))
    assert len(moved) == 1 and moved[0].read_bytes() == broken
    assert not list(tmp_path.glob("link.sqlite3.corrupt-*"))
    assert str(moved[0]) in capsys.readouterr().err  # says where, not only the target's name


def test_a_link_to_a_text_file_is_refused_and_both_kept(article: Path) -> None:
    link = article.parent / "store.sqlite3"
    link.symlink_to(article)
    with pytest.raises(InputError):
        open_store(link)
    assert link.is_symlink() and link.resolve() == article
    assert article.read_text(encoding="utf-8") == ARTICLE
    assert not list(article.parent.glob("*.corrupt-*"))


def test_a_link_into_our_own_default_store_place_is_not_ours_when_it_leads_out(
        article: Path) -> None:
    default = Path(os.environ["DEFNEWS_HOME"]) / "data" / "defnews.sqlite3"
    default.parent.mkdir(parents=True)
    default.symlink_to(article)
    with pytest.raises(InputError):
        open_store()
    assert default.is_symlink() and article.read_text(encoding="utf-8") == ARTICLE


def test_a_dangling_link_is_refused_and_nothing_is_created(tmp_path: Path) -> None:
    target = tmp_path / "elsewhere" / "store.sqlite3"
    target.parent.mkdir()
    link = tmp_path / "link.sqlite3"
    link.symlink_to(target)
    done = _defnews(["cache", "stats"], link, tmp_path)
    assert "does not exist" in _refused(done)
    with pytest.raises(InputError):
        open_store(link)
    assert not target.exists() and link.is_symlink()


def test_a_wal_beside_the_store_that_is_a_link_is_refused(tmp_path: Path,
                                                          article: Path) -> None:
    path = tmp_path / "s.sqlite3"
    open_store(path).close()
    wal = tmp_path / "s.sqlite3-wal"
    wal.symlink_to(article)
    with pytest.raises(InputError) as info:
        open_store(path)
    assert "s.sqlite3-wal" in info.value.line()
    assert wal.is_symlink() and article.read_text(encoding="utf-8") == ARTICLE


def test_move_aside_never_renames_a_link_or_a_fifo(tmp_path: Path, article: Path) -> None:
    link = tmp_path / "link.sqlite3"
    link.symlink_to(article)
    with pytest.raises(OSError):
        move_aside(link)
    path = tmp_path / "s.sqlite3"
    path.write_bytes(GARBAGE)
    os.mkfifo(tmp_path / "s.sqlite3-shm")
    with pytest.raises(OSError):
        move_aside(path)
    assert link.is_symlink() and path.read_bytes() == GARBAGE
    assert stat.S_ISFIFO((tmp_path / "s.sqlite3-shm").lstat().st_mode)
    assert not list(tmp_path.glob("*.corrupt-*"))


# -- FIFOs, devices, directories, sockets


@pytest.mark.usefixtures("with_model")
@pytest.mark.parametrize("args", [["cache", "stats"], ["translate", "art.txt", "--quiet"]])
def test_a_fifo_is_refused_at_once_never_read(article: Path, args: list[str]) -> None:
    fifo = article.parent / "store.fifo"
    os.mkfifo(fifo)
    done = _defnews(args, fifo, article.parent)  # the old code blocked here forever
    assert "named pipe" in _refused(done)
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert not list(article.parent.glob("store.fifo*-*"))


def test_a_link_to_a_fifo_is_refused(tmp_path: Path) -> None:
    fifo = tmp_path / "store.fifo"
    os.mkfifo(fifo)
    link = tmp_path / "link.sqlite3"
    link.symlink_to(fifo)
    done = _defnews(["cache", "stats"], link, tmp_path)
    assert "symbolic link to a named pipe" in _refused(done)
    assert link.is_symlink() and stat.S_ISFIFO(fifo.lstat().st_mode)


@pytest.mark.usefixtures("with_model")
def test_a_device_node_is_refused_and_stays_a_device(article: Path) -> None:
    node = article.parent / "null"
    try:  # a private /dev/null (never the machine's own)
        os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except OSError as exc:
        pytest.skip(f"cannot make device nodes here ({exc})")
    before = _listing(article.parent)
    done = _defnews(["translate", article.name, "--quiet"], node, article.parent)
    assert "character device" in _refused(done)
    assert _listing(article.parent) == before
    assert node.lstat().st_rdev == os.makedev(1, 3)


def test_a_directory_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "store.sqlite3"
    (folder / "inside").mkdir(parents=True)
    with pytest.raises(InputError) as info:
        open_store(folder)
    assert "a directory" in info.value.line()
    assert [p.name for p in folder.iterdir()] == ["inside"]


def test_a_socket_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "s.sock"
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        try:
            sock.bind(str(path))
        except OSError as exc:
            pytest.skip(f"cannot bind a socket here ({exc})")
        with pytest.raises(InputError) as info:
            open_store(path)
        assert "a socket" in info.value.line()
        assert stat.S_ISSOCK(path.lstat().st_mode)
    finally:
        sock.close()


def test_no_cache_never_looks_at_the_path(tmp_path: Path) -> None:
    fifo = tmp_path / "store.fifo"
    os.mkfifo(fifo)
    assert isinstance(open_store(fifo, enabled=False), NullStore)
