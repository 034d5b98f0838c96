"""Article files named directly or found in folders, as `translate` and `digest` take them.

One walk for both commands: folders are searched recursively (hidden files and folders
left out), a file named twice under two spellings or through a link is one file, and each
file keeps the path it has below the folder it was found in, so that a batch can write its
outputs in the same layout.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from defnews.errors import InputError, shown

ARTICLE_SUFFIXES = frozenset({".md", ".markdown", ".txt", ".text", ".html", ".htm", ".xml",
                              ".rss", ".atom"})


@dataclass(frozen=True)
class ArticleFile:
    path: Path
    below: Path  # the path below the folder it was found in (a named file: its name)


def find(inputs: Sequence[Path], *, skip: Sequence[Path] = ()) -> list[ArticleFile]:
    """Every article file of `inputs`, in the order given (each folder's files sorted).

    Files and folders in `skip` are never read from a folder: a run's own outputs inside
    an input folder (a batch's output folder, a digest file) would otherwise come back as
    articles on the next run. A folder that cannot be listed is an input error naming it
    (exit 2), not a folder silently left out."""
    skipped = {os.path.realpath(p) for p in skip}
    found: list[ArticleFile] = []
    for p in inputs:
        if p.is_dir():
            found.extend(ArticleFile(f, f.relative_to(p)) for f in _folder_files(p, skipped))
        else:
            _check_exists(p)
            found.append(ArticleFile(p, Path(p.name)))
    seen: set[tuple[int, int] | str] = set()
    unique: list[ArticleFile] = []
    for f in found:
        try:
            st = f.path.stat()
            key: tuple[int, int] | str = (st.st_dev, st.st_ino)
        except OSError:
            key = os.path.realpath(f.path)  # unreadable: reading it reports the problem
        if key not in seen:
            seen.add(key)
            unique.append(f)
    return unique


def _check_exists(path: Path) -> None:
    """An input error naming why `path` cannot be read: missing, or a symlink loop, a path
    through a file... (Path.exists() says False for all of them alike)."""
    from defnews.fileio import os_reason

    try:
        os.stat(path)
    except FileNotFoundError:
        raise InputError(f"{shown(path)} does not exist") from None
    except PermissionError:
        return  # reading it reports the problem, as for a file that is there
    except OSError as exc:
        raise InputError(f"cannot read {shown(path)}: {os_reason(exc)}") from None
    except ValueError:  # a NUL byte in the name
        raise InputError(f"{shown(path)} is not a usable file name") from None


def _folder_files(root: Path, skip: set[str]) -> list[Path]:
    """Article files under `root`, sorted; hidden files and folders left out."""
    def refuse(exc: OSError) -> None:
        where = exc.filename or str(root)
        reason = "permission denied" if isinstance(exc, PermissionError) else (exc.strerror
                                                                               or str(exc))
        raise InputError(f"cannot read folder {shown(where)} ({reason})")

    files: list[Path] = []
    for folder, subfolders, names in os.walk(root, onerror=refuse):
        base = Path(folder)
        subfolders[:] = [d for d in subfolders if not d.startswith(".")
                         and not (skip and os.path.realpath(base / d) in skip)]
        for name in names:
            f = base / name
            if (not name.startswith(".") and f.suffix.lower() in ARTICLE_SUFFIXES
                    and f.is_file() and not (skip and os.path.realpath(f) in skip)):
                files.append(f)
    return sorted(files)
