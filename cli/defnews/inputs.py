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
    """Refuse, before any work, an output that is one of the inputs or can never be written
    (a symlink loop): found only when writing, the run's work would be lost."""
    from defnews.fileio import check_output_path, is_same_file

    if output is None or str(output) == "-":
        return
    check_output_path(output)
    for p in inputs:
        if is_same_file(p, output.expanduser()):
            raise InputError(f"output {shown(output)} is also {what}; choose another output file")


def check_has_sentences(articles: Sequence[Article], source: str, lang: str
                        ) -> tuple[list[Article], list[str]]:
    """The articles of `source` (a path, or - for stdin) that hold a sentence to summarise
    or at least a title (a headline alone is its own summary), and a note for each one left
    out. None left: an input error naming the input (a summary of nothing would print an
    empty line and exit 0)."""
    import shlex

    from defnews.digest.summaries import body_sentences

    kept = [a for a in articles if (a.title or "").strip() or body_sentences(a, lang)[0]]
    if not kept:
        name = "standard input" if source == "-" else shown(source)
        hint = "It needs running text with full stops"
        if source != "-" and source.isprintable():
            hint += f"; 'defnews read {shlex.quote(source)}' shows what defnews read in it"
        raise InputError(f"{name} holds no sentences to summarise", hint=hint)
    ids = {id(a) for a in kept}
    notes = [f"left out {a.source or a.title or 'an article'}: no sentences to summarise"
             for a in articles if id(a) not in ids]
    return kept, notes


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
