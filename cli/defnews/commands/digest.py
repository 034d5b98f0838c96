"""defnews digest: one English digest of a day's German articles, one entry per story."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import Enum
from pathlib import Path

import typer

from defnews import options as opt
from defnews.commands import err, handle_errors, stderr_console
from defnews.commands.summarize import Method
from defnews.errors import InputError


class DigestFormat(str, Enum):
    auto = "auto"
    markdown = "markdown"
    md = "md"
    html = "html"
    json = "json"


@handle_errors
def digest(
    inputs: list[Path] = typer.Argument(None, metavar="DIR|FILES...", readable=False,
                                        help="Folders and/or article files."),
    date: str | None = typer.Option(None, "--date", help="Only articles of this day (YYYY-MM-DD)."),
    since: str | None = typer.Option(None, "--since",
                                     help="'last': only articles not in an earlier digest; "
                                     "or a date YYYY-MM-DD."),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write here (atomically)."),
    fmt: DigestFormat = typer.Option(DigestFormat.auto, "--format", "-f",
                                     help="auto: from the output name (.html, .json, else "
                                     "Markdown); Markdown on stdout."),
    sentences: int = typer.Option(3, "--sentences", "-n", min=1, help="Sentences per story."),
    method: Method = typer.Option(Method.default, "--method", help="Summariser."),
    translate_first: bool = typer.Option(False, "--translate-first",
                                         help="Translate everything, then summarise (slow)."),
    no_translate: bool = typer.Option(False, "--no-translate",
                                      help="A German digest: summarise, translate nothing."),
    include_undated: bool = typer.Option(False, "--include-undated",
                                         help="With --date: keep articles without a date."),
    dry_run: bool = typer.Option(False, "--dry-run",
                                 help="List the articles the digest would take; write nothing."),
    reset_since: bool = typer.Option(False, "--reset-since",
                                     help="Forget what earlier digests delivered "
                                     "(for --since last), then stop."),
    model: str | None = opt.MODEL,
    glossary: list[Path] | None = opt.GLOSSARY,
    default_glossary: bool | None = opt.DEFAULT_GLOSSARY,
    no_glossary: bool = opt.NO_GLOSSARY,
    cache: bool | None = opt.CACHE,
    offline: bool | None = opt.OFFLINE,
    beam_size: int | None = opt.BEAM_SIZE,
    device: str | None = opt.DEVICE,
    threads: int | None = opt.THREADS,
    compute_type: str | None = opt.COMPUTE_TYPE,
    quiet: bool | None = opt.QUIET,
) -> None:
    """One English digest of a day's German articles: a few sentences per story.

    Examples:

      defnews digest samples/ -o digest.md

      defnews digest ~/news/2026-11-20/ --format html -o digest.html

      defnews digest ~/news/ --since last --format json
    """
    parameters = dict(locals())  # the flags, before anything else is bound here
    from defnews import inputs as input_checks
    from defnews import models, renderers
    from defnews.digest import build as digest_stage
    from defnews.fileio import emit, real_path
    from defnews.store import open_store
    from defnews.translate import Translator

    settings = opt.from_parameters(parameters)
    opt.apply_offline(settings)
    if reset_since:
        store = open_store(enabled=True)
        if not store.enabled:
            raise InputError("--reset-since needs the store, and it cannot be opened")
        forgotten = digest_stage.forget_deliveries(store)
        store.close()
        err(f"defnews: forgot {forgotten} delivered article{'s' if forgotten != 1 else ''}; "
            "the next --since last digest takes everything")
        return
    if not inputs:
        raise InputError("name the folders or article files to digest")
    options = digest_stage.DigestOptions(sentences=sentences, method=method.value, date=date,
                                         since=since, translate_first=translate_first,
                                         translate=not no_translate,
                                         include_undated=include_undated)
    options.check()
    files = digest_stage.article_files(inputs, output)
    input_checks.check_output_not_input(output, files, "an input")
    store = open_store(enabled=settings["cache"])
    digest_stage.check_since_last(options, store)
    if dry_run:
        typer.echo(digest_stage.dry_run_listing(files, options, store))
        store.close()
        return
    gloss = opt.glossary(settings, no_glossary)
    factory = None
    if options.translate:
        installed = models.find_model(settings["model"])
        engine_options = opt.engine_options(settings)

        def factory() -> Translator:
            return Translator(installed, engine_options, store=store, glossary=gloss)
    with two_bars(len(files), settings["quiet"]) as (read, translated):
        result, ids = digest_stage.build_digest(
            files, options, glossary=gloss, store=store, progress=read,
            translation_progress=translated, translator_factory=factory,
        )
    if digest_stage.nothing_new(result, options):
        err("defnews: nothing new since the last digest; no digest written")
        store.close()
        return
    digest_stage.require_articles(result)
    links_from = real_path(output).parent if output is not None else None
    name = renderers.format_for_output(fmt.value, output, ("markdown", "html", "json"),
                                       "markdown")
    emit(renderers.get_digest(name)(result, links_from), output, protect=files)
    store.mark_delivered(ids, str(output) if output else "-")
    if not settings["quiet"]:
        for note in result.notes:
            err(f"defnews: note: {note}")
        err(result.report_line())
    store.close()


@contextmanager
def two_bars(files: int, quiet: bool) -> Iterator[tuple[Callable[[int], None],
                                                         Callable[[int, int], None]]]:
    """Progress on a terminal: files read, then sentences translated (its total grows as
    chunks of articles are summarised); nothing when piped or --quiet."""
    if quiet or files <= 0 or not sys.stderr.isatty():
        yield (lambda n: None), (lambda done, added: None)
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    with Progress("[progress.description]{task.description}", BarColumn(),
                  MofNCompleteColumn(), TimeRemainingColumn(), transient=True,
                  console=stderr_console()) as bar:
        reading = bar.add_task("Reading articles", total=files)
        translating = bar.add_task("Translating sentences", total=0, visible=False)

        def translated(done: int, added: int) -> None:
            if added:
                total = (bar.tasks[translating].total or 0) + added
                bar.update(translating, total=total, visible=True)
            if done:
                bar.update(translating, advance=done)

        yield (lambda n: bar.update(reading, advance=n)), translated
