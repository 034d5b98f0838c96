"""Hostile shapes for the readers (issue 18): syntax without text, deep nesting, bracket floods."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from defnews.readers import read_bytes
from defnews.textutil import plain_text


@pytest.mark.parametrize("text", ["# \n- \n> \n", "#\n\n-\n\n>\n\n***\n", "# #\n- -\n> >\n1.\n"])
def test_markdown_syntax_alone_holds_no_text(text: str) -> None:
    [article] = read_bytes(text.encode(), "leer.md")
    assert not any(b.translatable for b in article.blocks)


def test_markdown_syntax_alone_is_refused_by_translate(tmp_path: Path) -> None:
    src = tmp_path / "leer.md"
    src.write_text("# \n- \n> \n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "defnews", "translate", str(src), "--offline"],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2
    assert proc.stderr.startswith("defnews:") and "holds no text" in proc.stderr
    assert "Traceback" not in proc.stderr


def _seconds(fn: Callable[[str], object], arg: str) -> float:
    start = time.perf_counter()
    fn(arg)
    return time.perf_counter() - start


@pytest.mark.parametrize("unit", ["[", "[a](", "*a ", "**a ", "_a ", "*_[("])
def test_plain_text_takes_linear_time(unit: str) -> None:
    # 100,000 "[" took 71 s (quadratic) before; "*a " 25,000 times took 64 s.
    for urls in (False, True):
        assert _seconds(lambda t, urls=urls: plain_text(t, urls=urls), unit * 100_000) < 1.5


@pytest.mark.parametrize("text", ["[" * 100_000, "[a](" * 100_000,
                                  "\n".join(">" * k + " Ebene" for k in range(1, 501)),
                                  ">" * 500 + " Tiefes Zitat über die Lage an der Front."])
def test_reader_takes_linear_time(text: str) -> None:
    assert _seconds(lambda t: read_bytes(t.encode(), "flut.md"), text) < 3.0


def test_page_nested_past_the_parser_depth_says_so(tmp_path: Path) -> None:
    page = ("<html><body>" + "<div>" * 3000 + "<p>Die Marine erhält zwei neue Fregatten. "
            "Der Inspekteur begrüßt die Entscheidung des Ausschusses.</p>" + "</div>" * 3000
            + "</body></html>")
    src = tmp_path / "tief.html"
    src.write_text(page, encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "defnews", "read", str(src)],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2
    assert proc.stderr.startswith("defnews:") and "255 levels deep" in proc.stderr


def test_absurdly_nested_json_ld_is_skipped_not_fatal() -> None:
    page = ('<html><head><script type="application/ld+json">{"@type": "NewsArticle", '
            '"headline": ' + "[" * 50_000 + "]" * 50_000 + '}</script></head><body><article>'
            "<h1>Neue Fregatten für die Marine</h1><p>Die Marine erhält zwei neue Fregatten. "
            "Der Inspekteur begrüßt die Entscheidung des Haushaltsausschusses ausdrücklich.</p>"
            "</article></body></html>")
    [article] = read_bytes(page.encode(), "fregatten.html")
    assert article.title == "Neue Fregatten für die Marine"
    assert any("Inspekteur" in b.text for b in article.blocks)


_STORY_PAGE = ("<html><head><title>Neue Fregatten für die Marine</title></head><body><article>"
               "<h1>Neue Fregatten für die Marine</h1><p{attributes}>Die Marine erhält zwei neue "
               "Fregatten. Der Inspekteur begrüßt die Entscheidung des Haushaltsausschusses "
               "ausdrücklich.</p></article>{tail}</body></html>")


@pytest.mark.parametrize("attributes, tail", [
    # 100,000 attributes on one tag: lxml's time grows with their square (80,000: 26 s).
    (" " + " ".join(f"a{i}=1" for i in range(100_000)), ""),
    # unclosed scripts, styles and JSON-LD: a lazy pattern to each closing tag took 48 s
    ("", "<script>" * 50_000),
    ("", '<script type="application/ld+json">' * 30_000),
    ("", "<style " * 50_000),
])
def test_page_reader_takes_linear_time(attributes: str, tail: str) -> None:
    page = _STORY_PAGE.format(attributes=attributes, tail=tail)
    assert _seconds(lambda t: read_bytes(t.encode(), "flut.html"), page) < 3.0
    [article] = read_bytes(page.encode(), "flut.html")
    assert any("Inspekteur" in b.text for b in article.blocks)


def test_glossary_check_takes_linear_time() -> None:
    from defnews.glossary import load_glossary

    glossary = load_glossary()
    text = "Der Verteidigungsminister reiste nach Warschau. " + "](" * 100_000
    # 29.8 s before: a link-target pattern ran to the end of the text from every "](".
    assert _seconds(glossary.find_in_prose, text) < 3.0
    assert [m.de for m in glossary.find_in_prose(text)][:1] == ["Verteidigungsminister"]
