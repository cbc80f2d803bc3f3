"""Parse once, re-run rules from the stored parse; stale stories marked and rebuilt."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

from storyline import services
from storyline.annotate import STAGES
from storyline.config import load_settings
from storyline.pipeline import Table, dependents
from storyline.store import open_store

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
#: the annotate stages that read the reference date, and those that depend on them
DATED = tuple(dependents(STAGES, [s.name for s in STAGES.stages if "reference" in s.requires]))

pytestmark = pytest.mark.slow


@pytest.fixture()
def settings(tmp_path: Path):
    return load_settings(env={}, overrides={"store": {"url": str(tmp_path / "r.db")}})


@pytest.fixture()
def store(settings, tmp_path: Path):
    target = tmp_path / "examples"
    shutil.copytree(EXAMPLES, target)
    store = open_store(settings.store.url)
    services.ingest_paths(store, [str(target)], settings,
                          metadata=str(target / "metadata.jsonl"))
    yield store
    store.close()


def _annotations(store) -> dict:
    return {a.id: store.get_annotation(a.id) for a in store.iter_articles()}


def test_rerun_of_one_stage_reads_stored_parses_and_changes_nothing(store, settings):
    first = services.annotate_pending(store, settings)
    assert first.parsed == first.annotated > 0 and store.parse_bytes() > 0
    before = _annotations(store)
    again = services.annotate_pending(store, settings, rerun=["times"])
    assert again.parsed == 0 and again.annotated == first.annotated
    assert again.stages == tuple(dependents(STAGES, ["times"]))  # times and its dependents
    assert "sentences" not in again.stages and "quotes" not in again.stages
    assert _annotations(store) == before
    assert services.annotate_pending(store, settings).annotated == 0


def test_a_new_reference_date_reruns_only_the_dated_stages(store, settings):
    services.annotate_pending(store, settings)
    article = next(a for a in store.iter_articles() if a.published)
    store.set_published(article.id, "2031-01-01", "inferred", 0.5)
    report = services.annotate_pending(store, settings)
    assert report.article_ids == (article.id,) and report.parsed == 0
    assert report.stages == DATED


def test_without_stored_parses_a_rerun_parses_again(store, settings):
    plain = dataclasses.replace(settings, annotate=dataclasses.replace(
        settings.annotate, store_parses=False))
    first = services.annotate_pending(store, plain)
    assert store.parse_bytes() == 0
    assert services.annotate_pending(store, plain, rerun=["quotes"]).parsed == first.annotated


def test_an_upgraded_stage_reruns_with_its_dependents_only(store, settings, monkeypatch):
    services.annotate_pending(store, settings)
    quotes = STAGES.stage("quotes")
    upgraded = tuple(dataclasses.replace(s, version=s.version + "-next") if s is quotes else s
                     for s in STAGES.stages)
    monkeypatch.setattr("storyline.annotate.STAGES", Table("annotate", STAGES.inputs, upgraded))
    report = services.annotate_pending(store, settings)
    assert report.parsed == 0 and report.stages == ("quotes", "claims", "linking")


def test_stories_built_with_other_settings_are_stale_until_rebuilt(store, settings):
    services.analyze(store, settings)
    current = services.story_build(settings)
    assert not any(services.is_stale(s.build, current)
                   for s in services.list_stories(store).items)
    changed = dataclasses.replace(settings, story=dataclasses.replace(
        settings.story, brief_max=settings.story.brief_max - 1))
    newer = services.story_build(changed)
    assert all(services.is_stale(s.build, newer) for s in services.list_stories(store).items)
    report = services.analyze(store, changed)  # no paths: brings stale stories up to date
    assert report.stories.stories_built == len(services.list_stories(store).items)
    assert not any(services.is_stale(s.build, newer) for s in services.list_stories(store).items)
    assert services.analyze(store, changed).stories.stories_built == 0


def test_cli_marks_stale_stories_and_rebuild_clears_them(invoke, tmp_path):
    target = tmp_path / "ex"
    shutil.copytree(EXAMPLES, target)
    assert invoke(["analyze", str(target), "--metadata", str(target / "metadata.jsonl")]
                  ).exit_code == 0
    assert "stale" not in invoke(["stories"]).stdout
    env = {"STORYLINE_STORY_BRIEF_MAX": "6"}
    listed = invoke(["stories"], env=env).stdout
    assert "stale (storyline rebuild)" in listed
    rebuilt = invoke(["rebuild"], env=env)
    assert rebuilt.exit_code == 0 and "rebuilt 1 stories" in rebuilt.stdout
    assert "stale" not in invoke(["stories"], env=env).stdout
    rerun = invoke(["annotate", "--rerun", "events"])
    assert rerun.exit_code == 0 and "0 parsed afresh" in rerun.stdout
    assert "(stages: events)" in rerun.stdout  # nothing depends on events
    bad = invoke(["annotate", "--rerun", "nosuchstage"])
    assert bad.exit_code == 1 and "nosuchstage" in bad.output
