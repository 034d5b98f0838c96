"""Digests of the samples with the test package: stories, merging, boilerplate, metadata."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import REPO, SAMPLES
from defnews.cli import app

runner = CliRunner()
EXPECTED = json.loads((SAMPLES / "expected.json").read_text(encoding="utf-8"))
pytestmark = pytest.mark.usefixtures("with_model")


def _digest(tmp_path: Path, fmt: str, *extra: str) -> str:
    out = tmp_path / f"digest.{fmt}"
    r = runner.invoke(app, ["digest", str(SAMPLES), "--format", fmt, "-o", str(out),
                            "--quiet", *extra])
    assert r.exit_code == 0, r.stderr
    return out.read_text(encoding="utf-8")


def _stories() -> dict[str, list[tuple[str, int]]]:
    stories: dict[str, list[tuple[str, int]]] = {}
    for name, items in EXPECTED.items():
        for i, item in enumerate(items):
            stories.setdefault(item["story"], []).append((name, i))
    return stories


def test_json_digest_has_every_story_once_and_merges_two_outlet_stories(tmp_path: Path) -> None:
    data = json.loads(_digest(tmp_path, "json"))
    expected = _stories()
    assert len(data["stories"]) == len(expected)
    assert data["articles"] == sum(len(v) for v in EXPECTED.values())
    seen: dict[str, str] = {}
    for story in data["stories"]:
        sources = [story["source"]] + [o["source"] for o in story["also_reported_by"]]
        names = {Path(s.split("#")[0]).name for s in sources}
        ids = {EXPECTED[n][0]["story"] if "#" not in s else
               EXPECTED[n][int(s.split("#")[1]) - 1]["story"]
               for n, s in zip([Path(s.split("#")[0]).name for s in sources], sources,
                               strict=True)}
        assert len(ids) == 1, f"one entry mixes stories: {names}"
        story_id = ids.pop()
        assert story_id not in seen, f"story {story_id} appears twice"
        seen[story_id] = story["source"]
        assert len(sources) == len(expected[story_id])
        assert 1 <= len(story["summary"]) <= 3
    assert set(seen) == set(expected)


def test_metadata_is_right_for_every_sample(tmp_path: Path) -> None:
    data = json.loads(_digest(tmp_path, "json"))
    by_source = {}
    for story in data["stories"]:
        by_source[story["source"]] = story
        for o in story["also_reported_by"]:
            by_source[o["source"]] = o
    for name, items in EXPECTED.items():
        for i, item in enumerate(items):
            key = str(SAMPLES / name) + (f"#{i + 1}" if len(items) > 1 else "")
            got = by_source[key]
            assert got["outlet"] == item["outlet"], key
            assert got["date"] == item["date"], key
            if "author" in got:
                assert got["author"] == item["author"], key


def test_no_boilerplate_reaches_a_summary(tmp_path: Path) -> None:
    data = json.loads(_digest(tmp_path, "json"))
    summary_text = " ".join(s["de"] for story in data["stories"] for s in story["summary"])
    for items in EXPECTED.values():
        for item in items:
            for phrase in item["boilerplate"]:
                assert phrase not in summary_text, phrase


def test_markdown_and_html_digests(tmp_path: Path) -> None:
    md = _digest(tmp_path, "markdown")
    assert md.startswith("# Defence and security digest")
    assert md.count("\n## ") == len(_stories())
    assert "Also reported by" in md
    html = _digest(tmp_path, "html")
    assert html.startswith("<!DOCTYPE html>") and "<script" not in html
    assert html.count("<article") == len(_stories())


@pytest.mark.skipif(shutil.which("chromium") is None, reason="needs Debian's chromium")
@pytest.mark.slow
def test_html_digest_renders_in_a_real_browser(tmp_path: Path) -> None:
    _digest(tmp_path, "html")
    data = json.loads(_digest(tmp_path, "json"))
    titles = [s["title"] for s in data["stories"]][:3]
    args = [sys.executable, str(REPO / "tools" / "check_html_digest.py"),
            str(tmp_path / "digest.html"), "--shots", str(tmp_path / "shots")]
    for t in titles + ["Also reported by"]:
        args += ["--expect", t]
    r = subprocess.run(args, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stdout + r.stderr
    assert (tmp_path / "shots" / "digest-phone.png").stat().st_size > 5000


def test_since_last_takes_only_new_articles(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    names = sorted(EXPECTED)
    for n in names[:4]:
        shutil.copy(SAMPLES / n, folder / n)
    first = runner.invoke(app, ["digest", str(folder), "--since", "last", "--format", "json",
                                "--quiet"])
    assert first.exit_code == 0, first.stderr
    assert json.loads(first.stdout)["articles"] == 4
    for n in names[4:6]:
        shutil.copy(SAMPLES / n, folder / n)
    second = runner.invoke(app, ["digest", str(folder), "--since", "last", "--format", "json",
                                 "--quiet"])
    assert second.exit_code == 0, second.stderr
    assert json.loads(second.stdout)["articles"] == 2
    third = runner.invoke(app, ["digest", str(folder), "--since", "last", "--quiet"])
    assert third.exit_code == 0
    assert "nothing new" in third.stderr


def test_date_filter(tmp_path: Path) -> None:
    data = json.loads(_digest(tmp_path, "json", "--date", "2026-11-20"))
    n = sum(1 for items in EXPECTED.values() for i in items if i["date"] == "2026-11-20")
    assert data["articles"] == n and data["date"] == "2026-11-20"


def test_summarize_first_translates_only_kept_sentences(tmp_path: Path) -> None:
    article = SAMPLES / "2026-11-20_grenzbote_iran-belarus-absichtserklaerung.md"
    r = runner.invoke(app, ["summarize", str(article), "-n", "2", "--format", "json",
                            "--no-cache"])
    assert r.exit_code == 0, r.stderr
    data = json.loads(r.stdout)
    assert len(data["summary"]) == 2
    assert all(s["translation"] for s in data["summary"])
    positions = [s["position"] for s in data["summary"]]
    assert positions == sorted(positions)
    r = runner.invoke(app, ["summarize", str(article), "-n", "2", "--no-translate",
                            "--format", "json"])
    assert all(s["translation"] is None for s in json.loads(r.stdout)["summary"])


def _grouped_pair_by_pair(entries: list[dict]) -> list[list[int]]:
    """The story grouping's rule applied to every pair, the slow obvious way."""
    import math
    from collections import Counter

    from defnews.digest.stories import MAX_STORY_DAYS, SAME_STORY, days_apart

    n = len(entries)
    df = Counter(k for e in entries for k in e["features"])
    vecs = [{k: v * math.log((1 + n) / (1 + df[k])) for k, v in e["features"].items()}
            for e in entries]
    group = list(range(n))
    for i in range(n):
        for j in range(i + 1, n):
            a, b = vecs[i], vecs[j]
            dot = sum(v * b.get(k, 0.0) for k, v in a.items())
            norms = math.sqrt(sum(v * v for v in a.values())) * \
                math.sqrt(sum(v * v for v in b.values()))
            if not norms or dot / norms < SAME_STORY:
                continue
            if entries[i]["outlet"] == entries[j]["outlet"]:
                continue
            if days_apart(entries[i]["date"], entries[j]["date"]) > MAX_STORY_DAYS:
                continue
            old, new = group[j], group[i]
            group = [new if g == old else g for g in group]
    by_group: dict[int, list[int]] = {}
    for i, g in enumerate(group):
        by_group.setdefault(g, []).append(i)
    return sorted(by_group.values())


