"""Rule-based sentence segmentation for German and English news text.

Only the standard library (`re`). The text is never changed: `sentence_spans` returns
character offsets, so callers can put separators back exactly as they were.

How a boundary is found
-----------------------
Candidates are (a) whitespace after terminal punctuation ``. ! ? …`` (plus any closing
quotes/brackets glued to it) and (b) line breaks. Punctuation not followed by whitespace is
never a boundary (URLs, e-mail addresses, ``z.B.``, ``15.000``, ``14.30``). Each candidate is
judged from the token before it, the token after it and, for numbers, the word before that.

- A blank line always ends a sentence.
- ``?``/``!``: a boundary, unless the next word is lower-case and a closing quote or bracket
  follows the mark (``„Warum?“ fragte er``), or the mark is bracketed (``(?)``).
- Ellipsis (``...``/``…``): a boundary unless the next word is lower-case or the ellipsis is an
  omission mark in brackets (``[…]``).
- A full stop followed by an upper-case word, digit, quote or other symbol is a boundary unless
  the token before it is
    * an abbreviation that is never sentence-final (``z. B.``, ``Dr.``, ``ca.``, ``Nr.``, ranks);
    * an abbreviation that may end a sentence (``usw.``, ``Mio.``, ``U.S.``, ``a.m.``), an
      initial (``Wladimir W. Putin``) or a Roman numeral: then only if the next word is a typical
      sentence opener (``Die``, ``Er``, ``Dann``, ``The``, ``He`` ...);
    * (German) an ordinal: a number followed by a month, a number, an ordinal noun
      (``Jahrhundert``, ``Mal``, ``Division`` ...) or preceded by an article/preposition
      (``am 31. Juli``, ``der 2. Weltkrieg``, ``Am 3. 10. 2023``);
    * an enumeration marker at the start of a sentence (``1.``, ``a.``, ``IV.``).
- A full stop followed by a lower-case word is normally no boundary in German
  (``ca. fünf``, ``Abderaman A. war``). Exception, for informal text (forum posts, comments):
  after an ordinary word of at least four letters that is no known abbreviation, a lower-case
  plain word after the full stop starts a new sentence (``... gemacht. ich habe``).

Line breaks
-----------
Our inputs keep one paragraph or headline a line, so a single newline inside a block is
normally a boundary too (headlines, bullet items, date lines carry no full stop). It is *not* a
boundary when the line visibly continues: it ends with ``,`` ``;`` a hyphen or dash, an opening
bracket/quote, or a lower-case article/preposition/conjunction, or the next line starts with a
lower-case letter or with closing punctuation. A line ending in terminal punctuation is judged
like a space after it (so ``z. B.`` at a line end does not split), except that a next line
starting with a bullet (``-``, ``*``, ``•``, ``1.``) or a Markdown heading always splits.
"""

from __future__ import annotations

import re

_TERMINAL = ".!?…"
_CLOSERS = "\"'“”’»«›‹)]}"
_OPENERS = "\"'„“‚‘»«›‹([{"
_LINE_CONTINUES = ",;([{„‚-‐‑–—/&+"

