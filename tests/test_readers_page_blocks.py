"""What the extractor keeps from a page that is not story, and the lead it drops (issue 16):
link lists, closing widget labels, the shown description as teaser. Pages written here; the
outlet is invented."""

from __future__ import annotations

import json

from defnews.readers import read_bytes

STORY = [
    "Die Marine erhält bis zum Jahr 2031 vier neue Fregatten. Das Verteidigungsministerium "
    "unterzeichnete am Montag in Kiel den Vertrag mit einem Konsortium aus zwei Werften.",
    "Die Schiffe sollen vor allem in der Ostsee eingesetzt werden. Sie ersetzen Einheiten, "
    "die seit mehr als dreißig Jahren im Dienst sind und kaum noch Ersatzteile finden.",
    "Der Bundesrechnungshof hatte das Projekt im Frühjahr kritisiert. Nach seiner Rechnung "
    "steigen die Kosten je Schiff um ein Drittel gegenüber der ersten Planung.",
    "Die Werften wollen im kommenden Jahr mit dem Bau beginnen. Die ersten beiden Schiffe "
    "sollen nach Angaben des Ministeriums im Jahr 2029 an die Marine übergeben werden.",
]
HEADLINE = "Marine bekommt vier neue Fregatten"
LEAD = ("Der Vertrag ist unterschrieben: Vier Fregatten für die Ostsee sollen die ältesten "
        "Schiffe der Flotte ersetzen. Der Rechnungshof warnt vor steigenden Kosten.")


def page(body_extra: str = "", tail: str = "", h1: str = HEADLINE, lead_html: str = "",
         description: str = LEAD, author: str = "Person", name: str = "Jana Okafor") -> bytes:
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": HEADLINE,
          "datePublished": "2025-06-02", "author": {"@type": author, "name": name}}
    paragraphs = "".join(f"<p>{p}</p>" for p in STORY)
    return f"""<!DOCTYPE html><html lang="de"><head><meta charset="utf-8">
<title>{HEADLINE} | Küstenbote</title>
<meta property="og:title" content="{HEADLINE}"><meta property="og:site_name" content="Küstenbote">
<meta property="og:description" content="{description}">
<script type="application/ld+json">{json.dumps(ld)}</script></head>
<body><article><h1>{h1}</h1>{lead_html}{paragraphs}{body_extra}</article>{tail}</body></html>
""".encode()


def story_of(data: bytes) -> str:
    [a] = read_bytes(data, "fregatten.html")
    return "\n".join(a.story_paragraphs())


def test_a_list_of_links_is_no_story_but_a_paragraph_with_a_link_is() -> None:
    related = ("<p>» <a href='/a/1'>Werften im Norden suchen Fachkräfte</a></p>"
               "<p><strong>Ostsee:</strong> <a href='/a/2'>Wie die Flotte wächst</a></p>"
               "<p><a href='/a/3'>Der Streit um den Haushalt: Wer jetzt zahlt</a></p>")
    linked = ("<p>Der Vertrag folgt auf einen <a href='/a/4'>Beschluss des "
              "Haushaltsausschusses</a> vom Mai, der die Mittel freigegeben hatte.</p>")
    story = story_of(page(body_extra=linked + related))
    assert "Beschluss des Haushaltsausschusses" in story
    for related_title in ("Werften im Norden", "Wie die Flotte wächst", "Streit um den Haushalt"):
        assert related_title not in story


def test_closing_widget_labels_are_no_story() -> None:
    widgets = "".join(f"<div class='box'><p>{label}</p></div>" for label in (
        "Beliebt in der Community", "Weitere Angebote", "Das Wetter in Kiel"))
    [a] = read_bytes(page(body_extra=widgets), "fregatten.html")
    story = "\n".join(a.story_paragraphs())
    assert "Beliebt in der Community" not in story and "Weitere Angebote" not in story
    assert STORY[-1] in story


def test_the_shown_description_is_the_teaser() -> None:
    # The lead in an element the extractor drops as furniture (a "teaser" class).
    lead = f"<p class='story__teaser'>{LEAD}</p>"
    [a] = read_bytes(page(lead_html=lead), "fregatten.html")
    teasers = [b for b in a.blocks if b.role == "teaser"]
    assert [b.text for b in teasers] == [LEAD]
    assert LEAD in a.story_paragraphs()
    # A description the page does not show is no teaser (it may be written for search).
    [b] = read_bytes(page(lead_html=""), "fregatten.html")
    assert LEAD not in "\n".join(b.story_paragraphs())


def test_byline_date_line_and_closing_credit_are_metadata_not_story() -> None:
    head = ("<p>Stand: 02.06.2025, 14:30 Uhr</p><h2>Von Jana Okafor, Kiel</h2>")
    tail = "<p><em>Küstenbote (jok)</em></p>"
    [a] = read_bytes(page(lead_html=head, body_extra=tail), "fregatten.html")
    roles = {b.text.strip("*_ "): b.role for b in a.blocks if b.translatable}
    assert roles["Stand: 02.06.2025, 14:30 Uhr"] == "date"
    assert roles["Von Jana Okafor, Kiel"] == "author"
    assert roles["Küstenbote (jok)"] == "author"
    story = "\n".join(a.story_paragraphs())
    assert "14:30" not in story and "Okafor" not in story and "jok" not in story
    assert all(p in story for p in STORY)


def test_author_initials_when_the_page_names_no_writer() -> None:
    data = page(body_extra="<p>jok, mvr; Foto: Hafenamt</p>", author="Organization",
                name="Küstenbote")
    [a] = read_bytes(data, "fregatten.html")
    assert a.author == "jok, mvr"
    assert a.sources["author"] == "writer credit (initials)"


def test_hidden_labels_and_image_captions_are_cut() -> None:
    hidden = "<h2 class='title hidden'>Hauptinhalt</h2>"
    figure = ("<div class='media'><div class='pic'><img src='/f.jpg' alt=''></div>"
              "<div class='info'><p>Eine Fregatte im Hafen von Kiel bei Sonnenaufgang</p>"
              "</div></div>")
    [a] = read_bytes(page(lead_html=hidden, body_extra=figure + f"<p>{STORY[0]}</p>"),
                     "fregatten.html")
    text = "\n".join(b.text for b in a.blocks)
    assert "Hauptinhalt" not in text and "Sonnenaufgang" not in text


def test_the_prose_right_after_the_h1_is_the_teaser() -> None:
    # No description to match: the lead element right after the headline, which the
    # extractor drops as furniture ("excerpt"), comes back as the teaser.
    lead = f"<div class='meta'><span>2. Juni 2025</span></div><div class='excerpt'>{LEAD}</div>"
    [a] = read_bytes(page(lead_html=lead, description=""), "fregatten.html")
    assert [b.text for b in a.blocks if b.role == "teaser"] == [LEAD]
    assert a.story_paragraphs()[1] == LEAD


def test_a_publication_label_and_an_agency_credit_are_no_story() -> None:
    story = story_of(page(lead_html="<p class='datum'>Veröffentlicht am 2. Juni 2025 um "
                                    "17:45 Uhr</p>", body_extra="<p>(mit dpa)</p>"))
    assert "Veröffentlicht" not in story and "mit dpa" not in story
    assert STORY[0] in story and STORY[-1] in story
