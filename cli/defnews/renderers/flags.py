"""The flagged sentences of a run, for --report: where, why, the German and the English."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from defnews.translate import ArticleTranslation


def flag_report(docs: Sequence[ArticleTranslation], keep: set[str]) -> str:
    from defnews.translate.quality import describe

    lines = []
    for d in docs:
        flagged = d.flagged()
        total = sum(len(rows) for rows in d.rows.values())
        name = d.article.source or d.article.title or "input"
        lines.append(f"flagged sentences: {name}: {len(flagged)} of {total}")
        for bi, row in flagged:
            block = d.blocks[bi][0]
            lines.append(f"  {', '.join(row.flags)} (block {bi + 1}, {block.kind}): "
                         f"{describe(row.source, row.translation, keep)}")
            lines.append(f"    de: {row.source}")
            lines.append(f"    en: {row.translation}")
    return "\n".join(lines)
