from __future__ import annotations

import csv
import io
import zipfile

import pytest
from storyline_sample import build_sample, second_story

from storyline.records import StoryView
from storyline.render.csv_export import cell, story_csv_tables, write_csv_zip


@pytest.fixture(scope="module")
def story() -> StoryView:
    return build_sample()[2]


def _rows(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


def test_every_table_is_there_with_one_row_per_item(story):
    tables = story_csv_tables(story)
    assert set(tables) == {"quotes", "claims", "events", "timeline", "actors"}
    for name in tables:
        assert len(_rows(tables[name])) == len(getattr(story.story, name)), name


def test_rows_keep_offsets_and_names(story):
    tables = story_csv_tables(story)
    texts = {a.id: a.text for a in story.articles}
    for row in _rows(tables["quotes"]):
        assert texts[row["article_id"]][int(row["start"]):int(row["end"])] == row["text"]
    claims = _rows(tables["claims"])
    assert [float(r["value"]) for r in claims] == [40000, 60000, 85000]
    assert [r["modality"] for r in claims] == ["reported", "reported", "projection"]
    group = story.story.claim_groups[0].id
    assert {r["group_id"] for r in claims} == {group}
    assert {r["outlet"] for r in claims} == {"Daily Ledger", "Coast Herald", "Wire Service"}
    events = {r["type"]: r for r in _rows(tables["events"])}
    assert events["ACCUSE"]["source"] == "Mara Velin" and events["ACCUSE"]["target"] == "Ostrava"
    actors = {r["name"]: r for r in _rows(tables["actors"])}
    assert actors["Teo Brask"]["roles"] == "Foreign Minister"
    assert actors["Mara Velin"]["aliases"] == "Velin"


def test_formulas_are_defused():
    assert cell("=HYPERLINK(\"http://x\")") == "'=HYPERLINK(\"http://x\")"
    assert cell("+1") == "'+1" and cell("@x") == "'@x" and cell("-2") == "'-2"
    assert cell(-2) == -2 and cell(None) == "" and cell(True) == "true"
    assert cell("plain") == "plain"


def test_write_csv_zip(tmp_path, story):
    _, other = second_story()
    path = write_csv_zip([story, other], tmp_path / "out.zip")
    with zipfile.ZipFile(path) as archive:
        names = sorted(archive.namelist())
        assert len(names) == 10
        sid = story.story.id
        assert f"{sid}/quotes.csv" in names
        text = archive.read(f"{sid}/claims.csv").decode("utf-8")
    assert text == story_csv_tables(story)["claims"]
