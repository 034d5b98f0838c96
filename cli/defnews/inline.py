"""Inline protection: links, images, code, URLs and emphasis cut out of a block's text.

Inside a block, links, images, inline code, URLs and emphasis are cut out before
translation and replaced by placeholder tokens (see placeholders.py); link texts, alt
texts and emphasised phrases are translated as units of their own, URLs never go to the
model. Table rows are protected cell by cell.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from defnews import placeholders
from defnews.textutil import OPENING_MARKS, opens_sentence

_UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")


def split_row(text: str) -> list[str]:
    """The cells of a table row ("| a | b |"), without their padding; "\\|" stays in a cell."""
    inner = text.strip()
    if inner.startswith("|"):
        inner = inner[1:]
    if inner.endswith("|") and not inner.endswith("\\|"):
        inner = inner[:-1]
    return [c.strip() for c in _UNESCAPED_PIPE.split(inner)]


def join_row(cells: list[str]) -> str:
    return "|" + "|".join(f" {c} " if c else " " for c in cells) + "|"


@dataclass
class TableRow:
    """A table row's cells, each with its inline markup cut out, translated one by one."""

    cells: list[InlineText]

    def walk(self) -> Iterator[InlineText]:
        for cell in self.cells:
            for slot in cell.slots:
                if slot.inner is not None:
                    yield from slot.inner.walk()
            # Numbers, blanks and bare links stay as they are.
            if any(ch.isalpha() for ch in placeholders.PLACEHOLDER_RE.sub("", cell.masked)):
                yield cell

    def restore(self) -> tuple[str, list[str]]:
        texts, warnings = [], []
        for cell in self.cells:
            text, w = restore_inline(cell, cell.translation if cell.translation is not None
                                     else cell.masked)
            texts.append(_UNESCAPED_PIPE.sub(r"\\|", text))  # a pipe from the model is no new cell
            warnings.extend(w)
        return join_row(texts), warnings


def protect_row(text: str) -> TableRow:
    return TableRow([protect_inline(c) for c in split_row(text)])


# Linear in the text: no alternative scans past a character that could start another
# attempt of its kind (link texts stop at "[", URLs in links at "[" or "]", a code span is
# tried only at the first backtick of a run, an e-mail address at the start of its run of
# address characters, strong text at the next marker), so each character is scanned a
# bounded number of times (100,000 "[" took 35 s with unbounded scans).
# A URL may hold balanced parentheses, one level deep ("…/wiki/Leopard_2_(Kampfpanzer)").
_URL_PART = r"(?:[^()\s\[\]]|\([^()\s\[\]]*\))"
# A link's destination: a URL, or CommonMark's angle-bracket form (spaces and parentheses
# allowed inside: "[Bericht](<https://example.org/a b>)", as page extractors write them).
_DESTINATION = rf"(?:<[^<>\n]*>|{_URL_PART}*)"
# Spans copied byte for byte, never sent to the model (one pattern each, shared with the
# sentence checks of translate/quality.py through COPIED_SPAN).
_CODE = r"(?<!`)`+[^`\n]+`+"
# A footnote mark or a footnote's label ("[^1]", "[^quelle]:").
_FOOTNOTE = r"\[\^[^\[\]\s]{1,30}\]:?"
_URL = (r"\bhttps?://(?:[^\s<>()\[\]]|\([^\s<>()\[\]]*\))*"
        r"(?:[^\s<>()\[\].,;:!?\"'“”„]|\([^\s<>()\[\]]*\))")
