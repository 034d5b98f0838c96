"""Article summaries as text, Markdown or JSON."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TypedDict

if TYPE_CHECKING:
    from defnews.digest.story import KeyTerm
    from defnews.digest.summaries import ArticleSummary


class SummarySentenceJSON(TypedDict):
    """One chosen sentence in `summarize --format json`."""

    source: str  # the sentence in the input language
    translation: str | None  # its English (None with --no-translate)
    position: int  # index among the article's body sentences
    score: float


class SummaryJSON(TypedDict):
    """One article in `summarize --format json` (a list of these for several articles)."""

    metadata: dict[str, Any]
    title: str | None
    sentences_in_article: int
    summary: list[SummarySentenceJSON]
    key_terms: list[KeyTerm]
    terms: list[dict[str, Any]]


def _sentences(s: ArticleSummary) -> list[SummarySentenceJSON]:
    out = []
    for i, sel in enumerate(s.selected):
        out.append(SummarySentenceJSON(
            source=sel.text,
            translation=s.translations[i] if s.translations else None,
            position=sel.index,
            score=round(float(sel.score), 4),
        ))
    return out


def to_json(s: ArticleSummary) -> SummaryJSON:
    return SummaryJSON(metadata=s.article.metadata(), title=s.title_en or s.article.title,
                       sentences_in_article=len(s.sentences), summary=_sentences(s),
                       key_terms=s.key_terms, terms=s.term_outcomes)


def render(summaries: Sequence[ArticleSummary], fmt: str) -> str:
    if fmt == "json":
        data = [to_json(s) for s in summaries]
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
