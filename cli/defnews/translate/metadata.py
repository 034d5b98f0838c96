"""Metadata is rendered, not translated: outlet and author lines are copied, the date line
is written in English from `Article.date`, and the dateline ("MOSKAU ap |") becomes
"MOSCOW (AP) —" with the place through the glossary. None of it goes to the model.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from defnews.article import Article, Block

if TYPE_CHECKING:
    from defnews.glossary import Glossary

# Block roles (set by the readers) whose text is metadata.
METADATA_ROLES = frozenset({"outlet", "author", "date"})
# Roles of blocks a dateline never opens.
_NOT_STORY = frozenset({"title", "teaser", "subheading", "caption", "image", "boilerplate",
                        *METADATA_ROLES})
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


def english_date(iso: str | None) -> str | None:
    """'2023-08-07' → '7 August 2023'; None when the date is unknown or not a day."""
    try:
        day = dt.date.fromisoformat((iso or "")[:10])
    except ValueError:
        return None
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


_DATE_LINE = re.compile(
    r"^\W*(?:\d{1,2}\.\s?\d{1,2}\.\s?\d{2,4}|\d{4}-\d{2}-\d{2}|\d{1,2}\.?\s+[A-ZÄÖÜ][a-zäöü]+\.?"
    r"\s+\d{4})\b[\d:.,\sUhr]*\W*$")


def _line_role(line: str, article: Article) -> str | None:
    plain = " ".join(re.sub(r"[*_`#\[\]]|\]\([^)]*\)|^\s*[-+]\s+", "", line).split())
    plain = re.sub(r"\(#\)|\([^)]*\)$", "", plain).strip()
    if article.outlet and plain == article.outlet:
        return "outlet"
    if article.author and re.fullmatch(
            rf"(?:(?:[Vv]on|Text|Autor(?:in)?|Foto)\s*:?\s*)?{re.escape(article.author)}"
            r"[\s,.;|·–-]*", plain):
        return "author"
    if article.date and _DATE_LINE.match(plain):
        return "date"
    return None


def _inferred_lines(block: Block, article: Article) -> list[tuple[str, str]] | None:
    """For a reader that sets no roles: a block whose every line is the article's outlet,
    author or date, as (role, line) pairs; None otherwise."""
    if block.role or len(block.text) > 300:
        return None
    lines = [(_line_role(line, article), line) for line in block.text.split("\n")
             if line.strip()]
    if not lines or any(role is None for role, _ in lines):
        return None
    return [(role or "", line) for role, line in lines]


def metadata_text(block: Block, article: Article) -> str | None:
    """The English of a metadata block (None for any other block): outlet and author
    copied, a date written in English from `Article.date`."""
    if block.role in METADATA_ROLES:
        # A reader may give one role to a block of several lines (author, then date):
        # each line is rendered as what it is.
        lines = [(_line_role(line, article) or block.role, line)
                 for line in block.text.split("\n") if line.strip()]
    elif (inferred := _inferred_lines(block, article)) is not None:
        lines = inferred
    else:
        return None
    return "\n".join(_english_line(role, line, article) for role, line in lines)


def page_byline(article: Article) -> str | None:
    """'Outlet · Author · 7 August 2023' for a page or feed item, whose metadata comes from
    its markup, not from lines of its text (those are rendered where they stand); None when
    the article has such lines, is not a page or feed item, or has no metadata."""
    if article.format not in ("html", "feed"):
        return None
    if any(b.translatable and _shows_metadata(b, article) for b in article.blocks):
        return None
    parts = [article.outlet, article.author, english_date(article.date)]
    return " · ".join(p for p in parts if p) or None


def _shows_metadata(block: Block, article: Article) -> bool:
    """Whether a block prints the outlet, the author or the publication date (an update
    note such as "Dieser Artikel wurde am … aktualisiert" does not)."""
    if block.role == "date":
        return any(_line_role(line, article) == "date" for line in block.text.split("\n"))
    return block.role in METADATA_ROLES or bool(_inferred_lines(block, article))


def title_index(article: Article) -> int | None:
    """The index of the article's title block (the byline goes under it)."""
    return next((i for i, b in enumerate(article.blocks) if b.role == "title"), None)


_UPDATED = re.compile(r"aktualisiert|\bstand\b|geändert|bearbeitet", re.I)
_PUBLISHED = re.compile(r"veröffentlicht|erschienen|publiziert|erstellt", re.I)
_CLOCK = re.compile(r"\b(\d{1,2})[:.](\d{2})\s*Uhr\b")


def _english_date_line(line: str, article: Article) -> str:
    """A date line in English: a bare date is the article's date; a labelled one
    ("Dieser Artikel wurde am 12.03.2025 aktualisiert", "Stand: 12.03.2025, 14:10 Uhr") says
    what its own date is; any other line with a date is copied, never given another date."""
    from defnews.readers.metadata import iso_date

    plain = " ".join(re.sub(r"[*_`]", "", line).split())
    if _DATE_LINE.match(plain):
        return english_date(article.date) or line
    day = english_date(iso_date(plain))
    label = "Updated" if _UPDATED.search(plain) else "Published" if _PUBLISHED.search(plain) \
        else None
    if day is None or label is None:
        return line
    clock = _CLOCK.search(plain)
    return f"{label} {day}" + (f", {int(clock.group(1))}:{clock.group(2)}" if clock else "")


