"""Many files in one run (issue 15, point 8)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from defnews import models
from defnews.cli import app
from defnews.translate import Translator, run

runner = CliRunner()

ARTICLES = {
    "marine.md": "# Neue Fregatten für die Marine\n\nDie Marine erhielt am Montag zwei neue "
                 "Fregatten. Die Schiffe wurden in Kiel gebaut.\n",
    "manoever.txt": "Großes Manöver an der Ostsee\n\nMehrere tausend Soldaten üben seit Dienstag "
                    "an der Küste. Der Minister besuchte die Truppe am Mittwoch.\n",
    "gipfel.html": "<html><head><title>Gipfel in Brüssel</title></head><body><article>"
                   "<h1>Gipfel in Brüssel</h1><p>Die Verteidigungsminister trafen sich am "
                   "Freitag in Brüssel. Sie sprachen über die Luftverteidigung.</p>"
                   "</article></body></html>\n",
}


def _untimed(text: str) -> list[dict]:
    articles = json.loads(text)["articles"]
    for a in articles:
        for b in a["blocks"]:
            b.pop("translate_ms")
    return articles


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "notizen.json").write_text("{}", encoding="utf-8")  # not an article: ignored
    return folder


@pytest.mark.usefixtures("with_model")
@pytest.mark.parametrize("fmt", ["auto", "json", "html"])
def test_a_folder_gives_one_output_per_article_as_each_alone(tmp_path: Path, fmt: str) -> None:
    folder = _folder(tmp_path)
    r = runner.invoke(app, ["translate", str(folder), "-o", str(tmp_path / "out"), "-f", fmt,
                            "--no-cache", "-q"])
    assert r.exit_code == 0, r.output
    suffix = {"json": ".json", "html": ".html"}.get(fmt)
    expected = {Path(n).stem + (suffix or (".txt" if n.endswith(".txt") else ".md"))
                for n in ARTICLES}
    assert {p.name for p in (tmp_path / "out").iterdir()} == expected
    for name in ARTICLES:
        alone = runner.invoke(app, ["translate", str(folder / name), "-f", fmt,
                                    "--no-cache", "-q"])
        assert alone.exit_code == 0, alone.output
        out_name = next(n for n in expected if n.startswith(Path(name).stem + "."))
        written = (tmp_path / "out" / out_name).read_text(encoding="utf-8")
        if fmt == "json":  # timings and the run's statistics differ: compare the rest
            assert _untimed(written) == _untimed(alone.stdout)
        else:
            assert written == alone.stdout, name


@pytest.mark.usefixtures("with_model")
def test_several_files_and_the_same_file_twice(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    twice = folder / ".." / "in" / "marine.md"
    r = runner.invoke(app, ["translate", str(folder / "marine.md"), str(twice),
                            str(folder / "manoever.txt"), "-o", str(tmp_path / "out"),
                            "--no-cache"])
    assert r.exit_code == 0, r.output
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["manoever.txt", "marine.md"]
    assert f"defnews: wrote 2 files to {tmp_path / 'out'}" in r.stderr
    # An output file where a folder is needed is refused.
    (tmp_path / "file.txt").write_text("x", encoding="utf-8")
    r = runner.invoke(app, ["translate", str(folder), "-o", str(tmp_path / "file.txt")])
    assert r.exit_code == 2 and r.stderr.startswith("defnews:"), r.output


@pytest.mark.usefixtures("with_model")
def test_the_progress_bar_advances_over_all_sentences(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(run, "MISS_CHUNK", 2)
    from defnews import readers

    articles = [a for name, text in ARTICLES.items()
                for a in readers.read_bytes(text.encode(), name=name)]
    translator = Translator(models.find_model())
    plans = translator.plan_articles(articles)
    total = sum(len(p.sentences()) for p in plans)
    steps: list[int] = []
    translator.translate_plans(plans, steps.append)
    assert sum(steps) == total and len([s for s in steps if s]) >= 3, steps
    # The model was loaded once for all articles.
    assert translator.engine.loaded and translator.stats.translated == total


@pytest.mark.usefixtures("with_model")
def test_same_names_in_two_folders_and_subfolders_each_get_their_own_output(
        tmp_path: Path) -> None:
    # Two days' folders both hold meldung.txt; one also files a report in a subfolder.
    texts = {"tag1/meldung.txt": ARTICLES["manoever.txt"],
             "tag2/meldung.txt": "Neue Drohnen für das Heer\n\nDas Heer erhält ab März "
                                 "neue Drohnen. Die Soldaten werden in Munster geschult.\n",
             "tag2/marine/fregatten.md": ARTICLES["marine.md"]}
    for name, text in texts.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    out = tmp_path / "englisch"
    r = runner.invoke(app, ["translate", str(tmp_path / "tag1"), str(tmp_path / "tag2"),
                            "-o", str(out), "--no-cache", "-q"])
    assert r.exit_code == 0, r.output
    written = sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file())
    assert written == ["marine/fregatten.md", "tag1/meldung.txt", "tag2/meldung.txt"]
    # Each output is its own article's translation, as translating it alone gives.
    for name, output in [("tag1/meldung.txt", "tag1/meldung.txt"),
                         ("tag2/meldung.txt", "tag2/meldung.txt"),
                         ("tag2/marine/fregatten.md", "marine/fregatten.md")]:
        alone = runner.invoke(app, ["translate", str(tmp_path / name), "--no-cache", "-q"])
        assert (out / output).read_text(encoding="utf-8") == alone.stdout, name


@pytest.mark.usefixtures("with_model")
def test_outputs_inside_the_input_folder_are_not_read_back(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    for _ in range(2):
        r = runner.invoke(app, ["translate", str(folder), "-o", str(folder / "en"),
                                "--no-cache"])
        assert r.exit_code == 0, r.output
        assert "wrote 3 files" in r.stderr and "skipped" not in r.stderr, r.stderr
    assert sorted(p.name for p in (folder / "en").rglob("*")) == [
        "gipfel.md", "manoever.txt", "marine.md"]
