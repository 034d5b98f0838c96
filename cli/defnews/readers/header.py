"""The header of a text or Markdown article: the run of short lines above the story.

An outlet line, the title, author and date lines (or bullets, or a block of them) and
furniture ("vor 2 Stunden", "Teilen", "Foto: dpa"); for saved text also a byline after the
teaser, a bare name under the title, and a press release's closing contact block. Generic
rules only: they must hold for outlets never seen.
"""

from __future__ import annotations

import re
from datetime import date as _date

from defnews.article import Article, Block
from defnews.readers.metadata import (
    AUTHOR_LINE,
    CAPTION_CREDIT,
    DATE_LABEL,
    boilerplate_phrase,
    byline_names,
    iso_date,
)
from defnews.textutil import MONTH_ABBREVIATIONS, plain_text

# Formats saved as text by a person or a clipper: the header rules for their loose shapes
# (bare name lines, furniture lines, contact blocks) apply there; a page's and a feed's own
# metadata answer those questions for the other readers.
SAVED_TEXT = ("txt", "markdown")
# Lines of a page's header that are furniture, not metadata nor story: "vor 2 Stunden",
# "3 Min. Lesezeit", "Teilen" (a button's label copied with the text).
_HEADER_FURNITURE = [
    ("relative time", re.compile(
        r"^(?:vor\s+(?:\d+|einer?|wenigen)\s+(?:sekunden?|minuten?|min\.?|stunden?|std\.?|"
        r"tag(?:en)?|wochen?)|gerade eben|soeben)$", re.I)),
    ("reading time", re.compile(
        r"^(?:(?:ca\.\s*)?\d+\s*(?:min\.?|minuten?)\s*(?:lesezeit|lesedauer|zum lesen)"
        r"|(?:lesezeit|lesedauer)\s*:?\s*(?:ca\.\s*)?\d+\s*(?:min\.?|minuten?))$", re.I)),
    ("share button", re.compile(
        r"^(?:teilen|merken|drucken|vorlesen|(?:artikel\s+)?anhören|kommentieren|speichern|"
        r"link kopieren|zur merkliste|e-mail|feedback|kommentare)$", re.I)),
]
# Furniture phrases of the shared list that also mark a lone header line.
_HEADER_PHRASES = {"credit", "share prompt", "agency credit", "advertising label"}
# A genre label printed above the headline is no outlet: "Pressemitteilung", "Kommentar".
_GENRE_LABEL = re.compile(
    r"^\W*(?:pressemitteilung|pressemeldung|presseinformation|medienmitteilung|eilmeldung|"
    r"exklusiv|kommentar|analyse|interview|meinung|gastbeitrag|leitartikel|kolumne|"
    r"reportage|hintergrund|faktencheck|liveblog|liveticker)\W*$", re.I)
# Words that join the capitalised words of an outlet's name ("Stimme der Heide").
_OUTLET_JOINERS = {"der", "die", "das", "des", "am", "im", "an", "von", "für", "und", "&",
                   "zu", "zur", "zum"}
# Words that make capitalised words a page's section, a newsletter or a genre, not a person:
# "Politik Inland | 14.03.2025", "Der Newsletter der Redaktion | Ausgabe vom 14.03.2025".
_NOT_A_NAME = {
    "politik", "inland", "ausland", "wirtschaft", "kultur", "sport", "panorama", "meinung",
    "kommentar", "newsletter", "ausgabe", "redaktion", "nachrichten", "aktuell", "aktuelles",
    "welt", "deutschland", "europa", "international", "regional", "lokal", "lokales",
    "wissen", "digital", "gesellschaft", "leben", "reise", "video", "live", "liveblog",
    "ticker", "startseite", "home", "news", "service", "pressemitteilung", "sicherheit",
    "verteidigung", "region", "börse", "finanzen", "technik", "gesundheit", "bildung",
    "feuilleton", "medien", "analyse", "interview", "hintergrund", "podcast", "thema",
    "themen", "ressort", "rubrik", "update", "eilmeldung", "exklusiv", "zeitung", "magazin",
    "blog", "online", "archiv", "dossier", "spezial",
    # institutions a subheading or label names: "Deutsche Marine", "Bundeswehr Aktuell"
    "bundeswehr", "marine", "heer", "luftwaffe", "armee", "nato", "regierung",
    "bundesregierung", "ministerium", "polizei"}
