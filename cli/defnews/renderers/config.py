"""`config show`: a table for people, JSON for scripts."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from defnews.options import SPECS, Settings


def _shown(value: Any) -> str:
    if value is None:
        return "(none)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or "(none)"
    return str(value)


def render_settings(settings: Settings, config: Path, *, json_out: bool) -> str:
    if json_out:
        return json.dumps({
            "config_file": str(config),
            "config_file_exists": config.is_file(),
            "settings": [{"name": s.name, "value": [str(v) for v in settings[s.name]]
                          if s.kind == "paths" else settings[s.name],
                          "source": settings.sources[s.name], "env": s.env}
                         for s in SPECS],
        }, ensure_ascii=False, indent=2)
    exists = "" if config.is_file() else " (not present)"
    lines = [f"config file: {config}{exists}"]
    width = max(len(s.name) for s in SPECS)
    for s in SPECS:
        lines.append(f"{s.name:<{width}}  {_shown(settings[s.name]):<24}  "
                     f"{settings.sources[s.name]}")
    return "\n".join(lines)
