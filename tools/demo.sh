#!/usr/bin/env bash
# The main job on a fresh clone: install, install the model, translate a sample to stdout.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/install.sh
DEFNEWS=.venv/bin/defnews
SAMPLE=${1:-samples/2026-11-20_grenzbote_iran-belarus-absichtserklaerung.md}
TEST_PACKAGE=tests/fixtures/translate-de_en-defnews_test-1_0.argosmodel
if ! $DEFNEWS models path >/dev/null 2>&1 || ! $DEFNEWS doctor >/dev/null 2>&1; then
  if ! $DEFNEWS models install; then
    echo >&2
    echo "The Argos package index cannot be reached from here: installing the project's small" >&2
    echo "TEST package instead. It shows the mechanics only; its English says nothing about" >&2
    echo "translation quality. On a machine with network, run: defnews models install" >&2
    $DEFNEWS models install --file "$TEST_PACKAGE"
  fi
fi
$DEFNEWS translate "$SAMPLE"
