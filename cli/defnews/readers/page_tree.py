"""Cuts from a saved page's tree before the main text is extracted, by structure only.

- Hidden labels: short text a sighted reader never sees ("Hauptinhalt", "Zum Inhalt
  springen"): the `hidden` attribute, `display:none`, or the usual hiding classes.
- Media captions: the short text in a box built around an image or video (its caption,
  credit, "Bild vergrößern"), which the extractor otherwise keeps as a paragraph.
- Labelled boxes: a box after the story that opens with the label of a reader-comment thread
  ("Kommentare (23)", "3 Gedanken zu …"), an author box ("Über den Autor") or a list of other
  articles ("Weitere Nachrichten", "Das könnte Sie auch interessieren"): the extractor knows
  English class names of such boxes, not German labels.
- Sign-up boxes: the short box around an e-mail field (a newsletter or login form).
- Layout tables: a table whose cells hold the headline, paragraphs or long text is the page's
  layout (old CMSs), not data; its rows and cells become plain boxes, so the extractor reads
  the paragraphs in it instead of one table row holding the whole article.
"""

from __future__ import annotations

import re
from typing import Any

# Hidden text longer than this may be content revealed by a script; it stays.
HIDDEN_LABEL_WORDS = 8
# A box around an image holds at most this many words of caption and credit.
CAPTION_WORDS = 30

_HIDDEN = (
    "//body//*[@hidden or contains(translate(@style, ' ', ''), 'display:none') or "
    "contains(concat(' ', normalize-space(@class), ' '), ' hidden ') or "
    "contains(@class, 'visually-hidden') or contains(@class, 'sr-only')]")
# A box around an e-mail field holds at most this many words (label, promise, button).
FORM_BOX_WORDS = 60

# Labels of boxes that follow the story: a reader-comment thread (everything after its label
# is comments), an author box, a list of other articles.
_THREAD_LABEL = re.compile(
    r"^(?:\d+\s+(?:leser)?kommentare?|(?:leser)?kommentare?(?:\s*\(\d+\))?|"
    r"(?:leser)?kommentare zu diesem (?:artikel|beitrag)|"
    r"diskussion\s*\(\d+\)|\d+\s+(?:gedanken|antworten|reaktionen) (?:zu|auf)\b.*|"
    r"(?:schreibe|hinterlasse|schreiben sie) einen kommentar)\W*$", re.I)
_AUTHOR_LABEL = re.compile(
    r"^(?:(?:über|zum|zur) (?:den |die )?(?:autor|autorin|autoren|autorinnen|verfasser|"
    r"verfasserin)|der autor|die autorin|die autoren)\W*$", re.I)
_RELATED_LABEL = re.compile(
    r"^(?:(?:weitere|mehr|ähnliche|verwandte|neueste|aktuelle) (?:nachrichten|artikel|beiträge|"
    r"meldungen|themen|news)(?: zum thema| aus [\w ]{3,30})?|mehr zum thema|"
    r"das (?:könnte|dürfte) sie (?:auch )?interessieren|auch interessant|meist ?gelesen|"
    r"(?:beliebte|empfohlene) (?:artikel|beiträge)|empfehlungen(?: der redaktion)?|"
    r"lesen sie (?:auch|mehr))\W*$", re.I)
_LABEL_TAGS = {"h2", "h3", "h4", "h5", "h6", "p", "div", "span", "strong", "b", "header"}
_LABEL_WORD = re.compile(
    r"kommentar|autor|verfasser|gedanken|antworten|reaktionen|diskussion|nachrichten|artikel|"
    r"beiträge|meldungen|themen|news|interessant|interessieren|gelesen|empfehlung|lesen sie",
    re.I)
