"""Output formats for translations: one small module each, chosen by name."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from defnews.article import Article
    from defnews.translate import ArticleTranslation, RunStats

Renderer = Callable[["Sequence[ArticleTranslation]", "RunStats"], str]

DIGEST_FORMATS = ("markdown", "html", "json")


def get(name: str) -> Renderer:
    if name == "text":
        from defnews.renderers.text import render
    elif name == "markdown":
        from defnews.renderers.markdown import render
    elif name == "json":
        from defnews.renderers.json import render
    elif name == "bilingual":
        from defnews.renderers.bilingual import render
    else:
        raise KeyError(name)
    return render


def choose_format(name: str, articles: Sequence[Article]) -> str:
    """The format to render: `auto` is text for plain-text input, Markdown otherwise."""
    if name != "auto":
        return name
    return "text" if all(a.format == "txt" for a in articles) else "markdown"


def get_digest(name: str) -> Callable[..., str]:
    if name == "markdown":
        from defnews.renderers.digest_markdown import render
    elif name == "html":
        from defnews.renderers.digest_html import render
    elif name == "json":
        from defnews.renderers.digest_json import render
    else:
        raise KeyError(name)
    return render
