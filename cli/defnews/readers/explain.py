"""What the reader understood: the view `defnews read` prints (text or JSON).

Each metadata field with where it came from, and every block with its role and the rule that
gave it. It is what a user runs when a digest looks wrong, and what tests assert on.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TypedDict

from defnews.article import Article

FIELDS = ("title", "outlet", "author", "date", "dateline", "url")


class FieldJSON(TypedDict):
    value: str
    source: str


class BlockJSON(TypedDict):
    kind: str  # heading | paragraph | list_item | quote | table_row | code | html | rule
    # title | kicker | teaser | subheading | body | caption | image | outlet | author | date |
    # boilerplate
    role: str
    rule: str | None  # the reader rule that gave the role
    boilerplate: bool  # left out of summaries and digests (translation keeps it)
    text: str  # the block's text as read (a stripped dateline removed); raw source for verbatim


class ArticleJSON(TypedDict):
    source: str | None
    format: str | None
    encoding: str | None
    lang: str | None
    fields: dict[str, FieldJSON]  # title, outlet, author, date, dateline, url when found
    dateline_place: str | None
    dateline_agency: str | None
    warnings: list[str]
    blocks: list[BlockJSON]


def describe(article: Article) -> ArticleJSON:
    fields: dict[str, FieldJSON] = {}
    for name in FIELDS:
        value = getattr(article, name)
        if value:
            fields[name] = {"value": value, "source": article.sources.get(name, "unknown")}
    blocks: list[BlockJSON] = [
        {"kind": b.kind, "role": b.role or "-", "rule": b.rule, "boilerplate": b.boilerplate,
         "text": b.text if b.text.strip() else b.raw}
        for b in article.blocks if b.kind != "blank"]
    return {"source": article.source, "format": article.format, "encoding": article.encoding,
            "lang": article.lang, "fields": fields, "dateline_place": article.dateline_place,
            "dateline_agency": article.dateline_agency, "warnings": list(article.warnings),
            "blocks": blocks}


def render_json(articles: Sequence[Article]) -> str:
    return json.dumps({"articles": [describe(a) for a in articles]}, ensure_ascii=False,
                      indent=2) + "\n"


def render_text(articles: Sequence[Article], width: int = 100) -> str:
    out: list[str] = []
    for a in articles:
        d = describe(a)
        out.append(f"{d['source'] or 'input'}: {d['format']}, {d['encoding']}, "
                   f"language {d['lang'] or 'unknown'}")
        for name, f in d["fields"].items():
            out.append(f"  {name:9} {f['value']}   ({f['source']})")
        for w in d["warnings"]:
            out.append(f"  warning: {w}")
        out.append("  blocks:")
        for b in d["blocks"]:
            text = " ".join(b["text"].split())
            if len(text) > width:
                text = text[: width - 1] + "…"
            rule = f" [{b['rule']}]" if b["rule"] else ""
            out.append(f"    {b['role']:11} {b['kind']:9}{rule} {text}")
        out.append("")
    return "\n".join(out)
