"""Language tools shared by the summarisers: word tokens, stop words and stems.

Tokens come from ``defnews.segment``; stemming uses sumy's ``Stemmer`` (NLTK's Snowball,
pure code, no data files) with a memo, because stemming dominates the run time.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

LANGUAGES = {"de": "german", "en": "english"}

_LETTER_RE = re.compile(r"[^\W\d_]")


@cache
def stemmer(lang: str) -> Callable[[str], str]:
    """sumy's Snowball stemmer for `lang` with a memo (stemming dominates the run time)."""
    from sumy.nlp.stemmers import Stemmer

    stem = Stemmer(LANGUAGES[lang])
    memo: dict[str, str] = {}

    def cached(word: str) -> str:
        out = memo.get(word)
        if out is None:
            out = memo[word] = stem(word)
        return out

    return cached


@cache
def stop_words(lang: str) -> frozenset[str]:
    from sumy.utils import get_stop_words

    return frozenset(w.lower() for w in get_stop_words(LANGUAGES[lang]))


def words(text: str, lang: str) -> list[str]:
    """Word tokens of `text` that contain a letter (drops numbers and punctuation)."""
    from defnews import segment

    return [w for w in segment.words(text, lang) if _LETTER_RE.search(w)]


def content_stems(text: str, lang: str) -> list[str]:
    """Lower-cased, stemmed word tokens of `text` without stop words."""
    stop = stop_words(lang)
    stem = stemmer(lang)
    # One-letter tokens are pieces of abbreviations ("u. a."), not content.
    return [stem(w) for w in (t.lower() for t in words(text, lang))
            if len(w) > 1 and w not in stop]


class SegmentTokenizer:
    """sumy-compatible tokenizer backed by defnews.segment (no NLTK data needed)."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    @property
    def language(self) -> str:
        return LANGUAGES[self.lang]

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        from defnews import segment

        return tuple(s.strip() for s in segment.split_sentences(paragraph, self.lang) if s.strip())

    def to_words(self, sentence: str) -> tuple[str, ...]:
        return tuple(words(sentence, self.lang))
