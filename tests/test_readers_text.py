# ruff: noqa: E501  (the articles' long lines are the shape under test)
"""Text and Markdown in the shapes real pages are saved in (issue 16), with block roles.

All articles here are written for these tests, in the shapes of the project's two seeds: a
Markdown page saved as .txt (outlet line, title, author and date bullets) and agency copy with
one newline between paragraphs (title, teaser, image, dateline, subheading, appeals at the end).
"""

from __future__ import annotations

import pytest

from defnews.article import Article
from defnews.readers import read_bytes

MARKDOWN_AS_TXT = """


NORDLICHT KURIER

## Finnland verlegt Panzerverbände an die Grenze

- Annika K. Virtanen
- [12.03.2024](#)

Die finnische Armee hat in der vergangenen Woche mehrere Panzerkompanien in den Osten des Landes verlegt.

- Am 4. März begann die Verlegung der ersten Kompanie aus Parola nach Lappeenranta. Die Fahrzeuge wurden mit der Bahn transportiert.
- Am 6. März folgten zwei weitere Kompanien, begleitet von Pionieren und Sanitätern.

Die Regierung in Helsinki spricht von einer Routineübung. Beobachter sehen darin aber eine Reaktion auf die Verstärkung russischer Truppen jenseits der Grenze.

**Erfahren Sie mehr:** Lesen [„Die neue Nordflanke“](#).
"""

AGENCY_COPY = """Ukraine erhält weitere Flugabwehr: Lieferung vor dem Winter
Die Systeme sollen Städte und Kraftwerke schützen. Die Regierung in Kiew dankt den Partnern für die schnelle Zusage.
![](https://zeitung.example/bilder/flugabwehr.jpg)
KIEW ap | Die Ukraine soll noch vor dem Winter zusätzliche Flugabwehrsysteme erhalten. Das kündigte der Verteidigungsminister am Mittwoch nach einem Treffen mit seinen europäischen Kollegen in Kiew an.
Nach Angaben des Ministeriums sollen die ersten Batterien bereits im Oktober einsatzbereit sein. Die Ausbildung der Soldaten habe im Sommer begonnen und werde in Deutschland fortgesetzt.
Kraftwerke im Visier
Russland hatte in den vergangenen Monaten vor allem die Energieversorgung angegriffen. Mehrere Kraftwerke im Osten des Landes sind nach Angaben der Regierung schwer beschädigt worden.
Tausend Dank!
Tausende Leserinnen und Leser machen unsere Arbeit möglich, weil sie unabhängigen Journalismus wichtig finden. Dafür danken wir Ihnen herzlich. Unterstützen Sie uns auch weiterhin – schon mit 5 Euro im Monat! Jetzt unterstützen
Starten Sie jetzt eine spannende Diskussion!
"""


def _read(text: str, name: str = "artikel.txt") -> Article:
    [article] = read_bytes(text.encode("utf-8"), name)
    return article


def _roles(article: Article) -> list[tuple[str, str]]:
    return [(b.role, b.text[:30]) for b in article.blocks if b.kind != "blank"]


def test_markdown_page_saved_as_txt() -> None:
    a = _read(MARKDOWN_AS_TXT)
    assert a.outlet == "NORDLICHT KURIER"
    assert a.title == "Finnland verlegt Panzerverbände an die Grenze"
    assert (a.author, a.date) == ("Annika K. Virtanen", "2024-03-12")
    roles = [r for r, _ in _roles(a)]
    assert roles[:4] == ["outlet", "title", "author", "date"]
    assert roles[-1] == "boilerplate"
    assert roles.count("body") == 4  # the paragraph, the two bullets, the closing paragraph
    assert not any("Erfahren Sie" in p or "Virtanen" in p for p in a.story_paragraphs())


