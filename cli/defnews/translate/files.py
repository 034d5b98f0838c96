"""Many inputs in one run: files and folders expanded, one output per input in a folder.

`translate FILE... -o DIR` (or a folder as input) reads every input, translates all their
articles in one run (the model loaded once, sentences batched across articles) and writes
one output per input into DIR: the input's name with the format's extension.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from defnews.errors import InputError

if TYPE_CHECKING:
    from defnews.article import Article

ARTICLE_SUFFIXES = frozenset({".md", ".markdown", ".txt", ".text", ".html", ".htm", ".xml",
                              ".rss", ".atom"})


@dataclass
class Input:
    source: str  # a path, or "-" for standard input
    articles: list[Article] = field(default_factory=list)
    paths: list[Path] = field(default_factory=list)  # the files read (protected from output)
    output: Path | None = None


def expand(sources: Sequence[str]) -> tuple[list[str], bool]:
    """Every input named: folders give their article files (sorted, not recursive).
    Returns the inputs and whether the run is a batch (more than one input, or a folder)."""
    out: list[str] = []
    batch = len(sources) > 1
    for source in sources or ["-"]:
        path = Path(source)
        if source != "-" and path.is_dir():
            batch = True
            try:
                found = sorted(p for p in path.iterdir()
                               if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES)
            except OSError as exc:
                raise InputError(f"cannot read the folder {source}: {exc.strerror}") from exc
            out.extend(str(p) for p in found)
        else:
            out.append(source)
    if batch and "-" in out:
        raise InputError("standard input (-) cannot be one of several inputs")
    seen: set[str] = set()
    unique = []
    for s in out:  # the same file named twice (a.txt in/../in/a.txt) is translated once
        key = s if s == "-" else str(Path(s).resolve())
        if key not in seen:
            seen.add(key)
            unique.append(s)
    return unique, batch


def output_folder(output: Path | None) -> Path | None:
    """The folder a batch writes into (created if missing); None writes to standard output."""
    if output is None or str(output) == "-":
        return None
    folder = output.expanduser()
    if folder.exists() and not folder.is_dir():
        raise InputError(f"output {output} is a file; several inputs need a folder (-o DIR)")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"cannot create the output folder {output}: {exc.strerror}") from exc
    return folder


def output_names(inputs: Sequence[Input], folder: Path, suffixes: Sequence[str]) -> None:
    """Each input's output in `folder`: its name with the format's extension; where two
    inputs would get the same name (a.txt and a.md), the whole input name is kept."""
    stems = [Path(i.source).stem + s for i, s in zip(inputs, suffixes, strict=True)]
    for i, name, suffix in zip(inputs, stems, suffixes, strict=True):
        if stems.count(name) > 1:
            name = Path(i.source).name + suffix
        i.output = folder / name
        for p in i.paths:
            if p.resolve() == i.output.resolve():
                raise InputError(f"output {i.output} would overwrite its input; choose another "
                                 "output folder")


def read_inputs(names: Sequence[str], *, force: bool, batch: bool) -> tuple[list[Input],
                                                                            list[str]]:
    """Each input's articles. A single input that cannot be used is an error; in a batch
    it is skipped with a note (returned), unless no input is left."""
    from defnews import inputs
    from defnews.errors import DefnewsError

    out, notes = [], []
    for name in names:
        try:
            articles, paths = inputs.read_articles(name)
            inputs.check_german(articles, force)
        except DefnewsError as exc:
            if not batch:
                raise
            notes.append(f"skipped {name}: {exc.message}")
            continue
        out.append(Input(name, articles, paths))
    if not out:
        raise InputError("no input holds a German article to translate"
                         + (f" ({len(notes)} skipped)" if notes else ""))
    return out, notes
