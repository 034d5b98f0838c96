"""`models list` and `doctor` for people and for scripts (--json)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any


def render_list(packages_dir: Path, rows: Sequence[dict[str, Any]], *, json_out: bool) -> str:
    if json_out:
        return json.dumps({"packages_dir": str(packages_dir), "packages": list(rows)}, indent=2)
    if not rows:
        from defnews.models import INSTALL_HINT

        return f"No packages installed in {packages_dir}.\n{INSTALL_HINT}"
    lines = []
    for r in rows:
        mark = "*" if r["active"] else " "
        pair = f"{r['from']}→{r['to']}" if r["from"] else "?"
        lines.append(f"{mark} {r['name']}  {pair}  v{r['version'] or '?'}  {r['source']}  "
                     f"{r['path']}")
        if r["problems"]:
            lines.append(f"    cannot load: {'; '.join(r['problems'])}")
    return "\n".join(lines)


def render_doctor(checks: Sequence[dict[str, Any]], *, json_out: bool) -> str:
    if json_out:
        return json.dumps(list(checks), indent=2, ensure_ascii=False)
    lines = []
    for c in checks:
        mark = "ok " if c["ok"] else "MISSING" if c.get("required") else "note"
        lines.append(f"[{mark}] {c['name']}: {c['detail']}")
        if not c["ok"] and c.get("fix"):
            lines.append(f"        fix: {c['fix']}")
    return "\n".join(lines)