def test_agency_copy_with_one_newline_between_paragraphs() -> None:
    a = _read(AGENCY_COPY)
    assert a.title == "Ukraine erhält weitere Flugabwehr: Lieferung vor dem Winter"
    assert (a.dateline, a.dateline_place, a.dateline_agency) == ("KIEW ap", "KIEW", "ap")
    roles = _roles(a)
    assert [r for r, _ in roles] == ["title", "teaser", "image", "body", "body", "subheading",
                                     "body", "boilerplate", "boilerplate", "boilerplate"]
    rules = {b.text[:12]: b.rule for b in a.blocks if b.role == "boilerplate"}
    assert rules["Tausende Les"] == "donation appeal"
    assert rules["Starten Sie "] == "comment prompt"
    story = a.story_paragraphs()
    assert story[0] == a.title and story.count(a.title) == 1
    assert not any("KIEW" in p or "ap |" in p for p in story)
    assert story[2].startswith("Die Ukraine soll noch vor dem Winter")
    # The structure is kept: the blocks rebuild the input line for line (dateline aside).
    assert "\n".join(b.raw for b in a.blocks) == AGENCY_COPY


@pytest.mark.parametrize(("start", "place", "agency"), [
    ("MOSKAU ap | ", "MOSKAU", "ap"),
    ("Berlin (dpa) - ", "Berlin", "dpa"),
    ("WASHINGTON/BERLIN (Reuters) – ", "WASHINGTON/BERLIN", "Reuters"),
    ("Moskau – ", "Moskau", None),
    ("Frankfurt am Main (AFP) – ", "Frankfurt am Main", "AFP"),
    ("BERLIN, 12. März (Reuters) - ", "BERLIN", "Reuters"),
    ("Kiel, 3. Okt. 2025 (dpa) – ", "Kiel", "dpa"),
])
def test_dateline_shapes(start: str, place: str, agency: str | None) -> None:
    body = ("Die Regierung hat am Dienstag neue Pläne für die Beschaffung von Hubschraubern "
            "vorgestellt. Die ersten Maschinen sollen in zwei Jahren geliefert werden.")
    a = _read(f"# Neue Hubschrauber für das Heer\n\n{start}{body}\n", "hubschrauber.md")
    assert (a.dateline_place, a.dateline_agency) == (place, agency)
    assert a.story_paragraphs()[1] == body


def test_dateline_is_not_taken_from_an_ordinary_sentence() -> None:
    a = _read("# Übung im Norden\n\nDeutschland – das betonte der Minister – bleibe ein "
              "verlässlicher Partner. Die Übung beginnt im März mit 3000 Soldaten.\n", "x.md")
    assert a.dateline is None


@pytest.mark.parametrize("paragraph", [
    "Die Partei hat im vergangenen Jahr Spenden in Höhe von 2,3 Millionen Euro erhalten, wie aus "
    "dem Rechenschaftsbericht hervorgeht. Die größte Einzelspende kam von einem Unternehmer.",
    "Die Bundeswehr wirbt seit Monaten auf Facebook und Instagram um Nachwuchs. Die Kampagne "
    "kostete nach Angaben des Ministeriums rund fünf Millionen Euro.",
    "Der Datenschutzbeauftragte kritisierte die Speicherung der Daten. Gegen den Offizier wurde "
    "Anzeige erstattet, die Staatsanwaltschaft ermittelt wegen Geheimnisverrats.",
    "In den Kommentarspalten großer Zeitungen wurde die Werbung für die Reserve heftig "
    "diskutiert. Der Minister will die Werbekampagne trotzdem fortsetzen.",
    "Das Ministerium verschickt seit Januar einen Newsletter an Reservisten. Er informiert "
    "über Übungen, Lehrgänge und Änderungen bei der Besoldung.",
])
def test_story_paragraphs_mentioning_furniture_words_stay_story(paragraph: str) -> None:
    text = ("# Streit um die Bundeswehr\n\nDer Verteidigungsausschuss hat am Mittwoch über die "
            f"Lage der Truppe beraten und mehrere Berichte angehört.\n\n{paragraph}\n\nDie "
            "nächste Sitzung ist für Dezember geplant, dann soll auch der Minister kommen.\n")
    a = _read(text, "streit.md")
    assert not any(b.boilerplate for b in a.blocks if b.role != "title")
    # Pasted as one paragraph, it is still the story, not an empty summary.
    one = _read(paragraph, "eins.txt")
    assert one.story_paragraphs() and not any(b.boilerplate for b in one.blocks)