# Whitespace after terminal punctuation (+ closers), or a line break.
_CANDIDATE_RE = re.compile(r"[.!?…][\"'“”’»«›‹)\]}]*\s+|\n\s*")
_NEXT_TOKEN_RE = re.compile(r"\S{1,64}")
_WORD_START_RE = re.compile(r"[^\W\d_]+")
_LEADING_OPENERS_RE = re.compile(r"^[\"'„“‚‘»«›‹(\[{]+")
_TRAILING_CLOSERS_RE = re.compile(r"[\"'“”’»«›‹)\]}]+$")
_DOTTED_ABBR_RE = re.compile(r"(?:[^\W\d_]{1,2}\.)+[^\W\d_]{1,3}")
_ROMAN_RE = re.compile(r"(?=[IVXLCDM])M{0,3}(?:C[MD]|D?C{0,3})(?:X[CL]|L?X{0,3})(?:I[XV]|V?I{0,3})")
_ORDINAL_NUMBER_RE = re.compile(r"\d{1,3}|\d{1,2}\.\d{1,2}")
_YEAR_RE = re.compile(r"\d{4}")
_BULLET_RE = re.compile(r"[-*•·▪►–—]|#{1,6}|\d{1,3}[.)]|[a-z]\)")
_PLAIN_LOWER_WORD_RE = re.compile(r"[^\W\d_]+[,;:]?")
# German adjectives/adverbs cut after a consonant + "l": "zusätzl.", "nördl.", "eigtl.".
_TRUNCATED_RE = re.compile(r"[^aeiouyäöühlr]l$")
_VOWELS = frozenset("aeiouyäöüéèáàâêîôûAEIOUYÄÖÜÉ")
_PARAGRAPH_BREAK_RE = re.compile(r"\n[^\S\n]*\n\s*")
_WORD_RE = re.compile(
    r"(?:\d+(?:[.,:]\d+)*|[^\W_]+)(?:[-‐‑'’](?:\d+(?:[.,:]\d+)*|[^\W_]+))*"
)


def _words(s: str) -> frozenset[str]:
    return frozenset(s.split())


# Abbreviations that are (practically) never sentence-final: the next word belongs to them.
# Keys are lower-case, without the final full stop; inner dots removed for spaced forms.
_ABBR_NEVER = _words("""
    z.b zb d.h dh u.u e.g i.e cf vgl ca bzw sog evtl ggf inkl exkl zzgl bspw bzgl insb insbes
    lat geb gest verh verw ehem urspr sogen näml eigtl allg einschl ausschl
    incl excl max
    dr prof hr hrn fr frl mr mrs ms messrs mme mlle dipl ing univ doz priv
    gen genlt genmaj brig adm vadm konteradm oberstlt oberstleutnant oblt olt hptm hauptm
    maj kpt kptlt fregkpt korvkpt kkpt fkpt lt col capt cpt sgt cpl pvt pfc cmdr cdr
    lcdr ltc ltg maj.gen brig.gen lt.col lt.gen fw ofw hfw stfw ostfw uffz ofhr fhr gefr ogfr
    hgefr stuffz obstlt obst hon rev gov sen rep pres supt insp det sr.lt
    st mt
    nr bd bde hft sp ziff anm abb kap vol pp tel vs
""")
# German-only: these are ordinary English words.
_ABBR_NEVER_DE = _words("mind gem")

# Abbreviations that can end a sentence (or are also ordinary words): boundary only if the next
# word is a typical sentence opener.
_ABBR_MAYBE = _words("""
    usw usf etc u.a u.ä o.ä u.ä.m u.v.m u.v.a v.a s.o s.u a.d i.r i.d.r z.t z.zt o.g
    mio mrd tsd mill std min sek jh jhd jhdt chr v.chr n.chr mag
    str jan feb febr mär apr jun jul aug sep sept okt nov dez
    tue tues wed thu thur thurs fri mar oct dec
    inc ltd co corp plc llc bros jr sr esq ft
    u.s u.k u.n e.u a.m p.m u.s.a d.c
    approx dept est govt assn art oberst abs lit tab fig fax
    abt bhf dt engl frz franz ital russ span poln ukr amerik brit
    e.v gmbh mbh fa kfm mdb mdl
    abschn anh anl aufl ausg bearb begr beil bes betr bez bezw beisp chem dgl dtsch ebd entspr
    erg erw evang fam ff gegr gek ges gesch gew ggü inh jhrl jur kath kgl kl kompl lfd luth
    med mhd mtl nachm nachf nat nördl nordd östl orig pharm phil pol pos rd reg rel röm
    spätr stellv südl tägl techn theol übers übl verb verf vergl verl vers vorm vors westl weibl
    wiss zool zus ztg zw zzt hrsg
    assoc misc intl natl appt esp ave blvd hwy
""")
# Followed by a number they are abbreviations ("No. 10"); otherwise the ordinary word "no".
_ABBR_BEFORE_NUMBER = _words("no nos")

