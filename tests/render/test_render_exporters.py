"""Exports read the records; story JSON v1 comes from render/json_v1.py alone."""

from __future__ import annotations

import csv
import io
import json

import pytest
from storyline_sample import as_json, build_sample, second_story

from storyline.errors import UsageError
from storyline.render.exporters import export_text, write_csv


@pytest.fixture(scope="module")
def views():
    return [build_sample()[2], second_story()[1]]


def test_json_exports_are_story_json_v1(views):
    (one,) = json.loads(export_text(views[:1], "json"))  # always an array
    assert one == as_json(views[0]) and one["schema"] == "storyline.story/v1"
    assert [c["modality"] for c in one["claims"]] == ["reported", "reported", "projection"]
    several = json.loads(export_text(views, "json"))
    assert several == [as_json(v) for v in views]
    lines = export_text(views, "jsonl").splitlines()
    assert [json.loads(line) for line in lines] == several
    assert export_text(views[:1], "json") == json.dumps([as_json(views[0])],
                                                        ensure_ascii=False, indent=2) + "\n"


def test_markdown_export_joins_the_stories(views):
    text = export_text(views, "md")
    assert text.count("\n---\n\n# ") == 1 and "# River ferry resumes" in text


def test_unknown_format_is_refused(views):
    with pytest.raises(UsageError):
        export_text(views, "pdf")


def test_csv_folder_merges_the_tables(views, tmp_path):
    write_csv(views, tmp_path / "tables")
    text = (tmp_path / "tables" / "timeline.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == sum(len(v.story.timeline) for v in views)
    assert text.count("date,granularity") == 1