# An author box holds at most this many words; a teaser card (headline link and text) this.
AUTHOR_BOX_WORDS = 150
TEASER_CARD_WORDS = 80
_HEADINGS = {"h2", "h3", "h4", "h5", "h6"}
# The story's first paragraph has at least this many words; labelled boxes come after it.
STORY_PARAGRAPH_WORDS = 25
SHORT_STORY_PARAGRAPH_WORDS = 10
_MEDIA = "//body//*[self::img or self::picture or self::video or self::figure]"
_INLINE = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "blockquote"}
_TOP = {"body", "article", "main", "html"}


# A headline's kicker: at most this many words, or a part whose class says so.
KICKER_WORDS = 6
_KICKER_CLASS = re.compile(r"kicker|overline|topline|dachzeile|roofline|eyebrow|spitzmarke",
                           re.I)


def _words(el: Any) -> int:
    return len(el.text_content().split())


def separate_heading_parts(tree: Any) -> None:
    """A headline built of parts set as blocks by the page's style (a kicker span, then the
    headline span) reads "Drohnenabwehr: Marine testet …", not "DrohnenabwehrMarine testet
    …": parts that touch get a colon after a short kicker-like part, a space otherwise; a
    part marked as a kicker gets its colon even when the markup spaces it."""
    for heading in tree.xpath("//body//*[self::h1 or self::h2 or self::h3]"):
        parts = [el for el in heading if isinstance(el.tag, str) and _text(el)]
        for el, nxt in zip(parts, parts[1:], strict=False):
            if el.getnext() is not nxt or (el.tail or "").strip():
                continue  # text between them: the page wrote its own separation
            head = _text(el)
            kicker = bool(_KICKER_CLASS.search(" ".join(el.xpath("@class|@id"))))
            touching = not el.tail and not el.text_content()[-1:].isspace() \
                and not nxt.text_content()[:1].isspace()
            if not (touching or kicker) or not head[-1:].isalnum() or \
                    not _text(nxt)[:1].isalnum():
                continue  # a separator already stands between them ("Kicker:", " | ")
            short = len(head.split()) <= KICKER_WORDS and not head.endswith((".", "!", "?"))
            el.tail = (": " if short else " ") + (el.tail or "").lstrip()


def drop_hidden_labels(tree: Any) -> None:
    for el in tree.xpath(_HIDDEN):
        if el.getparent() is not None and _words(el) <= HIDDEN_LABEL_WORDS:
            el.drop_tree()


def drop_media_captions(tree: Any) -> None:
    """Drop the largest box around each image or video that holds only a short caption."""
    for media in tree.xpath(_MEDIA):
        if media.getparent() is None or any(a.tag in _INLINE for a in media.iterancestors()):
            continue  # an image inside a paragraph or list item belongs to that text
        box = media
        for parent in media.iterancestors():
            if parent.tag in _TOP or _words(parent) > CAPTION_WORDS:
                break
            box = parent
        # A box with links is a teaser or an ad (link rules handle those), not a caption.
        if box is not media and _words(box) > 0 and box.getparent() is not None and \
                not box.xpath(".//a[normalize-space(.)]"):
            box.drop_tree()


def _text(el: Any) -> str:
    return " ".join(el.text_content().split())


