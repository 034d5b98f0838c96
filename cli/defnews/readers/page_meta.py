"""Metadata of a saved news page from its own markup: JSON-LD, meta tags, the H1.

Generic rules only (no per-outlet code): the headline from the page's H1, JSON-LD
`NewsArticle.headline` or `og:title`, with a site suffix ("… | Börsen-Zeitung", "… - WELT")
removed; authors from JSON-LD and `meta[name=author]`; the publication date from JSON-LD
`datePublished` or the article meta tags. Each value says where it came from.
"""

from __future__ import annotations

import html as htmllib
import json
import re
from dataclasses import dataclass, field
from typing import Any

_ARTICLE_TYPES = ("article", "newsarticle", "reportage", "blogposting", "analysisnewsarticle",
                  "opinionnewsarticle", "reportagenewsarticle", "backgroundnewsarticle",
                  "liveblogposting", "webpage")
_SUFFIX = re.compile(r"^(?P<head>.{12,}?)\s+[|–—:-]\s+(?P<site>[^|–—]{2,40})$")
_LD_SCRIPT = re.compile(
    r"<script[^>]*type\s*=\s*[\"']application/ld\+json[\"'][^>]*>(.*?)</script>", re.I | re.S)


@dataclass
class PageMeta:
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    date: str | None = None
    site: str | None = None
    url: str | None = None
    sources: dict[str, str] = field(default_factory=dict)


def json_ld(html: str) -> list[dict[str, Any]]:
    """Every JSON-LD object of the page, nested ones and @graph members included."""
    out: list[dict[str, Any]] = []
    for m in _LD_SCRIPT.finditer(html):
        try:
            data = json.loads(m.group(1).strip())
        except ValueError:
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                out.append(item)
                stack.extend(v for k, v in item.items() if k in ("@graph", "mainEntity")
                             and isinstance(v, (list, dict)))
    return out


def _types(obj: dict[str, Any]) -> list[str]:
    t = obj.get("@type", "")
    return [x.lower() for x in (t if isinstance(t, list) else [t]) if isinstance(x, str)]


def _clean(text: Any) -> str:
    return " ".join(htmllib.unescape(str(text or "")).split())


def _names(value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value]
    out = []
    for item in items:
        name = item.get("name") if isinstance(item, dict) else item
        if isinstance(name, str) and _clean(name):
            out.append(_clean(name))
    return out


def strip_site_suffix(title: str, site_names: list[str]) -> str:
    """'Headline | Börsen-Zeitung' → 'Headline' when the tail names the site."""
    m = _SUFFIX.match(title)
    if not m:
        return title
    site = re.sub(r"\W", "", m.group("site").lower())
    names = [re.sub(r"\W", "", s.lower()) for s in site_names if s]
    if site and any(site in n or n in site for n in names if n):
        return m.group("head").strip()
    return title


def _choose_title(candidates: list[tuple[str, str]]) -> tuple[str, str]:
    """The headline most of the page's sources agree on (the H1 first on a tie); an H1 that
    is another source's headline with a kicker in front ("Premier League Rückschlag ...")
    gives way to that headline."""
    values = [v for v, _ in candidates]
    best, source = max(candidates, key=lambda c: values.count(c[0]))
    if values.count(best) == 1:
        best, source = candidates[0]
    for value, src in candidates:
        if value != best and len(value) >= 12 and best.endswith(value):
            return value, src
    return best, source


def page_meta(html: str, tree: Any) -> PageMeta:
    """Title, authors, date, site and URL from the page's JSON-LD, meta tags and H1."""
    meta = PageMeta()

    def tag(*names: str) -> str:
        for n in names:
            for v in tree.xpath(f'//meta[@property="{n}" or @name="{n}"]/@content'):
                if _clean(v):
                    return _clean(v)
        return ""

    ld = [o for o in json_ld(html) if any(t in _ARTICLE_TYPES for t in _types(o))]
    article = next((o for o in ld if o.get("headline")), ld[0] if ld else {})
    publisher = article.get("publisher")
    site_names = [tag("og:site_name")] + (_names(publisher) if publisher else []) + [
        tag("application-name")]
    url = tag("og:url") or _clean(article.get("url"))
    host = re.sub(r"^https?://(www\.)?", "", url).split("/")[0] if url else ""
    meta.site = next((s for s in site_names + [host] if s), None)
    if meta.site:
        meta.sources["outlet"] = "site name (og:site_name, JSON-LD publisher or host)"
    # Names a title suffix may carry: the site names, the host, the Twitter handle.
    site_names += [host, host.split(".")[0], tag("twitter:site").lstrip("@")]
    meta.url = url or None
    if url:
        meta.sources["url"] = "og:url" if tag("og:url") else "JSON-LD url"
    h1s = [_clean(h.text_content()) for h in tree.xpath("//h1")]
    h1 = next((h for h in h1s if 8 <= len(h) <= 300), "")
    candidates = [(strip_site_suffix(v, site_names), src) for v, src in (
        (h1, "H1"), (_clean(article.get("headline")), "JSON-LD headline"),
        (tag("og:title"), "og:title"), (tag("twitter:title"), "twitter:title")) if v]
    if candidates:
        meta.title, meta.sources["title"] = _choose_title(candidates)
    authors = _names(article.get("author")) if article.get("author") else []
    if authors:
        meta.sources["author"] = "JSON-LD author"
    elif author := tag("author", "article:author", "dc.creator", "sailthru.author"):
        if not author.startswith("http"):
            authors = [author]
            meta.sources["author"] = "meta tag"
    meta.authors = authors
    date = _clean(article.get("datePublished")) or tag(
        "article:published_time", "datePublished", "pubdate", "date", "dc.date",
        "dcterms.date")
    if re.match(r"\d{4}-\d{2}-\d{2}", date):
        meta.date = date[:10]
        meta.sources["date"] = ("JSON-LD datePublished" if article.get("datePublished")
                                else "meta tag")
    return meta
