"""Every bound on hostile input, one reason code each, on files written in tmp_path."""

from __future__ import annotations

import gzip
import json
import os
import threading
import time
from dataclasses import replace
from pathlib import Path

import pytest

from storyline.config import IngestSettings
from storyline.ingest import batch, sources
from storyline.ingest.guard import value_depth
from storyline.ingest.sources import expand_paths, iter_documents
from storyline.records import Article, RawDocument, Rejected, RejectReason

BODY = ("The harbour council met on Tuesday and agreed a new timetable for the ferries. "
        "Dockworkers said the talks had stalled again over the night shifts.")
SETTINGS = IngestSettings()


def read(*paths: Path | str, settings: IngestSettings = SETTINGS) -> list:
    return list(iter_documents([str(p) for p in paths], settings))


def reasons(items: list) -> dict[str, RejectReason]:
    return {Path(i.source).name: i.reason for i in items if isinstance(i, Rejected)}


def only_reason(path: Path | str, settings: IngestSettings = SETTINGS) -> RejectReason:
    items = read(path, settings=settings)
    assert len(items) == 1 and isinstance(items[0], Rejected), items
    return items[0].reason


# ------------------------------------------------------------------ size and shape bounds


def test_line_count_is_bounded_before_decoding(tmp_path: Path) -> None:
    path = tmp_path / "lines.txt"
    path.write_bytes(b"word word\n" * 2_000_000)
    started = time.monotonic()
    assert only_reason(path) is RejectReason.TOO_MANY_LINES
    assert time.monotonic() - started < 5
    small = replace(SETTINGS, max_lines=3)
    ok = tmp_path / "ok.txt"
    ok.write_text("a\nb\nc\n" + BODY)
    assert isinstance(read(ok, settings=small)[0], RawDocument)
    ok.write_text("a\nb\nc\nd\n" + BODY)
    assert only_reason(ok, small) is RejectReason.TOO_MANY_LINES


def test_line_length_is_bounded_for_text_and_each_jsonl_line(tmp_path: Path) -> None:
    settings = replace(SETTINGS, max_line_chars=500)
    text = tmp_path / "long.txt"
    text.write_text(BODY + "\n" + "x" * 501)
    assert only_reason(text, settings) is RejectReason.LINE_TOO_LONG
    lines = tmp_path / "long.jsonl"
    lines.write_text(json.dumps({"text": BODY}) + "\n" + json.dumps({"text": "y" * 600}) + "\n")
    first, second = read(lines, settings=settings)
    assert isinstance(first, RawDocument)
    assert second.reason is RejectReason.LINE_TOO_LONG and second.source.endswith("#2")


def test_json_depth_is_bounded_without_recursion_errors(tmp_path: Path) -> None:
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000)
    assert only_reason(deep) is RejectReason.TOO_DEEP
    obj = tmp_path / "obj.json"
    nested = '{"a":' * 70 + "1" + "}" * 70
    obj.write_text(f'{{"text": "{BODY}", "x": {nested}}}')
    assert only_reason(obj) is RejectReason.TOO_DEEP
    assert isinstance(read(obj, settings=replace(SETTINGS, max_json_depth=80))[0], RawDocument)


def test_json_depth_counts_parsed_nesting() -> None:
    assert value_depth({"text": "[[[[{{{{ not structure ]]]]", "a": [[1]]}) == 3
    assert value_depth(["a \" [[[", [[]]]) == 3
    assert value_depth(42) == 0
    deep: list = []
    for _ in range(10_000):
        deep = [deep]
    assert value_depth(deep) == 10_001


def test_jsonl_deep_line_costs_only_itself(tmp_path: Path) -> None:
    path = tmp_path / "deep.jsonl"
    path.write_text(json.dumps({"text": BODY}) + "\n" + "[" * 5000 + "]" * 5000 + "\n"
                    + json.dumps({"text": BODY + " Again."}) + "\n")
    first, second, third = read(path)
    assert isinstance(first, RawDocument) and isinstance(third, RawDocument)
    assert second.reason is RejectReason.TOO_DEEP and second.source.endswith("#2")


