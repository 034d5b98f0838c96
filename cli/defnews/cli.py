"""The command line: the app, its commands, and the console entry point.

Each command lives in its own module under `commands/` (argument declarations and calls into
the stages); the options several commands share are defined once in `options.py`.
"""

from __future__ import annotations

import os
import sys

import typer

from defnews import __version__
from defnews.commands import cache as cache_cmd
from defnews.commands import config as config_cmd
from defnews.commands import digest as digest_cmd
from defnews.commands import doctor as doctor_cmd
from defnews.commands import err, state
from defnews.commands import glossary as glossary_cmd
from defnews.commands import models as models_cmd
from defnews.commands import read as read_cmd
from defnews.commands import segment as segment_cmd
from defnews.commands import summarize as summarize_cmd
from defnews.commands import translate as translate_cmd
from defnews.errors import EXIT_USAGE

app = typer.Typer(
    name="defnews",
    help=(
        "Offline German→English translation, glossary enforcement and digests for defence "
        "and security news.\n\n"
        "Examples:\n\n"
        "  defnews translate samples/2026-11-20_grenzbote_iran-belarus-absichtserklaerung.md\n\n"
        "  cat artikel.txt | defnews translate - --format bilingual\n\n"
        "  defnews digest samples/ -o digest.html --format html\n\n"
        "  defnews doctor"
    ),
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.command("translate")(translate_cmd.translate)
app.command("summarize")(summarize_cmd.summarize)
app.command("digest")(digest_cmd.digest)
app.command("segment")(segment_cmd.segment)
app.command("read")(read_cmd.read)
app.add_typer(glossary_cmd.app, name="glossary")
app.add_typer(models_cmd.app, name="models")
app.command("doctor")(doctor_cmd.doctor)
app.add_typer(config_cmd.app, name="config")
app.add_typer(cache_cmd.app, name="cache")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"defnews {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    debug: bool = typer.Option(False, "--debug", help="Show full tracebacks on errors."),
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                 help="Print the version and exit."),
) -> None:
    if debug:
        state["debug"] = True


def _stop_on_signal(signum: int, frame: object) -> None:
    """Ctrl-C or SIGTERM: stop at once, as a kill would, but say so and exit 130 (143).

    A KeyboardInterrupt raised wherever the signal lands can be swallowed (inside a
    ``__del__``: the run went on and wrote its output) or hit interpreter shutdown (killed
    by the signal instead of exit 130). Nothing needs unwinding: every output is written to a
    temporary file and renamed, and the store survives a kill.
    """
    import signal

    from defnews import fileio

    fileio.remove_partial_writes()
    # An install in progress: its staging folder goes. Looked up, not imported, and only
    # once the module is whole (a signal during its import finds it half-initialised).
    cleanup = getattr(sys.modules.get("defnews.models_install"), "cleanup_staging", None)
    if cleanup is not None:
        cleanup()
    try:
        sys.stderr.write("defnews: interrupted\n" if signum == signal.SIGINT
                         else "defnews: terminated\n")
        sys.stderr.flush()
    finally:
        os._exit(128 + signum)


def _command_line_error(exc: Exception) -> int:
    """A mistake on the command line: one `defnews:` line (the fix in it), exit 2.

    typer raises click's exceptions (its own copy of click): they are recognised by what
    they carry, not by class.
    """
    if type(exc).__name__ == "NoArgsIsHelpError":
        typer.echo(exc.format_message())  # type: ignore[attr-defined]  # the command's help
        return EXIT_USAGE
    format_message = getattr(exc, "format_message", None)
    message = " ".join(str(format_message() if format_message else exc).split())
    ctx = getattr(exc, "ctx", None)
    param = getattr(exc, "param", None)
    if type(exc).__name__ == "BadParameter" and param is not None and ctx is not None \
            and not message.startswith("Invalid value"):
        message = f"Invalid value for {param.get_error_hint(ctx)}: {message}"
    where = ctx.command_path if ctx is not None else "defnews"
    err(f"defnews: error: {message} (see '{where} --help')")
    return int(getattr(exc, "exit_code", EXIT_USAGE) or EXIT_USAGE)


def _stdout_is_devnull() -> bool:
    import os

    try:
        return os.path.samestat(os.fstat(1), os.stat(os.devnull))
    except OSError:
        return False


def main() -> None:
    """Console entry point."""
    import signal

    from defnews import fileio

    fileio.guard_standard_streams()
    signal.signal(signal.SIGINT, _stop_on_signal)
    signal.signal(signal.SIGTERM, _stop_on_signal)
    code = 0
    try:
        result = app(prog_name="defnews", standalone_mode=False)
        code = result if isinstance(result, int) else 0
    except typer.Abort:
        err("defnews: interrupted")
        code = 130
    except BrokenPipeError:  # `defnews --help | head`: the reader went away
        code = 0
    except SystemExit as exc:
        # rich (typer's help) meets a closed pipe by pointing stdout at /dev/null and
        # raising SystemExit(1): the same case as above, not a failure.
        code = 0 if _stdout_is_devnull() else exc.code  # type: ignore[assignment]
    except OSError as exc:  # help or a usage text could not be written (stdout full)
        err(f"defnews: error: {fileio.output_failed(exc, 'standard output').message}")
        code = 1
    except Exception as exc:  # raised while typer parses the command line
        if state["debug"]:
            raise
        code = _command_line_error(exc)
    finally:
        # The work is done: an interrupt now has nothing to stop, and during interpreter
        # shutdown it would kill the process instead of letting it exit with its own code.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
    failed = fileio.flush_stdout_at_exit()  # stdout full: typer's text was still buffered
    if failed:
        err(failed)
        code = code or 1
    sys.exit(code)
