"""Listings page in index order: no query sorts a whole table per page (SQLite plans)."""

from __future__ import annotations

import pytest
from sqlalchemy import select, text

from storyline.store import open_store
from storyline.store.schema import stories, story_items_query


@pytest.fixture()
def store(tmp_path):
    s = open_store(str(tmp_path / "plans.db"))
    yield s
    s.close()


def _plan(store, query) -> str:
    sql = str(query.compile(store.engine, compile_kwargs={"literal_binds": True}))
    with store.engine.connect() as conn:
        return " | ".join(str(r[-1]) for r in conn.execute(text("EXPLAIN QUERY PLAN " + sql)))


def test_listing_queries_use_their_indexes(store):
    story_list = (select(stories.c.id).order_by(stories.c.last_published.desc(), stories.c.id)
                  .limit(51).offset(500))
    queries = {"articles": store._article_query(None).limit(51).offset(500),
               "stories": story_list,
               "quotes": story_items_query("quotes", None).limit(51).offset(500)}
    for name, query in queries.items():
        plan = _plan(store, query)
        assert "TEMP B-TREE" not in plan, (name, plan)
        assert "_listing" in plan, (name, plan)
