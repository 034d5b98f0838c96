"""Rules for the blocks extracted from a saved page (html.py): what the extractor kept that is
not story, and the lead it dropped.

Generic rules by structure, never by outlet:
- a block made of links only (a related-articles list, "Lesen Sie auch: <link>") is a link
  list, not story; a paragraph that merely contains links stays;
- short unpunctuated lines closing the page ("Beiträge aus dem Forum", "Weiterführende
  Links") are the labels of widgets whose content the extractor left out;
- the page's description (meta description, og:description), when the page shows it as an
  element of its own, is the teaser: extractors drop such lead elements as page furniture;
- a byline ("Von Anna Berg, Frankfurt"), a label with a date and a clock time ("Stand:
  22.04.2024, 06:00 Uhr", "Sendung: …, 15:10 Uhr"), an update note ("Dieser Artikel wurde am
  3. Dezember 2025 aktualisiert.") and, at the head or tail of the story, a
  credit ("MDR (dst)", "ku Frankfurt", "ssi, dan; Foto: …") are metadata, not story.
"""

from __future__ import annotations

import re
from typing import Any

from defnews.article import Article, Block
from defnews.readers.metadata import BYLINE_LEAD, DATE_LABEL, byline_names, iso_date
from defnews.textutil import plain_text, word_key

# A Markdown link or image: [text](url) with one level of nested brackets in the text and of
# parentheses in the URL ("…/Leopard_(Panzer)"). Nothing deeper: each attempt then ends at the
# next bracket, so a flood of "[a](" or "[" takes linear time.
_LINK = re.compile(r"!?\[(?:[^\[\]]|\[[^\[\]]*\])*\]"
                   r"\((?:[^()\[\]]|\([^()\[\]]*\))*\)")
# What may stand beside the links of a link block: emphasis, arrows, bullets, a short label
# ending in a colon ("**Hackerangriffe:**", "Lesen Sie auch:").
_LABEL = re.compile(r"^(?:[\W_]*|[\W_]*(?:\w[\w-]*\W+){0,3}\w[\w-]*\s*:[\W_]*)$")
# A closing widget label is at most this many words and ends without sentence punctuation.
_WIDGET_WORDS = 6
_STORY = {"", "body", "teaser", "subheading"}
_BYLINE_START = re.compile(rf"^{BYLINE_LEAD}(?!\w)", re.I)
# "Stand: 22.04.2024, 06:00 Uhr", "Dieses Thema im Programm: … | 28. April 2023 | 10:00 Uhr"
_LABEL_START = re.compile(r"^(?:\w+\s+){0,4}\w+:\s")
# "Dieser Artikel wurde am 3. Dezember 2025 um 18:00 Uhr aktualisiert."
_UPDATE_NOTE = re.compile(r"^\W*(?:dieser|der) (?:artikel|beitrag|text) wurde\b.{0,80}?\b"
                          r"(?:aktualisiert|ergänzt|erstmals veröffentlicht|veröffentlicht)\W*$",
                          re.I)
_CLOCK = re.compile(r"\b\d{1,2}[:.]\d{2}\s*Uhr\b")
# Credits of the writers: an outlet with initials or names in brackets ("MDR (dst)", "dpa
# (Anna Berg)"), or German author initials ("ku Frankfurt", "ssi, dan; Foto: …", "dmk)").
_CREDIT = re.compile(
    r"^(?:[A-ZÄÖÜ][\w.-]{1,20}\s*\(\s*[^()]{2,60}\)"
    r"|\(?(?P<initials>[a-zäöü]{2,4}(?:\s*[,/]\s*[a-zäöü]{2,4})*)\)?"
    r"(?:\s+[A-ZÄÖÜ][a-zäöüß-]+)?(?=\s*(?:;|$)))")
# Bylines and credits are short; the head and tail of a story are its first and last blocks.
_CREDIT_WORDS = 8
_EDGE = 4


def mark_link_blocks(article: Article) -> None:
    """Blocks that are only links (with at most a short label) are link lists, not story."""
    for b in article.blocks:
        if not (b.translatable and b.role in _STORY and _LINK.search(b.text)):
            continue
        rest = _LINK.sub(" ", b.text).strip()
        if _LABEL.match(rest) and not rest.rstrip("*_ ").endswith((".", "!", "?")):
            b.boilerplate, b.role, b.rule = True, "boilerplate", "link only"


def mark_widget_labels(article: Article) -> None:
    """Two or more short unpunctuated lines closing the page are widget labels."""
    tail: list[Block] = []
    for b in reversed(article.blocks):
        if not b.translatable or b.boilerplate:
            continue
        text = " ".join(plain_text(b.text).split())
        if b.role in _STORY and len(text.split()) <= _WIDGET_WORDS and \
                not text.endswith((".", "!", "?", "“", '"', "»", "«")):
            tail.append(b)
        else:
            break
    if len(tail) >= 2:
        for b in tail:
            b.boilerplate, b.role, b.rule = True, "boilerplate", "closing widget label"