def test_a_million_item_json_list_is_refused_quickly(tmp_path: Path) -> None:
    path = tmp_path / "million.json"
    path.write_text("[" + ",".join(['{"text": "x"}'] * 1_000_000) + "]")
    started = time.monotonic()
    assert only_reason(path) is RejectReason.TOO_MANY_ENTRIES
    assert time.monotonic() - started < 10


def test_entry_bounds_for_json_jsonl_and_feeds(tmp_path: Path) -> None:
    settings = replace(SETTINGS, max_entries=2)
    items = [{"text": f"{BODY} Number {n}."} for n in range(3)]
    (tmp_path / "three.json").write_text(json.dumps(items))
    (tmp_path / "two.json").write_text(json.dumps(items[:2]))
    (tmp_path / "three.jsonl").write_text("\n".join(json.dumps(i) for i in items))
    entry = "<item><title>t</title><description>{}</description></item>"
    feed = ('<?xml version="1.0"?><rss version="2.0"><channel><title>W</title>'
            + "".join(entry.format(i["text"]) for i in items) + "</channel></rss>")
    (tmp_path / "three.rss").write_text(feed)
    found = read(tmp_path, settings=settings)
    assert reasons(found) == {"three.json": RejectReason.TOO_MANY_ENTRIES,
                              "three.jsonl": RejectReason.TOO_MANY_ENTRIES,
                              "three.rss": RejectReason.TOO_MANY_ENTRIES}
    assert sum(isinstance(i, RawDocument) for i in found) == 2


def test_json_list_errors_are_malformed_with_a_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text('[{"text": "a"},\n {"text": "b"} {"text": "c"}]')
    items = read(path)
    assert items[0].reason is RejectReason.MALFORMED and "line 2" in items[0].detail
    path.write_text(json.dumps([{"text": BODY}]) + " trailing")
    assert only_reason(path) is RejectReason.MALFORMED
    path.write_text("[ ]")
    assert only_reason(path) is RejectReason.EMPTY


