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
        candidates.append(declared.group(1).decode("ascii", "replace"))
    # German bytes in 0x80-0x9F are cp1252's typographic quotes and dashes, not latin-1's
    # control characters.
    candidates += ["cp1252"]
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
