#!/usr/bin/env python3
"""How often the `numbers` flag fires on human translations (its false alarms).

    python bench/number_flag_eval.py [--data ../shared/data/mt-dev]

Runs the check of defnews.translate.numbers on each WMT22 German source line and its human
English reference: every flag there is a false alarm (a human wrote the English). Prints
the count over the lines that hold a number, and the first flagged lines.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "cli"))
SHARED = next((p / "shared" for p in (REPO.parent, REPO.parent.parent)
               if (p / "shared").is_dir()), REPO.parent / "shared")


def main() -> int:
    from defnews.translate.numbers import missing_numbers

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=SHARED / "data" / "mt-dev")
    ap.add_argument("--show", type=int, default=10, help="flagged lines to print")
    args = ap.parse_args()
    src = (args.data / "generaltest2022.de-en.src.de").read_text(encoding="utf-8").splitlines()
    ref = (args.data / "generaltest2022.de-en.ref.A.en").read_text(encoding="utf-8").splitlines()
    with_numbers = [(s, r) for s, r in zip(src, ref, strict=True)
                    if any(c.isdigit() for c in s)]
    flagged = [(s, r, m) for s, r in with_numbers if (m := missing_numbers(s, r))]
    share = len(flagged) / max(len(with_numbers), 1)
    print(f"{len(src)} lines, {len(with_numbers)} with a number; the human reference is "
          f"flagged on {len(flagged)} ({share:.1%})")
    for s, r, m in flagged[: args.show]:
        print(f"  missing {', '.join(m)}: {s[:90]!r} -> {r[:90]!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
