#!/usr/bin/env bash
# Create .venv and install defnews with what its tests need.
# torch comes in through argostranslate → stanza; it is pinned first to the CPU build
# (on these machines `pip install torch==2.13.0` takes a local CPU wheel; an unpinned
# torch would pull several GB of CUDA packages). Set TORCH_SPEC to override.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
TORCH_SPEC=${TORCH_SPEC:-torch==2.13.0}
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
if ! .venv/bin/python -c "import torch" 2>/dev/null; then
  .venv/bin/pip install -q "$TORCH_SPEC"
fi
.venv/bin/pip install -q -e ".[test]"
