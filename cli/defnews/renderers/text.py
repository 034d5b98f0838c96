"""Plain text: the structure kept, Markdown syntax dropped (links shown as text <url>)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from defnews.renderers.blocks import render_block
from defnews.translate import ArticleTranslation, RunStats

_IMAGE = re.compile(r"!\[([^\]]*)\]\(([^)\s]*)[^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]*)[^)]*\)")
_EMPH = re.compile(r"(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1")


def plain(text: str) -> str:
    text = _IMAGE.sub(lambda m: f"[{m.group(1)}] <{m.group(2)}>", text)
    text = _LINK.sub(lambda m: f"{m.group(1)} <{m.group(2)}>", text)
    return _EMPH.sub(lambda m: m.group(2), text)


def render(docs: Sequence[ArticleTranslation], stats: RunStats) -> str:
    out = []
    for d in docs:
        lines = []
        for b in d.article.blocks:
            if b.translatable:
                text = b.translation if b.translation is not None else b.text
                if b.kind == "heading":
                    lines.append(plain(text))
                elif b.kind == "list_item":
                    lines.append(render_block(b, plain(text)))
                else:
                    lines.append(plain(render_block(b, text)))
            else:
                lines.append(b.raw)
        out.append("\n".join(lines).strip("\n"))
    return "\n\n".join(out) + "\n"
