"""Markdown blocks and inline protection: structure must survive translation."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from defnews import placeholders
from defnews.inline import protect_inline, protect_row, restore_inline, split_row
from defnews.readers.markdown import parse_blocks
from defnews.renderers.blocks import to_markdown

PAGE = """Der Grenzbote

# Minsk und Teheran vereinbaren Zusammenarbeit

Von Jana Example
20. November 2026

- Erster Punkt mit [Quelle](https://example.org/a "Titel")
- Zweiter **wichtiger** Punkt
  - verschachtelter Punkt
1. Nummer eins
2. Nummer zwei

Ein Absatz mit ![Bildtext](https://example.org/i.jpg) und `code`.
Zweite Zeile des Absatzes.

> Ein Zitat
> über zwei Zeilen

```
nicht übersetzen
```

| a | b |
|---|---|
| 1 | 2 |

---
"""


def test_parse_kinds_and_roundtrip() -> None:
    blocks = parse_blocks(PAGE)
    kinds = [b.kind for b in blocks if b.kind != "blank"]
    assert kinds == [
        "paragraph", "heading", "paragraph", "list_item", "list_item", "list_item",
        "list_item", "list_item", "paragraph", "quote", "code", "table_row", "table",
        "table_row", "rule",
    ]
    assert to_markdown(blocks, translated=False) == PAGE


def test_date_line_is_not_an_ordered_list() -> None:
    blocks = parse_blocks("3. März 2025\n\n2. Punkt")
    assert [b.kind for b in blocks] == ["paragraph", "blank", "list_item"]


def test_nested_list_keeps_prefix_and_level() -> None:
    blocks = parse_blocks("- a\n  - b\n    - c")
    assert [(b.prefix, b.level) for b in blocks] == [("- ", 0), ("  - ", 1), ("    - ", 2)]


def test_translation_replaces_text_and_keeps_prefixes() -> None:
    blocks = parse_blocks("## Titel\n\n- Punkt\n\n> Zitat\n> zwei")
    for b in blocks:
        if b.translatable:
            b.translation = b.text.upper()
    assert to_markdown(blocks) == "## TITEL\n\n- PUNKT\n\n> ZITAT\n> ZWEI"


def test_inline_protection_hides_urls_and_translates_link_text() -> None:
    item = protect_inline("Siehe [den Bericht](https://example.org/x) und https://a.example/b.")
    assert "https://" not in item.masked
    assert [s.kind for s in item.slots] == ["link", "url"]
    link = item.slots[0]
    assert link.inner is not None and link.inner.masked == "den Bericht"
    link.inner.translation = "the report"
    out, warnings = restore_inline(item, item.masked.replace("Siehe", "See").replace("und", "and"))
    assert out == "See [the report](https://example.org/x) and https://a.example/b."
    assert warnings == []


def test_lost_placeholder_is_appended_not_dropped() -> None:
    item = protect_inline("Mehr unter https://example.org/z")
    out, warnings = restore_inline(item, "More at")
    assert out.endswith("https://example.org/z")
    assert warnings and "lost" in warnings[0]


def test_duplicated_placeholder_kept_once() -> None:
    item = protect_inline("Link https://example.org/z hier")
    token = item.slots[0].token
    out, _ = restore_inline(item, f"Link {token} here {token}")
    assert out.count("https://example.org/z") == 1


def test_whole_emphasis_wraps_translation() -> None:
    item = protect_inline("**Ganz fett**")
    assert item.wrap == "**" and item.masked == "Ganz fett"
    out, _ = restore_inline(item, "Fully bold")
    assert out == "**Fully bold**"


def test_existing_placeholder_lookalikes_are_not_reused() -> None:
    item = protect_inline("Code ZZ1 und https://example.org")
    assert item.slots[0].token != "ZZ1"


# -- property: structure survives whatever the translator does to the words

words = st.text(alphabet="abcdefghijklmnopqrstuvwxyzäöüß ", min_size=1, max_size=30).map(
    lambda s: s.strip() or "wort")
line = st.one_of(
    words.map(lambda w: f"# {w}"),
    words.map(lambda w: f"- {w}"),
    words.map(lambda w: f"  - {w}"),
    words.map(lambda w: f"1. {w}"),
    words.map(lambda w: f"> {w}"),
    words.map(lambda w: f"Text {w} [link {w}](https://example.org/{len(w)}) ende."),
    words,
    st.just(""),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(line, min_size=1, max_size=25))
def test_structure_survives_any_word_translation(lines: list[str]) -> None:
    source = "\n".join(lines)
    blocks = parse_blocks(source)
    urls_before = sorted(u for b in blocks for u in _urls(b.text))
    for b in blocks:
        if b.translatable:
            item = protect_inline(b.text)
            for t in item.walk():
                # A "translator" that changes every word but copies placeholders.
                t.translation = " ".join(
                    w if placeholders.PLACEHOLDER_RE.fullmatch(w.strip(".")) else w[::-1]
                    for w in t.masked.split(" "))
            b.translation, _ = restore_inline(item, item.translation or "")
    out_blocks = parse_blocks(to_markdown(blocks))
    assert [(b.kind, b.prefix) for b in out_blocks] == [(b.kind, b.prefix) for b in blocks]
    assert sorted(u for b in out_blocks for u in _urls(b.text)) == urls_before
    assert not any(placeholders.PLACEHOLDER_RE.search(b.text) for b in out_blocks)


def _urls(text: str) -> list[str]:
    import re

    return re.findall(r"\]\((https://[^)]+)\)", text)


def test_table_rows_are_translated_cell_by_cell() -> None:
    source = ("| Waffe | Zahl |\n|:--|--:|\n| Kampfpanzer \\| neu | 105 |\n"
              "  | [Bericht](https://a.example/b) | |")
    blocks = parse_blocks(source)
    assert [b.kind for b in blocks] == ["table_row", "table", "table_row", "table_row"]
    assert to_markdown(blocks, translated=False) == source
    assert split_row(blocks[2].text) == ["Kampfpanzer \\| neu", "105"]
    rows = [protect_row(b.text) for b in blocks if b.kind == "table_row"]
    # Only cells with words go to the translator; the link text does, its URL does not.
    assert [t.masked for r in rows for t in r.walk()] == [
        "Waffe", "Zahl", "Kampfpanzer \\| neu", "Bericht"]
    for r in rows:
        for t in r.walk():
            t.translation = "EN " + t.masked + (" | extra" if t.masked == "Zahl" else "")
    out = [r.restore()[0] for r in rows]
    assert out[0] == "| EN Waffe | EN Zahl \\| extra |"  # a pipe from the model stays in its cell
    assert out[1] == "| EN Kampfpanzer \\| neu | 105 |"
    assert out[2] == "| [EN Bericht](https://a.example/b) | |"
    for b, text in zip([b for b in blocks if b.kind == "table_row"], out, strict=True):
        b.translation = text
    again = parse_blocks(to_markdown(blocks))
    assert [len(split_row(b.text)) for b in again if b.kind == "table_row"] == [2, 2, 2]
    assert again[3].prefix == "  "
