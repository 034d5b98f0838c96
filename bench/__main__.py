"""`python -m bench`: the performance benchmark (bench/perf.py); see its --help."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from perf import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
