"""Bytes → text: BOMs, UTF-8, a declared charset, cp1252, then charset-normalizer.

Control characters, soft hyphens and zero-width spaces are removed and line endings
normalised, so every reader sees the same clean text.
"""

from __future__ import annotations

import codecs
import re

from defnews.errors import InputError

_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
]
_READ_AS_CP1252 = frozenset({"iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "us-ascii",
                             "ascii", "iso-ir-100", "cp819", "ibm819"})
_CONTROL = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def decode(data: bytes) -> tuple[str, str]:
    """Text and the encoding it was read as. Binary data raises InputError."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return clean(data[len(bom):].decode(enc)), enc
            except UnicodeDecodeError as exc:
                raise InputError(f"the file starts with a {enc} mark but is not {enc}") from exc
    if b"\0" in data[:65536] or b"\0" in data:
        if (utf16 := _utf16_without_bom(data)) is not None:
            return clean(data.decode(utf16)), utf16
        raise InputError("this looks like a binary file, not an article (it holds NUL bytes)")
    try:
        return clean(data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError:
        pass
    head = data[:4096].lower()
    declared = re.search(rb"charset=[\"']?([a-z0-9_-]+)", head) or re.search(
        rb"encoding=[\"']([a-z0-9_-]+)", head)
    candidates = []
    if declared:
        label = declared.group(1).decode("ascii", "replace")
        # Browsers read a page labelled Latin-1 or ASCII as windows-1252 (WHATWG Encoding):
        # its „quotes“ and dashes are bytes that Latin-1 maps to invisible control codes.
        candidates.append("cp1252" if label.replace("_", "-") in _READ_AS_CP1252 else label)
    # German bytes in 0x80-0x9F are cp1252's typographic quotes and dashes, not latin-1's
    # control characters; Russian or Polish text in its own code page is read as such.
    candidates.append(legacy_code_page(data))
    for enc in candidates:
        try:
            text = data.decode(enc)
        except (UnicodeDecodeError, LookupError):
            continue
        if _looks_binary(text):
            break
        return clean(text), enc
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
    except Exception:  # detector failure: treated like no result
        best = None
    if best is not None:
        text = str(best)
        if not _looks_binary(text):
            return clean(text), best.encoding
    text = data.decode("utf-8", errors="replace")
    if _looks_binary(text):
        raise InputError("this looks like a binary file, not an article")
    return clean(text), "utf-8 (with replacements)"


# The non-ASCII characters text in each single-byte code page is made of. The code page whose
# reading puts most of the file's non-ASCII characters in its own set wins; on a tie cp1252
# (German umlauts are the same bytes in cp1250). Russian is mostly lower case: cp1251 and
# KOI8-R read each other's lower case as upper case.
_CYRILLIC_LOWER = "абвгдежзийклмнопрстуфхцчшщъыьэюяё"
_TYPOGRAPHY = "„“”‚‘’–—…«»€°§"
_CODE_PAGE_LETTERS = {
    "cp1252": set("äöüßÄÖÜéèêàâçôîûëïóáíúñÉ" + _TYPOGRAPHY),
    "cp1251": set(_CYRILLIC_LOWER + "№" + _TYPOGRAPHY),
    "koi8_r": set(_CYRILLIC_LOWER + "№"),
    "cp1250": set("ąćęłńóśźżčďěňřšťůžýáíéúäöüßĄĆĘŁŃÓŚŹŻČĎĚŇŘŠŤŮŽÝÁÍÉÚÄÖÜ" + _TYPOGRAPHY),
    "iso8859_2": set("ąćęłńóśźżčďěňřšťůžýáíéúäöüßĄĆĘŁŃÓŚŹŻČĎĚŇŘŠŤŮŽÝÁÍÉÚÄÖÜ"),
}


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' for UTF-16 text saved without a byte order mark: Latin
    text then has a NUL in every other byte, on one side only. None for anything else."""
    if len(data) < 8 or len(data) % 2:
        return None
    sample = data[:65536]
    even, odd = sample[0::2], sample[1::2]
    for enc, zeros, other in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if zeros.count(0) >= 0.7 * len(zeros) and other.count(0) == 0:
            try:
                text = data.decode(enc)
            except UnicodeDecodeError:
                return None
            return None if _looks_binary(text) else enc
    return None


def legacy_code_page(data: bytes) -> str:
    """The single-byte code page (German, Cyrillic or Central European) `data` reads best in."""
    high = [b for b in data[:65536] if b >= 0x80]
    if not high:
        return "cp1252"
    sample = bytes(high)
    best, best_score = "cp1252", -1.0
    for enc, letters in _CODE_PAGE_LETTERS.items():
        text = sample.decode(enc, errors="replace")
        score = sum(1 for ch in text if ch in letters) / len(text)
        if score > best_score:
            best, best_score = enc, score
    return best


def _looks_binary(text: str) -> bool:
    if not text:
        return False
    odd = sum(1 for ch in text[:20000] if (ord(ch) < 32 and ch not in "\n\r\t")
              or ch == "\ufffd" or 0x80 <= ord(ch) < 0xA0)
    return odd / min(len(text), 20000) > 0.05


def clean(text: str) -> str:
    """Line endings normalised; soft hyphens, zero-width spaces and control codes removed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u00ad", "").replace("\u200b", "").replace("\ufeff", "")
    return _CONTROL.sub("", text)
