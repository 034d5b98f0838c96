"""Atomic writes: temporary files of killed writers are swept, live writers' are kept."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from defnews.fileio import emit


def test_stale_part_files_of_dead_writers_are_swept(tmp_path: Path) -> None:
    out = tmp_path / "digest.md"
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    stale = tmp_path / f".digest.md.{dead.stdout.strip()}.abc123_x.part"
    stale.write_text("half of an old run")
    with subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"]) as live:
        try:
            busy = tmp_path / f".digest.md.{live.pid}.zz9.part"
            busy.write_text("another run still writing")
            unrelated = tmp_path / ".digest.md.notes.part"  # not our pattern: never touched
            unrelated.write_text("user file")
            other_output = tmp_path / f".other.md.{dead.stdout.strip()}.q.part"
            other_output.write_text("left by a run writing another file")
            emit("# Digest", out)
            assert out.read_text() == "# Digest\n"
            assert not stale.exists()
            assert busy.exists() and unrelated.exists() and other_output.exists()
        finally:
            live.kill()
