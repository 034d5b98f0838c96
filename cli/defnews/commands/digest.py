"""defnews digest: one English digest of a day's German articles, one entry per story."""

from __future__ import annotations

from enum import Enum
from pathlib import Path

import typer

from defnews import options as opt
from defnews.commands import err, handle_errors, progress
from defnews.commands.summarize import Method
from defnews.errors import InputError


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
    import datetime as dt

    from defnews import digest as digest_stage
    from defnews import inputs as input_checks
    from defnews import models, renderers
    from defnews.fileio import emit
    from defnews.store import open_store
    from defnews.translate import Translator

    settings = opt.resolve(dict(model=model, glossary=glossary, default_glossary=default_glossary,
                                cache=cache, offline=offline, beam_size=beam_size, device=device,
                                threads=threads, quiet=quiet,
                                compute_type=compute_type))
    opt.apply_offline(settings)
    for value, name in ((date, "--date"), (since if since != "last" else None, "--since")):
        if value is not None:
            try:
                dt.date.fromisoformat(value)
            except ValueError:
                raise InputError(f"{name} wants a date like 2026-11-20, not {value!r}") from None
    files = digest_stage.collect_files(inputs)
    if not files:
        raise InputError("no article files (.txt .md .html .xml .rss) in "
                         + ", ".join(str(p) for p in inputs))
    input_checks.check_output_not_input(output, files, "an input")
    installed = models.find_model(settings["model"])
    gloss = opt.glossary(settings, no_glossary)
    store = open_store(enabled=settings["cache"])
    engine_options = opt.engine_options(settings)
    options = digest_stage.DigestOptions(sentences=sentences, method=method.value, date=date,
                                         since=since, translate_first=translate_first)
    with progress("Digesting", len(files), settings["quiet"]) as step:
        result, ids = digest_stage.build_digest(
            files, options, glossary=gloss, store=store, progress=step,
            translator_factory=lambda: Translator(installed, engine_options, store=store,
                                                  glossary=gloss),
        )
    if result.articles == 0 and since == "last" and not result.skipped:
        err("defnews: nothing new since the last digest; no digest written")
        store.close()
        return
    if result.articles == 0:
        reasons = "; ".join(f"{s['source']}: {s['reason']}" for s in result.skipped[:3])
        raise InputError("no German articles to digest" + (f" ({reasons})" if reasons else ""))
    emit(renderers.get_digest(fmt.value)(result), output, protect=files)
    store.mark_delivered(ids, str(output) if output else "-")
    if not settings["quiet"]:
        for note in result.notes:
            err(f"defnews: note: {note}")
        err(f"defnews: {result.articles} articles, {len(result.entries)} stories"
            + (f", {result.reused} reused from an earlier run" if result.reused else "")
            + (f", {len(result.skipped)} skipped" if result.skipped else ""))
    store.close()
