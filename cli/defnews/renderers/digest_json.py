"""The digest as JSON."""

from __future__ import annotations

import json

from defnews.digest.story import Digest


def render(digest: Digest) -> str:
    return json.dumps(digest.to_json(), ensure_ascii=False, indent=2)
