"""Installing Argos packages: good ones atomically; hostile ones refused, nothing left behind."""

from __future__ import annotations

import json
import stat
import zipfile
from pathlib import Path

import pytest

from conftest import TEST_PACKAGE, tree
from defnews import models
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
    m = models.install_file(make_package(tmp_path / "p.argosmodel"), root)
    assert m.path == root / "translate-de_en-1_0"
    assert models.find_model(packages_dir=root).path == m.path
    assert not [p for p in root.iterdir() if p.name.startswith(".")]  # no staging left
    models.remove(None, root)
    with pytest.raises(ModelMissingError) as exc:
        models.find_model(packages_dir=root)
    assert "defnews models install" in str(exc.value)


def _refused(tmp_path: Path, archive: Path, match: str) -> None:
    root = tmp_path / "pk"
    root.mkdir(exist_ok=True)
    before_all = tree(tmp_path)
    with pytest.raises(PackageError, match=match):
        models.install_file(archive, root)
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
    old = models.install_file(make_package(tmp_path / "a.argosmodel"), root)
    marker = (old.model_dir / "model.bin").read_bytes()
    bad = make_package(tmp_path / "b.argosmodel", omit=("sentencepiece.model",))
    with pytest.raises(PackageError):
        models.install_file(bad, root)
    assert models.find_model(packages_dir=root).path == old.path
    assert (old.model_dir / "model.bin").read_bytes() == marker


def test_reinstall_replaces(tmp_path: Path) -> None:
    root = tmp_path / "pk"
    models.install_file(make_package(tmp_path / "a.argosmodel"), root)
    new = make_package(tmp_path / "b.argosmodel", files={"model/model.bin": b"\1" * 10})
    m = models.install_file(new, root)
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
        models.download_and_install(offline=True)
    monkeypatch.setenv("DEFNEWS_OFFLINE", "1")
    with pytest.raises(NetworkError, match="forbidden"):
        models.fetch_index()


def test_identity_changes_with_model(tmp_path: Path) -> None:
    root = tmp_path / "pk"
    a = models.install_file(make_package(tmp_path / "a.argosmodel"), root).identity()
    b = models.install_file(
        make_package(tmp_path / "b.argosmodel", files={"model/model.bin": b"\2" * 64}), root
    ).identity()
    assert a != b
