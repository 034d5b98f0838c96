"""The plan that maps an article's blocks to sentences and the translations back.

Each translatable block has its inline markup cut out (inline.py); the masked texts are
split into sentences, which the run translates; `apply` joins the translations and puts
the markup back into `Block.translation`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from defnews import inline, segment
from defnews.article import Article, Block
from defnews.translate import metadata

if TYPE_CHECKING:
    from defnews.glossary import Glossary


@dataclass
class SentenceResult:
    source: str
    text: str
    cached: bool = False
    terms: list[dict[str, Any]] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)  # see translate/quality.py



@dataclass
class SentenceRow:
    """One sentence of a block as a reader sees it: inline markup as plain text, link texts
    and emphasis inside their sentence (the bilingual and JSON outputs show these)."""

    source: str  # the German sentence as in the input
    translation: str  # its English
    cached: bool = False
    flags: list[str] = field(default_factory=list)


def _plain_slot(slot: inline.InlineSlot, inner: str) -> str:
    if slot.kind == "image":
        return f"[image: {inner}]" if slot.inner is not None else "[image]"
    if slot.inner is not None:  # link, strong, em: their text
        return inner
    return slot.source


def _plain(text: str) -> str:
    return " ".join(text.split())


def _keep(text: str) -> str:
    return text


def _source_plain(text: str) -> str:
    return inline.render_inline(inline.protect_inline(text), _keep, _plain_slot)


@dataclass
class _Unit:
    """One InlineText split into sentences, with the whitespace between them."""

    item: inline.InlineText
    sentences: list[str]
    separators: list[str]  # separators[i] goes before sentences[i] (first is leading ws)
    trailing: str
    top: bool = True  # a block's (or table cell's) own text, not a link text or emphasis


def _split_units(item: inline.InlineText, lang: str = "de") -> _Unit:
    text = item.masked
    spans = segment.sentence_spans(text, lang)
    sentences, seps = [], []
    pos = 0
    for s, e in spans:
        seps.append(text[pos:s])
        sentences.append(text[s:e])
        pos = e
    return _Unit(item, sentences, seps, text[pos:])


def _join(unit: _Unit, translations: list[str]) -> str:
    parts = []
    for i, (sep, t) in enumerate(zip(unit.separators, translations, strict=True)):
        if i == 0:
            parts.append(sep.strip(" \t"))
        else:
            parts.append("\n" if "\n" in sep else " ")
        parts.append(t)
    return "".join(parts) + unit.trailing.strip(" \t")


def _term_case_inside(text: str, german: str, terms: list[dict[str, Any]]) -> str:
    """A link text or emphasis inside a sentence, translated on its own, that opens with a
    glossary term: the term as the glossary writes it ("18 *main battle tanks*"), not
    capitalised as a sentence's first word; the term's report shows the form written. Only
    glossary terms are lowered: a model's first word may be a name or an adjective English
    capitalises ("German", "Russian")."""
    first = re.match(r"\s*(\w+)", text)
    opens_at = len(german) - len(german.lstrip())
    if not first or not first.group(1)[:1].isupper() or first.group(1).isupper():
        return text
    for n, t in enumerate(terms):
        en = str(t.get("en") or "")
        if t.get("start") == opens_at and en[:1].islower() and \
                first.group(1).lower().startswith(en.split()[0].lower()):
            written = str(t.get("written") or "")
            if written[:1].isupper():
                terms[n] = {**t, "written": written[0].lower() + written[1:]}
            k = first.start(1)
            return text[:k] + text[k].lower() + text[k + 1:]
    return text


def _term_count_inside(text: str, german: str, lead: str, terms: list[dict[str, Any]],
                       glossary: Glossary) -> str:
    """A link text or emphasis counted by the words before it in its sentence ("18
    *Kampfpanzer*"), translated on its own: its opening glossary term in the plural, as the
    running sentence would have it ("18 *main battle tanks*"); the report shows that form."""
    from defnews.glossary.enforce import render_target

    opens_at = len(german) - len(german.lstrip())
    for n, t in enumerate(terms):
        if t.get("start") != opens_at or t.get("plural") or t.get("compound") \
                or t.get("status") not in ("placeholder", "fallback"):
            continue
        counted = [m for m in glossary.find(lead + german)
                   if m.start == len(lead) + opens_at and m.plural]
        written = str(t.get("written") or "")
        hit = re.search(rf"(?<!\w){re.escape(written)}(?!\w)", text) if written else None
        if not counted or hit is None:
            return text
        plural = render_target(counted[0], sentence_start=written[:1].isupper(),
                               caps=written.isupper())
        terms[n] = {**t, "plural": True, "genitive": False, "written": plural}
        return text[: hit.start()] + plural + text[hit.end() :]
    return text


@dataclass
class ArticleTranslation:
    """An article's translation plan and, once applied, its results."""

    article: Article
    blocks: list[tuple[Block, inline.InlineText | inline.TableRow, list[_Unit]]] = field(
        default_factory=list)
    results: dict[int, list[SentenceResult]] = field(default_factory=dict)  # block idx → results
    rows: dict[int, list[SentenceRow]] = field(default_factory=dict)  # block idx → its sentences
    fixed: dict[int, str] = field(default_factory=dict)  # block idx → metadata, not translated
    dateline: tuple[int, str] | None = None  # block idx, "MOSCOW (AP) —" that opens it
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0
    glossary: Glossary | None = None  # for a term's number inside a link text or emphasis

    @classmethod
    def plan(cls, article: Article, include_boilerplate: bool = True,
             glossary: Glossary | None = None) -> ArticleTranslation:
        plan = cls(article, glossary=glossary)
        opened = metadata.dateline_block(article)
        english_dateline = metadata.english_dateline(article, glossary)
        for i, block in enumerate(article.blocks):
            if not block.translatable or (block.boilerplate and not include_boilerplate):
                continue
            fixed = metadata.metadata_text(block, article)
            text = block.text
            if i == opened and english_dateline:
                plan.dateline = (len(plan.blocks), english_dateline)
                text = metadata.cut_dateline(text, article) or text
            item = inline.protect_row(text) if block.kind == "table_row" else \
                inline.protect_inline(text)
            if fixed is not None:
                plan.fixed[len(plan.blocks)] = fixed
                plan.blocks.append((block, item, []))
                continue
            own = {id(c) for c in item.cells} if isinstance(item, inline.TableRow) else {id(item)}
            units = [_split_units(t) for t in item.walk()]
            for u in units:
                u.top = id(u.item) in own
            plan.blocks.append((block, item, units))
        return plan

    def sentences(self) -> list[str]:
        return [s for _, _, units in self.blocks for u in units for s in u.sentences]

    def apply(self, results: Sequence[SentenceResult]) -> None:
        i = 0
        for bi, (block, item, units) in enumerate(self.blocks):
            block_results = []
            own: list[tuple[_Unit, list[SentenceResult]]] = []
            for u in units:
                rs = list(results[i : i + len(u.sentences)])
                i += len(u.sentences)
                u.item.translation = _join(u, [r.text for r in rs])
                if u.item.mid_sentence and rs:
                    # A result may serve several units (the same text translated once): this
                    # unit's report gets its own copy of the terms.
                    terms = list(rs[0].terms)
                    if u.item.lead and self.glossary is not None:
                        u.item.translation = _term_count_inside(
                            u.item.translation, u.sentences[0], u.item.lead, terms,
                            self.glossary)
                    u.item.translation = _term_case_inside(u.item.translation, u.sentences[0],
                                                           terms)
                    rs[0] = replace(rs[0], terms=terms)
                block_results.extend(rs)
                if u.top:
                    own.append((u, rs))
            self.results[bi] = block_results
            if bi in self.fixed:
                block.translation = self.fixed[bi]
                self.rows[bi] = [SentenceRow(_plain(_source_plain(block.text)),
                                             _plain(self.fixed[bi]))]
                continue
            text, warnings = item.restore()
            self.warnings.extend(f"{self.article.source or '-'}: {w}" for w in warnings)
            if self.dateline and self.dateline[0] == bi:
                text = f"{self.dateline[1]} {text}"
            block.translation = text
            # Inner texts are translated before their sentence is rendered.
            self.rows[bi] = [
                SentenceRow(
                    _plain(inline.render_inline(u.item, _keep, _plain_slot, body=s)),
                    _plain(inline.render_inline(u.item, _keep, _plain_slot, body=r.text,
                                                translated=True)),
                    r.cached, list(r.flags))
                for u, rs in own for s, r in zip(u.sentences, rs, strict=True)]
            if self.dateline and self.dateline[0] == bi and self.rows[bi]:
                first = self.rows[bi][0]
                first.translation = f"{self.dateline[1]} {first.translation}"

    def flagged(self) -> list[tuple[int, SentenceRow]]:
        """(block index, row) of every flagged sentence, in document order."""
        return [(bi, r) for bi in sorted(self.rows) for r in self.rows[bi] if r.flags]

    def term_report(self) -> list[dict[str, Any]]:
        """Every term occurrence, in document order, with offsets into the input as read.

        `start`/`end` locate the surface in the decoded input (None where the reader changed
        the text, e.g. HTML entities); `sentence_start`/`sentence_end` are offsets into the
        sentence that was translated.
        """
        source = self.article.input_text or ""
        cursor = self.article.input_offset
        out = []
        for rs in self.results.values():
            # A block's sentences come inner texts first (a link text before the sentence
            # around it), so each term takes the first occurrence of its surface in the
            # block that no earlier term of the block took, and the block's terms are put
            # back in document order.
            block_start, used, block_terms = cursor, set(), []
            for r in rs:
                for t in r.terms:  # in sentence order (enforce sorts them)
                    d = dict(t)
                    d["sentence_start"], d["sentence_end"] = t.get("start"), t.get("end")
                    surface = t.get("surface") or ""
                    pos = source.find(surface, block_start) if surface else -1
                    while pos >= 0 and pos in used:
                        pos = source.find(surface, pos + 1)
                    if pos >= 0:
                        d["start"], d["end"] = pos, pos + len(surface)
                        used.add(pos)
                        cursor = max(cursor, pos + len(surface))
                    else:
                        d["start"] = d["end"] = None
                    block_terms.append(d)
            block_terms.sort(key=lambda d: (d["start"] is None, d["start"] or 0))
            out.extend(block_terms)
        return out
