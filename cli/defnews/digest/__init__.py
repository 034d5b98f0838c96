"""Summaries and digests.

- ``summarizers/``: the extractive methods behind one interface (``summarize``);
- ``summaries``: per-article summaries (used by ``summarize`` and the digest);
- ``build``: the streaming digest build; ``stories``: story grouping;
- ``story``: the typed records (``Entry``, ``Story``, ``Digest``) and their JSON.

Nothing is imported here at import time; the names the command line uses are looked up
lazily in their modules.
"""

from __future__ import annotations

from typing import Any

_LAZY = {
    "summarize_articles": "defnews.digest.summaries",
    "body_sentences": "defnews.digest.summaries",
    "ArticleSummary": "defnews.digest.summaries",
    "collect_files": "defnews.digest.build",
    "build_digest": "defnews.digest.build",
    "DigestOptions": "defnews.digest.build",
    "Digest": "defnews.digest.story",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'defnews.digest' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)
