"""Rules the readers share: dates, author lines, datelines, boilerplate, front matter.

Generic rules only (no per-outlet code): they must hold for outlets never seen.
"""

from __future__ import annotations

import re
from pathlib import Path

from defnews.article import Article, Block
from defnews.textutil import MONTH_PATTERN, MONTHS

_DATE_LONG = re.compile(r"\b(\d{1,2})\.\s*(" + MONTH_PATTERN + r")\s+(\d{4})\b", re.I)
_DATE_NUM = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b")
_DATE_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
AUTHOR_LINE = re.compile(r"^\s*(?:von|autor(?:in)?:|text:)\s+(.{3,80}?)\s*$", re.I)
DATELINE = re.compile(
    r"^\s*(?P<place>[A-ZÄÖÜ][A-ZÄÖÜ .-]{2,30}|[A-ZÄÖÜ][a-zäöüß]+(?: [A-ZÄÖÜ][a-zäöüß]+)?)"
    r"\s*(?:\((?P<agency1>[A-Za-z/]{2,12})\)\s*[–—-]|(?P<agency2>[a-z][a-z/]{1,10})\s*\|)\s*")

BOILERPLATE = re.compile(
    r"unterstützen sie|jetzt spenden|spende|newsletter|abonnier|diskutieren sie|"
    r"kommentar(e|ieren)|lesen sie (auch|mehr)|mehr zum thema|weiterlesen|"
    r"^\s*(foto|bild|grafik|quelle)\s*:|cookie|datenschutz|impressum|alle rechte vorbehalten|"
    r"©|teilen auf|auf facebook|folgen sie uns|anzeige\b|werbung\b",
    re.I | re.M,
)
_FILE_NAME_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})(?!\d)")


def iso_date(text: str) -> str | None:
    """The first date written in `text` (ISO, "7. August 2023" or "07.08.2023") as ISO."""
    if m := _DATE_ISO.search(text):
        return f"{m.group(1)}-{m.group(2)}-{m.group(3)}"
    if m := _DATE_LONG.search(text):
        return f"{m.group(3)}-{MONTHS[m.group(2).lower()]:02d}-{int(m.group(1)):02d}"
    if m := _DATE_NUM.search(text):
        return f"{m.group(3)}-{int(m.group(2)):02d}-{int(m.group(1)):02d}"
    return None


def file_name_date(name: str | None) -> str | None:
    """Saved articles are often named by day (2026-11-20_outlet_topic.txt)."""
    if not name:
        return None
    m = _FILE_NAME_DATE.match(Path(name).name)
    return m.group(1) if m else None


def is_boilerplate(block: Block) -> bool:
    text = block.text.strip()
    if not text:
        return False
    return bool(BOILERPLATE.search(text))


def meta_lines(text: str, article: Article) -> bool:
    """Take author and date from a short multi-line header block; False if it is prose."""
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    if len(lines) > 4 or any(len(ln) > 80 for ln in lines):
        return False
    found: dict[str, str] = {}
    for ln in lines:
        if m := AUTHOR_LINE.match(ln):
            found["author"] = m.group(1).strip(" .,")
        elif iso_date(ln) and len(ln) < 40:
            found["date"] = iso_date(ln) or ""
        else:
            return False
    article.author = article.author or found.get("author")
    article.date = article.date or found.get("date")
    return True


def strip_front_matter(text: str) -> str:
    if text.startswith("---\n"):
        end = text.find("\n---\n", 4)
        if 0 < end < 3000:
            return text[end + 5:]
    return text
