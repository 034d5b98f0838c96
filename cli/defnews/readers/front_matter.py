"""YAML front matter of a saved Markdown article (``---`` lines around ``title:``, ``author:``,
``published:``, ``source:``), as web clippers and static-site tools write it.

The block is kept verbatim (a Markdown output starts with it again, nothing in it is
translated) and its fields are read as the article's metadata: they are the page's own.
"""

from __future__ import annotations

import re
from typing import Any

from defnews.readers.metadata import iso_date

MAX_CHARS = 5000  # a longer block is no front matter (or not one worth parsing)
_KEYS = {
    "title": ("title", "headline"),
    "author": ("author", "authors", "byline", "creator"),
    "date": ("published", "date", "pubdate", "date_published", "datepublished", "created"),
    "url": ("source", "url", "link", "canonical", "original_url"),
    "outlet": ("site", "site_name", "publisher", "outlet", "source_name", "publication"),
}
# YAML anchors and aliases can make a small block expand without bound: such a block is kept
# verbatim but not read.
_ALIAS = re.compile(r"(?:^|[\s\[{,:-])[&*][^\s,\]}]")


def read(text: str) -> tuple[str, str, dict[str, str]]:
    """(front matter with its ``---`` lines, the rest, its metadata fields); ("", text, {})
    when there is none. The YAML is parsed once."""
    if not text.startswith("---\n"):
        return "", text, {}
    end = text.find("\n---", 3)
    while end != -1 and text[end + 4 : end + 5] not in ("\n", ""):
        end = text.find("\n---", end + 4)
    if end == -1 or end > MAX_CHARS:
        return "", text, {}
    cut = end + 4 + (1 if text[end + 4 : end + 5] == "\n" else 0)
    # Two rules around prose are no front matter: its lines must be a YAML mapping.
    mapping = _mapping(text[4:end])
    if mapping is None:
        return "", text, {}
    return text[:cut], text[cut:], _fields(mapping)


def _mapping(body: str) -> dict[str, Any] | None:
    """The block's YAML as a mapping with lower-case keys; {} for a mapping not read (one
    with anchors or aliases); None when it is not a mapping at all."""
    import yaml

    first = next((ln for ln in body.split("\n") if ln.strip()), "")
    if not re.match(r"^[A-Za-z_][\w -]{0,40}:(?:\s|$)", first):
        return None
    if _ALIAS.search(body):
        return {}
    try:
        data = yaml.safe_load(body)
    except yaml.YAMLError:
        return None
    return {str(k).lower(): v for k, v in data.items()} if isinstance(data, dict) else None


def _fields(lowered: dict[str, Any]) -> dict[str, str]:
    """The metadata in the mapping: title, author, date (ISO), url, outlet (as present)."""
    out: dict[str, str] = {}
    for field, keys in _KEYS.items():
        for key in keys:
            value = _text(lowered.get(key))
            if field == "date":
                value = iso_date(value) if value else None
            elif field == "url" and value and not re.match(r"https?://", value):
                value = None
            if value:
                out[field] = value
                break
    return out


def _text(value: Any) -> str | None:
    """A field as one line: strings, dates, and lists of them (names joined by commas);
    wiki links ("[[Heike Brandt]]") and Markdown links give their text."""
    items = value if isinstance(value, list) else [value]
    parts = []
    for item in items[:20]:
        if isinstance(item, dict):
            item = item.get("name")
        if item is None or isinstance(item, (list, dict, bool)):
            continue
        text = str(item)
        text = re.sub(r"\[\[(?:[^\]|]*\|)?([^\]]*)\]\]", r"\1", text)
        text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
        text = " ".join(text.split())
        if text and len(text) <= 300:
            parts.append(text)
    return ", ".join(parts) or None
