"""One module per command: argument declarations and calls into the stages, nothing else.

What every command shares lives here: turning failures into one `defnews:` line and an exit
code, and the progress bar on stderr.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

import typer

from defnews.errors import EXIT_RUNTIME, DefnewsError

F = TypeVar("F", bound=Callable[..., Any])

# --debug (or DEFNEWS_DEBUG=1): a traceback instead of one line.
state: dict[str, Any] = {"debug": os.environ.get("DEFNEWS_DEBUG", "") == "1"}


def err(message: str) -> None:
    typer.echo(message, err=True)


def handle_errors(fn: F) -> F:
    """Turn every failure into one clear message and a meaningful exit code."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except (typer.Exit, typer.Abort):
            raise
        except DefnewsError as exc:
            if state["debug"]:
                raise
            err(f"defnews: error: {one_line(exc.line())}")
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            err("defnews: interrupted")
            raise typer.Exit(130) from None
        except BrokenPipeError:
            # The reader went away (e.g. `| head`): not an error of ours.
            try:
                sys.stdout = open(os.devnull, "w")  # noqa: SIM115
            except OSError:
                pass
            raise typer.Exit(0) from None
        except MemoryError:
            err("defnews: error: out of memory")
            raise typer.Exit(EXIT_RUNTIME) from None
        except Exception as exc:
            if state["debug"]:
                raise
            err(f"defnews: internal error: {type(exc).__name__}: {exc}")
            err("Run again with --debug for the full traceback, and please report it.")
            raise typer.Exit(EXIT_RUNTIME) from None

    return wrapper  # type: ignore[return-value]


def one_line(message: str) -> str:
    """A message as one line: a newline or an escape sequence from a file name or another
    user-given text is shown escaped, never printed (it would break or restyle the line)."""
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii")
                   for ch in message)


def stderr_console() -> Any:
    from rich.console import Console

    return Console(stderr=True)


@contextmanager
def progress(label: str, total: int, quiet: bool) -> Iterator[Callable[[int], None]]:
    """A progress bar on a terminal; nothing when piped or --quiet."""
    if quiet or total <= 0 or not sys.stderr.isatty():
        yield lambda n: None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    with Progress("[progress.description]{task.description}", BarColumn(),
                  MofNCompleteColumn(), TimeRemainingColumn(), transient=True,
                  console=stderr_console()) as bar:
        task = bar.add_task(label, total=total)
        yield lambda n: bar.update(task, advance=n)
