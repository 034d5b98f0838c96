#!/usr/bin/env python3
"""Acceptance evaluation of `translate` (issue 15): no token residue, no term claimed but absent.

    python bench/translate_eval.py [--data ../shared/data/news-dev] [--seeds ../shared/seeds]
                                   [--limit N] [--package PATH.argosmodel] [--out DIR]

Every German dev article (one JSON object a line, `text`) is written to a file of its own,
read back through the readers as `translate` reads a file, and translated with the test
package and the default glossary (no translation memory); the seeds are read as they are.
Each article is then rendered in every format (text, markdown, json, bilingual, html) and
two counts are taken:

- outputs with placeholder residue: any trace of a token (placeholders.find_residue) in the
  output that the article's own German does not hold;
- terms reported applied (status placeholder or fallback) whose English target (or its
  plural) is absent from that output's text;
- outputs missing a URL of the article's German byte for byte (bilingual shows link texts
  without their URLs by design: there only bare URLs count).

Both must be 0. Also printed: per-format counts, flagged sentences, and a few examples.
Results go to bench/results/translate_eval.{json,md} unless --out says otherwise. The test
package garbles on purpose: these counts test defnews's own paths, not translation quality.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import re
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
TEST_PACKAGE = REPO / "tests" / "fixtures" / "translate-de_en-defnews_test-1_0.argosmodel"
FORMATS = ("text", "markdown", "json", "bilingual", "html")
APPLIED = ("placeholder", "fallback")
URL = re.compile(r"https?://[^\s<>()\[\]\"']+[^\s<>()\[\].,;:!?\"'“”„]")
# ../shared beside the repository (a worktree one level deeper looks one further up).
SHARED = next((p / "shared" for p in (REPO.parent, REPO.parent.parent)
               if (p / "shared").is_dir()), REPO.parent / "shared")


def dev_files(data: Path, seeds: Path | None, limit: int | None, work: Path,
              pages: Path | None = None) -> list[Path]:
    """Each dev article written to a file of its own (then the seeds, and the saved pages
    of `pages` as they are), at most `limit` dev articles."""
    files: list[Path] = []
    for jsonl in sorted(data.glob("*.jsonl")):
        with jsonl.open(encoding="utf-8") as f:
            for i, line in enumerate(f):
                if limit is not None and len(files) >= limit:
                    break
                text = json.loads(line)["text"]
                path = work / f"{jsonl.stem}-{i:04d}.txt"
                path.write_text(text + "\n", encoding="utf-8")
                files.append(path)
    if seeds is not None and seeds.is_dir():
        files.extend(sorted(p for p in seeds.iterdir() if p.is_file()
                            and p.suffix in {".txt", ".md", ".html", ".htm", ".xml", ".rss"}))
    if pages is not None and pages.is_dir():
        files.extend(sorted(pages.glob("*.html")))
    return files


def visible_text(output: str, fmt: str) -> str:
    """The English a reader sees in an output (JSON: the translations; HTML: the text)."""
    if fmt == "json":
        data = json.loads(output)
        return "\n".join(
            (b.get("translation") or "") + "\n" + "\n".join(s["translation"]
                                                         for s in b["sentences"])
            for a in data["articles"] for b in a["blocks"])
    if fmt == "html":
        text = re.sub(r"<details.*?</details>", " ", output, flags=re.S)  # the German
        text = re.sub(r"<style>.*?</style>", " ", text, flags=re.S)
        return html.unescape(re.sub(r"<[^>]+>", " ", text))
    if fmt == "bilingual":
        return "\n".join(row.rsplit(" | ", 1)[-1] for row in output.splitlines()
                         if row.startswith("| "))
    return output


def target_forms(term: dict[str, Any]) -> list[str]:
    from defnews.glossary.enforce import english_plural

    en = str(term.get("written") or term.get("en") or "")
    forms = [en] if en else []
    if en and " " not in en:
        forms.append(english_plural(en))
    elif en:
        head, _, last = en.rpartition(" ")
        forms.append(f"{head} {english_plural(last)}")
    return [f.lower() for f in forms]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=SHARED / "data" / "news-dev")
    ap.add_argument("--seeds", type=Path, default=SHARED / "seeds")
    ap.add_argument("--limit", type=int, default=None, help="dev articles to take (default all)")
    ap.add_argument("--pages", type=Path, default=None,
                    help="also translate the saved pages (*.html) of this folder, e.g. "
                         "../shared/data/pages-dev")
    ap.add_argument("--package", type=Path, default=TEST_PACKAGE)
    ap.add_argument("--out", type=Path, default=REPO / "bench" / "results")
    ap.add_argument("--examples", type=int, default=5)
    args = ap.parse_args()

    work = Path(tempfile.mkdtemp(prefix="defnews-translate-eval-"))
    os.environ["DEFNEWS_HOME"] = str(work / "home")
    os.environ["DEFNEWS_PACKAGES_DIR"] = str(work / "packages")
    from defnews import inputs, placeholders, renderers
    from defnews.errors import DefnewsError
    from defnews.glossary import load_glossary
    from defnews.models import find_model
    from defnews.models_install import install_file
    from defnews.translate import Translator

    install_file(args.package, work / "packages")
    files = dev_files(args.data, args.seeds, args.limit, work, args.pages)
    articles, skipped = [], []
    for path in files:
        try:
            arts, _ = inputs.read_articles(str(path))
        except DefnewsError as exc:
            skipped.append(f"{path.name}: {exc.message}")
            continue
        articles.extend((path, a) for a in arts)
    translator = Translator(find_model(), glossary=load_glossary(use_user=False))
    t0 = time.perf_counter()
    docs = translator.translate_articles([a for _, a in articles])
    seconds = time.perf_counter() - t0

    residue: Counter[str] = Counter()
    url_lost: Counter[str] = Counter()
    absent: Counter[str] = Counter()
    applied_terms = 0
    flagged = sum(1 for d in docs for rows in d.rows.values() for r in rows if r.flags)
    sentences = sum(len(rows) for d in docs for rows in d.rows.values())
    examples: list[str] = []
    for (path, article), doc in zip(articles, docs, strict=True):
        german = article.input_text or ""
        own = {german[s:e] for s, e in placeholders.find_residue(german)}
        terms = [t for t in doc.term_report() if t.get("status") in APPLIED]
        # URLs of the article as read (a page's or feed's markup around it does not count).
        body = "\n".join(b.text or b.raw for b in article.blocks)
        urls = set(URL.findall(body))
        bare = {u for u in urls if f"]({u}" not in body and f"](<{u}" not in body
                and f"<{u}>" not in body}
        applied_terms += len(terms)
        for fmt in FORMATS:
            out = renderers.get(fmt)([doc], translator.stats)
            text = visible_text(out, fmt)
            found = [text[s:e] for s, e in placeholders.find_residue(text) if text[s:e] not in own]
            if found:
                residue[fmt] += 1
                if len(examples) < args.examples:
                    examples.append(f"residue {fmt} {path.name}: {found[:3]}")
            whole = html.unescape(out) if fmt == "html" else out
            if fmt == "json":
                whole = json.dumps(json.loads(out), ensure_ascii=False)
            lost = [u for u in (bare if fmt == "bilingual" else urls) if u not in whole]
            if lost:
                url_lost[fmt] += 1
                if len(examples) < args.examples:
                    examples.append(f"url lost {fmt} {path.name}: {lost[:2]}")
            low = text.lower()
            for t in terms:
                if not any(f in low for f in target_forms(t)):
                    absent[fmt] += 1
                    if len(examples) < args.examples:
                        examples.append(f"absent {fmt} {path.name}: {t.get('surface')} → "
                                        f"{t.get('en')} ({t.get('status')})")
    outputs = len(docs) * len(FORMATS)
    result = {
        "articles": len(docs), "files": len(files), "skipped": len(skipped),
        "formats": list(FORMATS), "outputs": outputs,
        "outputs_with_residue": sum(residue.values()), "residue_by_format": dict(residue),
        "terms_applied": applied_terms,
        "applied_but_absent": sum(absent.values()), "absent_by_format": dict(absent),
        "outputs_missing_a_url": sum(url_lost.values()), "url_lost_by_format": dict(url_lost),
        "sentences": sentences, "sentences_flagged": flagged,
        "translate_seconds": round(seconds, 1), "limit": args.limit,
        "package": args.package.name, "examples": examples,
    }
    print(f"{result['articles']} articles ({len(files)} files, {len(skipped)} skipped) × "
          f"{len(FORMATS)} formats = {outputs} outputs, translated in {seconds:.0f} s")
    print(f"outputs with placeholder residue: {result['outputs_with_residue']} "
          f"{dict(residue) or ''}")
    print(f"terms reported applied: {applied_terms} per format; absent from the output: "
          f"{result['applied_but_absent']} {dict(absent) or ''}")
    print(f"outputs missing a URL of the German: {result['outputs_missing_a_url']} "
          f"{dict(url_lost) or ''}")
    print(f"sentences flagged: {flagged} of {sentences}")
    for e in examples:
        print("  " + e)
    args.out.mkdir(parents=True, exist_ok=True)
    name = "translate_eval" if args.limit is None else f"translate_eval_limit{args.limit}"
    (args.out / f"{name}.json").write_text(json.dumps(result, indent=2) + "\n",
                                           encoding="utf-8")
    bad = result["outputs_with_residue"] or result["applied_but_absent"] or \
        result["outputs_missing_a_url"]
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
