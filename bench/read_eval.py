"""Evaluate the readers (issue 16) on real pages, the seeds and the 10kGNAD dev articles.

1. Pages: for each page in pages-dev/ compare with truth.json (written by fundus's hand-made
   per-outlet parsers): title (exact after whitespace normalisation), authors (every surname
   of the truth found in the author string; pages without a truth author are left out), date
   (same day) and story-text tokens (title + teaser + subheadings + paragraphs; lower-cased
   word tokens, multiset precision/recall/F1 per page, averaged). defnews and trafilatura's
   defaults (bare_extraction with metadata, nothing else set) in the same run.
2. Seeds: the checks issue 16 names (outlet, author, date, title, dateline, roles).
3. News-dev: every 10kGNAD text read as a .txt article; blocks marked boilerplate are counted
   (the texts hold none, so it must be 0).

Usage (from the repo root; the data lives beside the project, never inside it):
    .venv/bin/python bench/read_eval.py [--data ../shared/data] [--seeds ../shared/seeds]
        [--limit N] [--json] [--pages-detail]

--pages-detail prints, per page and reader, ok/miss for title, author and date (ours vs the
truth on a miss) and the token precision/recall/F1, so the misses can be studied.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
_TOKEN = re.compile(r"\w+")


def _shared() -> Path:
    for base in (REPO.parent / "shared", REPO.parent.parent / "shared"):
        if base.is_dir():
            return base
    return REPO.parent / "shared"


def _norm(text: str | None) -> str:
    return " ".join((text or "").split())


def _tokens(text: str) -> Counter[str]:
    return Counter(t.lower() for t in _TOKEN.findall(text))


def _f1(ours: Counter[str], ref: Counter[str]) -> tuple[float, float, float]:
    common = sum((ours & ref).values())
    p = common / max(1, sum(ours.values()))
    r = common / max(1, sum(ref.values()))
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _truth_text(t: dict[str, Any]) -> str:
    parts = [t.get("title") or ""] + list(t.get("teaser") or [])
    for sec in t.get("sections") or []:
        parts += list(sec.get("headline") or []) + list(sec.get("paragraphs") or [])
    return "\n".join(parts)


def _authors_ok(found: str | None, truth: list[str]) -> bool:
    found_l = (found or "").lower()
    return all(name.split()[-1].lower() in found_l for name in truth if name.split())


def read_defnews(path: Path) -> dict[str, Any]:
    from defnews.readers import read_bytes

    [article] = read_bytes(path.read_bytes(), name=str(path))
    return {"title": article.title, "author": article.author, "date": article.date,
            "text": "\n".join(article.story_paragraphs())}


def read_trafilatura(path: Path) -> dict[str, Any]:
    import trafilatura

    doc = trafilatura.bare_extraction(path.read_text(encoding="utf-8", errors="replace"),
                                      with_metadata=True)
    if doc is None:
        return {"title": None, "author": None, "date": None, "text": ""}
    d = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    return {"title": d.get("title"), "author": d.get("author"), "date": d.get("date"),
            "text": "\n".join(x for x in (d.get("title"), d.get("text")) if x)}


def _detail_line(label: str, file: str, got: dict[str, Any], t: dict[str, Any],
                 prf: tuple[float, float, float]) -> str:
    """One page's result: ok/miss per field (ours vs the truth on a miss), P/R/F1."""
    checks = [("title", _norm(got["title"]) == _norm(t["title"]), got["title"], t["title"]),
              ("date", (got["date"] or "")[:10] == (t.get("date") or "")[:10],
               got["date"], t.get("date"))]
    if t.get("authors"):
        checks.insert(1, ("author", _authors_ok(got["author"], t["authors"]), got["author"],
                          t["authors"]))
    flags = " ".join(f"{name}:{'ok' if ok else 'MISS'}" for name, ok, _, _ in checks)
    lines = [f"{label:8.8} {file:42} {flags:34} P {prf[0]:.3f} R {prf[1]:.3f} F1 {prf[2]:.3f}"]
    for name, ok, ours, truth in checks:
        if not ok:
            lines.append(f"    {name}: ours {ours!r}\n    {' ' * len(name)}  truth {truth!r}")
    return "\n".join(lines)


