"""Reading articles: bytes in any encoding → Article (metadata + Markdown-shaped blocks).

Formats: plain text, Markdown, saved HTML pages (main text by trafilatura), RSS/Atom feeds
(one Article per item). Page furniture that readers of a summary never want (donation
appeals, newsletter and comment prompts, image credits, "read more" links, cookie notices)
is marked as boilerplate: translation keeps it, summaries and digests drop it.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from defnews.article import Article, Block
from defnews.errors import InputError
from defnews.markup import parse_markdown

# ------------------------------------------------------------------------- decoding

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
                return _clean(data[len(bom):].decode(enc)), enc
            except UnicodeDecodeError as exc:
                raise InputError(f"the file starts with a {enc} mark but is not {enc}") from exc
    if b"\0" in data[:65536] or b"\0" in data:
        raise InputError("this looks like a binary file, not an article (it holds NUL bytes)")
    try:
        return _clean(data.decode("utf-8")), "utf-8"
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
        return _clean(text), enc
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
    except Exception:  # detector failure: treated like no result
        best = None
    if best is not None:
        text = str(best)
        if not _looks_binary(text):
            return _clean(text), best.encoding
    text = data.decode("utf-8", errors="replace")
    if _looks_binary(text):
        raise InputError("this looks like a binary file, not an article")
    return _clean(text), "utf-8 (with replacements)"


def _looks_binary(text: str) -> bool:
    if not text:
        return False
    odd = sum(1 for ch in text[:20000] if (ord(ch) < 32 and ch not in "\n\r\t")
              or ch == "\ufffd" or 0x80 <= ord(ch) < 0xA0)
    return odd / min(len(text), 20000) > 0.05


def _clean(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u00ad", "").replace("\u200b", "").replace("\ufeff", "")
    return _CONTROL.sub("", text)


# ------------------------------------------------------------------------ formats


def sniff_format(text: str, name: str | None) -> str:
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
    if zipfile_like(data):
        raise InputError(f"{name or 'input'} is an archive, not an article")
    text, encoding = decode(data)
    fmt = sniff_format(text, name)
    if fmt == "feed":
        articles = read_feed(text, name)
    elif fmt == "html":
        articles = [read_html(text, name)]
    else:
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


# ----------------------------------------------------------------- text and markdown

MONTHS = {m: i + 1 for i, m in enumerate(
    ["januar", "februar", "märz", "april", "mai", "juni", "juli", "august", "september",
     "oktober", "november", "dezember"])}
MONTHS["jänner"] = 1
_DATE_LONG = re.compile(r"\b(\d{1,2})\.\s*(" + "|".join(MONTHS) + r")\s+(\d{4})\b", re.I)
_DATE_NUM = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b")
_DATE_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_AUTHOR = re.compile(r"^\s*(?:von|autor(?:in)?:|text:)\s+(.{3,80}?)\s*$", re.I)
_DATELINE = re.compile(
    r"^\s*(?P<place>[A-ZÄÖÜ][A-ZÄÖÜ .-]{2,30}|[A-ZÄÖÜ][a-zäöüß]+(?: [A-ZÄÖÜ][a-zäöüß]+)?)"
    r"\s*(?:\((?P<agency1>[A-Za-z/]{2,12})\)\s*[–—-]|(?P<agency2>[a-z][a-z/]{1,10})\s*\|)\s*")

BOILERPLATE = re.compile(
    r"unterstützen sie|jetzt spenden|spende|newsletter|abonnier|diskutieren sie|"
    r"kommentar(e|ieren)|lesen sie (auch|mehr)|mehr zum thema|weiterlesen|"
    r"^\s*(foto|bild|grafik|quelle)\s*:|cookie|datenschutz|impressum|alle rechte vorbehalten|"
    r"©|teilen auf|auf facebook|folgen sie uns|anzeige\b|werbung\b",
    re.I | re.M,
)


def iso_date(text: str) -> str | None:
    if m := _DATE_ISO.search(text):
        return f"{m.group(1)}-{m.group(2)}-{m.group(3)}"
    if m := _DATE_LONG.search(text):
        return f"{m.group(3)}-{MONTHS[m.group(2).lower()]:02d}-{int(m.group(1)):02d}"
    if m := _DATE_NUM.search(text):
        return f"{m.group(3)}-{int(m.group(2)):02d}-{int(m.group(1)):02d}"
    return None


def _is_boilerplate(block: Block) -> bool:
    text = block.text.strip()
    if not text:
        return False
    if BOILERPLATE.search(text):
        return True
    return False


def read_text(text: str, name: str | None, fmt: str) -> Article:
    text = _strip_front_matter(text)
    blocks = parse_markdown(text)
    article = Article(blocks=blocks, format=fmt)
    title_found = False
    header_zone = True
    for i, b in enumerate(blocks):
        if not b.translatable:
            continue
        t = b.text.strip()
        if b.kind == "heading" and not title_found:
            article.title = _plain(t)
            title_found = True
            continue
        if header_zone and b.kind == "paragraph" and "\n" in t and _meta_lines(t, article):
            b.boilerplate = True  # an author/date block: metadata, not story
            continue
        if header_zone and b.kind == "paragraph" and len(t) < 90 and "\n" not in t:
            if (m := _AUTHOR.match(t)) and not article.author:
                article.author = m.group(1).strip(" .,")
                b.boilerplate = True  # metadata, not story
                continue
            if iso_date(t) and len(t) < 40 and not article.date:
                article.date = iso_date(t)
                b.boilerplate = True
                continue
            if not title_found and i == _first_translatable(blocks) and not t.endswith(
                    (".", "!", "?")):
                # A first short line before the title is the outlet line.
                nxt = [x for x in blocks[i + 1:] if x.translatable]
                if nxt and nxt[0].kind == "heading" or fmt == "txt":
                    article.outlet = _plain(t)
                    b.boilerplate = True
                    continue
        if b.kind in ("paragraph", "list_item", "quote") and len(t) > 90:
            header_zone = False
        if (m := _DATELINE.match(t)) and not article.dateline and b.kind == "paragraph":
            agency = m.group("agency1") or m.group("agency2")
            article.dateline = f"{m.group('place').strip()} {agency}"
            b.text = t[m.end():]
        if _is_boilerplate(b):
            b.boilerplate = True
    if fmt == "txt" and not article.title:
        for b in blocks:
            if b.translatable and not b.boilerplate:
                first_line = b.text.split("\n", 1)[0].strip()
                if len(first_line) < 120 and not first_line.endswith("."):
                    article.title = first_line
                break
    if not article.date:
        article.date = iso_date(text[:600])
    if not article.date and name:
        # Saved articles are often named by day (2026-11-20_outlet_topic.txt).
        m = re.match(r"(\d{4}-\d{2}-\d{2})(?!\d)", Path(name).name)
        article.date = m.group(1) if m else None
    return article


def _meta_lines(text: str, article: Article) -> bool:
    """Take author and date from a short multi-line header block; False if it is prose."""
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    if len(lines) > 4 or any(len(ln) > 80 for ln in lines):
        return False
    found: dict[str, str] = {}
    for ln in lines:
        if m := _AUTHOR.match(ln):
            found["author"] = m.group(1).strip(" .,")
        elif iso_date(ln) and len(ln) < 40:
            found["date"] = iso_date(ln) or ""
        else:
            return False
    article.author = article.author or found.get("author")
    article.date = article.date or found.get("date")
    return True


def _first_translatable(blocks: list[Block]) -> int:
    return next((i for i, b in enumerate(blocks) if b.translatable), -1)


def _plain(text: str) -> str:
    return re.sub(r"[*_`]|\[([^\]]*)\]\([^)]*\)", lambda m: m.group(1) or "", text).strip()


def _strip_front_matter(text: str) -> str:
    if text.startswith("---\n"):
        end = text.find("\n---\n", 4)
        if 0 < end < 3000:
            return text[end + 5:]
    return text


# ---------------------------------------------------------------------------- HTML


# News pages mark their lead paragraph as a teaser; the extractor discards such classes as
# page furniture, but the lead is the article's first paragraph.
_LEAD_CLASS = re.compile(
    r"<(p|div)(\s[^>]*?)?\s(?:class|id)=\"[^\"]*\b(?:teaser|lead|intro|standfirst|summary)\b[^\"]*\"",
    re.IGNORECASE)


def read_html(html: str, name: str | None) -> Article:
    import trafilatura

    html = _LEAD_CLASS.sub(lambda m: f"<{m.group(1)}{m.group(2) or ''}", html)
    try:
        doc = trafilatura.bare_extraction(
            html, output_format="python", include_links=True, include_images=True,
            include_formatting=True, with_metadata=True, favor_precision=True,
        )
    except Exception as exc:  # trafilatura raises many kinds on broken pages
        raise InputError(f"cannot extract text from this page: {exc}") from exc
    if doc is None:
        raise InputError("no article text found in this page (only navigation or markup)")
    data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    md = trafilatura.extract(html, output_format="markdown", include_links=True,
                             include_images=True, include_formatting=True,
                             favor_precision=True) or data.get("text") or ""
    if len(md.split()) < 12:
        # A page whose "main text" is a few words is navigation or a login wall.
        raise InputError("no article text found in this page (only navigation or markup)")
    article = read_text(md, name, "html")
    article.format = "html"
    article.title = data.get("title") or article.title
    article.author = data.get("author") or article.author
    article.date = data.get("date") or article.date
    article.outlet = data.get("sitename") or article.outlet
    article.url = data.get("url")
    if article.title and not any(b.kind == "heading" for b in article.blocks):
        article.blocks.insert(0, Block("heading", article.title, prefix="# ",
                                       raw="# " + article.title, level=1))
        article.blocks.insert(1, Block("blank", "", raw=""))
    return article


# ---------------------------------------------------------------------------- feeds


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
    articles = []
    for item in items:
        def get(*tags: str, node=item) -> str:
            for t in tags:
                v = node.findtext(t) or node.findtext(atom + t)
                if v:
                    return v.strip()
            return ""

        title = get("title")
        body_html = get("{http://purl.org/rss/1.0/modules/content/}encoded", "content",
                        "description", "summary")
        body = _html_to_text(body_html)
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


def _html_to_text(fragment: str) -> str:
    import html

    text = re.sub(r"(?is)<(script|style)\b.*?</\1>", "", fragment)
    text = re.sub(r"(?i)</p\s*>|<br\s*/?>", "\n\n", text)
    text = re.sub(r"<[^>]+>", "", text)
    return re.sub(r"\n{3,}", "\n\n", html.unescape(text)).strip()
