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
    return "\n".join(f"{'*' if r['active'] else ' '} {r['name']}  {r['from']}→{r['to']}  "
                     f"v{r['version']}  {r['path']}" for r in rows)


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
