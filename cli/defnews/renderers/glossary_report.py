"""The glossary report: per article, each term found, where, and whether and how it was applied.

The English shown is the form written in the translation (`soldiers`), where one was found.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from defnews.translate import ArticleTranslation

APPLIED = {"placeholder", "fallback"}


def summary(terms: Sequence[dict[str, Any]]) -> dict[str, Any]:
    by_status = Counter(t.get("status", "?") for t in terms)
    enforced = [t for t in terms if t.get("status") != "compound"]
    applied = sum(1 for t in enforced if t.get("status") in APPLIED)
    return {
        "terms": len(terms),
        "enforced": len(enforced),
        "applied": applied,
        "rate": round(applied / len(enforced), 4) if enforced else None,
        "by_status": dict(by_status),
    }


def glossary_report(docs: Sequence[ArticleTranslation]) -> str:
    lines = []
    for d in docs:
        terms = d.term_report()
        s = summary(terms)
        name = d.article.source or d.article.title or "input"
        rate = f"{s['applied']}/{s['enforced']} applied" if s["enforced"] else "no enforced terms"
        lines.append(f"glossary report: {name}: {s['terms']} term occurrences, {rate}")
        for t in terms:
            where = f"{t['start']}-{t['end']}" if t.get("start") is not None else "?"
            how = t.get("method", "")
            how = f" via {how}" if how and how not in ("placeholder", "none") else ""
            lines.append(f"  {t.get('status', '?'):<12} {t.get('surface', t.get('de'))!s:<32} "
                         f"→ {t.get('written') or t.get('en')!s:<32} [chars {where}]{how}"
                         + (f"  ({t['reason']})" if t.get("reason") else ""))
    return "\n".join(lines)