# Words that start sentences far more often than they continue a name or abbreviation.
_STARTERS_DE = _words("""
    Der Die Das Den Dem Des Ein Eine Einen Einem Einer Eines Er Sie Es Wir Ich Du Ihr Man
    Dies Diese Dieser Dieses Diesen Jene Jener Dann Doch Aber Und Oder Denn Auch Noch Nun Jetzt
    Heute Gestern Morgen So Da Dort Hier Damit Dabei Dafür Dagegen Danach Davor Daher Darauf
    Darüber Deshalb Deswegen Trotzdem Allerdings Außerdem Zudem Jedoch Zwar Bei Mit Nach Vor In
    Im Am Auf Aus Für Von Vom Zum Zur Seit Als Wenn Wie Was Wer Wo Warum Weil Ob Obwohl Während
    Nachdem Bevor Laut Unter Über Gegen Ohne Bis Alle Viele Einige Mehr Nicht Kein Keine Sein
    Seine Ihre Unser Unsere Mein Meine Dein Deine Welche Welcher Welches Jeder Jede Jedes Beide
    Vielleicht Bitte Ja Nein Immer Inzwischen Mittlerweile Schon Bereits Erst Zunächst Zuerst
    Anschließend Schließlich Letztlich Insgesamt Ebenfalls Gleichzeitig Stattdessen Sowohl
    Weder Also Nur Wegen Trotz Angesichts Zugleich Später Zuvor Bislang Bisher Derzeit
    Aktuell Offenbar Demnach Dennoch Sonst Hinzu Diesmal Wieso Weshalb Wann Wohin Woher
""")
_STARTERS_EN = _words("""
    The A An He She It They We I You This That These Those There Here But And Or So Then Now
    In On At For With By From As If When While After Before Although Though However Meanwhile
    His Her Its Their Our My Your Some Many Most All Both Each No Not What Who Why How Where
    Which Yet Still Also Since Because Until Despite Under Over Today Yesterday Tomorrow
    During Among According Instead Thus Therefore Moreover Furthermore Nevertheless Later
    Earlier Last Next Such Other Another Several Few One Two Three Please Yes
""")
_STARTERS_ANY = _STARTERS_DE | _STARTERS_EN

