#!/usr/bin/env python3
"""Build the project's German→English Argos package from scratch (seeded, CPU only).

    python tools/testmodel/build.py --preset test --out tests/fixtures/PACKAGE.argosmodel
    python tools/testmodel/build.py --preset realistic --out .work/bench/realistic.argosmodel

Steps: synthetic corpus (corpus.py) → joint SentencePiece model (byte fallback, so any
character can be represented and copied) → a pre-norm Transformer trained in PyTorch →
CTranslate2 model (int8) written through ctranslate2.specs → an Argos package (zip with
metadata.json, model/, sentencepiece.model, README.md). The conversion is checked: greedy
decoding in PyTorch and in CTranslate2 must agree before the package is written.

The package exercises defnews's mechanics; its output says nothing about translation quality.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import shutil
import sys
import tempfile
import time
import zipfile
from dataclasses import asdict, dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import held_out_pairs, pairs  # noqa: E402


@dataclass
class Preset:
    vocab: int
    d_model: int
    heads: int
    ffn: int
    layers: int
    sentences: int
    minutes: float
    batch_tokens: int
    lr: float
    warmup: int


PRESETS = {
    "test": Preset(vocab=4000, d_model=256, heads=4, ffn=1024, layers=3, sentences=300_000,
                   minutes=22, batch_tokens=6000, lr=1e-3, warmup=300),
    # The architecture of Argos's German→English model: 6+6 layers, 512 wide, 8 heads.
    "realistic": Preset(vocab=32000, d_model=512, heads=8, ffn=2048, layers=6,
                        sentences=200_000, minutes=15, batch_tokens=2500, lr=7e-4, warmup=100),
}
MAX_LEN = 256
SPECIALS = ["<blank>", "<unk>", "<s>", "</s>"]


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", flush=True)


# ----------------------------------------------------------------------------- data


def make_corpus(work: Path, seed: int, n: int) -> tuple[list[str], list[str]]:
    src, tgt = [], []
    for de, en in pairs(seed, n):
        src.append(de)
        tgt.append(en)
    (work / "train.de").write_text("\n".join(src) + "\n", encoding="utf-8")
    (work / "train.en").write_text("\n".join(tgt) + "\n", encoding="utf-8")
    return src, tgt


def train_sentencepiece(work: Path, vocab: int, seed: int, extra: list[str] = ()) -> Path:
    import sentencepiece as spm

    joint = work / "joint.txt"
    lines = (work / "train.de").read_text(encoding="utf-8").splitlines()
    lines += (work / "train.en").read_text(encoding="utf-8").splitlines()
    random.Random(seed).shuffle(lines)
    # Real text (if given) gives the vocabulary a realistic size; the synthetic corpus alone
    # has a few thousand distinct words.
    lines = list(extra) + lines[: 400_000 - len(extra)]
    joint.write_text("\n".join(lines) + "\n", encoding="utf-8")
    prefix = work / "sentencepiece"
    spm.SentencePieceTrainer.train(
        input=str(joint), model_prefix=str(prefix), vocab_size=vocab, model_type="unigram",
        character_coverage=1.0, byte_fallback=True, unk_id=0, bos_id=1, eos_id=2, pad_id=-1,
        unk_piece="<unk>", bos_piece="<s>", eos_piece="</s>",
        input_sentence_size=400_000, shuffle_input_sentence=True, num_threads=2,
        # Digits one by one: numbers of any length are then copied piece by piece.
        split_digits=True, minloglevel=2, hard_vocab_limit=False,
        # Placeholders are single pieces in this model, so copying them is one decision.
        user_defined_symbols=[f"ZZ{n}" for n in range(1, 41)],
    )
    return prefix.with_suffix(".model")


def vocabulary(sp) -> list[str]:
    """CTranslate2 vocabulary: <blank> first (padding), then every SentencePiece piece."""
    return ["<blank>"] + [sp.id_to_piece(i) for i in range(sp.get_piece_size())]


# ---------------------------------------------------------------------------- model


def build_torch_model(vocab_size: int, p: Preset):
    import torch
    from torch import nn

    class MHA(nn.Module):
        def __init__(self, d: int, h: int, cross: bool) -> None:
            super().__init__()
            self.h, self.dk, self.cross = h, d // h, cross
            self.q = nn.Linear(d, d)
            self.k = nn.Linear(d, d)
            self.v = nn.Linear(d, d)
            self.o = nn.Linear(d, d)

        def forward(self, x, mem, mask):
            b, t, d = x.shape
            src = mem if self.cross else x
            q = self.q(x).view(b, t, self.h, self.dk).transpose(1, 2)
            k = self.k(src).view(b, src.shape[1], self.h, self.dk).transpose(1, 2)
            v = self.v(src).view(b, src.shape[1], self.h, self.dk).transpose(1, 2)
            out = torch.nn.functional.scaled_dot_product_attention(q, k, v, attn_mask=mask)
            return self.o(out.transpose(1, 2).reshape(b, t, d))

    class FFN(nn.Module):
        def __init__(self, d: int, f: int) -> None:
            super().__init__()
            self.norm = nn.LayerNorm(d, eps=1e-6)
            self.w1 = nn.Linear(d, f)
            self.w2 = nn.Linear(f, d)

        def forward(self, x):
            return x + self.w2(torch.relu(self.w1(self.norm(x))))

    class EncLayer(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.norm = nn.LayerNorm(p.d_model, eps=1e-6)
            self.att = MHA(p.d_model, p.heads, False)
            self.ffn = FFN(p.d_model, p.ffn)

        def forward(self, x, mask):
            x = x + self.att(self.norm(x), None, mask)
            return self.ffn(x)

    class DecLayer(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.norm1 = nn.LayerNorm(p.d_model, eps=1e-6)
            self.self_att = MHA(p.d_model, p.heads, False)
            self.norm2 = nn.LayerNorm(p.d_model, eps=1e-6)
            self.cross_att = MHA(p.d_model, p.heads, True)
            self.ffn = FFN(p.d_model, p.ffn)

        def forward(self, y, mem, self_mask, mem_mask):
            y = y + self.self_att(self.norm1(y), None, self_mask)
            y = y + self.cross_att(self.norm2(y), mem, mem_mask)
            return self.ffn(y)

    class Seq2Seq(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.emb = nn.Embedding(vocab_size, p.d_model, padding_idx=0)
            nn.init.normal_(self.emb.weight, 0, p.d_model ** -0.5)
            self.enc = nn.ModuleList(EncLayer() for _ in range(p.layers))
            self.dec = nn.ModuleList(DecLayer() for _ in range(p.layers))
            self.enc_norm = nn.LayerNorm(p.d_model, eps=1e-6)
            self.dec_norm = nn.LayerNorm(p.d_model, eps=1e-6)
            self.out_bias = nn.Parameter(torch.zeros(vocab_size))
            self.register_buffer("pe", sinusoid(MAX_LEN + 2, p.d_model), persistent=False)
            self.scale = math.sqrt(p.d_model)

        def embed(self, ids):
            return self.emb(ids) * self.scale + self.pe[: ids.shape[1]]

        def encode(self, src):
            pad = src == 0
            mask = (~pad)[:, None, None, :]
            x = self.embed(src)
            for layer in self.enc:
                x = layer(x, mask)
            return self.enc_norm(x), mask

        def decode(self, tgt_in, mem, mem_mask):
            t = tgt_in.shape[1]
            causal = torch.ones(t, t, dtype=torch.bool, device=tgt_in.device).tril()
            y = self.embed(tgt_in)
            for layer in self.dec:
                y = layer(y, mem, causal[None, None], mem_mask)
            return self.dec_norm(y) @ self.emb.weight.T + self.out_bias

        def forward(self, src, tgt_in):
            mem, mask = self.encode(src)
            return self.decode(tgt_in, mem, mask)

    return Seq2Seq()


def sinusoid(n: int, d: int):
    import torch

    pos = torch.arange(n, dtype=torch.float32)[:, None]
    i = torch.arange(0, d, 2, dtype=torch.float32)
    angle = pos / torch.pow(10000.0, i / d)
    pe = torch.zeros(n, d)
    # CTranslate2's own sinusoidal layout: sines in the first half, cosines in the second.
    pe[:, : d // 2] = torch.sin(angle)
    pe[:, d // 2 :] = torch.cos(angle)
    return pe


# ---------------------------------------------------------------------------- train


def encode_corpus(sp, src: list[str], tgt: list[str]) -> list[tuple[list[int], list[int]]]:
    # CTranslate2 ids are SentencePiece ids + 1 (<blank> is 0).
    data = []
    for s_ids, t_ids in zip(sp.encode(src), sp.encode(tgt), strict=True):
        if 0 < len(s_ids) <= 120 and 0 < len(t_ids) <= 120:
            data.append(([i + 1 for i in s_ids], [i + 1 for i in t_ids]))
    return data


def batches(data, batch_tokens: int, rng: random.Random):
    order = sorted(range(len(data)), key=lambda i: (len(data[i][0]), rng.random()))
    out, cur, longest = [], [], 0
    for i in order:
        longest_new = max(longest, len(data[i][0]) + 2, len(data[i][1]) + 2)
        if cur and longest_new * (len(cur) + 1) > batch_tokens:
            out.append(cur)
            cur, longest_new = [], max(len(data[i][0]), len(data[i][1])) + 2
        cur.append(i)
        longest = longest_new
    if cur:
        out.append(cur)
    rng.shuffle(out)
    return out


def pad(seqs, value=0):
    import torch

    n = max(len(s) for s in seqs)
    return torch.tensor([s + [value] * (n - len(s)) for s in seqs], dtype=torch.long)


BOS, EOS = 2, 3  # "<s>", "</s>" in the CTranslate2 vocabulary


def train(model, data, p: Preset, seed: int, minutes: float) -> dict:
    import torch

    torch.manual_seed(seed)
    rng = random.Random(seed)
    opt = torch.optim.Adam(model.parameters(), lr=p.lr, betas=(0.9, 0.98), eps=1e-9)
    loss_fn = torch.nn.CrossEntropyLoss(ignore_index=0, label_smoothing=0.1)
    step, start, epoch = 0, time.time(), 0
    deadline = start + minutes * 60
    last = 0.0
    model.train()
    while time.time() < deadline:
        epoch += 1
        for idx in batches(data, p.batch_tokens, rng):
            if time.time() >= deadline:
                break
            src = pad([data[i][0] for i in idx])
            tgt_in = pad([[BOS] + data[i][1] for i in idx])
            tgt_out = pad([data[i][1] + [EOS] for i in idx])
            step += 1
            lr = p.lr * min(step / p.warmup, (p.warmup / step) ** 0.5)
            for g in opt.param_groups:
                g["lr"] = lr
            logits = model(src, tgt_in)
            loss = loss_fn(logits.reshape(-1, logits.shape[-1]), tgt_out.reshape(-1))
            opt.zero_grad(set_to_none=True)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            last = 0.98 * last + 0.02 * loss.item() if step > 1 else loss.item()
            if step % 100 == 0:
                log(f"epoch {epoch} step {step} loss {last:.3f} lr {lr:.2e}")
    return {"steps": step, "epochs": epoch, "final_loss": round(last, 4),
            "train_seconds": round(time.time() - start)}


def greedy(model, src_ids: list[list[int]], max_len: int = 160) -> list[list[int]]:
    import torch

    model.eval()
    with torch.no_grad():
        src = pad(src_ids)
        mem, mask = model.encode(src)
        ys = torch.full((len(src_ids), 1), BOS, dtype=torch.long)
        done = torch.zeros(len(src_ids), dtype=torch.bool)
        for _ in range(max_len):
            nxt = model.decode(ys, mem, mask)[:, -1].argmax(-1)
            nxt[done] = 0
            ys = torch.cat([ys, nxt[:, None]], 1)
            done |= nxt == EOS
            if done.all():
                break
    out = []
    for row in ys[:, 1:].tolist():
        seq = []
        for t in row:
            if t in (EOS, 0):
                break
            seq.append(t)
        out.append(seq)
    return out


# -------------------------------------------------------------------------- convert


def to_ctranslate2(model, vocab: list[str], p: Preset, out_dir: Path, quantization: str) -> None:
    from ctranslate2.specs import common_spec, transformer_spec

    spec = transformer_spec.TransformerSpec.from_config(
        (p.layers, p.layers), p.heads, pre_norm=True, activation=common_spec.Activation.RELU)
    sd = {k: v.detach().float().numpy() for k, v in model.state_dict().items()}
    pe = sinusoid(MAX_LEN + 2, p.d_model).numpy()

    def lin(dst, prefix: str) -> None:
        dst.weight = sd[f"{prefix}.weight"]
        dst.bias = sd[f"{prefix}.bias"]

    def norm(dst, prefix: str) -> None:
        dst.gamma = sd[f"{prefix}.weight"]
        dst.beta = sd[f"{prefix}.bias"]

    def fused(dst, prefixes: list[str]) -> None:
        import numpy as np

        dst.weight = np.concatenate([sd[f"{x}.weight"] for x in prefixes])
        dst.bias = np.concatenate([sd[f"{x}.bias"] for x in prefixes])

    def ffn(dst, prefix: str) -> None:
        norm(dst.layer_norm, f"{prefix}.norm")
        lin(dst.linear_0, f"{prefix}.w1")
        lin(dst.linear_1, f"{prefix}.w2")

    enc, dec = spec.encoder, spec.decoder
    enc.embeddings[0].weight = sd["emb.weight"]
    enc.position_encodings.encodings = pe
    norm(enc.layer_norm, "enc_norm")
    for i, layer in enumerate(enc.layer):
        s = f"enc.{i}"
        norm(layer.self_attention.layer_norm, f"{s}.norm")
        fused(layer.self_attention.linear[0], [f"{s}.att.q", f"{s}.att.k", f"{s}.att.v"])
        lin(layer.self_attention.linear[1], f"{s}.att.o")
        ffn(layer.ffn, f"{s}.ffn")
    dec.embeddings.weight = sd["emb.weight"]
    dec.position_encodings.encodings = pe
    norm(dec.layer_norm, "dec_norm")
    dec.projection.weight = sd["emb.weight"]
    dec.projection.bias = sd["out_bias"]
    for i, layer in enumerate(dec.layer):
        s = f"dec.{i}"
        norm(layer.self_attention.layer_norm, f"{s}.norm1")
        fused(layer.self_attention.linear[0],
              [f"{s}.self_att.q", f"{s}.self_att.k", f"{s}.self_att.v"])
        lin(layer.self_attention.linear[1], f"{s}.self_att.o")
        norm(layer.attention.layer_norm, f"{s}.norm2")
        lin(layer.attention.linear[0], f"{s}.cross_att.q")
        fused(layer.attention.linear[1], [f"{s}.cross_att.k", f"{s}.cross_att.v"])
        lin(layer.attention.linear[2], f"{s}.cross_att.o")
        ffn(layer.ffn, f"{s}.ffn")
    spec.config.decoder_start_token = "<s>"
    spec.config.layer_norm_epsilon = 1e-6
    spec.register_source_vocabulary(vocab)
    spec.register_target_vocabulary(vocab)
    spec.validate()
    spec.optimize(quantization=quantization)
    out_dir.mkdir(parents=True, exist_ok=True)
    spec.save(str(out_dir))


def ct2_greedy(model_dir: Path, sp, sentences: list[str]) -> list[list[str]]:
    import ctranslate2

    tr = ctranslate2.Translator(str(model_dir), device="cpu", compute_type="auto")
    res = tr.translate_batch([sp.encode(s, out_type=str) for s in sentences], beam_size=1,
                             max_decoding_length=160)
    return [list(r.hypotheses[0]) for r in res]


# -------------------------------------------------------------------------- package

README = """# defnews test package (German→English)

