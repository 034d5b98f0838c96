"""The tokenizer of an Argos package, applied exactly as argostranslate applies it.

argostranslate (``package.py``) uses ``sentencepiece.model`` when the package has one, else
``bpe.model`` (OPUS-MT ports): Moses punctuation normalisation and tokenisation (sacremoses)
followed by subword-nmt's BPE applier (``argostranslate.apply_bpe``). Decoding mirrors its
``tokenizer.py``, with one guarantee more: no SentencePiece word mark ``▁`` and no BPE
continuation mark ``@@`` ever reaches the output. A SentencePiece model that covers only the
source side (some OPUS-MT ports) leaves target pieces it does not know undecoded, mark
included; they are replaced by spaces, as argostranslate does.

Heavy imports (sentencepiece, sacremoses) happen when a tokenizer is loaded, never here.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

from defnews.errors import ModelError

SP_MARK = "▁"  # U+2581, SentencePiece's word-boundary mark
BPE_MARK = "@@"


class Tokenizer(Protocol):
    def encode(self, sentences: Sequence[str]) -> list[list[str]]: ...

    def decode(self, tokens: Sequence[str]) -> str: ...


class SentencePieceTokenizer:
    """``sentencepiece.model``: pieces in, text out."""

    def __init__(self, model_file: Path) -> None:
        import sentencepiece

        self.model_file = model_file
        self.processor: Any = sentencepiece.SentencePieceProcessor(model_file=str(model_file))

    def encode(self, sentences: Sequence[str]) -> list[list[str]]:
        return [list(p) for p in self.processor.encode(list(sentences), out_type=str)]

    def decode(self, tokens: Sequence[str]) -> str:
        # decode_pieces leaves a piece the model does not know as it is, mark included
        # (argostranslate then replaces the mark; it also turns "_" into spaces, which would
        # damage underscores in the text, so that is not copied).
        text = self.processor.decode_pieces(list(tokens))
        return text.replace(SP_MARK, " ") if SP_MARK in text else text


class BPETokenizer:
    """``bpe.model`` (subword-nmt merges) with Moses normalisation and tokenisation."""

    def __init__(self, model_file: Path, from_code: str, to_code: str) -> None:
        from argostranslate.apply_bpe import BPE
        from sacremoses.normalize import MosesPunctNormalizer
        from sacremoses.tokenize import (
            MosesDetokenizer,
            MosesTokenizer,
        )

        self.model_file = model_file
        self.normalizer = MosesPunctNormalizer(from_code)
        self.tokenizer = MosesTokenizer(from_code)
        self.detokenizer = MosesDetokenizer(to_code)
        with model_file.open(encoding="utf-8") as fh:
            self.bpe = BPE(fh)

    def encode(self, sentences: Sequence[str]) -> list[list[str]]:
        out = []
        for sentence in sentences:
            normalized = self.normalizer.normalize(sentence)
            tokenized = " ".join(self.tokenizer.tokenize(normalized))
            out.append(list(self.bpe.segment_tokens(tokenized.strip("\r\n ").split(" "))))
        return out

    def decode(self, tokens: Sequence[str]) -> str:
        joined = " ".join(tokens).replace(f"{BPE_MARK} ", "")
        # A hypothesis can end on a continuation piece (argostranslate would print its "@@").
        words = [re.sub(f"(?:{BPE_MARK})+$", "", w) for w in joined.split(" ")]
        return str(self.detokenizer.detokenize([w for w in words if w]))


def load(package_dir: Path, from_code: str, to_code: str) -> Tokenizer:
    """The package's tokenizer, chosen as argostranslate chooses it."""
    sp_model = package_dir / "sentencepiece.model"
    bpe_model = package_dir / "bpe.model"
    try:
        if sp_model.is_file():
            return SentencePieceTokenizer(sp_model)
        if bpe_model.is_file():
            return BPETokenizer(bpe_model, from_code, to_code)
    except (OSError, RuntimeError, ValueError, UnicodeDecodeError, ImportError) as exc:
        raise ModelError(f"Cannot load the tokenizer of {package_dir}: {exc}") from exc
    raise ModelError(f"{package_dir} has neither sentencepiece.model nor bpe.model")