# Words no first name is: articles, prepositions, question words open a headline or label.
_NOT_A_FIRST_NAME = {
    "der", "die", "das", "dem", "den", "des", "ein", "eine", "einer", "im", "am", "an", "in",
    "auf", "aus", "bei", "mit", "nach", "vor", "für", "zum", "zur", "über", "unter", "wie",
    "was", "wer", "wo", "warum", "wann", "neue", "neuer", "neues", "mehr", "alle"}
# Short date forms of page headers that iso_date does not read: "03.03.25", "3. Mär. 2025".
_DATE_SHORT_YEAR = re.compile(r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{2})(?![\d.])")
_DATE_MONTH_ABBR = re.compile(
    r"\b(\d{1,2})\.\s*(" + "|".join(MONTH_ABBREVIATIONS) + r")\.?\s+(\d{4})\b", re.I)
# Fields of a header line: "Politik Inland | 14.03.2025, 10:42 Uhr".
_FIELD_SEPARATOR = re.compile(r"\s[|·•–—]\s")
# A closing contact block of a press release: "Pressekontakt:", then name, phone, e-mail.
_CONTACT_LABEL = re.compile(r"^\W*(?:presse|medien)?kontakte?(?:\s+für\s+(?:journalist\w*|"
                            r"medien(?:vertreter\w*)?|die presse))?\s*:?\s*$"
                            r"|^\W*(?:pressekontakt|medienkontakt|ansprechpartner(?:in)?)\b", re.I)
_CONTACT_LINES = 8  # a contact block is a name, a function, an address, phone and e-mail
_CONTACT_LINE_WORDS = 10


def read_header(article: Article, fmt: str, front_title: str | None = None) -> str | None:
    """Outlet, title, author and date from the head of the article; returns a header date.

    The header is the run of short lines at the top: an outlet line, the title, author and
    date lines and furniture ("vor 2 Stunden", "Teilen", "Foto: dpa"); for saved text it goes
    on past one teaser paragraph when a byline or date line follows it."""
    blocks = article.blocks
    header_date: str | None = None
    title_found = False
    saved = fmt in SAVED_TEXT
    for b in blocks:  # a navigation trail above the title is neither outlet nor title
        if b.translatable and "\n" not in b.text.strip():
            if boilerplate_phrase(inline_plain(b.text)) != "breadcrumb":
                break
            b.role, b.rule, b.boilerplate = "boilerplate", "breadcrumb", True
    first = next((i for i, b in enumerate(blocks) if b.translatable and not b.boilerplate), -1)
    stop = len(blocks)
    for i, b in enumerate(blocks):
        # Blank, code and html blocks have no text (a date line without letters is read).
        if not b.text.strip() or b.boilerplate:
            continue
        t = b.text.strip()
        if b.kind == "heading" and not title_found:
            if front_title and (b.level or 1) > 1 and _key(t) != _key(front_title):
                # The front matter names the title: a lower heading opens the story
                # ("## Das Wichtigste in Kürze"), it does not replace it.
                stop = i
                break
            article.title = inline_plain(t)
            b.role, b.rule = "title", "first heading"
            title_found = True
            continue
        if b.kind in ("paragraph", "list_item") and len(t) < 90:
            lines = [ln for ln in t.split("\n") if ln.strip()]
            if len(lines) > 1 and _read_meta_block(b, article,
                                                   names=saved and title_found):
                if article.date and not header_date:
                    header_date = article.date
                continue
            if "\n" not in t:
                found = _meta_line(t, article, bullet=b.kind == "list_item",
                                   after_title=title_found, names=saved and title_found)
                if found:
                    b.role, b.rule = found
                    b.boilerplate = True  # metadata, not story
                    if (found[0] == "date" or "date" in found[1]) and not header_date:
                        header_date = article.date
                    continue
                if saved and (furniture := _header_furniture(inline_plain(t))):
                    b.role, b.rule, b.boilerplate = "boilerplate", furniture, True
                    continue
            if not title_found and i == first and b.kind == "paragraph" and not t.endswith(
                    (".", "!", "?")):
                # A first short line before the title is the outlet line.
                nxt = [x for x in blocks[i + 1:] if x.translatable]
                if saved and nxt and _GENRE_LABEL.match(inline_plain(t)):
                    b.role, b.rule, b.boilerplate = "kicker", "genre label above the title", True
                    first = next((k for k, x in enumerate(blocks) if k > i and x.translatable),
                                 -1)
                    continue
                # In plain text the outlet line is followed by a short title line; in saved
                # text the line must read like a name and the next like a headline (not a
                # credit, a date, a button's label or a byline).
                if nxt and (not saved or _outlet_like(t, strict=nxt[0].kind != "heading")) and (
                        nxt[0].kind == "heading" or fmt == "txt" and _headline_like(nxt[0])):
                    article.outlet = inline_plain(t)
                    b.role, b.rule, b.boilerplate = "outlet", "line before the title", True
                    continue
            if saved and fmt == "txt" and not title_found and b.kind == "paragraph" and \
                    "\n" not in t and not t.endswith(".") and \
                    all(x.boilerplate or not x.translatable for x in blocks[:i]):
                # The first line is the title: the lines under it are read as its header.
                article.title = t
                b.role, b.rule = "title", "first line"
                title_found = True
                continue
        if len(t) > 90 or b.kind not in ("paragraph", "list_item"):
            stop = i
            break
    if saved and title_found and not article.author:
        _read_byline_after_teaser(article, stop)
    if fmt == "txt" and not article.title:
        for b in blocks:
            if b.translatable and not b.boilerplate:
                first_line = b.text.split("\n", 1)[0].strip()
                if len(first_line) < 120 and not first_line.endswith("."):
                    article.title = first_line
                    if first_line == b.text.strip():
                        b.role, b.rule = "title", "first line"
                break
    if header_date is None and article.date:
        header_date = article.date
    return header_date


