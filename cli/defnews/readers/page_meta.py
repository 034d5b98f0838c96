"""Metadata of a saved news page from its own markup: JSON-LD, meta tags, the H1.

Generic rules only (no per-outlet code): the headline from JSON-LD `NewsArticle.headline`,
else the H1, `og:title`, `twitter:title` or <title> by agreement, with a site suffix ("… |
Börsen-Zeitung", "… - WELT") and section tails removed; authors from JSON-LD (nested lists
too) and `meta[name=author]`, or from the byline when those name only the site; the
publication date from JSON-LD `datePublished` or the article meta tags. Each value says
where it came from.
"""

from __future__ import annotations

import html as htmllib
import json
import re
from dataclasses import dataclass, field
from typing import Any

from defnews.readers.metadata import BYLINE_LEAD, byline_names, iso_date
from defnews.textutil import element_spans, strip_tags

_ARTICLE_TYPES = ("article", "newsarticle", "reportage", "blogposting", "analysisnewsarticle",
                  "opinionnewsarticle", "reportagenewsarticle", "backgroundnewsarticle",
                  "liveblogposting", "webpage")
# The tail a title carries after the headline: " | Sport", " - Politik", " — der Freitag".
_TAIL = re.compile(r"^\s+[|–—-]\s+\S.{0,40}$")
_SUFFIX = re.compile(r"^(?P<head>.{12,}?)\s+[|–—:-]\s+(?P<site>[^|–—]{2,40})$")
_PREFIX = re.compile(r"^(?P<site>[^|–—:]{2,40}?)(?:\s+[|–—-]|:)\s+(?P<head>.{12,})$")
# What continues a headline cut at a length limit inside a word: the rest of that word. (A
# value that another goes on from with whole words is not taken as cut: social titles add
# words, "… Klare Ansage" / "… Klare Ansage von Profis".) Only long values are taken for
# cut ones: limits lie at 60 characters and more.
_CONTINUED = re.compile(r"^\w")
_CUT_AT_LEAST = 50
# A character reference left after one unescape: the value was escaped twice.
_ENTITY = re.compile(r"&(?:[a-zA-Z]{2,8}|#\d{2,5}|#x[0-9a-fA-F]{2,4});")
# A navigation trail in a heading: "Startseite › Politik › Sicherheit".
_TRAIL = re.compile(r"\S\s+[›»>]\s+\S.*\s[›»>]\s")
# An author that names a newsroom, not a writer.
_NEWSROOM = re.compile(r"^(?:(?:online|nachrichten|digital)-?)?redaktion\b|^red\.?$|^newsroom\b",
                       re.I)
_BYLINE_START = re.compile(rf"^{BYLINE_LEAD}(?!\w)", re.I)
_LD_WRAPPER = re.compile(r"^\s*(?://\s*)?(?:<!\[CDATA\[|<!--)|(?://\s*)?(?:\]\]>|-->)\s*$")
_AUTHOR_LABEL = re.compile(r"^(?:autor(?:in|en|innen)?|verfasser(?:in)?)\b\s*:?\s*(?=\S)", re.I)
_LD_TYPE = re.compile(r"\stype\s*=\s*[\"']application/ld\+json[\"']", re.I)


@dataclass
class PageMeta:
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    date: str | None = None
    site: str | None = None
    url: str | None = None
    # The page's own summaries (og:description, meta description, JSON-LD description).
    descriptions: list[str] = field(default_factory=list)
    sources: dict[str, str] = field(default_factory=dict)
    # The page declares its text paywalled (JSON-LD isAccessibleForFree false).
    paywalled: bool = False
    # The page declares itself an article (JSON-LD article type or og:type article), not a
    # section front or a search page.
    declares_article: bool = False


