"""RSS/Atom feeds → one Article per item, read by feedparser (RSS 0.9x, 1.0/RDF, 2.0, Atom).

Hostile XML stays harmless: a feed that declares entities or an internal DTD subset is refused
before any parser sees it (no entity expansion, no external entities); the standard RSS 0.91
DOCTYPE (a public identifier, nothing declared) is accepted and never fetched. The XML must be
well-formed (expat checks it), so a cut-off download is refused instead of half-read.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from typing import Any

from defnews.article import Article
from defnews.errors import InputError
from defnews.readers.metadata import iso_date
from defnews.readers.text import read_text
from defnews.textutil import drop_elements, plain_text, strip_tags

_INTERNAL_SUBSET = re.compile(r"<!DOCTYPE[^>\[]*\[", re.IGNORECASE)
# Elements whose content is never text to read: code, embeds and their fallback text
# ("Ihr Browser unterstützt keine iframes"), form controls.
_NOT_TEXT = frozenset({"script", "style", "iframe", "noscript", "object", "embed", "template",
                       "svg", "math", "canvas", "audio", "video", "button", "select",
                       "textarea", "head", "title"})
# The same in a one-line field (title, name): feedparser no longer strips them (see read_feed).
_CODE = ("script", "style", "iframe", "noscript")
# Elements that end the line of text before them and start a new block (HTML's block-level
# elements as a browser lays them out).
_BLOCK = frozenset({"p", "div", "section", "article", "main", "header", "footer", "aside",
                    "nav", "figure", "figcaption", "blockquote", "pre", "address", "center",
                    "details", "summary", "dialog", "hgroup", "form", "fieldset", "legend",
                    "ul", "ol", "dl", "dt", "dd", "li", "table", "caption", "thead", "tbody",
                    "tfoot", "tr", "td", "th", "hr", "h1", "h2", "h3", "h4", "h5", "h6"})
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
# A tag in a feed item's body ("3 < 4 Prozent" holds none).
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")
_SPACES = re.compile(r"[ \t\n\r\f]+")  # HTML's whitespace, collapsed as a browser does
_BLANK_LINE = re.compile(r"\n[ \t\r\f]*\n\s*")


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
    # Unsanitized: feedparser's sanitizer drops an iframe's tags but keeps its fallback text;
    # the body is read as text below (never passed on as HTML), dropping such elements whole.
    parsed = feedparser.parse(io.BytesIO(data), resolve_relative_uris=False,
                              sanitize_html=False)
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
    return " ".join(strip_tags(drop_elements(str(value or ""), _CODE)).split())


def _read_entry(entry: Any, outlet: str | None, name: str | None, number: int) -> Article:
    title = _line(entry.get("title"))
    contents = entry.get("content") or []
    body_html = (contents[0].get("value") if contents else "") or entry.get("summary", "")
    body = html_to_markdown(str(body_html))
    md = (f"# {title}\n\n" if title else "") + body.text
    article = read_text(md, name, "feed")
    _mark_captions(article, body.captions)
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


@dataclass
class FeedBody:
    """A feed item's body as Markdown blocks, and the figure captions kept among them."""

    text: str
    captions: set[str] = field(default_factory=set)


def html_to_markdown(fragment: str) -> FeedBody:
    """An HTML fragment (a feed item's body) as Markdown blocks, the way a browser lays it
    out: block elements and `<br><br>` part paragraphs, headings and list items keep their
    kind, a table row is a table row; inline tags join text as written (links and emphasis
    as plain text, as feeds were always read). Figure captions are cut as the page reader
    cuts them (page_tree.drop_media_captions); one it keeps is returned to be marked.

    A body without tags is plain text and keeps its own line breaks; HTML escaped twice
    ("&lt;p&gt;…") is read as HTML."""
    import html

    if not _TAG.search(fragment):
        unescaped = html.unescape(fragment)
        if not _TAG.search(unescaped):
            return FeedBody(re.sub(r"\n{3,}", "\n\n", unescaped).strip())
        fragment = unescaped
    import lxml.html

    from defnews.readers.page_tree import (
        drop_hidden_labels,
        drop_media_captions,
        unwrap_layout_tables,
    )

    def write(cut_captions: bool) -> _MarkdownWriter:
        tree = lxml.html.document_fromstring(f"<html><body>{fragment}</body></html>")
        drop_hidden_labels(tree)
        unwrap_layout_tables(tree)
        if cut_captions:
            drop_media_captions(tree)
        writer = _MarkdownWriter()
        # Text with inline tags only (a link, a bold word) keeps its blank lines as
        # paragraph breaks, as the same text without tags does; with block tags they are
        # layout.
        writer.blank_lines_part = not any(
            isinstance(el.tag, str) and (el.tag in _BLOCK or el.tag == "br")
            for el in tree.body.iter())
        writer.write(tree.body)
        return writer

    writer = write(cut_captions=True)
    if not writer.lines:
        # A short item wrapped with its image in one box is the story, not a caption.
        writer = write(cut_captions=False)
    return FeedBody("\n".join(writer.lines).strip("\n"), writer.captions)


