"""Translation: the CTranslate2 engine, a run with the translation memory, and the plan
that maps an article's blocks to sentences and back."""

from defnews.translate.engine import (
    LENGTH_BUCKET,
    MAX_INPUT_TOKENS,
    Engine,
    EngineOptions,
    _batch_budget,
    _length_batches,
)
from defnews.translate.plan import ArticleTranslation, SentenceResult, SentenceRow
from defnews.translate.run import MAX_WORDS_PER_UNIT, RunStats, Translator

__all__ = [
    "LENGTH_BUCKET", "MAX_INPUT_TOKENS", "MAX_WORDS_PER_UNIT", "ArticleTranslation", "Engine",
    "EngineOptions",
    "RunStats", "SentenceResult", "SentenceRow", "Translator", "_batch_budget", "_length_batches",
]