_MONTHS_DE = _words("""
    Januar Jänner Februar Feber März April Mai Juni Juli August September Oktober November
    Dezember Jan Feb Febr Mär Mrz Apr Jun Jul Aug Sep Sept Okt Nov Dez
""")
# Nouns (and noun endings) typically preceded by an ordinal number.
_ORDINAL_NOUNS = _words("""
    Jahrhundert Jahrhunderts Jahrhunderten Jahrtausend Jahrestag Geburtstag Todestag Mal Male
    Platz Rang Stelle Weltkrieg Weltkriegs Weltkrieges Liga Bundesliga Runde Spieltag Etappe
    Klasse Stock Etage Stockwerk Kapitel Band Auflage Ausgabe Absatz Artikel Satz Teil Quartal
    Halbjahr Semester Tag Tages Woche Monat Monats Jahr Jahres Legislaturperiode Wahlperiode
    Amtszeit Sitzung Parteitag Lesung Armee Korps Zug Gruppe Sanktionspaket Paket Generation
    Gebot Buch Akt Szene Person Advent Sonntag Kreuzzug Republik Reich Kongress Gipfel
    Lebensjahr Versuch Anlauf Welle Phase Stufe Durchgang Halbzeit Minute Spiel Treffen
    Staffel Folge Bataillon Regiment Kompanie Flotte Geschwader Brigade Division Batterie
    Grad Grades Ordnung Instanz Wahlgang Sieg Titel Tor Treffer Rennen Lauf Sitz
""")
_ORDINAL_NOUN_SUFFIXES = (
    "division", "brigade", "armee", "bataillon", "regiment", "kompanie", "geschwader",
    "flotte", "jahrhundert", "liga", "klasse", "runde", "paket", "sitzung", "staffel",
    "korps", "geburtstag", "jahrestag", "jubiläum", "platz", "kongress", "konferenz",
    "sieg", "titel", "treffer", "rennen",
)
# Words after which a number with a full stop is read as an ordinal ("am 3.", "der 2.").
_ORDINAL_PRE = _words("""
    der die das den dem des am im zum zur vom beim ins ans ab bis seit vor nach um für mit von
    zu in an auf bei ein eine einer einem einen eines sein seine seinem seiner seines ihr ihre
    ihrem ihrer ihres unser unsere unserem jeden jedem jede jedes jeder dieses diesem dieser
    diese diesen und oder bzw sowie zwischen über unter gegen ihren seinen
""")
# Lower-case words a line does not end with unless it continues on the next line.
_LINE_END_FUNCTION_WORDS = _words("""
    der die das den dem des ein eine einer einem einen eines und oder aber sowie mit von zu
    für auf in im an am bei aus nach über unter vor gegen ohne um durch als wie dass ob
    the a an of and or to in on at for with by from as that than
""")

_NEVER, _MAYBE, _ORDINAL, _PLAIN = 0, 1, 2, 3


def _strip_token(tok: str) -> str:
    """The word inside a token: leading openers and trailing closers removed."""
    tok = _LEADING_OPENERS_RE.sub("", tok)
    return _TRAILING_CLOSERS_RE.sub("", tok)


def _token_before(text: str, end: int, limit: int = 64) -> tuple[int, str]:
    """The non-whitespace run ending at `end` (at most `limit` chars) and its start."""
    start = end
    lo = max(0, end - limit)
    while start > lo and not text[start - 1].isspace():
        start -= 1
    return start, text[start:end]


def _word_before(text: str, pos: int) -> str:
    """The token before `pos`, skipping whitespace (bounded), openers/closers stripped."""
    i = pos
    lo = max(0, pos - 16)
    while i > lo and text[i - 1].isspace():
        i -= 1
    if i == pos and i > 0:
        return ""
    return _strip_token(_token_before(text, i, 32)[1]).rstrip(".,;:")


def _is_starter(nxt: str, lang: str) -> bool:
    """Does the token `nxt` look like the first word of a new sentence?"""
    first = nxt[0]
    if first in "„‚»«\"“" and len(nxt) > 1:
        return True
    m = _WORD_START_RE.match(nxt)
    if not m:
        return False
    word = m.group(0)
    if len(word) == 1 and nxt[1:2] == ".":
        return False  # another initial: "J. A. Smith"
    starters = _STARTERS_DE if lang == "de" else _STARTERS_EN if lang == "en" else _STARTERS_ANY
    return word in starters