def mark_bylines_and_credits(article: Article) -> None:
    """Bylines, date-and-time lines and writer credits are metadata blocks, not story."""
    # A credit line ending in a photo credit was read as a caption: it is checked too.
    story = [b for b in article.blocks if b.translatable and b.role in _STORY | {"caption"}]
    byline_found = False
    for k, b in enumerate(story):
        text = " ".join(plain_text(b.text).split())
        words = len(text.split())
        if b.role == "caption" and not _CREDIT.match(text):
            continue
        if not byline_found and words <= 12 and _BYLINE_START.match(text) and \
                byline_names(text):
            b.boilerplate, b.role, b.rule = True, "author", "byline"
            byline_found = True
        elif words <= 25 and iso_date(text) and not text.endswith(".") and (
                (_LABEL_START.match(text) and _CLOCK.search(text)) or DATE_LABEL.match(text)):
            b.boilerplate, b.role, b.rule = True, "date", "label with date and time"
        elif words <= 25 and iso_date(text) and _UPDATE_NOTE.match(text):
            b.boilerplate, b.role, b.rule = True, "date", "update note"
        elif words <= _CREDIT_WORDS and (k < _EDGE or k >= len(story) - _EDGE) and \
                (m := _CREDIT.match(text)):
            b.boilerplate, b.role, b.rule = True, "author", "writer credit"
            if m.group("initials") and (not article.author or article.author == article.outlet):
                article.author = m.group("initials")
                article.sources["author"] = "writer credit (initials)"


def add_shown_description(article: Article, tree: Any, descriptions: list[str]) -> None:
    """The page's description as its teaser when the page shows it and the text lacks it;
    without one, the prose element right after the H1 (the lead) when the text lacks it. A
    first paragraph that is the description is the teaser."""
    if _mark_description_paragraph(article, descriptions):
        return
    story = word_key(" ".join(plain_text(b.text) for b in article.blocks if b.translatable))
    shown = next((t for d in descriptions if (t := _description_shown(tree, d, story))), None)
    shown = shown or _lead_after_h1(tree, story)
    if shown:
        at = next((i + 1 for i, b in enumerate(article.blocks) if b.role == "title"), 0)
        article.blocks[at:at] = [Block("blank", "", raw=""), Block(
            "paragraph", shown[0], raw=shown[0], role="teaser", rule=shown[1])]


def _mark_description_paragraph(article: Article, descriptions: list[str]) -> bool:
    """Give the teaser role to the first story paragraph when it is the page's description
    (the extractor kept the lead as plain text)."""
    first = next((b for b in article.blocks if b.translatable and b.role in _STORY
                  and b.kind == "paragraph"), None)
    if first is None or first.role == "teaser":
        return first is not None
    text = word_key(plain_text(first.text))
    for d in descriptions:
        start = word_key(re.sub(r"(?:\.\.\.|…)$", "", d.replace("\xad", "")))
        if len(start.split()) >= 12 and text.startswith(start) and \
                len(text) <= len(start) + 40:
            first.role, first.rule = "teaser", "the page's description"
            return True
    return False


def _description_shown(tree: Any, description: str, story: str) -> tuple[str, str] | None:
    """The element showing the description, when the story lacks it."""
    start = word_key(re.sub(r"(?:\.\.\.|…)$", "", description.replace("\xad", "")))
    if len(start.split()) < 12 or _inside(start, story):
        return None
    shown = _shown_text(tree, start)
    if shown and not _inside(word_key(shown), story):
        return shown, "page description shown in the page"
    return None


def _lead_after_h1(tree: Any, story: str) -> tuple[str, str] | None:
    """The first prose element within a few elements after the H1, when the text lacks it."""
    h1 = tree.xpath("//body//h1")
    if not h1:
        return None
    for el in h1[0].xpath("following::*[self::p or self::div][position() <= 12]"):
        if el.xpath(".//a|.//p|.//div|.//h1|.//h2|.//h3"):
            continue  # a container or a link box, not the lead itself
        text = " ".join(el.text_content().replace("\xad", "").split())
        if 12 <= len(text.split()) <= 80 and text.endswith((".", "!", "?", "“", '"')):
            return None if _inside(word_key(text), story) else (text, "prose right after the H1")
    return None


def _shown_text(tree: Any, start: str) -> str | None:
    """The text of the smallest body element that holds the description (and little more)."""
    first = start.split()[0]
    best: str | None = None
    for el in tree.xpath("//body//*[not(self::script or self::style or self::a)]"
                         "[contains(translate(., 'ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÜ', "
                         "'abcdefghijklmnopqrstuvwxyzäöü'), $w)]", w=first):
        text = " ".join(el.text_content().replace("\xad", "").split())
        key = word_key(text)
        if key.startswith(start) and len(key) <= len(start) + 200 and \
                (best is None or len(text) < len(best)):
            best = text
    return best


def _inside(text: str, story: str) -> bool:
    """Whether the story holds the text; a dateline stripped from its start ("Kiel (dpo) -")
    does not count, so the words after the first four are compared."""
    words = text.split()
    return " ".join(words[4:16]) in story