def _read_byline_after_teaser(article: Article, start: int) -> None:
    """A byline ("Von Karl Muster") and date line right after the first paragraph (the
    teaser): read them, and the paragraph is the teaser. Only a byline with its lead word
    or a date line counts here: a bare name after prose could be a story's line."""
    blocks = article.blocks
    teaser = next((b for b in blocks[start:] if b.translatable), None)
    if teaser is None or teaser.role or teaser.kind != "paragraph" or \
            teaser.text.rstrip().endswith(":"):
        return
    found = False
    for b in blocks[blocks.index(teaser) + 1:]:
        if not b.translatable:
            continue
        t = b.text.strip()
        if b.role or b.kind != "paragraph" or "\n" in t or len(t) >= 90:
            break
        plain = inline_plain(t)
        if not (AUTHOR_LINE.match(plain) and byline_names(plain) or _byline_and_date(plain)
                or _line_date(plain) and len(plain) < 40):
            break
        role = _meta_line(t, article, bullet=False, after_title=True)
        if role is None:
            break
        b.role, b.rule = role
        b.boilerplate = True
        found = True
    if found:
        teaser.role, teaser.rule = "teaser", "paragraph before the byline"


def _meta_line(t: str, article: Article, *, bullet: bool, after_title: bool,
               names: bool = False) -> tuple[str, str] | None:
    """(role, rule) when a short header line is the author or the date, recording it.
    `names`: a bare name line ("Anna Beispiel, Bern") is the author (in the header zone of
    saved text, under the title); a bullet under the title is one anywhere."""
    plain = inline_plain(t)
    kind = "bullet" if bullet else "line"
    if not (article.author or article.date) and (both := _byline_and_date(plain)):
        article.author, article.date = ", ".join(both[0]), both[1]
        return "author", f"author and date {kind}"
    if (m := AUTHOR_LINE.match(plain)) and not article.author and (
            named := byline_names(plain) or _agency_only(m.group(1))):
        # The names alone, as the page reader gives them: no place, no agency's share.
        article.author = ", ".join(named)
        return "author", f"author {kind} ('Von ...')"
    if (day := _line_date(plain)) and not article.date and not _sentence(plain) and (
            len(plain) < 40 or DATE_LABEL.match(plain) and len(plain) < 80
            or _labelled_date(plain)):
        article.date = day
        return "date", f"date {kind}"
    if (bullet or names) and after_title and not article.author and (
            named := _bare_names(plain)):
        article.author = ", ".join(named)
        return "author", ("author bullet (a name under the title)" if bullet
                          else "name line under the title")
    return None


