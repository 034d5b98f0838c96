"""Many inputs in one run: files and folders expanded, one output per input in a folder.

`translate FILE... -o DIR` (or a folder as input) reads every input, translates all their
articles in one run (the model loaded once, sentences batched across articles) and writes
one output per input into DIR: the input's path below its folder with the format's extension.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from defnews.errors import InputError, shown

if TYPE_CHECKING:
    from defnews.article import Article


@dataclass
class Input:
    source: str  # a path, or "-" for standard input
    articles: list[Article] = field(default_factory=list)
    paths: list[Path] = field(default_factory=list)  # the files read (protected from output)
    output: Path | None = None
    below: Path | None = None  # its path below the folder it was found in (a file: its name)


def expand(sources: Sequence[str], output: Path | None = None
           ) -> tuple[list[str], bool, dict[str, Path]]:
    """Every input named: folders give their article files (recursively, sorted, hidden
    ones and the output folder left out). Returns the inputs, whether the run is a batch
    (more than one input, or a folder) and each file's path below the folder it was found
    in (its output keeps that layout)."""
    from defnews import article_files

    batch = len(sources) > 1 or any(s != "-" and Path(s).is_dir() for s in sources)
    if batch and "-" in sources:
        raise InputError("standard input (-) cannot be one of several inputs")
    if not batch:
        return list(sources or ["-"]), False, {}
    skip = [output] if output is not None and str(output) != "-" else []
    found = article_files.find([Path(s) for s in sources], skip=skip)
    return [str(f.path) for f in found], True, {str(f.path): f.below for f in found}


def output_folder(output: Path | None) -> Path | None:
    """The folder a batch writes into (created only when writing: a run that fails before
    leaves nothing behind); None writes to standard output."""
    from defnews.fileio import check_output_path

    if output is None or str(output) == "-":
        return None
    check_output_path(output)
    folder = output.expanduser()
    if folder.exists() and not folder.is_dir():
        raise InputError(f"output {shown(output)} is a file; several inputs need a folder "
                         "(-o DIR)")
    return folder


def output_names(inputs: Sequence[Input], folder: Path, suffixes: Sequence[str],
                 protect: Sequence[Path] = ()) -> None:
    """Each input's output in `folder`: its path below its input folder with the format's
    extension. Where two inputs would get the same output, they keep more of their names,
    one step at a time: the whole file name (a.txt and a.md: a.txt.txt, a.md.txt), then
    their paths below the folder all inputs share (in1/a.txt, in2/a.txt), then both. No
    output is written twice; none overwrites an input: all of that is checked here, for
    every output, before anything is translated or written."""
    import os

    from defnews.fileio import check_output_path, is_same_file, real_path

    homes = [Path(os.path.realpath(i.source)) for i in inputs]
    shared = Path(os.path.commonpath([h.parent for h in homes])) if homes else Path()

    def output_name(k: int, level: int) -> Path:
        # Levels 0-1: below the input folder; 2-3: below the folder all inputs share.
        # Distinct files have distinct real paths: the last level never clashes.
        path = (inputs[k].below or Path(Path(inputs[k].source).name) if level < 2
                else homes[k].relative_to(shared))
        return path.with_name((path.stem if level % 2 == 0 else path.name) + suffixes[k])

    levels = [0] * len(inputs)
    while True:
        names = [output_name(k, lv) for k, lv in enumerate(levels)]
        clash = [k for k, n in enumerate(names) if names.count(n) > 1 and levels[k] < 3]
        if not clash:
            break
        for k in clash:
            levels[k] += 1
    written: dict[Path, Path] = {}  # real path -> the output that takes it
    every_input = [*protect, *(p for i in inputs for p in i.paths)]
    for i, name in zip(inputs, names, strict=True):
        i.output = out = folder / name
        check_output_path(out)
        for p in every_input:
            if is_same_file(p, out):
                raise InputError(f"output {shown(out)} would overwrite the input {shown(p)}; "
                                 "choose another output folder")
        if out.is_dir():
            raise InputError(f"output {shown(out)} is a folder; choose another output folder")
        # Two names, one file: a linked subfolder of the output folder, or a file system
        # that ignores case.
        real = real_path(out)
        if real in written:
            raise InputError(f"outputs {shown(written[real])} and {shown(out)} are the same "
                             "file; choose another output folder")
        written[real] = out


def write_outputs(outputs: Sequence[tuple[Path, str]], protect: Sequence[Path]) -> None:
    """Write every (path, text), creating the folders they need. If one cannot be written
    the batch stops and takes back what it made: the files and folders it created are
    removed (a file it replaced keeps its new text: its old one is gone)."""
    import os

    from defnews.fileio import emit

    made_files: list[Path] = []
    made_folders: list[Path] = []
    try:
        for path, text in outputs:
            missing = [d for d in (path.parent, *path.parent.parents) if not d.exists()]
            for d in reversed(missing):
                try:
                    d.mkdir()
                except FileExistsError:
                    continue
                except OSError as exc:
                    raise InputError(f"cannot create the output folder {shown(d)}: "
                                     f"{exc.strerror}") from None
                made_folders.append(d)
            new = not os.path.lexists(path)
            emit(text, path, protect=protect)
            if new:
                made_files.append(path)
    except BaseException:
        for f in made_files:
            f.unlink(missing_ok=True)
        for d in reversed(made_folders):
            try:
                d.rmdir()
            except OSError:
                pass
        raise


def read_inputs(names: Sequence[str], *, force: bool, batch: bool,
                below: dict[str, Path] | None = None) -> tuple[list[Input], list[str]]:
    """Each input's articles. A single input that cannot be used is an error; in a batch
    it is skipped with a note (returned), unless no input is left."""
    from defnews import inputs
    from defnews.errors import DefnewsError

    below = below or {}
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
        out.append(Input(name, articles, paths, below=below.get(name)))
    if not out:
        raise InputError("no input holds a German article to translate"
                         + (f" ({len(notes)} skipped)" if notes else ""))
    return out, notes
