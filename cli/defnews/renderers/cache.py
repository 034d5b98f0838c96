"""`cache stats` and `cache prune`: a few lines for people, JSON for scripts.

JSON fields of `cache stats --json`: path, exists, enabled, schema, bytes, translations,
oldest and newest (Unix times of the oldest and newest translation, or null),
digest_entries, delivered. Of `cache prune --json`: path, removed.translations,
removed.digest_entries, bytes_before, bytes_after.
"""

from __future__ import annotations

import json
import time
from typing import Any

from defnews.errors import shown


def _day(stamp: float | None) -> str:
    return time.strftime("%Y-%m-%d", time.localtime(stamp)) if stamp else "-"


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB"


def render_stats(stats: dict[str, Any], *, json_out: bool) -> str:
    if json_out:
        return json.dumps(stats, indent=2, ensure_ascii=False)
    lines = [f"store: {shown(stats['path'])}"]
    if not stats["exists"]:
        return "\n".join(lines + ["(not created yet: nothing remembered)"])
    if not stats["enabled"]:
        return "\n".join(lines + ["(cannot be used now: see the warning above)"])
    lines += [
        f"schema: {stats['schema']}",
        f"size: {_mb(stats['bytes'])}",
        f"translations: {stats['translations']} "
        f"(from {_day(stats['oldest'])} to {_day(stats['newest'])})",
        f"digest entries: {stats['digest_entries']}",
        f"articles delivered: {stats['delivered']}",
    ]
    return "\n".join(lines)


def render_prune(result: dict[str, Any], *, json_out: bool) -> str:
    if json_out:
        return json.dumps(result, indent=2, ensure_ascii=False)
    removed = result["removed"]
    return (f"removed {removed['translations']} translations and {removed['digest_entries']} "
            f"digest entries from {shown(result['path'])} "
            f"({_mb(result['bytes_before'])} -> {_mb(result['bytes_after'])})")