def _classify(bare: str, nxt: str, text: str, tok_start: int, lang: str) -> int:
    """How the token before a full stop behaves: never final, maybe final, ordinal, plain."""
    n = len(bare)
    if n > 1 and bare.isupper() and "." not in bare:
        # Acronyms end sentences ("die NATO."); Roman numerals may ("Felipe VI.").
        return _MAYBE if bare[0] in "IVXLCDM" and _ROMAN_RE.fullmatch(bare) else _PLAIN
    key = bare.lower()
    if key in _ABBR_BEFORE_NUMBER:
        return _NEVER if nxt[0].isdigit() else _PLAIN
    if key in _ABBR_NEVER or lang != "en" and key in _ABBR_NEVER_DE:
        return _NEVER
    if key in _ABBR_MAYBE:
        return _MAYBE
    if n == 1 and bare.isalpha():
        # Spaced abbreviation ("z. B.", "u. a.", "i. d. R."): join with the letters before.
        parts = [key]
        i = tok_start
        for _ in range(3):
            j = i
            while j > 0 and text[j - 1] in " \t\xa0":
                j -= 1
            if j >= 2 and text[j - 1] == "." and text[j - 2].isalpha() and (
                j == 2 or not text[j - 3].isalnum() and text[j - 3] != "."
            ):
                parts.insert(0, text[j - 2].lower())
                i = j - 2
                if j >= 3 and text[j - 3] in _OPENERS:
                    break
            else:
                break
        if len(parts) > 1:
            joined = ".".join(parts)
            if joined in _ABBR_NEVER:
                return _NEVER
        return _MAYBE  # initial, or part of a spaced abbreviation
    if "." in bare and _DOTTED_ABBR_RE.fullmatch(bare):
        return _NEVER if key in _ABBR_NEVER else _MAYBE
    if bare[0].isdigit():
        if _ORDINAL_NUMBER_RE.fullmatch(bare) or _YEAR_RE.fullmatch(bare):
            return _ORDINAL
        return _PLAIN
    if n <= 4 and bare.isalpha() and not any(c in _VOWELS for c in bare) and not bare.isupper():
        return _MAYBE  # vowel-less short token: "Mrd", "Nr", "Std", "bzgl"
    return _PLAIN


def _ordinal_boundary(bare: str, nxt: str, text: str, tok_start: int, lang: str) -> bool:
    """Boundary after "<number>." followed by a non-lower-case token? (German ordinals)."""
    if lang == "en":
        return True
    if nxt[0].isdigit():
        return False  # date: "3. 10. 2023", "31. 12."
    m = _WORD_START_RE.match(_LEADING_OPENERS_RE.sub("", nxt))
    word = m.group(0) if m else ""
    if word and (word in _MONTHS_DE or word in _ORDINAL_NOUNS
                 or word.lower().endswith(_ORDINAL_NOUN_SUFFIXES)):
        return False
    if _is_starter(nxt, lang):
        return True
    if len(bare) == 4 and bare.isdigit():
        return True  # years end sentences: "seit 2020. Bundeswehr ..."
    return _word_before(text, tok_start).lower() not in _ORDINAL_PRE


def _full_word(bare: str) -> bool:
    """An ordinary word (not an abbreviation): may end a sentence before a lower-case word."""
    key = bare.lower()
    return (len(bare) >= 4 and bare.isalpha() and key not in _ABBR_NEVER
            and key not in _ABBR_MAYBE and key not in _ABBR_NEVER_DE
            and any(c in _VOWELS for c in bare) and not _TRUNCATED_RE.search(key))


def _punct_boundary(text: str, p: int, closers: str, nxt: str, sent_start: int,
                    lang: str) -> bool:
    """Is the whitespace after the terminal mark at `p` (+ closers) a sentence boundary?"""
    first = nxt[0]
    if first in ",;:)]}":
        return False
    c0 = p
    while c0 > 0 and text[c0 - 1] in _TERMINAL:
        c0 -= 1
    cluster = text[c0:p + 1]
    tok_start, tok = _token_before(text, c0)
    if tok and tok[-1] in "([{":
        return False  # "(?)", "[...]", "(!)"
    lower = first.islower()
    if "?" in cluster or "!" in cluster:
        return not (lower and closers)
    if len(cluster) > 1 or cluster == "…":
        return not lower and first not in _TERMINAL
    bare = _strip_token(tok)
    if lower:
        return (not closers and _full_word(bare)
                and _PLAIN_LOWER_WORD_RE.fullmatch(nxt) is not None)
    if not bare:
        return True
    kind = _classify(bare, nxt, text, tok_start + (len(tok) - len(tok.lstrip(_OPENERS))), lang)
    if kind == _PLAIN:
        return True
    if tok_start == sent_start and (
        bare.isdigit() or len(bare) == 1 or kind == _MAYBE and bare.isupper()
    ):
        return False  # enumeration marker: "1. Die Lage", "a. Erstens", "IV. Ausblick"
    if kind == _NEVER:
        return bool(closers) and _is_starter(nxt, lang)
    if kind == _MAYBE:
        return _is_starter(nxt, lang)
    return _ordinal_boundary(bare, nxt, text, tok_start, lang)


