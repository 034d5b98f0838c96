"""Article summaries as text, Markdown or JSON."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from defnews.digest.summaries import ArticleSummary


def _sentences(s: ArticleSummary) -> list[dict[str, Any]]:
    out = []
    for i, sel in enumerate(s.selected):
        out.append({
            "source": sel.text,
            "translation": s.translations[i] if s.translations else None,
            "position": sel.index,
            "score": round(float(sel.score), 4),
        })
    return out


def render(summaries: Sequence[ArticleSummary], fmt: str) -> str:
    if fmt == "json":
        data = [{"metadata": s.article.metadata(), "title": s.title_en or s.article.title,
                 "sentences_in_article": len(s.sentences), "summary": _sentences(s),
                 "key_terms": s.key_terms, "terms": s.term_outcomes} for s in summaries]
        return json.dumps(data if len(data) != 1 else data[0], ensure_ascii=False, indent=2)
    blocks = []
    for s in summaries:
        title = s.title_en or s.article.title
        lines = []
        if title:
            lines.append(f"# {title}" if fmt == "markdown" else title)
            lines.append("")
        bullet = "- " if fmt == "markdown" else ""
        for item in _sentences(s):
            lines.append(bullet + (item["translation"] or item["source"]))
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"
