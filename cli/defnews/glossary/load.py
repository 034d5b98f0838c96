"""Glossary files: loading (TSV/CSV, later files win) and lint."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from defnews import placeholders
from defnews.errors import InputError
from defnews.glossary.match import Entry, Glossary

STOP_WORDS = frozenset(
    "der die das den dem des ein eine einen einem einer eines und oder aber in im an am auf "
    "aus bei mit nach von vor zu zum zur über unter für gegen ohne um ist sind war waren wird "
    "werden hat haben nicht auch noch nur so wie als es er sie wir ihr ich man sich".split())


@dataclass
class LintIssue:
    severity: str  # error | warning
    line: int
    message: str

    def to_dict(self) -> dict[str, Any]:
        return {"severity": self.severity, "line": self.line, "message": self.message}



HEADER_NAMES = {"de", "en", "pos", "keep", "variants", "plural", "note"}


def _read_bounded(path: Path) -> bytes:
    """The bytes of a glossary file through the one bounded reader every input uses (so
    /dev/zero or an endless pipe stops at the input limit at once)."""
    from defnews.fileio import read_file_bytes

    try:
        return read_file_bytes(path)
    except InputError as exc:
        raise InputError(f"glossary: {exc.message}", hint=exc.hint) from None


# Control characters other than tab have no place in a term (a NUL would reach the output).
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")


def _rows(path: Path) -> tuple[list[tuple[int, list[str]]], list[LintIssue]]:
    """Rows of a TSV/CSV glossary with their line numbers, and format problems."""
    issues: list[LintIssue] = []
    raw = _read_bounded(path)
    if raw.startswith(b"\xef\xbb\xbf"):
        issues.append(LintIssue("warning", 1, "file starts with a byte-order mark (accepted)"))
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        issues.append(LintIssue("error", raw[: exc.start].count(b"\n") + 1,
                                "not UTF-8: save the glossary as UTF-8"))
        return [], issues
    delim = "\t" if "\t" in text.split("\n", 1)[0] or path.suffix.lower() == ".tsv" else ","
    reader = csv.reader(io.StringIO(text), delimiter=delim, quotechar='"')
    rows = []
    lineno = 0
    try:
        for lineno, row in enumerate(reader, start=1):
            if not row or all(not c.strip() for c in row):
                continue
            if row[0].lstrip().startswith("#"):
                continue
            cells = [c.strip() for c in row]
            if any(_CONTROL.search(c) for c in cells):
                issues.append(LintIssue("error", lineno, "a control character (such as NUL) "
                                        "in a field"))
                continue
            rows.append((lineno, cells))
    except csv.Error as exc:
        kind = "TSV" if delim == "\t" else "CSV"
        issues.append(LintIssue("error", lineno + 1,
                                f"unreadable {kind} ({exc}): an unclosed quote?"))
    return rows, issues


def read_file(path: Path) -> tuple[list[Entry], list[LintIssue]]:
    rows, issues = _rows(path)
    if not rows and not issues:
        issues.append(LintIssue("error", 1, "the glossary is empty"))
    entries: list[Entry] = []
    source = str(path)  # one string for every entry of the file
    columns = ["de", "en"]
    if rows and {c.lower() for c in rows[0][1]} & HEADER_NAMES >= {"de", "en"}:
        columns = [c.lower() for c in rows[0][1]]
        rows = rows[1:]
    for lineno, row in rows:
        if len(row) < 2 or (len(row) > len(columns) and len(columns) == 2):
            issues.append(LintIssue("error", lineno, f"expected {len(columns)} columns "
                                    f"({', '.join(columns)}), found {len(row)}"))
            continue
        rec = dict(zip(columns, row + [""] * (len(columns) - len(row)), strict=False))
        de, en = rec.get("de", ""), rec.get("en", "")
        keep = rec.get("keep", "").lower() in {"1", "yes", "true", "keep", "x"}
        if not de or (not en and not keep):
            issues.append(LintIssue("error", lineno, "empty German or English field"))
            continue
        if lookalike := next((f for f in (de, en, rec.get("plural", ""))
                              if placeholders.find_residue(f)), None):
            # Such a target is taken for a residue of the masking scheme and cut from the
            # English: the term would vanish from the text.
            issues.append(LintIssue("error", lineno, f"{lookalike!r} looks like defnews's "
                                    "internal placeholder (ZZ and digits); write it another way"))
            continue
        entries.append(Entry(
            de=de, en=en or de, pos=rec.get("pos", ""), keep=keep,
            variants=tuple(v.strip() for v in rec.get("variants", "").split("|") if v.strip()),
            plural=rec.get("plural", ""), note=rec.get("note", ""), source=source,
            line=lineno))
    return entries, issues


def lint_file(path: Path) -> list[LintIssue]:
    entries, issues = read_file(path)
    seen: dict[str, Entry] = {}
    folded: dict[str, Entry] = {}
    for e in entries:
        if e.de in seen:
            prev = seen[e.de]
            if prev.en == e.en:
                issues.append(LintIssue("error", e.line, f"duplicate entry {e.de!r} "
                                        f"(also line {prev.line})"))
            else:
                issues.append(LintIssue("error", e.line, f"conflicting targets for {e.de!r}: "
                                        f"{prev.en!r} (line {prev.line}) and {e.en!r}"))
        elif e.de.casefold() in folded:
            prev = folded[e.de.casefold()]
            issues.append(LintIssue("warning", e.line, f"case variant of {prev.de!r} "
                                    f"(line {prev.line})"))
        if e.de.casefold() in STOP_WORDS:
            issues.append(LintIssue("error", e.line, f"{e.de!r} is a stop word"))
        if len(e.de) < 3:
            issues.append(LintIssue("warning", e.line, f"{e.de!r} is very short"))
        seen.setdefault(e.de, e)
        folded.setdefault(e.de.casefold(), e)
    return sorted(issues, key=lambda i: i.line)


def load_glossary(files: Sequence[Path] = (), *, use_default: bool = True,
                  use_user: bool = True) -> Glossary:
    from defnews import paths

    sources: list[Path] = []
    if use_default:
        sources += sorted(paths.shipped_glossary_dir().glob("*.tsv"))
    if use_user and paths.user_glossary_path().is_file():
        sources.append(paths.user_glossary_path())
    sources += list(files)
    merged: dict[str, Entry] = {}
    for path in sources:
        entries, issues = read_file(Path(path))
        errors = [i for i in issues if i.severity == "error"]
        if errors and Path(path) in [Path(f) for f in files]:
            first = errors[0]
            raise InputError(f"glossary {path}:{first.line}: {first.message}",
                             hint=f"Check it with: defnews glossary lint {path}")
        for e in entries:
            merged[e.de] = e  # later files win
    return Glossary(list(merged.values()))


