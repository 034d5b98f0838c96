"""The command line: parses arguments and calls the stages. No processing lives here."""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import Any, TypeVar

import typer

from defnews import __version__
from defnews.errors import EXIT_RUNTIME, EXIT_USAGE, DefnewsError, InputError

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
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
models_app = typer.Typer(help="Manage Argos Translate packages (the translation model).",
                         no_args_is_help=True)
glossary_app = typer.Typer(help="Check and inspect the defence glossary.", no_args_is_help=True)
app.add_typer(models_app, name="models")
app.add_typer(glossary_app, name="glossary")

_state: dict[str, Any] = {"debug": os.environ.get("DEFNEWS_DEBUG", "") == "1"}

F = TypeVar("F", bound=Callable[..., Any])


def err(message: str) -> None:
    typer.echo(message, err=True)


def handle_errors(fn: F) -> F:
    """Turn every failure into one clear message and a meaningful exit code."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except (typer.Exit, typer.Abort):
            raise
        except DefnewsError as exc:
            if _state["debug"]:
                raise
            err(f"defnews: error: {exc.message}")
            if exc.hint:
                err(exc.hint)
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            err("defnews: interrupted")
            raise typer.Exit(130) from None
        except BrokenPipeError:
            # The reader went away (e.g. `| head`): not an error of ours.
            try:
                sys.stdout = open(os.devnull, "w")  # noqa: SIM115
            except OSError:
                pass
            raise typer.Exit(0) from None
        except MemoryError:
            err("defnews: error: out of memory")
            raise typer.Exit(EXIT_RUNTIME) from None
        except Exception as exc:
            if _state["debug"]:
                raise
            err(f"defnews: internal error: {type(exc).__name__}: {exc}")
            err("Run again with --debug for the full traceback, and please report it.")
            raise typer.Exit(EXIT_RUNTIME) from None

    return wrapper  # type: ignore[return-value]


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
        _state["debug"] = True


# ------------------------------------------------------------------------ helpers


class OutFormat(str, Enum):
    auto = "auto"
    text = "text"
    markdown = "markdown"
    json = "json"
    bilingual = "bilingual"


def _read_inputs(source: str) -> tuple[list[Any], list[Path]]:
    """Articles from a file or stdin, and the input paths (protected from overwriting)."""
    from defnews import documents
    from defnews.fileio import read_file_bytes, read_stdin_bytes

    if source == "-":
        articles = documents.read_bytes(read_stdin_bytes(), name="<stdin>")
        inputs: list[Path] = []
        name = "standard input"
    else:
        path = Path(source)
        articles = documents.read_bytes(read_file_bytes(path), name=str(path))
        inputs = [path]
        name = str(path)
    if not any(b.translatable for a in articles for b in a.blocks):
        raise InputError(f"{name} holds no text to work on (empty, or only page furniture)")
    return articles, inputs


def _glossary(files: list[Path] | None, no_default: bool, no_glossary: bool) -> Any:
    if no_glossary:
        return None
    from defnews.glossary import load_glossary

    return load_glossary(files or [], use_default=not no_default, use_user=not no_default)


def _engine_options(beam_size: int, device: str, threads: int) -> Any:
    from defnews.translate import EngineOptions

    return EngineOptions(beam_size=beam_size, device=device, threads=threads)


@contextmanager
def _progress(label: str, total: int, quiet: bool) -> Iterator[Callable[[int], None]]:
    """A progress bar on a terminal; nothing when piped or --quiet."""
    if quiet or total <= 0 or not sys.stderr.isatty():
        yield lambda n: None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    with Progress("[progress.description]{task.description}", BarColumn(),
                  MofNCompleteColumn(), TimeRemainingColumn(), transient=True,
                  console=_stderr_console()) as bar:
        task = bar.add_task(label, total=total)
        yield lambda n: bar.update(task, advance=n)


def _stderr_console() -> Any:
    from rich.console import Console

    return Console(stderr=True)


def _check_german(articles: list[Any], force: bool) -> None:
    for a in articles:
        if a.lang and a.lang != "de" and not force:
            raise InputError(
                f"{a.source or 'input'} looks like {a.lang!r}, not German: not translating it "
                "(use --force to translate anyway)"
            )


# ---------------------------------------------------------------------- translate

GLOSSARY_OPT = typer.Option(None, "--glossary", "-g",
                            help="Extra glossary file (TSV/CSV, de→en); repeatable, later wins.")
NO_DEFAULT_GLOSSARY_OPT = typer.Option(
    False, "--no-default-glossary", help="Drop the shipped and user glossaries.")
NO_GLOSSARY_OPT = typer.Option(False, "--no-glossary", help="Turn glossary handling off.")
MODEL_OPT = typer.Option(None, "--model", "-m",
                         help="Package folder or installed package name (default: DEFNEWS_MODEL "
                         "or the installed de→en package).")
NO_CACHE_OPT = typer.Option(False, "--no-cache",
                            help="Neither read nor write the translation memory.")
OFFLINE_OPT = typer.Option(False, "--offline",
                           help="Forbid all network access (also DEFNEWS_OFFLINE=1).")
BEAM_OPT = typer.Option(4, "--beam-size", min=1, max=16, help="Beam size for decoding.")
DEVICE_OPT = typer.Option("auto", "--device", help="cpu, cuda or auto (also DEFNEWS_DEVICE).")
THREADS_OPT = typer.Option(0, "--threads", min=0, help="CPU threads (0: all cores).")
QUIET_OPT = typer.Option(False, "--quiet", "-q", help="No progress bar or notes on stderr.")


@app.command()
@handle_errors
def translate(
    source: str = typer.Argument("-", metavar="[FILE|-]", help="Article; - for stdin."),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write here (atomically)."),
    fmt: OutFormat = typer.Option(OutFormat.auto, "--format", "-f",
                                  help="auto: markdown for Markdown/HTML/feeds, text for text."),
    model: str | None = MODEL_OPT,
    glossary: list[Path] | None = GLOSSARY_OPT,
    no_default_glossary: bool = NO_DEFAULT_GLOSSARY_OPT,
    no_glossary: bool = NO_GLOSSARY_OPT,
    report: bool = typer.Option(False, "--report",
                                help="Print the glossary report (terms found, how applied) "
                                "to stderr."),
    no_cache: bool = NO_CACHE_OPT,
    offline: bool = OFFLINE_OPT,
    beam_size: int = BEAM_OPT,
    device: str = DEVICE_OPT,
    threads: int = THREADS_OPT,
    force: bool = typer.Option(False, "--force", help="Translate even if not detected as German."),
    quiet: bool = QUIET_OPT,
) -> None:
    """Translate a German article to English, keeping its structure.

    Examples:

      defnews translate samples/2026-11-19_nordkurier-heute_kampfpanzer-beschaffung.md

      defnews translate artikel.html -o article.md --format markdown

      cat meldung.txt | defnews translate - --format json
    """
    from defnews import models, renderers
    from defnews.fileio import emit
    from defnews.store import open_store
    from defnews.translate import Translator

    if offline:
        os.environ["DEFNEWS_OFFLINE"] = "1"
    articles, inputs = _read_inputs(source)
    if output is not None:
        for p in inputs:
            if p.resolve() == output.expanduser().resolve():
                raise InputError(f"output {output} is also the input; choose another output file")
    _check_german(articles, force)
    installed = models.find_model(model)
    gloss = _glossary(glossary, no_default_glossary, no_glossary)
    store = open_store(enabled=not no_cache)
    translator = Translator(installed, _engine_options(beam_size, device, threads),
                            store=store, glossary=gloss)
    total = sum(len(a.blocks) for a in articles)
    with _progress("Translating", total, quiet):
        docs = translator.translate_articles(articles)
    name = fmt.value
    if name == "auto":
        name = "text" if all(a.format == "txt" for a in articles) else "markdown"
    text = renderers.get(name)(docs, translator.stats)
    emit(text, output, protect=inputs)
    if report:
        from defnews.report import glossary_report

        err(glossary_report(docs))
    if not quiet:
        for w in translator.stats.warnings:
            err(f"defnews: note: {w}")
    store.close()


# ---------------------------------------------------------------------- summarize


class Method(str, Enum):
    default = "default"
    lexrank = "lexrank"
    textrank = "textrank"
    lsa = "lsa"
    luhn = "luhn"
    edmundson = "edmundson"
    sumbasic = "sumbasic"
    kl = "kl"


class SummaryFormat(str, Enum):
    text = "text"
    markdown = "markdown"
    json = "json"


@app.command()
@handle_errors
def summarize(
    source: str = typer.Argument("-", metavar="[FILE|-]", help="Article; - for stdin."),
    sentences: int = typer.Option(3, "--sentences", "-n", min=1, help="Sentences to keep."),
    ratio: float | None = typer.Option(None, "--ratio", min=0.0, max=1.0,
                                       help="Keep this share of sentences instead of -n."),
    method: Method = typer.Option(Method.default, "--method", help="Summariser."),
    lang: Lang = typer.Option("de", "--lang", "-l", help="Language of the input."),
    no_translate: bool = typer.Option(False, "--no-translate",
                                      help="Keep the summary in the input language."),
    translate_first: bool = typer.Option(
        False, "--translate-first",
        help="Translate the whole article, then summarise the English (slow path)."),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write here (atomically)."),
    fmt: SummaryFormat = typer.Option(SummaryFormat.text, "--format", "-f"),
    model: str | None = MODEL_OPT,
    glossary: list[Path] | None = GLOSSARY_OPT,
    no_default_glossary: bool = NO_DEFAULT_GLOSSARY_OPT,
    no_glossary: bool = NO_GLOSSARY_OPT,
    no_cache: bool = NO_CACHE_OPT,
    offline: bool = OFFLINE_OPT,
) -> None:
    """Summarise an article: in German first, then translate only the sentences kept.

    Examples:

      defnews summarize samples/2026-11-19_nordkurier-heute_kampfpanzer-beschaffung.md -n 2

      defnews summarize artikel.md --no-translate --format json

      defnews summarize report.txt --lang en --no-translate
    """
    from defnews import digest, models
    from defnews.fileio import emit
    from defnews.renderers.summary import render as render_summaries
    from defnews.store import open_store
    from defnews.translate import Translator

    if offline:
        os.environ["DEFNEWS_OFFLINE"] = "1"
    articles, inputs = _read_inputs(source)
    for a in articles:
        if a.lang and a.lang != lang.value:
            raise InputError(
                f"{a.source or 'input'} looks like {a.lang!r}, not {lang.value!r}",
                hint=f"Summarise it without translation: --lang {a.lang} --no-translate"
                if a.lang in ("de", "en") else "defnews summarises German and English only.",
            )
    translate = lang.value == "de" and not no_translate
    gloss = _glossary(glossary, no_default_glossary, no_glossary) if lang.value == "de" else None
    translator = None
    store = open_store(enabled=not no_cache and translate)
    if translate:
        translator = Translator(models.find_model(model), store=store, glossary=gloss)
    results = digest.summarize_articles(articles, sentences, translator,
                                        translate_first=translate_first, method=method.value,
                                        lang=lang.value, glossary=gloss, ratio=ratio)
    emit(render_summaries(results, fmt.value), output, protect=inputs)
    store.close()


# ------------------------------------------------------------------------- digest


class DigestFormat(str, Enum):
    markdown = "markdown"
    html = "html"
    json = "json"


@app.command("digest")
@handle_errors
def digest_cmd(
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
    model: str | None = MODEL_OPT,
    glossary: list[Path] | None = GLOSSARY_OPT,
    no_default_glossary: bool = NO_DEFAULT_GLOSSARY_OPT,
    no_glossary: bool = NO_GLOSSARY_OPT,
    no_cache: bool = NO_CACHE_OPT,
    offline: bool = OFFLINE_OPT,
    quiet: bool = QUIET_OPT,
) -> None:
    """One English digest of a day's German articles: a few sentences per story.

    Examples:

      defnews digest samples/ -o digest.md

      defnews digest ~/news/2026-11-20/ --format html -o digest.html

      defnews digest ~/news/ --since last --format json
    """
    import datetime as dt

    from defnews import digest, models, renderers
    from defnews.fileio import emit
    from defnews.store import open_store
    from defnews.translate import Translator

    if offline:
        os.environ["DEFNEWS_OFFLINE"] = "1"
    for value, name in ((date, "--date"), (since if since != "last" else None, "--since")):
        if value is not None:
            try:
                dt.date.fromisoformat(value)
            except ValueError:
                raise InputError(f"{name} wants a date like 2026-11-20, not {value!r}") from None
    files = digest.collect_files(inputs)
    if not files:
        raise InputError("no article files (.txt .md .html .xml .rss) in "
                         + ", ".join(str(p) for p in inputs))
    if output is not None:
        for f in files:
            if f.resolve() == output.expanduser().resolve():
                raise InputError(f"output {output} is also an input; choose another output file")
    installed = models.find_model(model)
    gloss = _glossary(glossary, no_default_glossary, no_glossary)
    store = open_store(enabled=not no_cache)
    options = digest.DigestOptions(sentences=sentences, method=method.value, date=date,
                                   since=since, translate_first=translate_first)
    with _progress("Digesting", len(files), quiet) as step:
        result, ids = digest.build_digest(
            files, options, glossary=gloss, store=store, progress=step,
            translator_factory=lambda: Translator(installed, store=store, glossary=gloss),
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
    if not quiet:
        err(f"defnews: {result.articles} articles, {len(result.entries)} stories"
            + (f", {result.reused} reused from an earlier run" if result.reused else "")
            + (f", {len(result.skipped)} skipped" if result.skipped else ""))
    store.close()


# ----------------------------------------------------------------------- glossary


@glossary_app.command("lint")
@handle_errors
def glossary_lint(
    files: list[Path] | None = typer.Argument(None, help="Glossary files (default: shipped)."),
    json_out: bool = typer.Option(False, "--json", help="Machine-readable."),
) -> None:
    """Check glossary files: duplicates, conflicts, stop words, case variants, encoding.

    Exit code 1 when there are errors, 0 otherwise (warnings allowed).
    """
    import json

    from defnews import paths
    from defnews.glossary import lint_file

    targets = list(files or sorted(paths.shipped_glossary_dir().glob("*.tsv")))
    issues = []
    for f in targets:
        for issue in lint_file(f):
            issues.append({"file": str(f), **_as_dict(issue)})
    errors = [i for i in issues if i.get("severity") == "error"]
    if json_out:
        typer.echo(json.dumps({"files": [str(f) for f in targets], "issues": issues},
                              ensure_ascii=False, indent=2))
    else:
        for i in issues:
            typer.echo(f"{i['file']}:{i.get('line', '?')}: {i.get('severity')}: {i.get('message')}")
        typer.echo(f"{len(targets)} file(s), {len(errors)} error(s), "
                   f"{len(issues) - len(errors)} warning(s)")
    if errors:
        raise typer.Exit(EXIT_RUNTIME)


def _as_dict(obj: Any) -> dict[str, Any]:
    if hasattr(obj, "to_dict"):
        return obj.to_dict()
    return dict(obj.__dict__)


@glossary_app.command("check")
@handle_errors
def glossary_check(
    source: str = typer.Argument("-", metavar="[FILE|-]", help="German text; - for stdin."),
    glossary: list[Path] | None = GLOSSARY_OPT,
    no_default_glossary: bool = NO_DEFAULT_GLOSSARY_OPT,
    json_out: bool = typer.Option(False, "--json", help="JSON list of matches."),
) -> None:
    """Every glossary term in a German text, with character offsets into the input.

    Markup (HTML tags, link targets, URLs) is skipped; the offsets are the file's own.

    Example:

      echo "Der Verteidigungsminister reiste nach Teheran." | defnews glossary check - --json
    """
    import json

    from defnews import documents
    from defnews.fileio import read_file_bytes, read_stdin_bytes

    if source == "-":
        text, _ = documents.decode(read_stdin_bytes())
    else:
        text, _ = documents.decode(read_file_bytes(Path(source)))
    gloss = _glossary(glossary, no_default_glossary, False)
    matches = [m.to_dict() for m in gloss.find_in_prose(text)]
    if json_out:
        typer.echo(json.dumps(matches, ensure_ascii=False, indent=2))
        return
    if not matches:
        typer.echo("no glossary terms found")
        return
    from rich.console import Console
    from rich.table import Table

    # The entry only where the text inflects it, the note column only when there is a note:
    # narrow terminals keep whole words.
    compounds = any(m.get("compound") for m in matches)
    table = Table("offsets", "found (entry)", "English", *(["note"] if compounds else []))
    for m in matches:
        found = m["surface"] if m["surface"] == m["de"] else f"{m['surface']} ({m['de']})"
        row = [f"{m['start']}-{m['end']}", found, m["en"]]
        if compounds:
            row.append("compound, not enforced" if m.get("compound") else "")
        table.add_row(*row)
    Console().print(table)


# ------------------------------------------------------------------------ segment


class Lang(str, Enum):
    de = "de"
    en = "en"


@app.command()
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
    from defnews import documents
    from defnews import segment as seg
    from defnews.fileio import emit, read_file_bytes, read_stdin_bytes

    if source == "-":
        data, name, inputs = read_stdin_bytes(), None, []
    else:
        path = Path(source)
        data, name, inputs = read_file_bytes(path), str(path), [path]
    text, _ = documents.decode(data)
    if documents.sniff_format(text, name) in {"html", "feed"}:
        # A page or a feed: the articles' own text, not the markup, menus and banners.
        paragraphs = [p for a in documents.read_bytes(data, name) for p in a.story_paragraphs()]
    else:
        paragraphs = [p for p in seg.split_paragraphs(text) if p.strip()]
    out = "\n\n".join("\n".join(seg.split_sentences(p, lang.value)) for p in paragraphs)
    emit(out, output, protect=inputs)


# ------------------------------------------------------------------------- models


@models_app.command("list")
@handle_errors
def models_list(json_out: bool = typer.Option(False, "--json", help="Machine-readable.")) -> None:
    """List installed packages; the German→English one marked as active."""
    import json

    from defnews import models, paths

    installed = models.installed_models()
    try:
        active = models.find_model().path
    except DefnewsError:
        active = None
    rows = [{"name": m.name, "from": m.from_code, "to": m.to_code, "version": m.version,
             "path": str(m.path), "active": m.path == active} for m in installed]
    if json_out:
        typer.echo(json.dumps({"packages_dir": str(paths.packages_dir()), "packages": rows},
                              indent=2))
        return
    if not rows:
        typer.echo(f"No packages installed in {paths.packages_dir()}.")
        typer.echo(models.INSTALL_HINT)
        return
    for r in rows:
        mark = "*" if r["active"] else " "
        typer.echo(f"{mark} {r['name']}  {r['from']}→{r['to']}  v{r['version']}  {r['path']}")


@models_app.command("install")
@handle_errors
def models_install(
    file: Path | None = typer.Option(None, "--file", help="Install a local .argosmodel file."),
    offline: bool = OFFLINE_OPT,
    quiet: bool = QUIET_OPT,
) -> None:
    """Install the German→English package: from the Argos index, or --file.

    Examples:

      defnews models install

      defnews models install --file translate-de_en-1_0.argosmodel
    """
    from defnews import models

    if file is not None:
        if not file.exists():
            raise InputError(f"{file} does not exist")
        installed = models.install_file(file)
    else:
        if quiet or not sys.stderr.isatty():
            installed = models.download_and_install(offline=offline)
        else:
            from rich.progress import DownloadColumn, Progress, TransferSpeedColumn

            with Progress("Downloading", DownloadColumn(), TransferSpeedColumn(),
                          transient=True, console=_stderr_console()) as bar:
                task = bar.add_task("download", total=None)

                def step(done: int, total: int | None) -> None:
                    bar.update(task, completed=done, total=total)

                installed = models.download_and_install(offline=offline, progress=step)
    typer.echo(f"Installed {installed.name} ({installed.from_code}→{installed.to_code}, "
               f"v{installed.version}) in {installed.path}")


@models_app.command("remove")
@handle_errors
def models_remove(
    name: str | None = typer.Argument(None, help="Package name (default: the active de→en)."),
) -> None:
    """Remove an installed package."""
    from defnews import models

    removed = models.remove(name)
    typer.echo(f"Removed {removed.name} from {removed.path.parent}")


@models_app.command("path")
@handle_errors
def models_path() -> None:
    """Print the package folder (and the active model's folder, if any)."""
    from defnews import models, paths

    typer.echo(str(paths.packages_dir()))
    try:
        typer.echo(str(models.find_model().path))
    except DefnewsError:
        pass


# ------------------------------------------------------------------------- doctor


@app.command()
@handle_errors
def doctor(json_out: bool = typer.Option(False, "--json", help="Machine-readable.")) -> None:
    """Show what is installed where, what is missing, and the command that fixes each gap."""
    import json

    from defnews.doctor import diagnose

    checks = diagnose()
    if json_out:
        typer.echo(json.dumps(checks, indent=2, ensure_ascii=False))
    else:
        for c in checks:
            mark = "ok " if c["ok"] else "MISSING" if c.get("required") else "note"
            typer.echo(f"[{mark}] {c['name']}: {c['detail']}")
            if not c["ok"] and c.get("fix"):
                typer.echo(f"        fix: {c['fix']}")
    if any(not c["ok"] and c.get("required") for c in checks):
        raise typer.Exit(EXIT_RUNTIME)


def _stop_on_interrupt(signum: int, frame: object) -> None:
    """Ctrl-C: stop at once, as a kill would, but say so and exit 130.

    A KeyboardInterrupt raised wherever the signal lands can be swallowed (inside a
    ``__del__``: the run went on and wrote its output) or hit interpreter shutdown (killed
    by the signal instead of exit 130). Nothing needs unwinding: every output is written to a
    temporary file and renamed, and the store survives a kill.
    """
    from defnews import fileio

    fileio.remove_partial_writes()
    try:
        sys.stderr.write("defnews: interrupted\n")
        sys.stderr.flush()
    finally:
        os._exit(130)


def main() -> None:
    """Console entry point."""
    import signal

    signal.signal(signal.SIGINT, _stop_on_interrupt)
    try:
        app()
    except SystemExit:
        raise
    except Exception as exc:  # errors raised while typer parses (outside handle_errors)
        if _state["debug"]:
            raise
        err(f"defnews: error: {exc}")
        sys.exit(EXIT_USAGE)
    finally:
        # The work is done: an interrupt now has nothing to stop, and during interpreter
        # shutdown it would kill the process instead of letting it exit with its own code.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
