"""Plain text: the structure kept, Markdown syntax dropped.

Links are shown as `text <url>`, images as `[image: alt] <url>`, emphasis as its text;
URLs, code and addresses are copied byte for byte (they are cut out before emphasis is
looked for, so an underscore in a URL stays).
"""

from __future__ import annotations

from collections.abc import Sequence

from defnews.inline import InlineSlot, protect_inline, render_inline
from defnews.renderers.blocks import render_block
from defnews.translate import ArticleTranslation, RunStats
from defnews.translate.metadata import page_byline, title_index


def _slot(slot: InlineSlot, inner: str) -> str:
    url = f" <{slot.url}>" if slot.url else ""
    if slot.kind == "link":
        return f"{inner}{url}"
    if slot.kind == "image":
        return (f"[image: {inner}]" if slot.inner is not None else "[image]") + url
    if slot.kind in ("strong", "em"):
        return inner
    return slot.source


def plain(text: str) -> str:
    """Inline Markdown as plain text (see the module docstring)."""
    return render_inline(protect_inline(text), lambda t: t, _slot)


def render(docs: Sequence[ArticleTranslation], stats: RunStats) -> str:
    out = []
    for d in docs:
        lines = []
        byline, k = page_byline(d.article), title_index(d.article)
        for i, b in enumerate(d.article.blocks):
            if b.translatable:
                text = b.translation if b.translation is not None else b.text
                lines.append(plain(text) if b.kind == "heading" else render_block(b, plain(text)))
            else:
                lines.append(b.raw)
            if i == k and byline:
                lines.append(f"\n{byline}")
        out.append("\n".join(lines).strip("\n"))
    return "\n\n".join(out) + "\n"
