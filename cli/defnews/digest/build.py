"""The streaming digest build.

Articles stream through in chunks, so memory holds the model, one chunk of articles and the
small finished entries. Each finished entry is stored in the SQLite store under the
article's content hash and the options that shaped it, so a run that is killed and started
again redoes nothing it had finished; the output file is written atomically at the end, and
only then are the articles marked as delivered (for ``--since last``).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from defnews.article import Article
from defnews.countries import country_mentions
from defnews.digest.stories import assemble
from defnews.digest.story import Digest, Entry, Skipped, SummarySentence
from defnews.digest.summaries import ArticleSummary, body_sentences, summarize_articles
from defnews.errors import InputError

if TYPE_CHECKING:
    from defnews.glossary import Glossary
    from defnews.store import Store
    from defnews.translate import Translator

CHUNK = 32  # articles read, summarised and translated together


# Part of the key of stored entries: raise it when the same options give other summaries,
# so that entries stored by an earlier version are not reused (2: candidates.py; 3: the
# learned German scorer; 4: furniture sentences and blocks; 5: the pair model).
SUMMARY_VERSION = 5


@dataclass
class DigestOptions:
    sentences: int = 3
    method: str = "default"
    date: str | None = None  # only articles of this day (YYYY-MM-DD)
    since: str | None = None  # "last" or YYYY-MM-DD
    translate_first: bool = False  # the slow path, for comparison
    translate: bool = True  # False: a German digest
    include_undated: bool = False  # with `date`: keep articles without a date

    def key(self) -> str:
        return (f"n={self.sentences};m={self.method};tf={int(self.translate_first)}"
                f";v={SUMMARY_VERSION}" + ("" if self.translate else ";tr=0"))

    def check(self) -> None:
        """Refuse dates that are not YYYY-MM-DD (exit 2)."""
        import datetime as dt

        for value, name in ((self.date, "--date"),
                            (self.since if self.since != "last" else None, "--since")):
            if value is not None:
                try:
                    dt.date.fromisoformat(value)
                except ValueError:
                    raise InputError(f"{name} wants a date like 2026-11-20, "
                                     f"not {value!r}") from None


def article_files(inputs: Sequence[Path], output: Path | None = None) -> list[Path]:
    """The article files of the inputs (folders searched recursively), refusing inputs that
    hold no article file at all."""
    from defnews import article_files as found

    # A digest written into a folder it digests is not read back on the next run.
    skip = [output] if output is not None and str(output) != "-" else []
    files = [f.path for f in found.find(inputs, skip=skip)]
    if not files:
        raise InputError("no article files (.txt .md .html .xml .rss) in "
                         + ", ".join(str(p) for p in inputs))
    return files


def nothing_new(digest: Digest, options: DigestOptions) -> bool:
    """--since last found no new article (and nothing was skipped): no digest to write."""
    return digest.articles == 0 and options.since == "last" and not digest.skipped


def require_articles(digest: Digest) -> None:
    """A digest without any article is an input error naming the first reasons."""
    if digest.articles == 0:
        reasons = "; ".join(f"{s['source']}: {s['reason']}" for s in digest.skipped[:3])
        raise InputError("no German articles to digest" + (f" ({reasons})" if reasons else ""))


def article_id(data: bytes, index: int = 0) -> str:
    return hashlib.sha256(data + f"#{index}".encode()).hexdigest()[:32]


@dataclass
class Found:
    """An article that goes into the digest: its id, the article, and its file."""

    id: str
    article: Article
    path: Path


def find_articles(
    files: Sequence[Path], options: DigestOptions, delivered: set[str], skipped: list[Skipped],
    progress: Callable[[int], None] = lambda n: None,
) -> Iterator[Found]:
    """The articles of `files` that the options select, in order; the ones left out for a
    reason the user should see are added to `skipped`. `progress(1)` after each file."""
    from defnews import readers
    from defnews.fileio import read_file_bytes

    since_date = options.since if options.since not in (None, "last") else None
    for path in files:
        data = read_file_bytes(path)
        try:
            articles = readers.read_bytes(data, name=str(path))
        except InputError as exc:
            skipped.append(Skipped(source=str(path), reason=exc.message))
            progress(1)
            continue
        for index, art in enumerate(articles):
            aid = article_id(data, index)
            if aid in delivered:
                continue
            if options.date and art.date != options.date and (
                    art.date or not options.include_undated):
                continue
            if since_date and art.date and art.date < since_date:
                continue
            if art.lang and art.lang != "de":
                skipped.append(Skipped(source=art.source or str(path),
                                       reason=f"language {art.lang!r}, not German"))
                continue
            if not body_sentences(art)[0]:
                skipped.append(Skipped(source=art.source or str(path),
                                       reason="no article text (empty, or only page furniture)"))
                continue
            yield Found(aid, art, path)
        progress(1)


def check_since_last(options: DigestOptions, store: Store) -> None:
    """--since last needs the store that remembers earlier deliveries: without it every
    article would look new, so refuse (exit 2) instead of digesting everything."""
    if options.since != "last" or store.enabled:
        return
    why = ("the store is switched off (--no-cache)" if store.path is None else
           f"the store {store.path} cannot be opened or written")
    raise InputError(f"--since last needs the store that remembers earlier digests, and {why}",
                     hint="Run without --since last, or with the store available.")


def dry_run_listing(files: Sequence[Path], options: DigestOptions, store: Store) -> str:
    """What a digest with these options would take (with --since last: what is new), one
    article a line (date, source, title), then the count; nothing is written."""
    delivered = store.delivered_ids() if options.since == "last" else set()
    skipped: list[Skipped] = []
    lines = [f"{f.article.date or 'undated':10}  {f.article.source or f.path}  "
             f"{f.article.title or ''}".rstrip()
             for f in find_articles(files, options, delivered, skipped)]
    lines += [f"skipped     {s['source']}: {s['reason']}" for s in skipped]
    new = "new " if options.since == "last" else ""
    lines.append(f"{len(lines) - len(skipped)} {new}article"
                 f"{'s' if len(lines) - len(skipped) != 1 else ''} would be digested")
    return "\n".join(lines)


def forget_deliveries(store: Store) -> int:
    """Forget which articles earlier digests delivered (--reset-since); returns how many."""
    with store.conn:
        return store.conn.execute("DELETE FROM delivered").rowcount


def build_digest(
    files: Sequence[Path],
    options: DigestOptions,
    *,
    translator_factory: Callable[[], Translator] | None,
    glossary: Glossary | None,
    store: Store,
    progress: Callable[[int], None] = lambda n: None,
    translation_progress: Callable[[int, int], None] = lambda done, added: None,
) -> tuple[Digest, list[str]]:
    """Build the digest; returns it with the ids of the articles it covers.
    `translator_factory` None: a German digest (nothing translated). `progress(1)` after
    each file read; `translation_progress(done, added)` as sentences are queued and
    translated."""
    delivered = store.delivered_ids() if options.since == "last" else set()
    translator: Translator | None = None
    entries: list[Entry] = []
    skipped: list[Skipped] = []
    ids: list[str] = []
    reused = 0
    notes: list[str] = []
    pending: list[tuple[str, Article]] = []

    def opt_key() -> str:
        parts = [options.key()]
        if translator is not None:
            parts.append(translator.model.identity())
        parts.append(glossary.content_hash if glossary is not None else "none")
        return "|".join(parts)

    def flush() -> None:
        nonlocal translator
        if not pending:
            return
        if translator is None and translator_factory is not None:
            translator = translator_factory()
        summaries = summarize_articles([art for _aid, art in pending], options.sentences,
                                       translator, translate_first=options.translate_first,
                                       method=options.method, glossary=glossary,
                                       progress=translation_progress)
        for (aid, _art), s in zip(pending, summaries, strict=True):
            notes.extend(s.notes)
            entry = make_entry(s, aid)
            store.entry_put(aid + "|" + opt_key(), aid, entry.to_json())
            entries.append(entry)
        pending.clear()

    if translator_factory is not None:
        translator = translator_factory()
    for found in find_articles(files, options, delivered, skipped, progress):
        ids.append(found.id)
        cached = store.entry_get(found.id + "|" + opt_key())
        if cached is not None:
            entry = Entry.from_json(cached)
            entry.source = found.article.source  # the file as named in this run
            entries.append(entry)
            reused += 1
            continue
        pending.append((found.id, found.article))
        if len(pending) >= CHUNK:
            flush()
    flush()
    digest = assemble(entries, skipped, options.date, reused,
                      translated=translator_factory is not None)
    digest.notes = notes
    return digest, ids


def make_entry(s: ArticleSummary, aid: str) -> Entry:
    a = s.article
    summary = [
        SummarySentence(de=sel.text, en=(s.translations[i] if s.translations else None),
                        position=sel.index, score=round(float(sel.score), 4))
        for i, sel in enumerate(s.selected)
    ]
    return Entry(
        id=aid, title=s.title_en or a.title, title_de=a.title, outlet=a.outlet,
        author=a.author, date=a.date, dateline=a.dateline, source=a.source, url=a.url,
        summary=summary, key_terms=s.key_terms, terms=s.term_outcomes,
        features=_features(s.sentences, a.title),
        countries=country_mentions(" ".join([a.title or "", *s.sentences])),
        sentences=len(s.sentences),
    )


def _features(sentences: Sequence[str], title: str | None) -> dict[str, int]:
    """Content-word counts (stemmed) used to recognise the same story across outlets."""
    from defnews.digest.summarizers.words import content_stems

    counts: Counter[str] = Counter()
    for s in [title or "", *sentences]:
        counts.update(content_stems(s, "de"))
    return dict(counts.most_common(80))