_EMAIL = r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b"
# A social-media handle or hashtag is a name to look up, not words to translate.
_HANDLE = r"(?<![\w@#&/])[@#][^\W\d_]\w{1,49}\b"
_PLACEHOLDER_LIKE = r"\b[Zz][Zz] ?\d{1,7}\b"
_INLINE = re.compile(
    rf"(?P<image>!\[(?P<alt>[^\[\]\n]*)\]\((?P<iurl>{_DESTINATION})(?P<ititle>\s+\"[^\"]*\")?\))"
    rf"|(?P<link>\[(?P<ltext>[^\[\]\n]+)\]\((?P<lurl>{_DESTINATION})(?P<ltitle>\s+\"[^\"]*\")?\))"
    # A reference link: "[Fregatten][f]", "[Fregatten][]" (its definition is copied).
    r"|(?P<reflink>\[(?P<rtext>[^\[\]\n^][^\[\]\n]*)\]\[(?P<rref>[^\[\]\n]*)\])"
    rf"|(?P<code>{_CODE})"
    rf"|(?P<footnote>{_FOOTNOTE})"
    r"|(?P<autolink><(?:https?://|mailto:)[^<>\s]+>)"
    rf"|(?P<url>{_URL})"
    rf"|(?P<email>{_EMAIL})"
    rf"|(?P<handle>{_HANDLE})"
    # A run of 80 or more characters without a space is no word of any language (a German
    # compound stays far below): copied like code, never sent to the model.
    r"|(?P<longword>(?<!\S)\S{80,})"
    r"|(?P<strong>(?P<sm>\*\*|__)(?=\S)(?P<stext>(?:(?!(?P=sm)).)+?)(?<=\S)(?P=sm))"
    r"|(?P<em>(?<![\w*])(?P<em_m>[*_])(?=\S)(?P<etext>[^*_\n]+?)(?<=\S)(?P=em_m)(?![\w*]))"
    r"|(?P<tag></?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>)"
    # Text that looks like our own placeholders is protected like code, so it survives.
    rf"|(?P<lookalike>{_PLACEHOLDER_LIKE})"
)
# Copied spans and placeholder tokens: what says nothing about how well a sentence was
# translated (their words and digits are not the sentence's).
COPIED_SPAN = re.compile("|".join((_PLACEHOLDER_LIKE, _URL, _EMAIL, _HANDLE, _CODE, _FOOTNOTE)))
# A slot's token as the model may give it back; more digits than placeholders.PLACEHOLDER_RE
# allows, since a block can hold more than 999 slots.
_TOKEN = re.compile(r"\b[Zz][Zz] ?(\d{1,7})\b")


@dataclass
class InlineSlot:
    token: str
    before: str  # the markup before the inner text (the whole span when there is none)
    after: str = ""  # the markup after the inner text
    inner: InlineText | None = None  # translatable inner text (link text, alt, emphasis)
    kind: str = ""
    source: str = ""  # the span as it was in the input
    # Sides ("l", "r") where the span touched a word or another span: the token gets a space
    # there so that it stays a token ("<b>fett</b>" is "ZZ1 fett ZZ2", not "ZZ1fettZZ2"),
    # and the space goes again when the span is put back.
    glue: str = ""

    @property
    def url(self) -> str:
        """A link's or image's destination as written (the angle brackets of
        ``](<...>)`` taken off); "" for other slots."""
        if self.kind not in ("link", "image") or "](" not in self.source:
            return ""
        target = self.source[self.source.rindex("](") + 2 : -1].strip()
        if target.startswith("<") and ">" in target:
            return target[1 : target.index(">")]
        return target.split()[0] if target.split() else ""

    def render(self, inner: str) -> str:
        return self.before + inner + self.after if self.inner is not None else self.before


@dataclass
class InlineText:
    """A text with its inline markup cut out: `masked` goes to the translator."""

    masked: str
    slots: list[InlineSlot] = field(default_factory=list)
    wrap: str = ""  # emphasis marker wrapping the whole text ("**" or "*")
    translation: str | None = None
    # A link text or emphasis inside a sentence, not at its start: translated on its own, its
    # first word is not a sentence's first word.
    mid_sentence: bool = False
    # The words of its sentence right before it ("18 " in "18 *Kampfpanzer*"): a count there
    # makes its opening glossary term plural.
    lead: str = ""

    def walk(self) -> Iterator[InlineText]:
        """This text and every inner text, depth first (inner texts first)."""
        for slot in self.slots:
            if slot.inner is not None:
                yield from slot.inner.walk()
        yield self

    def restore(self) -> tuple[str, list[str]]:
        """The translated text with its markup put back (see restore_inline)."""
        return restore_inline(self, self.translation or "")


