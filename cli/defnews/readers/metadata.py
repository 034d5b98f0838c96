"""Rules the readers share: dates, author lines, datelines, boilerplate, front matter.

Generic rules only (no per-outlet code): they must hold for outlets never seen.
"""

from __future__ import annotations

import re
from datetime import date as _date
from pathlib import Path

from defnews.article import Article
from defnews.textutil import MONTH_PATTERN, MONTHS

_DATE_LONG = re.compile(r"\b(\d{1,2})\.\s*(" + MONTH_PATTERN + r")\s+(\d{4})\b", re.I)
_DATE_NUM = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b")
# Also "2025-01-14T08:00" and "2025/01/14" (one separator throughout).
_DATE_ISO = re.compile(r"\b(\d{4})([-/])(\d{2})\2(\d{2})(?!\d)")
# How a byline opens: "Von", "By", "Autorin:", "Text:", "Ein Kommentar von", "Von unserem
# Korrespondenten" (the words before the names).
BYLINE_LEAD = (r"(?:(?:eine?\s+)?(?:bericht|kommentar|analyse|reportage|interview|kolumne|"
               r"gastbeitrag|essay|einordnung|meinung|recherche)\s+von"
               r"|von\s+unse(?:rem|rer)\s+(?:\w+\s+)?(?:korrespondent(?:en|in)|reporter(?:in)?|"
               r"redakteur(?:in)?|mitarbeiter(?:in)?)"
               r"|von|by|autor(?:in)?(?:nen|en)?\s*:|text\s*:)")
AUTHOR_LINE = re.compile(rf"^\s*{BYLINE_LEAD}\s+(.{{3,80}}?)\s*$", re.I)
# A byline without "Von": two to four capitalised words (initials allowed), "und" between names.
_NAME = r"[A-ZÄÖÜ][\w'’-]+(?: (?:[A-ZÄÖÜ]\.|[A-ZÄÖÜ][\w'’-]+|von|van|de|der|zu)){1,3}"
AUTHOR_NAME = re.compile(rf"^\s*(?:(?:von|by)\s+)?({_NAME}(?:\s*(?:,|und|&)\s*{_NAME})*)\s*$")
# Abbreviations that open a sentence with a capital and a full stop but name no place.
_TITLE_ABBREVIATION = (r"(?:Dr|Prof|St|Hr|Fr|Nr|Bd|Mr|Mrs|Ms|Jr|Sr|Gen|Maj|Hptm|Lt|Kpt|Adm|Abg|"
                       r"Min|Präs|Bsp|Ca|Vgl|Bzw|Usw|Inkl|Evtl|Ggf|Zzgl)\b")
# Words that open a sentence, never a place: a dateline's place is not "Die Bundeswehr" or
# "Er". ("Den Haag" is a place.)
_NOT_PLACE = (r"(?!(?:Der|Die|Das|Dem|Den(?! Haag)|Des|Ein|Eine[mnrs]?|Kein|Keine[mnrs]?|Er|Sie|"
              r"Es|Wir|Ihr|Ich|Man|Im|Am|Auf|In|Mit|Nach|Bei|Von|Vor|Zu|Zum|Zur|Für|Über|"
              r"Unter|Und|Aber|Doch|Auch|Wie|Was|Wer|Wo|Wenn|Als|Ob|So|Da|Dann|Nun|Noch|Nur|"
              r"Diese[mnrs]?|Jede[mnrs]?|Alle)\b)")
_UPPER_WORD = r"[A-ZÄÖÜ][A-ZÄÖÜ.-]{1,30}"
_WORD = r"[A-ZÄÖÜ][a-zäöüß]+(?:-[A-ZÄÖÜ][a-zäöüß]+)*"
# The first word of a two-word place ("Bad Tölz", "St. Petersburg", "Den Haag", "New York"):
# two capitalised words are otherwise a noun phrase ("Die Regierung").
_PLACE_PREFIX = (r"(?:Bad|Sankt|St\.|Den|New|Neu|Alt|Groß|Klein|Tel|San|Santa|São|Los|Las|Le|"
                 r"La|Rio|Hong|Kuala|Buenos|Abu|Addis|Port|Fort|Kap|Mount)\s?")
