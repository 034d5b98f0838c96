"""The CTranslate2 engine: the installed Argos package's model, driven directly.

Argos Translate's own path imports stanza/spaCy/torch, reloads models and translates
paragraph by paragraph. Here the CTranslate2 Translator and the package's tokenizer
(SentencePiece or BPE, see defnews.tokenizers) are loaded once (lazily: a run served from
the translation memory never loads them), and all sentences of a run go through in large
token-bounded batches, sorted by length.
Tokenisation (`tokenize`/`detokenize`) and the compute type (`compute_type`) are small
methods so that another tokeniser or choice can replace them.
"""

from __future__ import annotations

import os
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from defnews import compute_type as _compute_type
from defnews.errors import ModelError
from defnews.models import InstalledModel

# A retry of a sentence that looped or ran on (CTranslate2 decoding options).
REPETITION_PENALTY = 1.3
NO_REPEAT_NGRAM_SIZE = 4
# Decoding caps go by input length in buckets of this many tokens (see decoding_cap).
LENGTH_BUCKET = 16
MAX_INPUT_TOKENS = 200  # and so are token sequences: models have a fixed number of positions


def _max_length_ratio() -> float:
    from defnews import settings

    return settings.max_length_ratio()  # DEFNEWS_MAX_LENGTH_RATIO, range-checked