def eval_pages(pages: Path, limit: int | None,
               detail: bool = False) -> dict[str, dict[str, float]]:
    truth = json.loads((pages / "truth.json").read_text(encoding="utf-8"))[:limit]
    readers: dict[str, Callable[[Path], dict[str, Any]]] = {
        "defnews": read_defnews, "trafilatura (defaults)": read_trafilatura}
    table: dict[str, dict[str, float]] = {}
    misses: dict[str, list[str]] = {}
    for label, read in readers.items():
        n = titles = dates = 0
        authors = author_pages = 0
        f1s: list[tuple[float, float, float]] = []
        start = time.perf_counter()
        for t in truth:
            path = pages / t["file"]
            try:
                got = read(path)
            except Exception as exc:  # a reader that refuses a page scores 0 on it
                got = {"title": None, "author": None, "date": None, "text": ""}
                misses.setdefault(label, []).append(f"{t['file']}: {exc}")
            n += 1
            titles += _norm(got["title"]) == _norm(t["title"])
            dates += (got["date"] or "")[:10] == (t.get("date") or "")[:10]
            if t.get("authors"):
                author_pages += 1
                authors += _authors_ok(got["author"], t["authors"])
            f1s.append(_f1(_tokens(got["text"]), _tokens(_truth_text(t))))
            if detail:
                print(_detail_line(label, t["file"], got, t, f1s[-1]))
        table[label] = {
            "pages": n, "title": titles / n, "author": authors / max(1, author_pages),
            "date": dates / n, "precision": sum(x[0] for x in f1s) / n,
            "recall": sum(x[1] for x in f1s) / n, "f1": sum(x[2] for x in f1s) / n,
            "seconds": time.perf_counter() - start}
    for label, items in misses.items():
        for m in items:
            print(f"  {label} refused {m}", file=sys.stderr)
    return table


def eval_seeds(seeds: Path) -> dict[str, bool]:
    from defnews.readers import read_path

    checks: dict[str, bool] = {}
    for path in sorted(seeds.glob("000_*")):
        [a] = read_path(path)
        checks["000 outlet DIE POSAUNE"] = a.outlet == "DIE POSAUNE"
        checks["000 author Mihailo S. Zekic"] = a.author == "Mihailo S. Zekic"
        checks["000 date 2023-08-07"] = a.date == "2023-08-07"
        checks["000 title"] = a.title == "Iran und Belarus stärken ihre Verteidigungsbeziehungen"
    for path in sorted(seeds.glob("004_*")):
        [a] = read_path(path)
        roles = [b.role for b in a.blocks if b.translatable]
        story = a.story_paragraphs()
        checks["004 title"] = a.title == ("Russland und Iran verstärken Kooperation: "
                                          "Gemeinsam gegen die USA")
        checks["004 dateline MOSKAU/ap"] = (a.dateline_place, a.dateline_agency) == ("MOSKAU",
                                                                                    "ap")
        checks["004 paragraphs apart"] = roles.count("body") >= 6
        checks["004 subheading"] = any(b.role == "subheading" and
                                       b.text == "Russische Luftabwehrraketen" for b in a.blocks)
        checks["004 appeal and prompt boilerplate"] = [
            b.rule for b in a.blocks if b.role == "boilerplate"][-2:] == [
            "donation appeal", "comment prompt"]
        checks["004 no title/dateline in story"] = story.count(a.title or "") == 1 and not any(
            "MOSKAU" in p for p in story)
    return checks


def eval_news(news: Path, limit: int | None) -> tuple[int, int, list[str]]:
    from defnews.readers import read_bytes

    articles = marked = 0
    examples: list[str] = []
    for f in sorted(news.glob("*.jsonl")):
        for line in f.read_text(encoding="utf-8").splitlines():
            if limit is not None and articles >= limit:
                break
            articles += 1
            for a in read_bytes(json.loads(line)["text"].encode("utf-8"), "artikel.txt"):
                for b in a.blocks:
                    if b.boilerplate and b.role == "boilerplate":
                        marked += 1
                        examples.append(f"{b.rule}: {b.text[:80]}")
    return articles, marked, examples


def main() -> int:
    shared = _shared()
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=shared / "data")
    ap.add_argument("--seeds", type=Path, default=shared / "seeds")
    ap.add_argument("--limit", type=int, default=None, help="first N pages / news articles")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--pages-detail", action="store_true",
                    help="per page: ok/miss per field, ours vs truth, token P/R/F1")
    args = ap.parse_args()
    pages = eval_pages(args.data / "pages-dev", args.limit, args.pages_detail)
    seeds = eval_seeds(args.seeds)
    n, marked, examples = eval_news(args.data / "news-dev", args.limit)
    if args.json:
        print(json.dumps({"pages": pages, "seeds": seeds,
                          "news_dev": {"articles": n, "boilerplate_blocks": marked}}, indent=2))
        return 0
    print(f"Pages ({args.data / 'pages-dev'}):")
    print("| reader | pages | title | author | date | token P | token R | token F1 | s |")
    print("|---|---|---|---|---|---|---|---|---|")
    for label, r in pages.items():
        print(f"| {label} | {r['pages']:.0f} | {r['title']:.3f} | {r['author']:.3f} | "
              f"{r['date']:.3f} | {r['precision']:.3f} | {r['recall']:.3f} | {r['f1']:.3f} | "
              f"{r['seconds']:.1f} |")
    print("\nSeeds:")
    for name, ok in seeds.items():
        print(f"  {'ok  ' if ok else 'FAIL'} {name}")
    print(f"\nNews-dev: {n} articles, {marked} blocks marked boilerplate (must be 0)")
    for e in examples[:10]:
        print("  ", e)
    return 0


if __name__ == "__main__":
    sys.exit(main())
