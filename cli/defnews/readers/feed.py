"""RSS/Atom feeds → one Article per item."""

from __future__ import annotations

import re
from typing import Any

from defnews.article import Article
from defnews.errors import InputError
from defnews.readers.metadata import iso_date
from defnews.readers.text import read_text


def read_feed(text: str, name: str | None) -> list[Article]:
    import xml.etree.ElementTree as ET

    if "<!ENTITY" in text or "<!DOCTYPE" in text[:2000]:
        raise InputError("feed declares entities or a DOCTYPE; refusing it")
    try:
        root = ET.fromstring(text.encode("utf-8"))
    except ET.ParseError as exc:
        raise InputError(f"the feed is not valid XML ({exc}); was the download cut off?") from exc
    atom = "{http://www.w3.org/2005/Atom}"
    items = root.findall(".//item") or root.findall(f".//{atom}entry")
    if not items:
        raise InputError("the feed holds no items")
    channel = root.find("channel")
    outlet = (channel.findtext("title") if channel is not None else root.findtext(
        f"{atom}title")) or None
    articles: list[Article] = []
    for item in items:
        def get(*tags: str, node: Any = item) -> str:
            for t in tags:
                v = node.findtext(t) or node.findtext(atom + t)
                if v:
                    return str(v).strip()
            return ""

        title = get("title")
        body_html = get("{http://purl.org/rss/1.0/modules/content/}encoded", "content",
                        "description", "summary")
        body = html_to_text(body_html)
        link = get("link")
        if not link:
            el = item.find(f"{atom}link")
            link = el.get("href", "") if el is not None else ""
        author = get("author", "{http://purl.org/dc/elements/1.1/}creator")
        if not author:
            el = item.find(f"{atom}author")
            author = (el.findtext(f"{atom}name") or "") if el is not None else ""
        md = (f"# {title}\n\n" if title else "") + body
        article = read_text(md, name, "feed")
        article.format = "feed"
        article.title = title or article.title
        article.outlet = outlet
        article.author = author or None
        article.url = link or None
        pub = get("pubDate", "updated", "published", "{http://purl.org/dc/elements/1.1/}date")
        article.date = _feed_date(pub) or article.date
        article.source = f"{name}#{len(articles) + 1}" if name else None
        articles.append(article)
    return articles


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
