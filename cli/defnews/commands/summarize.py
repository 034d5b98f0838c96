"""defnews summarize: a few sentences of an article, chosen in German, then translated."""

from __future__ import annotations

from enum import Enum
from pathlib import Path

import typer

from defnews import options as opt
from defnews.commands import err, handle_errors


class Method(str, Enum):
    default = "default"
    lexrank = "lexrank"
    textrank = "textrank"
    lsa = "lsa"
    luhn = "luhn"
    edmundson = "edmundson"
    sumbasic = "sumbasic"
    kl = "kl"


class Lang(str, Enum):
    de = "de"
    en = "en"


class SummaryFormat(str, Enum):
    auto = "auto"
    text = "text"
    markdown = "markdown"
    md = "md"
    json = "json"


@handle_errors
def summarize(
    source: str = typer.Argument("-", metavar="[FILE|-]", help="Article; - for stdin."),
    sentences: int = typer.Option(3, "--sentences", "-n", min=1, help="Sentences to keep."),
    ratio: float | None = opt.RATIO,
    method: Method = typer.Option(Method.default, "--method", help="Summariser."),
    lang: Lang = typer.Option("de", "--lang", "-l", help="Language of the input."),
    no_translate: bool = typer.Option(False, "--no-translate",
                                      help="Keep the summary in the input language."),
    translate_first: bool = typer.Option(
        False, "--translate-first",
        help="Translate the whole article, then summarise the English (slow path)."),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write here (atomically)."),
    fmt: SummaryFormat = typer.Option(SummaryFormat.auto, "--format", "-f",
                                      help="auto: from the output name (.md, .json, else "
                                      "text); text on stdout."),
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
    """Summarise an article: in German first, then translate only the sentences kept.

    Examples:

      defnews summarize samples/2026-11-19_nordkurier-heute_kampfpanzer-beschaffung.md -n 2

      defnews summarize artikel.md --no-translate --format json

      defnews summarize report.txt --lang en --no-translate
    """
    parameters = dict(locals())  # the flags, before anything else is bound here
    from defnews import inputs, models, renderers
    from defnews.digest.summaries import summarize_articles
    from defnews.fileio import emit
    from defnews.renderers.summary import render as render_summaries
    from defnews.store import open_store
    from defnews.translate import Translator

    settings = opt.from_parameters(parameters)
    opt.apply_offline(settings)
    articles, sources = inputs.read_articles(source)
    inputs.check_output_not_input(output, sources)
    inputs.check_language(articles, lang.value)
    articles, left_out = inputs.check_has_sentences(articles, source, lang.value)
    translate = lang.value == "de" and not no_translate
    gloss = opt.glossary(settings, no_glossary) if lang.value == "de" else None
    translator = None
    store = open_store(enabled=settings["cache"] and translate)
    if translate:
        translator = Translator(models.find_model(settings["model"]),
                                opt.engine_options(settings), store=store, glossary=gloss)
    results = summarize_articles(articles, sentences, translator,
                                 translate_first=translate_first, method=method.value,
                                 lang=lang.value, glossary=gloss, ratio=ratio)
    name = renderers.format_for_output(fmt.value, output, ("text", "markdown", "json"), "text")
    emit(render_summaries(results, name), output, protect=sources)
    if not settings["quiet"]:
        for note in [*left_out, *(note for r in results for note in r.notes)]:
            err(f"defnews: note: {note}")
    store.close()
