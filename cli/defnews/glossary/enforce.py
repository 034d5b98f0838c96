"""Glossary enforcement: protect terms with placeholders, restore and verify, fall back.

Enforcement protects each matched term with a placeholder token (placeholders.py) that the
model copies, restores the English target with the right number and capitalisation,
verifies that every term arrived, and falls back to a plain translation with known variants
replaced where a placeholder was lost (see `enforce` for every stage).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from defnews import placeholders
from defnews.glossary.match import Glossary, Match, mostly_upper
from defnews.textutil import opens_sentence


def protect(glossary: Glossary, sentence: str) -> Masked:
    alloc = placeholders.allocator(sentence)
    out, slots, pos = [], [], 0
    found = glossary.find(sentence)
    for m in found:
        if m.compound:
            continue
        _, token = next(alloc)
        out.append(sentence[pos : m.start])
        out.append(token)
        slots.append(Slot(token, m))
        pos = m.end
    out.append(sentence[pos:])
    compounds = [m for m in found if m.compound]
    return Masked("".join(out), slots, sentence, compounds)


def restore(translation: str, masked: Masked) -> Restored:
    text = translation
    outcomes = []
    for slot in masked.slots:
        m = slot.match
        hits = placeholders.find(text, placeholders.number(slot.token))
        if not hits:
            outcomes.append(_outcome(m, "missing"))
            continue
        english = render_target(m, sentence_start=opens_sentence(text[: hits[0].start()]),
                                caps=mostly_upper(masked.source))
        text, _ = placeholders.substitute(text, slot.token, english)
        outcomes.append(_outcome(m, "placeholder"))
    # No placeholder of ours may survive (mangled ones included).
    own = {placeholders.number(s.token) for s in masked.slots}
    text = placeholders.PLACEHOLDER_RE.sub(
        lambda x: "" if int(x.group(1)) in own else x.group(0), text)
    text = re.sub(r"[ \t]{2,}", " ", text).strip()
    return Restored(text, outcomes)


@dataclass
class Slot:
    token: str
    match: Match


@dataclass
class Masked:
    text: str
    slots: list[Slot]
    source: str
    compounds: list[Match] = field(default_factory=list)


@dataclass
class Restored:
    text: str
    outcomes: list[dict[str, Any]]


@dataclass
class Enforced:
    source: str
    text: str
    terms: list[dict[str, Any]]


def _outcome(m: Match, status: str, reason: str = "") -> dict[str, Any]:
    d = m.to_dict()
    d["status"] = status
    if reason:
        d["reason"] = reason
    return d


def english_plural(word: str) -> str:
    # A target already plural (troops, armed forces, barracks, headquarters, corps) stays as
    # it is: only -ss, -us, -is, -as, -os words take -es (class → classes, bus → buses).
    if word.endswith("s") and not word.endswith(("ss", "us", "is", "as", "os")):
        return word
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return word + "es"
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


def render_target(m: Match, *, sentence_start: bool = False, caps: bool = False) -> str:
    en = m.en
    entry = m.entry
    if m.plural and entry is not None and not entry.keep:
        if entry.plural:
            en = entry.plural
        elif " of " in en:  # chief of staff → chiefs of staff
            head, _, rest = en.partition(" of ")
            en = english_plural(head) + " of " + rest
        else:
            words = en.split()
            words[-1] = english_plural(words[-1])
            en = " ".join(words)
    if sentence_start and en[:1].islower():
        en = en[:1].upper() + en[1:]
    if caps:
        en = en.upper()
    return en


NBest = Callable[[list[str], int], list[list[str]]]


@dataclass
class _Candidate:
    text: str
    statuses: list[str]  # per slot: placeholder | fallback | not_applied
    method: str  # placeholder | n-best | variants | inline | split
    clean: bool = True  # no trace of the masking scheme but the source's own tokens

    @property
    def applied(self) -> int:
        return sum(s != "not_applied" for s in self.statuses)

    @property
    def rank(self) -> tuple[bool, int]:
        return self.clean, self.applied


def enforce(sentences: list[str], glossary: Glossary,
            translate_batch: Callable[[list[str]], list[str]],
            translate_nbest: NBest | None = None, *, nbest: int = 4,
            split_fallback: bool = True) -> list[Enforced]:
    """Protect terms, translate once, restore and verify; fall back for lost terms.

    The stages, each a batch over the sentences still missing a term or holding a trace of
    a placeholder in any shape (``placeholders.find_residue``): the placeholder translation;
    the other n-best hypotheses of it; a plain translation with the model's known variants
    replaced; the English target written into the German sentence; and, last, the sentence
    translated in pieces around its terms with the targets put between them (the term always
    arrives, at some cost in fluency; the report says so). A text that still holds a trace
    after every stage has it cut out. Every candidate is verified the same way: a term counts
    as applied only where its English form stands in the text as a whole word, each
    occurrence claimed by one term; the statuses reported are those of the final text.
    """
    masked = [protect(glossary, s) for s in sentences]
    outputs = translate_batch([m.text for m in masked])
    best: dict[int, _Candidate] = {}
    for i, (mk, out) in enumerate(zip(masked, outputs, strict=True)):
        best[i] = _restored_candidate(glossary, out, mk, "placeholder")

    def missing(*, with_terms: bool) -> list[int]:
        return [i for i, c in best.items() if (not with_terms or masked[i].slots)
                and c.rank < (True, len(masked[i].slots))]

    def offer(i: int, cand: _Candidate) -> None:
        if cand.rank > best[i].rank:
            best[i] = cand

    todo = missing(with_terms=False)
    if todo and translate_nbest is not None and nbest > 1:
        for i, hyps in zip(todo, translate_nbest([masked[i].text for i in todo], nbest),
                           strict=True):
            for hyp in hyps[1:]:
                offer(i, _restored_candidate(glossary, hyp, masked[i], "n-best"))
    # Without terms the sentence was sent as it is: a retranslation would give the same.
    todo = missing(with_terms=True)
    if todo:
        for i, plain in zip(todo, translate_batch([sentences[i] for i in todo]), strict=True):
            offer(i, _variant_candidate(plain, masked[i], "variants"))
    todo = missing(with_terms=True)
    if todo:
        seeded = [_with_targets(sentences[i], masked[i]) for i in todo]
        for i, out in zip(todo, translate_batch(seeded), strict=True):
            offer(i, _variant_candidate(out, masked[i], "inline"))
    todo = missing(with_terms=True)
    if todo and split_fallback:
        pieces = {i: _split_at_terms(sentences[i], masked[i]) for i in todo}
        wanted = list(dict.fromkeys(p for ps in pieces.values() for p in ps if _has_words(p)))
        done = dict(zip(wanted, translate_batch(wanted), strict=True)) if wanted else {}
        for i in todo:
            offer(i, _split_candidate(sentences[i], masked[i], pieces[i], done))
    for i, cand in best.items():
        if not cand.clean:  # the last resort: cut the traces out, verify again
            text = placeholders.scrub(cand.text,
                                      placeholders.foreign_residue(cand.text, sentences[i]))
            best[i] = _verified(text, masked[i], cand.statuses, cand.method)

    results: list[Enforced] = []
    for i, mk in enumerate(masked):
        cand = best[i]
        written = _written_forms(cand.text, mk, cand.statuses)
        terms: list[dict[str, Any]] = []
        for k, (slot, status) in enumerate(zip(mk.slots, cand.statuses, strict=True)):
            if status == "not_applied":
                reason = "placeholder lost and the term not in any retranslation"
            elif status == "fallback":
                reason = {
                    "variants": "placeholder lost; plain translation, variant replaced",
                    "inline": "placeholder lost; target written into the source",
                    "split": "placeholder lost; translated in pieces around the term",
                }.get(cand.method, "")
            else:
                reason = "" if cand.method == "placeholder" else "from another hypothesis"
            term = _outcome(slot.match, status, reason)
            term["method"] = cand.method if status != "not_applied" else "none"
            if written[k] is not None:
                term["written"] = written[k]
            terms.append(term)
        terms += [_outcome(c, "compound", "part of a compound: reported, not enforced")
                  for c in mk.compounds]
        terms.sort(key=lambda t: t["start"])  # sentence order, compounds among the rest
        results.append(Enforced(sentences[i], cand.text, terms))
    return results


def _target_rx(m: Match) -> re.Pattern[str]:
    """The English form of a term as a whole word (``tank`` is not in ``tanker``)."""
    return re.compile(rf"(?<!\w){re.escape(render_target(m))}(?!\w)", re.IGNORECASE)


def _claims(text: str, masked: Masked, statuses: list[str]) -> list[tuple[int, int] | None]:
    """Per slot, the span of the text its English form occupies, or None. Each occurrence
    serves one slot: longer forms claim first (one ``main battle tank`` is not also a
    ``tank``), then slots in sentence order take the leftmost free occurrence."""
    spans: list[tuple[int, int] | None] = [None] * len(masked.slots)
    taken: list[tuple[int, int]] = []
    order = sorted(range(len(masked.slots)),
                   key=lambda k: -len(render_target(masked.slots[k].match)))
    for k in order:
        if statuses[k] == "not_applied":
            continue
        for hit in _target_rx(masked.slots[k].match).finditer(text):
            s, e = hit.span()
            if not any(s < te and ts < e for ts, te in taken):
                spans[k] = (s, e)
                taken.append((s, e))
                break
    return spans


def _verified(text: str, masked: Masked, statuses: list[str], method: str) -> _Candidate:
    """A candidate whose statuses say only what the text shows."""
    spans = _claims(text, masked, statuses)
    checked = [st if span is not None else "not_applied"
               for st, span in zip(statuses, spans, strict=True)]
    clean = not placeholders.foreign_residue(text, masked.source)
    return _Candidate(text, checked, method, clean)


def _written_forms(text: str, masked: Masked, statuses: list[str]) -> list[str | None]:
    return [None if span is None else text[span[0]:span[1]]
            for span in _claims(text, masked, statuses)]


def _restored_candidate(glossary: Glossary, output: str, masked: Masked,
                        method: str) -> _Candidate:
    restored = restore(output, masked)
    statuses = ["not_applied" if o["status"] == "missing" else "placeholder"
                for o in restored.outcomes]
    return _verified(restored.text, masked, statuses, method)


def _variant_candidate(text: str, masked: Masked, method: str) -> _Candidate:
    text, statuses = _score_candidate(text, masked)
    return _verified(text, masked, statuses, method)


def _has_words(text: str) -> bool:
    return any(c.isalpha() for c in text)


def _split_at_terms(sentence: str, masked: Masked) -> list[str]:
    """The stretches of the sentence before, between and after its terms."""
    out, pos = [], 0
    for slot in masked.slots:
        out.append(sentence[pos : slot.match.start])
        pos = slot.match.end
    out.append(sentence[pos:])
    return out


def _split_candidate(sentence: str, masked: Masked, pieces: list[str],
                     translated: dict[str, str]) -> _Candidate:
    caps = mostly_upper(sentence)
    parts: list[str] = []
    last = len(pieces) - 1
    for k, piece in enumerate(pieces):
        if _has_words(piece):
            text = translated.get(piece, piece).strip()
            # A piece holds no placeholder, so any trace in its translation is invented (an
            # undertrained model writes ``ZZ1`` unasked): cut it here, or the whole
            # candidate would count as unclean and every term in it would be lost.
            text = placeholders.scrub(text, placeholders.foreign_residue(text, piece))
            if k < last:  # a fragment is not a sentence: no full stop in the middle
                text = text.rstrip(".!?").rstrip()
            parts.append(text)
        elif piece.strip():
            parts.append(piece.strip())
        if k < last:
            m = masked.slots[k].match
            at_start = not "".join(parts).strip()
            parts.append(render_target(m, sentence_start=at_start, caps=caps))
    text = " ".join(p for p in parts if p)
    text = re.sub(r"\s+([,.;:!?)])", r"\1", text)
    if text[:1].islower() and sentence[:1].isupper():
        text = text[:1].upper() + text[1:]
    return _verified(text, masked, ["fallback"] * len(masked.slots), "split")


def _score_candidate(text: str, masked: Masked) -> tuple[str, list[str]]:
    statuses = []
    for slot in masked.slots:
        text, status = _apply_variants(text, slot.match)
        statuses.append(status)
    return text, statuses


def _with_targets(sentence: str, masked: Masked) -> str:
    out, pos = [], 0
    for slot in masked.slots:
        m = slot.match
        out.append(sentence[pos : m.start])
        out.append(render_target(m))
        pos = m.end
    out.append(sentence[pos:])
    return "".join(out)


def _apply_variants(text: str, m: Match) -> tuple[str, str]:
    target = render_target(m)
    if _target_rx(m).search(text):
        return text, "fallback"
    variants = list(m.entry.variants) if m.entry is not None else []
    variants += [m.surface, m.de]
    for v in sorted(variants, key=len, reverse=True):
        pat = re.compile(rf"(?<!\w){re.escape(v)}(?!\w)", re.IGNORECASE)
        if pat.search(text):
            return pat.sub(target, text, count=1), "fallback"
    return text, "not_applied"