def _sentence(plain: str) -> bool:
    """A short sentence that holds a date ("Am 3. März 2025 beginnt sie."), not a date line:
    it closes with a question or exclamation mark, or with a full stop after a word in
    lower case ("sie.", not "2025.", "Uhr." or "März.")."""
    if plain.endswith(("!", "?")):
        return True
    last = re.search(r"([^\W\d_]+)\.$", plain)
    return last is not None and last.group(1)[:1].islower() and last.group(1) != "uhr"


def _agency_only(text: str) -> list[str]:
    """"Von dpa": the agency is the author."""
    text = text.strip(" .,")
    return [text] if re.fullmatch(r"[a-z]{2,8}|[A-Z]{2,8}|Reuters", text) and \
        boilerplate_phrase(text) == "agency credit" else []


def _byline_and_date(plain: str) -> tuple[list[str], str] | None:
    """(names, day) of one line that gives both: "Von Anna Berg | 12.03.2025, 14:10 Uhr",
    "Anna Berg, 12. März 2025", "12.03.2025 · Anna Berg"; None for anything else (a
    section's name beside a date, "Politik Inland | 14.03.2025", is no byline)."""
    if len(plain) > 100:
        return None
    names: list[str] = []
    day = None
    for field in (f.strip() for f in _FIELD_SEPARATOR.split(plain) if f.strip()):
        found, named = _line_date(field), byline_names(field)
        if named and (AUTHOR_LINE.match(field) or all(_name_like(n) for n in named)):
            names += named
            day = day or found
        elif found and len(field) < 40:
            day = day or found
        else:
            return None
    return (names, day) if names and day else None


def _labelled_date(plain: str) -> bool:
    """A date beside short labels: "Politik Inland | 14.03.2025, 10:42 Uhr", "Der Newsletter
    der Redaktion | Ausgabe vom 14.03.2025", "03.03.2025 | 14:12 Uhr | Lesezeit: 3 Min."."""
    fields = [f.strip() for f in _FIELD_SEPARATOR.split(plain) if f.strip()]
    if not 2 <= len(fields) <= 4 or len(plain) > 100:
        return False
    return any(_line_date(f) for f in fields) and all(
        _line_date(f) or _header_furniture(f)  # "Lesezeit: 3 Min."
        or len(f.split()) <= 5 and not f.endswith((".", "!", "?"))
        for f in fields)


def _read_meta_block(block: Block, article: Article, *, names: bool = False) -> bool:
    """An author/date block of several lines ("Von Jana Hollmann" / "20. November 2026"):
    read each line; the block stays one (its lines are one paragraph in the source)."""
    lines = [ln.strip() for ln in block.text.split("\n") if ln.strip()]
    probe = Article()
    roles = [_meta_line(ln, probe, bullet=False, after_title=True, names=names)
             for ln in lines]
    if any(r is None for r in roles) or len(lines) > 4 or any(len(ln) > 80 for ln in lines):
        return False
    found = [r for r in roles if r]
    for ln in lines:
        _meta_line(ln, article, bullet=False, after_title=True, names=names)
    kinds = [r[0] for r in found]
    block.role = "author" if "author" in kinds else "date"
    block.rule = " and ".join(dict.fromkeys(r[1] for r in found))
    block.boilerplate = True
    return True


def _line_date(plain: str) -> str | None:
    """The date of a short header line: what iso_date reads, and the short forms headers
    print ("03.03.25, 14:12 Uhr", "3. Mär. 2025 um 14:12")."""
    if day := iso_date(plain):
        return day
    parts: tuple[int, int, int] | None = None
    if m := _DATE_SHORT_YEAR.search(plain):
        parts = 2000 + int(m.group(3)), int(m.group(2)), int(m.group(1))
    elif m := _DATE_MONTH_ABBR.search(plain):
        parts = int(m.group(3)), MONTH_ABBREVIATIONS[m.group(2).lower()], int(m.group(1))
    if parts:
        try:
            return _date(*parts).isoformat()
        except ValueError:  # "31.02.25" is no day
            return None
    return None