# A place's abbreviated suffix: "Frankfurt a.M.", "Washington D.C.", "Freiburg i. Br.".
_PLACE_ABBREVIATION = r"(?:[a-zA-Z]{1,2}\.(?:\s?[A-Za-z][a-z]?\.){1,2})"
# One town as a dateline prints it: "Berlin", "Frankfurt am Main", "Frankfurt a.M.",
# "St. Petersburg", "Bad Tölz", "Halle-Neustadt" ("Frankfurt/Main" is two, see _PLACE).
_TOWN = (rf"(?:{_PLACE_PREFIX}{_WORD}|{_WORD}(?: {_WORD})?)"
         r"(?: (?:am|an der|im|in der|ob der) [A-ZÄÖÜ][a-zäöüß]+)?"
         rf"(?: {_PLACE_ABBREVIATION})?")
_PLACE = (rf"{_UPPER_WORD}(?:[ /]{_UPPER_WORD}){{0,3}}"
          rf"|{_NOT_PLACE}{_TOWN}(?:/{_TOWN}){{0,3}}")
# Emphasis around a dateline or part of it ("**Berlin (dpa)** -", "**Berlin** (dpa) -"): the
# marks are matched and cut with it. A closing mark is taken once, wherever it stands.
_OPEN = r"(?P<bold>\*\*|__|\*|_)?"
_CLOSE1 = r"(?(bold)(?P<close1>(?P=bold))?)"
_CLOSE2 = r"(?(bold)(?(close1)|(?P<close2>(?P=bold))?))"
_CLOSE3 = r"(?(bold)(?(close1)|(?(close2)|(?P=bold)?)))"
_EMPHASIS = r"(?:\*\*|__|\*|_)?"
# Agencies a dateline names; a tag that is one of them (with a regional or second agency:
# "dpa/mv", "AFP/dpa", "dpa-AFX", "dts Nachrichtenagentur") also stands without a dash
# ("Bonn (KNA) Die Bischöfe …", "Frankfurt a.M. (epd). Die …").
_WIRE = (r"(?:dpa|afp|ap|reuters|kna|epd|sid|dts|ddp|apa|sda|ots|ani|tass|ria|kap|kathpress|"
         r"idea|ansa|efe|xinhua|interfax|ukrinform|upi|rtr|belga|anp|pap|ctk)")
_WIRE_TAG = (rf"(?i:{_WIRE}(?:[/-](?:{_WIRE}|[a-z]{{2,4}}))*(?:\s+(?:nachrichtenagentur|"
             r"presseagentur))?)")
_DAY = r"\d{1,2}\.\s*[A-ZÄÖÜ][a-zäöü]{2,8}\.?(?:\s+\d{4})?|\d{1,2}\.\d{1,2}\.\d{4}"
_NEXT_SENTENCE = rf"(?=\s+{_EMPHASIS}[A-ZÄÖÜ„\"])"
# Datelines at the start of the first paragraphs: "MOSKAU ap |", "Berlin (dpa) -",
# "WASHINGTON/BERLIN (Reuters) –", "BERLIN, 12. März (Reuters) -", "Moskau –" (a place
# alone needs a spaced dash), "Bonn (KNA) Die …" (a known agency needs no dash), a press
# release's "Berlin, 26. März 2025 – Die …" (the day is the article's date, see
# readers.text), and, as regional papers print them, "Helsinki. Finnland schickt …" (a
# place alone with a full stop before the next sentence); any of them may be set in bold.
DATELINE = re.compile(
    rf"^\s*{_OPEN}(?P<place>{_PLACE}){_CLOSE1}"
    # "BERLIN, 12. März (Reuters) -": the day between place and agency (the article's date);
    # one run of spaces only in the lookahead (two adjacent ones backtrack quadratically)
    rf"(?:,\s*(?P<date>{_DAY})(?=\s*(?:\(|[–—-]\s|(?:\*\*|__|\*|_)\s*[–—-]\s)))?"
    # The agency in brackets (any name before a dash, a known one before anything) or
    # before a bar
    rf"(?:\s*\((?={_WIRE_TAG}\)|[^()]{{2,40}}\){_EMPHASIS}\s*[–—-])"
    r"(?P<agency1>[A-Za-zÄÖÜäöü][\w/ .&-]{1,40}?)\)"
    r"|\s+(?P<agency2>[A-Za-z][A-Za-z/]{1,10})(?=\s*\|))?"
    rf"{_CLOSE2}"
    rf"(?(agency2)\s*\||(?(agency1)(?:\s*[–—-]|\.(?=\s)|{_NEXT_SENTENCE})"
    rf"|\s+[–—-]{_NEXT_SENTENCE})){_CLOSE3}\s*")
