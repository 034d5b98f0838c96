"""Encodings (issue 16): Russian in cp1251/KOI8-R is read as Russian and refused as not German."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from defnews.errors import InputError
from defnews.readers import decode, read_bytes

RUSSIAN = ("Министр обороны заявил во вторник, что армия получит новые танки до конца года. "
           "Первые поставки начнутся весной, сообщили в министерстве.")
POLISH = ("Minister obrony zapowiedział we wtorek zakup nowych czołgów. Dostawy rozpoczną się "
          "wiosną, a żołnierze przejdą szkolenie za granicą.")
GERMAN = ("Der Verteidigungsminister reiste am Montag nach Warschau. Dort sprach er über die "
          "gemeinsame Übung, die im März beginnen soll. „Wir stehen zusammen“, sagte er.")


@pytest.mark.parametrize("encoding", ["cp1251", "koi8_r"])
def test_russian_code_pages_are_read_as_russian(encoding: str) -> None:
    # Before: decoded as cp1252 mojibake ("Ìèíèñòð ..."), not recognised as Russian.
    text, used = decode(RUSSIAN.encode(encoding))
    assert (text, used) == (RUSSIAN, encoding)
    [article] = read_bytes(RUSSIAN.encode(encoding), "meldung.txt")
    assert article.lang == "ru"


@pytest.mark.parametrize("encoding", ["cp1250", "iso8859_2"])
def test_central_european_code_pages(encoding: str) -> None:
    assert decode(POLISH.encode(encoding))[0] == POLISH


def test_german_cp1252_stays_cp1252() -> None:
    assert decode(GERMAN.encode("cp1252")) == (GERMAN, "cp1252")


def test_russian_koi8_file_is_refused_by_translate(tmp_path: Path) -> None:
    src = tmp_path / "meldung.txt"
    src.write_bytes(RUSSIAN.encode("koi8_r"))
    proc = subprocess.run([sys.executable, "-m", "defnews", "translate", str(src), "--offline"],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2
    assert proc.stderr.startswith("defnews:") and "'ru'" in proc.stderr


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_saved_without_a_byte_order_mark(encoding: str) -> None:
    text = ("Marine übernimmt neue Korvette\n\nDie Korvette „Köln“ wurde am Freitag in Dienst "
            "gestellt. Sie soll ab März in der Ostsee üben.\n")
    [article] = read_bytes(text.encode(encoding), "korvette.txt")
    assert article.encoding == encoding
    assert article.title == "Marine übernimmt neue Korvette"
    assert any("Korvette „Köln“" in b.text for b in article.blocks)


def test_binary_with_nul_bytes_is_still_refused() -> None:
    data = bytes(range(256)) * 40
    with pytest.raises(InputError, match="binary"):
        read_bytes(data, "bild.txt")
