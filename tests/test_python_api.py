"""The Python API over a real SQLite file filled with the hand-built sample story."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "render"))

from storyline_sample import fill_store

import storyline
from storyline.errors import NotFound, UsageError
from storyline.records import Article, Quote, Story, StoryItem, StoryView
from storyline.store import open_store
from storyline.store.base import SearchHit, StorySummary


@pytest.fixture()
def db(tmp_path) -> Path:
    path = tmp_path / "sample.db"
    store = open_store(str(path))
    fill_store(store)
    store.close()
    return path


@pytest.fixture()
def sl(db):
    with storyline.open(db) as opened:
        yield opened


def test_import_storyline_stays_light():
    import subprocess

    code = ("import sys, storyline; "
            "print(sorted(m for m in ('fastapi', 'spacy', 'sqlalchemy', 'pandas') "
            "if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "[]"


def test_open_returns_a_storyline(sl, db):
    assert isinstance(sl, storyline.Storyline) and str(db) in repr(sl)


def test_open_refuses_a_missing_file_without_create(tmp_path):
    missing = tmp_path / "none.db"
    with pytest.raises(UsageError, match="no database"):
        storyline.open(missing, create=False)
    assert not missing.exists()
    storyline.open(missing).close()
    assert missing.is_file()


def test_stories_are_typed_records(sl):
    stories = sl.stories()
    assert isinstance(stories, storyline.Records) and len(stories) == 2
    assert all(isinstance(s, StorySummary) for s in stories)
    assert [s.title.split()[0] for s in stories] == ["Harbor", "River"]
    assert [s.title for s in sl.stories(actor="Velin")] == [stories[0].title]
    assert len(sl.stories(limit=1)) == 1
    table = stories.to_pandas()
    assert list(table["id"]) == [s.id for s in stories] and "build" not in table
    assert list(table["stale"]) == [True, True]  # built with no stage keys


def test_a_story_is_a_story_view(sl):
    harbor = sl.stories()[0]
    view = sl.story(harbor.id[:5])
    assert isinstance(view, StoryView) and isinstance(view.story, Story)
    assert view.story.id == harbor.id and len(view.articles) == 4
    texts = {a.id: a.text for a in view.articles}
    assert all(texts[q.article_id][q.start:q.end] == q.text for q in view.story.quotes)
    assert sl.story_json(harbor.id)["schema"] == "storyline.story/v1"
    with pytest.raises(NotFound):
        sl.story("feedbeefcafe")


def test_articles_and_one_article(sl):
    every = sl.articles()
    assert len(every) == 5 and all(isinstance(a, Article) for a in every)
    assert [a.outlet for a in sl.articles(outlet="coast herald")] == ["Coast Herald"]
    assert len(sl.articles(since="2026-03-15")) == 2
    harbor = sl.stories()[0].id
    assert len(sl.articles(story_id=harbor[:6])) == 4
    view = sl.article(every[0].id[:8])
    assert view.article == every[0] and view.annotation is not None


def test_items_of_one_story_or_all(sl):
    harbor = sl.story(sl.stories()[0].id).story
    quotes = sl.quotes(harbor.id)
    assert [q.item for q in quotes] == list(harbor.quotes)
    assert all(isinstance(q, StoryItem) and isinstance(q.item, Quote) for q in quotes)
    rows = quotes.to_dicts()
    assert rows[0]["story_id"] == harbor.id and rows[0]["text"] == harbor.quotes[0].text
    claims = sl.claims().to_pandas()
    assert set(claims["group_id"]) == {harbor.claim_groups[0].id}
    events = sl.events(harbor.id, since="2026-03-10").to_pandas()
    assert sorted(events["date"]) == ["2026-03-10", "2026-03-20"]
    assert len(sl.actors(harbor.id)) == len(harbor.actors)
    assert [i.item.name for i in sl.actors(actor="Brask")] == ["Teo Brask"]


def test_search(sl):
    hits = sl.search("troops")
    assert len(hits) >= 3 and all(isinstance(h, SearchHit) for h in hits)
    assert {h.outlet for h in sl.search("troops", outlet="Coast Herald")} == {"Coast Herald"}
    assert len(sl.search("troops", limit=1)) == 1


@pytest.mark.parametrize("call", [
    lambda sl: sl.stories(since="2026-13"),
    lambda sl: sl.articles(until="2026-02-30"),
    lambda sl: sl.search("troops", since="soon"),
    lambda sl: sl.quotes(since="2026-00"),
])
def test_impossible_dates_are_usage_errors(sl, call):
    with pytest.raises(UsageError, match="date"):
        call(sl)


def test_tables_to_parquet_and_back(sl, tmp_path):
    pandas = pytest.importorskip("pandas")
    pytest.importorskip("pyarrow")
    articles = sl.articles()
    path = articles.to_parquet(tmp_path / "articles.parquet")
    back = pandas.read_parquet(path)
    assert list(back["id"]) == [a.id for a in articles]
    assert list(back["published_from"]) == [a.published_from.value for a in articles]
    assert back.loc[0, "text"] == articles[0].text
    quotes = sl.quotes().to_arrow()
    assert quotes.num_rows == len(sl.quotes()) and "speaker_actor_id" in quotes.column_names


def test_records_slice_and_repr(sl):
    articles = sl.articles()
    assert isinstance(articles[:2], storyline.Records) and len(articles[:2]) == 2
    assert repr(articles) == "<Records: 5 Article>"


def test_without_pandas_the_hint_names_the_extra(sl, monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(UsageError) as caught:
        sl.articles().to_pandas()
    assert "storyline[tables]" in caught.value.hint


def test_delete_through_the_api(sl):
    river = sl.stories()[1]
    report = sl.delete_stories([river.id], with_articles=True)
    assert report.stories_deleted == (river.id,) and len(report.article_ids) == 1
    assert len(sl.stories()) == 1 and len(sl.articles()) == 4
