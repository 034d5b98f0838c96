"""Output formats for translations: one small module each, chosen by name."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
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
    elif name == "html":
        from defnews.renderers.html import render
    else:
        raise KeyError(name)
    return render


# The format an output file's name asks for (--format auto); any other name gives text.
SUFFIX_FORMATS = {".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html",
                  ".json": "json"}
# The file name extension each format writes (a folder of outputs).
FORMAT_SUFFIXES = {"markdown": ".md", "html": ".html", "json": ".json", "text": ".txt",
                   "bilingual": ".md"}


def choose_format(name: str, articles: Sequence[Article], output: Path | None = None) -> str:
    """The format to render. `md` is `markdown`. `auto` follows the output file's name
    (.md/.markdown, .html/.htm, .json; anything else text); on standard output it is text
    for plain-text input and Markdown otherwise."""
    if name == "md":
        return "markdown"
    if name != "auto":
        return name
    if output is not None and str(output) != "-" and not output.is_dir():
        return SUFFIX_FORMATS.get(output.suffix.lower(), "text")
    return "text" if all(a.format == "txt" for a in articles) else "markdown"


def format_for_output(name: str, output: Path | None, available: Sequence[str],
                      default: str) -> str:
    """The format of a digest or summary: `md` is `markdown`; `auto` follows the output
    file's name when this command can write what it names (.md, .html, .json), else default."""
    if name == "md":
        return "markdown"
    if name != "auto":
        return name
    if output is not None and str(output) != "-":
        named = SUFFIX_FORMATS.get(output.suffix.lower())
        if named is not None and named in available:
            return named
    return default


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
