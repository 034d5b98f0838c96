"""`glossary lint` and `glossary check` for people (a table) and for scripts (--json)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any


def render_lint(files: Sequence[Path], issues: Sequence[dict[str, Any]], *,
                json_out: bool) -> str:
    if json_out:
        return json.dumps({"files": [str(f) for f in files], "issues": list(issues)},
                          ensure_ascii=False, indent=2)
    errors = sum(1 for i in issues if i.get("severity") == "error")
    lines = [f"{i['file']}:{i.get('line', '?')}: {i.get('severity')}: {i.get('message')}"
             for i in issues]
    lines.append(f"{len(files)} file(s), {errors} error(s), {len(issues) - errors} warning(s)")
    return "\n".join(lines)


def render_matches(matches: Sequence[dict[str, Any]], *, json_out: bool) -> None:
    """Print the terms found: JSON, or a table that fits the terminal."""
    import typer

    if json_out:
        typer.echo(json.dumps(list(matches), ensure_ascii=False, indent=2))
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
