"""A translation run: the translation memory, deduplication, the glossary and statistics.

Every finished sentence is remembered in the store keyed by its normalised source,
the model's identity, the glossary's hash and the decoding options.
"""

from __future__ import annotations

import functools
import re
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from defnews.article import Article
from defnews.models import InstalledModel
from defnews.store import NullStore, Store, tm_key
from defnews.translate import quality
from defnews.translate.engine import Engine, EngineOptions
from defnews.translate.plan import ArticleTranslation, SentenceResult

if TYPE_CHECKING:
    from defnews.glossary import Glossary

MAX_WORDS_PER_UNIT = 120  # longer "sentences" (no punctuation) are cut to fit the model
# Distinct sentences translated per step: enough for full batches on every thread, small
# enough for a progress bar to move on a long run.
MISS_CHUNK = 256
Progress = Callable[[int], None]


@dataclass
class RunStats:
    sentences: int = 0  # sentence occurrences in the input
    unique: int = 0
    from_memory: int = 0
    translated: int = 0
    model_calls: int = 0
    retried: int = 0  # sentences that looped or ran on, translated again more carefully
    retry_kept: int = 0  # of which the retry was better and replaced the first translation
    model_loaded: bool = False
    seconds: float = 0.0
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


class Translator:
    """A translation run: the model (loaded on first need), store, glossary and statistics."""

    def __init__(
        self,
        model: InstalledModel,
        options: EngineOptions | None = None,
        *,
        store: Store | None = None,
        glossary: Glossary | None = None,
    ) -> None:
        self.model = model
        self.options = options or EngineOptions()
        self._engine: Engine | None = None
        self.store = store or NullStore()
        self.glossary = glossary
        self.stats = RunStats()
        self._keep: set[str] | None = None

    @property
    def keep_words(self) -> set[str]:
        """Words an English output may hold though they are in the German too: every word
        of a glossary target, and the glossary's `keep` terms."""
        if self._keep is None:
            self._keep = set()
            for e in self.glossary.entries if self.glossary is not None else []:
                self._keep.update(w.lower() for w in re.findall(r"[^\W\d_]+", e.target))
                if e.keep:
                    self._keep.update(w.lower() for w in re.findall(r"[^\W\d_]+", e.de))
        return self._keep

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            self._engine = Engine(self.model, self.options)
        return self._engine

    def translate_sentences(self, sentences: Sequence[str],
                            progress: Progress | None = None) -> list[SentenceResult]:
        """Translate sentences with memory, dedup, batching and the glossary.

        `progress(n)` is called as sentence occurrences are done (memory hits first, then
        the rest in chunks of MISS_CHUNK distinct sentences)."""
        masked = [_mask_long_runs(s) for s in sentences]
        if any(runs for _, runs in masked):
            inner = self.translate_sentences([m for m, _ in masked], progress)
            return [_unmask_long_runs(original, runs, r)
                    for original, (_, runs), r in zip(sentences, masked, inner, strict=True)]
        t0 = time.perf_counter()
        advance = progress or (lambda n: None)
        occurrences = Counter(sentences)
        self.stats.sentences += len(sentences)
        # Sentences with no word and no number (punctuation, symbols, lone markup) are not
        # sent to the model: it would invent words for "[[[[" or "# -".
        unique = list(dict.fromkeys(s for s in sentences if _has_content(s)))
        self.stats.unique += len(unique)
        results: dict[str, SentenceResult] = {}
        if unique:
            identity = self.model.identity()
            gkey = self.glossary.content_hash if self.glossary is not None else "none"
            keys = {s: tm_key(s, identity, gkey, self.options.key()) for s in unique}
            hits = self.store.tm_get_many(list(keys.values()))
            misses = []
            for s in unique:
                hit = hits.get(keys[s])
                if hit is not None:
                    results[s] = SentenceResult(s, hit[0], cached=True, terms=hit[1] or [])
                else:
                    misses.append(s)
            self.stats.from_memory += len(unique) - len(misses)
            advance(len(sentences) - sum(occurrences[s] for s in misses))
            for start in range(0, len(misses), MISS_CHUNK):
                chunk = misses[start : start + MISS_CHUNK]
                fresh = self._translate_misses(chunk)
                self.stats.translated += len(chunk)
                self.store.tm_put_many(
                    (keys[r.source], r.source, r.text, identity, gkey, r.terms) for r in fresh
                )
                for r in fresh:
                    results[r.source] = r
                advance(sum(occurrences[s] for s in chunk))
        else:
            advance(len(sentences))
        if self._engine is not None:
            self.stats.model_calls = self._engine.model_calls
            self.stats.model_loaded = self._engine.loaded
        for r in results.values():
            r.flags = quality.flags(r.source, r.text, self.keep_words)
        self.stats.seconds += time.perf_counter() - t0
        return [results.get(s) or SentenceResult(s, s) for s in sentences]

    def _translate_misses(self, misses: list[str]) -> list[SentenceResult]:
        # Very long units (no punctuation for pages) are cut into word windows that fit.
        pieces: list[list[str]] = [_cut_long(s) for s in misses]
        flat = [p for ps in pieces for p in ps]
        texts, terms = self._translate_pieces(flat)
        # A loop or run-on is translated once more with the repetition penalty; the retry
        # is kept when it is better.
        keep = self.keep_words
        retry = [i for i, (src, t) in enumerate(zip(flat, texts, strict=True))
                 if quality.RETRYABLE & set(quality.flags(src, t, keep))]
        if retry:
            again, again_terms = self._translate_pieces([flat[i] for i in retry], careful=True)
            self.stats.retried += len(retry)
            for i, text, ts in zip(retry, again, again_terms, strict=True):
                # Better means fewer flags without losing a glossary term the first had.
                if (_applied(ts) >= _applied(terms[i])
                        and _badness(flat[i], text, keep) < _badness(flat[i], texts[i], keep)):
                    texts[i], terms[i] = text, ts
                    self.stats.retry_kept += 1
        out = []
        i = 0
        for source, ps in zip(misses, pieces, strict=True):
            n = len(ps)
            out.append(SentenceResult(source, " ".join(texts[i : i + n]),
                                      terms=[t for ts in terms[i : i + n] for t in ts]))
            i += n
        return out

    def _translate_pieces(self, flat: list[str], *,
                          careful: bool = False) -> tuple[list[str], list[list[dict[str, Any]]]]:
        engine = self.engine
        translate = functools.partial(engine.translate_batch, careful=careful)
        if self.glossary is not None and len(self.glossary):
            from defnews.glossary import enforce

            nbest = functools.partial(engine.translate_nbest, careful=careful)
            enforced = enforce(flat, self.glossary, translate, nbest)
            texts = [e.text for e in enforced]
            terms = [list(e.terms) for e in enforced]
        else:
            texts = translate(flat)
            terms = [[] for _ in flat]
        texts = [_drop_invented_placeholders(src, t) for src, t in zip(flat, texts, strict=True)]
        return texts, terms

    # -- articles
    def plan_articles(self, articles: Sequence[Article], *,
                      include_boilerplate: bool = True) -> list[ArticleTranslation]:
        """Each article's plan: the sentences to translate (count them for a progress bar)."""
        return [ArticleTranslation.plan(a, include_boilerplate, self.glossary) for a in articles]

    def translate_articles(self, articles: Sequence[Article], *,
                           include_boilerplate: bool = True) -> list[ArticleTranslation]:
        """Translate every translatable block of every article in one batched pass."""
        return self.translate_plans(self.plan_articles(
            articles, include_boilerplate=include_boilerplate))

    def translate_plans(self, plans: list[ArticleTranslation],
                        progress: Progress | None = None) -> list[ArticleTranslation]:
        """Translate planned articles together (sentences batched across articles)."""
        all_sentences = [s for p in plans for s in p.sentences()]
        results = self.translate_sentences(all_sentences, progress)
        i = 0
        for p in plans:
            n = len(p.sentences())
            p.apply(results[i : i + n])
            i += n
            self.stats.warnings.extend(p.warnings)
        return plans


