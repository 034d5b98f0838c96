"""defnews doctor: what is installed where, and the command that fixes each gap."""

from __future__ import annotations

import typer

from defnews import options as opt
from defnews.commands import handle_errors
from defnews.errors import EXIT_RUNTIME


@handle_errors
def doctor(json_out: bool = opt.JSON) -> None:
    """Show what is installed where, what is missing, and the command that fixes each gap.

    Exit code 1 when something required is missing.

    Example:

      defnews doctor --json
    """
    from defnews.doctor import diagnose
    from defnews.renderers.models import render_doctor

    checks = diagnose()
    typer.echo(render_doctor(checks, json_out=json_out))
    if any(not c["ok"] and c.get("required") for c in checks):
        raise typer.Exit(EXIT_RUNTIME)
