"""defnews cache stats|prune: what the translation memory holds, and forgetting old entries."""

from __future__ import annotations

import typer

from defnews import options as opt
from defnews.commands import handle_errors

app = typer.Typer(help="The translation memory and digest state (the SQLite store).",
                  no_args_is_help=True)


@app.command("stats")
@handle_errors
def stats(json_out: bool = opt.JSON) -> None:
    """How many translations and digest entries the store holds, their age, its size.

    Example:

      defnews cache stats --json
    """
    from defnews.fileio import emit
    from defnews.renderers.cache import render_stats
    from defnews.store import store_stats

    emit(render_stats(store_stats(), json_out=json_out), None)


@app.command("prune")
@handle_errors
def prune(
    older_than: float | None = typer.Option(
        None, "--older-than", metavar="DAYS",
        help="Only what was stored more than DAYS days ago \\[default: everything]."),
    json_out: bool = opt.JSON,
) -> None:
    """Forget remembered translations and digest entries (all, or those older than DAYS).

    Which articles went into a digest (for `digest --since last`) is kept.

    Example:

      defnews cache prune --older-than 90
    """
    from defnews.fileio import emit
    from defnews.renderers.cache import render_prune
    from defnews.settings import parse_float
    from defnews.store import store_prune

    days = None if older_than is None else parse_float("--older-than", older_than, 0, 36500)
    emit(render_prune(store_prune(days), json_out=json_out), None)