def _whole_emphasis(text: str) -> tuple[str, str]:
    for marker in ("**", "__", "*", "_"):
        n = len(marker)
        inner = text[n:-n] if len(text) > 2 * n else ""
        if (text.startswith(marker) and text.endswith(marker) and inner.strip() == inner
                and inner and marker not in inner):
            return marker, inner
    return "", text


def protect_inline(text: str) -> InlineText:
    """Cut links, images, code, URLs and emphasis out of `text`."""
    wrap, body = _whole_emphasis(text)
    alloc = placeholders.allocator(body)
    slots: list[InlineSlot] = []

    def replace(m: re.Match[str]) -> str:
        _, token = next(alloc)
        kind = m.lastgroup or ""
        span = m.group(0)
        before = body[m.start() - 1] if m.start() else " "
        after = body[m.end()] if m.end() < len(body) else " "
        # A footnote mark sits on what it annotates, a full stop included ("Fregatten.[^1]").
        glue = ("l" if before.isalnum() or before == "_" or (
            m.group("footnote") and not before.isspace()) else "") + (
            "r" if after.isalnum() or after in _SPAN_STARTS else "")
        if m.group("image"):
            after = "](" + m.group("iurl") + (m.group("ititle") or "") + ")"
            inner = protect_inline(m.group("alt")) if m.group("alt").strip() else None
            slots.append(InlineSlot(token, "![" if inner else span, after if inner else "",
                                    inner, "image", span))
        elif m.group("link"):
            after = "](" + m.group("lurl") + (m.group("ltitle") or "") + ")"
            slots.append(InlineSlot(token, "[", after, protect_inline(m.group("ltext")),
                                    "link", span))
        elif m.group("reflink"):
            slots.append(InlineSlot(token, "[", "][" + m.group("rref") + "]",
                                    protect_inline(m.group("rtext")), "link", span))
        elif m.group("strong"):
            marker = m.group("sm")
            slots.append(InlineSlot(token, marker, marker, protect_inline(m.group("stext")),
                                    "strong", span))
        elif m.group("em"):
            marker = m.group("em_m")
            slots.append(InlineSlot(token, marker, marker, protect_inline(m.group("etext")),
                                    "em", span))
        else:
            kind = next(k for k in ("code", "footnote", "autolink", "url", "email", "handle",
                                    "longword", "tag", "lookalike")
                        if m.group(k))
            slots.append(InlineSlot(token, span, "", None, kind, span))
        if slots[-1].kind in ("link", "strong", "em") and slots[-1].inner is not None:
            # Markdown marks and line breaks may also stand before a sentence's first word.
            slots[-1].inner.mid_sentence = not opens_sentence(
                body[: m.start()], OPENING_MARKS + "\t\n[*_")
            if slots[-1].inner.mid_sentence:
                slots[-1].inner.lead = body[max(0, m.start() - 60) : m.start()]
        slots[-1].glue = glue
        return (" " if "l" in glue else "") + token + (" " if "r" in glue else "")

    masked = _INLINE.sub(replace, body)
    return InlineText(masked, slots, wrap)


