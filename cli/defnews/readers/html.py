"""Saved HTML pages → Article: the main text by trafilatura, read as Markdown."""

from __future__ import annotations

import re

from defnews.article import Article, Block
from defnews.errors import InputError
from defnews.readers.text import read_text

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
