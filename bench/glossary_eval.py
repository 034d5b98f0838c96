#!/usr/bin/env python3
"""Glossary figures: matching on the labelled set, enforcement on the sample articles.

    python bench/glossary_eval.py [--package PATH.argosmodel] [--json]

1. `glossary check` on tests/data/glossary_cases.tsv: recall, precision, F1, must-not hits,
   matching speed.
2. Translating every sample with the package (through the real engine, no memory): how many
   enforced term occurrences arrived in the output, and how (placeholder, fallback), and which
   failed. The test package shows the mechanism only; it says nothing about translation quality.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))


def matching() -> dict:
    from defnews import segment
    from defnews.glossary import load_glossary
    from test_glossary import labelled_cases, score

    g = load_glossary(use_user=False)
    recall, precision, forbidden = score(g)
    # Speed on text the matcher has not seen: every sentence of the sample articles, and
    # the articles whole (digests look for key terms in the whole text).
    articles = sample_texts()
    sentences = [s for text in articles for s in segment.split_sentences(text, "de")]
    t0 = time.perf_counter()
    for text in articles:
        g.find(text)
    article_rate = len(articles) / (time.perf_counter() - t0)
    t0 = time.perf_counter()
    for s in sentences:
        g.find(s)
    rate = len(sentences) / (time.perf_counter() - t0)
    return {"cases": len(labelled_cases()), "entries": len(g), "recall": round(recall, 4),
            "precision": round(precision, 4),
            "f1": round(2 * recall * precision / (recall + precision), 4),
            "must_not_hits": len(forbidden), "sentences_per_second": round(rate),
            "sentences_timed": len(sentences), "articles_per_second": round(article_rate),
            "articles_timed": len(articles)}


def sample_texts() -> list[str]:
    """The German body text of every sample article, one string per article."""
    from defnews import documents
    from perf_data import sample_files  # bench/ is the script's folder

    return ["\n\n".join(b.text for b in art.body_blocks())
            for path in sample_files() for art in documents.read_path(path)]


def enforcement(package: Path) -> dict:
    from defnews import documents, models_install
    from defnews.glossary import load_glossary
    from defnews.translate import Translator

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "packages"
        model = models_install.install_file(package, root)
        translator = Translator(model, glossary=load_glossary(use_user=False))
        files = sorted(p for p in (REPO / "samples").iterdir() if p.suffix in
                       {".md", ".txt", ".html", ".xml"})
        articles = [a for f in files for a in documents.read_path(f)]
        docs = translator.translate_articles(articles)
        terms = [t for d in docs for t in d.term_report()]
    status = Counter(t["status"] for t in terms)
    enforced = [t for t in terms if t["status"] != "compound"]
    applied = sum(1 for t in enforced if t["status"] in {"placeholder", "fallback"})
    failed = [f"{t['surface']} → {t['en']} ({t.get('reason', t['status'])})" for t in enforced
              if t["status"] not in {"placeholder", "fallback"}]
    return {"articles": len(articles), "occurrences": len(terms), "enforced": len(enforced),
            "applied": applied, "rate": round(applied / len(enforced), 4) if enforced else None,
            "by_status": dict(status),
            "by_method": dict(Counter(t.get("method", "none") for t in enforced)),
            "failed": failed}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--package", type=Path,
                    default=REPO / "tests/fixtures/translate-de_en-defnews_test-1_0.argosmodel")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    os.environ.setdefault("DEFNEWS_HOME", tempfile.mkdtemp(prefix="defnews-bench-"))
    result = {"matching": matching(), "enforcement": enforcement(args.package)}
    if args.json:
        print(json.dumps(result, indent=2, ensure_ascii=False))
        return 0
    m, e = result["matching"], result["enforcement"]
    print(f"matching  {m['cases']} labelled sentences, {m['entries']} entries: "
          f"recall {m['recall']:.3f}  precision {m['precision']:.3f}  F1 {m['f1']:.3f}  "
          f"must-not hits {m['must_not_hits']}")
    print(f"speed     {m['sentences_per_second']} sentences/s ({m['sentences_timed']} sample "
          f"sentences), {m['articles_per_second']} whole articles/s ({m['articles_timed']})")
    print(f"enforcing {e['articles']} sample articles: {e['applied']}/{e['enforced']} enforced "
          f"term occurrences in the output ({e['rate']:.1%}); by status {e['by_status']}; "
          f"by method {e['by_method']}")
    for f in e["failed"]:
        print(f"  failed: {f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