# Sentence-like one-word openers, never a place ("Achtung. Die …", "Nein. Das …"); nouns
# with these endings name no town either.
_NOT_STOP_PLACE = (r"(?!(?:Nein|Doch|Gut|Klar|Stimmt|Danke|Bitte|Okay|Genau|Richtig|Falsch|"
                   r"Endlich|Immerhin|Trotzdem|Vorsicht|Hallo|Schluss|Ende|Update|Korrektur)\."
                   r"|[A-ZÄÖÜ][a-zäöüß]*(?:ung|heit|keit|schaft|tion|ität|nis)\.)")
# The full-stop form takes one word ("Helsinki.", "Halle-Neustadt.", "USA."), several places
# ("BRÜSSEL/BERLIN.", "Kiew/Moskau.") or a two-word place of the known shapes ("Bad Tölz.",
# "St. Petersburg.", "Frankfurt a.M."): two other capitalised words before a full stop are a
# sentence ("Die Regierung. Sie …").
DATELINE_STOP = re.compile(
    rf"^\s*{_OPEN}{_NOT_STOP_PLACE}"
    rf"(?P<place>[A-ZÄÖÜ]{{2,}}(?:[/-][A-ZÄÖÜ]{{2,}}){{0,3}}"
    rf"|(?:{_PLACE_PREFIX}{_WORD}|(?!{_TITLE_ABBREVIATION}\.)[A-ZÄÖÜ][a-zäöüß]{{2,}}"
    r"(?:-[A-ZÄÖÜ][a-zäöüß]+)?)"
    rf"(?:/(?:{_PLACE_PREFIX})?[A-ZÄÖÜ][a-zäöüß]{{2,}}(?:-[A-ZÄÖÜ][a-zäöüß]+)?){{0,3}}"
    rf"(?: {_PLACE_ABBREVIATION})?)"
    r"(?:(?<=\.)|\.)(?(bold)(?P=bold))(?=\s+[A-ZÄÖÜ„\"])\s*")

_AGENCY = r"(?:dpa|afp|ap|reuters|kna|epd|sid|dts|ddp|apa|sda|ots|ani|tass|ria)\b"
# A line that labels the publication time: "Veröffentlicht am 3. März 2026 um 14:12 Uhr".
DATE_LABEL = re.compile(r"^\W*(?:veröffentlicht|aktualisiert|erschienen|publiziert|erstellt|"
                        r"zuletzt\s+(?:aktualisiert|geändert|bearbeitet)|stand)\b", re.I)

