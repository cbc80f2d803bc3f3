"""End to end on the five seed articles: the troop figures, the poll and the claim chart,
through the CLI and the store (the product path)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from storyline.cli import cli
from storyline.config import load_settings
from storyline.records import Article
from storyline.render.claim_chart import chart_svg, claim_chart
from storyline.services.common import open_store
from storyline.services.reading import all_stories
from storyline.story.claims import state_group

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def seeds_db(tmp_path_factory, seeds_dir):
    """The seeds analyzed by the CLI into a fresh SQLite file."""
    db = str(tmp_path_factory.mktemp("seed-claims") / "seeds.db")
    args = ["analyze", str(seeds_dir), "--metadata", str(seeds_dir / "metadata.jsonl"), "--db", db]
    analyzed = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert analyzed.exit_code == 0, analyzed.output
    return db


@pytest.fixture(scope="module")
def story(seeds_db):
    """The largest story as story JSON v1, exported by the CLI."""
    exported = CliRunner().invoke(cli, ["export", "--all", "--format", "json", "--db", seeds_db])
    documents = json.loads(exported.output)
    return max(documents if isinstance(documents, list) else [documents],
               key=lambda document: len(document["articles"]))


@pytest.fixture(scope="module")
def troops(story):
    claims = {c["id"]: c for c in story["claims"]}
    (group,) = [g for g in story["claim_groups"]
                if any(claims[i]["value"] == 70000 for i in g["claim_ids"])]
    return group, [claims[i] for i in group["claim_ids"]]


def _outlet(story, claim):
    return next(a["outlet"] for a in story["articles"] if a["id"] == claim["article_id"])


def test_troop_counts_by_outlet_and_date(story, troops):
    members = troops[1]
    counts = {(_outlet(story, c), c["value"], c["as_of"]) for c in members
              if c["modality"] in {"reported", "estimate"} and not c["vague"]}
    assert counts == {("Newsweek", 70000, "2021-12-06"), ("CNN", 100000, "2021-12-06"),
                      ("CNN", 150000, "2022-02-21")}


def test_projection_and_vague_range_are_marked(story, troops):
    members = troops[1]
    projected = [c for c in members if c["value"] == 175000]
    assert projected and all(c["modality"] == "projection" for c in projected)
    assert {_outlet(story, c) for c in projected} == {"CNN", "Newsweek"}
    (vague,) = [c for c in members if c["vague"]]
    assert (vague["low"], vague["high"], _outlet(story, vague)) == (10000, 100000, "NPR")
    assert vague["text"].startswith("tens of thousands")


def test_status_is_what_a_careful_reader_gives(troops):
    group, _ = troops
    # CNN's 100,000 and Newsweek's 70,000 describe the same day: the sources disagree
    assert group["status"] == "conflicting"
    assert group["key"].startswith("count|troops")


def test_poll_answers_and_no_junk_groups(story, troops):
    claims = {c["id"]: c for c in story["claims"]}
    assert troops[0] in story["claim_groups"]
    for other in story["claim_groups"]:
        values = {claims[i]["value"] for i in other["claim_ids"]}
        assert not {58, 27} <= values, other
        assert not {49, 17} <= values, other
        texts = " ".join(claims[i]["text"] for i in other["claim_ids"])
        assert "service members" not in texts and "trips" not in texts, other
    assert all(len(g["claim_ids"]) >= 2 for g in story["claim_groups"])
    by_text = {c["text"]: c for c in story["claims"]}
    assert by_text["58%"]["concept"] != by_text["27%"]["concept"]


def test_chart_and_statement_from_the_stored_records(seeds_db):
    settings = load_settings(overrides={"store": {"url": f"sqlite:///{seeds_db}"}}, env={})
    store = open_store(settings)
    view = max(all_stories(store), key=lambda v: len(v.articles))
    articles: dict[str, Article] = {a.id: a for a in view.articles}
    claims = {c.id: c for c in view.story.claims}
    (group,) = [g for g in view.story.claim_groups
                if any(claims[i].value == 70000 for i in g.claim_ids)]
    chart = claim_chart(group, view.story.claims, articles)
    kinds = {(s.outlet, s.kind) for s in chart.series}
    assert {("CNN", "count"), ("Newsweek", "count"), ("CNN", "projection"),
            ("Newsweek", "projection"), ("NPR", "range")} <= kinds
    assert all(p.hollow for s in chart.series if s.kind == "projection" for p in s.points)
    assert [s.outlet for s in chart.series if s.path] == ["CNN"]  # CNN's counts over time
    assert chart.status_words == "sources disagree"
    assert chart_svg(chart).count("<polyline") == 1
    text = state_group(group, view.story.claims, articles)
    assert text.startswith("Sources disagree on ")
    assert "CNN nearly 100,000" in text and "Newsweek around 70,000" in text
    assert "(2021-12-06)" in text and "projected 175,000 (CNN, Newsweek)" in text
