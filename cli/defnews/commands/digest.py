"""defnews digest: one English digest of a day's German articles, one entry per story."""

from __future__ import annotations

from enum import Enum
from pathlib import Path

import typer

from defnews import options as opt
from defnews.commands import err, handle_errors, progress
from defnews.commands.summarize import Method


class DigestFormat(str, Enum):
    markdown = "markdown"
    html = "html"
    json = "json"


@handle_errors
def digest(
    inputs: list[Path] = typer.Argument(..., metavar="DIR|FILES...", readable=False,
                                        help="Folders and/or article files."),
    date: str | None = typer.Option(None, "--date", help="Only articles of this day (YYYY-MM-DD)."),
    since: str | None = typer.Option(None, "--since",
                                     help="'last': only articles not in an earlier digest; "
                                     "or a date YYYY-MM-DD."),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write here (atomically)."),
    fmt: DigestFormat = typer.Option(DigestFormat.markdown, "--format", "-f"),
    sentences: int = typer.Option(3, "--sentences", "-n", min=1, help="Sentences per story."),
    method: Method = typer.Option(Method.default, "--method", help="Summariser."),
    translate_first: bool = typer.Option(False, "--translate-first",
                                         help="Translate everything, then summarise (slow)."),
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
    from defnews import inputs as input_checks
    from defnews import models, renderers
    from defnews.digest import build as digest_stage
    from defnews.fileio import emit
    from defnews.store import open_store
    from defnews.translate import Translator

    settings = opt.resolve(dict(model=model, glossary=glossary, default_glossary=default_glossary,
                                cache=cache, offline=offline, beam_size=beam_size, device=device,
                                threads=threads, quiet=quiet,
                                compute_type=compute_type))
    opt.apply_offline(settings)
    options = digest_stage.DigestOptions(sentences=sentences, method=method.value, date=date,
                                         since=since, translate_first=translate_first)
    options.check()
    files = digest_stage.article_files(inputs)
    input_checks.check_output_not_input(output, files, "an input")
    installed = models.find_model(settings["model"])
    gloss = opt.glossary(settings, no_glossary)
    store = open_store(enabled=settings["cache"])
    engine_options = opt.engine_options(settings)
    with progress("Digesting", len(files), settings["quiet"]) as step:
        result, ids = digest_stage.build_digest(
            files, options, glossary=gloss, store=store, progress=step,
            translator_factory=lambda: Translator(installed, engine_options, store=store,
                                                  glossary=gloss),
        )
    if digest_stage.nothing_new(result, options):
        err("defnews: nothing new since the last digest; no digest written")
        store.close()
        return
    digest_stage.require_articles(result)
    emit(renderers.get_digest(fmt.value)(result), output, protect=files)
    store.mark_delivered(ids, str(output) if output else "-")
    if not settings["quiet"]:
        for note in result.notes:
            err(f"defnews: note: {note}")
        err(result.report_line())
    store.close()
