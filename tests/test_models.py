"""Installing Argos packages: good ones atomically; hostile ones refused, nothing left behind."""

from __future__ import annotations

import json
import stat
import zipfile
from pathlib import Path

import pytest

from conftest import TEST_PACKAGE, tree
from defnews import models, models_index, models_install
from defnews.errors import ModelMissingError, NetworkError, PackageError

META = {"package_version": "1.0", "argos_version": "1.0", "from_code": "de",
        "from_name": "German", "to_code": "en", "to_name": "English", "type": "translate"}


def real_sentencepiece() -> bytes:
    """The test package's SentencePiece model (a package's tokenizer must load)."""
    with zipfile.ZipFile(TEST_PACKAGE) as zf:
        name = next(n for n in zf.namelist() if n.endswith("sentencepiece.model"))
        return zf.read(name)


def make_package(path: Path, *, top: str = "translate-de_en-1_0", meta: object = META,
                 files: dict[str, bytes] | None = None, omit: tuple[str, ...] = (),
                 extra: list[tuple[zipfile.ZipInfo | str, bytes]] = ()) -> Path:
    """A structurally valid package with dummy model files (installation never loads them)."""
    members = {
        "metadata.json": meta if isinstance(meta, bytes) else json.dumps(meta).encode(),
        "model/model.bin": b"\0" * 64,
        "model/shared_vocabulary.json": b"[]",
        "sentencepiece.model": real_sentencepiece(),
        "README.md": b"test",
    }
    members.update(files or {})
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            if name not in omit:
                zf.writestr(f"{top}/{name}", data)
        for info, data in extra:
            zf.writestr(info, data)
    return path


def test_install_locate_remove(tmp_path: Path) -> None:
    root = tmp_path / "pk"
    m = models_install.install_file(make_package(tmp_path / "p.argosmodel"), root)
    assert m.path == root / "translate-de_en-1_0"
    assert models.find_model(packages_dir=root).path == m.path
    assert not [p for p in root.iterdir() if p.name.startswith(".")]  # no staging left
    models_install.remove(None, root)
    with pytest.raises(ModelMissingError) as exc:
        models.find_model(packages_dir=root)
    assert "defnews models install" in str(exc.value)


def _refused(tmp_path: Path, archive: Path, match: str) -> None:
    root = tmp_path / "pk"
    root.mkdir(exist_ok=True)
    before_all = tree(tmp_path)
    with pytest.raises(PackageError, match=match):
        models_install.install_file(archive, root)
    assert tree(tmp_path) == before_all, "nothing may be left behind"


def test_not_a_zip(tmp_path: Path) -> None:
    bad = tmp_path / "x.argosmodel"
    bad.write_bytes(b"hello, not a zip")
    _refused(tmp_path, bad, "not a zip")


def test_truncated_zip(tmp_path: Path) -> None:
    good = make_package(tmp_path / "g.argosmodel",
                        files={"model/model.bin": bytes(range(256)) * 400})
    data = good.read_bytes()
    bad = tmp_path / "t.argosmodel"
    bad.write_bytes(data[: len(data) // 2])
    good.unlink()
    _refused(tmp_path, bad, "not a zip|damaged|truncated")


def test_corrupted_member(tmp_path: Path) -> None:
    good = make_package(tmp_path / "g.argosmodel",
                        files={"model/model.bin": b"A" * 5000 + bytes(range(256)) * 20})
    data = bytearray(good.read_bytes())
    i = data.find(b"model/model.bin") + 200  # inside the compressed data of model.bin
    data[i] ^= 0xFF
    good.write_bytes(bytes(data))
    _refused(tmp_path, good, "damaged|truncated|CRC")


@pytest.mark.parametrize("name", ["../evil.txt", "translate-de_en-1_0/../../evil.txt",
                                  "/tmp/evil-abs.txt", "translate-de_en-1_0/model/../../../x"])
def test_escaping_members(tmp_path: Path, name: str) -> None:
    bad = make_package(tmp_path / "e.argosmodel", extra=[(name, b"pwned")])
    _refused(tmp_path, bad, "escapes|absolute")
    assert not Path("/tmp/evil-abs.txt").exists()


def test_symlink_member(tmp_path: Path) -> None:
    info = zipfile.ZipInfo("translate-de_en-1_0/model/link")
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    bad = make_package(tmp_path / "l.argosmodel", extra=[(info, b"/etc/passwd")])
    _refused(tmp_path, bad, "symbolic link")


def test_zip_bomb(tmp_path: Path) -> None:
    bad = tmp_path / "b.argosmodel"
    make_package(bad, files={"model/model.bin": b"\0" * (100 * 1024 * 1024)})
    assert bad.stat().st_size < 400_000
    _refused(tmp_path, bad, "zip bomb")


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"omit": ("metadata.json",)}, "metadata.json is missing"),
        ({"meta": b"{not json"}, "not valid JSON"),
        ({"meta": ["a", "list"]}, "JSON object"),
        ({"meta": {**META, "from_code": "en", "to_code": "de"}}, "needs German"),
        ({"meta": {**META, "type": "sbd"}}, "not a translation model"),
        ({"omit": ("model/model.bin",)}, "model.bin is missing"),
        ({"omit": ("sentencepiece.model",)}, "sentencepiece.model .or bpe.model. is missing"),
        ({"files": {"sentencepiece.model": b"sp"}}, "sentencepiece.model cannot be loaded"),
    ],
)
def test_bad_packages(tmp_path: Path, kwargs: dict, match: str) -> None:
    _refused(tmp_path, make_package(tmp_path / "m.argosmodel", **kwargs), match)


