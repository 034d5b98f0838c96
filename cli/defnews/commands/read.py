"""defnews read: the article as defnews understood it (metadata, block roles, rules)."""

from __future__ import annotations

from pathlib import Path

import typer

from defnews import options as opt
from defnews.commands import handle_errors


@handle_errors
def read(
    source: str = typer.Argument("-", metavar="[FILE|-]", help="Article; - for stdin."),
    as_json: bool = opt.JSON,
    output: Path | None = typer.Option(None, "--output", "-o", help="Write here (atomically)."),
) -> None:
    """Show what defnews read in an article: each metadata field with where it came from,
    and every block with its role (title, teaser, subheading, body, image, outlet, author,
    date, boilerplate) and the rule that gave it. Run it when a digest looks wrong.

    Example:

      defnews read samples/2026-11-20_grenzbote_iran-belarus-absichtserklaerung.md --json
    """
    from defnews import inputs
    from defnews.fileio import emit
    from defnews.readers import explain

    articles, paths = inputs.read_articles(source)
    inputs.check_output_not_input(output, paths)
    text = explain.render_json(articles) if as_json else explain.render_text(articles)
    emit(text, output, protect=paths)
