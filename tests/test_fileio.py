"""The output writer (atomic files; devices, FIFOs, symlinks) and the bounded reader."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from defnews.errors import DefnewsError, InputError
from defnews.fileio import emit, read_bounded, read_file_bytes, write_output


def test_stale_part_files_of_dead_writers_are_swept(tmp_path: Path) -> None:
    out = tmp_path / "digest.md"
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    stale = tmp_path / f".digest.md.{dead.stdout.strip()}.abc123_x.part"
    stale.write_text("half of an old run")
    with subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"]) as live:
        try:
            busy = tmp_path / f".digest.md.{live.pid}.zz9.part"
            busy.write_text("another run still writing")
            unrelated = tmp_path / ".digest.md.notes.part"  # not our pattern: never touched
            unrelated.write_text("user file")
            other_output = tmp_path / f".other.md.{dead.stdout.strip()}.q.part"
            other_output.write_text("left by a run writing another file")
            emit("# Digest", out)
            assert out.read_text() == "# Digest\n"
            assert not stale.exists()
            assert busy.exists() and unrelated.exists() and other_output.exists()
        finally:
            live.kill()


# -- the one output writer: devices, FIFOs and symlinks are written through, never replaced


def private_device(folder: Path, name: str, minor: int) -> Path:
    """A character device node of our own (1,3 is null, 1,7 is full), so a writer that
    wrongly renames over its output replaces this node and never the machine's /dev/null."""
    node = folder / name
    try:
        os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, minor))
    except (PermissionError, OSError) as exc:
        pytest.skip(f"cannot make a device node here ({exc})")
    return node


def test_a_null_device_stays_a_device(tmp_path: Path) -> None:
    null = private_device(tmp_path, "null", 3)
    before = os.lstat(null)
    emit("# Digest", null)
    after = os.lstat(null)
    assert stat.S_ISCHR(after.st_mode) and after.st_rdev == before.st_rdev
    assert after.st_ino == before.st_ino


def test_a_full_device_is_one_clear_runtime_error(tmp_path: Path) -> None:
    full = private_device(tmp_path, "full", 7)
    with pytest.raises(DefnewsError) as info:
        emit("# Digest", full)
    assert info.value.exit_code == 1
    assert "no space left" in info.value.message and "\n" not in str(info.value)
    assert stat.S_ISCHR(os.lstat(full).st_mode)


def _drain(fifo: Path, got: list[bytes]) -> threading.Thread:
    def run() -> None:
        with open(fifo, "rb") as fh:
            got.append(fh.read())
    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread


@pytest.mark.parametrize("through_link", [False, True])
def test_fifo_is_written_through(tmp_path: Path, through_link: bool) -> None:
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    target = fifo
    if through_link:
        target = tmp_path / "link"
        target.symlink_to(fifo)
    got: list[bytes] = []
    reader = _drain(fifo, got)
    write_output(target, "Zeile eins\nZeile zwei\n")
    reader.join(5)
    assert got == [b"Zeile eins\nZeile zwei\n"]
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert not through_link or os.readlink(target) == str(fifo)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted({"pipe", target.name})


def test_symlink_to_a_regular_file_replaces_the_target_and_keeps_the_link(tmp_path: Path) -> None:
    real = tmp_path / "real.md"
    real.write_text("alt\n")
    link = tmp_path / "link.md"
    link.symlink_to("real.md")
    write_output(link, "neu\n")
    assert link.is_symlink() and os.readlink(link) == "real.md"
    assert real.read_text() == "neu\n"


def test_new_file_gets_the_umask_permissions_existing_keeps_its_own(tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        write_output(tmp_path / "new.md", "x\n")
        existing = tmp_path / "old.md"
        existing.write_text("y\n")
        existing.chmod(0o604)
        write_output(existing, "z\n")
    finally:
        os.umask(old)
    assert stat.S_IMODE(os.stat(tmp_path / "new.md").st_mode) == 0o640
    assert stat.S_IMODE(os.stat(existing).st_mode) == 0o604


def test_a_file_name_in_dev_is_never_created(tmp_path: Path) -> None:
    typo = Path(f"/dev/defnews-test-no-such-device-{os.getpid()}")
    try:
        with pytest.raises(InputError):
            write_output(typo, "x\n")
        assert not os.path.lexists(typo)
    finally:
        if os.path.lexists(typo) and not typo.is_dir():
            typo.unlink()  # only what a broken writer would have created


# -- the one bounded reader


def test_dev_zero_stops_at_the_limit() -> None:
    with pytest.raises(InputError) as info:
        read_file_bytes(Path("/dev/zero"), limit=3 * 1024 * 1024)
    assert "/dev/zero" in info.value.message


def test_reader_never_reads_more_than_limit_plus_one() -> None:
    class Endless:
        served = 0

        def read(self, n: int) -> bytes:
            self.served += n
            return b"a" * n

    stream = Endless()
    with pytest.raises(InputError):
        read_bounded(stream, "stream", 2_500_000)  # type: ignore[arg-type]
    assert stream.served == 2_500_001
    assert read_bounded(open(os.devnull, "rb"), "empty", 10) == b""


def test_fifo_fed_more_than_the_limit_is_refused(tmp_path: Path) -> None:
    fifo = tmp_path / "feed"
    os.mkfifo(fifo)

    def feed() -> None:
        try:
            with open(fifo, "wb") as fh:
                for _ in range(64):
                    fh.write(b"Der Minister sprach.\n" * 5000)
        except BrokenPipeError:
            pass
    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    with pytest.raises(InputError):
        read_file_bytes(fifo, limit=1024 * 1024)
    writer.join(5)


def test_regular_file_over_the_limit_is_refused_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 2048)
    with pytest.raises(InputError) as info:
        read_file_bytes(big, limit=1024)
    assert "MB" in info.value.message
    assert read_file_bytes(big, limit=2048) == b"x" * 2048


