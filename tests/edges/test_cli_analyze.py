"""The analyze/annotate/stories/export/report commands on the bundled sample (real spaCy)."""

from __future__ import annotations

import csv
import io
import json
import shutil
import zipfile
from pathlib import Path

import pytest

from storyline import services
from storyline.config import load_settings
from storyline.store import open_store

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture()
def sample(tmp_path: Path) -> Path:
    target = tmp_path / "examples"
    shutil.copytree(EXAMPLES, target)
    return target


@pytest.fixture()
def analyzed(invoke, sample: Path):
    result = invoke(["analyze", str(sample), "--metadata", str(sample / "metadata.jsonl")])
    assert result.exit_code == 0, result.output
    return result


def _story(invoke) -> dict:
    stories = json.loads(invoke(["export", "--all", "--format", "json"]).stdout)
    assert isinstance(stories, list) and len(stories) == 1
    return stories[0]


def test_analyze_builds_one_story_with_every_part(analyzed, invoke):
    assert "built 1 stories" in analyzed.stdout
    story = _story(invoke)
    assert story["schema"] == "storyline.story/v1"
    assert story["story"]["article_count"] == len(story["articles"]) >= 5
    for key in ("actors", "quotes", "claims", "claim_groups", "events", "timeline", "brief"):
        assert story[key], key
    texts = {a["id"]: a["text"] for a in story["articles"]}
    for item in story["quotes"] + story["claims"]:
        assert texts[item["article_id"]][item["start"]:item["end"]] == item["text"]


def test_annotation_is_incremental(analyzed, invoke):
    again = invoke(["annotate"])
    assert again.exit_code == 0
    assert "annotated 0 articles" in again.stdout


def test_article_view_shows_annotations(analyzed, invoke):
    story = _story(invoke)
    quoted = story["quotes"][0]["article_id"]
    result = invoke(["article", quoted[:8]])
    assert result.exit_code == 0, result.output
    for heading in ("cleaned text", "removed lines", "quotes", "numeric claims",
                    "time expressions", "actors"):
        assert heading in result.stdout, heading


def test_workers_give_the_same_annotations(tmp_path, sample):
    def annotations(workers: int) -> dict:
        settings = load_settings(env={}, overrides={
            "store": {"url": str(tmp_path / f"w{workers}.db")},
            "annotate": {"workers": workers}})
        store = open_store(settings.store.url)
        services.ingest_paths(store, [str(sample)], settings,
                              metadata=str(sample / "metadata.jsonl"))
        report = services.annotate_pending(store, settings)
        assert report.annotated >= 5
        return {a.id: store.get_annotation(a.id) for a in store.iter_articles()}

    assert annotations(2) == annotations(1)


def test_export_formats(analyzed, invoke, tmp_path):
    story_id = _story(invoke)["story"]["id"]
    lines = invoke(["export", "--all", "--format", "jsonl"]).stdout.strip().splitlines()
    assert [json.loads(line)["story"]["id"] for line in lines] == [story_id]
    markdown = invoke(["export", story_id[:6], "--format", "md"]).stdout
    assert markdown.startswith("# ") and "[^1]" in markdown
    target = tmp_path / "tables.zip"
    assert invoke(["export", "--all", "--format", "csv", "--out", str(target)]).exit_code == 0
    with zipfile.ZipFile(target) as archive:
        names = archive.namelist()
        assert any(n.endswith("quotes.csv") for n in names)
        claims = next(n for n in names if n.endswith("claims.csv"))
        rows = list(csv.DictReader(io.StringIO(archive.read(claims).decode("utf-8"))))
        assert rows
    folder = tmp_path / "tables"
    assert invoke(["export", "--all", "--format", "csv", "--out", f"{folder}/"]).exit_code == 0
    assert (folder / "timeline.csv").is_file()
    assert invoke(["export", "--all", "--format", "csv"]).exit_code == 2
    assert invoke(["export", "--format", "json"]).exit_code == 2


def test_report_and_open(analyzed, invoke, tmp_path, monkeypatch, sample):
    opened = []
    monkeypatch.setattr("webbrowser.open", lambda url: opened.append(url) or True)
    out = tmp_path / "r.html"
    assert invoke(["report", "--all", "-o", str(out)]).exit_code == 0
    html = out.read_text(encoding="utf-8")
    assert "<html" in html and "src=\"http" not in html
    target = tmp_path / "opened.html"
    result = invoke(["analyze", "--open", "--report", str(target)])
    assert result.exit_code == 0, result.output
    assert target.is_file() and opened == [target.resolve().as_uri()]


def test_stories_lists_the_story(analyzed, invoke):
    result = invoke(["stories"])
    assert result.exit_code == 0
    assert "1 stories" in result.stdout


def test_eval_command_prints_metrics_and_floors(invoke, seeds_dir):
    result = invoke(["eval", "seeds", "--data", str(seeds_dir), "--no-rows"], with_db=False)
    assert result.exit_code == 0, result.output
    assert "seeds.sentences_kept_ratio = 1.0" in result.stdout
    assert "(floor" in result.stdout
    bad = invoke(["eval", "times", "--data", str(seeds_dir)], with_db=False)
    assert bad.exit_code != 0
