#!/usr/bin/env python3
"""Rebuild the test package in the layouts real Argos de→en packages have had (seconds).

    python tools/testmodel/layouts.py tests/fixtures/translate-de_en-defnews_test-1_0.argosmodel OUT

writes OUT/<layout>.argosmodel for every layout:

- ``v1_0``: Argos 1.0 — top folder ``de_en``, the six metadata fields of 1.0 (no ``type``),
  a ``stanza/`` folder (sentence splitter, unused by defnews).
- ``locomotive_1_3``: a Locomotive build — ``translate-de_en-1_3``, the newer metadata fields.
- ``opus_sp_1_9``: an OPUS-MT port whose ``sentencepiece.model`` covers only the source
  side: every piece that the test corpus's English uses and its German never does is
  removed, so target pieces the model emits are unknown to the tokenizer at decoding.
- ``opus_bpe_1_9``: an OPUS-MT port with ``bpe.model`` (subword-nmt merges learned here on
  the test corpus) instead of SentencePiece. The CTranslate2 model is the test package's,
  its vocabulary renamed to BPE's conventions (``▁x`` → ``x``, a continuation piece ``x`` →
  ``x@@``), so it loads, tokenises and emits ``@@`` pieces as a BPE model does; its
  translations are not meaningful (the weights were trained on SentencePiece pieces).

Used by tests/test_package_layouts.py (built at test time into a temporary folder).
"""

from __future__ import annotations

import collections
import json
import shutil
import sys
import tempfile
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

SIX_FIELDS = ("package_version", "argos_version", "from_code", "from_name", "to_code", "to_name")
SP_MARK = "▁"
CORPUS_SEED = 11
CORPUS_PAIRS = 3000


def unpack(test_package: Path, work: Path) -> Path:
    """The test package's folder, unpacked into work."""
    with zipfile.ZipFile(test_package) as zf:
        zf.extractall(work / "source")
    (folder,) = [p for p in (work / "source").iterdir() if p.is_dir()]
    return folder


def _zip(folder: Path, top: str, out: Path) -> Path:
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as zf:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                zf.write(path, f"{top}/{path.relative_to(folder).as_posix()}")
    return out


def _copy(src: Path, work: Path, name: str, meta: dict, skip: tuple[str, ...] = ()) -> Path:
    dst = work / name
    shutil.copytree(src, dst, ignore=shutil.ignore_patterns(*skip) if skip else None)
    (dst / "metadata.json").write_text(json.dumps(meta, indent=2), encoding="utf-8")
    return dst


def _meta(src: Path) -> dict:
    return json.loads((src / "metadata.json").read_text(encoding="utf-8"))


def build_v1_0(src: Path, work: Path, out: Path) -> Path:
    meta = {k: _meta(src)[k] for k in SIX_FIELDS}
    dst = _copy(src, work, "v1_0", meta)
    stanza = dst / "stanza" / "de" / "tokenize"
    stanza.mkdir(parents=True)
    (stanza / "gsd.pt").write_bytes(b"not a real stanza model")
    (dst / "stanza" / "resources.json").write_text("{}", encoding="utf-8")
    return _zip(dst, "de_en", out)


def build_locomotive(src: Path, work: Path, out: Path) -> Path:
    meta = {k: _meta(src)[k] for k in SIX_FIELDS}
    meta.update(package_version="1.3", argos_version="1.9", type="translate",
                languages=[{"code": "de", "name": "German"}], target_prefix="",
                source_languages=[{"code": "de", "name": "German"}],
                target_languages=[{"code": "en", "name": "English"}])
    return _zip(_copy(src, work, "loco", meta), "translate-de_en-1_3", out)


def _corpus() -> tuple[list[str], list[str]]:
    from corpus import pairs

    german, english = [], []
    for de, en in pairs(CORPUS_SEED, CORPUS_PAIRS):
        german.append(de)
        english.append(en)
    return german, english