# Page furniture, by phrase. A phrase marks a short block; a long block only at the article's
# head or tail (see readers.boilerplate). Single words ("Spende", "Facebook") never do.
_PHRASES = [
    ("donation appeal", r"jetzt (?:unterstützen|spenden)\b|\bunterstützen sie (?:uns|unsere|"
     r"unseren|unabhängigen|jetzt)|\bspenden sie\b|freiwillige(?:n)? (?:unterstützung|beitrag)|"
     r"mit \d+ euro im monat"),
    ("newsletter prompt", r"newsletter (?:abonnieren|bestellen)|abonnieren sie (?:jetzt )?"
     r"(?:unseren|den)|(?:zum|für unseren|für den) newsletter an|"
     # a newsletter offered to the reader: "Der X-Newsletter informiert Sie jeden Abend"
     r"\bnewsletter\b[^.!?]{0,80}\b(?:informiert|erhalten|bekommen|liefert|schickt)\s+"
     r"(?:sie|euch|dich|ihnen)\b|"
     # the promise of a box that need not say "Newsletter": "… in Ihrem Postfach. Kostenlos
     # und jederzeit kündbar.", "Hier kostenlos bestellen"
     r"\bin ihr(?:em)? (?:e-mail-)?postfach\b|\bjederzeit (?:wieder )?(?:kostenlos )?"
     r"(?:kündbar|abbestellbar|abbestellen|abmeldbar)\b|^\W*(?:jetzt |hier )(?:kostenlos |gratis )?"
     r"(?:bestellen|abonnieren|anmelden|registrieren)\W*$|\banmeldung (?:für|zu) (?:unseren?|"
     r"den) [\w-]*newsletter\b"),
    ("comment prompt", r"diskutieren sie (?:mit|jetzt)|starten sie (?:jetzt )?(?:eine|die) "
     r"(?:spannende )?diskussion|(?:jetzt|hier) kommentieren|kommentare (?:anzeigen|lesen|"
     r"schreiben)|schreiben sie (?:uns )?(?:einen|ihren) kommentar|in den kommentaren\b|"
     r"kommentarfunktion"),
    ("read more", r"^\W*(?:lesen sie (?:auch|mehr|hier)|mehr zum thema|weiterlesen|erfahren sie "
     r"mehr|auch interessant|das könnte sie auch interessieren|mehr dazu|weitere artikel|"
     # the link to the writer's page: "Mehr Artikel von Anna Berg", "Alle Beiträge der Autorin"
     r"(?:mehr|alle|weitere) (?:artikel|beiträge|texte) (?:von|des autors|der autorin))\b"),
    ("credit", r"^\W*(?:fotos?|bild(?:er)?|grafik|quelle|bildquelle|illustration|übersetzung|"
     r"redaktion|schlussredaktion|mitarbeit|audioversion)\s*:|^\W*©|alle rechte vorbehalten"),
    # An editor's note that the piece is a translation, and the link to the original.
    ("translation note", r"^\W*(?:dies ist|dieser (?:artikel|text|beitrag) ist) (?:eine )?"
     r"(?:maschinelle |automatisierte |automatische )?übersetzung\b|^\W*(?:lest|lesen sie) "
     r"(?:den|das) original"),
    # A closing credit of the agencies a story draws on: "(mit dpa)", "mit Material von dpa
    # und AFP", "dpa/AFP" as the whole block.
    ("agency credit", rf"^\W*(?:mit\s+)?(?:material\s+(?:von|der|aus)\s+)?{_AGENCY}"
     rf"(?:\s*(?:[,/&]|und)\s*{_AGENCY})*\W*$"),
    # A navigation trail: "Startseite › Politik › Sicherheit", "Home » News » Welt".
    ("breadcrumb", r"^[^›»>\n]{1,40}(?:\s[›»>]\s[^›»>\n]{1,40}){2,}$"),
    ("share prompt", r"^\W*(?:teilen auf|folgen sie uns)|folgen sie uns auf|"
     r"auf (?:facebook|twitter|instagram|whatsapp) teilen|"
     r"^\W*(?:artikel|beitrag|seite) (?:teilen|drucken|merken|versenden|vorlesen)\b|"
     # a row of share buttons: "Facebook | X | WhatsApp | E-Mail"
     r"^(?:\W*\b(?:facebook|twitter|x|whatsapp|e-mail|email|linkedin|telegram|xing|threads|"
     r"bluesky|mastodon|messenger|drucken|teilen|merken|link kopieren)\b){3,}\W*$"),
    # The paywall's offer where the free part of a paid article ends.
    ("paywall prompt", r"^\W*(?:lesen sie (?:jetzt |hier )?weiter mit|jetzt (?:weiterlesen|"
     r"abonnieren|abo abschließen)|weiterlesen mit|sie haben bereits ein abo|"
     r"bereits abonnent(?:in)?\b)|\b\d+ (?:monate?|wochen?) (?:für|nur|gratis|kostenlos)\b"
     r"[^.!?]{0,20}(?:€|euro|gratis|kostenlos)"),
    # The tag list under an article: "Schlagworte: Marine, Laser, Drohnenabwehr".
    ("tag list", r"^\W*(?:schlagw[oö]rte|stichw[oö]rte|tags|mehr zu den themen)\s*:"),
    ("error report prompt", r"\bfehler gefunden\?|^\W*(?:einen )?fehler (?:im (?:text|artikel) )?"
     r"(?:melden|entdeckt)\b"),
    ("pagination", r"^\W*(?:seite \d+ (?:von|/) \d+|(?:zur )?(?:nächsten?|vorherigen?) seite)\b"),
    ("cookie notice", r"wir verwenden cookies|cookies? (?:akzeptieren|zulassen|einstellungen)|"
     r"^\W*(?:impressum|datenschutzerklärung|startseite)\W*$"),
    ("advertising label", r"^\W*(?:anzeige|werbung)\W*$"),
    # The line a blog's feed appends to each item: "Der Beitrag X erschien zuerst auf Y."
    ("feed footer", r"^\W*(?:der|dieser) (?:beitrag|artikel)\b.{0,200}\berschien zuerst (?:auf|bei)"
     r"\b|^\W*the post\b.{0,200}\bappeared first on\b"),
]
BOILERPLATE_PHRASES = [(name, re.compile(rx, re.I)) for name, rx in _PHRASES]
# A photo credit closing a short paragraph makes it a caption: "… Foto: Felix Zahn/imago",
# "… © dpa", "… IMAGO/Nico Meier", "… Bild: Getty Images".
CAPTION_CREDIT = re.compile(
    r"(?:\b(?:fotos?|bild|bildquelle|quelle|credit|photo)\s*:\s*[^.!?]{2,80}|©\s*[^.!?]{2,60}"
    r"|\b(?:imago|dpa|afp|reuters|getty images|picture[- ]alliance|ap photo)\s*/\s*[^.!?/]{2,40}"
    r"|[^\s/]{1,40}\s*/\s*(?:imago|dpa|afp|reuters|getty images|picture[- ]alliance))\W*$",
    re.I)