Built by defnews's `tools/testmodel/build.py` from a synthetic corpus of template sentences.
It exists for tests and demos of defnews's mechanics (install, locate, load, segment,
batch-translate, placeholders, reassemble, cache). **Its output says nothing about real
translation quality.** Install the real German→English package with `defnews models install`.
"""


def pack(out: Path, model_dir: Path, sp_model: Path, meta_extra: dict) -> None:
    top = "translate-de_en-defnews_test-1_0" if meta_extra["preset"] == "test" else \
        f"translate-de_en-defnews_{meta_extra['preset']}-1_0"
    metadata = {
        "package_version": "1.0", "argos_version": "1.0", "from_code": "de",
        "from_name": "German", "to_code": "en", "to_name": "English", "type": "translate",
        "target_prefix": "", "links": [], "defnews": meta_extra,
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".part")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(f"{top}/metadata.json", json.dumps(metadata, indent=2))
        zf.writestr(f"{top}/README.md", README)
        zf.write(sp_model, f"{top}/sentencepiece.model")
        for f in sorted(model_dir.iterdir()):
            zf.write(f, f"{top}/model/{f.name}")
    tmp.replace(out)


# ----------------------------------------------------------------------------- main


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--preset", choices=sorted(PRESETS), default="test")
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--minutes", type=float, help="training time (default: the preset's)")
    ap.add_argument("--sentences", type=int, help="corpus size (default: the preset's)")
    ap.add_argument("--work", type=Path, help="keep intermediate files here")
    ap.add_argument("--extra-text", type=Path, action="append", default=[],
                    help="text file for the SentencePiece vocabulary only (repeatable)")
    ap.add_argument("--extra-parallel", type=Path, nargs=2, metavar=("DE", "EN"),
                    help="line-aligned German and English files added to the training pairs")
    args = ap.parse_args()
    p = PRESETS[args.preset]
    minutes = args.minutes if args.minutes is not None else p.minutes
    n = args.sentences or p.sentences

    import sentencepiece as spm
    import torch

    torch.set_num_threads(2)
    torch.manual_seed(args.seed)
    random.seed(args.seed)
    t0 = time.time()
    work = args.work or Path(tempfile.mkdtemp(prefix="defnews-model-"))
    work.mkdir(parents=True, exist_ok=True)
    log(f"corpus: {n} pairs (seed {args.seed})")
    src, tgt = make_corpus(work, args.seed, n)
    extra: list[str] = []
    for path in args.extra_text:
        extra += [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
    if args.extra_parallel:
        de_lines = args.extra_parallel[0].read_text(encoding="utf-8").splitlines()
        en_lines = args.extra_parallel[1].read_text(encoding="utf-8").splitlines()
        if len(de_lines) != len(en_lines):
            raise SystemExit("--extra-parallel: the two files differ in length")
        extra += de_lines + en_lines
        # A few copies: against hundreds of thousands of synthetic pairs, once is nothing.
        src += de_lines * 3
        tgt += en_lines * 3
        log(f"extra parallel pairs: {len(de_lines)} (x3)")
    sp_path = train_sentencepiece(work, p.vocab, args.seed, extra)
    sp = spm.SentencePieceProcessor(model_file=str(sp_path))
    vocab = vocabulary(sp)
    data = encode_corpus(sp, src, tgt)
    log(f"sentencepiece: {len(vocab)} pieces; {len(data)} training pairs")
    model = build_torch_model(len(vocab), p)
    log(f"model: {sum(x.numel() for x in model.parameters()) / 1e6:.1f} M parameters")
    stats = train(model, data, p, args.seed, minutes)
    log(f"trained: {stats}")

    # Check the conversion: PyTorch and CTranslate2 (float) must decode alike.
    check = [de for de, _ in held_out_pairs(args.seed + 1000, 32)]
    torch_out = greedy(model, [[i + 1 for i in ids] for ids in sp.encode(check)])
    torch_pieces = [[vocab[i] for i in seq] for seq in torch_out]
    float_dir = work / "ct2-float"
    shutil.rmtree(float_dir, ignore_errors=True)
    to_ctranslate2(model, vocab, p, float_dir, "float32")
    ct2_pieces = ct2_greedy(float_dir, sp, check)
    agree = sum(a == b for a, b in zip(torch_pieces, ct2_pieces, strict=True)) / len(check)
    log(f"PyTorch vs CTranslate2 greedy agreement: {agree:.0%}")
    if agree < 0.9:
        for a, b in list(zip(torch_pieces, ct2_pieces, strict=True))[:3]:
            log(f"torch: {''.join(a)}\nct2:   {''.join(b)}")
        raise SystemExit("conversion check failed")
    int8_dir = work / "ct2-int8"
    shutil.rmtree(int8_dir, ignore_errors=True)
    to_ctranslate2(model, vocab, p, int8_dir, "int8")
    meta = {"preset": args.preset, "seed": args.seed, "preset_config": asdict(p),
            "minutes": minutes, "corpus_pairs": n, "vocabulary": len(vocab),
            "architecture": {"encoder_layers": p.layers, "decoder_layers": p.layers,
                             "d_model": p.d_model, "ffn": p.ffn, "heads": p.heads,
                             "vocabulary": len(vocab)}, "conversion_agreement": agree,
            "built_with": "tools/testmodel/build.py", **stats}
    pack(args.out, int8_dir, sp_path, meta)
    log(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.1f} MB) in "
        f"{(time.time() - t0) / 60:.1f} min")
    return 0


if __name__ == "__main__":
    sys.exit(main())
