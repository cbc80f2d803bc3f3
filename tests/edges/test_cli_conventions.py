"""CLI conventions (sqlite-utils and datasette are the model): --json on every read command,
one shape for export, --out writes the file it names, read commands never create a
database, search, delete, wrapped text, shell completion."""

from __future__ import annotations

import csv
import io
import json
import sys
import warnings
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "render"))

from storyline_sample import TEXT_A, fill_store

from storyline.cli import cli
from storyline.config import Settings
from storyline.store import open_store
from storyline.web.app import create_app

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient


@pytest.fixture()
def sample(db: str) -> dict:
    """The sample store (two stories, five articles); returns the harbor story's JSON."""
    store = open_store(db)
    story = fill_store(store)
    store.close()
    return story


@pytest.fixture()
def api(db: str, sample):
    store = open_store(db)
    yield TestClient(create_app(Settings(), store), base_url="http://127.0.0.1")
    store.close()


def _ok(result) -> str:
    assert result.exit_code == 0, result.output
    return result.stdout


# ------------------------------------------------------------------ no database is created


READ_COMMANDS = [["articles"], ["article", "abc"], ["stories"], ["search", "troops"],
                 ["export", "--all"], ["report", "--all", "-o", "r.html"],
                 ["delete", "article", "abc"], ["delete", "story", "abc"],
                 ["serve"], ["articles", "--json"]]


@pytest.mark.parametrize("args", READ_COMMANDS, ids=lambda a: " ".join(a))
def test_read_commands_never_create_a_database(invoke, tmp_path, args):
    missing = tmp_path / "mistyped.db"
    result = invoke([*args, "--db", str(missing)], with_db=False)
    assert result.exit_code == 2
    assert f"no database at {missing}" in result.output and "hint:" in result.output
    assert not missing.exists() and not (tmp_path / "r.html").exists()


def test_a_write_command_still_creates_it(invoke, tmp_path, db):
    (tmp_path / "a.txt").write_text("The pier reopened on Monday after repairs to the deck.")
    _ok(invoke(["ingest", "a.txt"]))
    assert Path(db).is_file()


# ------------------------------------------------------------------ --json everywhere


def test_stories_json_is_the_api_listing(invoke, api):
    listed = json.loads(_ok(invoke(["stories", "--json"])))
    assert listed == api.get("/api/v1/stories").json()["items"] and len(listed) == 2
    lines = _ok(invoke(["stories", "--json", "--nl"])).splitlines()
    assert [json.loads(line) for line in lines] == listed


def test_articles_json_is_the_api_listing(invoke, api, sample):
    listed = json.loads(_ok(invoke(["articles", "--json"])))
    assert listed == api.get("/api/v1/articles").json()["items"] and len(listed) == 5
    story_id = sample["story"]["id"]
    members = json.loads(_ok(invoke(["articles", "--json", "--story", story_id[:6]])))
    assert {a["id"] for a in members} == {a["id"] for a in sample["articles"]}


def test_article_json_is_the_api_object(invoke, api, sample):
    article_id = sample["articles"][0]["id"]
    shown = json.loads(_ok(invoke(["article", article_id[:8], "--json"])))
    assert shown == api.get(f"/api/v1/articles/{article_id}").json()
    assert shown["story_id"] == sample["story"]["id"]


def test_search_json_is_the_api_listing(invoke, api):
    hits = json.loads(_ok(invoke(["search", "troops", "--json"])))
    assert hits == api.get("/api/v1/search", params={"q": "troops"}).json()["items"]
    assert len(hits) >= 3 and all("troops" in h["text"].lower() for h in hits)


def test_stages_json(invoke):
    tables = json.loads(_ok(invoke(["stages", "--json"], with_db=False)))
    assert [t["layer"] for t in tables] == ["annotate", "collection", "story"]
    first = tables[0]["stages"][0]
    assert set(first) == {"name", "version", "requires", "produces", "module", "settings"}


# ------------------------------------------------------------------ export


def test_export_json_is_always_a_list(invoke, sample):
    one = json.loads(_ok(invoke(["export", sample["story"]["id"][:6]])))
    assert isinstance(one, list) and len(one) == 1
    assert one[0]["story"]["id"] == sample["story"]["id"]
    every = json.loads(_ok(invoke(["export", "--all", "--format", "json"])))
    assert isinstance(every, list) and len(every) == 2
    assert sample["story"]["id"] in {s["story"]["id"] for s in every}


