"""defnews glossary lint|check."""

from __future__ import annotations

from pathlib import Path

import typer

from defnews import options as opt
from defnews.commands import handle_errors
from defnews.errors import EXIT_RUNTIME

app = typer.Typer(help="Check and inspect the defence glossary.", no_args_is_help=True)


@app.command("lint")
@handle_errors
def lint(
    files: list[Path] | None = typer.Argument(None, help="Glossary files (default: shipped)."),
    json_out: bool = opt.JSON,
) -> None:
    """Check glossary files: duplicates, conflicts, stop words, case variants, encoding.

    Exit code 1 when there are errors, 0 otherwise (warnings allowed).

    Example:

      defnews glossary lint ~/.config/defnews/glossary.tsv
    """
    from defnews import paths
    from defnews.glossary import lint_file
    from defnews.renderers.glossary_check import render_lint

    targets = list(files or sorted(paths.shipped_glossary_dir().glob("*.tsv")))
    issues = [{"file": str(f), **issue.to_dict()} for f in targets for issue in lint_file(f)]
    typer.echo(render_lint(targets, issues, json_out=json_out))
    if any(i.get("severity") == "error" for i in issues):
        raise typer.Exit(EXIT_RUNTIME)


@app.command("check")
@handle_errors
def check(
    source: str = typer.Argument("-", metavar="[FILE|-]", help="German text; - for stdin."),
    glossary: list[Path] | None = opt.GLOSSARY,
    default_glossary: bool | None = opt.DEFAULT_GLOSSARY,
    json_out: bool = opt.JSON,
) -> None:
    """Every glossary term in a German text, with character offsets into the input.

    Markup (HTML tags, link targets, URLs) is skipped; the offsets are the file's own
    characters (CRLF, decomposed umlauts and stripped control characters included).

    Example:

      echo "Der Verteidigungsminister reiste nach Teheran." | defnews glossary check - --json
    """
    from defnews.fileio import read_file_bytes, read_stdin_bytes
    from defnews.glossary.source import find_in_source, original_text
    from defnews.renderers.glossary_check import render_matches

    data = read_stdin_bytes() if source == "-" else read_file_bytes(Path(source))
    text = original_text(data)
    settings = opt.resolve(dict(glossary=glossary, default_glossary=default_glossary))
    gloss = opt.glossary(settings, no_glossary=False)
    # Matched on NFC text with LF line ends; offsets in the file's own characters.
    matches = [m.to_dict() for m in find_in_source(gloss, text)]
    render_matches(matches, json_out=json_out)
