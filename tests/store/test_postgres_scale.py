"""PostgreSQL as the production store: concurrent processes, the full-text index, merges.

Runs against the throw-away server of ``conftest.py``; each test gets its own database.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from storyline.records import Annotation, Article, DateSource, Sentence
from storyline.store import ArticleFilter, open_store

STORYLINE = str(Path(sys.executable).with_name("storyline"))
PLACES = ["Orsk", "Veltria", "Gravenport", "Quillon", "Sarnik", "Lindqvist", "Marow", "Tolland"]


@pytest.fixture()
def pg_db(postgres_url):
    """A fresh database on the throw-away server; its URL."""
    name = "sl_" + uuid.uuid4().hex[:10]
    admin = create_engine(postgres_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"CREATE DATABASE {name}"))
    yield postgres_url.rsplit("/", 1)[0] + "/" + name
    with admin.connect() as conn:
        conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
    admin.dispose()


def _article_text(index: int) -> str:
    place = PLACES[index % len(PLACES)]
    return (f"Item {index}: the harbour council of {place} met on day {index} to discuss "
            f"ferry route number {index * 7}. Councillor Aner{index} said the vote on "
            f"route {index * 7} would come after {index + 3} hearings in {place}.")


def _write_inputs(folder: Path, indexes) -> None:
    folder.mkdir(parents=True)
    with (folder / "items.jsonl").open("w", encoding="utf-8") as handle:
        for i in indexes:
            handle.write(json.dumps({"text": _article_text(i), "title": f"Route {i}",
                                     "published": f"2031-04-{1 + i % 28:02d}",
                                     "url": f"https://example.org/route/{i}"}) + "\n")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            response.read()
            return response.status
    except OSError:
        return 0


def test_two_ingests_and_the_web_app_at_once(pg_db, tmp_path):
    shared = range(60)  # both processes ingest these: the same rows race
    _write_inputs(tmp_path / "one", list(shared) + list(range(100, 160)))
    _write_inputs(tmp_path / "two", list(shared) + list(range(200, 260)))
    env = {**os.environ, "STORYLINE_CONFIG": ""}
    port = _free_port()
    web = subprocess.Popen([STORYLINE, "serve", "--db", pg_db, "--port", str(port)], env=env,
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        ingests = [subprocess.Popen([STORYLINE, "ingest", str(tmp_path / name), "--db", pg_db],
                                    env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
                   for name in ("one", "two")]
        statuses = []
        while any(p.poll() is None for p in ingests):
            statuses.append(_get(f"http://127.0.0.1:{port}/api/v1/articles?limit=5"))
            time.sleep(0.05)
        outputs = [p.communicate() for p in ingests]
        for process, (out, err) in zip(ingests, outputs):
            assert process.returncode == 0, err.decode()
        deadline = time.time() + 20
        while _get(f"http://127.0.0.1:{port}/api/v1/articles") != 200 and time.time() < deadline:
            time.sleep(0.2)
        statuses.append(_get(f"http://127.0.0.1:{port}/api/v1/articles?limit=5"))
    finally:
        web.terminate()
        web.wait(timeout=20)
    assert statuses and statuses[-1] == 200
    assert all(s in (0, 200) for s in statuses)  # 0: the server was still starting
    store = open_store(pg_db)
    try:
        assert store.count_articles() == 180  # none lost, none twice
        assert store.list_rejections() == []
    finally:
        store.close()


def test_concurrent_migrations_take_turns(pg_db):
    code = ("import sys; from storyline.store import open_store; "
            "open_store(sys.argv[1]).close()")
    procs = [subprocess.Popen([sys.executable, "-c", code, pg_db], stderr=subprocess.PIPE)
             for _ in range(3)]
    for proc in procs:
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err.decode()
    engine = create_engine(pg_db)
    with engine.connect() as conn:
        versions = [r[0] for r in conn.execute(text("SELECT version FROM schema_migrations"))]
    engine.dispose()
    assert sorted(versions) == sorted(set(versions)) and 6 in versions


def _sentence_store(url: str, count: int):
    store = open_store(url)
    for i in range(count):
        body = _article_text(i)
        article = Article(id=f"a{i:03d}", source=f"a{i}", text=body, outlet="Harbor Post",
                          published=f"2031-04-{1 + i % 28:02d}",
                          published_from=DateSource.METADATA, content_hash=f"h{i}")
        store.upsert_articles([article])
        store.save_annotation(Annotation(article.id, (("m", "x"),), sentences=(
            Sentence(article.id, 0, 0, len(body), body),)))
    return store


def test_postgres_search_uses_the_full_text_index(pg_db):
    store = _sentence_store(pg_db, 40)
    try:
        hits = store.search_sentences("hearings Orsk", None, 50).items
        assert hits and all("Orsk" in h.text and "hearings" in h.text for h in hits)
        assert {h.article_id for h in hits} == {f"a{i:03d}" for i in range(40) if i % 8 == 0}
        stemmed = store.search_sentences("councillors", None, 5).items  # English stemming
        assert len(stemmed) == 5 and "\x02" in stemmed[0].snippet
        prefix = store.search_sentences("ferr", ArticleFilter(outlet="harbor post"), 3)
        assert len(prefix.items) == 3 and prefix.next == "3"
        with store.engine.connect() as conn:
            conn.execute(text("SET enable_seqscan = off"))
            plan = "\n".join(r[0] for r in conn.execute(text(
                "EXPLAIN SELECT article_id FROM sentences WHERE "
                "to_tsvector('english', text) @@ to_tsquery('english', 'orsk')")))
        assert "ix_sentences_fts" in plan
    finally:
        store.close()


def test_postgres_search_pages_past_the_ranked_matches(pg_db, monkeypatch):
    """Past the matches it ranks, search goes on with the rest, stored last first: pages
    neither repeat nor skip a sentence."""
    from storyline.store import sql_search

    monkeypatch.setattr(sql_search, "RANKED_MATCHES", 5)
    store = _sentence_store(pg_db, 16)
    try:
        seen, cursor = [], None
        while True:
            page = store.search_sentences("ferry", None, 3, cursor)
            seen += [h.article_id for h in page.items]
            assert all("\x02" in h.snippet for h in page.items)
            if page.next is None:
                break
            cursor = page.next
        assert sorted(seen) == [f"a{i:03d}" for i in range(16)]
        assert seen[5:] == [f"a{i:03d}" for i in range(10, -1, -1)]  # stored last first
        assert set(seen[:5]) == {f"a{i:03d}" for i in range(11, 16)}
    finally:
        store.close()