def json_ld(html: str) -> list[dict[str, Any]]:
    """Every JSON-LD object of the page, nested ones and @graph members included."""
    out: list[dict[str, Any]] = []
    for m, content_end, _ in element_spans(html, ("script",)):
        if not _LD_TYPE.search(m.group(0)):
            continue
        # CMSs wrap the JSON in CDATA or comment markers, and leave raw line breaks in its
        # strings (strict=False reads them).
        text = _LD_WRAPPER.sub("", html[m.end():content_end]).strip()
        try:
            data = json.loads(text, strict=False)
        except (ValueError, RecursionError):  # broken or absurdly nested: not metadata
            continue
        stack = [data]
        while stack:  # in document order: a graph's first article is the page's own
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(reversed(item))
            elif isinstance(item, dict):
                out.append(item)
                stack.extend(reversed([v for k, v in item.items() if k in (
                    "@graph", "mainEntity") and isinstance(v, (list, dict))]))
    return out


def _types(obj: dict[str, Any]) -> list[str]:
    t = obj.get("@type", "")
    return [x.lower() for x in (t if isinstance(t, list) else [t]) if isinstance(x, str)]


def _clean(value: Any) -> str:
    """Text with its character references resolved; a value escaped twice by the CMS
    ("L&amp;uuml;cken" → "L&uuml;cken" → "Lücken") is resolved again. A JSON-LD value may
    be a list (its first text) or a value object ({"@value": …}); anything else is no text."""
    if isinstance(value, list):
        return next((t for t in map(_clean, value) if t), "")
    if isinstance(value, dict):
        return _clean(value.get("@value"))
    if not isinstance(value, str):
        return ""
    text = value
    for _ in range(3):
        text = htmllib.unescape(text)
        if not _ENTITY.search(text):
            break
    text = strip_tags(text)  # markup a CMS left in the value
    return " ".join(text.split())


def _names(value: Any, nodes: dict[str, dict[str, Any]] | None = None) -> list[str]:
    """Names of JSON-LD persons or organisations: one, a list, or lists nested in a list;
    a reference ({"@id": …}) is the node of the page's graph it points to, and a name may
    itself be a list of names."""
    items = value if isinstance(value, list) else [value]
    out = []
    for item in items:
        if isinstance(item, list):
            out.extend(_names(item, nodes))
            continue
        if isinstance(item, dict) and "name" not in item and nodes and \
                isinstance(item.get("@id"), str):
            item = nodes.get(item["@id"], item)
        name = item.get("name") if isinstance(item, dict) else item
        if isinstance(item, dict) and not name and item.get("familyName"):
            name = f"{item.get('givenName') or ''} {item['familyName']}"
        for n in name if isinstance(name, list) else [name]:
            # A profile address given as the name names nobody.
            if (text := _clean(n)) and not re.match(r"(?:https?://|www\.)", text, re.I):
                out.append(text)
    return out


def _byline_authors(tree: Any, *, marked_only: bool = False) -> list[str]:
    """Authors from the page's byline: an element marked as author or byline (class, rel,
    itemprop) or (unless `marked_only`) a short element that reads "Von …"/"By …", holding
    names only."""
    # Marked by class in English or German ("field--name-field-autor"); a commenter's name
    # ("comment-author") is no byline.
    marked = tree.xpath(
        "//*[@rel='author' or contains(translate(@itemprop, 'AUTHOR', 'author'), 'author') or "
        "contains(translate(@class, 'AUTHORBYLINE', 'authorbyline'), 'author') or "
        "contains(translate(@class, 'AUTHORBYLINE', 'authorbyline'), 'autor') or "
        "contains(translate(@class, 'AUTHORBYLINE', 'authorbyline'), 'byline')]"
        "[not(ancestor-or-self::*[contains(translate(@class, 'COMENT', 'coment'), 'comment') "
        "or contains(translate(@id, 'COMENT', 'coment'), 'comment')])]")
    worded = tree.xpath("//body//*[self::p or self::li or self::div or self::span]"
                        "[string-length(normalize-space(.)) < 120]"
                        "[starts-with(normalize-space(.), 'Von') or "
                        "starts-with(normalize-space(.), 'von ') or "
                        "starts-with(normalize-space(.), 'By ') or "
                        "starts-with(normalize-space(.), 'Ein') or "
                        "starts-with(normalize-space(.), 'Autor') or "
                        "starts-with(normalize-space(.), 'Text:')]")
    # A worded byline opens with its lead words ("Ein Kommentar von", not "Eintracht …").
    worded = [el for el in worded if _BYLINE_START.match(" ".join(el.text_content().split()))]
    for el in marked + ([] if marked_only else worded):
        # Words of separate elements stay apart ("<div>Autor</div><div>Petra Lindner</div>");
        # a field label "Autor"/"Autorin" without a colon goes.
        text = _AUTHOR_LABEL.sub("", " ".join(" ".join(el.itertext()).split()))
        if names := byline_names(text):
            return names
    return []


