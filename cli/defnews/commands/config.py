"""defnews config show|path: the effective settings and where each came from."""

from __future__ import annotations

import typer

from defnews import options as opt
from defnews.commands import handle_errors

app = typer.Typer(help="Default options: the config file and the effective settings.",
                  no_args_is_help=True)


@app.command("show")
@handle_errors
def show(json_out: bool = opt.JSON) -> None:
    """Every shared setting, its value and where it came from.

    Precedence: flag > DEFNEWS_* variable > config file > built-in default.

    Example:

      defnews config show
    """
    from defnews.renderers.config import render_settings

    typer.echo(render_settings(opt.resolve(), opt.config_path(), json_out=json_out))


@app.command("path")
@handle_errors
def path() -> None:
    """Print where the config file is read from (it need not exist).

    Example:

      $EDITOR "$(defnews config path)"
    """
    typer.echo(str(opt.config_path()))
