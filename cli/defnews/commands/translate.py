"""defnews translate: a German article in English, its structure kept."""

from __future__ import annotations

from enum import Enum
from pathlib import Path

import typer

from defnews import options as opt
from defnews.commands import err, handle_errors, progress
from defnews.renderers.flags import flag_report


class OutFormat(str, Enum):
    auto = "auto"
    text = "text"
    markdown = "markdown"
    md = "md"
    json = "json"
    bilingual = "bilingual"
    html = "html"


@handle_errors
def translate(
    source: list[str] | None = typer.Argument(
        None, metavar="[FILE|DIR|-]...",
        help="Articles or folders of articles; - (the default) for stdin."),
    output: Path | None = typer.Option(
        None, "--output", "-o",
        help="Write here (atomically); with several inputs or a folder, the folder to write "
        "one output per input into."),
    fmt: OutFormat = typer.Option(OutFormat.auto, "--format", "-f",
                                  help="auto: from the output name (.md, .html, .json, else text); "
                                  "on stdout markdown for Markdown/HTML/feeds, text for text."),
    model: str | None = opt.MODEL,
    glossary: list[Path] | None = opt.GLOSSARY,
    default_glossary: bool | None = opt.DEFAULT_GLOSSARY,
    no_glossary: bool = opt.NO_GLOSSARY,
    report: bool = typer.Option(False, "--report",
                                help="Print the glossary report (terms found, how applied) "
                                "and the flagged sentences to stderr."),
    cache: bool | None = opt.CACHE,
    offline: bool | None = opt.OFFLINE,
    beam_size: int | None = opt.BEAM_SIZE,
    device: str | None = opt.DEVICE,
    threads: int | None = opt.THREADS,
    compute_type: str | None = opt.COMPUTE_TYPE,
    force: bool = typer.Option(False, "--force", help="Translate even if not detected as German."),
    quiet: bool | None = opt.QUIET,
) -> None:
    """Translate German articles to English, keeping their structure.

    Examples:

      defnews translate samples/2026-11-19_nordkurier-heute_kampfpanzer-beschaffung.md

      defnews translate artikel.html -o article.md

      defnews translate ~/news/2026-11-20/ -o english/ --format html

      cat meldung.txt | defnews translate - --format json
    """
    parameters = dict(locals())  # the flags, before anything else is bound here
    from defnews import inputs, models, renderers
    from defnews.fileio import emit
    from defnews.store import open_store
    from defnews.translate import Translator, files

    settings = opt.from_parameters(parameters)
    opt.apply_offline(settings)
    names, batch, below = files.expand(source or ["-"], output)
    read, notes = files.read_inputs(names, force=force, batch=batch, below=below)
    protect = [p for i in read for p in i.paths]
    folder = files.output_folder(output) if batch else None
    formats: list[str] = []
    if folder is None:
        inputs.check_output_not_input(output, protect)
    else:
        # Every output named and checked before the model is loaded: a clash found while
        # writing would leave half a batch behind.
        formats = [renderers.choose_format(fmt.value, i.articles) for i in read]
        files.output_names(read, folder, [renderers.FORMAT_SUFFIXES[f] for f in formats],
                           protect)
    installed = models.find_model(settings["model"])
    gloss = opt.glossary(settings, no_glossary)
    store = open_store(enabled=settings["cache"])
    translator = Translator(installed, opt.engine_options(settings), store=store, glossary=gloss)
    plans = translator.plan_articles([a for i in read for a in i.articles])
    total = sum(len(p.sentences()) for p in plans)
    with progress("Translating", total, settings["quiet"]) as advance:
        docs = translator.translate_plans(plans, advance)
    if folder is None:
        articles = [a for i in read for a in i.articles]
        render = renderers.get(renderers.choose_format(fmt.value, articles, output))
        emit(render(docs, translator.stats), output, protect=protect)
    else:
        # All rendered first, then written: a renderer's failure leaves no file behind.
        outputs: list[tuple[Path, str]] = []
        start = 0
        for i, name in zip(read, formats, strict=True):
            own = docs[start : start + len(i.articles)]
            start += len(i.articles)
            assert i.output is not None  # set by output_names
            outputs.append((i.output, renderers.get(name)(own, translator.stats)))
        files.write_outputs(outputs, protect)
    if report:
        from defnews.renderers.glossary_report import glossary_report

        err(glossary_report(docs))
        err(flag_report(docs, translator.keep_words))
    if not settings["quiet"]:
        for note in notes:
            err(f"defnews: note: {note}")
        for w in translator.stats.warnings:
            err(f"defnews: note: {w}")
        flagged = sum(len(d.flagged()) for d in docs)
        if flagged:
            total = sum(len(rows) for d in docs for rows in d.rows.values())
            err(f"defnews: {flagged} of {total} sentences flagged; --report lists them")
        if folder is not None:
            err(f"defnews: wrote {len(read)} file{'s' if len(read) != 1 else ''} to {folder}")
    store.close()