def drop_labelled_boxes(tree: Any) -> None:
    """Drop each box that opens with a comment-thread or author-box label; a label that opens
    no box of its own is dropped with what follows it in its parent."""
    # Elements around a text that holds a label word (cheaper than reading every element).
    near: dict[Any, None] = {}  # in document order, each element once
    for text in tree.xpath("//body//text()"):
        if len(text) > 200 or not _LABEL_WORD.search(text):
            continue
        el = text.getparent()
        for _ in range(3):
            if el is None or el.tag in _TOP:
                break
            if el.tag in _LABEL_TAGS:
                near[el] = None
            el = el.getparent()
    labels = [el for el in near if len(_text(el)) <= 60 and (
        _THREAD_LABEL.match(_text(el)) or _AUTHOR_LABEL.match(_text(el))
        or _RELATED_LABEL.match(_text(el)))]
    if not labels:
        return
    order = {el: k for k, el in enumerate(tree.iter())}
    # A label above the story is a toolbar's link ("Kommentare (12)"), not a thread's head.
    start = _story_start(tree, order)
    for label in sorted(labels, key=order.__getitem__):
        if order[label] < start:
            continue
        if label.getparent() is None or any(a.getparent() is None for a in label.iterancestors()
                                            if a.tag != "html"):
            continue  # already dropped with an earlier box
        head = _text(label)
        box = label
        for parent in label.iterancestors():
            if parent.tag in _TOP or parent.xpath(".//h1") or not _text(parent).startswith(head):
                break
            box = parent
        if box is not label and not _fits_label(box, head):
            continue  # e.g. a section "Weitere Meldungen" of a news round-up: story
        if box is label and label.tag in _HEADINGS:
            # A thread's label heads the rest of its parent; another label heads the list of
            # links right after it.
            following = list(label.itersiblings())
            if not _THREAD_LABEL.match(head):
                following = following[:1] if following and _links_only(following[0]) else []
            for sibling in following:
                sibling.drop_tree()
        box.drop_tree()


def _story_start(tree: Any, order: dict[Any, int]) -> int:
    """Where the story begins: its first long paragraph; in a story of short paragraphs, the
    first paragraph of a sentence or more after the headline (the H1)."""
    first = next((p for p in tree.xpath("//body//p") if _words(p) >= STORY_PARAGRAPH_WORDS),
                 None)
    if first is None:
        h1 = tree.xpath("//body//h1")
        after = order[h1[0]] if h1 else -1
        first = next((p for p in tree.xpath("//body//p")
                      if order[p] > after and _words(p) >= SHORT_STORY_PARAGRAPH_WORDS), None)
    return order[first] if first is not None else len(order)


def _fits_label(box: Any, label: str) -> bool:
    """Whether the box is what its label says: any box under a thread label; a short box
    under an author label; under a "more articles" label, a list of teasers: every sentence
    of it sits in a small card with a link to the article it presents."""
    if _THREAD_LABEL.match(label):
        return True
    if _AUTHOR_LABEL.match(label):
        return _words(box) <= AUTHOR_BOX_WORDS
    for p in box.xpath(".//p|.//li"):
        if _words(p) < 12:
            continue
        card = p
        while card is not box and not card.xpath(".//a[@href]") and \
                _words(card.getparent()) <= TEASER_CARD_WORDS:
            card = card.getparent()
        if not card.xpath(".//a[@href]"):
            return False
    return len(box.xpath(".//a[@href]")) >= 2


def _links_only(el: Any) -> bool:
    """Whether the element's words are (nearly) all link text: a list of other articles."""
    words = _words(el)
    linked = sum(len(a.text_content().split()) for a in el.xpath(".//a"))
    return words > 0 and linked >= 0.8 * words


def drop_form_boxes(tree: Any) -> None:
    """Drop the largest short box around each e-mail field (newsletter sign-up, login)."""
    for field in tree.xpath("//body//input[@type='email']"):
        if field.getparent() is None:
            continue
        box = field
        for parent in field.iterancestors():
            if parent.tag in _TOP or parent.xpath(".//h1") or _words(parent) > FORM_BOX_WORDS:
                break
            box = parent
        if box is not field and box.getparent() is not None:
            box.drop_tree()


# A table cell holding this many words, or a heading or paragraph, is page layout.
LAYOUT_CELL_WORDS = 80


def unwrap_layout_tables(tree: Any) -> None:
    for table in tree.xpath("//body//table"):
        rows = table.xpath("./tr|./tbody/tr|./thead/tr|./tfoot/tr")
        cells = [c for r in rows for c in r.xpath("./td|./th")]
        if not any(c.xpath(".//h1|.//h2|.//h3|.//p") or _words(c) >= LAYOUT_CELL_WORDS
                   for c in cells):
            continue
        for el in [table, *table.xpath("./tbody|./thead|./tfoot"), *rows, *cells]:
            el.tag = "div"