_TOKENS = re.compile(r"\b[Zz][Zz] ?\d{1,7}\b")


def _has_content(sentence: str) -> bool:
    """Whether a sentence holds a letter or digit outside placeholder tokens."""
    return any(c.isalnum() for c in _TOKENS.sub("", sentence))


def _applied(terms: Sequence[dict[str, Any]]) -> int:
    """Glossary terms whose English form is in the text (compounds are only reported)."""
    return sum(t.get("status") in ("placeholder", "fallback") for t in terms)


def _badness(source: str, text: str, keep: set[str]) -> tuple[int, int]:
    found = quality.flags(source, text, keep)
    return len(quality.RETRYABLE.intersection(found)), len(found)


def _drop_invented_placeholders(source: str, text: str) -> str:
    """Placeholder-like tokens the model made up (not in the source) never reach the user."""
    from defnews import placeholders

    allowed = placeholders.numbers_in(source)
    if not placeholders.PLACEHOLDER_RE.search(text):
        return text
    cleaned = placeholders.PLACEHOLDER_RE.sub(
        lambda m: m.group(0) if int(m.group(1)) in allowed else "", text)
    return re.sub(r"[ \t]{2,}", " ", cleaned).strip()


def _cut_long(sentence: str) -> list[str]:
    words = sentence.split()
    if len(words) <= MAX_WORDS_PER_UNIT:
        return [sentence]
    return [" ".join(words[i : i + MAX_WORDS_PER_UNIT])
            for i in range(0, len(words), MAX_WORDS_PER_UNIT)]


# A run of 80 or more characters without a space is no word (inline.py copies it the same way
# in articles); in sentences that come without inline protection (summaries) it is masked here.
_LONG_RUN = re.compile(r"(?<!\S)\S{80,}")


def _mask_long_runs(sentence: str) -> tuple[str, list[tuple[str, str]]]:
    """The sentence with every long run replaced by a placeholder token, and (token, run)."""
    if len(sentence) < 80 or not _LONG_RUN.search(sentence):
        return sentence, []
    from defnews import placeholders

    fresh = placeholders.allocator(sentence)
    runs: list[tuple[str, str]] = []

    def replace(m: re.Match[str]) -> str:
        _, token = next(fresh)
        runs.append((token, m.group(0)))
        return token

    return _LONG_RUN.sub(replace, sentence), runs


def _unmask_long_runs(original: str, runs: list[tuple[str, str]],
                      result: SentenceResult) -> SentenceResult:
    """The result for the original sentence: each run back byte for byte (appended when the
    model lost its token)."""
    if not runs:
        return result
    from defnews import placeholders

    text = result.text
    for token, run in runs:
        text, found = placeholders.substitute(text, token, run)
        if not found:
            text = f"{text.rstrip()} {run}"
    return SentenceResult(original, text, result.cached, result.terms, result.flags)
