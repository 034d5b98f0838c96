"""A side-by-side German | English Markdown table, one row per sentence in document order.

Each row holds a whole sentence as the reader sees it: link texts and emphasis inside it,
inline markup as plain text. A flagged sentence ends in a marker naming its flags
("⚑ repeated"): check it against the German.
"""

from __future__ import annotations

from collections.abc import Sequence

from defnews.translate import ArticleTranslation, RunStats


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def render(docs: Sequence[ArticleTranslation], stats: RunStats) -> str:
    out = []
    for d in docs:
        if d.article.title or d.article.source:
            out.append(f"### {_cell(d.article.title or d.article.source or '')}\n")
        out.append("| German | English |")
        out.append("| --- | --- |")
        for bi in range(len(d.blocks)):
            for row in d.rows.get(bi, []):
                marker = f" ⚑ {', '.join(row.flags)}" if row.flags else ""
                out.append(f"| {_cell(row.source)} | {_cell(row.translation)}{marker} |")
        out.append("")
    return "\n".join(out)
