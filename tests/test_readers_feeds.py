"""Feeds on feedparser (issue 16): RSS 0.91 with its DOCTYPE, RSS 1.0 (RDF), Atom; hostile XML."""

from __future__ import annotations

import pytest

from defnews.article import Article
from defnews.errors import InputError
from defnews.readers import read_bytes

BODY_1 = ("Die Luftwaffe hat am Dienstag zwei neue Transportflugzeuge in Dienst gestellt. Die "
          "Maschinen sollen vor allem für Evakuierungen eingesetzt werden.")
BODY_2 = ("Das Heer bildet in diesem Winter erstmals Soldaten im Umgang mit kleinen Drohnen aus. "
          "Die Lehrgänge finden in Munster statt.")

RSS_091 = f"""<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN"
  "http://my.netscape.com/publish/formats/rss-0.91.dtd">
<rss version="0.91">
<channel>
<title>Wehrbericht aktuell</title>
<link>https://wehrbericht.example/</link>
<description>Meldungen</description>
<language>de</language>
<item>
<title>Luftwaffe stellt Transportflugzeuge in Dienst</title>
<link>https://wehrbericht.example/transport</link>
<description>{BODY_1}</description>
</item>
</channel>
</rss>
"""

RSS_10 = f"""<?xml version="1.0" encoding="UTF-8"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
         xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="https://wehrbericht.example/">
<title>Wehrbericht RDF</title>
<link>https://wehrbericht.example/</link>
<description>Meldungen</description>
<items><rdf:Seq><rdf:li rdf:resource="https://wehrbericht.example/drohnen"/></rdf:Seq></items>
</channel>
<item rdf:about="https://wehrbericht.example/drohnen">
<title>Heer schult Soldaten an Drohnen</title>
<link>https://wehrbericht.example/drohnen</link>
<description>{BODY_2}</description>
<dc:creator>Karla Simon</dc:creator>
<dc:date>2025-01-14T08:00:00+01:00</dc:date>
</item>
</rdf:RDF>
"""

ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<title>Wehrbericht Atom</title>
<id>urn:uuid:1</id>
<updated>2025-02-03T10:00:00Z</updated>
<entry>
<title>Luftwaffe stellt Transportflugzeuge in Dienst</title>
<link href="https://wehrbericht.example/atom/transport"/>
<id>urn:uuid:2</id>
<published>2025-02-03T07:30:00+01:00</published>
<updated>2025-02-03T09:00:00+01:00</updated>
<author><name>Jonas Berger</name></author>
<content type="html">&lt;p&gt;{BODY_1}&lt;/p&gt;&lt;p&gt;{BODY_2}&lt;/p&gt;</content>
</entry>
</feed>
"""


def test_rss_091_with_its_doctype() -> None:
    # Refused before ("feed declares entities or a DOCTYPE").
    [a] = read_bytes(RSS_091.encode(), "wehr.rss")
    assert (a.title, a.outlet, a.url) == ("Luftwaffe stellt Transportflugzeuge in Dienst",
                                          "Wehrbericht aktuell", "https://wehrbericht.example/transport")
    assert a.story_paragraphs()[1] == BODY_1 and a.lang == "de"


def test_rss_10_rdf() -> None:
    # "the feed holds no items" before: RDF items are in the RSS 1.0 namespace.
    [a] = read_bytes(RSS_10.encode(), "wehr.rdf.xml")
    assert (a.title, a.author, a.date) == ("Heer schult Soldaten an Drohnen", "Karla Simon",
                                           "2025-01-14")
    assert a.outlet == "Wehrbericht RDF" and a.story_paragraphs()[1] == BODY_2


def test_atom() -> None:
    [a] = read_bytes(ATOM.encode(), "wehr.atom")
    assert (a.author, a.date, a.url) == ("Jonas Berger", "2025-02-03",
                                         "https://wehrbericht.example/atom/transport")
    assert a.story_paragraphs()[1:] == [BODY_1, BODY_2]


@pytest.mark.parametrize("feed", [
    # billion laughs
    b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>'
    b"<rss><channel><item><title>&b;</title></item></channel></rss>",
    # an external entity pointing at a local file
    b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    b"<rss><channel><item><title>&x;</title></item></channel></rss>",
    # an internal subset without entities
    b'<?xml version="1.0"?><!DOCTYPE rss [<!ELEMENT rss ANY>]>'
    b"<rss><channel><item><title>Titel</title></item></channel></rss>",
])
def test_hostile_xml_is_refused(feed: bytes) -> None:
    with pytest.raises(InputError, match="entities or an internal DTD"):
        read_bytes(feed, "boese.rss")


def test_cut_off_feed_is_refused() -> None:
    with pytest.raises(InputError, match="not valid XML"):
        read_bytes(RSS_10.encode()[:-40], "abgeschnitten.rss")


def test_a_blog_feeds_footer_is_furniture_and_a_short_last_paragraph_is_story() -> None:
    feed = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Wehrpost</title><link>https://wehrpost.example</link>
<item><title>Neue Fregatten für die Marine</title><link>https://wehrpost.example/f</link>
<content:encoded><![CDATA[<p>Die Marine hat am Montag in Kiel zwei neue Fregatten
übernommen. Die Schiffe sollen ab 2028 im Nordatlantik fahren.</p>
<p>Der Inspekteur sprach von einem guten Tag. <a href="https://wehrpost.example/m">Mehr</a></p>
<p>Der Beitrag <a href="https://wehrpost.example/f">Neue Fregatten für die Marine</a> erschien
zuerst auf <a href="https://wehrpost.example">Wehrpost</a>.</p>]]></content:encoded>
</item></channel></rss>""".encode()
    [item] = read_bytes(feed, "wehrpost.xml")
    rules = [(b.rule, b.text[:20]) for b in item.blocks if b.boilerplate]
    assert [r for r, _ in rules] == ["feed footer"], rules
    assert any(p.startswith("Der Inspekteur sprach") for p in item.story_paragraphs())


