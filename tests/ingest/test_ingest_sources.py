"""Every reader and every rejection reason, on small files written in tmp_path."""

from __future__ import annotations

import codecs
import gzip
import json
import os
from pathlib import Path

import pytest

from storyline.config import IngestSettings
from storyline.ingest.sources import iter_documents
from storyline.records import RawDocument, Rejected, RejectReason

BODY = "The harbour council met on Tuesday. Dockworkers said the talks had stalled again."
SETTINGS = IngestSettings()


def read(*paths: Path | str, settings: IngestSettings = SETTINGS) -> list:
    return list(iter_documents([str(p) for p in paths], settings))


def only(items: list) -> RawDocument | Rejected:
    assert len(items) == 1, items
    return items[0]


def test_txt_reads_plain_text(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(BODY, encoding="utf-8")
    doc = only(read(path))
    assert isinstance(doc, RawDocument)
    assert (doc.source, doc.kind, doc.text) == (str(path), "text", BODY)


def test_html_is_kept_raw(tmp_path: Path) -> None:
    path = tmp_path / "a.htm"
    path.write_text(f"<html><body><p>{BODY}</p></body></html>", encoding="utf-8")
    doc = only(read(path))
    assert doc.kind == "html" and "<p>" in doc.text


def test_json_object_and_list(tmp_path: Path) -> None:
    one = tmp_path / "one.json"
    one.write_text(json.dumps({"body": BODY, "headline": "Talks stall", "author": ["A. Varo",
                                                                                 "B. Lind"],
                               "date": "2031-04-02", "source": "Harbour Post",
                               "url": "https://example.org/x"}))
    doc = only(read(one))
    assert doc.source == str(one) and doc.kind == "text"
    assert doc.field("title") == "Talks stall" and doc.field("authors") == "A. Varo; B. Lind"
    assert doc.field("published") == "2031-04-02" and doc.field("outlet") == "Harbour Post"
    many = tmp_path / "many.json"
    many.write_text(json.dumps([{"text": BODY}, {"content": f"<p>{BODY}</p><p>More.</p>"},
                                {"title": "no text"}]))
    first, second, third = read(many)
    assert first.source == f"{many}#1" and first.kind == "text"
    assert second.source == f"{many}#2" and second.kind == "html"
    assert isinstance(third, Rejected) and third.reason is RejectReason.MALFORMED


def test_jsonl_goes_on_past_a_bad_line(tmp_path: Path) -> None:
    path = tmp_path / "items.jsonl"
    path.write_text(json.dumps({"text": BODY}) + "\n{broken\n\n" + json.dumps({"text": " "}))
    first, second, third = read(path)
    assert isinstance(first, RawDocument) and first.source == f"{path}#1"
    assert second.reason is RejectReason.MALFORMED and second.source == f"{path}#2"
    assert third.reason is RejectReason.EMPTY and third.source == f"{path}#4"


RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Harbour Wire</title>
<item><title>Strike grows</title><link>https://example.org/1</link>
<pubDate>Tue, 04 Mar 2031 09:00:00 GMT</pubDate><author>Ola Brenn</author>
<description>&lt;p&gt;{body}&lt;/p&gt;&lt;p&gt;Second paragraph here.&lt;/p&gt;</description></item>
<item><title>Plain</title><description>{body}</description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Harbour Atom</title>
<entry><title>Entry</title><updated>2031-03-05T10:00:00Z</updated>
<author><name>Ida Moss</name></author><summary>{body}</summary></entry></feed>"""


def test_rss_feed_one_document_per_entry(tmp_path: Path) -> None:
    path = tmp_path / "wire.rss"
    path.write_text(RSS.format(body=BODY), encoding="utf-8")
    first, second = read(path)
    assert first.source == f"{path}#1" and first.kind == "html"
    assert first.field("published") == "2031-03-04" and first.field("outlet") == "Harbour Wire"
    assert first.field("url") == "https://example.org/1" and first.field("title") == "Strike grows"
    assert second.kind == "text" and second.text == BODY


def test_atom_feed(tmp_path: Path) -> None:
    path = tmp_path / "wire.atom"
    path.write_text(ATOM.format(body=BODY), encoding="utf-8")
    doc = only(read(path))
    assert doc.field("authors") == "Ida Moss" and doc.field("published") == "2031-03-05"


@pytest.mark.parametrize("name", ["a.txt.gz", "a.json.gz", "a.rss.gz"])
def test_gzip_by_inner_suffix(tmp_path: Path, name: str) -> None:
    content = {"a.txt.gz": BODY, "a.json.gz": json.dumps({"text": BODY}),
               "a.rss.gz": RSS.format(body=BODY)}[name]
    path = tmp_path / name
    path.write_bytes(gzip.compress(content.encode("utf-8")))
    docs = read(path)
    assert docs and all(isinstance(d, RawDocument) for d in docs)
    assert BODY in docs[-1].text


def test_truncated_gzip(tmp_path: Path) -> None:
    path = tmp_path / "a.txt.gz"
    path.write_bytes(gzip.compress((BODY * 50).encode())[:-30])
    assert only(read(path)).reason is RejectReason.TRUNCATED


def test_utf16_and_cp1252_decode(tmp_path: Path) -> None:
    text = "Café owners in Vællø said the “strike” hurt trade — naïve hopes faded."
    utf16 = tmp_path / "u16.txt"
    utf16.write_bytes(text.encode("utf-16"))
    cp = tmp_path / "cp.txt"
    cp.write_bytes(text.encode("cp1252"))
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Résumé of the café crème talks in Zürich, señor.".encode("latin-1"))
    assert only(read(utf16)).text == text
    assert only(read(cp)).text == text
    assert only(read(latin)).text == "Résumé of the café crème talks in Zürich, señor."


@pytest.mark.parametrize(("data", "reason"), [
    (b"", RejectReason.EMPTY),
    (b"  \n\t \n", RejectReason.EMPTY),
    (b"PK\x03\x04\x00\x00binary\x00stuff", RejectReason.BINARY),
    (codecs.BOM_UTF16_LE + b"\x00\xd8\x41\x00", RejectReason.UNDECODABLE),
])
def test_bad_bytes(tmp_path: Path, data: bytes, reason: RejectReason) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    assert only(read(path)).reason is reason


@pytest.mark.parametrize(("name", "content"), [
    ("bad.json", '{"text": "unterminated'),
    ("bad.xml", "<rss><channel><item><title>cut off</ti"),
    ("notafeed.xml", "<html><body>not a feed</body></html>"),
])
def test_malformed(tmp_path: Path, name: str, content: str) -> None:
    path = tmp_path / name
    path.write_text(content)
    items = read(path)
    assert items and all(i.reason is RejectReason.MALFORMED for i in items)


def test_too_large_is_checked_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("x" * 200)
    assert only(read(path, settings=IngestSettings(max_bytes=100))).reason is \
        RejectReason.TOO_LARGE
    bomb = tmp_path / "bomb.txt.gz"
    bomb.write_bytes(gzip.compress(b"a " * 5000))
    assert only(read(bomb, settings=IngestSettings(max_decompressed_bytes=1000))).reason is \
        RejectReason.DECOMPRESSED_TOO_LARGE


def test_unreadable_paths(tmp_path: Path) -> None:
    dangling = tmp_path / "gone.txt"
    dangling.symlink_to(tmp_path / "missing-target.txt")
    assert only(read(dangling)).reason is RejectReason.UNREADABLE
    assert only(read(tmp_path / "nope.txt")).reason is RejectReason.UNREADABLE
    assert only(read(str(tmp_path / "*.none"))).reason is RejectReason.UNREADABLE


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read a chmod 000 file")
def test_permission_denied(tmp_path: Path) -> None:
    path = tmp_path / "locked.txt"
    path.write_text(BODY)
    path.chmod(0)
    try:
        assert only(read(path)).reason is RejectReason.UNREADABLE
    finally:
        path.chmod(0o644)


def test_unsupported_explicit_file(tmp_path: Path) -> None:
    path = tmp_path / "slides.pdf"
    path.write_bytes(b"%PDF-1.4")
    assert only(read(path)).reason is RejectReason.UNSUPPORTED


def test_folder_walk_is_sorted_recursive_and_skips(tmp_path: Path, caplog) -> None:
    (tmp_path / "b.txt").write_text(BODY)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text(BODY)
    (tmp_path / "a.txt").write_text(BODY)
    (tmp_path / ".hidden.txt").write_text(BODY)
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text(BODY)
    (tmp_path / "metadata.jsonl").write_text('{"file": "a.txt"}')
    (tmp_path / "metadata.csv").write_text("file\na.txt\n")
    (tmp_path / "notes.docx").write_text("skip me")
    seen: list[tuple[int, int]] = []
    with caplog.at_level("DEBUG", logger="storyline.ingest.sources"):
        docs = list(iter_documents([str(tmp_path)], SETTINGS, progress=lambda d, t: seen.append((d, t))))
    names = [Path(d.source).relative_to(tmp_path).as_posix() for d in docs]
    assert names == ["a.txt", "b.txt", "sub/a.txt"]
    assert all(isinstance(d, RawDocument) for d in docs)
    assert seen[-1] == (3, 3)
    assert "notes.docx" in caplog.text


def test_glob(tmp_path: Path) -> None:
    (tmp_path / "x1.txt").write_text(BODY)
    (tmp_path / "x2.txt").write_text(BODY)
    (tmp_path / "y.txt").write_text(BODY)
    docs = read(str(tmp_path / "x*.txt"))
    assert [Path(d.source).name for d in docs] == ["x1.txt", "x2.txt"]


def test_html_declared_charset_is_used(tmp_path: Path) -> None:
    page = ('<html><head><meta charset="windows-1251"></head><body>'
            "<p>Докеры Велмара бастуют третью неделю.</p></body></html>")
    path = tmp_path / "page.html"
    path.write_bytes(page.encode("cp1251"))
    assert only(read(path)).text == page
