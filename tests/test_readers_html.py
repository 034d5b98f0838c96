"""Pages from any outlet (issue 16): headline, authors and date from the page's own markup,
site suffixes removed, reader comments out; a huge page bounded (issue 18). Pages written here."""

from __future__ import annotations

import json
import tracemalloc

import pytest

from defnews.errors import InputError
from defnews.readers import read_bytes

STORY = [
    "Die Bundeswehr soll in den kommenden Jahren deutlich mehr Soldatinnen und Soldaten "
    "gewinnen. Das Verteidigungsministerium stellte dazu am Dienstag in Berlin ein neues "
    "Konzept für die Nachwuchswerbung vor.",
    "Geplant sind unter anderem kürzere Bewerbungsverfahren, mehr Standorte für die "
    "Grundausbildung und eine bessere Bezahlung in den ersten Dienstjahren. Die Kosten "
    "werden auf rund 800 Millionen Euro im Jahr geschätzt.",
    "Kritik kam vom Bundeswehrverband. Dessen Vorsitzender sagte, ohne mehr Unterkünfte "
    "und eine schnellere Beschaffung von Ausrüstung werde auch das beste Konzept scheitern.",
    "Der Verteidigungsausschuss des Bundestages will sich in der kommenden Woche mit den "
    "Plänen befassen. Eine Entscheidung über die Finanzierung fällt im Haushaltsverfahren.",
]
HEADLINE = "Ministerium will mehr Soldaten gewinnen"


def page(*, h1: str = f"<span class='kicker'>Personal</span> {HEADLINE}",
         og: str = f"{HEADLINE} | Wehrblatt", ld: dict | None = None,  # type: ignore[type-arg]
         comments: bool = True, extra: str = "", title: str = f"{HEADLINE} | Wehrblatt") -> bytes:
    ld = ld if ld is not None else {
        "@context": "https://schema.org", "@type": "NewsArticle", "headline": HEADLINE,
        "datePublished": "2025-03-11T09:30:00+01:00",
        "author": [{"@type": "Person", "name": "Petra Lindner"},
                   {"@type": "Person", "name": "Omar Said"}],
        "publisher": {"@type": "Organization", "name": "Wehrblatt"}}
    paragraphs = "".join(f"<p>{p}</p>" for p in STORY)
    comment_html = ("<section id='comments' class='comments'><h2>Kommentare</h2>"
                    "<div class='comment'><p>Leserkommentar: Das ist doch alles viel zu spät "
                    "und viel zu teuer, sagt Kommentator Hubert aus Kassel.</p></div></section>"
                    if comments else "")
    return f"""<!DOCTYPE html><html lang="de"><head><meta charset="utf-8">
<title>{title}</title>
<meta property="og:title" content="{og}"><meta property="og:site_name" content="Wehrblatt">
<meta property="og:url" content="https://wehrblatt.example/personal/soldaten">
<script type="application/ld+json">{json.dumps(ld)}</script>
<script>var tracking = "{'x' * 200}";</script></head>
<body><nav><a href="/">Startseite</a> <a href="/politik">Politik</a></nav>
<article><h1>{h1}</h1><p class="byline">Von Petra Lindner und Omar Said</p>
{paragraphs}{extra}</article>{comment_html}
<footer><a href="/impressum">Impressum</a> <a href="/datenschutz">Datenschutz</a></footer>
</body></html>""".encode()


def test_headline_authors_date_from_the_page() -> None:
    [a] = read_bytes(page(), "soldaten.html")
    assert a.title == HEADLINE  # the H1's kicker ("Personal") and og:title's suffix go
    assert a.author == "Petra Lindner, Omar Said"
    assert a.date == "2025-03-11"
    assert a.sources["author"] == "JSON-LD author" and a.sources["date"].startswith("JSON-LD")
    story = " ".join(a.story_paragraphs())
    for p in STORY:
        assert p in story
    assert "Leserkommentar" not in story and "Startseite" not in story


