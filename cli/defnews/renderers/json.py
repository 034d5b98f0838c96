"""JSON for scripts: per article and block, its sentences, translations, terms, timings.

The shape is described by the TypedDicts below (field names are documented in the README).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, TypedDict

from defnews.renderers.glossary_report import summary
from defnews.translate import ArticleTranslation, RunStats


class SentenceJSON(TypedDict):
    source: str  # the German sentence as in the input, inline markup as plain text
    translation: str  # its English, the same way
    cached: bool  # served from the translation memory
    flags: list[str]  # untranslated | repeated | too_short | too_long | numbers ([] when sound)


class BlockJSON(TypedDict):
    kind: str  # heading | paragraph | list_item | quote | table_row
    prefix: str  # the block's Markdown syntax ("## ", "- ", "> ")
    source: str  # the block's German text with its inline Markdown
    translation: str | None  # the block's English with its inline Markdown
    boilerplate: bool
    sentences: list[SentenceJSON]  # one per sentence, in document order
    translate_ms: float  # the block's share of the batch time, by source characters


class ArticleJSON(TypedDict):
    metadata: dict[str, Any]  # title, outlet, author, date, source, lang, format...
    blocks: list[BlockJSON]
    terms: list[dict[str, Any]]  # every glossary term found (see the glossary report)
    glossary: dict[str, Any]  # counts of those terms by status
    warnings: list[str]


class TranslationJSON(TypedDict):
    articles: list[ArticleJSON]
    stats: dict[str, Any]  # the run: sentences, unique, from_memory, translated, seconds...


def article_dict(d: ArticleTranslation, total_chars: int, seconds: float) -> ArticleJSON:
    blocks: list[BlockJSON] = []
    for bi, (block, _item, _units) in enumerate(d.blocks):
        results = d.results.get(bi, [])
        chars = sum(len(r.source) for r in results if not r.cached)
        blocks.append({
            "kind": block.kind,
            "prefix": block.prefix,
            "source": block.text,
            "translation": block.translation,
            "boilerplate": block.boilerplate,
            "sentences": [
                {"source": row.source, "translation": row.translation, "cached": row.cached,
                 "flags": row.flags}
                for row in d.rows.get(bi, [])
            ],
            # Sentences of a run are translated together in batches; a block's time is
            # its share of the batch time by source characters.
            "translate_ms": round(1000 * seconds * chars / total_chars, 2) if total_chars else 0.0,
        })
    terms = d.term_report()
    return {
        "metadata": d.article.metadata(),
        "blocks": blocks,
        # Every glossary term found: offsets into the input as read, the sentence, and
        # whether and how the target arrived (status, method, reason).
        "terms": terms,
        "glossary": summary(terms),
        "warnings": d.warnings,
    }


def render(docs: Sequence[ArticleTranslation], stats: RunStats) -> str:
    total_chars = sum(
        len(r.source) for d in docs for rs in d.results.values() for r in rs if not r.cached
    )
    data: TranslationJSON = {
        "articles": [article_dict(d, total_chars, stats.seconds) for d in docs],
        "stats": stats.to_dict(),
    }
    return json.dumps(data, ensure_ascii=False, indent=2)
