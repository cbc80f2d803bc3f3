"""Nothing is lost silently: a property test over generated articles.

Articles of random paragraphs (inline markup, quotes, odd Unicode) are written as every
supported format and read back through the real ingest path. Every sentence of the input
must be in the cleaned text or inside a line listed in ``removed`` with its reason.
"""

from __future__ import annotations

import html
import json
import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storyline.config import IngestSettings
from storyline.ingest.batch import iter_ingested
from storyline.ingest.noise import apply_inline_edits
from storyline.ingest.readers import is_markup_body
from storyline.ingest.sources import expand_paths
from storyline.records import Article

_VOCABULARY = ("harbour council ferry crew island bridge river market library tram mayor budget "
         "tunnel storm flood museum garden factory union nurse harvest orchard bakery pier "
         "café naïve Zürich señora Ærø Ελλάδα Москва القاهرة ירושלים 東京 서울 deadline "
         "co-operate O’Brien 40,000 3.5% 1:0 e\u0301clair")
WORDS = tuple(_VOCABULARY.split())
ODD = ("\u00a0", "\u200b", "\u2009", " ", " ", " ", " ")
QUOTES = (("“", "”"), ("\"", "\""), ("‘", "’"), ("«", "»"), ("", ""), ("", ""))
TAGS = (("<b>", "</b>"), ("<i>", "</i>"), ('<a href="https://example.org/x">', "</a>"),
        ("<em>", "</em>"), ("<span class=\"x\">", "</span>"), ("", ""), ("", ""))
ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")
SPACE = re.compile(r"\s+")
SETTINGS = IngestSettings(max_seconds=0)


@st.composite
def sentence(draw) -> list[tuple[str, str, str]]:
    """A sentence as (word, space after, markup index) parts: rendered per format later."""
    count = draw(st.integers(min_value=6, max_value=16))
    words = [draw(st.sampled_from(WORDS)) for _ in range(count)]
    words[0] = words[0][:1].upper() + words[0][1:]
    spaces = [draw(st.sampled_from(ODD)) for _ in range(count - 1)] + [""]
    tags = [draw(st.integers(0, len(TAGS) - 1)) for _ in range(count)]
    quote = draw(st.sampled_from(QUOTES))
    end = draw(st.sampled_from([".", "!", "?", "…"]))
    parts = list(zip(words, spaces, tags))
    return [(quote[0], "", 5), *parts, (end + quote[1], "", 5)]


def _key(paragraph) -> str:
    return " ".join("".join(word for word, _, _ in s) for s in paragraph)


# distinct paragraphs (extraction may drop a repeated one) of enough text to be an article
ARTICLE = st.lists(st.lists(sentence(), min_size=1, max_size=4), min_size=3, max_size=6,
                   unique_by=_key).filter(lambda a: len(" ".join(map(_key, a))) >= 150)


def visible(parts) -> str:
    return "".join(word + space for word, space, _ in parts)


def marked_up(parts) -> str:
    out = []
    for word, space, tag in parts:
        opening, closing = TAGS[tag]
        out.append(f"{opening}{html.escape(word, quote=False)}{closing}{space}")
    return "".join(out)


def plain_with_tags(parts) -> str:
    """Text whose markup is literal (a text field or a .txt file may hold it)."""
    return "".join(f"{TAGS[tag][0]}{word}{TAGS[tag][1]}{space}" for word, space, tag in parts)


def norm(text: str) -> str:
    text = ZERO_WIDTH.sub("", unicodedata.normalize("NFC", text))
    return SPACE.sub(" ", text).strip()


def paragraphs_html(article) -> str:
    return "".join("<p>" + " ".join(marked_up(s) for s in para) + "</p>" for para in article)