# A name in a byline: two to four capitalised words ("Petra Lindner", "Bill MCCARTHY",
# "Anna von Berg"), initials allowed.
_PERSON = re.compile(r"^[A-ZÄÖÜ][\w'’.-]+(?:\s+(?:[A-ZÄÖÜ][\w'’.-]*|von|van|de|der|zu)){1,3}$")
_PLACE_WORD = re.compile(r"^[A-ZÄÖÜ][a-zäöüß]+(?:-[A-ZÄÖÜ][a-zäöüß]+)?$")
_CLOCK_TIME = re.compile(r"(?:um\s+)?\d{1,2}[:.]\d{2}(?:\s*Uhr)?")
_FILE_NAME_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})(?!\d)")


def iso_date(text: str) -> str | None:
    """The first date written in `text` (ISO, "2023/08/07", "7. August 2023" or "07.08.2023")
    as ISO; a day that does not exist ("2025-13-45", "31.02.2025") is no date."""
    for pattern, year, month, day in ((_DATE_ISO, 1, 3, 4), (_DATE_LONG, 3, 2, 1),
                                      (_DATE_NUM, 3, 2, 1)):
        for m in pattern.finditer(text):
            raw = m.group(month)
            mon = int(raw) if raw.isdigit() else MONTHS[raw.lower()]
            try:
                return _date(int(m.group(year)), mon, int(m.group(day))).isoformat()
            except ValueError:
                continue
    return None


def file_name_date(name: str | None) -> str | None:
    """Saved articles are often named by day (2026-11-20_outlet_topic.txt)."""
    if not name:
        return None
    m = _FILE_NAME_DATE.match(Path(name).name)
    return iso_date(m.group(1)) if m else None


def byline_names(text: str) -> list[str]:
    """The names of a byline ("Von Petra Lindner und Omar Said", "Von: A B, C D", "Von Anna
    Berg, Frankfurt" with the place left out); [] when the text is not one."""
    text = " ".join(text.split())
    if not 3 <= len(text) <= 120:
        return []
    text = re.sub(rf"^{BYLINE_LEAD}(?!\w):?\s*", "", text, flags=re.I)
    # What follows a bar or a dot in a meta line is another field ("| Stand: 04.09.2025").
    text = re.split(r"\s[|·•]\s", text)[0]
    # Roles in brackets ("Anna Berg (Text)") and the agencies' share ("mit Material von dpa").
    text = re.sub(r"\s*\([^()]{1,30}\)", "", text)
    text = re.sub(rf"\s+mit\s+(?:material|agenturmaterial)\s+(?:von|der|aus)\s+{_AGENCY}.*$",
                  "", text, flags=re.I)
    parts = [p.strip(" .") for p in re.split(r",|;|\s/\s|\s+(?:und|and|&)\s+", text)
             if p.strip()]
    # The day or time printed after the names ("Von Anna Berg, 14.01.2025, 10:15 Uhr").
    parts = [p for p in parts if not (iso_date(p) or _CLOCK_TIME.fullmatch(p))]
    if len(parts) > 1 and _PLACE_WORD.match(parts[-1]):
        parts = parts[:-1]  # "…, Frankfurt": the writer's place
    # A news agency beside a writer ("Von Anna Berg, dpa") is part of the byline.
    names = [p for p in parts if _PERSON.match(p) or re.fullmatch(_AGENCY, p, re.I)]
    persons = [p for p in names if _PERSON.match(p)]
    return names if persons and len(names) == len(parts) else []


def boilerplate_phrase(text: str) -> str | None:
    """The name of the page-furniture phrase in `text` (plain text), or None."""
    for name, pattern in BOILERPLATE_PHRASES:
        if pattern.search(text):
            return name
    return None


def meta_lines(text: str, article: Article) -> bool:
    """Take author and date from a short multi-line header block; False if it is prose."""
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    if len(lines) > 4 or any(len(ln) > 80 for ln in lines):
        return False
    found: dict[str, str] = {}
    for ln in lines:
        if m := AUTHOR_LINE.match(ln):
            found["author"] = m.group(1).strip(" .,")
        elif iso_date(ln) and (len(ln) < 40 or DATE_LABEL.match(ln)):
            found["date"] = iso_date(ln) or ""
        else:
            return False
    article.author = article.author or found.get("author")
    article.date = article.date or found.get("date")
    return True