def test_failed_reinstall_keeps_the_old_model(tmp_path: Path) -> None:
    root = tmp_path / "pk"
    old = models_install.install_file(make_package(tmp_path / "a.argosmodel"), root)
    marker = (old.model_dir / "model.bin").read_bytes()
    bad = make_package(tmp_path / "b.argosmodel", omit=("sentencepiece.model",))
    with pytest.raises(PackageError):
        models_install.install_file(bad, root)
    assert models.find_model(packages_dir=root).path == old.path
    assert (old.model_dir / "model.bin").read_bytes() == marker


def test_reinstall_replaces(tmp_path: Path) -> None:
    root = tmp_path / "pk"
    models_install.install_file(make_package(tmp_path / "a.argosmodel"), root)
    new = make_package(tmp_path / "b.argosmodel", files={"model/model.bin": b"\1" * 10})
    m = models_install.install_file(new, root)
    assert (m.model_dir / "model.bin").read_bytes() == b"\1" * 10
    assert sorted(p.name for p in root.iterdir()) == ["translate-de_en-1_0"]


def test_offline_install_fails_fast_without_network(monkeypatch: pytest.MonkeyPatch) -> None:
    import socket

    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("network was touched")

    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "getaddrinfo", no_network)
    with pytest.raises(NetworkError, match="forbidden"):
        models_index.download_and_install(offline=True)
    monkeypatch.setenv("DEFNEWS_OFFLINE", "1")
    with pytest.raises(NetworkError, match="forbidden"):
        models_index.fetch_index()


def test_identity_changes_with_model(tmp_path: Path) -> None:
    root = tmp_path / "pk"
    a = models_install.install_file(make_package(tmp_path / "a.argosmodel"), root).identity()
    b = models_install.install_file(
        make_package(tmp_path / "b.argosmodel", files={"model/model.bin": b"\2" * 64}), root
    ).identity()
    assert a != b


# ------------------------------------------------ hostile packages (issue 18, package parts)


def test_version_with_path_traversal_is_refused(tmp_path: Path) -> None:
    """A flat archive's folder name comes from metadata: it must not climb out."""
    root = tmp_path / "a" / "b" / "pk"
    victim = tmp_path / "a" / "victim"
    victim.mkdir(parents=True)
    root.mkdir(parents=True)
    (victim / "keep.txt").write_text("precious")
    meta = {**META, "package_version": "1_0/../../victim"}
    flat = tmp_path / "flat.argosmodel"
    with zipfile.ZipFile(flat, "w") as zf:
        zf.writestr("metadata.json", json.dumps(meta))
        zf.writestr("model/model.bin", b"\0" * 64)
        zf.writestr("model/shared_vocabulary.json", b"[]")
        zf.writestr("sentencepiece.model", real_sentencepiece())
    before = tree(tmp_path)
    with pytest.raises(PackageError, match="not a plain folder name"):
        models_install.install_file(flat, root)
    assert tree(tmp_path) == before
    assert (victim / "keep.txt").read_text() == "precious"


@pytest.mark.parametrize("top", ["..", "a b", "-x", "x\ny"])
def test_odd_top_folder_names_are_refused(tmp_path: Path, top: str) -> None:
    _refused(tmp_path, make_package(tmp_path / "o.argosmodel", top=top),
             "escapes|not a plain folder name")


def _patch_central(archive: Path, *, flags: int | None = None, method: int | None = None) -> None:
    """Set the general-purpose flags / compression method of every member in place."""
    data = bytearray(archive.read_bytes())
    for sig, flag_at, method_at in ((b"PK\x03\x04", 6, 8), (b"PK\x01\x02", 8, 10)):
        i = data.find(sig)
        while i != -1:
            if flags is not None:
                data[i + flag_at:i + flag_at + 2] = flags.to_bytes(2, "little")
            if method is not None:
                data[i + method_at:i + method_at + 2] = method.to_bytes(2, "little")
            i = data.find(sig, i + 4)
    archive.write_bytes(bytes(data))


def test_encrypted_member_is_refused(tmp_path: Path) -> None:
    bad = make_package(tmp_path / "e.argosmodel")
    _patch_central(bad, flags=0x1)
    _refused(tmp_path, bad, "encrypted")