def test_out_writes_the_file_it_names(invoke, tmp_path, sample):
    result = invoke(["export", "--all", "--out", "stories.json"])
    assert result.exit_code == 0 and result.stdout == ""
    assert len(json.loads((tmp_path / "stories.json").read_text())) == 2
    _ok(invoke(["export", "--all", "--format", "md", "--out", "brief.md"]))
    assert (tmp_path / "brief.md").read_text().startswith("# ")


def test_a_csv_file_name_never_becomes_a_folder(invoke, tmp_path, sample):
    refused = invoke(["export", "--all", "--format", "csv", "--out", "x.csv"])
    assert refused.exit_code == 2 and "--table" in refused.output
    assert not (tmp_path / "x.csv").exists()
    _ok(invoke(["export", "--all", "--format", "csv", "--table", "quotes", "--out", "x.csv"]))
    rows = list(csv.DictReader(io.StringIO((tmp_path / "x.csv").read_text())))
    assert (tmp_path / "x.csv").is_file() and len(rows) == len(sample["quotes"])
    printed = _ok(invoke(["export", "--all", "--format", "csv", "--table", "claims"]))
    assert len(list(csv.DictReader(io.StringIO(printed)))) == len(sample["claims"])


def test_csv_goes_to_a_zip_or_to_a_folder_when_asked(invoke, tmp_path, sample):
    _ok(invoke(["export", "--all", "--format", "csv", "--out", "t.zip"]))
    with zipfile.ZipFile(tmp_path / "t.zip") as archive:
        assert any(n.endswith("/timeline.csv") for n in archive.namelist())
    _ok(invoke(["export", "--all", "--format", "csv", "--out", "tables/"]))
    assert (tmp_path / "tables" / "actors.csv").is_file()


@pytest.mark.parametrize("args, message", [
    (["--out", "missing/x.json"], "does not exist"),
    (["--out", "somewhere/"], "is a folder"),
    (["--format", "md", "--table", "quotes"], "--table goes with --format csv"),
])
def test_bad_targets_are_usage_errors(invoke, tmp_path, sample, args, message):
    result = invoke(["export", "--all", *args])
    assert result.exit_code == 2 and message in result.output
    assert not (tmp_path / "missing").exists() and not (tmp_path / "somewhere").exists()


def test_report_refuses_a_missing_folder(invoke, tmp_path, sample):
    result = invoke(["report", "--all", "-o", "nowhere/r.html"])
    assert result.exit_code == 2 and not (tmp_path / "nowhere").exists()


# ------------------------------------------------------------------ search


def test_search_prints_the_matching_sentences(invoke, sample):
    out = _ok(invoke(["search", "diplomacy"]))
    assert "1 matching sentences" in out and "room for diplomacy" in out


def test_search_filters(invoke, sample):
    herald = json.loads(_ok(invoke(["search", "troops", "--outlet", "coast herald", "--json"])))
    assert herald and {h["outlet"] for h in herald} == {"Coast Herald"}
    late = json.loads(_ok(invoke(["search", "troops", "--since", "2026-03-15", "--json"])))
    assert {h["published"] for h in late} == {"2026-03-20"}
    brask = json.loads(_ok(invoke(["search", "diplomacy", "--actor", "Brask", "--json"])))
    assert len(brask) == 1
    story = json.loads(_ok(invoke(["search", "ferry", "--story", sample["story"]["id"],
                                   "--json"])))
    assert story == []
    assert len(json.loads(_ok(invoke(["search", "troops", "--limit", "1", "--json"])))) == 1


@pytest.mark.parametrize("args", [["--since", "2026-13"], ["--until", "2026-02-30"],
                                  ["--since", "last week"]])
def test_search_refuses_impossible_dates(invoke, sample, args):
    result = invoke(["search", "troops", *args])
    assert result.exit_code == 2 and "date" in result.output


def test_search_keeps_hostile_text_inert(invoke, sample):
    out = _ok(invoke(["search", "Breaking"]))
    assert "<script>" in out and "\u202e" not in out and "\x1b]" not in out


# ------------------------------------------------------------------ delete


def _ids(invoke, command: str) -> set[str]:
    return {row["id"] for row in json.loads(_ok(invoke([command, "--json"])))}