def test_markup_in_item_titles_and_names_is_read_as_text() -> None:
    feed = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>
<title>&lt;i&gt;Wehrbericht&lt;/i&gt; aktuell</title><link>https://wehrbericht.example/</link>
<item><title>&lt;b&gt;Eil&lt;/b&gt;: Luftwaffe stellt Transportflugzeuge in Dienst</title>
<dc:creator>&lt;span&gt;Petra Lindner&lt;/span&gt;</dc:creator>
<link>https://wehrbericht.example/transport</link><description>{BODY_1}</description></item>
</channel></rss>
"""
    [a] = read_bytes(feed.encode(), "markup.xml")
    assert a.title == "Eil: Luftwaffe stellt Transportflugzeuge in Dienst"
    assert a.author == "Petra Lindner"
    assert a.outlet == "Wehrbericht aktuell"
    assert not any("<" in b.text for b in a.blocks)


# A feed item's HTML body is laid out as a browser shows it (issue: words glued across
# blocks, the photo credit inside the story, headings merged into paragraphs).

def _blocks(article: Article) -> list[tuple[str, str, str]]:
    return [(b.kind, b.role, b.text) for b in article.blocks if b.translatable]


RSS_HTML_BODY = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Landstreitkräfte heute</title><link>https://lsk.example</link>
<item><title>Mehr Radpanzer für die Jäger</title><link>https://lsk.example/boxer</link>
<content:encoded><![CDATA[<figure><img src="https://lsk.example/boxer.jpg" alt=""><figcaption>Ein
Boxer fährt über eine Brücke bei Bergen. Foto: Heer/Lena Probst</figcaption></figure><p>Die
Jägertruppe erhält bis 2028 weitere Radpanzer. Der Vertrag wurde am Montag in Koblenz
unterschrieben.</p><ul><li>Reichweite: 700 Kilometer</li><li>Besatzung: drei
Soldaten</li></ul><div>Die ersten Fahrzeuge kommen nach Sachsen.</div><div>Die
<b>Ausbildung</b> beginnt im
<a href="https://lsk.example/a">Frühjahr</a>&nbsp;&amp; dauert&nbsp;sechs Wochen.</div><h2>Lob
vom Verband</h2><p>Der Verband nannte den Kauf <span>überfällig</span>.<script>
var x = "versteckt";</script></p>]]></content:encoded>
</item></channel></rss>"""


def test_an_rss_html_body_keeps_its_blocks_and_leaves_the_figure_caption_out() -> None:
    # Before: "… Foto: Heer/Lena ProbstDie Jägertruppe …" and "Reichweite: 700
    # KilometerBesatzung: …Lob vom VerbandDer Verband …" as two paragraphs.
    [a] = read_bytes(RSS_HTML_BODY.encode(), "lsk.xml")
    assert _blocks(a) == [
        ("heading", "title", "Mehr Radpanzer für die Jäger"),
        ("paragraph", "body", "Die Jägertruppe erhält bis 2028 weitere Radpanzer. Der Vertrag "
                              "wurde am Montag in Koblenz unterschrieben."),
        ("list_item", "body", "Reichweite: 700 Kilometer"),
        ("list_item", "body", "Besatzung: drei Soldaten"),
        ("paragraph", "body", "Die ersten Fahrzeuge kommen nach Sachsen."),
        ("paragraph", "body", "Die Ausbildung beginnt im Frühjahr & dauert sechs Wochen."),
        ("heading", "subheading", "Lob vom Verband"),
        ("paragraph", "body", "Der Verband nannte den Kauf überfällig."),
    ]