_STDIN_PROBE = (
    "import sys\n"
    "from defnews import fileio\n"
    "from defnews.errors import DefnewsError\n"
    "fileio.guard_standard_streams()\n"
    "try:\n"
    "    data = fileio.read_stdin_bytes(limit=1024 * 1024)\n"
    "except DefnewsError as e:\n"
    "    sys.stderr.write('defnews: ' + e.message + '\\n'); sys.exit(e.exit_code)\n"
    "print(len(data))\n"
)


def _probe(stdin: object, env_extra: dict[str, str] | None = None,
           close_stdin: bool = False) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[1] / "cli"))
    env.update(env_extra or {})
    cmd = [sys.executable, "-c", _STDIN_PROBE]
    if close_stdin:
        cmd = ["sh", "-c", '"$0" -c "$1" <&-', sys.executable, _STDIN_PROBE]
    return subprocess.run(cmd, stdin=stdin, capture_output=True, text=True, env=env,  # type: ignore[call-overload]
                          timeout=30)


def test_endless_stdin_stops_at_the_limit() -> None:
    with open("/dev/zero", "rb") as zero:
        done = _probe(zero)
    assert done.returncode == 2 and done.stderr.startswith("defnews: standard input")
    assert done.stderr.count("\n") == 1


def test_closed_stdin_is_one_clear_line() -> None:
    done = _probe(None, close_stdin=True)
    assert done.returncode == 2, done.stderr
    assert done.stderr == ("defnews: standard input is closed; give a file name or pipe the "
                           "text in\n")


_GUARD_PROBE = (
    "import os, sys\n"
    "from defnews import fileio\n"
    "fileio.guard_standard_streams()\n"
    "fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT)\n"
    "os.write(2, str(fd).encode())\n"
)


def test_closed_stdout_is_never_taken_by_a_file_opened_later(tmp_path: Path) -> None:
    """Without the guard, the next file opened (the store!) gets fd 1 and receives the
    output meant for the terminal."""
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[1] / "cli"))
    done = subprocess.run(["sh", "-c", '"$0" -c "$1" "$2" >&-', sys.executable, _GUARD_PROBE,
                           str(tmp_path / "store")], capture_output=True, text=True, env=env,
                          timeout=30)
    assert done.returncode == 0, done.stderr
    assert int(done.stderr) > 2


_FLUSH_PROBE = (
    "import sys\n"
    "from defnews import fileio\n"
    "sys.stdout.write('x' * 10)\n"  # buffered: the failure shows only at the flush
    "message = fileio.flush_stdout_at_exit()\n"
    "sys.stderr.write(repr(message))\n"
)


def test_buffered_stdout_on_a_full_device_is_reported_at_exit() -> None:
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[1] / "cli"))
    env.pop("PYTHONUNBUFFERED", None)
    with open("/dev/full", "w") as full:
        done = subprocess.run([sys.executable, "-c", _FLUSH_PROBE], stdout=full,
                              stderr=subprocess.PIPE, text=True, env=env, timeout=30)
    assert done.returncode == 0  # the interpreter's own flush no longer fails (exit 120)
    assert done.stderr == ("'defnews: error: cannot write standard output: no space left on "
                           "the device'")


def test_dev_stderr_onto_a_log_file_appends(tmp_path: Path) -> None:
    log = tmp_path / "run.log"
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[1] / "cli"))
    probe = ("import os, sys\n"
             "from pathlib import Path\n"
             "from defnews.fileio import emit\n"
             "os.write(2, b'Hinweis: Lauf beginnt\\n')\n"
             "emit('Ergebnis', Path('/dev/stderr'))\n")
    with open(log, "wb") as fh:
        done = subprocess.run([sys.executable, "-c", probe], stderr=fh, env=env, timeout=30)
    assert done.returncode == 0
    assert log.read_text() == "Hinweis: Lauf beginnt\nErgebnis\n"


def test_files_in_folders_below_dev_are_ordinary_atomic_outputs() -> None:
    shm = Path("/dev/shm")
    if not shm.is_dir():
        pytest.skip("no /dev/shm")
    out = shm / f"defnews-test-{os.getpid()}.md"
    try:
        write_output(out, "Bericht\n")
        assert out.read_text() == "Bericht\n" and stat.S_ISREG(os.lstat(out).st_mode)
    finally:
        out.unlink(missing_ok=True)


_CLOSED_PROBE = (
    "import sys\n"
    "from defnews import fileio\n"
    "from defnews.errors import DefnewsError\n"
    "fileio.guard_standard_streams()\n"
    "try:\n"
    "    print('Ergebnis')\n"
    "except DefnewsError as exc:\n"
    "    sys.stderr.write(exc.message)\n"
    "    sys.exit(exc.exit_code)\n"
)


def test_printing_on_a_closed_stdout_fails_instead_of_vanishing() -> None:
    """print/typer.echo on a closed stdout did nothing (sys.stdout is None) and exit 0."""
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[1] / "cli"))
    done = subprocess.run(["sh", "-c", '"$0" -c "$1" >&-', sys.executable, _CLOSED_PROBE],
                          capture_output=True, text=True, env=env, timeout=30)
    assert done.returncode == 1
    assert done.stderr == "standard output is closed; give an output file with -o"


def test_a_missing_output_folder_names_the_fix(tmp_path: Path) -> None:
    missing = tmp_path / "neuer ordner" / "digest.md"
    with pytest.raises(InputError) as info:
        write_output(missing, "x\n")
    assert f"mkdir -p '{tmp_path / 'neuer ordner'}'" in info.value.line()
    assert not missing.parent.exists()  # named, not made
