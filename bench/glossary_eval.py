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
import re
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
    from defnews import readers
    from perf_data import sample_files  # bench/ is the script's folder

    return ["\n\n".join(b.text for b in art.body_blocks())
            for path in sample_files() for art in readers.read_path(path)]


def enforcement(package: Path) -> dict:
    from defnews import models_install, readers
    from defnews.glossary import load_glossary
    from defnews.translate import Translator

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "packages"
        model = models_install.install_file(package, root)
        translator = Translator(model, glossary=load_glossary(use_user=False))
        files = sorted(p for p in (REPO / "samples").iterdir() if p.suffix in
                       {".md", ".txt", ".html", ".xml"})
        articles = [a for f in files for a in readers.read_path(f)]
        docs = translator.translate_articles(articles)
        per_doc = [(d.term_report(), [r for rs in d.results.values() for r in rs])
                   for d in docs]
    # Counted from the text, not from the tool's own labels: a term arrived when its English
    # target (or its regular plural) stands in its article's translation as a whole word, an
    # article's occurrences serving at most as many of its terms; every term the tool calls
    # applied must show the form it names; no trace of a placeholder may remain.
    from defnews import placeholders

    terms = [t for ts, _ in per_doc for t in ts]
    enforced = [t for t in terms if t["status"] != "compound"]
    arrived = untrue = residue = 0
    for ts, results in per_doc:
        out = "\n".join(r.text for r in results)
        residue += sum(bool(placeholders.foreign_residue(r.text, r.source)) for r in results)
        wanted = Counter(t["en"] for t in ts if t["status"] != "compound")
        arrived += sum(min(n, _count_whole(out, en)) for en, n in wanted.items())
        untrue += sum(1 for t in ts if t["status"] in {"placeholder", "fallback"}
                      and not _count_whole(out, t.get("written", "")))
    status = Counter(t["status"] for t in terms)
    failed = [f"{t['surface']} → {t['en']} ({t.get('reason', t['status'])})" for t in enforced
              if t["status"] not in {"placeholder", "fallback"}]
    return {"articles": len(docs), "occurrences": len(terms), "enforced": len(enforced),
            "applied": arrived, "rate": round(arrived / len(enforced), 4) if enforced else None,
            "applied_but_absent": untrue, "sentences_with_residue": residue,
            "by_status": dict(status),
            "by_method": dict(Counter(t.get("method", "none") for t in enforced)),
            "failed": failed}


def _count_whole(text: str, english: str) -> int:
    """Whole-word occurrences of an English target or its regular plural, any case."""
    if not english:
        return 0
    forms = {english, english + "s", english + "es", english[:-1] + "ies"}
    alt = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    return len(re.findall(rf"(?<!\w)(?:{alt})(?!\w)", text, re.IGNORECASE))


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
          f"term occurrences found in the output text ({e['rate']:.1%}); reported applied but "
          f"absent {e['applied_but_absent']}; sentences with placeholder residue "
          f"{e['sentences_with_residue']}; by status {e['by_status']}; by method {e['by_method']}")
    for f in e["failed"]:
        print(f"  failed: {f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