ATOM_HTML_BODY = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Marinepost</title><id>urn:mp</id>
<updated>2025-05-02T10:00:00Z</updated>
<entry><title>Tender verlässt Wilhelmshaven</title><id>urn:mp:1</id>
<updated>2025-05-02T10:00:00Z</updated>
<content type="html">&lt;section&gt;&lt;h3&gt;Auslaufen am Morgen&lt;/h3&gt;&lt;p&gt;Der Tender
&lt;em&gt;Werra&lt;/em&gt; hat am Freitag&lt;span&gt; &lt;/span&gt;den Hafen verlassen.&lt;/p&gt;
&lt;blockquote&gt;&lt;p&gt;Wir sind gut vorbereitet.&lt;/p&gt;&lt;/blockquote&gt;
&lt;ol&gt;&lt;li&gt;Erster Halt: Kiel&lt;/li&gt;&lt;li&gt;Zweiter Halt:
Rostock&lt;ul&gt;&lt;li&gt;mit einem
Besuchstag&lt;/li&gt;&lt;/ul&gt;&lt;/li&gt;&lt;/ol&gt;&lt;iframe src="https://video.example/w"&gt;Ihr
Browser zeigt keine Videos.&lt;/iframe&gt;&lt;style&gt;.w {color: red}&lt;/style&gt;&lt;table&gt;
&lt;tr&gt;&lt;th&gt;Schiff&lt;/th&gt;&lt;th&gt;Länge&lt;/th&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Werra&lt;/td&gt;&lt;td&gt;100
Meter&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;&lt;figure&gt;&lt;img src="w.jpg"&gt;
&lt;figcaption&gt;Die Werra vor &lt;a href="https://marinepost.example/kueste"&gt;der
Küste&lt;/a&gt;&lt;/figcaption&gt;&lt;/figure&gt;
&lt;hr&gt;&lt;p&gt;Die Rückkehr ist für Juni geplant.&lt;/p&gt;&lt;/section&gt;</content></entry>
</feed>"""


def test_an_atom_html_body_keeps_quotes_lists_tables_and_marks_a_kept_caption() -> None:
    [a] = read_bytes(ATOM_HTML_BODY.encode(), "marine.atom")
    assert _blocks(a) == [
        ("heading", "title", "Tender verlässt Wilhelmshaven"),
        ("heading", "subheading", "Auslaufen am Morgen"),
        ("paragraph", "body", "Der Tender Werra hat am Freitag den Hafen verlassen."),
        ("quote", "body", "Wir sind gut vorbereitet."),
        ("list_item", "body", "Erster Halt: Kiel"),
        ("list_item", "body", "Zweiter Halt: Rostock"),
        ("list_item", "body", "mit einem Besuchstag"),
        ("table_row", "body", "| Schiff | Länge |"),
        ("table_row", "body", "| Werra | 100 Meter |"),
        # A caption with a link stays in the tree (as on a page) but is no story.
        ("paragraph", "caption", "Die Werra vor der Küste"),
        ("paragraph", "body", "Die Rückkehr ist für Juni geplant."),
    ]
    assert [b.boilerplate for b in a.blocks if b.role == "caption"] == [True]


def test_a_description_with_line_breaks_only() -> None:
    # One <br> breaks a line (here inside a sentence), two part paragraphs; before, every
    # <br> started a paragraph, cutting the sentence in two.
    feed = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Luftpost</title><link>https://luftpost.example</link>
<item><title>Eurofighter landen in Laage</title><link>https://luftpost.example/1</link>
<description>Vier Eurofighter sind am Donnerstag in Laage gelandet, wie ein Sprecher&lt;br&gt;
des Geschwaders mitteilte.&lt;br /&gt;&lt;br /&gt;Am Wochenende fliegen die Maschinen weiter
nach Neuburg &amp;amp; Ingolstadt.</description></item>
</channel></rss>""".encode()  # noqa: UP012 (a German text: bytes literals are ASCII only)
    [a] = read_bytes(feed, "luftpost.xml")
    assert _blocks(a) == [
        ("heading", "title", "Eurofighter landen in Laage"),
        ("paragraph", "body", "Vier Eurofighter sind am Donnerstag in Laage gelandet, wie ein "
                              "Sprecher\ndes Geschwaders mitteilte."),
        ("paragraph", "body", "Am Wochenende fliegen die Maschinen weiter nach Neuburg & "
                              "Ingolstadt."),
    ]


def test_html_escaped_twice_in_a_description_is_read_as_html() -> None:
    # feedparser hands on "&lt;p&gt;…" as text; before, the tags showed in the story.
    feed = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Luftpost</title><link>https://luftpost.example</link>
<item><title>Übung in Bayern</title><link>https://luftpost.example/2</link>
<description>&amp;lt;p&amp;gt;Die Luftwaffe übt in Bayern.&amp;lt;/p&amp;gt;&amp;lt;p&amp;gt;Die
Übung dauert zwei Wochen.&amp;lt;/p&amp;gt;</description></item>
</channel></rss>""".encode()
    [a] = read_bytes(feed, "luftpost.xml")
    assert _blocks(a) == [
        ("heading", "title", "Übung in Bayern"),
        ("paragraph", "body", "Die Luftwaffe übt in Bayern."),
        ("paragraph", "body", "Die Übung dauert zwei Wochen."),
    ]