def write_inputs(folder: Path, article) -> dict[str, list[str]]:
    """One file per format; returns {file name: the sentences it holds (visible text)}."""
    folder.mkdir(parents=True, exist_ok=True)
    shown = [visible(s) for para in article for s in para]
    literal = [plain_with_tags(s) for para in article for s in para]
    text_body = "\n\n".join(" ".join(plain_with_tags(s) for s in para) for para in article)
    page = ("<!doctype html><html><head><title>Harbour news</title></head><body><article>"
            f"<h1>Harbour news</h1>{paragraphs_html(article)}</article></body></html>")
    (folder / "a.txt").write_text(text_body, encoding="utf-8")
    (folder / "b.html").write_text(page, encoding="utf-8")
    (folder / "c.json").write_text(json.dumps({"title": "Harbour news", "text": text_body}),
                                   encoding="utf-8")
    lines = [json.dumps({"text": paragraphs_html(article)}, ensure_ascii=False),
             json.dumps({"text": text_body})]
    (folder / "d.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    feed = ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            "<title>Harbour Wire</title><item><title>Harbour news</title><description>"
            f"{html.escape(paragraphs_html(article))}</description></item></channel></rss>")
    (folder / "e.rss").write_text(feed, encoding="utf-8")
    field = shown if is_markup_body(text_body) else literal  # the documented sniffing rule
    return {"a.txt": literal, "b.html": shown, "c.json": field, "d.jsonl#1": shown,
            "d.jsonl#2": field, "e.rss#1": shown}


def is_kept(sentence: str, article: Article) -> bool:
    text = norm(article.text)
    candidates = {norm(sentence), norm(apply_inline_edits(sentence)[0])}
    if any(c in text for c in candidates):
        return True
    return any(c in norm(r.line) for r in article.removed for c in candidates)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(article=ARTICLE)
def test_every_sentence_is_kept_or_listed_as_removed(tmp_path_factory, article) -> None:
    folder = tmp_path_factory.mktemp("lost")
    expected = write_inputs(folder, article)
    results = {Path(item.source).name: item
               for item in iter_ingested(expand_paths([str(folder)]), SETTINGS)}
    assert set(results) == set(expected)
    for name, sentences in expected.items():
        result = results[name]
        assert isinstance(result, Article), (name, result)
        lost = [s for s in sentences if not is_kept(s, result)]
        assert not lost, (name, lost, result.text, result.removed)


def test_the_check_would_see_a_loss(tmp_path: Path) -> None:
    article = [[[("Harbour", " ", 5), ("talks", " ", 5), ("resumed", " ", 5),
                 ("on", " ", 5), ("Monday", " ", 5), ("morning", "", 5), (".", "", 5)]]] * 2
    write_inputs(tmp_path, article)
    result = next(i for i in iter_ingested(expand_paths([str(tmp_path / "a.txt")]), SETTINGS))
    assert is_kept("Harbour talks resumed on Monday morning.", result)
    assert not is_kept("Harbour talks ended on Monday morning.", result)


@pytest.mark.parametrize("reader", ["html", "feed"])
def test_extraction_drops_are_recorded_not_silent(tmp_path: Path, reader: str) -> None:
    body = ("<p>The council agreed the new ferry timetable after a long night of talks.</p>"
            "<nav>Home | Sport | Weather | Contact the newsroom today</nav>"
            "<p>Dockworkers said the night shifts would now be shared more fairly.</p>")
    if reader == "html":
        (tmp_path / "x.html").write_text(f"<html><body><article>{body}</article>"
                                         "<footer>Copyright Harbour Post all rights reserved"
                                         "</footer></body></html>")
    else:
        (tmp_path / "x.rss").write_text(
            '<?xml version="1.0"?><rss version="2.0"><channel><title>W</title><item>'
            f"<title>t</title><description>{html.escape(body)}</description></item>"
            "</channel></rss>")
    (article,) = iter_ingested(expand_paths([str(tmp_path)]), SETTINGS)
    everything = article.text + "\n" + "\n".join(r.line for r in article.removed)
    assert "Contact the newsroom today" in everything
    assert all(r.reason for r in article.removed)