def test_a_newsletter_offered_to_the_reader_after_the_story_is_furniture() -> None:
    promo = ("*„Lagebild“: Der Newsletter der Wehrpost informiert Sie jeden Freitag über das "
             "Wichtigste aus Sicherheitspolitik und Bundeswehr, kompakt und verständlich, "
             "direkt in Ihr Postfach, kostenlos und jederzeit kündbar – hier geht es zur "
             "Anmeldung.*")
    text = ("# Streit um die Bundeswehr\n\nDer Verteidigungsausschuss hat am Mittwoch über die "
            "Lage der Truppe beraten und mehrere Berichte angehört.\n\nDie nächste Sitzung ist "
            f"für Dezember geplant, dann soll auch der Minister kommen.\n\n{promo}\n")
    a = _read(text, "streit.md")
    [last] = [b for b in a.blocks if b.translatable][-1:]
    assert last.boilerplate and last.rule == "newsletter prompt"
    assert len(a.story_paragraphs()) == 3


def test_a_sign_up_box_inside_the_story_that_does_not_say_newsletter_is_furniture() -> None:
    text = ("# Brigade in Litauen\n\nDie ersten Panzer der Brigade sind in Litauen angekommen. "
            "Sie wurden per Zug über Polen gebracht.\n\n**Lage kompakt**\n\nJeden Freitag das "
            "Wichtigste zur Sicherheitspolitik in Ihrem Postfach. Kostenlos und jederzeit "
            "kündbar.\n\nHier kostenlos bestellen\n\nLitauen hat für die Brigade neue Kasernen "
            "gebaut. Bis zur Fertigstellung leben viele Soldaten in Provisorien.\n")
    a = _read(text, "brigade.md")
    marked = [b.text for b in a.blocks if b.boilerplate]
    assert marked == ["Jeden Freitag das Wichtigste zur Sicherheitspolitik in Ihrem Postfach. "
                      "Kostenlos und jederzeit kündbar.", "Hier kostenlos bestellen"], marked
    story = a.story_paragraphs()
    assert story[1].startswith("Die ersten Panzer") and story[-1].startswith("Litauen hat")
    assert not any("Postfach" in p or "bestellen" in p for p in story)


def test_translation_notes_and_staff_credits_are_furniture() -> None:
    text = ("# Streit um die Bundeswehr\n\nDer Verteidigungsausschuss hat am Mittwoch über die "
            "Lage der Truppe beraten. Die Übersetzung des Abkommens ins Polnische liegt vor.\n\n"
            "Dies ist eine maschinelle Übersetzung eines Artikels unserer Kollegen aus Warschau. "
            "Er wurde automatisch übersetzt und von einer Redakteurin geprüft.\n\n"
            "Lesen Sie den Originalartikel auf Polnisch hier.\n\n"
            "Übersetzung: Ewa Nowak, Redaktion: Tim Berger, Schlussredaktion: Lea Roth\n")
    a = _read(text, "streit.md")
    rules = [b.rule for b in a.blocks if b.boilerplate]
    assert rules == ["translation note", "translation note", "credit"]
    assert any("Übersetzung des Abkommens" in p for p in a.story_paragraphs())


def test_text_entirely_furniture_is_kept_with_a_warning() -> None:
    a = _read("Jetzt spenden und unabhängigen Journalismus unterstützen!\n\n"
              "Diskutieren Sie mit in den Kommentaren!\n", "nur.txt")
    assert a.story_paragraphs()
    assert any("furniture" in w for w in a.warnings)


def test_date_precedence() -> None:
    lead = ("# Jahrestag des Angriffs\n\nSeit dem 24. Februar 2022 führt Russland einen Krieg "
            "gegen die Ukraine. Die Regierung zog am Montag eine Bilanz.\n")
    # A date mentioned in the text loses against the date in the file name ...
    assert _read(lead, "2025-02-24_jahrestag.md").date == "2025-02-24"
    # ... and is only used without one.
    assert _read(lead, "jahrestag.md").date == "2022-02-24"
    # A date line under the title beats the file name.
    header = lead.replace("\n\nSeit", "\n\n25. Februar 2025\n\nSeit")
    assert _read(header, "2025-02-24_jahrestag.md").date == "2025-02-25"