def test_decompressed_size_is_bounded_separately(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.txt.gz"
    bomb.write_bytes(gzip.compress(b"a" * 30_000_000))
    assert bomb.stat().st_size < SETTINGS.max_bytes
    assert only_reason(bomb) is RejectReason.DECOMPRESSED_TOO_LARGE


@pytest.mark.parametrize("name", ["laughs.rss", "laughs.html", "external.xml"])
def test_entity_declarations_are_refused(tmp_path: Path, name: str) -> None:
    entities = {
        "laughs.rss": '<!DOCTYPE r [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>',
        "laughs.html": '<!DOCTYPE html [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>',
        "external.xml": '<!DOCTYPE r [<!ENTITY ext SYSTEM "file:///etc/passwd">]>',
    }[name]
    body = ('<rss version="2.0"><channel><title>W</title><item><title>t</title>'
            f"<description>&b; &ext; {BODY}</description></item></channel></rss>")
    path = tmp_path / name
    path.write_text(f'<?xml version="1.0"?>{entities}{body}')
    assert only_reason(path) is RejectReason.XML_ENTITIES


def test_article_over_the_character_cap_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text("\n\n".join(f"{BODY} Paragraph {n}." for n in range(4000)))
    settings = replace(SETTINGS, max_article_chars=100_000)
    items = list(batch.iter_ingested(expand_paths([str(path)]), settings))
    assert [i.reason for i in items] == [RejectReason.ARTICLE_TOO_LONG]
    assert "ingest.max_article_chars" in items[0].detail


# ------------------------------------------------------------------ files that are not files


def test_fifo_device_and_links_out_are_rejected_without_reading(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(BODY)
    os.mkfifo(folder / "pipe.txt")
    (folder / "zero.txt").symlink_to("/dev/zero")
    (folder / "passwd.txt").symlink_to("/etc/passwd")
    (folder / "loop.txt").symlink_to("loop.txt")
    (folder / "gone.txt").symlink_to(folder / "missing.txt")
    (folder / "up").symlink_to(folder)
    (folder / "outside").symlink_to(tmp_path)
    (folder / "inside.txt").symlink_to(folder / "good.txt")
    found = read(folder)
    assert reasons(found) == {
        "pipe.txt": RejectReason.SPECIAL_FILE, "zero.txt": RejectReason.OUTSIDE_INPUT,
        "passwd.txt": RejectReason.OUTSIDE_INPUT, "loop.txt": RejectReason.SYMLINK_LOOP,
        "gone.txt": RejectReason.UNREADABLE, "up": RejectReason.SYMLINK_LOOP,
        "outside": RejectReason.OUTSIDE_INPUT}
    docs = sorted(Path(d.source).name for d in found if isinstance(d, RawDocument))
    assert docs == ["good.txt", "inside.txt"]


def test_a_fifo_or_device_named_directly_never_blocks(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    done: list = []
    worker = threading.Thread(target=lambda: done.append(read(fifo, "/dev/zero")), daemon=True)
    worker.start()
    worker.join(10)
    assert done, "reading a FIFO hung"
    assert [i.reason for i in done[0]] == [RejectReason.SPECIAL_FILE, RejectReason.SPECIAL_FILE]


def test_a_link_named_directly_stays_in_its_folder(tmp_path: Path) -> None:
    (tmp_path / "real.txt").write_text(BODY)
    (tmp_path / "link.txt").symlink_to(tmp_path / "real.txt")
    (tmp_path / "passwd.txt").symlink_to("/etc/passwd")
    first, second = read(tmp_path / "link.txt", tmp_path / "passwd.txt")
    assert isinstance(first, RawDocument) and first.source == str(tmp_path / "link.txt")
    assert second.reason is RejectReason.OUTSIDE_INPUT


def test_a_glob_does_not_follow_links_out(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(BODY)
    (tmp_path / "b.txt").symlink_to("/etc/passwd")
    found = read(str(tmp_path / "*.txt"))
    assert reasons(found) == {"b.txt": RejectReason.OUTSIDE_INPUT}


@pytest.mark.skipif(os.geteuid() == 0, reason="root can list a chmod 000 folder")
def test_an_unreadable_folder_is_one_rejection(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(BODY)
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "b.txt").write_text(BODY)
    locked.chmod(0)
    try:
        found = read(tmp_path)
    finally:
        locked.chmod(0o755)
    assert reasons(found) == {"locked": RejectReason.UNREADABLE}


def test_a_folder_that_cannot_be_listed_is_one_rejection(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "a.txt").write_text(BODY)
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "b.txt").write_text(BODY)
    original = sources._sorted_entries

    def entries(folder):
        if Path(folder).name == "locked":
            raise PermissionError(13, "Permission denied")
        return original(folder)

    monkeypatch.setattr(sources, "_sorted_entries", entries)
    found = read(tmp_path)
    assert reasons(found) == {"locked": RejectReason.UNREADABLE}
    assert [Path(d.source).name for d in found if isinstance(d, RawDocument)] == ["a.txt"]


def test_a_non_utf8_file_name_is_rejected_with_a_printable_source(tmp_path: Path) -> None:
    folder = os.fsencode(tmp_path)
    with open(folder + b"/caf\xe9.txt", "wb") as handle:
        handle.write(BODY.encode())
    (found,) = read(tmp_path)
    assert found.reason is RejectReason.BAD_NAME
    assert found.source.endswith("caf\\xe9.txt")
    found.source.encode("utf-8")


def test_deeply_nested_folders_are_walked_without_recursion(tmp_path: Path) -> None:
    folder = tmp_path
    for _ in range(300):
        folder = folder / "d"
    folder.mkdir(parents=True)
    (folder / "deep.txt").write_text(BODY)
    (found,) = read(tmp_path)
    assert isinstance(found, RawDocument)


# ------------------------------------------------------------------ JSON Lines and text fields


def test_jsonl_nul_line_is_one_rejection_and_the_rest_is_read(tmp_path: Path) -> None:
    lines = [json.dumps({"text": f"{BODY} Line {n}."}).encode() for n in range(98)]
    lines[40] = lines[40][:15] + b"\x00" + lines[40][15:]
    path = tmp_path / "items.jsonl"
    path.write_bytes(b"\n".join(lines))
    found = read(path)
    assert reasons(found) == {"items.jsonl#41": RejectReason.BINARY}
    assert sum(isinstance(i, RawDocument) for i in found) == 97


def test_jsonl_splits_on_newlines_only(tmp_path: Path) -> None:
    text = f"{BODY} A\u2028B\u2029C\x85D\x0cE\x1cF."
    path = tmp_path / "seps.jsonl"
    path.write_bytes((json.dumps({"text": text}, ensure_ascii=False) + "\r\n").encode())
    (doc,) = read(path)
    assert isinstance(doc, RawDocument) and "A\u2028B\u2029C\x85D" in doc.text


def test_huge_integers_and_lone_surrogates_are_no_trouble(tmp_path: Path) -> None:
    path = tmp_path / "odd.json"
    digits = "9" * 5000
    path.write_text(f'{{"text": "{BODY} \\ud800 end.", "title": "A \\udc00 title", '
                    f'"n": {digits}}}')
    (doc,) = read(path)
    assert isinstance(doc, RawDocument)
    assert "\ud800" not in doc.text and "\ufffd end." in doc.text
    assert doc.field("title") == "A \ufffd title"
    doc.text.encode("utf-8")


def test_prose_that_mentions_markup_stays_text(tmp_path: Path) -> None:
    hostile = f'{BODY} <svg onload=alert(1)> " onmouseover=x x=" <p>and</p> <b>more</b>.'
    path = tmp_path / "x.jsonl"
    path.write_text(json.dumps({"text": hostile}) + "\n"
                    + json.dumps({"text": f"<p>{BODY}</p><p>Second.</p>"}) + "\n")
    prose, page = read(path)
    assert prose.kind == "text" and prose.text == hostile
    assert page.kind == "html"


def test_markup_swallowed_by_extraction_is_listed_as_removed(tmp_path: Path) -> None:
    html = (f"<p>{BODY}</p><p><svg onload=alert(1)> \" onmouseover=x x=\"</p>"
            "<p>The next paragraph holds a sentence that must not vanish silently.</p>")
    path = tmp_path / "x.jsonl"
    path.write_text(json.dumps({"text": html}) + "\n")
    (article,) = batch.iter_ingested(expand_paths([str(path)]), SETTINGS)
    assert isinstance(article, Article)
    kept = article.text + " ".join(r.line for r in article.removed)
    assert "must not vanish silently" in kept and "onmouseover=x" in kept


# ------------------------------------------------------------------ the watchdog


def _slow_clean(monkeypatch: pytest.MonkeyPatch, seconds: float) -> None:
    original = batch.clean_document

    def slow(doc, sidecar, settings):
        if "slow" in Path(doc.source).name:
            deadline = time.monotonic() + seconds
            while time.monotonic() < deadline:  # busy Python code, as a parser would be
                pass
        return original(doc, sidecar, settings)

    monkeypatch.setattr(batch, "clean_document", slow)


def test_watchdog_rejects_a_slow_file_and_goes_on(tmp_path: Path, monkeypatch) -> None:
    _slow_clean(monkeypatch, 30)
    (tmp_path / "a_slow.txt").write_text(BODY)
    (tmp_path / "b_fine.txt").write_text(BODY)
    settings = replace(SETTINGS, max_seconds=0.5)
    started = time.monotonic()
    items = list(batch.iter_ingested(expand_paths([str(tmp_path)]), settings))
    assert time.monotonic() - started < 10
    assert [type(i).__name__ for i in items] == ["Rejected", "Article"]
    assert items[0].reason is RejectReason.TIMEOUT


def test_watchdog_outside_the_main_thread_rejects_after_the_fact(tmp_path: Path,
                                                                 monkeypatch) -> None:
    _slow_clean(monkeypatch, 0.6)
    (tmp_path / "slow.txt").write_text(BODY)
    settings = replace(SETTINGS, max_seconds=0.2)
    out: list = []
    worker = threading.Thread(target=lambda: out.extend(
        batch.iter_ingested(expand_paths([str(tmp_path)]), settings)))
    worker.start()
    worker.join(20)
    assert [i.reason for i in out] == [RejectReason.TIMEOUT]


def test_a_parser_crash_is_a_rejection_not_a_traceback(tmp_path: Path, monkeypatch) -> None:
    def broken(doc, sidecar, settings):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(batch, "clean_document", broken)
    (tmp_path / "a.txt").write_text(BODY)
    (item,) = batch.iter_ingested(expand_paths([str(tmp_path)]), SETTINGS)
    assert item.reason is RejectReason.MALFORMED and "RecursionError" in item.detail