def test_delete_article_takes_what_belongs_to_it(invoke, db, sample):
    target = sample["articles"][1]["id"]  # quoted, cited by the brief and timeline
    report = json.loads(_ok(invoke(["delete", "article", target[:8], "--json"])))
    assert report == {"article_ids": [target], "stories_deleted": [],
                      "stories_rebuilt": [sample["story"]["id"]], "dry_run": False}
    assert target not in _ids(invoke, "articles")
    assert invoke(["article", target]).exit_code == 1
    hits = json.loads(_ok(invoke(["search", "diplomacy", "--json"])))
    assert hits == []
    store = open_store(db)
    assert store.get_annotation(target) is None and store.story_of(target) is None
    story = store.get_story(sample["story"]["id"])
    store.close()
    assert target not in story.article_ids
    cited = {c.article_id for e in story.events for c in e.citations}
    cited |= {q.article_id for q in story.quotes} | {c.article_id for c in story.claims}
    assert cited and target not in cited


def test_deleting_the_last_article_deletes_its_story(invoke, sample):
    river = next(s for s in json.loads(_ok(invoke(["stories", "--json"])))
                 if s["id"] != sample["story"]["id"])
    members = json.loads(_ok(invoke(["articles", "--story", river["id"], "--json"])))
    report = json.loads(_ok(invoke(["delete", "article", members[0]["id"], "--json"])))
    assert report["stories_deleted"] == [river["id"]] and report["stories_rebuilt"] == []
    assert _ids(invoke, "stories") == {sample["story"]["id"]}


def test_a_dry_run_changes_nothing(invoke, sample):
    before = (_ids(invoke, "articles"), _ids(invoke, "stories"))
    out = _ok(invoke(["delete", "story", sample["story"]["id"], "--with-articles",
                      "--dry-run"]))
    assert "would delete 4 articles and 1 stories" in out
    assert (_ids(invoke, "articles"), _ids(invoke, "stories")) == before


def test_delete_story_keeps_or_takes_its_articles(invoke, sample):
    harbor = sample["story"]["id"]
    river = (_ids(invoke, "stories") - {harbor}).pop()
    _ok(invoke(["delete", "story", river]))
    assert _ids(invoke, "stories") == {harbor} and len(_ids(invoke, "articles")) == 5
    _ok(invoke(["delete", "story", harbor[:6], "--with-articles"]))
    assert _ids(invoke, "stories") == set() and len(_ids(invoke, "articles")) == 1


def test_delete_unknown_ids_is_not_found(invoke, sample):
    assert invoke(["delete", "article", "feedbeefcafe"]).exit_code == 1
    assert invoke(["delete", "story", "feedbeefcafe"]).exit_code == 1


# ------------------------------------------------------------------ terminal text


def test_article_paragraphs_wrap_instead_of_being_cut(invoke, sample):
    article_id = sample["articles"][0]["id"]
    out = _ok(invoke(["article", article_id, "--plain"], env={"COLUMNS": "50"}))
    assert max(len(line) for line in out.splitlines()) <= 50
    lines = out.splitlines()
    top = next(i for i, line in enumerate(lines) if "cleaned text" in line)
    bottom = next(i for i, line in enumerate(lines) if i > top and line.startswith("╰"))
    body = " ".join(line.strip("│ ") for line in lines[top + 1:bottom])
    assert " ".join(body.split()) == " ".join(TEXT_A.split())  # every word, in order


def test_shell_completion_script(tmp_path):
    runner = CliRunner(env={"_STORYLINE_COMPLETE": "bash_source"})
    result = runner.invoke(cli, [], prog_name="storyline")
    assert result.exit_code == 0 and "_STORYLINE_COMPLETE=bash_complete" in result.output
    runner = CliRunner(env={"_STORYLINE_COMPLETE": "bash_complete", "COMP_WORDS": "storyline se",
                            "COMP_CWORD": "1"})
    words = runner.invoke(cli, [], prog_name="storyline").output
    assert "search" in words and "serve" in words


# ------------------------------------------------------------------ re-ingest


def test_re_ingesting_without_the_sidecar_keeps_the_metadata(invoke, tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "pier.txt").write_text(
        "The north pier reopened on Monday after a month of repairs to its deck and rails.")
    (tmp_path / "meta.jsonl").write_text(json.dumps(
        {"file": "pier.txt", "outlet": "Harbour Gazette", "published": "2026-05-04",
         "title": "North pier reopens"}) + "\n")
    _ok(invoke(["ingest", "in", "--metadata", "meta.jsonl"]))
    first = json.loads(_ok(invoke(["articles", "--json"])))
    out = _ok(invoke(["ingest", "in"]))
    assert "0 updated, 1 unchanged" in out
    again = json.loads(_ok(invoke(["articles", "--json"])))
    assert again == first
    assert (again[0]["outlet"], again[0]["published"], again[0]["published_from"]) == (
        "Harbour Gazette", "2026-05-04", "metadata")