def restore_inline(item: InlineText, translation: str) -> tuple[str, list[str]]:
    """Put the slots back into a translated text. Returns (text, warnings).

    A slot whose token the translator lost is appended at the end, so no URL or
    link is ever dropped; a duplicated token is kept once.
    """
    warnings: list[str] = []
    rendered: dict[int, str] = {}
    kinds: dict[int, str] = {}
    for slot in item.slots:
        inner = ""
        if slot.inner is not None:
            inner = slot.inner.translation if slot.inner.translation is not None else ""
            inner, w = restore_inline(slot.inner, inner)
            warnings.extend(w)
        n = int(slot.token[len(placeholders.PREFIX):])
        rendered[n], kinds[n] = slot.render(inner), slot.kind
    out, placed = _fill(item, translation, _same, lambda slot, n: rendered[n])
    lost = [n for n in rendered if n not in placed]
    for n in lost:
        warnings.append(f"{kinds[n]} lost by the translator, appended: {rendered[n]}")
    if lost:
        out = " ".join([out.rstrip(), *(rendered[n] for n in lost)])
    out = re.sub(r"[ \t]{2,}", " ", out)
    if item.wrap:
        out = item.wrap + out.strip() + item.wrap
    return out, warnings


_OPEN, _CLOSE = "\ue000", "\ue001"  # private-use marks for slots while the text is checked
_MARK = re.compile(f"( ?){_OPEN}(\\d+){_CLOSE}( ?)")
_SPAN_STARTS = set("<[!*_`")  # a character after a span that may open the next one


def _same(text: str) -> str:
    return text


def _fill(item: InlineText, body: str, text: Callable[[str], str],
          slot: Callable[[InlineSlot, int], str]) -> tuple[str, set[int]]:
    """`body` with each slot's first token replaced by `slot(...)` (later copies dropped),
    every other trace of a token removed (a model's ``ZZ1n``, ``Z Z3``: the slot counts as
    lost), and the plain parts rendered by `text`. Returns the text and the slots placed."""
    by_number = {int(s.token[len(placeholders.PREFIX):]): s for s in item.slots}
    placed: set[int] = set()

    def mark(m: re.Match[str]) -> str:
        n = int(m.group(1))
        if n not in by_number:
            return m.group(0)
        if n in placed:
            return ""
        placed.add(n)
        return f"{_OPEN}{n}{_CLOSE}"

    out = _TOKEN.sub(mark, body.replace(_OPEN, "").replace(_CLOSE, ""))
    # What still looks like a token was not copied whole; only what the source itself
    # holds as text may stay.
    residue = placeholders.find_residue(out)
    if residue:
        source = _TOKEN.sub(" ", item.masked)
        own = {source[s:e] for s, e in placeholders.find_residue(source)}
        residue = [(s, e) for s, e in residue if out[s:e] not in own]
    for s, e in reversed(residue):
        out = out[:s] + out[e:]
    if residue:
        out = re.sub(r"[ \t]{2,}", " ", out)
    out = text(out)

    def put(m: re.Match[str]) -> str:
        n = int(m.group(2))
        found = by_number[n]
        left = "" if "l" in found.glue else m.group(1)
        right = "" if "r" in found.glue else m.group(3)
        return left + slot(found, n) + right

    return _MARK.sub(put, out), placed


def render_inline(item: InlineText, text: Callable[[str], str],
                  slot: Callable[[InlineSlot, str], str], *, body: str | None = None,
                  translated: bool = False) -> str:
    """An inline text in another format: `text` renders the plain parts, `slot` each slot
    given its rendered inner text. `body` is the text to render (default: the masked
    source, or the translation with `translated`); inner texts are taken from the source
    or the translation alike. A slot is rendered once, at its first token; traces of
    tokens a model did not copy whole are dropped."""

    def render(found: InlineSlot, n: int) -> str:
        inner = ""
        if found.inner is not None:
            inner = render_inline(found.inner, text, slot, translated=translated)
        return slot(found, inner)

    if body is None:
        body = item.translation if translated and item.translation is not None else item.masked
    out, _ = _fill(item, body, text, render)
    if item.wrap:
        kind = "strong" if len(item.wrap) == 2 else "em"
        out = slot(InlineSlot("", item.wrap, item.wrap, item, kind), out)
    return out
