"""German summaries of real news pages with titles, as the command runs them.

    python bench/summary_pages_eval.py [--pages DIR] [--title-logits 0 1 2 3]

The 10kGNAD dev articles have no titles, so the title weight of the learned German scorer
(``learned.Model.title_logit``) cannot be fitted there. ``pages-dev/truth.json`` gives, for
46 saved news pages, the title, the teaser and the story paragraphs (from fundus's
per-outlet parsers). Each page becomes a Markdown file (``# title`` and the paragraphs,
without the teaser) and goes through the code path of ``defnews summarize FILE --lang de
--no-translate -n 2 --format json`` (``summary_cli_eval.Command``); the 2 chosen sentences
are compared with the teaser (stemmed ROUGE-1/2 F). Rows: lead-2 (the first 2 candidate
sentences), the default with the shipped weights, and the default with each title weight
asked for.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import tempfile
from collections.abc import Sequence
from pathlib import Path

from summary_cli_eval import Command, N, _texts
from summary_eval import make_tokens_de, rouge_n

REPO = Path(__file__).resolve().parent.parent
PAGES = REPO / "../shared/data/pages-dev"


def load(pages: Path) -> list[tuple[str, str, str]]:
    """(title, Markdown body without the teaser, teaser) of each page with a teaser."""
    out = []
    for page in json.loads((pages / "truth.json").read_text(encoding="utf-8")):
        teaser = " ".join(page["teaser"]) if isinstance(page["teaser"], list) else page["teaser"]
        paragraphs = [p for s in page["sections"] for p in s["paragraphs"]]
        if teaser.strip() and page["title"] and len(paragraphs) >= 2:
            out.append((page["title"], "\n\n".join(paragraphs), teaser))
    return out


def main(argv: Sequence[str] | None = None) -> int:
    from defnews.digest.summarizers import learned

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", type=Path, default=PAGES)
    ap.add_argument("--title-logits", type=float, nargs="*", default=[],
                    help="also run the default with these title weights")
    args = ap.parse_args(argv)
    tokens = make_tokens_de()
    command = Command()
    shipped = learned.german_model()
    assert shipped is not None, "no German weights (bench/train_summary_model.py)"
    rows = {"lead": [0.0, 0.0], f"default (title_logit {shipped.title_logit})": [0.0, 0.0]}
    models = {f"title_logit {v}": dataclasses.replace(shipped, title_logit=v)
              for v in args.title_logits}
    rows.update({k: [0.0, 0.0] for k in models})
    items = load(args.pages)
    with tempfile.TemporaryDirectory() as tmp:
        for no, (title, body, teaser) in enumerate(items):
            path = Path(tmp) / f"seite-{no}.md"
            path.write_text(f"# {title}\n\n{body}\n", encoding="utf-8")
            ref = tokens(teaser)
            chosen = {"lead": command.candidates(path)[:N]}
            chosen[f"default (title_logit {shipped.title_logit})"] = _texts(
                command.summary(path, "default"))
            for label, model in models.items():
                # The scorer reads the model through this function: swap it for the run.
                learned.german_model = lambda model=model: model  # type: ignore[assignment]
                chosen[label] = _texts(command.summary(path, "default"))
                learned.german_model = lambda: shipped  # type: ignore[assignment]
            for label, texts in chosen.items():
                toks = tokens(" ".join(texts))
                rows[label][0] += rouge_n(toks, ref, 1)
                rows[label][1] += rouge_n(toks, ref, 2)
    lead = rows["lead"]
    print(f"pages-dev: {len(items)} pages with title and teaser, teaser vs {N} sentences")
    print(f"{'method':<28}{'rouge1':>9}{'rouge2':>9}{'R1/lead':>9}{'R2/lead':>9}")
    for label, (r1, r2) in rows.items():
        print(f"{label:<28}{r1 / len(items):>9.4f}{r2 / len(items):>9.4f}"
              f"{r1 / max(lead[0], 1e-9):>9.3f}{r2 / max(lead[1], 1e-9):>9.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
