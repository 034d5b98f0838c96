"""Markdown (or plain text) → blocks, with CommonMark's block boundaries from markdown-it-py.

markdown-it-py finds where each top-level block starts and ends (its tokens carry source line
ranges), so indented and fenced code and HTML blocks - an HTML comment over several
paragraphs included - are copied verbatim and never translated. Inside each range the lines
become our Block model: a block keeps its Markdown prefix ("## ", "  - ", "> ") and its
source lines, so output rebuilt from untranslated blocks is the input, line for line. List
items, quote lines and table rows are blocks of their own (translated one by one).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from defnews.article import Block
from defnews.textutil import MONTH_ABBREVIATIONS, MONTH_PATTERN

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

_HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_FENCE = re.compile(r"^([ \t]*)(```+|~~~+)")
_LIST = re.compile(r"^([ \t]*)([-*+]|\d{1,9}[.)])([ \t]+)(.*)$")
# Every '>' of a nested quote belongs to the prefix: the text of ">>> Satz" is "Satz".
_QUOTE = re.compile(r"^([ \t]*(?:>[ \t]?)+)(.*)$")
_RULE = re.compile(r"^[ \t]{0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_TABLE = re.compile(r"^[ \t]*\|")
_TABLE_DELIMITER = re.compile(r"^[ \t]*\|?(?:[ \t]*:?-+:?[ \t]*\|)+[ \t]*(?::?-+:?[ \t]*)?$")
_HTML_BLOCK = re.compile(r"^[ \t]*<(?:/?[A-Za-z][A-Za-z0-9-]*|!--)")
_SETEXT = re.compile(r"^[ \t]*(=+|-+)[ \t]*$")
# A link reference definition ('[f]: https://… "Titel"'): markup for "[text][f]", copied.
_LINK_DEFINITION = re.compile(
    r"^ {0,3}\[[^\[\]\n]+\]:[ \t]*(?:<[^<>\n]*>|\S+)(?:[ \t]+(?:\"[^\"\n]*\"|'[^'\n]*'|"
    r"\([^()\n]*\)))?[ \t]*$")
# "20. November 2026" is a German date line, not an ordered list item; so is a header's short
# form with an abbreviated month and a year ("3. Mär. 2025 um 14:12", "3. Sept 2025").
_MONTH_ABBR = "|".join(MONTH_ABBREVIATIONS)
_DATE_NOT_LIST = re.compile(r"^[ \t]*\d{1,2}\.[ \t]+(?:(?:" + MONTH_PATTERN + r")\b|(?:"
                            + _MONTH_ABBR + r")(?:\.[ \t]*|[ \t]+)\d{4}\b)", re.IGNORECASE)
# Top-level tokens copied verbatim: their lines are code or markup, never prose.
_VERBATIM = {"code_block": "code", "fence": "code", "html_block": "html"}


@lru_cache(maxsize=2)
def _parser(indented_code: bool) -> MarkdownIt:
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark").enable("table").disable("inline")  # blocks only
    if not indented_code:
        md.disable("code")
    return md


def parse_blocks(text: str, *, indented_code: bool = True) -> list[Block]:
    """Split Markdown (or plain text) into blocks. Never loses a line of the input.

    `indented_code=False` reads lines indented by four spaces or a tab as prose (plain-text
    articles indent paragraphs; only Markdown means code by it).
    """
    lines = text.split("\n")
    blocks: list[Block] = []
    done = 0
    for token in _parser(indented_code).parse(text):
        if token.level != 0 or token.map is None or token.nesting == -1:
            continue
        start, end = token.map
        if start < done:
            continue
        if start > done:  # lines markdown-it gives no block (blank, link definitions)
            blocks.extend(_line_blocks(lines[done:start]))
        kind = _VERBATIM.get(token.type)
        if kind:
            end = max(end, start + 1)
            blocks.append(Block(kind, "", raw="\n".join(lines[start:end])))
        else:
            blocks.extend(_line_blocks(lines[start:end]))
        done = end
    if done < len(lines):
        blocks.extend(_line_blocks(lines[done:]))
    return blocks


def _list_item(line: str) -> re.Match[str] | None:
    if _DATE_NOT_LIST.match(line):
        return None
    return _LIST.match(line)


def _line_blocks(lines: list[str]) -> list[Block]:
    """The lines of one top-level block (or of a gap between blocks) as Block objects."""
    blocks: list[Block] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            blocks.append(Block("blank", "", raw=line))
            i += 1
            continue
        if _LINK_DEFINITION.match(line):
            blocks.append(Block("link_definition", "", raw=line))
            i += 1
            continue
        if m := _FENCE.match(line):
            fence = m.group(2)
            j = i + 1
            while j < len(lines) and not lines[j].lstrip().startswith(fence[0] * len(fence)):
                j += 1
            j = min(j + 1, len(lines))
            blocks.append(Block("code", "", raw="\n".join(lines[i:j])))
            i = j
            continue
        if m := _HEADING.match(line):
            blocks.append(Block("heading", m.group(2), prefix=m.group(1) + " ", raw=line,
                                level=len(m.group(1))))
            i += 1
            continue
        if _RULE.match(line):
            blocks.append(Block("rule", "", raw=line))
            i += 1
            continue
        if _TABLE.match(line):
            # Each row is its own block: the cells are translated one by one, the
            # delimiter row (|---|:--:|) is copied.
            while i < len(lines) and _TABLE.match(lines[i]):
                row = lines[i]
                if _TABLE_DELIMITER.match(row):
                    blocks.append(Block("table", "", raw=row))
                else:
                    indent = row[: len(row) - len(row.lstrip())]
                    blocks.append(Block("table_row", row[len(indent):], prefix=indent, raw=row))
                i += 1
            continue
        if _HTML_BLOCK.match(line):
            j = i
            while j < len(lines) and lines[j].strip():
                j += 1
            blocks.append(Block("html", "", raw="\n".join(lines[i:j])))
            i = j
            continue
        if m := _list_item(line):
            indent, marker, space, body = m.groups()
            prefix = indent + marker + space
            j = i + 1
            parts = [body]
            # Lazy continuation: indented lines that are not a new item belong to this one.
            while j < len(lines) and lines[j].strip() and lines[j][:1] in (" ", "\t"):
                if _list_item(lines[j]) or _FENCE.match(lines[j]):
                    break
                parts.append(lines[j].strip())
                j += 1
            blocks.append(Block("list_item", "\n".join(parts), prefix=prefix,
                                raw="\n".join(lines[i:j]), level=len(indent.expandtabs(4)) // 2))
            i = j
            continue
        if m := _QUOTE.match(line):
            prefix = m.group(1)
            if not m.group(2).strip():  # an empty quote line: copied as it is
                blocks.append(Block("quote", "", prefix=prefix, raw=line))
                i += 1
                continue
            parts = [m.group(2)]
            j = i + 1
            depth = prefix.count(">")
            # A line of another depth starts a block of its own (its own prefix).
            while j < len(lines) and (q := _QUOTE.match(lines[j])) and q.group(2).strip() \
                    and q.group(1).count(">") == depth:
                parts.append(q.group(2))
                j += 1
            blocks.append(Block("quote", "\n".join(parts), prefix=prefix,
                                raw="\n".join(lines[i:j])))
            i = j
            continue
        # Paragraph: consecutive lines that start nothing else.
        j = i + 1
        while j < len(lines) and lines[j].strip() and not _starts_block(lines[j]):
            j += 1
        para = lines[i:j]
        if len(para) >= 2 and _SETEXT.match(para[-1]):
            level = 1 if para[-1].strip()[0] == "=" else 2
            blocks.append(Block("heading", " ".join(p.strip() for p in para[:-1]),
                                prefix="#" * level + " ", raw="\n".join(para), level=level))
        else:
            blocks.append(Block("paragraph", "\n".join(para), raw="\n".join(para)))
        i = j
    return blocks


def _starts_block(line: str) -> bool:
    """Whether a line interrupts a paragraph (CommonMark: only "1." starts an ordered list)."""
    item = _list_item(line)
    if item and item.group(2)[:-1].isdigit() and item.group(2)[:-1] != "1":
        item = None
    return bool(_HEADING.match(line) or _FENCE.match(line) or item
                or _QUOTE.match(line) or _TABLE.match(line) or _RULE.match(line))
