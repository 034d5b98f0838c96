"""Output formats for translations: one small module each, chosen by name."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from defnews.translate import ArticleTranslation, RunStats

Renderer = Callable[["Sequence[ArticleTranslation]", "RunStats"], str]

FORMATS = ("text", "markdown", "json", "bilingual")
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
