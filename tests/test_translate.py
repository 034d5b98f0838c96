"""The real translation path with the project's test package: no mocks of the engine.

The test package is trained on synthetic template sentences; these tests check mechanics
(install, locate, load, segment, batch, reassemble, remember), never translation quality.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import REPO, TEST_PACKAGE, sample_files
from defnews import models, placeholders, readers
from defnews.cli import app
from defnews.inline import split_row
from defnews.readers.markdown import parse_blocks
from defnews.store import open_store
from defnews.translate import (
    LENGTH_BUCKET,
    Engine,
    EngineOptions,
    Translator,
    _batch_budget,
    _length_batches,
    metadata,
)

runner = CliRunner()
URL = re.compile(r"\]\(([^)\s]+)")


def test_install_from_file_through_the_cli(tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DEFNEWS_PACKAGES_DIR", str(tmp_path / "pk"))
    r = runner.invoke(app, ["models", "install", "--file", str(TEST_PACKAGE)])
    assert r.exit_code == 0, r.stderr
    r = runner.invoke(app, ["models", "list", "--json"])
    pkgs = json.loads(r.stdout)["packages"]
    assert [(p["from"], p["to"], p["active"]) for p in pkgs] == [("de", "en", True)]
    r = runner.invoke(app, ["doctor"])
    assert r.exit_code == 0, r.stdout


@pytest.mark.usefixtures("with_model")
def test_engine_translates_template_sentences() -> None:
    sys.path.insert(0, str(REPO / "tools" / "testmodel"))
    try:
        from corpus import held_out_pairs  # the generator the package was trained from
    finally:
        sys.path.pop(0)
    pairs = held_out_pairs(seed=20261123, n=40)
    engine = Engine(models.find_model())
    outputs = engine.translate_batch([de for de, _ in pairs])
    exact = sum(out.strip() == en.strip() for out, (_, en) in zip(outputs, pairs, strict=True))
    # The package gets 183 of 200 such sentences exactly (tools/testmodel/evaluate.py).
    assert exact / len(pairs) >= 0.85, list(zip(outputs, pairs, strict=True))[:5]
    assert engine.model_calls == 1


@pytest.mark.usefixtures("with_model")
def test_engine_copies_unseen_tokens_and_placeholders() -> None:
    sys.path.insert(0, str(REPO / "tools" / "testmodel"))
    try:
        from corpus import Gen, held_out_pairs
    finally:
        sys.path.pop(0)
    pairs = [p for p in held_out_pairs(seed=777, n=400) if "ZZ" in p[0]][:80]
    engine = Engine(models.find_model())
    outputs = engine.translate_batch([de for de, _ in pairs])
    kept = sum(placeholders.numbers_in(out) == placeholders.numbers_in(de)
               for out, (de, _) in zip(outputs, pairs, strict=True))
    assert kept / len(pairs) >= 0.95, kept / len(pairs)
    # Invented names it has never seen pass through unchanged.
    gen = Gen(4242)
    names = [gen.invented() for _ in range(40)]
    outs = engine.translate_batch([f"Der Verteidigungsminister reiste am Montag nach {n}."
                                   for n in names])
    copied = sum(n in out for n, out in zip(names, outs, strict=True))
    # The test package copies 99 of 100 (see the README); this floor catches regressions.
    assert copied / len(names) >= 0.95, copied / len(names)


@pytest.mark.usefixtures("with_model")
@pytest.mark.parametrize("path", sample_files(), ids=lambda p: p.name)
def test_every_sample_keeps_its_structure(path: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.md"
    r = runner.invoke(app, ["translate", str(path), "-o", str(out), "--format", "markdown",
                            "--quiet"])
    assert r.exit_code == 0, r.stderr
    text = out.read_text(encoding="utf-8")
    src_articles = readers.read_path(path)
    src_blocks = [b for a in src_articles for b in a.blocks if b.kind != "blank"]
    # A page's or feed item's metadata comes from its markup: one byline under its title.
    bylines = {metadata.page_byline(a) for a in src_articles} - {None}
    out_blocks = [b for b in parse_blocks(text) if b.kind != "blank"
                  and not (b.kind == "paragraph" and b.text.strip() in bylines)]
    src_shape = [(b.kind, b.prefix) for b in src_blocks]
    out_shape = [(b.kind, b.prefix) for b in out_blocks]
    assert out_shape == src_shape
    src_urls = sorted(u for b in src_blocks for u in URL.findall(b.text or b.raw))
    out_urls = sorted(u for b in out_blocks for u in URL.findall(b.text or b.raw))
    assert out_urls == src_urls
    assert not placeholders.PLACEHOLDER_RE.search(text)


TABLE_ARTICLE = """# Beschaffung