def test_og_title_suffix_removed_without_h1_or_json_ld() -> None:
    [a] = read_bytes(page(h1="", ld={"@type": "WebSite", "name": "Wehrblatt"}), "x.html")
    assert a.title == HEADLINE
    assert a.sources["title"] == "og:title"


def test_reader_comments_are_left_out() -> None:
    # trafilatura keeps comments by default; the old reader kept them as story.
    [a] = read_bytes(page(), "x.html")
    assert not any("Kommentator Hubert" in b.text for b in a.blocks)


def test_a_5_mb_page_is_read_within_bounded_memory() -> None:
    scripts = "<script>" + "var a=1;" * 600_000 + "</script>"  # 4.8 MB of script
    data = page(extra=scripts)
    assert len(data) > 4_800_000
    tracemalloc.start()
    [a] = read_bytes(data, "gross.html")
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert a.title == HEADLINE
    assert peak < 80_000_000, peak


def test_a_page_of_5_mb_markup_is_refused_with_one_line() -> None:
    rows = "<div><span>Zeile</span></div>" * 180_000  # 5.2 MB of markup, no script
    with pytest.raises(InputError, match="MB of markup"):
        read_bytes(page(extra=rows), "riesig.html")



def _ld(headline: str, **more: object) -> dict:  # type: ignore[type-arg]
    return {"@context": "https://schema.org", "@type": "NewsArticle", "headline": headline,
            "datePublished": "2025-03-11", **more}


def test_json_ld_headline_beats_the_display_variants() -> None:
    # The publisher's declared headline wins over an H1 and og:title that agree on an SEO one.
    seo = "Soldaten gesucht: Was das neue Konzept bringt"
    [a] = read_bytes(page(h1=seo, og=seo, ld=_ld(HEADLINE)), "x.html")
    assert a.title == HEADLINE
    assert a.sources["title"] == "JSON-LD headline"


def test_kicker_with_colon_kept_in_the_spelling_most_sources_use() -> None:
    # og:title and <title> (its "| Wehrblatt" removed) agree on the colon form of the
    # declared headline; the H1 shows the headline without its kicker.
    kicker = "Nachwuchs"
    [a] = read_bytes(page(h1=HEADLINE, og=f"{kicker}: {HEADLINE}",
                          title=f"{kicker}: {HEADLINE} | Wehrblatt",
                          ld=_ld(f"{kicker} - {HEADLINE}")), "x.html")
    assert a.title == f"{kicker}: {HEADLINE}"


def test_section_tail_of_the_json_ld_headline_goes_by_agreement() -> None:
    seo = "Soldaten gesucht: Was das neue Konzept bringt"
    [a] = read_bytes(page(h1=seo, title=seo, og=HEADLINE, ld=_ld(f"{HEADLINE} | Politik")),
                     "x.html")
    assert a.title == HEADLINE


def test_authors_in_nested_json_ld_lists() -> None:
    ld = _ld(HEADLINE, author=[{"@type": "Person", "name": "Petra Lindner"},
                               [{"@type": "Person", "name": "Omar Said"}]])
    [a] = read_bytes(page(ld=ld), "x.html")
    assert a.author == "Petra Lindner, Omar Said"


def test_byline_when_the_metadata_names_only_the_site() -> None:
    ld = _ld(HEADLINE, author={"@type": "Organization", "name": "Wehrblatt"})
    # A sentence that starts with "Von" is no byline; the list item with names only is.
    extra = "<p>Von Berlin aus fahren die Kolonnen nach Osten.</p><ul><li>4 Minuten " \
            "Lesezeit</li><li>Von: <a href='/a/pl'>Petra Lindner</a>, " \
            "<a href='/a/os'>Omar Said</a></li></ul>"
    [a] = read_bytes(page(ld=ld, extra=extra).replace(
        b"<p class=\"byline\">Von Petra Lindner und Omar Said</p>", b""), "x.html")
    assert a.author == "Petra Lindner, Omar Said"
    assert a.sources["author"] == "byline"


