"""Markdown: the input's structure, translated."""

from __future__ import annotations

from collections.abc import Sequence

from defnews.renderers.blocks import to_markdown
from defnews.translate import ArticleTranslation, RunStats
from defnews.translate.metadata import page_byline, title_index


def _article(d: ArticleTranslation) -> str:
    blocks = d.article.blocks
    byline, k = page_byline(d.article), title_index(d.article)
    if byline is None or k is None:
        return to_markdown(blocks).strip("\n")
    return "\n\n".join(part for part in (to_markdown(blocks[: k + 1]).strip("\n"), byline,
                                          to_markdown(blocks[k + 1 :]).strip("\n")) if part)


def render(docs: Sequence[ArticleTranslation], stats: RunStats) -> str:
    return "\n\n".join(_article(d) for d in docs) + "\n"
