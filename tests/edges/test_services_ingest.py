"""services.ingest_paths / ingest_uploads: interrupted batches, resume, uploads and limits."""

from __future__ import annotations

import dataclasses
import json
import re
import sqlite3
from pathlib import Path

import pytest
from edge_articles import FERRY, distinct_article, write_text

from storyline import services
from storyline.config import Settings, WebSettings
from storyline.errors import TooLarge, UsageError
from storyline.records import DateSource, RejectReason
from storyline.store import SqlStore, open_store
from storyline.store import sql as sql_module

TOTAL = 2 * services.BATCH + 7  # two whole batches and a part one
_ORIGINAL_UPSERT = SqlStore.upsert_articles


def write_many(folder: Path, count: int = TOTAL) -> list[str]:
    """``count`` distinct small articles; returns their paths in ingest (sorted) order."""
    return [str(write_text(folder / f"n{i:03d}.txt", distinct_article(i)))
            for i in range(count)]


def interrupt_on_call(monkeypatch: pytest.MonkeyPatch, call: int) -> list[int]:
    """Make SqlStore.upsert_articles raise KeyboardInterrupt on its ``call``-th call."""
    calls: list[int] = []
    original = SqlStore.upsert_articles

    def upsert(self, items):
        calls.append(len(items))
        if len(calls) == call:
            raise KeyboardInterrupt
        return original(self, items)

    monkeypatch.setattr(SqlStore, "upsert_articles", upsert)
    return calls


def interrupt_inside_transaction(monkeypatch: pytest.MonkeyPatch, row: int) -> None:
    """Raise KeyboardInterrupt while the ``row``-th article row is written (mid-batch)."""
    original = sql_module._article_row
    seen = []

    def article_row(article):
        seen.append(article.id)
        if len(seen) == row:
            raise KeyboardInterrupt
        return original(article)

    monkeypatch.setattr(sql_module, "_article_row", article_row)


def assert_consistent(db: str, expected: list[str]) -> None:
    """A fresh connection opens the file, finds it intact and exactly ``expected`` stored."""
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    store = open_store(db)
    try:
        page = store.list_articles(None, 500)
        assert sorted(a.source for a in page.items) == sorted(expected)
        assert store.count_articles() == len(expected)
        for article in page.items:
            assert store.get_article(article.id).text == article.text and article.text
    finally:
        store.close()


# ------------------------------------------------------------------ interrupted batches


@pytest.mark.parametrize("how", ["second_call", "mid_transaction"])
def test_interrupted_ingest_keeps_whole_batches_then_resumes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, settings: Settings, db: str,
        how: str) -> None:
    paths = write_many(tmp_path / "in")
    store = services.open_store(settings)
    if how == "second_call":
        calls = interrupt_on_call(monkeypatch, 2)
    else:
        interrupt_inside_transaction(monkeypatch, services.BATCH + 9)
    with pytest.raises(KeyboardInterrupt):
        services.ingest_paths(store, [str(tmp_path / "in")], settings)
    if how == "second_call":
        assert calls == [services.BATCH, services.BATCH]
    store.close()
    assert_consistent(db, paths[:services.BATCH])
    monkeypatch.undo()
    store = services.open_store(settings)
    report = services.ingest_paths(store, [str(tmp_path / "in")], settings)
    store.close()
    assert (report.articles_added, report.unchanged, report.articles_updated) == (
        TOTAL - services.BATCH, services.BATCH, 0)
    assert report.rejected == () and len(report.article_ids) == TOTAL
    assert_consistent(db, paths)


def test_cli_interrupt_exits_130_and_the_next_run_resumes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, invoke, db: str) -> None:
    paths = write_many(tmp_path / "in")
    interrupt_on_call(monkeypatch, 2)
    result = invoke(["ingest", "in"])
    assert result.exit_code == 130
    assert "interrupted" in result.stderr and "run the command again" in result.stderr
    assert "Traceback" not in result.output
    relative = [str(Path(p).relative_to(tmp_path)) for p in paths]
    assert_consistent(db, relative[:services.BATCH])
    monkeypatch.setattr(SqlStore, "upsert_articles", _ORIGINAL_UPSERT)
    result = invoke(["ingest", "in"])
    assert result.exit_code == 0, result.output
    assert (f"ingested: {TOTAL - services.BATCH} added, 0 updated, {services.BATCH} "
            f"unchanged") in result.stdout
    assert_consistent(db, relative)
    listed = json.loads(invoke(["articles", "--json"]).stdout)
    assert len(listed) == TOTAL