def _english_line(role: str, line: str, article: Article) -> str:
    if role == "date":
        return _english_date_line(line, article)
    if role == "author":
        line = re.sub(r"^(\W*)[Vv]on\s+", r"\1By ", line)
        line = re.sub(r"^(\W*)Autor(?:in)?\s*:", r"\1Author:", line)
        return re.sub(r"^(\W*)Foto\s*:", r"\1Photo:", line)
    return line


def dateline_parts(article: Article) -> tuple[str, str | None] | None:
    """(place, agency) as printed, from the reader's fields or its combined `dateline`."""
    if article.dateline_place:
        return article.dateline_place, article.dateline_agency
    if article.dateline:
        place, _, agency = article.dateline.strip().rpartition(" ")
        return (place, agency) if place else (agency, None)
    return None


# The generic word after an agency's name ("dts Nachrichtenagentur"): the name is the tag.
_AGENCY_WORD = re.compile(r"\s+(?:nachrichten|presse)?agentur\b", re.I)


def _english_place(place: str, glossary: Glossary | None) -> str:
    """One place through the glossary ("Kiew" → "Kyiv", "St. Petersburg" → "St Petersburg"
    by its written-out name); as printed when the glossary has no entry for it."""
    english = place
    if glossary is not None:
        spelled = re.sub(r"^St\.\s?", "Sankt ", place)
        for candidate in dict.fromkeys((place, place.title(), spelled)):
            matches = glossary.find(candidate)
            if len(matches) == 1 and matches[0].start == 0 and matches[0].end == len(candidate):
                english = matches[0].en
                break
    return english.upper() if place.isupper() else english


def _english_day(printed: str) -> str | None:
    """'26. März 2025' → '26 March 2025', '12. März' → '12 March', '3. Okt. 2025' →
    '3 October 2025', '26.03.2025' → '26 March 2025'; None when it is no day."""
    from defnews.readers.metadata import iso_date
    from defnews.textutil import MONTHS as GERMAN_MONTHS

    if iso := iso_date(printed):
        return english_date(iso)
    m = re.fullmatch(r"(\d{1,2})\.\s*([A-Za-zÄÖÜäöü]+)\.?(?:\s+(\d{4}))?", printed.strip())
    if not m:
        return None
    # An abbreviated month ("Okt.") is the one month its letters open.
    months = {n for name, n in GERMAN_MONTHS.items() if name.startswith(m.group(2).lower())}
    if len(months) != 1 or not 1 <= int(m.group(1)) <= 31:
        return None
    day = f"{int(m.group(1))} {MONTHS[months.pop() - 1]}"
    return f"{day} {m.group(3)}" if m.group(3) else day


def _printed_day(article: Article) -> str | None:
    """The day printed in the dateline ("BERLIN, 12. März (Reuters) -", a press release's
    "Berlin, 26. März 2025 –"), from the text of the block it opens (the reader keeps the
    source in `raw` when it cuts the dateline out of `text`)."""
    from defnews.readers.metadata import DATELINE

    i = dateline_block(article)
    if i is None:
        return None
    block = article.blocks[i]
    for text in (block.text, block.raw):
        if (m := DATELINE.match(text.strip())) and m.group("date"):
            return m.group("date")
    return None


def english_dateline(article: Article, glossary: Glossary | None) -> str | None:
    """'MOSCOW (AP) —' for 'MOSKAU ap', 'Kyiv/Moscow —' for 'Kiew/Moskau', 'BERLIN, 12 March
    (REUTERS) —' for 'BERLIN, 12. März (Reuters) -'; a place stays as printed when the
    glossary has no entry for it."""
    parts = dateline_parts(article)
    if parts is None:
        return None
    place, agency = parts
    # Several places ("WASHINGTON/BERLIN", "Kiew/Moskau") each on their own.
    english = "/".join(_english_place(p, glossary) for p in place.split("/"))
    printed = _printed_day(article)
    if printed and (day := _english_day(printed)):
        english = f"{english}, {day}"
    if agency:
        agency = _AGENCY_WORD.sub("", agency).strip() or agency
        return f"{english} ({agency.upper()}) —"
    return f"{english} —"


def cut_dateline(text: str, article: Article) -> str | None:
    """The text without its opening dateline, or None when it does not open with it."""
    from defnews.readers.metadata import DATELINE, DATELINE_STOP

    parts = dateline_parts(article)
    if parts is None:
        return None
    place, agency = parts
    # The reader's own patterns see through emphasis, a printed day and the other shapes.
    if m := DATELINE.match(text) or DATELINE_STOP.match(text):
        found = m.groupdict()
        found_agency = found.get("agency1") or found.get("agency2")
        if (m.group("place").strip().lower() == place.lower()
                and (found_agency or "").lower() == (agency or "").lower()):
            return text[m.end():]
    tail = (rf"(?:\(\s*{re.escape(agency)}\s*\)\s*[–—-]|{re.escape(agency)}\s*[|–—-])"
            if agency else r"[–—-]")
    m = re.match(rf"\s*{re.escape(place)}\s*{tail}\s*", text, re.IGNORECASE)
    return text[m.end():] if m else None


def dateline_block(article: Article) -> int | None:
    """The index of the block the dateline opens: the block that still starts with it, or
    (the reader cut it out) the first story paragraph."""
    if dateline_parts(article) is None:
        return None
    for i, b in enumerate(article.blocks):
        if b.translatable and cut_dateline(b.text, article) is not None:
            return i
    for i, b in enumerate(article.blocks):
        if (b.translatable and b.kind == "paragraph" and not b.boilerplate
                and b.role not in _NOT_STORY and b.text.strip() != (article.title or "")):
            return i
    return None
