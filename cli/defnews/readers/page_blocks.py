"""Rules for the blocks extracted from a saved page (html.py): what the extractor kept that is
not story, and the lead it dropped.

Generic rules by structure, never by outlet:
- a block made of links only (a related-articles list, "Lesen Sie auch: <link>") is a link
  list, not story; a paragraph that merely contains links stays;
- short unpunctuated lines closing the page ("Beiträge aus dem Forum", "Weiterführende
  Links") are the labels of widgets whose content the extractor left out;
- the page's description (meta description, og:description), when the page shows it as an
  element of its own, is the teaser: extractors drop such lead elements as page furniture.
"""

from __future__ import annotations

import re
from typing import Any

from defnews.article import Article, Block
from defnews.textutil import plain_text

# A Markdown link or image: [text](url) with one level of nested brackets in the text.
_LINK = re.compile(r"!?\[(?:[^\[\]]|\[[^\]]*\])*\]\([^)]*\)")
# What may stand beside the links of a link block: emphasis, arrows, bullets, a short label
# ending in a colon ("**Hackerangriffe:**", "Lesen Sie auch:").
_LABEL = re.compile(r"^(?:[\W_]*|[\W_]*(?:\w[\w-]*\W+){0,3}\w[\w-]*\s*:[\W_]*)$")
# A closing widget label is at most this many words and ends without sentence punctuation.
_WIDGET_WORDS = 6
_STORY = {"", "body", "teaser", "subheading"}


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


def add_shown_description(article: Article, tree: Any, descriptions: list[str]) -> None:
    """The page's description as its teaser when the page shows it and the text lacks it."""
    story = _key(" ".join(plain_text(b.text) for b in article.blocks if b.translatable))
    for description in descriptions:
        start = _key(re.sub(r"(?:\.\.\.|…)$", "", description.replace("\xad", "")))
        if len(start.split()) < 12 or _inside(start, story):
            continue
        shown = _shown_text(tree, start)
        if shown and not _inside(_key(shown), story):
            at = next((i + 1 for i, b in enumerate(article.blocks) if b.role == "title"), 0)
            article.blocks[at:at] = [
                Block("blank", "", raw=""),
                Block("paragraph", shown, raw=shown, role="teaser",
                      rule="page description shown in the page")]
            return


def _shown_text(tree: Any, start: str) -> str | None:
    """The text of the smallest body element that holds the description (and little more)."""
    first = start.split()[0]
    best: str | None = None
    for el in tree.xpath("//body//*[not(self::script or self::style or self::a)]"
                         "[contains(translate(., 'ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÜ', "
                         "'abcdefghijklmnopqrstuvwxyzäöü'), $w)]", w=first):
        text = " ".join(el.text_content().replace("\xad", "").split())
        key = _key(text)
        if key.startswith(start) and len(key) <= len(start) + 200 and \
                (best is None or len(text) < len(best)):
            best = text
    return best


def _inside(text: str, story: str) -> bool:
    """Whether the story holds the text; a dateline stripped from its start ("Kiel (dpo) -")
    does not count, so the words after the first four are compared."""
    words = text.split()
    return " ".join(words[4:16]) in story


def _key(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))
