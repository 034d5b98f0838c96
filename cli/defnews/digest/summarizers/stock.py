"""sumy's stock summarisers (LexRank, TextRank, LSA, Luhn, Edmundson, SumBasic, KL).

We build sumy's document model ourselves with a tokenizer backed by ``defnews.segment``,
because sumy's own Tokenizer needs NLTK punkt data that cannot be fetched offline.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from defnews.digest.summarizers.words import SegmentTokenizer, stemmer, stop_words, words

METHODS = ("lexrank", "textrank", "lsa", "luhn", "edmundson", "sumbasic", "kl")

# Edmundson's cue method needs stigma words (they lower a sentence's rating). For news these
# are hedges and conversational filler that rarely carry the facts of a story.
_STIGMA_WORDS = {
    "en": (
        "perhaps",
        "maybe",
        "hardly",
        "apparently",
        "anyway",
        "actually",
        "really",
        "probably",
        "seems",
        "think",
        "feel",
        "guess",
        "hopefully",
        "obviously",
    ),
    "de": (
        "vielleicht",
        "eigentlich",
        "wohl",
        "halt",
        "eben",
        "irgendwie",
        "angeblich",
        "offenbar",
        "scheinbar",
        "vermutlich",
        "glaube",
        "denke",
        "hoffentlich",
        "ja",
    ),
}


def build_document(
    sentences: Sequence[str],
    lang: str,
    title: str | None = None,
    paragraph_starts: Sequence[int] = (),
) -> Any:
    """sumy ObjectDocumentModel from pre-segmented sentences (the title becomes a heading)."""
    from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence

    tokenizer = SegmentTokenizer(lang)
    starts = sorted({i for i in paragraph_starts if 0 < i < len(sentences)})
    bounds = [0, *starts, len(sentences)]
    paragraphs = []
    for p, (a, b) in enumerate(zip(bounds[:-1], bounds[1:], strict=True)):
        objs = [Sentence(s, tokenizer) for s in sentences[a:b]]
        if p == 0 and title and title.strip():
            objs.insert(0, Sentence(title, tokenizer, is_heading=True))
        paragraphs.append(Paragraph(objs))
    return ObjectDocumentModel(paragraphs)


def _make_summarizer(
    method: str, sentences: Sequence[str], lang: str, title: str | None, key_terms: Sequence[str]
) -> Any:
    from sumy.summarizers.edmundson import EdmundsonSummarizer
    from sumy.summarizers.kl import KLSummarizer
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.summarizers.lsa import LsaSummarizer
    from sumy.summarizers.luhn import LuhnSummarizer
    from sumy.summarizers.sum_basic import SumBasicSummarizer
    from sumy.summarizers.text_rank import TextRankSummarizer

    classes = {
        "lexrank": LexRankSummarizer,
        "textrank": TextRankSummarizer,
        "lsa": LsaSummarizer,
        "luhn": LuhnSummarizer,
        "edmundson": EdmundsonSummarizer,
        "sumbasic": SumBasicSummarizer,
        "kl": KLSummarizer,
    }
    stop = stop_words(lang)
    summarizer = classes[method](stemmer(lang))
    if method == "edmundson":
        # Bonus: words of the title and of the glossary terms; null: stop words.
        bonus = [w.lower() for t in (title or "", *key_terms) for w in words(t, lang)]
        bonus = [w for w in bonus if w not in stop] or _frequent_words(sentences, lang)
        summarizer.bonus_words = bonus or ["\x00"]  # sumy refuses an empty set
        summarizer.stigma_words = _STIGMA_WORDS[lang]
        summarizer.null_words = stop
    else:
        summarizer.stop_words = stop
    return summarizer


def _frequent_words(sentences: Sequence[str], lang: str, top: int = 5) -> list[str]:
    """Most frequent content words: Edmundson's bonus words when there is no title."""
    from collections import Counter

    stop = stop_words(lang)
    counts = Counter(w.lower() for s in sentences for w in words(s, lang))
    return [w for w, _ in counts.most_common() if w not in stop][:top]


def select(
    sentences: Sequence[str],
    k: int,
    method: str,
    lang: str,
    title: str | None,
    key_terms: Sequence[str],
    paragraph_starts: Sequence[int],
    demote: Sequence[int] = (),
) -> tuple[list[int], list[float]]:
    """Run a sumy summarizer; return chosen indices best-first and every sentence's rating."""
    import warnings

    document = build_document(sentences, lang, title, paragraph_starts)
    summarizer = _make_summarizer(method, sentences, lang, title, key_terms)
    scores = [0.0] * len(sentences)
    order: list[int] = []
    demoted = set(demote)

    # sumy calls `count(infos)` with SentenceInfo(sentence, order, rating) sorted best-first;
    # capturing them gives us indices and ratings even when sentence texts repeat.
    def count(infos: Sequence[Any]) -> Sequence[Any]:
        for info in infos:
            scores[info.order] = float(info.rating)
        # Demoted sentences (an unresolved reference first) only when too few others exist.
        kept = [info for info in infos if info.order not in demoted]
        best = kept[:k] if len(kept) >= k else list(infos[:k])
        order.extend(info.order for info in best)
        return best

    if any(words(s, lang) for s in sentences):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # LSA warns about short documents
            try:
                summarizer(document, count)
            except (ZeroDivisionError, ValueError, FloatingPointError):
                order.clear()  # degenerate document (e.g. only stop words): fall back below
    if len(order) < k:
        rest = sorted((i for i in range(len(sentences)) if i not in order),
                      key=lambda i: i in demoted)
        order.extend(rest[: k - len(order)])
    return order, scores
