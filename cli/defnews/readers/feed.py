"""RSS/Atom feeds → one Article per item, read by feedparser (RSS 0.9x, 1.0/RDF, 2.0, Atom).

Hostile XML stays harmless: a feed that declares entities or an internal DTD subset is refused
before any parser sees it (no entity expansion, no external entities); the standard RSS 0.91
DOCTYPE (a public identifier, nothing declared) is accepted and never fetched. The XML must be
well-formed (expat checks it), so a cut-off download is refused instead of half-read.
"""

from __future__ import annotations

import io
import re
from typing import Any

from defnews.article import Article
from defnews.errors import InputError
from defnews.readers.metadata import iso_date
from defnews.readers.text import read_text
from defnews.textutil import strip_tags

_INTERNAL_SUBSET = re.compile(r"<!DOCTYPE[^>\[]*\[", re.IGNORECASE)


def read_feed(text: str, name: str | None) -> list[Article]:
    import xml.etree.ElementTree as ET

    import feedparser

    if "<!ENTITY" in text or _INTERNAL_SUBSET.search(text[:4000]):
        raise InputError("feed declares entities or an internal DTD; refusing it")
    data = text.encode("utf-8")
    try:
        ET.fromstring(data)
    except ET.ParseError as exc:
        raise InputError(f"the feed is not valid XML ({exc}); was the download cut off?") from exc
    parsed = feedparser.parse(io.BytesIO(data), resolve_relative_uris=False)
    if not parsed.entries:
        raise InputError("the feed holds no items")
    outlet = _line(parsed.feed.get("title")) or None
    articles: list[Article] = []
    for entry in parsed.entries:
        articles.append(_read_entry(entry, outlet, name, len(articles) + 1))
    return articles


def _line(value: Any) -> str:
    """A feed's one-line field as plain text: feeds put markup in titles and names
    ("&lt;b&gt;Eil&lt;/b&gt;: …"), which feedparser hands on as tags."""
    return " ".join(strip_tags(str(value or "")).split())


def _read_entry(entry: Any, outlet: str | None, name: str | None, number: int) -> Article:
    title = _line(entry.get("title"))
    contents = entry.get("content") or []
    body_html = (contents[0].get("value") if contents else "") or entry.get("summary", "")
    md = (f"# {title}\n\n" if title else "") + html_to_text(str(body_html))
    article = read_text(md, name, "feed")
    article.format = "feed"
    article.title = title or article.title
    article.outlet = outlet
    author = _line(entry.get("author") or entry.get("author_detail", {}).get("name"))
    article.author = author or None
    article.url = str(entry.get("link") or "") or None
    # The date as printed in the item (its own time zone), not converted to UTC.
    pub = str(entry.get("published") or entry.get("updated") or entry.get("created") or "")
    article.date = _feed_date(pub) or article.date
    article.sources = {k: "feed item" for k in ("title", "author", "url", "date")
                       if getattr(article, k)}
    if outlet:
        article.sources["outlet"] = "feed title"
    article.source = f"{name}#{number}" if name else None
    return article


def _feed_date(value: str) -> str | None:
    if not value:
        return None
    if iso := iso_date(value):
        return iso
    try:
        from email.utils import parsedate_to_datetime

        return parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError):
        return None


def html_to_text(fragment: str) -> str:
    """An HTML fragment (a feed item's body) as plain paragraphs."""
    import html

    text = re.sub(r"(?is)<(script|style)\b.*?</\1>", "", fragment)
    text = re.sub(r"(?i)</p\s*>|<br\s*/?>", "\n\n", text)
    text = re.sub(r"<[^>]+>", "", text)
    return re.sub(r"\n{3,}", "\n\n", html.unescape(text)).strip()