@pytest.mark.parametrize("byline", ["Ein Kommentar von Petra Lindner",
                                    "Von unserer Korrespondentin Petra Lindner",
                                    "Eine Analyse von Petra Lindner und Omar Said",
                                    "Autorin: Petra Lindner"])
def test_bylines_with_words_before_the_names(byline: str) -> None:
    ld = _ld(HEADLINE, author={"@type": "Organization", "name": "Wehrblatt"})
    html = page(ld=ld, extra=f"<div class='meta'>{byline}</div>").replace(
        b"<p class=\"byline\">Von Petra Lindner und Omar Said</p>", b"")
    [a] = read_bytes(html, "x.html")
    assert a.author == ("Petra Lindner, Omar Said" if "Omar" in byline else "Petra Lindner")
    assert a.sources["author"] == "byline"


def _page_roles(html: str) -> tuple[str | None, list[tuple[str, str]]]:
    article = read_bytes(html.encode("utf-8"), "seite.html")[0]
    return article.title, [(b.role, b.text) for b in article.blocks if b.kind != "blank"]


SHORT_STORY = ("<p>Die Marine verlegt zwei Minenjagdboote in die Nordsee. Dort sollen sie an "
               "einer Übung teilnehmen.</p><p>Die Boote kehren nach drei Wochen zurück, sagte "
               "ein Sprecher in Kiel.</p>")


def test_headline_parts_set_as_blocks_are_kept_apart() -> None:
    # A kicker span and a headline span with nothing between them: a browser shows two lines.
    title, blocks = _page_roles(
        "<html><head><title>Marine übt in der Nordsee - Küstenbote</title></head><body>"
        "<article><h1><span class='kicker'>Minenabwehr</span><span>Marine übt in der "
        "Nordsee</span></h1>" + SHORT_STORY + "</article></body></html>")
    assert title == "Minenabwehr: Marine übt in der Nordsee"
    assert blocks[0] == ("title", "Minenabwehr: Marine übt in der Nordsee")
    # A separator the page wrote itself is not doubled.
    title, blocks = _page_roles(
        "<html><head><title>x</title></head><body><article><h1><span>Minenabwehr</span>"
        "<span>: </span><span>Marine übt in der Nordsee</span></h1>" + SHORT_STORY +
        "</article></body></html>")
    assert title == "Minenabwehr: Marine übt in der Nordsee"


def test_a_subheading_opening_the_text_below_a_header_h1_stays_a_subheading() -> None:
    title, blocks = _page_roles(
        "<html><head><title>Marine übt in der Nordsee</title></head><body>"
        "<header><h1>Marine übt in der Nordsee</h1></header><div class='article-body'>"
        "<h2>Zwei Boote verlegt</h2>" + SHORT_STORY + "</div></body></html>")
    assert title == "Marine übt in der Nordsee"
    assert blocks[:3] == [("title", "Marine übt in der Nordsee"),
                          ("subheading", "Zwei Boote verlegt"),
                          ("body", "Die Marine verlegt zwei Minenjagdboote in die Nordsee. "
                                   "Dort sollen sie an einer Übung teilnehmen.")]


@pytest.mark.parametrize("label", ["Leserkommentare", "Kommentare (1)", "Kommentare"])
def test_reader_comments_after_a_story_of_short_paragraphs_are_left_out(label: str) -> None:
    title, blocks = _page_roles(
        "<html><head><title>Marine übt in der Nordsee</title></head><body><div class='story'>"
        "<h1>Marine übt in der Nordsee</h1>" + SHORT_STORY + "</div><div class='user-posts'>"
        f"<h3>{label}</h3><div class='post'><div class='name'>Kielwasser</div><p>Das wurde "
        "aber auch Zeit, hoffentlich kommen die Boote heil zurück.</p></div></div>"
        "</body></html>")
    assert [role for role, _ in blocks] == ["title", "body", "body"], blocks