def test_a_day_that_does_not_exist_is_no_date() -> None:
    lead = ("# Jahrestag des Angriffs\n\nSeit dem 24. Februar 2022 führt Russland einen Krieg "
            "gegen die Ukraine. Die Regierung zog am Montag eine Bilanz.\n")
    # Not 2025-02-30 from the file name, nor 31.02.2025 from a date line: the text's date.
    assert _read(lead, "2025-02-30_jahrestag.md").date == "2022-02-24"
    header = lead.replace("\n\nSeit", "\n\n31.02.2025\n\nSeit")
    assert _read(header, "jahrestag.md").date == "2022-02-24"


def test_caption_ending_with_a_photo_credit_is_not_story() -> None:
    text = ("# Übung in Munster\n\nDas Heer hat am Montag eine große Übung in Munster begonnen. "
            "Beteiligt sind rund 2000 Soldaten aus drei Brigaden.\n\n"
            "Soldaten beim Verladen der Fahrzeuge in Munster Foto: Max Muster/imago\n\n"
            "Ein Sprecher sagte, das Foto der Übung zeige die neuen Fahrzeuge. Die Übung dauert "
            "zwei Wochen und endet mit einem Besuch des Ministers.\n")
    a = _read(text, "munster.md")
    roles = {b.text[:20]: b.role for b in a.blocks if b.translatable}
    assert roles["Soldaten beim Verlad"] == "caption"
    assert roles["Ein Sprecher sagte, "] == "body"
    assert not any("Max Muster" in p for p in a.story_paragraphs())


def test_a_commentary_byline_under_the_title_is_the_author() -> None:
    text = ("Wehrpflicht zurück?\n\nEin Kommentar von Jana Hollmann\n\nDie Debatte über die "
            "Wehrpflicht ist zurück. Der Minister will bis zum Sommer einen Vorschlag machen.\n")
    [a] = read_bytes(text.encode(), "kommentar.txt")
    assert a.author == "Jana Hollmann"
    assert all("Kommentar von" not in p for p in a.story_paragraphs())


@pytest.mark.parametrize(("first", "dateline", "starts"), [
    ("**Helsinki.** Finnland schickt", "Helsinki", "Finnland schickt"),
    ("Helsinki. Finnland schickt", "Helsinki", "Finnland schickt"),
    ("Dr. Finn Larsen schickt", None, "Dr. Finn Larsen"),  # a title, not a place
    ("Die Regierung. Finnland schickt", None, "Die Regierung."),  # a sentence
])
def test_a_place_with_a_full_stop_opening_the_story_is_a_dateline(
        first: str, dateline: str | None, starts: str) -> None:
    text = (f"Grenzschutz verstärkt\n\n{first} weitere Soldaten an die Grenze zu Russland. "
            "Die Regierung nannte eine wachsende Zahl von Zwischenfällen als Grund.\n\n"
            "Nach Angaben des Grenzschutzes wurden mehrfach Drohnen gesichtet.\n\n(mit dpa)\n")
    [a] = read_bytes(text.encode(), "grenze.txt")
    assert a.dateline == dateline
    story = a.story_paragraphs()
    assert story[0] == a.title == "Grenzschutz verstärkt"
    assert story[1].startswith(starts), story
    # The closing agency credit is no story paragraph.
    assert all("mit dpa" not in p for p in story)
    assert [b.rule for b in a.blocks if b.boilerplate] == ["agency credit"]


def test_a_publication_label_under_the_title_gives_the_date() -> None:
    text = ("Grenzschutz verstärkt\n\nVeröffentlicht am 3. März 2026 um 14:12 Uhr\n\n"
            "Finnland schickt weitere Soldaten an die Grenze zu Russland.\n")
    [a] = read_bytes(text.encode(), "grenze.txt")
    assert (a.title, a.date, a.outlet) == ("Grenzschutz verstärkt", "2026-03-03", None)
    assert all("Veröffentlicht" not in p for p in a.story_paragraphs())


@pytest.mark.parametrize("line", ["3. März 2026", "Von Jana Hollmann"])
def test_a_title_followed_by_a_date_or_author_line_is_no_outlet_line(line: str) -> None:
    text = (f"Grenzschutz verstärkt\n\n{line}\n\n"
            "Finnland schickt weitere Soldaten an die Grenze zu Russland.\n")
    [a] = read_bytes(text.encode(), "grenze.txt")
    assert (a.title, a.outlet) == ("Grenzschutz verstärkt", None)


