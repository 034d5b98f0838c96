"""Saved HTML pages → Article: metadata from the page's own markup (page_meta.py), the main
text by trafilatura as Markdown (reader comments left out), read by the text reader.

The page is parsed once (lxml); trafilatura works on that tree. Scripts, styles and inline
SVG are cut before parsing (JSON-LD is read first), which bounds the memory a huge page takes.
"""

from __future__ import annotations

import re

from defnews.article import Article, Block
from defnews.errors import InputError
from defnews.readers.page_blocks import (
    add_shown_description,
    mark_bylines_and_credits,
    mark_link_blocks,
    mark_widget_labels,
)
from defnews.readers.page_meta import page_meta
from defnews.readers.page_tree import (
    drop_form_boxes,
    drop_hidden_labels,
    drop_labelled_boxes,
    drop_media_captions,
    separate_heading_parts,
    unwrap_layout_tables,
)
from defnews.readers.text import read_text
from defnews.textutil import drop_elements, plain_text, word_key

# News pages mark their lead paragraph as a teaser; the extractor discards such classes as
# page furniture, but the lead is the article's first paragraph.
_LEAD_CLASS = re.compile(
    r"<(p|div)(\s[^>]*?)?\s(?:class|id)=\"[^\"]*\b(?:teaser|lead|intro|standfirst|summary)\b[^\"]*\"",
    re.IGNORECASE)
_HEAVY = ("script", "style", "svg", "noscript")
# Markup left after scripts and styles are cut; a page beyond this is refused, not parsed.
MAX_MARKUP_CHARS = 4_000_000
# A tag with more attributes than this is nobody's markup; lxml's time grows with the square
# of a tag's attribute count (80,000 took 26 s), so such a tag is read without its attributes.
MAX_TAG_ATTRIBUTES = 1000
# A tag long enough to hold that many ("<p a0=1 a1=1 …>"); each match ends at the next < or >.
_LONG_TAG = re.compile(r"<([A-Za-z][\w:-]*)[^<>]{4000,}>")


def read_html(html: str, name: str | None) -> Article:
    import lxml.html
    import trafilatura

    light = drop_elements(html, _HEAVY)
    if len(light) > MAX_MARKUP_CHARS:
        raise InputError(f"this page holds {len(light) // 1_000_000} MB of markup besides scripts "
                         f"and styles (at most {MAX_MARKUP_CHARS // 1_000_000} MB are read)")
    light = _LEAD_CLASS.sub(lambda m: f"<{m.group(1)}{m.group(2) or ''}", light)
    light = _LONG_TAG.sub(
        lambda m: f"<{m.group(1)}>" if m.group(0).count("=") > MAX_TAG_ATTRIBUTES
        else m.group(0), light)
    front: dict[str, str] = {}
    parser = lxml.html.HTMLParser()
    try:
        tree = lxml.html.document_fromstring(light, parser=parser)
        if any("depth" in e.message for e in parser.error_log):
            # libxml2 stops at 256 levels and drops what lies deeper: say so, rather than
            # "no article text" for a page whose text was never read.
            raise InputError("this page nests its markup more than 255 levels deep; "
                             "defnews does not read such pages")
        separate_heading_parts(tree)
        meta = page_meta(html, tree)
        drop_hidden_labels(tree)
        drop_media_captions(tree)
        drop_labelled_boxes(tree)
        drop_form_boxes(tree)
        unwrap_layout_tables(tree)
        # Images and trafilatura's own metadata stay off: with them the extractor keeps
        # consent banners and image credits on some pages. favor_precision: pages-dev token
        # F1 0.946 -> 0.952 (bench/read_eval.py; favor_recall gives 0.943).
        md = trafilatura.extract(
            tree, output_format="markdown", include_links=True, include_images=False,
            include_formatting=True, include_comments=False, favor_precision=True)
        if not (meta.date and meta.authors and meta.title):
            front = _trafilatura_metadata(tree)
    except InputError:
        raise
    except Exception as exc:  # lxml and trafilatura raise many kinds on broken pages
        raise InputError(f"cannot extract text from this page: {exc}") from exc
    body = md or ""
    only_description = False
    text_words = sum(len(ln.split()) for ln in body.splitlines() if not ln.startswith("#"))
    if text_words < 12:
        # A page whose "main text" is a few words is navigation, a login wall, or an article
        # behind a paywall (or rendered by a script): its own description is then all the
        # article there is to read.
        description = next((d for d in meta.descriptions if len(d.split()) >= 12), None)
        if not (meta.title and description and meta.declares_article):
            raise InputError("no article text found in this page (only navigation or markup)"
                             + ("; the page marks its text as paid content" if meta.paywalled
                                else ""))
        body, only_description = description, True
    article = read_text(body, name, "html")
    article.format = "html"
    if only_description:
        for b in article.blocks:
            if b.translatable:
                b.role, b.rule = "teaser", "the page's description (no article text shown)"
        article.warnings.append("the page shows no article text (paid content or rendered by "
                                "a script): only its title and description were read")
    _mark_kickers(article)
    sources = dict(article.sources)
    if meta.title:
        article.title, sources["title"] = meta.title, meta.sources["title"]
    elif front.get("title"):
        article.title, sources["title"] = front["title"], "trafilatura"
    if meta.authors:
        article.author, sources["author"] = ", ".join(meta.authors), meta.sources["author"]
    elif front.get("author"):
        article.author, sources["author"] = front["author"], "trafilatura"
    if meta.date:
        article.date, sources["date"] = meta.date, meta.sources["date"]
    elif front.get("date"):
        article.date, sources["date"] = front["date"][:10], "htmldate (trafilatura)"
    if meta.site:
        article.outlet, sources["outlet"] = meta.site, meta.sources["outlet"]
    elif front.get("sitename"):
        article.outlet, sources["outlet"] = front["sitename"], "trafilatura"
    article.url = meta.url or front.get("url")
    if article.url:
        sources["url"] = meta.sources.get("url", "trafilatura")
    article.sources = sources
    if meta.paywalled:
        article.warnings.append("the page marks its text as paid content (isAccessibleForFree: "
                                "false): only the part shown for free was read")
    _mark_title_block(article)
    add_shown_description(article, tree, meta.descriptions)
    mark_bylines_and_credits(article)
    mark_link_blocks(article)
    mark_widget_labels(article)
    return article


