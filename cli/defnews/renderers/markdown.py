"""Markdown: the input's structure, translated."""

from __future__ import annotations

from collections.abc import Sequence

from defnews.renderers.blocks import to_markdown
from defnews.translate import ArticleTranslation, RunStats


def render(docs: Sequence[ArticleTranslation], stats: RunStats) -> str:
    return "\n\n".join(to_markdown(d.article.blocks).strip("\n") for d in docs) + "\n"
