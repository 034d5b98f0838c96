"""Plain text and Markdown → Article: the title, outlet line, author and date lines,
the dateline, and boilerplate marked (kept for translation, left out of summaries)."""

from __future__ import annotations

from defnews.article import Article, Block
from defnews.readers.markdown import parse_blocks
from defnews.readers.metadata import (
    AUTHOR_LINE,
    DATELINE,
    file_name_date,
    is_boilerplate,
    iso_date,
    meta_lines,
    strip_front_matter,
)
from defnews.textutil import plain_text


def read_text(text: str, name: str | None, fmt: str) -> Article:
    text = strip_front_matter(text)
    # Only a Markdown file means code by indentation; plain text and extracted pages indent prose.
    blocks = parse_blocks(text, indented_code=fmt == "markdown")
    article = Article(blocks=blocks, format=fmt)
    title_found = False
    header_zone = True
    for i, b in enumerate(blocks):
        if not b.translatable:
            continue
        t = b.text.strip()
        if b.kind == "heading" and not title_found:
            article.title = _inline_plain(t)
            title_found = True
            continue
        if header_zone and b.kind == "paragraph" and "\n" in t and meta_lines(t, article):
            b.boilerplate = True  # an author/date block: metadata, not story
            continue
        if header_zone and b.kind == "paragraph" and len(t) < 90 and "\n" not in t:
            if (m := AUTHOR_LINE.match(t)) and not article.author:
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
                    article.outlet = _inline_plain(t)
                    b.boilerplate = True
                    continue
        if b.kind in ("paragraph", "list_item", "quote") and len(t) > 90:
            header_zone = False
        if (m := DATELINE.match(t)) and not article.dateline and b.kind == "paragraph":
            agency = m.group("agency1") or m.group("agency2")
            article.dateline = f"{m.group('place').strip()} {agency}"
            b.text = t[m.end():]
        if is_boilerplate(b):
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
    if not article.date:
        article.date = file_name_date(name)
    return article


def _first_translatable(blocks: list[Block]) -> int:
    return next((i for i, b in enumerate(blocks) if b.translatable), -1)


def _inline_plain(text: str) -> str:
    return plain_text(text).replace("`", "").strip()