def source_only_sentencepiece(sp_model: Path) -> bytes:
    """The SentencePiece model without the pieces only the English side uses."""
    import sentencepiece
    from sentencepiece import sentencepiece_model_pb2 as pb

    sp = sentencepiece.SentencePieceProcessor(model_file=str(sp_model))
    german, english = _corpus()
    used_de = {p for s in sp.encode(german, out_type=str) for p in s}
    used_en = {p for s in sp.encode(english, out_type=str) for p in s}
    english_only = used_en - used_de
    proto = pb.ModelProto()
    proto.ParseFromString(sp_model.read_bytes())
    kept = [p for p in proto.pieces
            if not (p.type == pb.ModelProto.SentencePiece.NORMAL and p.piece in english_only)]
    del proto.pieces[:]
    proto.pieces.extend(kept)
    return proto.SerializeToString()


def build_opus_sp(src: Path, work: Path, out: Path) -> Path:
    meta = {k: _meta(src)[k] for k in SIX_FIELDS}
    meta.update(package_version="1.9", argos_version="1.5", type="translate")
    dst = _copy(src, work, "opus_sp", meta)
    reduced = source_only_sentencepiece(src / "sentencepiece.model")
    (dst / "sentencepiece.model").write_bytes(reduced)
    return _zip(dst, "translate-de_en-1_9", out)


def learn_bpe(texts: list[str], merges: int) -> str:
    """subword-nmt codes (version 0.2: end-of-word ``</w>``) learned from whitespace words."""
    words = collections.Counter(w for t in texts for w in t.split())
    vocab = {tuple(w[:-1]) + (w[-1] + "</w>",): c for w, c in words.items() if w}
    codes = ["#version: 0.2"]
    for _ in range(merges):
        counts: collections.Counter[tuple[str, str]] = collections.Counter()
        for symbols, c in vocab.items():
            for pair in zip(symbols, symbols[1:], strict=False):
                counts[pair] += c
        if not counts:
            break
        best = max(counts, key=lambda p: (counts[p], p))
        codes.append(f"{best[0]} {best[1]}")
        merged = {}
        for symbols, c in vocab.items():
            out, i = [], 0
            while i < len(symbols):
                if i + 1 < len(symbols) and (symbols[i], symbols[i + 1]) == best:
                    out.append(symbols[i] + symbols[i + 1])
                    i += 2
                else:
                    out.append(symbols[i])
                    i += 1
            merged[tuple(out)] = c
        vocab = merged
    return "\n".join(codes) + "\n"


def bpe_vocabulary(pieces: list[str]) -> list[str]:
    """SentencePiece pieces renamed to BPE's conventions (specials unchanged)."""
    out = []
    for p in pieces:
        if p.startswith("<") and p.endswith(">"):
            out.append(p)
        elif p.startswith(SP_MARK):
            out.append(p[len(SP_MARK):] or "@@")
        else:
            out.append(p + "@@")
    # CTranslate2 needs unique entries: keep later duplicates distinct.
    seen: set[str] = set()
    unique = []
    for i, tok in enumerate(out):
        unique.append(tok if tok not in seen else f"<dup{i}>")
        seen.add(tok)
    return unique


def build_opus_bpe(src: Path, work: Path, out: Path, merges: int = 400) -> Path:
    meta = {k: _meta(src)[k] for k in SIX_FIELDS}
    meta.update(package_version="1.9", argos_version="1.5", type="translate")
    dst = _copy(src, work, "opus_bpe", meta, skip=("sentencepiece.model",))
    german, english = _corpus()
    (dst / "bpe.model").write_text(learn_bpe(german + english, merges), encoding="utf-8")
    vocab_file = dst / "model" / "shared_vocabulary.json"
    pieces = json.loads(vocab_file.read_text(encoding="utf-8"))
    vocab_file.write_text(json.dumps(bpe_vocabulary(pieces), ensure_ascii=False),
                          encoding="utf-8")
    return _zip(dst, "translate-de_en-1_9", out)


LAYOUTS = {
    "v1_0": build_v1_0,
    "locomotive_1_3": build_locomotive,
    "opus_sp_1_9": build_opus_sp,
    "opus_bpe_1_9": build_opus_bpe,
}


def build_all(test_package: Path, out_dir: Path, only: tuple[str, ...] = ()) -> dict[str, Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        src = unpack(test_package, Path(tmp))
        return {name: build(src, Path(tmp), out_dir / f"{name}.argosmodel")
                for name, build in LAYOUTS.items() if not only or name in only}


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    for name, path in build_all(Path(sys.argv[1]), Path(sys.argv[2])).items():
        print(f"{name}: {path} ({path.stat().st_size / 1e6:.1f} MB)")
