"""The article model every stage shares: metadata plus a list of Markdown-shaped blocks.

Readers (readers/) produce an Article; translation fills `Block.translation`;
renderers rebuild the structure from the blocks. A block's `prefix` carries its
Markdown syntax ("## ", "- ", "1. ", "> ") so the structure survives verbatim.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from defnews.textutil import plain_text

# Blocks whose text is prose to translate; the rest are copied through verbatim.
TRANSLATABLE_KINDS = frozenset({"heading", "paragraph", "list_item", "quote", "table_row"})


@dataclass
class Block:
    kind: str  # heading | paragraph | list_item | quote | table_row | code | html | rule | blank |
    # link_definition | front_matter (verbatim kinds: copied, never translated)
    text: str  # inline Markdown of the block without its prefix ('' for verbatim kinds)
    prefix: str = ""  # Markdown syntax before the text, e.g. "## ", "  - ", "1. ", "> "
    raw: str = ""  # the block's original source lines (used for verbatim kinds)
    level: int = 0  # heading level or list nesting depth
    boilerplate: bool = False  # donation appeal, comment prompt, credit line...
    translation: str | None = None  # filled by the translation stage
    # What the reader understood the block to be: title | teaser | subheading | body |
    # caption | image | outlet | author | date | boilerplate | kicker (the short line above a
    # page's headline) ('' until a reader decides).
    # outlet/author/date blocks are metadata: copied or rendered, never sent to the model.
    role: str = ""
    rule: str | None = None  # the reader rule that gave the role (shown by `defnews read`)

    @property
    def translatable(self) -> bool:
        # A letter makes text: "#", "- -", "1." or "—" alone are syntax, copied verbatim.
        # A date line ("07.08.2023") has no letter but is rendered in English all the same.
        return self.kind in TRANSLATABLE_KINDS and (
            any(ch.isalpha() for ch in self.text)
            or (self.role == "date" and any(ch.isdigit() for ch in self.text)))


@dataclass
class Article:
    blocks: list[Block] = field(default_factory=list)
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    date: str | None = None  # ISO 8601 date (YYYY-MM-DD) when known
    dateline: str | None = None  # e.g. "MOSKAU ap"
    dateline_place: str | None = None  # "MOSKAU", as printed
    dateline_agency: str | None = None  # "ap", "dpa", "Reuters"; None for a place alone
    source: str | None = None  # path or URL the article came from
    url: str | None = None
    lang: str | None = None  # detected language code ("de", "en", ...)
    encoding: str | None = None  # encoding the file was decoded from
    format: str | None = None  # txt | markdown | html | feed
    extra: dict[str, Any] = field(default_factory=dict)
    # The decoded input the article was read from, and where in it the article begins
    # (feeds hold several): the glossary report's offsets point into it.
    input_text: str | None = field(default=None, repr=False)
    input_offset: int = 0
    # What the reader understood, for `defnews read` (not part of the output metadata):
    # where each metadata field came from ("JSON-LD", "meta tag", "file name"...), and what
    # the reader warns about (a text that looked entirely like page furniture...).
    sources: dict[str, str] = field(default_factory=dict, repr=False)
    warnings: list[str] = field(default_factory=list, repr=False)

    def body_blocks(self) -> list[Block]:
        """Blocks that carry the story: translatable, not boilerplate, not the title (the
        title is `self.title`; a summary must not quote it as a story sentence)."""
        return [b for b in self.blocks
                if b.translatable and not b.boilerplate and b.role != "title"]

    def story_paragraphs(self) -> list[str]:
        """The title and the body as plain text, one paragraph each (markup removed)."""
        out = [self.title] if self.title else []
        for b in self.body_blocks():
            text = " ".join(plain_text(b.text).split())
            if text and text != self.title:
                out.append(text)
        return out

    def metadata(self) -> dict[str, Any]:
        d = asdict(self)
        for key in ("blocks", "input_text", "input_offset", "sources", "warnings"):
            d.pop(key)
        return {k: v for k, v in d.items() if v not in (None, {}, "")}