PASTED = """Startseite › Politik › Sicherheit
Bundeswehr: Mehr Geld für Munition
Die Bundesregierung will die Ausgaben für Munition im kommenden Jahr deutlich erhöhen. Das geht aus dem Entwurf für den Haushalt hervor, den das Kabinett am Freitag beraten hat.
Der Haushaltsausschuss des Bundestages soll im Dezember über den Entwurf beraten. Eine Mehrheit für die Pläne der Regierung gilt in Berlin als so gut wie sicher.
Mehr zum Thema
Nato-Gipfel: Einigung auf neue Ziele
Drohnenabwehr: Was die Bundeswehr plant
"""


def test_a_page_pasted_as_text_keeps_neither_trail_nor_related_headlines() -> None:
    [a] = read_bytes(PASTED.encode(), "munition.txt")
    assert (a.title, a.outlet) == ("Bundeswehr: Mehr Geld für Munition", None)
    rules = {b.text: b.rule for b in a.blocks if b.boilerplate}
    assert rules == {"Startseite › Politik › Sicherheit": "breadcrumb",
                     "Mehr zum Thema": "read more",
                     "Nato-Gipfel: Einigung auf neue Ziele": "related headline",
                     "Drohnenabwehr: Was die Bundeswehr plant": "related headline"}
    assert len(a.story_paragraphs()) == 3  # title and the two story paragraphs


def test_short_lines_after_a_read_more_label_stay_story_when_prose_follows() -> None:
    text = PASTED.replace("Mehr zum Thema\n", "Mehr zum Thema\nHaushalt unter Druck\n"
                          "Der Finanzminister warnt vor neuen Schulden in Milliardenhöhe, weil die Zinsen steigen "
                          "und die Einnahmen des Bundes im kommenden Jahr kaum wachsen werden.\n")
    text = text.replace("Nato-Gipfel: Einigung auf neue Ziele\nDrohnenabwehr: Was die "
                        "Bundeswehr plant\n", "")
    [a] = read_bytes(text.encode(), "munition.txt")
    assert "Haushalt unter Druck" in a.story_paragraphs()


# A Markdown article's title and first story paragraph, for tests about what follows.
FREGATTEN_OPENING = ("# Neue Fregatten für die Marine\n\nDie Marine hat am Montag in Kiel "
                     "zwei neue Fregatten übernommen. Die Schiffe sollen ab 2028 im "
                     "Nordatlantik fahren.\n\n")


@pytest.mark.parametrize("last", [
    "Die Kosten belaufen sich auf rund 2,1 Milliarden Euro. Folgen Sie uns auf Instagram und "
    "Facebook. Der Haushaltsausschuss hatte das Vorhaben im Herbst gebilligt.",
    "Viele Leser äußerten in den Kommentaren ihren Unmut über die Verzögerung. Das Ministerium "
    "kündigte an, den Zeitplan bis zum Sommer zu überprüfen und neu vorzulegen.",
])
def test_a_closing_story_paragraph_with_one_furniture_sentence_stays_story(last: str) -> None:
    text = f"{FREGATTEN_OPENING}{last}\n"
    a = _read(text, "fregatten.md")
    assert not any(b.boilerplate for b in a.blocks), [(b.rule, b.text) for b in a.blocks]


def test_a_short_appeal_of_two_sentences_is_still_furniture() -> None:
    text = (f"{FREGATTEN_OPENING}Unabhängiger Journalismus kostet Geld. Unterstützen Sie uns "
            "jetzt mit einem freiwilligen Beitrag!\n")
    a = _read(text, "fregatten.md")
    assert [b.rule for b in a.blocks if b.boilerplate] == ["donation appeal"]


@pytest.mark.parametrize("line", [
    "Von Anna Berg | 12.03.2025, 14:10 Uhr",
    "Anna Berg, 12. März 2025",
    "12.03.2025 · Anna Berg",
])
def test_author_and_date_on_one_line_under_the_title(line: str) -> None:
    text = (f"Wehrpost\n\nNeue Fregatten für die Marine\n\n{line}\n\nDie Marine hat am Montag "
            "in Kiel zwei neue Fregatten übernommen. Die Schiffe sollen ab 2028 im Nordatlantik "
            "fahren.\n\nDer Inspekteur sprach von einem guten Tag für die Marine.\n")
    a = _read(text, "fregatten.txt")
    assert (a.author, a.date, a.title) == ("Anna Berg", "2025-03-12",
                                           "Neue Fregatten für die Marine")
    assert [b.role for b in a.blocks if line in b.text] == ["author"]
    assert not any(line in p for p in a.story_paragraphs())