Die Bundeswehr bestellt neue Systeme.

| System | Stückzahl | Quelle |
|:--|--:|---|
| Kampfpanzer Leopard 2 | 105 | [Bericht des Verteidigungsministers](https://example.org/a) |
| Flugabwehrsystem IRIS-T | 6 | |
"""


@pytest.mark.usefixtures("with_model")
def test_markdown_tables_are_translated_cell_by_cell(tmp_path: Path) -> None:
    src = tmp_path / "tabelle.md"
    src.write_text(TABLE_ARTICLE, encoding="utf-8")
    r = runner.invoke(app, ["translate", str(src), "--format", "markdown", "--no-cache",
                            "--quiet"])
    assert r.exit_code == 0, r.stderr
    rows = [ln for ln in r.stdout.splitlines() if ln.startswith("|")]
    assert rows[1] == "|:--|--:|---|"  # the delimiter row is copied
    assert [len(split_row(ln)) for ln in rows] == [3, 3, 3, 3]
    data = [split_row(ln) for ln in rows[2:]]
    assert [c[1] for c in data] == ["105", "6"]  # numbers never reach the model
    assert data[1][2] == ""
    assert "(https://example.org/a)" in data[0][2]
    # German cells are translated, glossary terms in cells enforced.
    assert "Kampfpanzer" not in data[0][0] and "battle tank" in data[0][0].lower()
    assert "defence minister" in data[0][2].lower()
    assert not placeholders.PLACEHOLDER_RE.search(r.stdout)


@pytest.mark.usefixtures("with_model")
def test_second_run_is_served_from_memory_without_the_model(tmp_path: Path) -> None:
    article = sample_files()[0]
    first = runner.invoke(app, ["translate", str(article), "--format", "json", "--quiet"])
    assert first.exit_code == 0, first.stderr
    s1 = json.loads(first.stdout)["stats"]
    assert s1["translated"] > 0 and s1["model_calls"] >= 1
    second = runner.invoke(app, ["translate", str(article), "--format", "json", "--quiet"])
    s2 = json.loads(second.stdout)["stats"]
    assert s2["translated"] == 0
    assert s2["model_calls"] == 0 and s2["model_loaded"] is False
    assert s2["from_memory"] == s1["unique"]
    a1 = json.loads(first.stdout)["articles"]
    a2 = json.loads(second.stdout)["articles"]
    assert [b["translation"] for b in a1[0]["blocks"]] == \
        [b["translation"] for b in a2[0]["blocks"]]


@pytest.mark.usefixtures("with_model")
def test_no_cache_neither_reads_nor_writes(tmp_path: Path) -> None:
    article = sample_files()[0]
    r = runner.invoke(app, ["translate", str(article), "--format", "json", "--no-cache"])
    assert r.exit_code == 0
    assert json.loads(r.stdout)["stats"]["from_memory"] == 0
    r = runner.invoke(app, ["translate", str(article), "--format", "json", "--no-cache"])
    assert json.loads(r.stdout)["stats"]["from_memory"] == 0
    from defnews import paths

    assert not paths.store_path().exists()


@pytest.mark.usefixtures("with_model")
def test_memory_key_changes_with_glossary(tmp_path: Path) -> None:
    text = "Der Verteidigungsminister besuchte am Montag die Truppe in Warschau."
    model = models.find_model()
    store = open_store(tmp_path / "tm.sqlite3")
    t1 = Translator(model, store=store, glossary=None)
    t1.translate_sentences([text])
    assert t1.stats.translated == 1
    t2 = Translator(model, store=store, glossary=None)
    t2.translate_sentences([text])
    assert t2.stats.from_memory == 1
    from defnews.glossary import load_glossary

    t3 = Translator(model, store=store, glossary=load_glossary())
    t3.translate_sentences([text])
    assert t3.stats.from_memory == 0 and t3.stats.translated == 1


@pytest.mark.usefixtures("with_model")
def test_stdin_and_formats(tmp_path: Path) -> None:
    src = "# Titel der Meldung\n\nDer Minister reiste nach Moskau. Dort sprach er lange.\n"
    for fmt in ("text", "markdown", "json", "bilingual"):
        r = runner.invoke(app, ["translate", "-", "--format", fmt, "--quiet"], input=src)
        assert r.exit_code == 0, (fmt, r.stderr)
        if fmt == "json":
            data = json.loads(r.stdout)
            blocks = data["articles"][0]["blocks"]
            assert [len(b["sentences"]) for b in blocks] == [1, 2]
            assert all("translate_ms" in b for b in blocks)
        elif fmt == "bilingual":
            rows = [ln for ln in r.stdout.splitlines() if ln.startswith("| ") and "---" not in ln]
            assert rows[0] == "| German | English |" and len(rows) == 1 + 3
        elif fmt == "markdown":
            assert r.stdout.startswith("# ")


@pytest.mark.usefixtures("with_model")
def test_one_batch_for_many_articles(tmp_path: Path) -> None:
    model = models.find_model()
    # The first sample twice: every sentence of it is a repeat, translated once.
    arts = [a for p in [*sample_files()[:4], sample_files()[0]] for a in readers.read_path(p)]
    t = Translator(model)
    plans = t.translate_articles(arts)
    # Glossary-free run: one model call for all sentences of all articles (and one more
    # for the retry of sentences that looped, if any).
    assert t.engine.model_calls - t.engine.careful_calls == 1
    sentences = [s for p in plans for s in p.sentences()]
    assert t.stats.sentences == len(sentences)
    # Distinct sentences with a word or number (outside placeholders) go to the model.
    worded = {s for s in sentences if re.search(r"\w", re.sub(r"ZZ\d+", "", s))}
    assert t.stats.unique == len(worded) < len(sentences)


def test_length_batches_sort_and_respect_the_token_budget() -> None:
    tokens = [["a"] * n for n in (30, 5, 200, 12, 5, 90, 1, 0)]
    batches = _length_batches(tokens, 64)
    flat = [i for b in batches for i in b]
    assert sorted(flat) == list(range(len(tokens)))  # every sentence exactly once
    assert [len(tokens[i]) for i in flat] == sorted(len(t) for t in tokens)
    for b in batches:  # a batch over budget only when one sentence alone is
        assert sum(max(len(tokens[i]), 1) for i in b) <= 64 or len(b) == 1


def test_small_runs_are_split_so_every_thread_decodes() -> None:
    few = [["a"] * n for n in (20, 25, 30, 40, 10, 15)]  # 140 tokens: one 512-token batch
    assert len(_length_batches(few, _batch_budget(few, 512, 1))) == 1
    two = _length_batches(few, _batch_budget(few, 512, 2))
    assert [sum(len(few[i]) for i in b) for b in two] == [70, 70]  # half each
    many = [["a"] * 30 for _ in range(100)]  # 3000 tokens: already many batches
    assert _batch_budget(many, 512, 2) == 512
    assert _batch_budget([["a"] * 9], 512, 2) == 512  # one sentence cannot be shared
    long_one = [["a"] * 300, ["a"] * 5]
    assert _batch_budget(long_one, 512, 2) == 300  # never below the longest sentence


def test_decoding_cap_follows_the_longest_input(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DEFNEWS_MAX_LENGTH_RATIO", raising=False)
    # By buckets of 16 input tokens: 2 × 32 + 10 for 17 to 32 tokens.
    assert EngineOptions().decoding_cap(20) == EngineOptions().decoding_cap(32) == 74
    assert EngineOptions().decoding_cap(33) == 106
    assert EngineOptions().decoding_cap(400) == 256  # never above the fixed cap
    assert EngineOptions(max_length_ratio=0).decoding_cap(3) == 256
    monkeypatch.setenv("DEFNEWS_MAX_LENGTH_RATIO", "0")
    assert EngineOptions().max_length_ratio == 0
    # The cap changes outputs, so it is part of the translation-memory key.
    assert EngineOptions(max_length_ratio=2).key() != EngineOptions(max_length_ratio=0).key()


def test_a_sentence_gets_the_same_cap_alone_and_among_longer_ones() -> None:
    # The cap came from the longest input of a batch, so a runaway line decoded further
    # among long sentences than alone: 1 of 50 articles translated in one call differed
    # from the same file translated alone. Batches now never span a length bucket.
    options = EngineOptions(max_length_ratio=2)
    tokens = [["a"] * n for n in (3, 15, 16, 17, 31, 40, 90, 7, 16)]
    for budget in (64, 512):
        for batch in _length_batches(tokens, budget, LENGTH_BUCKET):
            cap = options.decoding_cap(max(len(tokens[i]) for i in batch))
            assert all(options.decoding_cap(len(tokens[i])) == cap for i in batch), batch


@pytest.mark.usefixtures("with_model")
def test_capped_decoding_bounds_every_batch() -> None:
    sentences = ["Der Verteidigungsminister reiste am Montag nach Minsk, wo er mit dem "
                 "Generalstabschef über die gemeinsame Militärübung im Herbst und die "
                 "Lieferung von 15.000 Granaten sprach.",
                 "Die Übung endete am Freitag."]
    free = Engine(models.find_model(), EngineOptions(max_length_ratio=0))
    tokens = free.tokenize(sentences)
    cap = EngineOptions(max_length_ratio=0.1).decoding_cap(max(map(len, tokens)))
    uncapped = free._decode(tokens, 1)
    assert len(uncapped[0][0]) > cap  # the cap has something to cut here
    capped = Engine(models.find_model(), EngineOptions(max_length_ratio=0.1))
    assert all(len(h[0]) <= cap for h in capped._decode(tokens, 1))
    # With room to spare the per-batch path gives the one-call path's output, in order.
    wide = Engine(models.find_model(), EngineOptions(max_length_ratio=50))
    assert wide.translate_batch(sentences) == free.translate_batch(sentences)


@pytest.mark.usefixtures("with_model")
def test_a_glossary_term_in_link_text_inside_a_sentence_is_not_capitalised(
        tmp_path: Path) -> None:
    src = tmp_path / "verweise.md"
    src.write_text("Die Regierung schickt [Kampfpanzer](https://a.example/kp) nach Litauen.\n\n"
                   "[Kampfpanzer](https://a.example/kp) gehen nach Litauen.\n\n"
                   "Das Heer übt mit **Kampfpanzern** in Munster.\n", encoding="utf-8")
    r = runner.invoke(app, ["translate", str(src), "--format", "markdown", "--quiet"])
    assert r.exit_code == 0, r.stderr
    first, second, third = [p for p in r.stdout.split("\n\n") if p.strip()]
    # As the glossary writes it inside a sentence; capitalised where it opens one.
    assert "[main battle tank" in first and "Main battle tank" not in first
    assert second.startswith("[Main battle tank")
    assert "**main battle tank" in third
    # The report shows the form written, each occurrence its own.
    r = runner.invoke(app, ["translate", str(src), "--format", "json", "--quiet"])
    terms = json.loads(r.stdout)["articles"][0]["terms"]
    written = [t.get("written") for t in terms if t["de"] == "Kampfpanzer"]
    assert written[:2] == ["main battle tank", "Main battle tank"], written


@pytest.mark.usefixtures("with_model")
def test_a_counted_glossary_term_in_emphasis_or_link_text_is_plural(tmp_path: Path) -> None:
    # The emphasis and the link text are translated on their own; the count stands outside.
    src = tmp_path / "zahlen.md"
    src.write_text("Die Bundeswehr bestellt 18 *Kampfpanzer* beim Hersteller.\n\n"
                   "Polen kauft mehrere [Kampfpanzer](https://a.example/kp) in Korea.\n\n"
                   "Litauen erhält einen *Kampfpanzer* zur Ausbildung.\n", encoding="utf-8")
    r = runner.invoke(app, ["translate", str(src), "--format", "markdown", "--quiet"])
    assert r.exit_code == 0, r.stderr
    first, second, third = [p for p in r.stdout.split("\n\n") if p.strip()]
    assert "*main battle tanks*" in first, first
    assert "[main battle tanks](https://a.example/kp)" in second, second
    assert "*main battle tank*" in third, third  # one: no count
    r = runner.invoke(app, ["translate", str(src), "--format", "json", "--quiet"])
    terms = [t for t in json.loads(r.stdout)["articles"][0]["terms"] if t["de"] == "Kampfpanzer"]
    assert [(t.get("written"), t["plural"]) for t in terms] == [
        ("main battle tanks", True), ("main battle tanks", True),
        ("main battle tank", False)], terms
