"""The translation as one standalone HTML page in the digest's look (no external assets).

Each article is a card; each block is rendered in English with its inline markup as HTML,
and the German of each block is under it in a <details> element (closed by default).
Links keep their URLs byte for byte; only http(s), mailto and relative links become
anchors. Sentences flagged as suspect carry a visible marker.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from html import escape

from defnews.article import Block
from defnews.inline import InlineSlot, protect_inline, render_inline
from defnews.renderers.digest_html import CSS
from defnews.translate import ArticleTranslation, RunStats
from defnews.translate.metadata import english_date

EXTRA_CSS = """
article h1 { font-size: 1.5rem; line-height: 1.25; margin: .2rem 0 .6rem; }
article h2, article h3, article h4 { font-size: 1.15rem; line-height: 1.3; }
details.source-de { color: var(--muted); font-size: .9rem; margin: -.3rem 0 .8rem; }
details.source-de summary { cursor: pointer; }
.flag { color: #b3261e; font-size: .8rem; font-weight: 600; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; }
table { border-collapse: collapse; } td { border: 1px solid var(--line); padding: .2rem .4rem; }
img { max-width: 100%; }
"""

_SAFE_URL = re.compile(r"^(?:https?://|mailto:|[#/?.]|[\w.-]+(?:[/?#]|$))", re.IGNORECASE)
_TAG = {"heading": "h{level}", "paragraph": "p", "quote": "blockquote", "list_item": "li"}


def _link(url: str, label: str) -> str:
    if _SAFE_URL.match(url) and not url.lower().startswith(("javascript:", "data:")):
        return f'<a href="{escape(url)}">{label}</a>'
    return label


def _slot(slot: InlineSlot, inner: str) -> str:
    if slot.kind in ("link", "image"):
        url = slot.url
        label = inner if slot.kind == "link" else \
            f"[image: {inner}]" if slot.inner is not None else "[image]"
        return _link(url, label)
    if slot.kind == "strong":
        return f"<strong>{inner}</strong>"
    if slot.kind == "em":
        return f"<em>{inner}</em>"
    if slot.kind == "code":
        return f"<code>{escape(slot.source.strip('`'))}</code>"
    if slot.kind in ("url", "autolink"):
        url = slot.source.strip("<>")
        return _link(url, escape(url))
    return escape(slot.source)


def inline_html(text: str) -> str:
    """Inline Markdown as HTML (text escaped; see the module docstring for links)."""
    return render_inline(protect_inline(text), escape, _slot).replace("\n", "<br>\n")


def _cells(text: str) -> list[str]:
    from defnews.inline import split_row

    return [inline_html(c) for c in split_row(text)]


def _block(block: Block, flagged: int) -> str:
    marker = (f' <span class="flag" title="{flagged} sentence(s) flagged: check against the '
              f'German">&#9873; check</span>' if flagged else "")
    if not block.translatable:
        if block.kind == "code" or (block.kind == "html" and block.raw.strip()):
            return f"<pre>{escape(block.raw)}</pre>"
        return "<hr>" if block.kind == "rule" else ""
    english = block.translation if block.translation is not None else block.text
    if block.kind == "table_row":
        row = "".join(f"<td>{c}</td>" for c in _cells(english))
        return f"<table><tr>{row}</tr></table>{marker}"
    tag = _TAG.get(block.kind, "p").format(level=min(max(block.level, 1), 6))
    body = f"<{tag}>{inline_html(english)}{marker}</{tag}>"
    if block.kind == "list_item":
        body = f"<ul>{body}</ul>"
    german = inline_html(block.text)
    return (f"{body}\n<details class=\"source-de\"><summary>German</summary>"
            f"<p lang=\"de\">{german}</p></details>")


def _article(d: ArticleTranslation) -> str:
    a = d.article
    flags = {id(block): sum(1 for r in d.rows.get(bi, []) if r.flags)
             for bi, (block, _item, _units) in enumerate(d.blocks)}
    by = [f"<strong>{escape(a.outlet)}</strong>" if a.outlet else "",
          escape(a.author or ""), escape(english_date(a.date) or a.date or ""),
          _link(a.url, "source") if a.url else ""]
    parts = ["<article lang=\"en\">"]
    if any(by):
        parts.append(f'<p class="byline">{" · ".join(b for b in by if b)}</p>')
    for block in a.blocks:
        html = _block(block, flags.get(id(block), 0))
        if html:
            parts.append(html)
    parts.append("</article>")
    return "\n".join(parts)


def _page_title(docs: Sequence[ArticleTranslation]) -> str:
    for d in docs[:1]:
        for block in d.article.blocks:
            if block.kind == "heading" and block.translation:
                return " ".join(block.translation.split())
    return "Translation"


def render(docs: Sequence[ArticleTranslation], stats: RunStats) -> str:
    title = _page_title(docs)
    body = "\n".join(_article(d) for d in docs)
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        f"<title>{escape(title)}</title>\n<style>{CSS}{EXTRA_CSS}</style>\n</head>\n"
        f"<body>\n<main>\n{body}\n</main>\n</body>\n</html>\n"
    )
