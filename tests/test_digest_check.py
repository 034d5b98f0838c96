"""A digest an analyst can check (issue 19, points 3-5): German beside English, links that
work from the digest's folder, header counts, order, dates, German digests, --since last.
All articles are invented here."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import REPO
from defnews.cli import app

runner = CliRunner()
pytestmark = pytest.mark.usefixtures("with_model")


def _article(outlet: str, title: str, date: str | None, body: str) -> str:
    day = f"{date[8:10]}.{date[5:7]}.{date[:4]}\n\n" if date else ""
    return f"{outlet}\n\n# {title}\n\nAutor: Testredaktion\n{day}{body}\n"


RADAR_A = _article("Nordwacht", "Neues Radar für die Luftwaffe in Schleswig", "2026-03-02",
                   "Die Luftwaffe stellt in Schleswig ein neues Radar für die Luftverteidigung "
                   "auf. Das Radar soll Drohnen und Marschflugkörper über der Nordsee erfassen. "
                   "Der Aufbau der Radaranlage beginnt im Sommer und dauert zwei Jahre.")
RADAR_B = _article("Küstenbote", "Luftwaffe baut Radaranlage in Schleswig", "2026-03-03",
                   "In Schleswig entsteht eine Radaranlage der Luftwaffe für die "
                   "Luftverteidigung. Die Anlage soll Drohnen und Marschflugkörper über der "
                   "Nordsee früh erfassen. Der Aufbau beginnt nach Angaben der Luftwaffe im "
                   "Sommer.")
DEPOT = _article("Südkurier West", "Munitionsdepot in Bayern wird erweitert", "2026-03-04",
                 "Das Munitionsdepot bei Ingolstadt erhält zwei neue Lagerhallen. Die Bundeswehr "
                 "will dort mehr Artilleriemunition lagern. Die Arbeiten sollen im Herbst "
                 "abgeschlossen sein.")
UNDATED = _article("Bergpost", "Gebirgsjäger üben im Schnee", None,
                   "Die Gebirgsjäger aus Bad Reichenhall üben seit Montag im Hochgebirge. "
                   "Mehr als 400 Soldaten nehmen an der Übung teil. Geübt wird vor allem die "
                   "Rettung aus Lawinen.")


@pytest.fixture
def news(tmp_path: Path) -> Path:
    folder = tmp_path / "news"
    folder.mkdir()
    for name, text in (("radar-a.md", RADAR_A), ("radar-b.md", RADAR_B),
                       ("depot.md", DEPOT), ("berge.md", UNDATED)):
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _run(*args: str) -> tuple[int, str, str]:
    r = runner.invoke(app, ["digest", *args])
    return r.exit_code, r.stdout, r.stderr


def _json(folder: Path, *extra: str) -> dict:
    code, out, err = _run(str(folder), "--format", "json", "--quiet", *extra)
    assert code == 0, err
    return json.loads(out)


def test_stories_by_outlets_then_newest_first_undated_last(news: Path) -> None:
    data = _json(news)
    order = [(s["title_de"], len(s["also_reported_by"])) for s in data["stories"]]
    assert "Radar" in order[0][0] and order[0][1] == 1  # two outlets, though older
    assert [t for t, _ in order[1:]] == ["Munitionsdepot in Bayern wird erweitert",  # 03-04
                                         "Gebirgsjäger üben im Schnee"]  # undated
    assert (data["first_date"], data["last_date"]) == ("2026-03-02", "2026-03-04")


def test_header_counts_dates_and_plurals(news: Path, tmp_path: Path) -> None:
    code, out, err = _run(str(news), "--format", "markdown", "--quiet")
    assert code == 0, err
    assert ("4 articles from 4 outlets (Bergpost, Küstenbote, Nordwacht, Südkurier West), "
            "2026-03-02 to 2026-03-04, 3 stories.") in out
    single = tmp_path / "single"
    single.mkdir()
    (single / "depot.md").write_text(DEPOT, encoding="utf-8")
    code, out, err = _run(str(single), "--format", "html", "--quiet")
    assert code == 0, err
    assert "1 article from 1 outlet, 2026-03-04, 1 story" in out
    assert "1 articles" not in out and "1 stories" not in out


def test_articles_whose_outlet_nobody_names_are_just_counted(tmp_path: Path) -> None:
    (tmp_path / "meldung.md").write_text(
        "# Depot wird erweitert\n\nDas Munitionsdepot in Bayern wird bis 2028 erweitert. "
        "Der Bund stellt dafür zusätzliche Mittel bereit.\n", encoding="utf-8")
    for fmt in ("markdown", "html"):
        code, out, err = _run(str(tmp_path), "--format", fmt, "--quiet", "--no-translate")
        assert code == 0, err
        assert "0 outlets" not in out and "1 article, " in out


def test_markdown_byline_and_also_reported_by_are_separate_lines(news: Path) -> None:
    code, out, err = _run(str(news), "--format", "markdown", "--quiet")
    assert code == 0, err
    lines = out.splitlines()
    also = next(i for i, line in enumerate(lines) if line.startswith("Also reported by:"))
    assert lines[also - 1] == ""  # its own paragraph, not glued to the byline
    assert lines[also - 2].startswith("*")  # the byline


def test_date_leaves_out_undated_articles_unless_asked(news: Path) -> None:
    titles = {s["title_de"] for s in _json(news, "--date", "2026-03-04")["stories"]}
    assert titles == {"Munitionsdepot in Bayern wird erweitert"}
    titles = {s["title_de"] for s in _json(news, "--date", "2026-03-04",
                                            "--include-undated")["stories"]}
    assert titles == {"Munitionsdepot in Bayern wird erweitert", "Gebirgsjäger üben im Schnee"}


def test_no_translate_gives_a_german_digest(news: Path) -> None:
    data = _json(news, "--no-translate")
    for story in data["stories"]:
        assert story["title"] == story["title_de"]
        assert all(s["en"] is None and s["de"] for s in story["summary"])
    code, out, err = _run(str(news), "--no-translate", "--format", "html", "--quiet")
    assert code == 0, err
    assert '<html lang="de">' in out and 'class="en"' not in out
    assert "Die Luftwaffe" in out or "In Schleswig" in out


def test_since_last_refuses_to_run_without_the_store(news: Path, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, err = _run(str(news), "--since", "last", "--no-cache")
    assert (code, out) == (2, "")
    assert err.startswith("defnews: error: --since last needs the store")
    assert "--no-cache" in err
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("DEFNEWS_STORE", str(blocker / "store.sqlite3"))
    code, out, err = _run(str(news), "--since", "last")
    assert (code, out) == (2, "")
    assert "--since last needs the store" in err and "cannot be opened" in err


def test_since_last_dry_run_lists_and_reset_since_forgets(news: Path) -> None:
    first = _json(news, "--since", "last")
    assert first["articles"] == 4
    (news / "neu.md").write_text(_article("Nordwacht", "Marine testet Minenjagdboot",
                                          "2026-03-05",
                                          "Die Marine testet ein neues Minenjagdboot in der "
                                          "Ostsee. Die Erprobung dauert sechs Wochen."),
                                 encoding="utf-8")
    code, out, err = _run(str(news), "--since", "last", "--dry-run")
    assert code == 0, err
    assert "Marine testet Minenjagdboot" in out
    assert "Radar" not in out
    assert out.strip().endswith("1 new article would be digested")
    assert _json(news, "--since", "last")["articles"] == 1  # the dry run delivered nothing
    code, out, err = _run("--reset-since")
    assert code == 0, err
    assert "forgot 5 delivered articles" in err
    assert _json(news, "--since", "last")["articles"] == 5


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("chromium") is None, reason="needs Debian's chromium")
def test_html_digest_elsewhere_links_back_and_shows_german_in_chromium(
        news: Path, tmp_path: Path) -> None:
    out = tmp_path / "far" / "away" / "digest.html"
    out.parent.mkdir(parents=True)
    code, _, err = _run(str(news), "--format", "html", "-o", str(out), "--quiet")
    assert code == 0, err
    r = subprocess.run([sys.executable, str(REPO / "tools" / "check_html_digest.py"), str(out),
                        "--german", "--shots", str(tmp_path / "shots"),
                        "--expect", "Also reported by"],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stdout + r.stderr
    assert 'href="../../news/' in out.read_text(encoding="utf-8")


def test_progress_counts_files_read_then_sentences_translated(
        news: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from defnews import models
    from defnews.digest import build, summaries
    from defnews.store import open_store
    from defnews.translate import Translator

    monkeypatch.setattr(summaries, "SLICE", 3)  # several slices even for four articles
    events: list[tuple[str, int, int]] = []
    installed = models.find_model(None)
    store = open_store(enabled=False)
    files = build.article_files([news])
    build.build_digest(
        files, build.DigestOptions(sentences=2), glossary=None, store=store,
        translator_factory=lambda: Translator(installed, store=store),
        progress=lambda n: events.append(("read", n, 0)),
        translation_progress=lambda done, added: events.append(("translated", done, added)),
    )
    reads = [e for e in events if e[0] == "read"]
    translated = [e for e in events if e[0] == "translated"]
    assert sum(n for _, n, _ in reads) == len(files) == 4
    queued = sum(added for _, _, added in translated)
    assert queued == 4 * (1 + 2)  # each article: its title and 2 of its 3 sentences
    assert sum(done for _, done, _ in translated) == queued
    assert len([e for e in translated if e[1]]) >= 3  # the bar moves while translating
