"""Terms in a file as it was written: matching on normalised text, offsets in the original.

The matcher needs one spelling of a text: line endings as LF, the characters readers strip
(soft hyphens, zero-width spaces, byte-order marks, control characters other than tab and
newline) gone, and Unicode in NFC (``u`` + combining diaeresis is ``ü``). `glossary check`
reports offsets into the file's own characters, so the normalisation keeps a map from each
character it produces back to the characters it came from.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import replace

from defnews.glossary.match import Glossary, Match

_DROP = r"\x1b\[[0-9;?]*[A-Za-z]|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u00ad\u200b\ufeff]"
_DROPPED = re.compile(_DROP)
# A run that changes: CR or CRLF, a dropped character (or terminal escape), or a base
# character with the combining marks after it (which NFC may fold into one character).
_CHANGING = re.compile(rf"\r\n?|{_DROP}|.[\u0300-\u036f\u1dc0-\u1dff\u20d0-\u20ff]+",
                       re.DOTALL)


def normalize(raw: str) -> tuple[str, list[tuple[int, int, int]]]:
    """The normalised text and its map: (offset in text, offset in raw, raw length of the
    piece), one triple per changed piece, in order. Unchanged stretches need no entry."""
    if not _CHANGING.search(raw) and unicodedata.is_normalized("NFC", raw):
        return raw, []
    out: list[str] = []
    pieces: list[tuple[int, int, int]] = []
    pos = done = 0
    for m in _CHANGING.finditer(raw):
        out.append(raw[pos : m.start()])
        done += m.start() - pos
        piece = m.group(0)
        if piece.startswith("\r"):
            new = "\n"
        elif _DROPPED.fullmatch(piece):
            new = ""
        else:
            new = unicodedata.normalize("NFC", piece)
        pieces.append((done, m.start(), len(piece)))
        out.append(new)
        done += len(new)
        pieces.append((done, m.end(), 0))  # where the unchanged text resumes
        pos = m.end()
    out.append(raw[pos:])
    return "".join(out), pieces


def to_raw(pieces: list[tuple[int, int, int]], keys: list[int], offset: int,
           *, end: bool) -> int:
    """The raw offset of a normalised `offset` (a start, or an end when `end`)."""
    k = bisect_right(keys, offset - 1 if end else offset) - 1
    if k < 0:
        return offset
    at, raw_at, raw_len = pieces[k]
    if raw_len == 0:  # in an unchanged stretch
        return raw_at + (offset - at)
    # Inside a changed piece: a start maps to its beginning, an end to its end.
    return raw_at + raw_len if end else raw_at


def original_text(data: bytes) -> str:
    """A file's characters as written (decoded as the readers decode it, nothing removed
    but a byte-order mark); InputError for what the readers refuse."""
    from defnews import readers

    cleaned, encoding = readers.decode(data)
    try:
        raw = data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return cleaned
    return raw[1:] if raw.startswith("\ufeff") else raw


def find_in_source(glossary: Glossary, raw: str) -> list[Match]:
    """`glossary.find_in_prose` on the normalised text, offsets and surfaces in `raw`."""
    text, pieces = normalize(raw)
    matches = glossary.find_in_prose(text)
    if not pieces:
        return matches
    keys = [p[0] for p in pieces]
    out = []
    for m in matches:
        start = to_raw(pieces, keys, m.start, end=False)
        end = to_raw(pieces, keys, m.end, end=True)
        out.append(replace(m, start=start, end=end, surface=raw[start:end]))
    return out
