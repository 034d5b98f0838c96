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
