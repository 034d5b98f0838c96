"""Page shapes from outlets and CMSs the dev pages do not show (issue 16): JSON-LD graphs with
references, logo and breadcrumb H1s, microdata, double-escaped names, newsroom authors,
bylines with a date. Every page is written here; outlets and people are invented."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from defnews.errors import InputError
from defnews.readers import read_bytes

STORY = [
    "Die Luftwaffe hat am Dienstag auf dem Fliegerhorst Nörvenich eine neue Staffel in Dienst "
    "gestellt. Sie soll vor allem Einsätze zur Luftverteidigung im Bündnisgebiet fliegen.",
    "Nach Angaben des Kommandos gehören zu der Staffel zwölf Kampfflugzeuge und rund 180 "
    "Soldatinnen und Soldaten. Die Ausbildung der Besatzungen soll bis zum Herbst dauern.",
    "Der Wehrbeauftragte hatte zuletzt bemängelt, dass viele Verbände nicht vollständig "
    "ausgestattet seien. Die Luftwaffe verweist auf neue Verträge für Ersatzteile.",
]
HEADLINE = "Luftwaffe stellt neue Staffel in Dienst"


def page(head: str = "", before: str = "", after: str = "", ld: object = None,
         h1: str = f"<h1>{HEADLINE}</h1>") -> bytes:
    """A page with the story in <article>; `head` and `ld` add metadata, `before` and
    `after` markup around the article."""
    script = f'<script type="application/ld+json">{json.dumps(ld)}</script>' if ld else ""
    paragraphs = "".join(f"<p>{p}</p>" for p in STORY)
    return f"""<!DOCTYPE html><html lang="de"><head><meta charset="utf-8">
