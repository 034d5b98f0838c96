"""The digest as Markdown."""

from __future__ import annotations

from defnews.digest.story import Digest, Story


def _byline(story: Story) -> str:
    parts = [f"*{story.outlet}*" if story.outlet else None, story.author,
             story.date, f"[source]({story.source})" if story.source else None]
    return " · ".join(p for p in parts if p)


def render(digest: Digest) -> str:
    out = [f"# Defence and security digest: {digest.date}", ""]
    out.append(f"{digest.articles} articles from {len(digest.outlets)} outlets"
               f" ({', '.join(digest.outlets)}), {len(digest.stories)} stories.")
    if digest.top_terms:
        out.append("Key terms: " + ", ".join(f"{t} ({c})" for t, c in digest.top_terms) + ".")
    if digest.countries:
        out.append("Countries: " + ", ".join(f"{t} ({c})" for t, c in digest.countries) + ".")
    out.append("")
    for story in digest.stories:
        out.append(f"## {story.title or story.title_de or story.source}")
        out.append("")
        out.append(_byline(story))
        if story.also_reported_by:
            others = "; ".join(
                f"*{o.outlet or 'unknown outlet'}*"
                + (f" ([source]({o.source}))" if o.source else "")
                for o in story.also_reported_by
            )
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
