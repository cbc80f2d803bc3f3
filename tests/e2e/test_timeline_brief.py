"""End to end on the five seed articles: the timeline dates events right, keeps forecasts
apart, and the brief tells the story without repeating itself, each claim supported."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from storyline.cli import cli
from storyline.story.brief import redundant_pairs, word_overlap

pytestmark = pytest.mark.slow


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def story(tmp_path_factory, seeds_dir):
    db = str(tmp_path_factory.mktemp("seeds-timeline") / "seeds.db")
    result = run("analyze", str(seeds_dir), "--metadata", str(seeds_dir / "metadata.jsonl"),
                 "--db", db)
    assert result.exit_code == 0, result.output
    exported = run("export", "--all", "--format", "json", "--db", db)
    value = json.loads(exported.output)
    stories = value if isinstance(value, list) else [value]
    return max(stories, key=lambda s: s["story"]["article_count"])


def _entries(story, needle: str) -> list[dict]:
    return [e for e in story["timeline"] if needle in e["summary"]]


def test_a_past_event_is_dated_by_its_own_date_not_a_date_it_mentions(story):
    killer = _entries(story, "called Putin a killer")
    assert [e["date"] for e in killer] == ["2021-03"], killer
    assert not killer[0]["expected"]
    assert not any(e["date"] == "2020" for e in story["timeline"])


def test_commentary_is_no_timeline_entry(story):
    assert not _entries(story, "can’t afford blows to his prestige")


def test_forecasts_are_kept_apart_as_expected_with_the_date_they_point_to(story):
    forecasts = [e for e in story["timeline"] if e["expected"]]
    assert forecasts, story["timeline"]
    invasion = [e for e in story["timeline"]
                if re.search(r"invade as (soon|early) as", e["summary"])]
    assert invasion and all(e["expected"] and e["date"] == "2022-01" for e in invasion)
    assert all(isinstance(e["expected"], bool) for e in story["timeline"])


def test_the_summit_offer_is_the_entry_of_its_day(story):
    day = [e for e in story["timeline"] if e["date"] == "2022-02-20" and not e["expected"]]
    assert len(day) == 1
    first = day[0]["summary"].split(". ")[0]
    assert "agreeing in principle to a summit" in first, day[0]["summary"]


def test_no_two_entries_of_a_day_say_the_same_thing(story):
    texts = {a["id"]: a["text"] for a in story["articles"]}
    by_day: dict[str, list[str]] = {}
    for entry in story["timeline"]:
        for c in entry["citations"]:
            by_day.setdefault(entry["date"], []).append(
                texts[c["article_id"]][c["start"]:c["end"]])
    for day, sentences in by_day.items():
        assert len(sentences) == len(set(sentences)), day
        for i, a in enumerate(sentences):
            for b in sentences[i + 1:]:
                assert word_overlap(a, b) < 0.6, (day, a, b)


def test_the_brief_has_no_repeated_content(story):
    texts = [b["text"] for b in story["brief"]]
    assert 5 <= len(texts) <= 10
    assert redundant_pairs(texts) == []
    calls = [t for t in texts if re.search(r"video call|virtual meeting|critical calls", t)]
    assert len(calls) <= 1, calls


def test_the_brief_covers_troops_demands_and_threatened_sanctions(story):
    texts = " ".join(b["text"] for b in story["brief"])
    assert re.search(r"\d{2,3},000 (Russian )?troops", texts), texts
    assert re.search(r"\bdemand", texts), texts
    assert "sanctions" in texts, texts
    assert story["brief"][0]["citations"][0]["article_id"] == max(
        story["articles"], key=lambda a: a["published"])["id"]


def test_every_brief_citation_supports_its_sentence(seeds_dir):
    result = run("eval", "citations", "--data", str(seeds_dir), "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.output.strip().splitlines()[-1])
    assert report["metrics"]["numbers"] == 1.0
    assert report["metrics"]["actors"] == 1.0
    assert report["metrics"]["all"] == 1.0
