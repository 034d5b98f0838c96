"""defnews segment: one sentence a line."""

from __future__ import annotations

from pathlib import Path

import typer

from defnews.commands import handle_errors
from defnews.commands.summarize import Lang


@handle_errors
def segment(
    source: str = typer.Argument("-", metavar="[FILE|-]", help="Text to split; - for stdin."),
    lang: Lang = typer.Option(Lang.de, "--lang", "-l", help="Language of the text."),
    output: Path | None = typer.Option(None, "--output", "-o"),
) -> None:
    """Split text into sentences: one a line, a blank line between paragraphs.

    HTML pages and feeds are read as articles first (title and story text, no markup or
    boilerplate); text and Markdown are split as they are.

    Example:

      echo "Am 31. Juli kam z. B. Dr. Weber. Er blieb." | defnews segment --lang de
    """
    from defnews import segment as seg
    from defnews.fileio import emit, read_file_bytes, read_stdin_bytes
    from defnews.inputs import check_output_not_input

    if source == "-":
        data, name, inputs = read_stdin_bytes(), None, []
    else:
        path = Path(source)
        data, name, inputs = read_file_bytes(path), str(path), [path]
    check_output_not_input(output, inputs)
    emit(seg.segment_input(data, name, lang.value), output, protect=inputs)
