"""What the digest renderers share: the header line, plurals and links to source files."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import quote

from defnews.digest.story import Digest


def plural(count: int, word: str, words: str | None = None) -> str:
    """'1 article', '2 articles', '3 stories'."""
    return f"{count} {word if count == 1 else (words or word + 's')}"


def date_range(digest: Digest) -> str:
    """'2023-08-07 to 2026-11-21', one date, or '' when no article is dated."""
    if not digest.first_date:
        return ""
    if digest.first_date == digest.last_date:
        return digest.first_date
    return f"{digest.first_date} to {digest.last_date}"


def header_line(digest: Digest, *, outlet_names: bool = False) -> str:
    """'15 articles from 9 outlets, 2023-08-07 to 2026-11-21, 12 stories' (with the outlets'
    names in brackets when asked); articles whose outlet nobody names are just counted."""
    counted = plural(digest.articles, "article")
    if digest.outlets:
        counted += f" from {plural(len(digest.outlets), 'outlet')}" + (
            f" ({', '.join(digest.outlets)})" if outlet_names else "")
    parts = [counted]
    if date_range(digest):
        parts.append(date_range(digest))
    parts.append(plural(len(digest.stories), "story", "stories"))
    return ", ".join(parts)


def source_link(source: str, links_from: Path | None) -> str:
    """A link to an article's source file that works from the digest's own folder.

    `source` is the path as read (relative to the working folder), maybe with `#N` for the
    N-th item of a feed. `links_from` is the folder the digest is written to; None keeps the
    path as it is (the digest goes to standard output)."""
    path, sep, item = source.rpartition("#")
    if not (sep and item.isdigit()):
        path, sep, item = source, "", ""
    if "://" in path:
        return source
    if links_from is not None:
        try:
            path = os.path.relpath(os.path.abspath(path), links_from)
        except ValueError:  # another drive (Windows)
            path = os.path.abspath(path)
    return quote(Path(path).as_posix()) + (f"#{item}" if sep else "")