class _MarkdownWriter:
    """Walks an lxml tree and writes its text as Markdown lines (see html_to_markdown)."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.captions: set[str] = set()
        self.blank_lines_part = False
        self._buf: list[str] = []  # inline text of the block being read
        self._last = ""  # what the last lines were: list items and table rows stay tight
        self._lists: list[tuple[str, list[int]]] = []  # open lists: tag, items written
        self._marked: list[bool] = []  # per open list item: its marker is written
        self._heading = 0
        self._quote = 0
        self._pre = 0
        self._caption = 0
        self._row: list[str] | None = None  # cells of the table row being read
        self._cell = 0  # depth inside a cell: blocks in a cell part words, not rows
        self._rows = 0  # rows written of the current table (a delimiter follows the first)

    def write(self, root: Any) -> None:
        from lxml import etree

        # iterwalk, not recursion: a feed's markup may nest as deep as the parser allows.
        walk = etree.iterwalk(root, events=("start", "end", "comment", "pi"))
        for event, el in walk:
            if event in ("comment", "pi"):
                self._text(el.tail)  # the comment is not text; what follows it is
                continue
            tag = el.tag.lower()
            if event == "start":
                if tag in _NOT_TEXT:
                    walk.skip_subtree()  # its "end" still comes, for the tail
                else:
                    self._open(tag)
                    self._text(el.text)
                continue
            if tag not in _NOT_TEXT:
                self._close(tag)
            if el is not root:
                self._text(el.tail)
        self._flush()

    def _text(self, text: str | None) -> None:
        if not text:
            return
        if self._pre:
            self._buf.append(text)
        elif self.blank_lines_part:
            self._buf.append("\n\n".join(_SPACES.sub(" ", t) for t in _BLANK_LINE.split(text)))
        else:
            self._buf.append(_SPACES.sub(" ", text))

    def _open(self, tag: str) -> None:
        if self._cell:
            self._cell += tag in ("td", "th")
            if tag in _BLOCK or tag == "br":  # one line per cell
                self._buf.append(" ")
        elif tag == "br":
            self._buf.append("\n")
        elif self._row is not None:
            if tag in ("td", "th"):
                self._cell = 1
        elif tag in _BLOCK:
            self._flush()
            if tag in ("ul", "ol"):
                self._lists.append((tag, [0]))
            elif tag == "li":
                self._marked.append(False)
            elif tag == "tr":
                self._row = []
            elif tag == "table":
                self._rows = 0
            self._heading = _HEADINGS.get(tag, self._heading)
            self._quote += tag == "blockquote"
            self._pre += tag == "pre"
            self._caption += tag == "figcaption"

    def _close(self, tag: str) -> None:
        if self._cell:
            if tag in ("td", "th"):
                self._cell -= 1
                if not self._cell and self._row is not None:  # the cell ends
                    self._row.append(" ".join("".join(self._buf).split()).replace("|", "\\|"))
                    self._buf = []
            elif tag in _BLOCK:
                self._buf.append(" ")
        elif self._row is not None:
            if tag == "tr":
                self._write_row(self._row)
                self._row, self._buf = None, []
        elif tag in _BLOCK:
            self._flush()
            if tag in ("ul", "ol") and self._lists:
                self._lists.pop()
            elif tag == "li" and self._marked:
                self._marked.pop()
            elif tag in _HEADINGS:
                self._heading = 0
            self._quote -= tag == "blockquote" and self._quote > 0
            self._pre -= tag == "pre" and self._pre > 0
            self._caption -= tag == "figcaption" and self._caption > 0

    def _write_row(self, cells: list[str]) -> None:
        if not any(cells):
            return
        rows = ["| " + " | ".join(cells) + " |"]
        if not self._rows:  # Markdown's table head: the first row, then a delimiter row
            rows.append("|" + " --- |" * len(cells))
        self._rows += 1
        self._emit("tr", rows)

    def _flush(self) -> None:
        """Write the inline text read so far as blocks: `<br>` breaks a line, two part
        paragraphs."""
        text, self._buf = "".join(self._buf), []
        paragraph: list[str] = []
        for line in [*text.split("\n"), ""]:
            if line.strip():
                paragraph.append(" ".join(line.split()))
            elif paragraph:
                self._write(paragraph)
                paragraph = []

    def _write(self, lines: list[str]) -> None:
        if self._caption:
            self.captions.add(" ".join(lines))
        if self._marked:  # a list item; its later paragraphs continue it
            tag, count = self._lists[-1] if self._lists else ("ul", [0])
            indent = "  " * max(len(self._lists) - 1, 0)
            if self._marked[-1]:
                marker = ""
            else:
                count[0] += 1
                marker = f"{count[0]}. " if tag == "ol" else "- "
                self._marked[-1] = True
            pad = indent + " " * max(len(marker), 2)
            self._emit("li", [indent + marker + lines[0] if marker else pad + lines[0],
                              *(pad + ln for ln in lines[1:])])
        elif self._quote:
            self._emit("quote", ["> " * self._quote + ln for ln in lines])
        elif self._heading:
            self._emit("heading", ["#" * self._heading + " " + " ".join(lines)])
        else:
            self._emit("paragraph", lines)

    def _emit(self, kind: str, lines: list[str]) -> None:
        if self.lines and not (kind == self._last and kind in ("li", "tr")):
            self.lines.append("")
        self.lines.extend(lines)
        self._last = kind


def _mark_captions(article: Article, captions: set[str]) -> None:
    """A figure caption the page rules kept (a long one, one with links) is not story."""
    if not captions:
        return
    for b in article.blocks:
        if b.translatable and b.role in ("", "body", "teaser", "subheading") and \
                " ".join(plain_text(b.text).split()) in captions:
            b.role, b.rule, b.boilerplate = "caption", "figure caption", True