def test_a_rejection_before_the_interrupt_is_recorded(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, settings: Settings) -> None:
    write_many(tmp_path / "in")
    (tmp_path / "in" / "n000_empty.txt").write_bytes(b"   \n")
    interrupt_on_call(monkeypatch, 2)
    store = services.open_store(settings)
    with pytest.raises(KeyboardInterrupt):
        services.ingest_paths(store, [str(tmp_path / "in")], settings)
    assert [r.reason for r in store.list_rejections()] == [RejectReason.EMPTY]
    store.close()


def test_progress_reaches_the_number_of_items(tmp_path: Path, settings: Settings) -> None:
    write_text(tmp_path / "in" / "two.jsonl", "\n".join(
        json.dumps({"text": distinct_article(i)}) for i in (1, 2)) + "\n")
    write_text(tmp_path / "in" / "one.txt", distinct_article(3))
    ticks: list[tuple[int, int]] = []
    store = services.open_store(settings)
    services.ingest_paths(store, [str(tmp_path / "in")], settings,
                          progress=lambda done, total: ticks.append((done, total)))
    store.close()
    assert [done for done, _ in ticks] == [1, 2, 3]
    assert all(done <= total for done, total in ticks) and ticks[-1] == (3, 3)


def test_no_paths_is_a_usage_error(settings: Settings) -> None:
    store = services.open_store(settings)
    with pytest.raises(UsageError) as caught:
        services.ingest_paths(store, [], settings)
    assert caught.value.hint and caught.value.exit_code == 2
    store.close()


# ------------------------------------------------------------------ uploads


def small_uploads(settings: Settings, limit: int) -> Settings:
    return dataclasses.replace(settings, web=WebSettings(max_upload_bytes=limit))


def test_uploads_are_recorded_as_upload_name(settings: Settings, tmp_path: Path) -> None:
    files = [("ferry.txt", FERRY.encode("utf-8")),
             ("../../escape/dir/other.txt", distinct_article(31).encode("utf-8")),
             ("two.jsonl", "\n".join(json.dumps({"text": distinct_article(i)})
                                     for i in (32, 33)).encode("utf-8")),
             ("empty.txt", b""),
             ("bad name?.json", b"{oops")]
    store = services.open_store(settings)
    report = services.ingest_uploads(store, files, settings)
    sources = sorted(a.source for a in store.iter_articles())
    assert sources == ["upload/ferry.txt", "upload/other.txt", "upload/two.jsonl#1",
                       "upload/two.jsonl#2"]
    assert report.articles_added == 4 and sorted(report.article_ids) == sorted(
        a.id for a in store.iter_articles())
    assert {(r.source, r.reason) for r in report.rejected} == {
        ("upload/empty.txt", RejectReason.EMPTY), ("upload/bad_name_.json", RejectReason.MALFORMED)}
    assert all(not re.search(r"storyline-upload-|/tmp", r.source + r.detail)
               for r in report.rejected)
    assert not (tmp_path / "escape").exists()
    store.close()


def test_uploading_the_same_file_again_changes_nothing(settings: Settings) -> None:
    files = [("ferry.txt", FERRY.encode("utf-8"))]
    store = services.open_store(settings)
    first = services.ingest_uploads(store, files, settings)
    again = services.ingest_uploads(store, files, settings)
    assert (again.articles_added, again.unchanged) == (0, 1)
    assert again.article_ids == first.article_ids
    store.close()


def test_upload_metadata_sets_the_date(settings: Settings) -> None:
    files = [("ferry.txt", FERRY.encode("utf-8")), ("other.txt", distinct_article(34).encode())]
    metadata = b'{"file": "ferry.txt", "published": "2026-02-14", "outlet": "Isle Post"}\n'
    store = services.open_store(settings)
    services.ingest_uploads(store, files, settings, metadata=metadata)
    found = {a.source: (a.published, a.published_from, a.outlet) for a in store.iter_articles()}
    store.close()
    assert found["upload/ferry.txt"] == ("2026-02-14", DateSource.METADATA, "Isle Post")
    assert found["upload/other.txt"][:2] == (None, DateSource.UNKNOWN)


