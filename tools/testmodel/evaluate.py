#!/usr/bin/env python3
"""Evaluate a built test package: what the tests rely on, measured on fresh inputs.

    python tools/testmodel/evaluate.py tests/fixtures/translate-de_en-defnews_test-1_0.argosmodel

Prints (and with --json writes) exact match on held-out template sentences, placeholder
copying in template sentences, copying of invented names and of numbers, and placeholder
survival in free sentences (the sample articles' sentences with their glossary terms
masked), which is what glossary enforcement needs from the model.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(REPO / "cli"))

from corpus import Gen, held_out_pairs  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("package", type=Path)
    ap.add_argument("--json", type=Path, help="also write the figures here")
    args = ap.parse_args()

    from defnews import placeholders, readers
    from defnews.glossary import load_glossary
    from defnews.glossary.enforce import protect
    from defnews.models_install import install_file
    from defnews.translate import ArticleTranslation, Engine, EngineOptions

    with tempfile.TemporaryDirectory() as tmp:
        engine = Engine(install_file(args.package, Path(tmp)), EngineOptions())
        figures: dict[str, object] = {}

        pairs = held_out_pairs(seed=20261123, n=200)
        outs = engine.translate_batch([de for de, _ in pairs])
        figures["template_exact"] = _rate(sum(o.strip() == en for o, (_, en) in
                                              zip(outs, pairs, strict=True)), len(pairs))

        with_ph = [p for p in held_out_pairs(seed=777, n=1000) if "ZZ" in p[0]][:200]
        outs = engine.translate_batch([de for de, _ in with_ph])
        figures["template_placeholders_kept"] = _rate(
            sum(placeholders.numbers_in(o) == placeholders.numbers_in(de)
                for o, (de, _) in zip(outs, with_ph, strict=True)), len(with_ph))

        gen = Gen(4242)
        names = [gen.invented() for _ in range(100)]
        frames = ["Der Verteidigungsminister reiste am Montag nach {}.",
                  "{} unterzeichnete eine Absichtserklärung.",
                  "Die Übung in {} begann am Dienstag."]
        srcs = [frames[i % 3].format(n) for i, n in enumerate(names)]
        outs = engine.translate_batch(srcs)
        figures["invented_names_copied"] = _rate(
            sum(n in o for n, o in zip(names, outs, strict=True)), len(names))

        nums = [gen.number() for _ in range(100)]
        outs = engine.translate_batch([f"Die Armee bestellt {de} Kampfpanzer." for de, _ in nums])
        figures["numbers_converted"] = _rate(
            sum(re.search(rf"(?<![\d,.]){re.escape(en)}(?![\d,])", o) is not None
                for (_, en), o in zip(nums, outs, strict=True)), len(nums))

        glossary = load_glossary()
        masked = []
        for path in sorted((REPO / "samples").iterdir()):
            if path.suffix not in {".md", ".txt", ".html", ".xml"}:
                continue
            for art in readers.read_path(path):
                for s in ArticleTranslation.plan(art).sentences():
                    m = protect(glossary, s)
                    if m.slots:
                        masked.append(m)
        outs = engine.translate_batch([m.text for m in masked])
        slots = sum(len(m.slots) for m in masked)
        kept = sum(len(placeholders.find(o, int(s.token[2:]))) == 1
                   for m, o in zip(masked, outs, strict=True) for s in m.slots)
        figures["free_placeholders_kept"] = _rate(kept, slots)
        figures["free_sentences_all_kept"] = _rate(
            sum(all(len(placeholders.find(o, int(s.token[2:]))) == 1 for s in m.slots)
                for m, o in zip(masked, outs, strict=True)), len(masked))
    for k, v in figures.items():
        print(f"{k:<30} {v['rate']:.3f}  ({v['n']}/{v['of']})")  # type: ignore[index]
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")
    return 0


def _rate(n: int, of: int) -> dict[str, float | int]:
    return {"rate": round(n / of, 4) if of else 0.0, "n": n, "of": of}


if __name__ == "__main__":
    sys.exit(main())
