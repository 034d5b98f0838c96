"""Evaluate sentence segmenters on the WMT22 general test set (German source, English reference).

The set has one sentence or headline a line. Consecutive lines that end in . ! ? are joined with
a single space into paragraphs of up to six sentences; a line that does not end in . ! ? stays a
paragraph of its own. A segmenter sees each paragraph and must recover the line boundaries.
Metrics: precision, recall and F1 on boundaries (character offsets where a new sentence starts,
the first sentence of a paragraph excluded), summed over all paragraphs. A source line that
itself holds two sentences counts as one, so a perfect segmenter can still lose some precision.

Contenders: defnews.segment, a naive regex split, and whatever else runs here offline:
pysbd (if installed), spaCy's rule-based sentencizer (blank pipeline, no model), NLTK Punkt
trained unsupervised on the 10kGNAD German texts in ../shared (no pretrained data is shipped),
and MiniSBD/stanza only if their models are already on disk (they download at run time).

Usage (from the repo root):
    .venv/bin/python bench/segment_eval.py [SRC_DE] [--en REF_EN] [--gnad FILE] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

from defnews import segment

REPO = Path(__file__).resolve().parent.parent
DEV = REPO / "../shared/data/mt-dev"
DEFAULT_DE = DEV / "generaltest2022.de-en.src.de"
DEFAULT_EN = DEV / "generaltest2022.de-en.ref.A.en"
DEFAULT_GNAD = REPO / "../shared/data/news-dev/gnad-international-inland.jsonl"
MAX_SENTENCES = 6

Splitter = Callable[[str], list[str]]


@dataclass
class Score:
    name: str
    lang: str
    tp: int = 0
    fp: int = 0
    fn: int = 0
    seconds: float = 0.0
    mb_per_s: float = 0.0
    note: str = ""

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def paragraphs(lines: list[str]) -> list[tuple[str, set[int]]]:
    """Join lines into paragraphs; return (text, gold boundary offsets)."""
    out: list[tuple[str, set[int]]] = []
    group: list[str] = []

    def flush() -> None:
        if group:
            offsets, pos = set(), 0
            for i, line in enumerate(group):
                if i:
                    offsets.add(pos)
                pos += len(line) + 1
            out.append((" ".join(group), offsets))
            group.clear()

    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        if line[-1] in ".!?":
            group.append(line)
            if len(group) == MAX_SENTENCES:
                flush()
        else:
            flush()
            group.append(line)
            flush()
    flush()
    return out


def starts_of(text: str, sentences: list[str]) -> set[int]:
    """Offsets where sentences 2..n begin, found in order (splitters may return stripped text)."""
    starts, pos = set(), 0
    for i, sent in enumerate(sentences):
        s = sent.strip()
        if not s:
            continue
        j = text.find(s, pos)
        if j < 0:  # the splitter changed the text: align on its first word
            j = text.find(s.split()[0], pos)
        if j < 0:
            continue
        if i and j > 0:
            starts.add(j)
        pos = j + len(s) if j >= pos else pos
    starts.discard(0)
    return starts


def evaluate(name: str, lang: str, split: Splitter, paras: list[tuple[str, set[int]]],
             errors: list[str] | None = None) -> Score:
    score = Score(name, lang)
    t0 = time.perf_counter()
    predicted = [starts_of(text, split(text)) for text, _ in paras]
    score.seconds = time.perf_counter() - t0
    size = sum(len(text.encode("utf-8")) for text, _ in paras) / 1e6
    score.mb_per_s = size / score.seconds if score.seconds else 0.0
    for (text, gold), pred in zip(paras, predicted, strict=True):
        score.tp += len(gold & pred)
        score.fp += len(pred - gold)
        score.fn += len(gold - pred)
        if errors is not None:
            for off in sorted(pred - gold):
                errors.append(f"FP  …{text[max(0, off - 50):off]}|{text[off:off + 30]}…")
            for off in sorted(gold - pred):
                errors.append(f"FN  …{text[max(0, off - 50):off]}|{text[off:off + 30]}…")
    return score


def naive(text: str) -> list[str]:
    """Split after . ! ? followed by whitespace."""
    return [s for s in re.split(r"(?<=[.!?])\s+", text) if s]


def contenders(lang: str, gnad: Path | None) -> dict[str, Splitter | str]:
    """name -> splitter, or name -> reason it cannot run here."""
    out: dict[str, Splitter | str] = {
        "defnews": lambda t: segment.split_sentences(t, lang),
        "naive regex": naive,
    }
    try:
        import pysbd

        seg = pysbd.Segmenter(language=lang, clean=False)
        out["pysbd 0.3"] = seg.segment
    except ImportError:
        out["pysbd 0.3"] = "not installed (pip install pysbd)"
    try:
        import spacy

        nlp = spacy.blank(lang)
        nlp.add_pipe("sentencizer")
        out["spaCy sentencizer"] = lambda t: [s.text for s in nlp(t).sents]
    except ImportError:
        out["spaCy sentencizer"] = "spaCy not installed"
    out["NLTK punkt (pretrained)"] = _punkt_pretrained(lang)
    if lang == "de":
        out["NLTK punkt (trained on 10kGNAD)"] = _punkt_trained(gnad)
    out["MiniSBD (Argos)"] = _minisbd(lang)
    out["stanza tokenizer"] = _stanza(lang)
    return out


def _punkt_pretrained(lang: str) -> Splitter | str:
    try:
        import nltk
        from nltk.tokenize import sent_tokenize
    except ImportError:
        return "nltk not installed"
    name = {"de": "german", "en": "english"}[lang]
    try:
        nltk.data.find(f"tokenizers/punkt_tab/{name}/")
    except LookupError:
        return "no punkt data on disk (nltk.download needs network)"
    return lambda t: sent_tokenize(t, language=name)


def _punkt_trained(gnad: Path | None) -> Splitter | str:
    try:
        from nltk.tokenize.punkt import PunktSentenceTokenizer, PunktTrainer
    except ImportError:
        return "nltk not installed"
    if gnad is None or not gnad.is_file():
        return f"training text not found: {gnad}"
    texts = [json.loads(line)["text"] for line in gnad.open(encoding="utf-8") if line.strip()]
    trainer = PunktTrainer()
    trainer.INCLUDE_ALL_COLLOCS = True
    trainer.train("\n\n".join(texts), finalize=True)
    tok = PunktSentenceTokenizer(trainer.get_params())
    return tok.tokenize


def _minisbd(lang: str) -> Splitter | str:
    try:
        from minisbd import SBDetect, models
    except ImportError:
        return "minisbd not installed"
    dirs = [Path(models.cache_dir)]
    try:
        from argostranslate import settings

        dirs.append(Path(settings.data_dir) / "minisbd")
    except Exception:  # noqa: BLE001 - argostranslate settings may fail on odd setups
        pass
    for d in dirs:
        f = d / f"{lang}.onnx"
        if f.is_file():
            det = SBDetect(str(f), use_gpu=False)
            return det.sentences
    return "model not on disk (downloads from GitHub at run time)"


def _stanza(lang: str) -> Splitter | str:
    try:
        import stanza  # noqa: F401
    except ImportError:
        return "stanza not installed"
    root = Path(os.environ.get("STANZA_RESOURCES_DIR", Path.home() / "stanza_resources"))
    if not (root / lang / "tokenize").is_dir():
        return "model not on disk (downloads at run time)"
    import stanza

    nlp = stanza.Pipeline(lang, processors="tokenize", download_method=None, verbose=False)
    return lambda t: [s.text for s in nlp(t).sentences]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("src_de", nargs="?", type=Path, default=DEFAULT_DE)
    ap.add_argument("--en", type=Path, default=DEFAULT_EN, help="English side (secondary figure)")
    ap.add_argument("--gnad", type=Path, default=DEFAULT_GNAD, help="text to train Punkt on")
    ap.add_argument("--json", action="store_true", help="print JSON instead of a table")
    ap.add_argument("--errors", type=int, default=0, metavar="N",
                    help="print the first N defnews errors per language")
    args = ap.parse_args(argv)

    scores: list[Score] = []
    for lang, path in (("de", args.src_de), ("en", args.en)):
        if not path.is_file():
            print(f"missing: {path}", file=sys.stderr)
            continue
        paras = paragraphs(path.read_text(encoding="utf-8").splitlines())
        for name, split in contenders(lang, args.gnad).items():
            if isinstance(split, str):
                scores.append(Score(name, lang, note=split))
                continue
            errors: list[str] | None = [] if name == "defnews" and args.errors else None
            scores.append(evaluate(name, lang, split, paras, errors))
            if errors:
                print(f"--- defnews errors ({lang}), {len(errors)} in all", file=sys.stderr)
                print("\n".join(errors[: args.errors]), file=sys.stderr)
        n_gold = sum(len(g) for _, g in paras)
        print(f"{lang}: {path.name}: {len(paras)} paragraphs, {n_gold} gold boundaries",
              file=sys.stderr)

    if args.json:
        print(json.dumps([{**asdict(s), "precision": round(s.precision, 4),
                           "recall": round(s.recall, 4), "f1": round(s.f1, 4),
                           "seconds": round(s.seconds, 3), "mb_per_s": round(s.mb_per_s, 2)}
                          for s in scores], indent=2, ensure_ascii=False))
        return 0
    print(f"{'segmenter':34} {'lang':4} {'P':>6} {'R':>6} {'F1':>6} {'TP':>5} {'FP':>4} "
          f"{'FN':>4} {'MB/s':>6}")
    for s in scores:
        if s.note:
            print(f"{s.name:34} {s.lang:4} {'n/a: ' + s.note}")
        else:
            print(f"{s.name:34} {s.lang:4} {s.precision:6.4f} {s.recall:6.4f} {s.f1:6.4f} "
                  f"{s.tp:5d} {s.fp:4d} {s.fn:4d} {s.mb_per_s:6.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