def test_uploads_over_the_size_limit_raise_and_store_nothing(settings: Settings) -> None:
    data = FERRY.encode("utf-8")
    limited = small_uploads(settings, len(data) + 10)
    store = services.open_store(limited)
    with pytest.raises(TooLarge) as caught:
        services.ingest_uploads(store, [("a.txt", data), ("b.txt", data)], limited)
    assert caught.value.hint and caught.value.http_status == 413
    assert store.count_articles() == 0
    report = services.ingest_uploads(store, [("a.txt", data)], limited)
    assert report.articles_added == 1
    store.close()


def test_an_upload_over_the_per_file_limit_is_rejected(settings: Settings) -> None:
    limited = dataclasses.replace(settings, ingest=dataclasses.replace(settings.ingest,
                                                                       max_bytes=600))
    store = services.open_store(limited)
    report = services.ingest_uploads(store, [("big.txt", FERRY.encode("utf-8")),
                                             ("small.txt", distinct_article(35).encode())],
                                     limited)
    assert [(r.source, r.reason) for r in report.rejected] == [
        ("upload/big.txt", RejectReason.TOO_LARGE)]
    assert [a.source for a in store.iter_articles()] == ["upload/small.txt"]
    store.close()


# ------------------------------------------------------------------ re-ingest after later stages


def test_an_interrupt_while_linking_duplicates_is_repaired_by_the_next_run(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, settings: Settings, db: str) -> None:
    write_text(tmp_path / "in" / "a.txt", FERRY)
    write_text(tmp_path / "in" / "b.txt", FERRY)
    write_text(tmp_path / "in" / "c.txt", distinct_article(41))

    def interrupted(self, rows, links, repoint=None, group_bands=()):
        raise KeyboardInterrupt

    monkeypatch.setattr(SqlStore, "save_dedupe", interrupted)
    store = services.open_store(settings)
    with pytest.raises(KeyboardInterrupt):
        services.ingest_paths(store, [str(tmp_path / "in")], settings)
    assert [a.duplicate_of for a in store.iter_articles()] == [None, None, None]
    monkeypatch.undo()
    report = services.ingest_paths(store, [str(tmp_path / "in")], settings)
    assert (report.unchanged, report.duplicates) == (3, 1)
    linked = {a.source.rsplit("/", 1)[-1]: a.duplicate_of for a in store.iter_articles()}
    store.close()
    assert linked["c.txt"] is None and sum(v is not None for v in linked.values()) == 1


def test_reingest_keeps_an_inferred_date(tmp_path: Path, settings: Settings) -> None:
    write_text(tmp_path / "in" / "a.txt", distinct_article(42))
    store = services.open_store(settings)
    (article_id,) = services.ingest_paths(store, [str(tmp_path / "in")], settings).article_ids
    store.set_published(article_id, "2026-02-20", DateSource.INFERRED.value, 0.6)
    report = services.ingest_paths(store, [str(tmp_path / "in")], settings)
    article = store.get_article(article_id)
    store.close()
    assert (report.unchanged, report.articles_updated) == (1, 0)
    assert (article.published, article.published_from) == ("2026-02-20", DateSource.INFERRED)


@pytest.mark.parametrize("name", ["", "a/b/c.txt", "C:\\Users\\x\\note.txt", ".hidden.txt"])
def test_odd_upload_names_are_made_safe(settings: Settings, name: str) -> None:
    store = services.open_store(settings)
    report = services.ingest_uploads(store, [(name, FERRY.encode("utf-8"))], settings)
    (article,) = store.iter_articles()
    store.close()
    assert report.articles_added == 1 and article.source.startswith("upload/")
    assert re.fullmatch(r"upload/[\w.-]+", article.source)


@pytest.mark.parametrize("name", [".", "..", "a/.."])
def test_dot_upload_names_do_not_crash(settings: Settings, name: str) -> None:
    store = services.open_store(settings)
    report = services.ingest_uploads(store, [(name, FERRY.encode("utf-8"))], settings)
    store.close()
    assert report.articles_added + len(report.rejected) == 1