def test_story_grouping_links_the_same_pairs_as_comparing_every_pair() -> None:
    import random
    from types import SimpleNamespace

    from defnews.digest.stories import cluster_stories

    rng = random.Random(7)
    words = [f"wort{i}" for i in range(60)]
    linked = 0
    for _ in range(20):
        entries = []
        for _ in range(rng.randint(2, 40)):
            story = rng.randrange(6)  # entries of one story share most of their words
            pool = words[story * 8 : story * 8 + 12] + rng.sample(words, 6)
            entries.append({
                "features": {w: rng.randint(1, 4) for w in rng.sample(pool, rng.randint(1, 10))},
                "outlet": rng.choice(["a", "b", "c", "d"]),
                "date": f"2026-11-{rng.randint(10, 16)}",
            })
        expected = _grouped_pair_by_pair(entries)
        assert sorted(cluster_stories([SimpleNamespace(**e) for e in entries])) == expected
        linked += len(expected) < len(entries)
    assert linked >= 10  # most cases group some entries, so the comparison means something


def test_digest_and_summary_formats_follow_the_output_name(tmp_path: Path) -> None:
    for name in ("digest.html", "digest.HTM", "digest.json", "digest.md", "digest.txt"):
        out = tmp_path / name
        r = runner.invoke(app, ["digest", str(SAMPLES), "-o", str(out), "--quiet"])
        assert r.exit_code == 0, r.stderr
        written = out.read_text(encoding="utf-8")
        kind = name.rpartition(".")[2].lower()
        if kind in ("html", "htm"):
            assert written.startswith("<!DOCTYPE html>") and "</html>" in written, name
        elif kind == "json":
            assert json.loads(written)["stories"], name
        else:  # Markdown, also for a name that names no format
            assert written.startswith("# "), name
    md = runner.invoke(app, ["digest", str(SAMPLES), "-f", "md", "--quiet"])
    assert md.exit_code == 0 and md.stdout.startswith("# "), md.stderr
    article = next(SAMPLES.glob("*.md"))
    for name in ("summary.json", "summary.md", "summary.txt"):
        out = tmp_path / name
        r = runner.invoke(app, ["summarize", str(article), "-n", "2", "-o", str(out)])
        assert r.exit_code == 0, r.stderr
        written = out.read_text(encoding="utf-8")
        if name.endswith(".json"):
            assert json.loads(written)["summary"], name
        elif name.endswith(".md"):
            assert written.startswith("# ") and "\n- " in written, name
        else:
            assert not written.startswith(("# ", "{")) and "\n- " not in written, name
