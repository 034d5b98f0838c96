"""Cuts from a saved page's tree before the main text is extracted, by structure only.

- Hidden labels: short text a sighted reader never sees ("Hauptinhalt", "Zum Inhalt
  springen"): the `hidden` attribute, `display:none`, or the usual hiding classes.
- Media captions: the short text in a box built around an image or video (its caption,
  credit, "Bild vergrößern"), which the extractor otherwise keeps as a paragraph.
"""

from __future__ import annotations

from typing import Any

# Hidden text longer than this may be content revealed by a script; it stays.
HIDDEN_LABEL_WORDS = 8
# A box around an image holds at most this many words of caption and credit.
CAPTION_WORDS = 30

_HIDDEN = (
    "//body//*[@hidden or contains(translate(@style, ' ', ''), 'display:none') or "
    "contains(concat(' ', normalize-space(@class), ' '), ' hidden ') or "
    "contains(@class, 'visually-hidden') or contains(@class, 'sr-only')]")
_MEDIA = "//body//*[self::img or self::picture or self::video or self::figure]"
_INLINE = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "blockquote"}
_TOP = {"body", "article", "main", "html"}


def _words(el: Any) -> int:
    return len(el.text_content().split())


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
