"""Reading articles: bytes in any encoding → Article (metadata + Markdown-shaped blocks).

Formats: plain text and Markdown (text.py), saved HTML pages (html.py, main text by
trafilatura), RSS/Atom feeds (feed.py, one Article per item). decode.py turns bytes into
text; metadata.py holds the rules they share. Page furniture that readers of a summary never
want (donation appeals, newsletter and comment prompts, image credits, "read more" links,
cookie notices) is marked as boilerplate: translation keeps it, summaries and digests drop it.
"""

from __future__ import annotations

import re
from pathlib import Path

from defnews.article import Article
from defnews.errors import InputError
from defnews.readers.decode import decode

__all__ = ["decode", "read_bytes", "read_path", "sniff_format", "zipfile_like"]


def sniff_format(text: str, name: str | None) -> str:
    """txt | markdown | html | feed, from the file name's suffix and the text's start."""
    suffix = Path(name).suffix.lower() if name else ""
    head = text[:2000].lstrip().lower()
    if suffix in {".rss", ".atom"} or head.startswith("<?xml") and ("<rss" in head or
                                                                  "<feed" in head):
        return "feed"
    if "<rss" in head[:500] or "<feed" in head[:500]:
        return "feed"
    if suffix in {".html", ".htm"} or head.startswith(("<!doctype html", "<html")):
        return "html"
    if suffix == ".xml":
        return "feed"
    if suffix in {".md", ".markdown"}:
        return "markdown"
    if suffix == ".txt":
        return "txt"
    return "markdown" if re.search(r"(?m)^#{1,6} \S", text) else "txt"


def read_path(path: Path) -> list[Article]:
    from defnews.fileio import read_file_bytes

    return read_bytes(read_file_bytes(path), name=str(path))


def read_bytes(data: bytes, name: str | None = None) -> list[Article]:
    """The articles in a file's bytes (a feed holds several), with language and encoding."""
    if zipfile_like(data):
        raise InputError(f"{name or 'input'} is an archive, not an article")
    text, encoding = decode(data)
    fmt = sniff_format(text, name)
    if fmt == "feed":
        from defnews.readers.feed import read_feed

        articles = read_feed(text, name)
    elif fmt == "html":
        from defnews.readers.html import read_html

        articles = [read_html(text, name)]
    else:
        from defnews.readers.text import read_text

        articles = [read_text(text, name, fmt)]
    from defnews.langdetect import detect_language

    # Feed items begin at their <item>/<entry> tags; report offsets search from there.
    starts = [m.start() for m in re.finditer(r"<(?:item|entry)[\s>]", text)] \
        if fmt == "feed" else []
    for k, a in enumerate(articles):
        a.encoding = encoding
        a.source = a.source or name
        a.input_text = text
        a.input_offset = starts[k] if len(starts) == len(articles) else 0
        body = " ".join(b.text for b in a.blocks if b.translatable and not b.boilerplate)
        lang = detect_language(body)[0] if body.strip() else "und"
        a.lang = None if lang == "und" else lang
    return articles


def zipfile_like(data: bytes) -> bool:
    return data[:4] in (b"PK\x03\x04", b"PK\x05\x06", b"\x1f\x8b\x08\x00"[:4]) or \
        data[:3] == b"\x1f\x8b\x08"
