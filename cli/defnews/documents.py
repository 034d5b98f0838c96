"""Compatibility name for the readers package (issue 14 moved the readers to readers/).

Kept until every caller imports `defnews.readers`; new code should import that.
"""

from __future__ import annotations

from defnews.readers import decode, read_bytes, read_path, sniff_format, zipfile_like

__all__ = ["decode", "read_bytes", "read_path", "sniff_format", "zipfile_like"]