@dataclass
class EngineOptions:
    beam_size: int = 4  # Argos Translate's default
    device: str = "auto"  # auto | cpu | cuda (DEFNEWS_DEVICE)
    # As argostranslate >= 1.11.1: the model's own type unless overridden (compute_type.py).
    compute_type: str = field(default_factory=lambda: _compute_type.choose())
    threads: int = 0  # CPU threads in all (0: every core)
    max_batch_tokens: int = 512  # measured best on 2 cores (256-1024 within noise)
    length_penalty: float = 0.2  # as Argos Translate
    max_decoding_length: int = 256
    # Output tokens allowed per input token (plus 10) in each batch; 0: only the fixed cap.
    # A German sentence never needs twice its length in English, and a hypothesis that does not
    # stop would otherwise decode 256 steps, keeping a thread busy long after the rest of its
    # batch is done (DEFNEWS_MAX_LENGTH_RATIO). It changes only such runaway lines.
    max_length_ratio: float = field(
        default_factory=_max_length_ratio)

    def key(self) -> str:
        """The options that change the output (part of translation-memory keys)."""
        key = f"beam={self.beam_size};lp={self.length_penalty};maxlen={self.max_decoding_length}"
        key += f";ct={self.compute_type}"
        return key + (f";ratio={self.max_length_ratio:g};bucket={LENGTH_BUCKET}"
                      if self.max_length_ratio > 0 else "")

    def decoding_cap(self, longest_input: int) -> int:
        """The max_decoding_length for a batch whose longest input has this many tokens,
        rounded up to its length bucket: batches never span buckets, so a sentence gets
        the same cap (and translation) in any batch, alone or among many articles."""
        if self.max_length_ratio <= 0:
            return self.max_decoding_length
        top = -(-max(longest_input, 1) // LENGTH_BUCKET) * LENGTH_BUCKET
        return min(self.max_decoding_length, int(self.max_length_ratio * top) + 10)

    def resolved_device(self) -> str:
        from defnews import settings

        # An empty DEFNEWS_DEVICE counts as unset.
        device = (settings.device() or self.device) if self.device == "auto" else self.device
        if device == "auto":
            import ctranslate2

            return "cuda" if ctranslate2.get_cuda_device_count() > 0 else "cpu"
        return device

    def thread_layout(self, device: str) -> tuple[int, int]:
        """(inter_threads, intra_threads) for CTranslate2.

        On CPU every thread decodes its own batch (inter_threads = threads, one thread per
        batch): measured on 2 cores, that is 1.7x (60 M-parameter model) to 3.5x (small
        model) faster than one batch spread over both cores, whose threads spend their time
        synchronising. A run's sentences are cut into many batches, so all threads stay busy.
        On a GPU one batch at a time.
        """
        if device != "cpu":
            return 1, max(self.threads, 0)
        threads = self.threads or os.cpu_count() or 1
        return threads, 1


class Engine:
    """One loaded model. `translate_batch` is the only place the model is called."""

    def __init__(self, model: InstalledModel, options: EngineOptions | None = None) -> None:
        self.model = model
        self.options = options or EngineOptions()
        self._translator: Any = None
        self._workers = 1  # CTranslate2 inter_threads, set on load
        self._tokenizer: Any = None  # tokenizers.Tokenizer, set on load
        self.model_calls = 0  # how many translate_batch calls reached CTranslate2
        self.careful_calls = 0  # of which retries with the repetition penalty
        self.sentences_translated = 0
        self.load_seconds = 0.0
        self.translate_seconds = 0.0

    @property
    def identity(self) -> str:
        return self.model.identity()

    @property
    def loaded(self) -> bool:
        return self._translator is not None

    def load(self) -> None:
        if self._translator is not None:
            return
        t0 = time.perf_counter()
        try:
            import ctranslate2

            from defnews import tokenizers

            self._tokenizer = tokenizers.load(
                self.model.path, self.model.from_code, self.model.to_code)
            device = self.options.resolved_device()
            inter, intra = self.options.thread_layout(device)
            self._workers = inter
            self._translator = ctranslate2.Translator(
                str(self.model.model_dir),
                device=device,
                compute_type=self.compute_type(device),
                inter_threads=inter,
                intra_threads=intra,
            )
        except (RuntimeError, OSError, ValueError) as exc:
            raise ModelError(
                f"Cannot load the model at {self.model.path}: {exc}",
                hint="Reinstall it with: defnews models install --file PACKAGE.argosmodel",
            ) from exc
        self.load_seconds = time.perf_counter() - t0

    def compute_type(self, device: str) -> str:
        """The CTranslate2 compute type: the option, which defaults to argostranslate's choice
        (the model's own type unless ARGOS_/DEFNEWS_COMPUTE_TYPE or --compute-type say)."""
        return self.options.compute_type

    def tokenize(self, sentences: Sequence[str]) -> list[list[str]]:
        """Source sentences as the model's subword pieces."""
        self.load()
        return self._tokenizer.encode(sentences)

    def detokenize(self, pieces: list[str]) -> str:
        """One hypothesis's target pieces as text (no ``▁`` or ``@@`` left)."""
        return self._tokenizer.decode(pieces).strip()

    def translate_tokens(self, tokens: list[list[str]], *,
                         careful: bool = False) -> list[list[str]]:
        """Raw CTranslate2 call on pre-tokenised input (the benchmark's yardstick uses it too)."""
        return [hyps[0] for hyps in self._decode(tokens, 1, careful=careful)]

    def _decode(self, tokens: list[list[str]], num_hypotheses: int, *,
                careful: bool = False) -> list[list[list[str]]]:
        self.load()
        prefix = self.model.target_prefix
        kwargs: dict[str, Any] = {
            "beam_size": max(self.options.beam_size, num_hypotheses),
            "num_hypotheses": num_hypotheses,
            "length_penalty": self.options.length_penalty,
            "replace_unknowns": True,
        }
        if careful:  # a retry of a loop or run-on: repeating is penalised
            kwargs["repetition_penalty"] = REPETITION_PENALTY
            kwargs["no_repeat_ngram_size"] = NO_REPEAT_NGRAM_SIZE
            self.careful_calls += 1
        if self.options.max_length_ratio <= 0:
            # One call; CTranslate2 sorts by length and cuts the batches itself.
            results = self._translator.translate_batch(
                tokens, target_prefix=[[prefix] for _ in tokens] if prefix else None,
                max_batch_size=self.options.max_batch_tokens, batch_type="tokens",
                max_decoding_length=self.options.max_decoding_length, **kwargs)
        else:
            # The same batches CTranslate2 would cut (sorted by length, ≤ max_batch_tokens),
            # each with a decoding cap from its own longest input, all queued at once so every
            # thread stays busy. Longest first: the slowest batches start early and the short
            # ones fill in, instead of one thread finishing a long batch while the other waits
            # (measured 11 % faster on the test package, 5 % on a 6+6-layer model).
            results = [None] * len(tokens)
            pending = []
            for batch in reversed(_length_batches(tokens, _batch_budget(
                    tokens, self.options.max_batch_tokens, self._workers), LENGTH_BUCKET)):
                source = [tokens[i] for i in batch]
                futures = self._translator.translate_batch(
                    source, target_prefix=[[prefix] for _ in batch] if prefix else None,
                    max_decoding_length=self.options.decoding_cap(max(map(len, source))),
                    asynchronous=True, **kwargs)
                pending.append((batch, futures))
            for batch, futures in pending:
                for i, future in zip(batch, futures, strict=True):
                    results[i] = future.result()
        out = []
        for r in results:
            hyps = []
            for h in r.hypotheses:
                hyp = list(h)
                if prefix and hyp and hyp[0] == prefix:
                    hyp = hyp[1:]
                hyps.append(hyp)
            out.append(hyps)
        return out

    def translate_nbest(self, sentences: Sequence[str], n: int, *,
                        careful: bool = False) -> list[list[str]]:
        """Up to n hypotheses per sentence, best first (the glossary's second chance).

        Sentences longer than one window get only their single best translation.
        """
        if not sentences:
            return []
        t0 = time.perf_counter()
        tokens = self.tokenize(sentences)
        short = [i for i, t in enumerate(tokens) if len(t) <= MAX_INPUT_TOKENS]
        out: list[list[str]] = [[] for _ in sentences]
        self.model_calls += 1
        for i, hyps in zip(short, self._decode([tokens[i] for i in short], n,
                                                          careful=careful), strict=True):
            out[i] = list(dict.fromkeys(self.detokenize(h) for h in hyps))
        long_ = [i for i in range(len(sentences)) if i not in set(short)]
        if long_:
            for i, text in zip(long_, self.translate_batch([sentences[i] for i in long_],
                                                                      careful=careful),
                               strict=True):
                out[i] = [text]
        self.translate_seconds += time.perf_counter() - t0
        return out

    def translate_batch(self, sentences: Sequence[str], *, careful: bool = False) -> list[str]:
        """Translate sentences (German → English); order is kept."""
        if not sentences:
            return []
        t0 = time.perf_counter()
        tokens = self.tokenize(sentences)
        # Over-long inputs go in windows (a model truncates or fails past its positions).
        windows: list[list[str]] = []
        owners: list[int] = []
        for i, toks in enumerate(tokens):
            for j in range(0, max(len(toks), 1), MAX_INPUT_TOKENS):
                windows.append(toks[j : j + MAX_INPUT_TOKENS])
                owners.append(i)
        self.model_calls += 1
        outputs = self.translate_tokens(windows, careful=careful)
        parts: list[list[str]] = [[] for _ in sentences]
        for owner, out in zip(owners, outputs, strict=True):
            parts[owner].append(self.detokenize(out))
        texts = [" ".join(p for p in ps if p) for ps in parts]
        self.sentences_translated += len(sentences)
        self.translate_seconds += time.perf_counter() - t0
        return texts


def _batch_budget(tokens: list[list[str]], max_tokens: int, workers: int) -> int:
    """Tokens per batch: ``max_tokens``, or less when that would leave a worker thread idle
    (a few sentences of one article, or the glossary's retries, would else be one batch on
    one thread while the others wait)."""
    total = sum(max(len(t), 1) for t in tokens)
    if workers <= 1 or len(tokens) < 2 or total >= max_tokens * workers:
        return max_tokens
    return max(max(len(t) for t in tokens), -(-total // workers))


def _length_batches(tokens: list[list[str]], max_tokens: int,
                    bucket: int = 0) -> list[list[int]]:
    """Indices sorted by length, cut into batches of at most max_tokens input tokens (and,
    with `bucket`, never mixing lengths of different buckets of that many tokens)."""
    batches: list[list[int]] = []
    current: list[int] = []
    size = 0
    last = None
    for i in sorted(range(len(tokens)), key=lambda i: len(tokens[i])):
        n = max(len(tokens[i]), 1)
        key = -(-n // bucket) if bucket else None
        if current and (size + n > max_tokens or key != last):
            batches.append(current)
            current, size = [], 0
        current.append(i)
        size += n
        last = key
    if current:
        batches.append(current)
    return batches
