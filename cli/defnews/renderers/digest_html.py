"""The digest as one self-contained HTML page (no external assets; laptop and phone)."""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Any

from defnews.digest.story import Digest, Story, SummarySentence
from defnews.renderers.digest_common import header_line, source_link

CSS = """
:root { --fg: #1d2430; --muted: #5b6676; --bg: #fbfbfa; --card: #ffffff; --line: #e3e6ea;
        --accent: #0b5cad; }
@media (prefers-color-scheme: dark) {
  :root { --fg: #e7eaee; --muted: #a5afbd; --bg: #14171c; --card: #1c2027; --line: #2c323b;
          --accent: #6fb0ff; } }
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--fg);
       font: 17px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
main { max-width: 46rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; }
header h1 { font-size: 1.6rem; line-height: 1.25; margin: 0 0 .4rem; }
header p { color: var(--muted); margin: .2rem 0; }
.chips { display: flex; flex-wrap: wrap; gap: .35rem; padding: 0; list-style: none; }
.chips li { background: var(--card); border: 1px solid var(--line); border-radius: 999px;
            padding: .1rem .6rem; font-size: .85rem; }
article { background: var(--card); border: 1px solid var(--line); border-radius: .6rem;
          padding: 1rem 1.1rem; margin: 1rem 0; }
article h2 { font-size: 1.2rem; line-height: 1.3; margin: 0 0 .3rem; }
.byline, .also { color: var(--muted); font-size: .9rem; margin: 0 0 .5rem; }
article ul.summary { padding-left: 1.1rem; margin: .5rem 0; }
article ul.summary li { margin: .3rem 0; }
a { color: var(--accent); overflow-wrap: anywhere; }
.terms { font-size: .85rem; color: var(--muted); }
.de { display: none; color: var(--muted); font-size: .9rem; margin: .15rem 0 0; }
.en[title] { text-decoration: underline dotted var(--line); cursor: help; }
#show-de:checked ~ main .de { display: block; }
.toggle { position: sticky; top: 0; background: var(--bg); padding: .4rem 1rem;
          font-size: .9rem; border-bottom: 1px solid var(--line); }
@media (max-width: 480px) { body { font-size: 16px; } main { padding: 1rem .6rem 2rem; }
  article { padding: .8rem; } header h1 { font-size: 1.35rem; } }
"""


def _e(value: Any) -> str:
    return escape(str(value)) if value is not None else ""


def _sentence(s: SummarySentence) -> str:
    if s.en is None:  # a German digest
        return f'<li><span lang="de">{_e(s.de)}</span></li>'
    return (f'<li><span class="en" lang="en" title="{_e(s.de)}">{_e(s.en)}</span>'
            f'<span class="de" lang="de">{_e(s.de)}</span></li>')


def _story(story: Story, links_from: Path | None) -> str:
    title = story.title or story.title_de or story.source
    by = [f"<strong>{_e(story.outlet)}</strong>" if story.outlet else "",
          _e(story.author), _e(story.date),
          f'<a href="{_e(source_link(story.source, links_from))}">source</a>'
          if story.source else ""]
    parts = [f"<article id=\"{_e(story.id)}\">", f"<h2>{_e(title)}</h2>",
             f'<p class="byline">{" · ".join(b for b in by if b)}</p>']
    if story.also_reported_by:
        others = "; ".join(
            _e(o.outlet or "unknown outlet")
            + (f' (<a href="{_e(source_link(o.source, links_from))}">source</a>)'
               if o.source else "")
            for o in story.also_reported_by)
        parts.append(f'<p class="also">Also reported by: {others}</p>')
    parts.append('<ul class="summary">')
    parts.extend(_sentence(s) for s in story.summary)
    parts.append("</ul>")
    if story.key_terms:
        parts.append(f'<p class="terms">Key terms: {_e(", ".join(story.key_terms))}</p>')
    parts.append("</article>")
    return "\n".join(parts)


def render(digest: Digest, links_from: Path | None = None) -> str:
    """The page; links to source files are relative to `links_from` (the folder the page is
    written to; None: the working folder)."""
    head = (f"<header><h1>Defence and security digest: {_e(digest.date)}</h1>"
            f"<p>{_e(header_line(digest))}</p>")
    if digest.top_terms:
        head += "<p>Key terms</p><ul class=\"chips\">" + "".join(
            f"<li>{_e(t)} ({c})</li>" for t, c in digest.top_terms) + "</ul>"
    if digest.countries:
        head += "<p>Countries</p><ul class=\"chips\">" + "".join(
            f"<li>{_e(t)} ({c})</li>" for t, c in digest.countries) + "</ul>"
    head += "</header>"
    body = "\n".join(_story(s, links_from) for s in digest.stories)
    skipped = ""
    if digest.skipped:
        skipped = "<section><h2>Skipped</h2><ul>" + "".join(
            f"<li>{_e(s['source'])}: {_e(s['reason'])}</li>" for s in digest.skipped
        ) + "</ul></section>"
    toggle = ""
    if digest.translated:
        toggle = ('<input type="checkbox" id="show-de" hidden>\n'
                  '<label class="toggle" for="show-de">Show the German sources '
                  '(or hover a sentence)</label>\n')
    lang = "en" if digest.translated else "de"
    return (
        f"<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        f"<title>Defence digest {_e(digest.date)}</title>\n<style>{CSS}</style>\n</head>\n"
        f"<body>\n{toggle}<main>\n{head}\n{body}\n{skipped}\n</main>\n</body>\n</html>\n"
    )
