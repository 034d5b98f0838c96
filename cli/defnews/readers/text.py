"""Plain text and Markdown → Article, in the shapes real pages are saved in.

The header (outlet line, title, author and date as lines or bullets: header.py), the story
(teaser, subheadings, body), images and credits, the dateline at the start of the first
paragraphs (stripped from the sentence, kept as metadata) and boilerplate are found by generic
rules; every block gets a role and the rule that gave it (`defnews read` shows them).
"""

from __future__ import annotations

import re

from defnews.article import Article, Block
from defnews.readers import front_matter
from defnews.readers.boilerplate import mark_boilerplate
from defnews.readers.header import SAVED_TEXT, inline_plain, mark_contact_block, read_header
from defnews.readers.markdown import parse_blocks
from defnews.readers.metadata import (
    CAPTION_CREDIT,
    DATELINE,
    DATELINE_STOP,
    file_name_date,
    iso_date,
)
from defnews.readers.page_blocks import mark_link_blocks
from defnews.textutil import plain_text

# A line longer than this is never hard-wrapped prose: its paragraph has one line per paragraph.
_UNWRAPPED_LINE = 150
_IMAGE_ONLY = re.compile(r"^\s*(?:!\[[^\]]*\]\([^)]*\)\s*)+$")
_SENTENCE_END = (".", "!", "?", ":", "“", "”", '"', "»", "«", ")")


def read_text(text: str, name: str | None, fmt: str) -> Article:
    front, text, page = front_matter.read(text)
    # Only a Markdown file means code by indentation; plain text and extracted pages indent prose.
    blocks = split_line_paragraphs(parse_blocks(text, indented_code=fmt == "markdown"))
    if front:  # kept verbatim, never translated: a Markdown output starts with it again
        blocks.insert(0, Block("front_matter", "", raw=front[:-1] if front.endswith("\n")
                               else front))
    article = Article(blocks=blocks, format=fmt)
    header_date = read_header(article, fmt, page.get("title"))
    _mark_images(blocks)
    _read_dateline(article)
    _mark_story_roles(article)
    if fmt in SAVED_TEXT:
        # A Markdown list of links ("- [Werft sucht Fachkräfte](…)") or a lone link line
        # ("[Originalartikel](…)") is navigation, as on a page; links inside prose stay.
        mark_link_blocks(Article(blocks=[b for b in blocks
                                         if b.kind in ("paragraph", "list_item")]))
        mark_contact_block(article)
    mark_boilerplate(article)
    for b in blocks:
        if b.translatable and not b.role:
            b.role, b.rule = "body", b.rule or "default"
    # Dates: page metadata > a header date > the file name > a date in the text (issue 16).
    article.date = page.get("date") or header_date or file_name_date(name) or iso_date(
        text[:600])
    if article.date:
        article.sources["date"] = (
            "front matter" if page.get("date") else "header line or bullet" if header_date
            else "file name" if file_name_date(name) else "a date in the text")
    # The front matter is the page's own metadata; a heading in the text still names the
    # title (a clipper's title often carries the site's name).
    for field in ("title", "author", "outlet", "url"):
        if page.get(field) and (field != "title" or not article.title):
            setattr(article, field, page[field])
            article.sources[field] = "front matter"
    for b in blocks:
        if b.role in ("title", "outlet", "author") and b.rule:
            article.sources.setdefault(b.role, b.rule)
    if article.dateline:
        article.sources["dateline"] = "start of the first paragraphs"
    return article


def split_line_paragraphs(blocks: list[Block]) -> list[Block]:
    """Paragraphs separated by one newline (agency copy, pages saved as text) become blocks.

    A paragraph is split into its lines when one line is longer than any hard-wrapped line
    is, or when its lines were not wrapped at all (see _broken_by_intent); the lines keep
    their source, so output rebuilt from the blocks is unchanged.
    """
    out: list[Block] = []
    for b in blocks:
        lines = b.raw.split("\n")
        if b.kind == "paragraph" and len(lines) > 1 and (
                max(map(len, lines)) > _UNWRAPPED_LINE or _broken_by_intent(lines)):
            out.extend(Block("paragraph", line, raw=line) if line.strip()
                       else Block("blank", "", raw=line) for line in lines)
        else:
            out.append(b)
    return out


