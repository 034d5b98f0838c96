"""Plain text and Markdown → Article, in the shapes real pages are saved in.

The header (outlet line, title, author and date as lines or bullets), the story (teaser,
subheadings, body), images and credits, the dateline at the start of the first paragraphs
(stripped from the sentence, kept as metadata) and boilerplate are found by generic rules;
every block gets a role and the rule that gave it (`defnews read` shows them).
"""

from __future__ import annotations

import re
from datetime import date as _date

from defnews.article import Article, Block
from defnews.readers import front_matter
from defnews.readers.boilerplate import mark_boilerplate
from defnews.readers.markdown import parse_blocks
from defnews.readers.metadata import (
    AUTHOR_LINE,
    CAPTION_CREDIT,
    DATE_LABEL,
    DATELINE,
    DATELINE_STOP,
    boilerplate_phrase,
    byline_names,
    file_name_date,
    iso_date,
)
from defnews.readers.page_blocks import mark_link_blocks
from defnews.textutil import plain_text

# A line longer than this is never hard-wrapped prose: its paragraph has one line per paragraph.
_UNWRAPPED_LINE = 150
_IMAGE_ONLY = re.compile(r"^\s*(?:!\[[^\]]*\]\([^)]*\)\s*)+$")
_SENTENCE_END = (".", "!", "?", ":", "“", "”", '"', "»", "«", ")")


def read_text(text: str, name: str | None, fmt: str) -> Article:
    front, text, page = front_matter.read(text)
    # Only a Markdown file means code by indentation; plain text and extracted pages indent prose.
    blocks = split_line_paragraphs(parse_blocks(text, indented_code=fmt == "markdown"))
    if front:  # kept verbatim, never translated: a Markdown output starts with it again
        blocks.insert(0, Block("front_matter", "", raw=front[:-1] if front.endswith("\n")
                               else front))
    article = Article(blocks=blocks, format=fmt)
    header_date = _read_header(article, fmt, page.get("title"))
    _mark_images(blocks)
    _read_dateline(article)
    _mark_story_roles(article)
    if fmt in _SAVED_TEXT:
        # A Markdown list of links ("- [Werft sucht Fachkräfte](…)") or a lone link line
        # ("[Originalartikel](…)") is navigation, as on a page; links inside prose stay.
        mark_link_blocks(Article(blocks=[b for b in blocks
                                         if b.kind in ("paragraph", "list_item")]))
        _mark_contact_block(article)
    mark_boilerplate(article)
    for b in blocks:
        if b.translatable and not b.role:
            b.role, b.rule = "body", b.rule or "default"
    # Dates: page metadata > a header date > the file name > a date in the text (issue 16).
    article.date = page.get("date") or header_date or file_name_date(name) or iso_date(
        text[:600])
    if article.date:
        article.sources["date"] = (
            "front matter" if page.get("date") else "header line or bullet" if header_date
            else "file name" if file_name_date(name) else "a date in the text")
    # The front matter is the page's own metadata; a heading in the text still names the
    # title (a clipper's title often carries the site's name).
    for field in ("title", "author", "outlet", "url"):
        if page.get(field) and (field != "title" or not article.title):
            setattr(article, field, page[field])
            article.sources[field] = "front matter"
    for b in blocks:
        if b.role in ("title", "outlet", "author") and b.rule:
            article.sources.setdefault(b.role, b.rule)
    if article.dateline:
        article.sources["dateline"] = "start of the first paragraphs"
    return article


def split_line_paragraphs(blocks: list[Block]) -> list[Block]:
    """Paragraphs separated by one newline (agency copy, pages saved as text) become blocks.

    A paragraph is split into its lines when one line is longer than any hard-wrapped line
    is, or when its lines were not wrapped at all (see _broken_by_intent); the lines keep
    their source, so output rebuilt from the blocks is unchanged.
    """
    out: list[Block] = []
    for b in blocks:
        lines = b.raw.split("\n")
        if b.kind == "paragraph" and len(lines) > 1 and (
                max(map(len, lines)) > _UNWRAPPED_LINE or _broken_by_intent(lines)):
            out.extend(Block("paragraph", line, raw=line) if line.strip()
                       else Block("blank", "", raw=line) for line in lines)
        else:
            out.append(b)
    return out


def _broken_by_intent(lines: list[str]) -> bool:
    """Whether every line break of a paragraph was typed, not made by wrapping: at each break
    the next line's first word would have fitted on the line (a wrapping editor would have put
    it there), the line ends a sentence or is a heading-like line without a full stop, and
    the next line starts like a sentence. "MARINE / Neue Fregatten für die Nordsee / Die
    Marine erhält …" is three lines; prose wrapped at 72 columns is one paragraph."""
    width = max(len(line.rstrip()) for line in lines)
    for line, nxt in zip(lines, lines[1:], strict=False):
        line, nxt = line.rstrip(), nxt.strip()
        if not line or not nxt:
            return False
        first_word = nxt.split()[0]
        ends = line.endswith(_SENTENCE_END) or not re.search(r"[.!?]", line)
        # The longest line sets the width, so nothing fits after it: there a sentence end
        # must show the break.
        fits = len(line) + 1 + len(first_word) <= width - 2 or (
            len(line) == width and line.endswith((".", "!", "?", ":", "“", '"', "»")))
        if not (fits and ends and (nxt[0].isupper() or nxt[0].isdigit()
                                   or nxt[0] in "„\"»‚*_[")):
            return False
    return True


