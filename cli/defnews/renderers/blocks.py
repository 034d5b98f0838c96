"""Markdown rebuilt from an article's blocks (the Markdown and text renderers share it)."""

from __future__ import annotations

from defnews.article import Block


def continuation_prefix(block: Block) -> str:
    """What each further line of a multi-line block starts with."""
    if block.kind == "quote":
        return block.prefix
    if block.kind == "list_item":
        return " " * len(block.prefix)
    return ""


def render_block(block: Block, text: str) -> str:
    if block.kind == "heading":
        return block.prefix + " ".join(text.split("\n"))
    return block.prefix + text.replace("\n", "\n" + continuation_prefix(block))


def to_markdown(blocks: list[Block], *, translated: bool = True) -> str:
    """Rebuild Markdown from blocks, with translations where present."""
    out: list[str] = []
    for b in blocks:
        if b.translatable:
            text = b.translation if (translated and b.translation is not None) else b.text
            out.append(render_block(b, text))
        else:
            out.append(b.raw)
    return "\n".join(out)
