"""JSON for scripts: per article and block, source sentences, translations, terms, timings."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from defnews.renderers.glossary_report import summary
from defnews.translate import ArticleTranslation, RunStats


def article_dict(d: ArticleTranslation, total_chars: int, seconds: float) -> dict[str, Any]:
    blocks = []
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
                {"source": r.source, "translation": r.text, "cached": r.cached}
                for r in results
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
    data = {
        "articles": [article_dict(d, total_chars, stats.seconds) for d in docs],
        "stats": stats.to_dict(),
    }
    return json.dumps(data, ensure_ascii=False, indent=2)