def _broken_by_intent(lines: list[str]) -> bool:
    """Whether every line break of a paragraph was typed, not made by wrapping: at each break
    the next line's first word would have fitted on the line (a wrapping editor would have put
    it there), the line ends a sentence or is a heading-like line without a full stop, and
    the next line starts like a sentence. "MARINE / Neue Fregatten für die Nordsee / Die
    Marine erhält …" is three lines; prose wrapped at 72 columns is one paragraph."""
    width = max(len(line.rstrip()) for line in lines)
    for line, nxt in zip(lines, lines[1:], strict=False):
        line, nxt = line.rstrip(), nxt.strip()
        if not line or not nxt:
            return False
        first_word = nxt.split()[0]
        ends = line.endswith(_SENTENCE_END) or not re.search(r"[.!?]", line)
        # The longest line sets the width, so nothing fits after it: there a sentence end
        # must show the break.
        fits = len(line) + 1 + len(first_word) <= width - 2 or (
            len(line) == width and line.endswith((".", "!", "?", ":", "“", '"', "»")))
        if not (fits and ends and (nxt[0].isupper() or nxt[0].isdigit()
                                   or nxt[0] in "„\"»‚*_[")):
            return False
    return True


def _mark_images(blocks: list[Block]) -> None:
    """Image lines (with any credit in the same block) and captions ending with a photo
    credit: kept, but not story."""
    for b in blocks:
        if not b.translatable or b.role:
            continue
        lines = [ln for ln in b.text.split("\n") if ln.strip()]
        if (b.kind == "paragraph" and len(b.text) < 500 and len(b.text.split()) <= 40
                and CAPTION_CREDIT.search(plain_text(b.text))):
            b.role, b.rule, b.boilerplate = "caption", "ends with a photo credit", True
        elif lines and _IMAGE_ONLY.match(lines[0]):
            rest = lines[1:]
            b.role = "image"
            b.rule = "image line" + (" with caption" if rest else "")
            b.boilerplate = True


def _read_dateline(article: Article) -> None:
    """A dateline at the start of one of the first three story paragraphs."""
    story = [b for b in article.blocks if b.translatable and not b.role and b.kind == "paragraph"]
    for b in story[:3]:
        t = b.text.strip()
        if not (m := DATELINE.match(t) or DATELINE_STOP.match(t)) or len(t) - m.end() < 40:
            continue
        place = m.group("place").strip()
        agency = m.groupdict().get("agency1") or m.groupdict().get("agency2")
        article.dateline = f"{place} {agency}" if agency else place
        article.dateline_place, article.dateline_agency = place, agency
        b.text = t[m.end():]
        bold = m.groupdict().get("bold")
        if bold and m.group(0).count(bold) == 1:
            b.text = bold + b.text  # the emphasis goes on past the dateline: it keeps its mark
        b.rule = "dateline stripped"
        return


def _mark_story_roles(article: Article) -> None:
    """Subheadings (later headings; a ticker's "+++ 14:05 Uhr: … +++" entry heads; short
    unpunctuated lines between paragraphs), teaser."""
    blocks = [b for b in article.blocks if b.translatable]
    for k, b in enumerate(blocks):
        if b.role:
            continue
        t = b.text.strip()
        if b.kind == "heading":
            b.role, b.rule = "subheading", "heading after the title"
        elif b.kind == "paragraph" and len(t.split()) <= 25 and _TICKER_HEAD.match(
                inline_plain(t)):
            b.role, b.rule = "subheading", "ticker entry heading"
        elif (b.kind == "paragraph" and "\n" not in t and len(t.split()) <= 8
              and not t.endswith(_SENTENCE_END) and 0 < k < len(blocks) - 1
              and _is_prose(blocks[k - 1]) and _is_prose(blocks[k + 1])):
            b.role, b.rule = "subheading", "short line between paragraphs"
    story = [b for b in blocks if not b.role]
    if len(story) > 1 and story[0].kind == "paragraph" and story[1].rule == "dateline stripped":
        story[0].role, story[0].rule = "teaser", "paragraph before the dateline"


# A news ticker's entry heading: "+++ 14:05 Uhr: Kiew meldet Angriffe +++".
_TICKER_HEAD = re.compile(r"^\+{2,}\s.*\s\+{2,}$")


def _is_prose(block: Block) -> bool:
    return block.kind == "paragraph" and len(block.text.split()) > 12