<title>{HEADLINE}</title>{head}{script}</head>
<body>{before}<main><article>{h1}{paragraphs}</article></main>{after}</body></html>
""".encode()


def read(data: bytes):  # type: ignore[no-untyped-def]
    [a] = read_bytes(data, "seite.html")
    return a


def test_authors_and_publisher_given_as_references_into_the_graph() -> None:
    # Yoast-style graph: the article names its authors and publisher by @id only.
    base = "https://luftlage.example/#"
    ld = {"@context": "https://schema.org", "@graph": [
        {"@type": "WebSite", "@id": base + "website", "name": "Luftlage"},
        {"@type": "Organization", "@id": base + "org", "name": "Luftlage Medien GmbH"},
        {"@type": "NewsArticle", "headline": HEADLINE, "datePublished": "2025-05-20",
         "author": [{"@id": base + "person/1"}, {"@id": base + "person/2"}],
         "publisher": {"@id": base + "org"}},
        {"@type": "Person", "@id": base + "person/1", "name": "Miriam Oberholz"},
        {"@type": "Person", "@id": base + "person/2", "name": "Tobias Wendt"}]}
    a = read(page(ld=ld))
    assert a.author == "Miriam Oberholz, Tobias Wendt"
    assert a.sources["author"] == "JSON-LD author"
    assert a.outlet == "Luftlage"  # the site's own name, not the company behind it


def test_entities_escaped_twice_in_json_ld_are_resolved() -> None:
    ld = {"@type": "NewsArticle", "headline": "&bdquo;Wir brauchen mehr Munition&ldquo;: "
          "Generalinspekteur warnt vor L&amp;uuml;cken", "datePublished": "2025-09-03",
          "author": {"@type": "Person", "name": "J&amp;ouml;rg M&uuml;ller"}}
    a = read(page(ld=ld))
    assert a.title == "„Wir brauchen mehr Munition“: Generalinspekteur warnt vor Lücken"
    assert a.author == "Jörg Müller"


def test_a_person_whose_name_is_a_list() -> None:
    ld = {"@type": "NewsArticle", "headline": HEADLINE, "datePublished": "2025-04-09",
          "author": {"@type": "Person", "name": ["Marlene Voigt"]}}
    assert read(page(ld=ld)).author == "Marlene Voigt"


def test_the_logo_h1_is_not_the_headline() -> None:
    head = ('<meta property="og:site_name" content="Niedersachsen-Bote">'
            '<title>x</title>')
    logo = '<header><h1 class="logo"><a href="/">Niedersachsen-Bote</a></h1></header>'
    data = page(head=head, before=logo, h1=f'<h2 class="headline">{HEADLINE}</h2>')
    data = data.replace(f"<title>{HEADLINE}</title>".encode(),
                        f"<title>{HEADLINE} - Niedersachsen-Bote</title>".encode(), 1)
    a = read(data)
    assert a.title == HEADLINE


def test_a_breadcrumb_h1_gives_way_to_the_microdata_headline() -> None:
    head = ('<meta property="og:site_name" content="Ostsee-Rundschau">'
            f'<meta property="og:title" content="{HEADLINE}">')
    trail = ('<div class="trail"><h1><a href="/">Ostsee-Rundschau</a> › <a href="/p">Politik'
             '</a> › Sicherheit</h1></div>')
    a = read(page(head=head, before=trail, h1=f'<h2 itemprop="headline">{HEADLINE}</h2>'))
    assert a.title == HEADLINE
    assert a.sources["title"] == "microdata headline"


def test_the_shown_headline_seconded_by_og_title_beats_a_search_headline_in_json_ld() -> None:
    seo = "Wie viele Staffeln hat die Luftwaffe?"
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": seo}
    head = f'<meta property="og:title" content="{HEADLINE}">'
    data = page(head=head, ld=ld, h1=f'<h2 itemprop="headline">{HEADLINE}</h2>')
    data = data.replace(f"<title>{HEADLINE}</title>".encode(), f"<title>{seo}</title>".encode())
    a = read(data)
    assert a.title == HEADLINE
    assert a.sources["title"] == "microdata headline"


def test_a_microdata_headline_nobody_seconds_leaves_the_json_ld_headline() -> None:
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": HEADLINE}
    a = read(page(ld=ld, h1=f'<h1>{HEADLINE}</h1><span itemprop="headline">Artikel merken</span>'))
    assert a.title == HEADLINE
    assert a.sources["title"] == "JSON-LD headline"


LONG_HEADLINE = ("Bundeswehr erhält nach langem Streit im Haushaltsausschuss die ersten von "
                 "insgesamt achtzehn neuen Kampfpanzern aus dem Sondervermögen")


def _long_headline_page(ld_headline: str, og_title: str) -> bytes:
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": ld_headline}
    head = f'<meta property="og:title" content="{og_title}">'
    return page(head=head, ld=ld, h1=f"<h1>{og_title}</h1>")


def test_a_json_ld_headline_cut_inside_a_word_is_completed_by_the_page() -> None:
    cut = LONG_HEADLINE[:110]  # "… neuen Kampfpanzer" of "Kampfpanzern": a limit, no ellipsis
    a = read(_long_headline_page(cut, LONG_HEADLINE))
    assert a.title == LONG_HEADLINE
    assert a.sources["title"] == "JSON-LD headline (completed by H1)"


def test_a_social_title_with_more_words_leaves_the_json_ld_headline() -> None:
    short = "Haushaltsausschuss gibt Geld für achtzehn neue Kampfpanzer frei: klare Mehrheit"
    a = read(_long_headline_page(short, short + " im Bundestag"))
    assert a.title == short


@pytest.mark.parametrize("wrap", [lambda v: [v], lambda v: {"@value": v}],
                         ids=["list", "value object"])
def test_json_ld_values_given_as_a_list_or_a_value_object(wrap: Callable[[str], object]) -> None:
    ld = {"@context": "https://schema.org", "@type": "NewsArticle",
          "headline": wrap("Staffel 74 fliegt wieder"), "datePublished": wrap("2025-06-02")}
    a = read(page(ld=ld))
    assert a.title == "Staffel 74 fliegt wieder"
    assert a.sources["title"] == "JSON-LD headline"
    assert a.date == "2025-06-02"


def test_a_json_ld_headline_that_is_no_text_is_passed_over() -> None:
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": 74}
    assert read(page(ld=ld)).title == HEADLINE


def test_markup_left_in_json_ld_values_goes() -> None:
    ld = {"@context": "https://schema.org", "@type": "NewsArticle",
          "headline": "<em>Eilmeldung</em>: Staffel 74<br>fliegt wieder",
          "author": {"@type": "Person", "name": "<b>Petra Lindner</b>"}}
    a = read(page(ld=ld))
    assert a.title == "Eilmeldung: Staffel 74 fliegt wieder"
    assert a.author == "Petra Lindner"


def test_a_profile_address_as_the_author_name_names_nobody() -> None:
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": HEADLINE,
          "author": [{"@type": "Person", "name": "https://luftlage.example/autoren/lindner"},
                     {"@type": "Person", "name": "Omar Said"}]}
    assert read(page(ld=ld)).author == "Omar Said"


def test_a_day_that_does_not_exist_is_no_date() -> None:
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": HEADLINE,
          "datePublished": "2025-13-45T08:00:00+01:00"}
    head = '<meta property="article:published_time" content="2025/06/02 08:00">'
    a = read(page(head=head, ld=ld))
    assert a.date == "2025-06-02"
    assert read(page(ld=ld)).date is None


def test_an_h1_inside_nav_is_not_the_headline() -> None:
    nav = '<nav><h1>Sicherheitspolitik im Überblick</h1></nav>'
    a = read(page(before=nav, h1=f'<h2 itemprop="headline">{HEADLINE}</h2>'))
    assert a.title == HEADLINE


def test_date_from_microdata_meta_or_time() -> None:
    meta = '<meta itemprop="datePublished" content="2025-06-02">'
    assert read(page(head=meta)).date == "2025-06-02"
    time = ('<p><time itemprop="dateModified" datetime="2025-06-09">9.6.</time> '
            '<time itemprop="datePublished" datetime="2025-06-01T08:00">1.6.</time></p>')
    a = read(page(h1=f"<h1>{HEADLINE}</h1>{time}"))
    assert a.date == "2025-06-01"  # published, not modified
    assert a.sources["date"] == "microdata datePublished"


def test_a_newsroom_author_gives_way_to_the_byline() -> None:
    head = ('<meta name="author" content="Redaktion Rüstungsmarkt">'
            '<meta property="og:site_name" content="Rüstungsmarkt">')
    byline = '<div class="byline">Von Sabine Kerkhoff, 14.01.2025</div>'
    a = read(page(head=head, h1=f"<h1>{HEADLINE}</h1>{byline}"))
    assert a.author == "Sabine Kerkhoff"
    assert a.sources["author"] == "byline"


def test_byline_with_a_bar_and_the_time() -> None:
    byline = '<div class="artikel-info">Von Ralf Odenthal | Stand: 04.09.2025, 17:32 Uhr</div>'
    assert read(page(h1=f"<h1>{HEADLINE}</h1>{byline}")).author == "Ralf Odenthal"


def test_a_menu_entry_is_not_a_byline() -> None:
    # A word that merely starts like "Ein Kommentar von" ("Eingreiftruppe") is no byline.
    menu = "<ul class='menu'><li>Eingreiftruppe Ost</li><li>Heer</li></ul>"
    a = read(page(before=menu))
    assert a.author != "Eingreiftruppe Ost"


def test_url_from_the_canonical_link() -> None:
    link = '<link rel="canonical" href="https://elbkurier.example/region/pioniere-100.html">'
    a = read(page(head=link))
    assert a.url == "https://elbkurier.example/region/pioniere-100.html"
    assert a.sources["url"] == "canonical link"


def test_a_page_labelled_latin_1_is_read_as_windows_1252() -> None:
    # The label says ISO-8859-1, the bytes hold cp1252 quotes and dashes (as browsers read).
    html = ('<html><head><meta http-equiv="Content-Type" content="text/html; '
            'charset=iso-8859-1"><title>Reservisten: „Wir sind bereit“ – Heimatschutz wächst'
            '</title></head><body><h1>Reservisten: „Wir sind bereit“ – Heimatschutz wächst</h1>'
            + "".join(f"<p>{p}</p>" for p in STORY) + "</body></html>")
    a = read(html.encode("cp1252"))
    assert a.title == "Reservisten: „Wir sind bereit“ – Heimatschutz wächst"
    assert a.encoding == "cp1252"


def story_text(data: bytes) -> str:
    return " ".join(read(data).story_paragraphs())


COMMENTS = ("<div class='leser-reaktionen'><h3>Kommentare (23)</h3>"
            "<div class='reaktion'><p>Hanseat1969 · vor 2 Stunden</p><p>Und für Schulen ist "
            "wieder kein Geld da, man sieht genau, wo die Prioritäten liegen.</p>"
            "<p>Antworten · 12 Likes</p></div></div>")


def test_a_comment_thread_under_a_german_label_is_left_out() -> None:
    # Inside the article's container, without an English "comments" class or id.
    data = page(h1=f"<h1>{HEADLINE}</h1>").replace(b"</article>", COMMENTS.encode() +
                                                    b"</article>")
    story = story_text(data)
    assert "Schulen" not in story and "Hanseat1969" not in story
    assert all(p in story for p in STORY)


def test_an_author_box_closing_the_article_is_left_out() -> None:
    box = ("<div class='autor-info'><h4>Über die Autorin</h4><p>Helga Sturm ist Redakteurin im "
           "Ressort Politik und berichtet seit 2015 über die Bundespolizei.</p></div>")
    data = page().replace(b"</article>", box.encode() + b"</article>")
    story = story_text(data)
    assert "Ressort Politik" not in story and all(p in story for p in STORY)


def test_a_comment_count_in_a_toolbar_above_the_story_drops_nothing() -> None:
    # The toolbar opens the article body's wrapper: dropping "its box" would drop the story.
    toolbar = "<div class='tools'><span>Kommentare (12)</span> <span>Teilen</span></div>"
    data = page(h1=f"<h1>{HEADLINE}</h1>").replace(
        b"<p>", b"<div class='body'>" + toolbar.encode() + b"<p>", 1).replace(
        b"</article>", b"</div></article>")
    assert all(p in story_text(data) for p in STORY)


def test_a_newsletter_box_with_an_e_mail_field_is_left_out() -> None:
    box = ("<div class='box'><h3>Der Luftlage-Newsletter</h3><p>Jeden Freitag die wichtigsten "
           "Nachrichten aus Verteidigung und Rüstung in Ihrem Postfach.</p><form>"
           "<input type='email' placeholder='E-Mail-Adresse'><button>Anmelden</button></form>"
           "</div>")
    data = page().replace(b"</article>", box.encode() + b"</article>")
    story = story_text(data)
    assert "Postfach" not in story and "Newsletter" not in story
    assert all(p in story for p in STORY)


def test_the_line_above_the_headline_is_a_kicker_not_the_outlet() -> None:
    kicked = f"<span class='dachzeile'>Eurofighter-Nachfolger</span><h1>{HEADLINE}</h1>"
    a = read(page(h1=kicked))
    assert a.outlet != "Eurofighter-Nachfolger"
    roles = [(b.role, b.text) for b in a.blocks if b.translatable]
    assert roles[0] == ("kicker", "Eurofighter-Nachfolger")
    assert [r for r, _ in roles].count("title") == 1  # the headline once, not twice
    assert "Eurofighter-Nachfolger" not in a.story_paragraphs()


def test_an_update_note_is_a_date_line_not_story() -> None:
    note = "<p>Dieser Artikel wurde am 3. Dezember 2025 um 18:00 Uhr aktualisiert.</p>"
    a = read(page().replace(b"</article>", note.encode() + b"</article>"))
    [b] = [b for b in a.blocks if "aktualisiert" in b.text]
    assert (b.role, b.rule, b.boilerplate) == ("date", "update note", True)


def test_the_link_to_the_writers_page_is_not_story() -> None:
    more = "<p>Mehr Artikel von Konstantin Weber</p>"
    a = read(page().replace(b"</article>", more.encode() + b"</article>"))
    assert not any("Konstantin Weber" in p for p in a.story_paragraphs())


def test_the_microdata_description_shown_as_the_teaser() -> None:
    # TYPO3 news: the teaser is an element marked itemprop="description"; no meta description.
    lead = ("Die Luftwaffe bekommt eine zusätzliche Staffel für die Luftverteidigung. Der "
            "Wehrbeauftragte bleibt skeptisch, ob Personal und Ersatzteile reichen.")
    h = (f"<div class='header'><h3 itemprop='headline'>{HEADLINE}</h3></div>"
         f"<div class='teaser-text' itemprop='description'><p>{lead}</p></div>")
    a = read(page(h1=h))
    assert [b.role for b in a.blocks if b.text == lead] == ["teaser"]


def test_a_json_ld_headline_cut_short_is_completed_by_the_h1() -> None:
    full = ("Rüstungsexporte: Bundesregierung genehmigt Lieferung weiterer Radpanzer an "
            "Nato-Partner – Opposition übt scharfe Kritik")
    ld = {"@type": ["NewsArticle"], "headline": full[:104] + "…", "datePublished": "2025-03-12"}
    assert read(page(ld=ld, h1=f"<h1>{full}</h1>")).title == full


def test_publication_dates_written_as_rfc_822_or_german() -> None:
    ld = {"@type": "NewsArticle", "headline": HEADLINE,
          "datePublished": "Wed, 12 Mar 2025 23:10:00 +0100"}
    a = read(page(ld=ld))
    assert (a.date, a.sources["date"]) == ("2025-03-12", "JSON-LD datePublished")
    a = read(page(head='<meta name="date" content="12.03.2025 14:10">'))
    assert (a.date, a.sources["date"]) == ("2025-03-12", "meta tag")


def test_author_values_written_as_a_byline() -> None:
    a = read(page(head='<meta name="author" content="Von Petra Lindner und Omar Said">'))
    assert a.author == "Petra Lindner, Omar Said"
    ld = {"@type": "NewsArticle", "headline": HEADLINE, "datePublished": "2025-03-12",
          "author": {"@type": "Person", "name": "Von Petra Lindner"}}
    assert read(page(ld=ld)).author == "Petra Lindner"


def test_the_site_name_in_front_of_the_headline_is_removed() -> None:
    head = ('<meta property="og:site_name" content="Exportwacht">'
            f'<meta property="og:title" content="Exportwacht: {HEADLINE}">')
    data = page(head=head, h1=f"<div class='headline'>{HEADLINE}</div>").replace(
        f"<title>{HEADLINE}</title>".encode(), f"<title>Exportwacht | {HEADLINE}</title>".encode())
    assert read(data).title == HEADLINE


def test_a_kicker_sharing_a_word_with_the_site_name_stays() -> None:
    headline = f"Exportwacht-Umfrage: {HEADLINE}"
    head = ('<meta property="og:site_name" content="Exportwacht">'
            f'<meta property="og:title" content="{headline}">')
    data = page(head=head, h1=f"<div class='headline'>{headline}</div>").replace(
        f"<title>{HEADLINE}</title>".encode(), f"<title>{headline}</title>".encode())
    assert read(data).title == headline


def test_an_article_laid_out_in_a_table_cell_is_read_as_paragraphs() -> None:
    # Old CMSs: the whole article in one <td>, paragraphs separated by <br><br>.
    cell = (f"<h1>{HEADLINE}</h1><font size='2'>Nörvenich, 14.05.2025</font><br><br>"
            + "<br><br>".join(STORY) + "<br><br><i>Bild: Luftwaffe/Schmidt</i>")
    data = (f"<html><head><meta charset='utf-8'><title>{HEADLINE}</title></head><body>"
            f"<table><tr><td class='nav'><a href='/'>Start</a></td><td>{cell}</td></tr>"
            "</table></body></html>").encode()
    a = read(data)
    body = [b.text for b in a.blocks if b.role == "body"]
    assert body == STORY
    assert a.date == "2025-05-14"


def test_a_data_table_stays_a_table() -> None:
    rows = "".join(f"<tr><td>{k}</td><td>{v}</td></tr>" for k, v in
                   (("Staffeln", "4"), ("Transportflugzeuge", "48"), ("Personal", "720")))
    data = page().replace(b"</article>", f"<table>{rows}</table></article>".encode())
    assert [b.kind for b in read(data).blocks if "Transportflugzeuge" in b.text] == ["table_row"]


def test_json_ld_in_cdata_with_a_raw_line_break_and_split_names() -> None:
    ld = ('//<![CDATA[\n{"@type": "NewsArticle", "headline": "Luftwaffe stellt neue\nStaffel '
          'in Dienst", "datePublished": "2025-02-03", "author": {"@type": "Person", '
          '"givenName": "Petra", "familyName": "Lindner"}}\n//]]>')
    data = page().replace(b"</head>", f'<script type="application/ld+json">{ld}</script>'
                          "</head>".encode())
    a = read(data)
    assert (a.title, a.author, a.date) == (HEADLINE, "Petra Lindner", "2025-02-03")
    assert a.sources["author"] == "JSON-LD author"


def test_the_first_article_of_a_graph_is_the_pages_own() -> None:
    # A graph listing the page's article, then a related one.
    ld = {"@context": "https://schema.org", "@graph": [
        {"@type": "NewsArticle", "headline": HEADLINE, "datePublished": "2025-05-20",
         "author": {"@type": "Person", "name": "Miriam Oberholz"}},
        {"@type": "NewsArticle", "headline": "Marine übernimmt neues Tankschiff",
         "datePublished": "2024-02-27", "author": {"@type": "Person", "name": "Uwe Brandes"}}]}
    a = read(page(ld=ld))
    assert (a.title, a.author, a.date) == (HEADLINE, "Miriam Oberholz", "2025-05-20")


TEASERS = "".join(
    f"<div class='teaser'><h4><a href='/{k}'>{head}</a></h4><p>{text}</p></div>"
    for k, (head, text) in enumerate((
        ("Marine übt vor Norwegen", "Die Deutsche Marine beteiligt sich an einem großen "
         "Nato-Manöver vor der norwegischen Küste, mehr als zwanzig Schiffe nehmen teil."),
        ("Neue Hubschrauber für das Heer", "Das Heer erhält in den kommenden Jahren rund "
         "achtzig leichte Mehrzweckhubschrauber, die ersten noch in diesem Jahr."),
        ("Reservisten üben in Bayern", "Mehrere hundert Reservistinnen und Reservisten üben "
         "seit Montag in Bayern den Schutz kritischer Infrastruktur."),
        ("Eurofighter verlegen nach Polen", "Vier Eurofighter der Luftwaffe sind nach Polen "
         "verlegt worden, sie verstärken dort die Luftraumüberwachung."))))


def test_a_box_of_other_articles_under_a_german_label_is_left_out() -> None:
    # A short story beside a side column of <div>s (no <aside>) holding more prose than it.
    side = f"<div class='spalte'><h3>Weitere Nachrichten</h3>{TEASERS}</div>"
    data = (f"<html><head><meta charset='utf-8'><title>{HEADLINE}</title></head><body>"
            f"<div class='layout'><div class='haupt'><h1>{HEADLINE}</h1>"
            + "".join(f"<p>{p}</p>" for p in STORY[:2]) + f"</div>{side}</div></body></html>"
            ).encode()
    story = story_text(data)
    assert "Nato-Manöver" not in story and "Mehrzweckhubschrauber" not in story
    assert all(p in story for p in STORY[:2])


def test_story_after_a_read_more_heading_and_its_links_stays() -> None:
    links = ("<h3>Mehr zum Thema</h3><ul><li><a href='/a'>Eurofighter verlegen nach Polen</a>"
             "</li><li><a href='/b'>Reservisten üben in Bayern</a></li></ul>")
    closing = ("Der Kommandeur der Staffel kündigte an, im Sommer zum ersten Mal an einer "
               "Übung im Baltikum teilzunehmen. Dafür werden sechs Maschinen verlegt.")
    data = page().replace(b"</article>", f"{links}<p>{closing}</p></article>".encode())
    story = story_text(data)
    assert closing in story and "Polen" not in story


def test_tag_list_error_prompt_share_row_and_pagination_closing_the_text() -> None:
    tail = ["Schlagworte: Luftwaffe, Staffel, Nörvenich", "Fehler gefunden? Jetzt melden.",
            "Artikel teilen: Facebook | X | WhatsApp | E-Mail", "Seite 1 von 2 | Nächste Seite »"]
    data = page().replace(b"</article>", "".join(f"<p>{t}</p>" for t in tail).encode()
                          + b"</article>")
    a = read(data)
    rules = {b.text: b.rule for b in a.blocks if b.text in tail}
    assert rules == dict(zip(tail, ["tag list", "error report prompt", "share prompt",
                                    "pagination"], strict=True))
    assert all(p in a.story_paragraphs() for p in STORY)


def test_a_paid_article_warns_and_its_paywall_offer_is_not_story() -> None:
    ld = {"@type": "NewsArticle", "headline": HEADLINE, "datePublished": "2025-04-02",
          "isAccessibleForFree": "False"}
    offer = "<p>Lesen Sie jetzt weiter mit Plus – 1 Monat für 0,99 €</p>"
    data = page(ld=ld).replace(b"</article>", offer.encode() + b"</article>")
    a = read(data)
    assert any("isAccessibleForFree" in w for w in a.warnings)
    assert [b.rule for b in a.blocks if "0,99" in b.text] == ["paywall prompt"]
    assert not read(page()).warnings  # a free page does not warn


def test_bylines_with_an_agency_roles_in_brackets_or_agency_material() -> None:
    cases = {"Von Anna Berg, dpa": "Anna Berg, dpa", "Von Anna Berg / AFP": "Anna Berg, AFP",
             "Von Anna Berg (Text) und Max Mohr (Fotos)": "Anna Berg, Max Mohr",
             "Von Anna Berg mit Material von dpa": "Anna Berg"}
    for byline, authors in cases.items():
        data = page(h1=f"<h1>{HEADLINE}</h1><p class='byline'>{byline}</p>")
        assert read(data).author == authors, byline


def test_the_first_paragraph_that_is_the_description_is_the_teaser() -> None:
    lead = ("Die Luftwaffe bekommt eine zusätzliche Staffel für die Luftverteidigung. Der "
            "Wehrbeauftragte bleibt skeptisch, ob Personal und Ersatzteile reichen.")
    head = f'<meta name="description" content="{lead}">'
    a = read(page(head=head, h1=f"<h1>{HEADLINE}</h1><p class='lead'>{lead}</p>"))
    assert [(b.role, b.rule) for b in a.blocks if b.text == lead] == [
        ("teaser", "the page's description")]
    assert [b.role for b in a.blocks if b.text == STORY[0]] == ["body"]


def test_an_article_h1_inside_a_branded_layout_stays_the_headline() -> None:
    # Layout classes far above the H1 ("site-branding-…") say nothing about the H1.
    data = page(h1=f"<header class='article-header'><h1>{HEADLINE}</h1></header>").replace(
        b"<body>", b"<body><div class='site-branding-wrapper'>").replace(
        b"</body>", b"</div></body>").replace(
        f"<title>{HEADLINE}</title>".encode(), b"<title>Luftwaffe</title>")
    a = read(data)
    assert (a.title, a.sources["title"]) == (HEADLINE, "H1")


def test_a_round_up_section_under_a_more_news_label_stays_story() -> None:
    # A briefing's own section "Weitere Meldungen" holds story, not teasers of other pages.
    more = ["Die Marine hat in Kiel ein neues Minenjagdboot getauft. Es soll im kommenden Jahr "
            "in Dienst gestellt werden und ersetzt ein Boot aus den neunziger Jahren.",
            "Das Heer hat die Ausbildung an einem neuen Mörsersystem begonnen. Die ersten "
            "Soldaten sollen bis zum Sommer zu Ausbildern qualifiziert werden."]
    section = "<section><h2>Weitere Meldungen</h2>" + "".join(f"<p>{m}</p>" for m in more) + \
        "</section>"
    data = page().replace(b"</article>", section.encode() + b"</article>")
    story = story_text(data)
    assert all(m in story for m in more) and all(p in story for p in STORY)


def test_a_german_author_field_with_its_label_in_an_element_of_its_own() -> None:
    # Drupal: <div class="field--name-field-autor"><div>Autor</div><div>Name</div></div>
    field = ("<div class='field field--name-field-autor'><div class='field__label'>Autor</div>"
             "<div class='field__item'>Petra Lindner</div></div>")
    a = read(page(h1=f"<h1>{HEADLINE}</h1>{field}"))
    assert (a.author, a.sources["author"]) == ("Petra Lindner", "byline")


def test_a_commenters_name_is_not_the_byline() -> None:
    thread = ("<div id='comments'><div class='comment-author vcard'><b class='fn'>Karl Brandt"
              "</b></div><p>Das hätte man schon vor Jahren machen müssen, meint ein Leser.</p>"
              "</div>")
    a = read(page(after=thread))
    assert a.author != "Karl Brandt"


def test_news_ticker_entry_heads_are_subheadings() -> None:
    heads = ["+++ 14:05 Uhr: Kiew meldet Angriffe auf Energieanlagen +++",
             "+++ 11:30 Uhr: Moskau: Ukrainische Drohnen abgefangen +++"]
    entries = "".join(f"<p><strong>{h}</strong></p><p>{p}</p>" for h, p in zip(
        heads, STORY, strict=False))
    a = read(page(h1=f"<h1>{HEADLINE}</h1>{entries}"))
    roles = [(b.role, b.rule) for b in a.blocks if "+++" in b.text]
    assert roles == [("subheading", "ticker entry heading")] * 2


def test_the_h1_inside_the_article_before_a_section_h1_above_it() -> None:
    section = "<div class='ressort-kopf'><h1>Sicherheitspolitik</h1></div>"
    data = page(before=section).replace(f"<title>{HEADLINE}</title>".encode(),
                                        b"<title>Nachrichten</title>")
    assert read(data).title == HEADLINE


DESCRIPTION = ("Das Beschaffungsamt der Bundeswehr hat ein milliardenschweres Projekt vorerst "
               "gestoppt. Grund sind Verzögerungen und Kostensteigerungen, heißt es intern.")


def tiny_page(ld: object) -> bytes:
    return page(head=f'<meta property="og:description" content="{DESCRIPTION}">', ld=ld,
                h1=f"<h1>{HEADLINE}</h1>").replace(
        "".join(f"<p>{p}</p>" for p in STORY).encode(),
        b"<p>Das Amt hat ein Projekt gestoppt.</p><div class='paywall'><a href='/abo'>Jetzt "
        b"abonnieren</a></div>")


def test_a_paid_article_showing_no_text_is_read_as_its_title_and_description() -> None:
    ld = {"@type": "NewsArticle", "headline": HEADLINE, "datePublished": "2025-04-02",
          "isAccessibleForFree": False}
    a = read(tiny_page(ld))
    assert a.title == HEADLINE and a.date == "2025-04-02"
    assert [b.text for b in a.blocks if b.role == "teaser"] == [DESCRIPTION]
    assert any("only its title and description" in w for w in a.warnings)


def test_a_page_not_declared_an_article_with_no_text_is_still_refused() -> None:
    with pytest.raises(InputError, match="no article text"):
        read(tiny_page({"@type": "WebPage", "name": "Politik"}))


def test_the_site_listed_beside_its_writers_is_not_an_author() -> None:
    head = '<meta property="og:site_name" content="Wehrblatt">'
    ld = {"@type": "NewsArticle", "headline": HEADLINE, "datePublished": "2025-04-02",
          "author": [{"@type": "Person", "name": "Petra Lindner"},
                     {"@type": "Organization", "name": "Wehrblatt"}]}
    assert read(page(head=head, ld=ld)).author == "Petra Lindner"