# Formats saved as text by a person or a clipper: the header rules for their loose shapes
# (bare name lines, furniture lines, contact blocks) apply there; a page's and a feed's own
# metadata answer those questions for the other readers.
_SAVED_TEXT = ("txt", "markdown")
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
_MONTH_ABBR = {"jan": 1, "feb": 2, "mär": 3, "mrz": 3, "apr": 4, "mai": 5, "jun": 6, "jul": 7,
               "aug": 8, "sep": 9, "sept": 9, "okt": 10, "nov": 11, "dez": 12}
_DATE_MONTH_ABBR = re.compile(r"\b(\d{1,2})\.\s*(" + "|".join(_MONTH_ABBR) + r")\.?\s+(\d{4})\b",
                              re.I)
# Fields of a header line: "Politik Inland | 14.03.2025, 10:42 Uhr".
_FIELD_SEPARATOR = re.compile(r"\s[|·•–—]\s")
# A closing contact block of a press release: "Pressekontakt:", then name, phone, e-mail.
_CONTACT_LABEL = re.compile(r"^\W*(?:presse|medien)?kontakte?(?:\s+für\s+(?:journalist\w*|"
                            r"medien(?:vertreter\w*)?|die presse))?\s*:?\s*$"
                            r"|^\W*(?:pressekontakt|medienkontakt|ansprechpartner(?:in)?)\b", re.I)
_CONTACT_LINES = 8  # a contact block is a name, a function, an address, phone and e-mail
_CONTACT_LINE_WORDS = 10