def test_short_paragraphs_one_newline_apart_are_paragraphs() -> None:
    text = ("Neue Fregatten für die Nordsee\n"
            "Die Marine erhält zwei Schiffe – und plant schon die nächsten.\n"
            "Die Marine hat am Montag zwei Fregatten übernommen.\n"
            "Der Inspekteur sprach von einem guten Tag.\n")
    a = _read(text, "fregatten.txt")
    assert a.title == "Neue Fregatten für die Nordsee"
    assert a.story_paragraphs()[-2:] == ["Die Marine hat am Montag zwei Fregatten übernommen.",
                                         "Der Inspekteur sprach von einem guten Tag."]


def test_prose_wrapped_at_a_fixed_width_stays_one_paragraph() -> None:
    text = ("Neue Fregatten für die Nordsee\n\n"
            "Die Marine hat am Montag in Kiel zwei neue Fregatten übernommen. Die\n"
            "Schiffe sollen ab 2028 im Nordatlantik fahren, teilte das Kommando mit.\n"
            "Der Inspekteur sprach von einem guten Tag für die Marine und die Werft.\n")
    a = _read(text, "fregatten.txt")
    assert len([p for p in a.story_paragraphs() if p != a.title]) == 1


# A short story for the header tests below: what comes before it is the header.
DROHNEN_STORY = ("Die Deutsche Marine hat am Dienstag in der Ostsee ein neues System zur Abwehr "
                 "von Drohnen erprobt. Nach Angaben eines Sprechers verliefen die Tests ohne "
                 "Zwischenfälle.\n\nDas System soll ab 2026 auf den Fregatten eingesetzt "
                 "werden.\n")


def _header_roles(a: Article) -> list[tuple[str, str | None]]:
    return [(b.role, b.rule) for b in a.blocks if b.translatable]


@pytest.mark.parametrize(("line", "role", "rule", "author", "date"), [
    ("Foto: dpa", "boilerplate", "credit", None, None),
    ("Bild: Bundeswehr/Max Beispiel", "boilerplate", "credit", None, None),
    ("vor 2 Stunden", "boilerplate", "relative time", None, None),
    ("3 Min. Lesezeit", "boilerplate", "reading time", None, None),
    ("Teilen", "boilerplate", "share button", None, None),
    ("Anna Beispiel (dpa)", "author", "name line under the title", "Anna Beispiel", None),
    ("03.03.25, 14:12 Uhr", "date", "date line", None, "2025-03-03"),
    ("3. Mär. 2025 um 14:12", "date", "date line", None, "2025-03-03"),
])
def test_a_headline_keeps_its_title_role_above_a_header_line(
        line: str, role: str, rule: str, author: str | None, date: str | None) -> None:
    a = _read(f"Marine testet neue Drohnenabwehr\n\n{line}\n\n{DROHNEN_STORY}", "drohnen.txt")
    assert (a.title, a.outlet, a.author, a.date) == (
        "Marine testet neue Drohnenabwehr", None, author, date)
    assert _header_roles(a) == [("title", "first line"), (role, rule), ("body", "default"),
                                ("body", "default")]


def test_an_outlet_line_in_capitals_with_a_name_and_a_date_line_in_plain_text() -> None:
    text = ("DER WELLENBRECHER\n\nIran und Belarus vertiefen ihre Rüstungskooperation\n\n"
            f"Mila T. Beispiel\n\n07.08.2023\n\n{DROHNEN_STORY}")
    a = _read(text, "wellenbrecher.txt")
    assert (a.outlet, a.title, a.author, a.date) == (
        "DER WELLENBRECHER", "Iran und Belarus vertiefen ihre Rüstungskooperation",
        "Mila T. Beispiel", "2023-08-07")
    assert [r for r, _ in _header_roles(a)] == ["outlet", "title", "author", "date", "body",
                                                "body"]


