"""The digest as Markdown."""

from __future__ import annotations

from pathlib import Path

from defnews.digest.story import Digest, Story
from defnews.renderers.digest_common import header_line, source_link


def _byline(story: Story, links_from: Path | None) -> str:
    parts = [f"*{story.outlet}*" if story.outlet else None, story.author, story.date,
             f"[source]({source_link(story.source, links_from)})" if story.source else None]
    return " · ".join(p for p in parts if p)


def render(digest: Digest, links_from: Path | None = None) -> str:
    """The digest; links to source files are relative to `links_from` (the folder it is
    written to; None: the working folder)."""
    out = [f"# Defence and security digest: {digest.date}", ""]
    out.append(header_line(digest, outlet_names=True) + ".")
    if digest.top_terms:
        out.append("Key terms: " + ", ".join(f"{t} ({c})" for t, c in digest.top_terms) + ".")
    if digest.countries:
        out.append("Countries: " + ", ".join(f"{t} ({c})" for t, c in digest.countries) + ".")
    out.append("")
    for story in digest.stories:
        out.append(f"## {story.title or story.title_de or story.source}")
        out.append("")
        out.append(_byline(story, links_from))
        if story.also_reported_by:
            others = "; ".join(
                f"*{o.outlet or 'unknown outlet'}*"
                + (f" ([source]({source_link(o.source, links_from)}))" if o.source else "")
                for o in story.also_reported_by
            )
            out.append("")  # a line of its own, not glued to the byline's paragraph
            out.append(f"Also reported by: {others}")
        out.append("")
        for s in story.summary:
            out.append(f"- {s.en or s.de}")
        if story.key_terms:
            out.append("")
            out.append("Key terms: " + ", ".join(story.key_terms))
        out.append("")
    if digest.skipped:
        out.append("## Skipped")
        out.append("")
        for skip in digest.skipped:
            out.append(f"- {skip['source']}: {skip['reason']}")
        out.append("")
    return "\n".join(out)