def _bare_names(plain: str) -> list[str]:
    """The names of a line that is only names: two to four capitalised name-like words each,
    optionally with the writer's place or agency ("Anna Beispiel, Bern", "Anna Beispiel
    (dpa)", "Anna Beispiel mit Material von dpa"); [] for anything else (a sentence, a
    headline, a section's name)."""
    if len(plain) > 80 or plain.endswith((".", "!", "?", ":")) or _FIELD_SEPARATOR.search(
            plain) or _line_date(plain):
        return []
    named = byline_names(plain)
    persons = [n for n in named if boilerplate_phrase(n) != "agency credit"]
    if not persons or not all(_name_like(n) for n in persons):
        return []
    return named


def _name_like(name: str) -> bool:
    """Whether capitalised words can be a person's name (not "Politik Inland", not "Der
    Newsletter der Redaktion", not "NORDLICHT KURIER")."""
    words = name.split()
    if not 2 <= len(words) <= 4 or words[0].lower() in _NOT_A_FIRST_NAME:
        return False
    if re.search(r"sche[nrs]?$", words[0]):  # an adjective: "Deutsche", "Russische"
        return False
    if any(w.lower().strip(".") in _NOT_A_NAME for w in words):
        return False
    # A name in capitals is a byline's style only with a first name in lower case letters.
    return not all(w.isupper() for w in words if len(w) > 2)


def _header_furniture(plain: str) -> str | None:
    """The kind of furniture a lone header line is ("relative time", "credit"…), or None."""
    for name, pattern in _HEADER_FURNITURE:
        if pattern.match(plain):
            return name
    phrase = boilerplate_phrase(plain)
    return phrase if phrase in _HEADER_PHRASES else None


def _outlet_like(text: str, *, strict: bool) -> bool:
    """Whether a line reads like an outlet's name: never a credit, a date or furniture; above
    a Markdown heading (surely the title) any short name ("Nordkurier heute"); `strict`,
    above a plain line, only a name's shape: "DIE POSAUNE", "Der Grenzbote", "taz", not a
    headline ("Marine testet neue Drohnenabwehr")."""
    plain = inline_plain(text)
    words = plain.split()
    if not 1 <= len(words) <= 5 or len(plain) > 50 or ":" in plain or _line_date(plain) \
            or _header_furniture(plain) or boilerplate_phrase(plain) \
            or _GENRE_LABEL.match(plain):
        return False
    if not strict:
        return True
    letters = [c for c in plain if c.isalpha()]
    if letters and all(c.isupper() for c in letters):
        return True  # a name in capitals
    if plain == plain.lower():
        return len(words) <= 3  # a lower-case logo: "taz", "die tageszeitung"
    return all(w[0].isupper() or w[0].isdigit() or w.lower() in _OUTLET_JOINERS for w in words)


def _headline_like(block: Block) -> bool:
    """Whether a block reads like a headline: one line of two words or more, not a date, a
    credit, furniture, a genre label or a byline."""
    if not _title_like(block):
        return False
    plain = inline_plain(block.text)
    return len(plain.split()) >= 2 and not (
        _line_date(plain) or _header_furniture(plain) or boilerplate_phrase(plain)
        or CAPTION_CREDIT.search(plain) or _GENRE_LABEL.match(plain)
        or AUTHOR_LINE.match(plain) and byline_names(plain) or _bare_names(plain)
        or _byline_and_date(plain))


def mark_contact_block(article: Article) -> None:
    """A press release's closing contact block ("Pressekontakt:" and the lines of name,
    phone and e-mail after it, to the end) is furniture."""
    blocks = [b for b in article.blocks if b.translatable and not b.boilerplate]
    for k, b in enumerate(blocks):
        first_line = b.text.strip().split("\n", 1)[0]
        if len(first_line) > 80 or not _CONTACT_LABEL.match(inline_plain(first_line)):
            continue
        rest = blocks[k:]
        lines = [ln for x in rest for ln in x.text.split("\n") if ln.strip()]
        if len(lines) <= _CONTACT_LINES + 1 and all(
                len(ln.split()) <= _CONTACT_LINE_WORDS for ln in lines):
            for x in rest:
                x.role, x.rule, x.boilerplate = "boilerplate", "contact block", True
        return


def _key(text: str) -> str:
    return " ".join(inline_plain(text).split()).casefold()


def _title_like(block: Block) -> bool:
    t = block.text.strip()
    return "\n" not in t and len(t) < 150 and not t.endswith(".")


def inline_plain(text: str) -> str:
    return plain_text(text).replace("`", "").strip()
