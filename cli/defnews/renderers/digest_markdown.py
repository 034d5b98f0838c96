"""The digest as Markdown."""

from __future__ import annotations

from typing import Any

from defnews.digest import Digest


def _byline(story: dict[str, Any]) -> str:
    parts = [f"*{story['outlet']}*" if story.get("outlet") else None, story.get("author"),
             story.get("date"), f"[source]({story['source']})" if story.get("source") else None]
    return " · ".join(p for p in parts if p)


def render(digest: Digest) -> str:
    out = [f"# Defence and security digest: {digest.date}", ""]
    out.append(f"{digest.articles} articles from {len(digest.outlets)} outlets"
               f" ({', '.join(digest.outlets)}), {len(digest.entries)} stories.")
    if digest.top_terms:
        out.append("Key terms: " + ", ".join(f"{t} ({c})" for t, c in digest.top_terms) + ".")
    if digest.countries:
        out.append("Countries: " + ", ".join(f"{t} ({c})" for t, c in digest.countries) + ".")
    out.append("")
    for story in digest.entries:
        out.append(f"## {story.get('title') or story.get('title_de') or story.get('source')}")
        out.append("")
        out.append(_byline(story))
        if story["also_reported_by"]:
            others = "; ".join(
                f"*{o.get('outlet') or 'unknown outlet'}*"
                + (f" ([source]({o['source']}))" if o.get("source") else "")
                for o in story["also_reported_by"]
            )
            out.append(f"Also reported by: {others}")
        out.append("")
        for s in story["summary"]:
            out.append(f"- {s.get('en') or s['de']}")
        if story["key_terms"]:
            out.append("")
            out.append("Key terms: " + ", ".join(story["key_terms"]))
        out.append("")
    if digest.skipped:
        out.append("## Skipped")
        out.append("")
        for s in digest.skipped:
            out.append(f"- {s['source']}: {s['reason']}")
        out.append("")
    return "\n".join(out)
