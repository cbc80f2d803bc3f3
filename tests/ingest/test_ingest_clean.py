"""clean_document: text and HTML paths, metadata precedence, ids, offsets."""

from __future__ import annotations

from dataclasses import replace

from storyline.config import IngestSettings
from storyline.ingest.clean import clean_document
from storyline.ingest.ids import article_id, content_hash
from storyline.records import Article, DateSource, RawDocument, Rejected, RejectReason

SETTINGS = IngestSettings()
TEXT = """date 2031-03-04 Dockers block the north quay 1:12

(KTV) — Dockworkers at the port of Velmar walked out on Monday, the union said.

“We will stay out until the contract is signed,” said Tomas Vell, the union leader, adding that
as many as 5,000 workers could join.

The port authority said 2,000 workers had stopped work, according to a statement issued

late on Monday night.

Please enter your comment!
Please enter your name here
"""

HEADER_TEXT = """Harbour Post

Velmar dockers reject the new offer

Ana Ruiz

March 11, 2031

Dockworkers in Velmar rejected the latest pay offer on Tuesday, the union said in a statement.
"""

HTML = """<html><head><title>Strike spreads - Harbour Post</title>
<meta property="og:site_name" content="Harbour Post">
<meta name="author" content="Ida Moss">
<meta property="article:published_time" content="2024-03-12T08:00:00Z">
</head><body><nav>Home | World | Sport</nav><article><h1>Strike spreads</h1>
<p>The dock strike in Velmar spread to two more ports on Wednesday, the union said.</p>
<p>“The government has to listen now,” said Tomas Vell, who leads the dockers' union.</p>
<p>Officials put the number of striking workers at 3,500, up from 2,000 a week earlier.</p>
</article><footer>Copyright Harbour Post</footer></body></html>"""


def clean(doc: RawDocument, sidecar=None) -> Article:
    article = clean_document(doc, sidecar, SETTINGS)
    assert isinstance(article, Article), article
    return article


def test_text_path_removes_noise_and_reads_metadata() -> None:
    article = clean(RawDocument("in/velmar-1.txt", "text", TEXT))
    assert article.text.startswith("Dockworkers at the port of Velmar walked out on Monday")
    assert "1:12" not in article.text and "Please enter" not in article.text
    assert "(KTV)" not in article.text
    assert "issued late on Monday night." in article.text
    assert "\n\n“We will stay out" in article.text
    assert article.outlet == "KTV"
    assert (article.published, article.published_from) == ("2031-03-04", DateSource.TEXT)
    reasons = {r.reason for r in article.removed}
    assert {"date_prefix", "video_caption", "dateline", "comment_form"} <= reasons


def test_header_lines_become_metadata() -> None:
    article = clean(RawDocument("a.txt", "text", HEADER_TEXT))
    assert article.outlet == "Harbour Post"
    assert article.title == "Velmar dockers reject the new offer"
    assert article.authors == ("Ana Ruiz",)
    assert article.published == "2031-03-11"
    assert article.text.startswith("Dockworkers in Velmar rejected")


def test_sidecar_overrides_html_which_overrides_text() -> None:
    html = clean(RawDocument("pages/strike.html", "html", HTML))
    assert "spread to two more ports" in html.text and "Home | World" not in html.text
    assert html.published == "2024-03-12" and html.published_from is DateSource.HTML
    assert html.outlet == "Harbour Post" and html.authors == ("Ida Moss",)
    sidecar = {"strike.html": {"published": "2031-03-13", "outlet": "Velmar Times",
                               "authors": "B. Lind; C. Ode"}}
    meta = clean(RawDocument("pages/strike.html", "html", HTML), sidecar)
    assert meta.published == "2031-03-13" and meta.published_from is DateSource.METADATA
    assert meta.outlet == "Velmar Times" and meta.authors == ("B. Lind", "C. Ode")
    text = clean(RawDocument("x/velmar-1.txt", "text", TEXT),
                 {"velmar-1.txt": {"source": "Override", "author": "Ana Ruiz"}})
    assert text.authors == ("Ana Ruiz",)
    assert text.outlet == "Override" and text.published_from is DateSource.TEXT


def test_sidecar_is_looked_up_without_the_entry_suffix() -> None:
    doc = RawDocument("feeds/wire.jsonl#3", "text", "Officials said the strike was over. " * 3,
                      (("published", "2031-03-20"),))
    article = clean(doc, {"wire.jsonl": {"outlet": "Wire"}})
    assert article.outlet == "Wire" and article.published == "2031-03-20"
    assert article.published_from is DateSource.METADATA


def test_undated_text_is_unknown() -> None:
    article = clean(RawDocument("a.txt", "text", "Dockworkers walked out on Monday, the union said."))
    assert article.published is None and article.published_from is DateSource.UNKNOWN


def test_ids_are_deterministic_and_folder_independent() -> None:
    one = clean(RawDocument("/a/b/velmar-1.txt", "text", TEXT))
    two = clean(RawDocument("/elsewhere/velmar-1.txt", "text", TEXT))
    assert one.id == two.id == article_id("velmar-1.txt", one.text)
    assert one.content_hash == content_hash(one.text)
    entry = clean(RawDocument("/a/b/velmar-1.txt#2", "text", TEXT))
    assert entry.id != one.id
    edited = clean(RawDocument("/a/b/velmar-1.txt", "text", TEXT + "\nOne more line here."))
    assert edited.id != one.id


def test_too_little_text_is_rejected() -> None:
    result = clean_document(RawDocument("a.txt", "text", "Please enter your comment!\nShort."),
                            None, SETTINGS)
    assert isinstance(result, Rejected) and result.reason is RejectReason.NO_TEXT
    empty_page = clean_document(RawDocument("a.html", "html", "<html><body></body></html>"),
                                None, SETTINGS)
    assert isinstance(empty_page, Rejected) and empty_page.reason is RejectReason.NO_TEXT
    lenient = clean_document(RawDocument("a.txt", "text", "Short."), None,
                             replace(SETTINGS, min_chars=3))
    assert isinstance(lenient, Article)


def test_paragraphs_are_blank_line_separated_and_offsets_hold() -> None:
    article = clean(RawDocument("a.txt", "text", TEXT))
    assert "\n\n\n" not in article.text and not article.text.startswith("\n")
    start = article.text.index("“We will")
    end = start + len("“We will stay out")
    assert article.text[start:end] == "“We will stay out"


def test_html_fragment_from_a_feed_keeps_its_text() -> None:
    fragment = ("<div>The union said on Monday that the strike would go on until "
                "<b>further notice</b>, officials confirmed.</div><p>Talks resume Friday.</p>"
                "<script>alert('x')</script>")
    article = clean(RawDocument("wire.rss#1", "html", fragment))
    assert article.text == ("The union said on Monday that the strike would go on until further "
                            "notice, officials confirmed.\n\nTalks resume Friday.")