def _key(name: str) -> str:
    return re.sub(r"\W", "", name.lower())


def strip_site_suffix(title: str, site_names: list[str]) -> str:
    """'Headline | Börsen-Zeitung' → 'Headline' when the tail names the site; 'Exportwacht:
    Headline' → 'Headline' when the head is the site's whole name (a kicker that merely
    shares a word with it stays)."""
    names = [re.sub(r"\W", "", s.lower()) for s in site_names if s]
    if m := _SUFFIX.match(title):
        site = re.sub(r"\W", "", m.group("site").lower())
        if site and any(site in n or n in site for n in names if n):
            return m.group("head").strip()
    if m := _PREFIX.match(title):
        site = re.sub(r"\W", "", m.group("site").lower())
        if site in names:
            return m.group("head").strip()
    return title


def _word_tokens(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def _choose_title(candidates: list[tuple[str, str]]) -> tuple[str, str]:
    """The headline among the page's sources (JSON-LD headline, H1, og:title, twitter:title,
    <title>, in that order).

    - A value that is another source's value plus a tail ("… | Sport", "… - Politik") is
      that value: the tail names a section or the site; a value cut short with an ellipsis
      is the source that continues it.
    - JSON-LD `headline` is the headline the publisher declares for the article; H1, og:title
      and <title> are often display or search variants. Without it, the value most sources
      agree on wins (the H1 first on a tie).
    - Except: the headline the page marks in its body (microdata `itemprop="headline"`), when
      another source says the same, is the one a reader sees; a JSON-LD headline that
      differs from it is then a search variant.
    - Among spellings of the same words ("Kicker - Head" vs "Kicker: Head"), the one most
      sources use.
    - A value that is another source's value with words in front that are not a kicker with
      a colon or spaced dash ("Premier League Rückschlag …", a kicker span glued into the
      H1) gives way to it.
    """
    values = [v for v, _ in candidates]
    reduced: list[tuple[str, str]] = []
    for value, src in candidates:
        for other in values:
            if other != value and value.startswith(other) and _TAIL.match(value[len(other):]):
                value = other
                break
        # A value cut short for search engines ("… Opposition übt s…") is the full one.
        stem = re.sub(r"\s*(?:…|\.\.\.)$", "", value)
        if stem != value:
            value, src = next(((o, f"{src} (completed by {s})") for o, s in candidates
                               if len(o) > len(stem) and o.startswith(stem)
                               and not o.endswith(("…", "..."))), (value, src))
        elif len(value) >= _CUT_AT_LEAST:
            # Cut inside a word at a length limit, without an ellipsis (JSON-LD headlines are
            # often cut at 110 characters): the source that finishes the word is whole.
            value, src = next(((o, f"{src} (completed by {s})") for o, s in candidates
                               if o.startswith(value) and _CONTINUED.match(o[len(value):])),
                              (value, src))
        reduced.append((value, src))
    values = [v for v, _ in reduced]
    choosable = [c for c in reduced if c[1] != "<title>"] or reduced
    declared = [c for c in choosable if c[1].startswith("JSON-LD headline")]
    shown = [c for c in choosable if c[1] == "microdata headline"]
    if shown and any(v == shown[0][0] for v, src in choosable if src != shown[0][1]):
        declared = shown
    if declared:
        best, source = declared[0]
    else:
        best, source = max(choosable, key=lambda c: values.count(c[0]))
        if values.count(best) == 1:
            best, source = choosable[0]
    same_words = [c for c in reduced if c[0] != best and _word_tokens(c[0]) == _word_tokens(best)]
    if same_words:
        spelling = max(same_words, key=lambda c: values.count(c[0]))
        if values.count(spelling[0]) > values.count(best):
            best, source = spelling[0], f"{source} (spelling of {spelling[1]})"
    for value, src in reduced:
        front = best[: len(best) - len(value)].rstrip()
        if value != best and len(value) >= 12 and best.endswith(value) and \
                not re.search(r"(?::|\s[–—-])$", front) and src != "<title>":
            return value, src
    return best, source


def page_meta(html: str, tree: Any) -> PageMeta:
    """Title, authors, date, site and URL from the page's JSON-LD, meta tags and H1."""
    meta = PageMeta()

    def tag(*names: str) -> str:
        for n in names:
            for v in tree.xpath(f'//meta[@property="{n}" or @name="{n}" or @itemprop="{n}"]'
                                '/@content'):
                if _clean(v):
                    return _clean(v)
        return ""

    graph = json_ld(html)
    nodes = {o["@id"]: o for o in graph if isinstance(o.get("@id"), str)}
    ld = [o for o in graph if any(t in _ARTICLE_TYPES for t in _types(o))]
    article = next((o for o in ld if o.get("headline")), ld[0] if ld else {})
    publisher = article.get("publisher")
    website = next((o for o in graph if "website" in _types(o)), {})
    # The site's own name before its publisher (often the company: "… Verlag GmbH").
    site_names = [tag("og:site_name")] + _names(website.get("name")) + (
        _names(publisher, nodes) if publisher else []) + [tag("application-name")]
    canonical = tree.xpath("//head/link[@rel='canonical']/@href")
    url = tag("og:url") or _clean(article.get("url")) or (
        _clean(canonical[0]) if canonical and canonical[0].startswith("http") else "")
    host = re.sub(r"^https?://(www\.)?", "", url).split("/")[0] if url else ""
    meta.site = next((s for s in site_names + [host] if s), None)
    if meta.site:
        meta.sources["outlet"] = "site name (og:site_name, JSON-LD WebSite or publisher, host)"
    # Names a title suffix may carry: the site names, the host, the Twitter handle.
    site_names += [host, host.split(".")[0], tag("twitter:site").lstrip("@")]
    meta.url = url or None
    if url:
        meta.sources["url"] = ("og:url" if tag("og:url") else "JSON-LD url"
                               if article.get("url") else "canonical link")
    head_title = tree.xpath("//head/title")
    candidates = [(strip_site_suffix(v, site_names), src) for v, src in (
        (_clean(article.get("headline")), "JSON-LD headline"),
        (_article_h1(tree, site_names), "H1"), (_microdata_headline(tree), "microdata headline"),
        (tag("og:title"), "og:title"), (tag("twitter:title"), "twitter:title"),
        (_clean(head_title[0].text_content()) if head_title else "", "<title>")) if v]
    if candidates:
        meta.title, meta.sources["title"] = _choose_title(candidates)
    meta.descriptions = list(dict.fromkeys(d for d in (
        tag("og:description"), tag("description"), tag("twitter:description"),
        _clean(article.get("description")), _microdata_description(tree)) if d))
    authors = _names(article.get("author"), nodes) if article.get("author") else []
    if authors:
        meta.sources["author"] = "JSON-LD author"
    elif author := tag("author", "article:author", "dc.creator", "sailthru.author"):
        if not author.startswith("http"):
            authors = [author]
            meta.sources["author"] = "meta tag"
    # A value written as a byline ("Von Petra Lindner und Omar Said") is its names.
    authors = list(dict.fromkeys(n for a in authors for n in (byline_names(a) or [a])))
    site_keys = {_key(s) for s in site_names if _key(s)}
    if all(_names_the_site(a, site_keys) for a in authors):
        # No author, or only the site or its newsroom: the byline may name the writers. A
        # newsroom is an answer of its own: only an element marked as byline overrides it.
        newsroom = any(_key(a) not in site_keys for a in authors)
        if byline := _byline_authors(tree, marked_only=newsroom):
            authors = byline
            meta.sources["author"] = "byline"
    # The site listed beside its writers ("Petra Lindner, Wehrblatt") is the publisher.
    writers = [a for a in authors if _key(a) not in site_keys]
    meta.authors = writers if writers else authors
    meta.paywalled = str(article.get("isAccessibleForFree", "")).lower() == "false"
    meta.declares_article = tag("og:type") == "article" or any(
        t != "webpage" for o in ld for t in _types(o) if t in _ARTICLE_TYPES)
    date, source = _published(article, tag, tree)
    if date:
        meta.date, meta.sources["date"] = date, source
    return meta


def _published(article: dict[str, Any], tag: Any, tree: Any) -> tuple[str | None, str]:
    """The publication day: JSON-LD datePublished, the article meta tags, then microdata
    (`itemprop="datePublished"` on a <time> or <meta>). A modification date never counts."""
    for value, source in (
            (_clean(article.get("datePublished")), "JSON-LD datePublished"),
            (tag("article:published_time", "datePublished", "pubdate", "date", "dc.date",
                 "dcterms.date"), "meta tag"),
            (next((_clean(v) for v in tree.xpath(
                "//body//*[@itemprop='datePublished']/@datetime"
                "|//body//*[@itemprop='datePublished']/@content")), ""),
             "microdata datePublished")):
        if day := _day(value):
            return day, source
    return None, ""


def _day(value: str) -> str | None:
    """The day of a date value: ISO 8601, RFC 822 ("Wed, 12 Mar 2025 14:10:00 +0100") or
    German ("12.03.2025 14:10")."""
    if re.match(r"\d{4}([-/])\d{2}\1\d{2}", value):
        return iso_date(value[:10])
    if re.match(r"(?:[A-Z][a-z]{2},\s*)?\d{1,2} [A-Z][a-z]{2} \d{4}\b", value):
        from email.utils import parsedate_to_datetime

        try:
            return parsedate_to_datetime(value).date().isoformat()
        except (TypeError, ValueError):
            return None
    return iso_date(value) if re.match(r"\d{1,2}\.\s*\S+\s*\d{4}\b", value) else None


def _names_the_site(author: str, site_keys: set[str]) -> bool:
    """An author that is the site or its newsroom ("Redaktion Wehrblatt", "Online-Redaktion")
    names no writer."""
    key = _key(author)
    return key in site_keys or bool(_NEWSROOM.match(author)) or any(
        len(k) >= 4 and k in key for k in site_keys)


def _article_h1(tree: Any, site_names: list[str]) -> str:
    """The H1 that can be the article's headline: not the site's logo or name, not a
    navigation trail, not inside <nav>; the first inside <article> or <main> before the first
    elsewhere (a section's name set as H1 above the article)."""
    site_keys = {_key(s) for s in site_names if _key(s)}
    usable = []
    for h in tree.xpath("//body//h1[not(ancestor::nav)]"):
        text = _clean(h.text_content())
        if not 8 <= len(text) <= 300 or _key(text) in site_keys or _TRAIL.search(text):
            continue
        marks = " ".join(h.xpath("@class|@id|../@class|../@id|.//*/@class")).lower()
        if re.search(r"logo|brand|breadcrumb", marks):
            continue
        usable.append((text, bool(h.xpath("ancestor::article|ancestor::main"))))
    return next((t for t, inside in usable if inside), usable[0][0] if usable else "")


def _microdata_headline(tree: Any) -> str:
    """The page's first microdata headline (`itemprop="headline"`) outside navigation."""
    for el in tree.xpath("//body//*[@itemprop='headline'][not(ancestor::nav)]"):
        text = _clean(el.get("content") or el.text_content())
        if 8 <= len(text) <= 300:
            return text
    return ""


def _microdata_description(tree: Any) -> str:
    """The article's description as shown on the page (`itemprop="description"`)."""
    for el in tree.xpath("//body//*[@itemprop='description']"):
        text = _clean(el.get("content") or el.text_content())
        if text:
            return text
    return ""