def _newline_boundary(text: str, ws_start: int, nxt: str) -> bool:
    """Is a line break (after a line without terminal punctuation) a sentence boundary?"""
    i = ws_start
    while i > 0 and text[i - 1] in " \t\r\f\v\xa0":
        i -= 1
    if i == 0:
        return False
    last = text[i - 1]
    if last in _LINE_CONTINUES:
        return False
    first = nxt[0]
    if first.islower() or first in ",;:.!?)]}…":
        return False
    if last.isalpha() and last.islower():
        word = _token_before(text, i, 24)[1].lower()
        if word in _LINE_END_FUNCTION_WORDS:
            return False
    return True


def sentence_spans(text: str, lang: str = "de") -> list[tuple[int, int]]:
    """Character spans (start, end) of the sentences of `text`, in order, trimmed."""
    lang = (lang or "").lower()[:2]
    cuts: list[int] = []
    sent_start = len(text) - len(text.lstrip())  # first character of the current sentence
    for m in _CANDIDATE_RE.finditer(text):
        start, end = m.start(), m.end()
        nm = _NEXT_TOKEN_RE.match(text, end)
        if nm is None:
            continue  # trailing whitespace
        nxt = nm.group(0)
        ws = m.group(0)
        closers = ""
        if text[start] != "\n":
            k = 1
            while ws[k] in _CLOSERS:
                k += 1
            closers, ws = ws[1:k], ws[k:]
        if "\n" in ws and (_PARAGRAPH_BREAK_RE.search(ws) or _BULLET_RE.fullmatch(nxt)):
            cut = True
        elif text[start] == "\n":
            cut = _newline_boundary(text, start, nxt)
        else:
            cut = _punct_boundary(text, start, closers, nxt, sent_start, lang)
        if cut:
            cuts.append(end)
            sent_start = end
    spans: list[tuple[int, int]] = []
    prev = 0
    for c in [*cuts, len(text)]:
        seg = text[prev:c]
        stripped = seg.strip()
        if stripped:
            s = prev + (len(seg) - len(seg.lstrip()))
            spans.append((s, s + len(stripped)))
        prev = c
    return spans


def split_sentences(text: str, lang: str = "de") -> list[str]:
    """The sentences of `text` (see `sentence_spans`)."""
    return [text[s:e] for s, e in sentence_spans(text, lang)]


def split_paragraphs(text: str) -> list[str]:
    """Blocks of `text` separated by blank lines, stripped, empty ones dropped."""
    return [p.strip() for p in _PARAGRAPH_BREAK_RE.split(text) if p.strip()]


def words(text: str, lang: str = "de") -> list[str]:
    """Word tokens: inner hyphens/apostrophes kept, "15.000" and "2,5" whole, punctuation out."""
    return _WORD_RE.findall(text)


def segment_input(data: bytes, name: str | None, lang: str) -> str:
    """A file's sentences, one a line, a blank line between paragraphs.

    HTML pages and feeds are read as articles first (the articles' own text, not the markup,
    menus and banners); text and Markdown are split as they are.
    """
    from defnews import readers

    text, _ = readers.decode(data)
    if readers.sniff_format(text, name) in {"html", "feed"}:
        paragraphs = [p for a in readers.read_bytes(data, name) for p in a.story_paragraphs()]
    else:
        paragraphs = [p for p in split_paragraphs(text) if p.strip()]
    return "\n\n".join("\n".join(split_sentences(p, lang)) for p in paragraphs)
