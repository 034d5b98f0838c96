"""Boilerplate by position and phrase (issue 16).

A block is page furniture when furniture phrases make it (two or more of its sentences hold
one, or the one that does is half its words: a donation appeal, a newsletter or comment
prompt, "read more", a credit, a cookie notice) and it is short or stands in the article's
tail run (the appeals and prompts after the story).
A story paragraph is never dropped because it mentions a donation or Facebook somewhere, nor
because one of its sentences reads "Folgen Sie uns auf …".
Boilerplate stays in the article (translation keeps it); summaries and digests leave it out.
"""

from __future__ import annotations

import re

from defnews.article import Article, Block
from defnews.readers.metadata import boilerplate_phrase
from defnews.textutil import plain_text

# A block of at most this many words that holds a furniture phrase is furniture wherever it is.
SHORT_WORDS = 30
# A short line without a full stop between tail furniture ("40.000 mal Danke!") goes with it.
TAIL_LINK_WORDS = 8
# A longer tail block with one furniture sentence is furniture when that sentence holds at
# least this share of its words.
FURNITURE_SHARE = 0.5

_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[A-ZÄÖÜ„\"»0-9])")

_STORY_ROLES = {"", "body", "teaser", "subheading"}


def mark_boilerplate(article: Article) -> None:
    """Mark furniture blocks (boilerplate=True, role "boilerplate", rule = the phrase kind)."""
    candidates = [b for b in article.blocks if b.translatable and b.role in _STORY_ROLES]
    phrases = {id(b): boilerplate_phrase(_plain(b)) for b in candidates}
    marked: list[Block] = []
    for b in candidates:
        name = phrases[id(b)]
        if name and len(_plain(b).split()) <= SHORT_WORDS and _made_of_furniture(b):
            _mark(b, name, marked)
    # The tail run: from the end, blocks with a phrase, and short unpunctuated lines among them.
    seen_phrase = False
    for b in reversed(candidates):
        name = phrases[id(b)]
        words = len(_plain(b).split())
        if name and _made_of_furniture(b):
            _mark(b, name, marked)
            seen_phrase = True
        elif (seen_phrase and words <= TAIL_LINK_WORDS and not b.text.rstrip().endswith(".")
              and len(_SENTENCE_END.split(_plain(b))) == 1):  # "… guten Tag. Mehr" is story
            _mark(b, "tail furniture", marked)
        elif b.boilerplate:
            continue
        else:
            break
    _mark_related_headlines(candidates, phrases, marked)
    story = [b for b in candidates if not b.boilerplate]
    if candidates and not story:
        for b in marked:  # a text entirely "furniture" is more likely a story about it
            b.boilerplate, b.role, b.rule = False, "body", None
        article.warnings.append(
            "every paragraph looked like page furniture (appeals, prompts, credits); "
            "all were kept as story")


def _made_of_furniture(block: Block) -> bool:
    sentences = _SENTENCE_END.split(_plain(block))
    furniture = [x for x in sentences if boilerplate_phrase(x)]
    words = sum(len(x.split()) for x in sentences)
    return len(furniture) >= 2 or (
        len(furniture) == 1 and len(furniture[0].split()) >= FURNITURE_SHARE * words)


def _mark(block: Block, rule: str, marked: list[Block]) -> None:
    if not block.boilerplate:
        block.boilerplate, block.role, block.rule = True, "boilerplate", rule
        marked.append(block)


def _plain(block: Block) -> str:
    return " ".join(plain_text(block.text).split())


def _mark_related_headlines(candidates: list[Block], phrases: dict[int, str | None],
                            marked: list[Block]) -> None:
    """A "read more" label ("Mehr zum Thema") followed, to the end of the article, only by
    short lines without a full stop: those lines are the headlines of the linked articles."""
    for k, b in enumerate(candidates):
        if phrases[id(b)] != "read more" or _sentence(b):
            continue
        rest = candidates[k + 1:]
        if rest and all(len(_plain(x).split()) <= TAIL_LINK_WORDS + 4 and not _sentence(x)
                        for x in rest):
            for x in rest:
                _mark(x, "related headline", marked)
            return


def _sentence(block: Block) -> bool:
    return _plain(block).endswith((".", "!", "?", "“", '"', "»", "«"))