def test_a_byline_and_date_after_the_teaser_are_metadata() -> None:
    text = ("Werften unter Druck\n\nDie deutschen Marinewerften kommen mit den Aufträgen kaum "
            "hinterher. Nun sucht die Branche dringend Fachkräfte.\n\nVon Karl Muster\n\n"
            f"17.03.2025, 16.05 Uhr\n\n{DROHNEN_STORY}\nKarl Muster\n\nFritz Beispiel\n")
    a = _read(text, "werften.txt")
    assert (a.title, a.author, a.date) == ("Werften unter Druck", "Karl Muster", "2025-03-17")
    assert [r for r, _ in _header_roles(a)] == ["title", "teaser", "author", "date", "body",
                                                "body", "body", "body"]
    # Name lines after the story began are the story's (a list of names), no byline.
    assert a.story_paragraphs()[-2:] == ["Karl Muster", "Fritz Beispiel"]


@pytest.mark.parametrize(("line", "author"), [
    ("Von Karl Muster, Brüssel", "Karl Muster"),
    ("Anna Beispiel mit Material von dpa", "Anna Beispiel"),
    ("Von unserem Korrespondenten Karl Muster, Moskau", "Karl Muster"),
    ("Von Anna Beispiel und Karl Muster", "Anna Beispiel, Karl Muster"),
    ("Anna Beispiel, Bern", "Anna Beispiel"),
])
def test_a_byline_gives_the_names_without_place_or_agency(line: str, author: str) -> None:
    a = _read(f"Marine testet neue Drohnenabwehr\n\n{line}\n\n{DROHNEN_STORY}", "drohnen.txt")
    assert (a.title, a.author) == ("Marine testet neue Drohnenabwehr", author)
    assert [r for r, _ in _header_roles(a)] == ["title", "author", "body", "body"]


@pytest.mark.parametrize("line", [
    "Politik Inland | 14.03.2025, 10:42 Uhr",
    "Der Newsletter der Redaktion | Ausgabe vom 14.03.2025",
    "14.03.2025 | 10:42 Uhr | Lesezeit: 3 Min.",
])
@pytest.mark.parametrize("above", [False, True])
def test_a_section_label_beside_a_date_is_no_author(line: str, above: bool) -> None:
    head = (f"{line}\n\nMarine testet neue Drohnenabwehr" if above
            else f"Marine testet neue Drohnenabwehr\n\n{line}")
    a = _read(f"{head}\n\n{DROHNEN_STORY}", "drohnen.txt")
    assert (a.title, a.author, a.date, a.outlet) == (
        "Marine testet neue Drohnenabwehr", None, "2025-03-14", None)
    roles = [r for r, _ in _header_roles(a)]
    assert roles == (["date", "title"] if above else ["title", "date"]) + ["body", "body"]


PRESS_RELEASE = f"""Pressemitteilung

Marinewerft stellt 200 Fachkräfte ein

{DROHNEN_STORY}
Pressekontakt:
Anna Beispiel
Telefon: 0431 123456
E-Mail: presse@werft.example
"""


def test_a_press_release_has_no_outlet_and_its_contact_block_is_furniture() -> None:
    a = _read(PRESS_RELEASE, "werft.txt")
    assert (a.title, a.outlet, a.author) == ("Marinewerft stellt 200 Fachkräfte ein", None, None)
    assert _header_roles(a) == [("kicker", "genre label above the title"),
                                ("title", "first line"), ("body", "default"),
                                ("body", "default"), ("boilerplate", "contact block")]
    assert not any("Telefon" in p or "Pressemitteilung" in p for p in a.story_paragraphs())


@pytest.mark.parametrize("sentence", ["Am 3. März 2025 beginnt sie.", "Beginnt sie am 03.03.2025?"])
def test_a_short_story_sentence_with_a_date_is_no_date_line(sentence: str) -> None:
    a = _read("Marine plant große Übung\n\nDie Marine plant im Frühjahr eine große Übung in "
              f"der Ostsee.\n\n{sentence}\n\nDer Inspekteur wird erwartet.\n", "uebung.txt")
    assert [(b.role, b.text) for b in a.blocks if b.translatable][2] == ("body", sentence)