def test_unknown_compression_is_refused(tmp_path: Path) -> None:
    bad = make_package(tmp_path / "c.argosmodel")
    _patch_central(bad, method=99)  # AE-x, which zipfile cannot read
    _refused(tmp_path, bad, "unknown compression method 99")


@pytest.mark.parametrize(("meta", "match"), [
    (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
    (b'{"a": "' + b"x" * (2 << 20) + b'"}', "over 1024 KB"),
])
def test_hostile_metadata_is_refused(tmp_path: Path, meta: bytes, match: str) -> None:
    _refused(tmp_path, make_package(tmp_path / "m.argosmodel", meta=meta), match)


def test_metadata_json_folder_is_refused_and_listed(tmp_path: Path) -> None:
    archive = make_package(tmp_path / "d.argosmodel", omit=("metadata.json",),
                           extra=[("translate-de_en-1_0/metadata.json/", b"")])
    _refused(tmp_path, archive, "metadata.json is a folder")
    root = tmp_path / "pk"
    models_install.install_file(make_package(tmp_path / "g.argosmodel"), root)
    (root / "odd" / "metadata.json").mkdir(parents=True)
    assert models.find_model(packages_dir=root).name == "translate-de_en-1_0"
    rows = {r["name"]: r for r in models.list_rows(root)}
    assert rows["odd"]["problems"] == ["odd: metadata.json is a folder, not a file"]
    assert rows["translate-de_en-1_0"]["active"]


def test_dev_zero_stops_at_once(tmp_path: Path) -> None:
    _refused(tmp_path, Path("/dev/zero"), "not a zip archive")


def test_endless_zip_stream_stops_at_the_size_limit(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    import os
    import threading

    monkeypatch.setenv("DEFNEWS_MAX_PACKAGE_MB", "2")
    fifo = tmp_path / "stream.argosmodel"
    os.mkfifo(fifo)

    def feed() -> None:
        try:
            with fifo.open("wb") as out:
                out.write(b"PK\x03\x04")
                for _ in range(64):  # 64 MB if nobody stops reading
                    out.write(b"\0" * (1 << 20))
        except BrokenPipeError:
            pass

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    root = tmp_path / "pk"
    with pytest.raises(PackageError, match="larger than 2 MB"):
        models_install.install_file(fifo, root)
    writer.join(timeout=10)
    assert not (tmp_path / ".pk.defnews").exists()


def test_long_or_odd_model_names_give_one_line(monkeypatch: pytest.MonkeyPatch,
                                               tmp_path: Path) -> None:
    from defnews.errors import InputError

    with pytest.raises(InputError) as exc:
        models.find_model("x" * 5000, tmp_path)
    assert "\n" not in exc.value.message and len(exc.value.message) < 300
    with pytest.raises(ModelMissingError) as missing:
        models.find_model("a\nb\x1b[31m", tmp_path)
    assert "\n" not in missing.value.message and "\x1b" not in missing.value.message


def test_cli_install_dev_zero_and_long_model_exit_2(monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from defnews.cli import app

    runner = CliRunner()
    r = runner.invoke(app, ["models", "install", "--file", "/dev/zero"])
    assert r.exit_code == 2 and r.stderr.startswith("defnews:"), r.output
    monkeypatch.setenv("DEFNEWS_MODEL", "m" * 5000)
    r = runner.invoke(app, ["translate", "-"], input="Die Marine übt.")
    assert r.exit_code == 2, r.output
    assert len(r.stderr.strip().splitlines()) <= 2 and r.stderr.startswith("defnews:")
    assert "Traceback" not in r.output


def test_cleanup_staging_hook_puts_back_a_package_being_replaced(tmp_path: Path) -> None:
    """The hook the CLI's signal handler calls: mid-swap, the old package returns."""
    from defnews import models_install

    root = tmp_path / "pk"
    old = models_install.install_file(make_package(tmp_path / "a.argosmodel"), root)
    staging = models_install._new_staging(root, "install")
    moved = staging / "previous"
    models_install._to_restore.append((moved, old.path))
    old.path.rename(moved)  # as _swap_in does, interrupted before the new one moves in
    models.cleanup_staging()
    assert (old.path / "metadata.json").is_file()
    assert not staging.exists()


@pytest.mark.parametrize("value", ["nan", "inf", "-1", "1e400", "zero"])
def test_bad_package_size_limit_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                            value: str) -> None:
    from defnews.errors import InputError

    monkeypatch.setenv("DEFNEWS_MAX_PACKAGE_MB", value)
    with pytest.raises(InputError, match="DEFNEWS_MAX_PACKAGE_MB must be a number"):
        models_install.install_file(make_package(tmp_path / "p.argosmodel"), tmp_path / "pk")
    assert not (tmp_path / "pk").exists() or not any((tmp_path / "pk").iterdir())