def _read_header(article: Article, fmt: str, front_title: str | None = None) -> str | None:
    """Outlet, title, author and date from the head of the article; returns a header date.

    The header is the run of short lines at the top: an outlet line, the title, author and
    date lines and furniture ("vor 2 Stunden", "Teilen", "Foto: dpa"); for saved text it goes
    on past one teaser paragraph when a byline or date line follows it."""
    blocks = article.blocks
    header_date: str | None = None
    title_found = False
    saved = fmt in _SAVED_TEXT
    for b in blocks:  # a navigation trail above the title is neither outlet nor title
        if b.translatable and "\n" not in b.text.strip():
            if boilerplate_phrase(_inline_plain(b.text)) != "breadcrumb":
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
            article.title = _inline_plain(t)
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
                if saved and (furniture := _header_furniture(_inline_plain(t))):
                    b.role, b.rule, b.boilerplate = "boilerplate", furniture, True
                    continue
            if not title_found and i == first and b.kind == "paragraph" and not t.endswith(
                    (".", "!", "?")):
                # A first short line before the title is the outlet line.
                nxt = [x for x in blocks[i + 1:] if x.translatable]
                if saved and nxt and _GENRE_LABEL.match(_inline_plain(t)):
                    b.role, b.rule, b.boilerplate = "kicker", "genre label above the title", True
                    first = next((k for k, x in enumerate(blocks) if k > i and x.translatable),
                                 -1)
                    continue
                # In plain text the outlet line is followed by a short title line; in saved
                # text the line must read like a name and the next like a headline (not a
                # credit, a date, a button's label or a byline).
                if nxt and (not saved or _outlet_like(t, strict=nxt[0].kind != "heading")) and (
                        nxt[0].kind == "heading" or fmt == "txt" and _headline_like(nxt[0])):
                    article.outlet = _inline_plain(t)
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
        plain = _inline_plain(t)
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
    plain = _inline_plain(t)
    kind = "bullet" if bullet else "line"
    if not (article.author or article.date) and (both := _byline_and_date(plain)):
        article.author, article.date = ", ".join(both[0]), both[1]
        return "author", f"author and date {kind}"
    if (m := AUTHOR_LINE.match(plain)) and not article.author and (
            named := byline_names(plain) or _agency_only(m.group(1))):
        # The names alone, as the page reader gives them: no place, no agency's share.
        article.author = ", ".join(named)
        return "author", f"author {kind} ('Von ...')"
    if (day := _line_date(plain)) and not article.date and (
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
    der Redaktion | Ausgabe vom 14.03.2025"."""
    fields = [f.strip() for f in _FIELD_SEPARATOR.split(plain) if f.strip()]
    if not 2 <= len(fields) <= 4 or len(plain) > 100:
        return False
    return any(_line_date(f) for f in fields) and all(
        _line_date(f) or len(f.split()) <= 5 and not f.endswith((".", "!", "?"))
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
        parts = int(m.group(3)), _MONTH_ABBR[m.group(2).lower()], int(m.group(1))
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
    plain = _inline_plain(text)
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
    plain = _inline_plain(block.text)
    return len(plain.split()) >= 2 and not (
        _line_date(plain) or _header_furniture(plain) or boilerplate_phrase(plain)
        or CAPTION_CREDIT.search(plain) or _GENRE_LABEL.match(plain)
        or AUTHOR_LINE.match(plain) and byline_names(plain) or _bare_names(plain)
        or _byline_and_date(plain))


def _mark_contact_block(article: Article) -> None:
    """A press release's closing contact block ("Pressekontakt:" and the lines of name,
    phone and e-mail after it, to the end) is furniture."""
    blocks = [b for b in article.blocks if b.translatable and not b.boilerplate]
    for k, b in enumerate(blocks):
        first_line = b.text.strip().split("\n", 1)[0]
        if len(first_line) > 80 or not _CONTACT_LABEL.match(_inline_plain(first_line)):
            continue
        rest = blocks[k:]
        lines = [ln for x in rest for ln in x.text.split("\n") if ln.strip()]
        if len(lines) <= _CONTACT_LINES + 1 and all(
                len(ln.split()) <= _CONTACT_LINE_WORDS for ln in lines):
            for x in rest:
                x.role, x.rule, x.boilerplate = "boilerplate", "contact block", True
        return


def _key(text: str) -> str:
    return " ".join(_inline_plain(text).split()).casefold()


def _mark_images(blocks: list[Block]) -> None:
    """Image lines (with any credit in the same block) and captions ending with a photo
    credit: kept, but not story."""
    for b in blocks:
        if not b.translatable or b.role:
            continue
        lines = [ln for ln in b.text.split("\n") if ln.strip()]
        if (b.kind == "paragraph" and len(b.text) < 500 and len(b.text.split()) <= 40
                and CAPTION_CREDIT.search(plain_text(b.text))):
            b.role, b.rule, b.boilerplate = "caption", "ends with a photo credit", True
        elif lines and _IMAGE_ONLY.match(lines[0]):
            rest = lines[1:]
            b.role = "image"
            b.rule = "image line" + (" with caption" if rest else "")
            b.boilerplate = True


def _read_dateline(article: Article) -> None:
    """A dateline at the start of one of the first three story paragraphs."""
    story = [b for b in article.blocks if b.translatable and not b.role and b.kind == "paragraph"]
    for b in story[:3]:
        t = b.text.strip()
        if not (m := DATELINE.match(t) or DATELINE_STOP.match(t)) or len(t) - m.end() < 40:
            continue
        place = m.group("place").strip()
        agency = m.groupdict().get("agency1") or m.groupdict().get("agency2")
        article.dateline = f"{place} {agency}" if agency else place
        article.dateline_place, article.dateline_agency = place, agency
        b.text = t[m.end():]
        b.rule = "dateline stripped"
        return


def _mark_story_roles(article: Article) -> None:
    """Subheadings (later headings; a ticker's "+++ 14:05 Uhr: … +++" entry heads; short
    unpunctuated lines between paragraphs), teaser."""
    blocks = [b for b in article.blocks if b.translatable]
    for k, b in enumerate(blocks):
        if b.role:
            continue
        t = b.text.strip()
        if b.kind == "heading":
            b.role, b.rule = "subheading", "heading after the title"
        elif b.kind == "paragraph" and len(t.split()) <= 25 and _TICKER_HEAD.match(
                _inline_plain(t)):
            b.role, b.rule = "subheading", "ticker entry heading"
        elif (b.kind == "paragraph" and "\n" not in t and len(t.split()) <= 8
              and not t.endswith(_SENTENCE_END) and 0 < k < len(blocks) - 1
              and _is_prose(blocks[k - 1]) and _is_prose(blocks[k + 1])):
            b.role, b.rule = "subheading", "short line between paragraphs"
    story = [b for b in blocks if not b.role]
    if len(story) > 1 and story[0].kind == "paragraph" and story[1].rule == "dateline stripped":
        story[0].role, story[0].rule = "teaser", "paragraph before the dateline"


# A news ticker's entry heading: "+++ 14:05 Uhr: Kiew meldet Angriffe +++".
_TICKER_HEAD = re.compile(r"^\+{2,}\s.*\s\+{2,}$")


def _is_prose(block: Block) -> bool:
    return block.kind == "paragraph" and len(block.text.split()) > 12


def _title_like(block: Block) -> bool:
    t = block.text.strip()
    return "\n" not in t and len(t) < 150 and not t.endswith(".")


def _inline_plain(text: str) -> str:
    return plain_text(text).replace("`", "").strip()
