"""The digest as JSON."""

from __future__ import annotations

import json

from defnews.digest.story import Digest


def render(digest: Digest, links_from: object = None) -> str:
    """The digest as JSON (`links_from` is for the other formats: sources stay as read)."""
    return json.dumps(digest.to_json(), ensure_ascii=False, indent=2)
