"""Summaries and digests.

- ``summarizers/``: the extractive methods behind one interface (``summarize``);
- ``summaries``: per-article summaries (used by ``summarize`` and the digest);
- ``build``: the streaming digest build; ``stories``: story grouping;
- ``story``: the typed records (``Entry``, ``Story``, ``Digest``) and their JSON.

Nothing is imported here: import the module you need.
"""
