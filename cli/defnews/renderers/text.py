"""Plain text: the structure kept, Markdown syntax dropped (links shown as text <url>)."""

from __future__ import annotations

from collections.abc import Sequence

from defnews.renderers.blocks import render_block
from defnews.textutil import plain_text
from defnews.translate import ArticleTranslation, RunStats


def render(docs: Sequence[ArticleTranslation], stats: RunStats) -> str:
    out = []
    for d in docs:
        lines = []
        for b in d.article.blocks:
            if b.translatable:
                text = b.translation if b.translation is not None else b.text
                if b.kind == "heading":
                    lines.append(plain_text(text, urls=True))
                elif b.kind == "list_item":
                    lines.append(render_block(b, plain_text(text, urls=True)))
                else:
                    lines.append(plain_text(render_block(b, text), urls=True))
            else:
                lines.append(b.raw)
        out.append("\n".join(lines).strip("\n"))
    return "\n\n".join(out) + "\n"
