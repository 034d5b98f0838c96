"""What every command checks about its inputs before any work: readable, not the output,
holding text, in the language the command expects."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from defnews.errors import InputError, shown

if TYPE_CHECKING:
    from defnews.article import Article


def read_articles(source: str) -> tuple[list[Article], list[Path]]:
    """Articles from a file or stdin ("-"), and the input paths (protected from overwriting)."""
    from defnews import readers
    from defnews.fileio import read_file_bytes, read_stdin_bytes

    if source == "-":
        articles = readers.read_bytes(read_stdin_bytes(), name="<stdin>")
        inputs: list[Path] = []
        name = "standard input"
    else:
        path = Path(source)
        articles = readers.read_bytes(read_file_bytes(path), name=str(path))
        inputs = [path]
        name = shown(path)
    if not any(b.translatable for a in articles for b in a.blocks):
        raise InputError(f"{name} holds no text to work on (empty, or only page furniture)")
    return articles, inputs


def check_output_not_input(output: Path | None, inputs: Sequence[Path],
                           what: str = "the input") -> None:
    if output is None:
        return
    target = output.expanduser().resolve()
    for p in inputs:
        if p.resolve() == target:
            raise InputError(f"output {output} is also {what}; choose another output file")


def check_german(articles: Sequence[Article], force: bool) -> None:
    """Refuse to translate what is not German (unless forced)."""
    for a in articles:
        if a.lang and a.lang != "de" and not force:
            raise InputError(
                f"{a.source or 'input'} looks like {a.lang!r}, not German: not translating it "
                "(use --force to translate anyway)"
            )


def check_language(articles: Sequence[Article], lang: str) -> None:
    """Refuse to summarise text in another language than the one named."""
    for a in articles:
        if a.lang and a.lang != lang:
            raise InputError(
                f"{a.source or 'input'} looks like {a.lang!r}, not {lang!r}",
                hint=f"Summarise it without translation: --lang {a.lang} --no-translate"
                if a.lang in ("de", "en") else "defnews summarises German and English only.",
            )