def _trafilatura_metadata(tree: object) -> dict[str, str]:
    """Title, author, date (htmldate), site name and URL as trafilatura finds them: the
    fallback when the page's JSON-LD and meta tags lack one."""
    try:
        from trafilatura.metadata import extract_metadata

        doc = extract_metadata(tree, extensive=False)
    except Exception:  # metadata is optional; a failure leaves the other sources
        return {}
    return {k: str(v) for k in ("title", "author", "date", "sitename", "url")
            if (v := getattr(doc, k, None))}


def _mark_kickers(article: Article) -> None:
    """A short line right above a page's headline is its kicker ("Eurofighter-Nachfolger"),
    not the outlet line a saved text opens with: a page names its site in its metadata."""
    for b in article.blocks:
        if b.role == "outlet" and b.rule == "line before the title":
            b.role, b.rule = "kicker", "short line above the headline"
    if article.sources.get("outlet") == "line before the title":
        article.outlet = None
        del article.sources["outlet"]


def _mark_title_block(article: Article) -> None:
    """The extracted text's first heading is the title when it says the same; a page without
    one gets the title as a heading, so translations show it."""
    blocks = article.blocks
    first = next((b for b in blocks if b.translatable and b.role != "kicker"), None)
    has_title = False
    if first is not None and first.kind == "heading":
        same = " ".join(first.text.split()) == article.title
        if same or first.role == "title":
            first.role, first.rule = "title", "first heading" if same else first.rule
            has_title = True
        if has_title and not same and article.title and (first.level or 1) > 1 and \
                word_key(plain_text(article.title)) not in word_key(plain_text(first.text)):
            # A subheading that opens the extracted text (the H1 stood above it, in the
            # page's header) is the story's, not the headline.
            first.role, first.rule = "subheading", "heading below the headline"
            has_title = False
    if article.title and not has_title:
        blocks.insert(0, Block("heading", article.title, prefix="# ", raw="# " + article.title,
                               level=1, role="title", rule="page metadata"))
        blocks.insert(1, Block("blank", "", raw=""))
    title = " ".join((article.title or "").split()).lower()
    for b in blocks:  # the headline repeated in the extracted text is not story
        if b.translatable and b.role != "title" and title and \
                " ".join(plain_text(b.text).split()).lower() == title:
            b.role, b.rule = "title", "repeats the headline"
