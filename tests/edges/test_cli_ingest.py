"""`storyline ingest` end to end on small invented files: exit codes, rejections, re-runs,
duplicates and the metadata sidecar, against a real SQLite file."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from edge_articles import (
    FERRY,
    distinct_article,
    near_copy,
    table_rows,
    write_bad_files,
    write_good_files,
    write_text,
)

from storyline.cli import cli
from storyline.records import DateSource
from storyline.store import open_store

MAX_BYTES = {"STORYLINE_INGEST_MAX_BYTES": "3000"}
SUMMARY = re.compile(r"ingested: (\d+) added, (\d+) updated, (\d+) unchanged, "
                     r"(\d+) linked as duplicates, (\d+) rejected")


def summary(output: str) -> dict[str, int]:
    match = SUMMARY.search(output)
    assert match, output
    names = ("added", "updated", "unchanged", "duplicates", "rejected")
    return dict(zip(names, map(int, match.groups()), strict=True))


def rejection_table(output: str) -> dict[str, str]:
    """source -> reason code, from the rows of the rejection table."""
    return {row[0]: row[1] for row in table_rows(output) if len(row) == 3}


def stored_sources(db: str) -> list[str]:
    store = open_store(db)
    try:
        return sorted(a.source for a in store.iter_articles())
    finally:
        store.close()


def json_rows(output: str) -> list[dict]:
    """``--json`` prints one JSON array."""
    return json.loads(output)


# ------------------------------------------------------------------ mixed good and bad


def test_mixed_folder_rejects_each_bad_file_with_its_reason_and_stores_the_good(
        tmp_path: Path, invoke, db: str) -> None:
    good = write_good_files(tmp_path / "in")
    bad = write_bad_files(tmp_path / "in")
    write_text(tmp_path / "notes.docx", distinct_article(3))
    result = invoke(["ingest", "in", "notes.docx", "missing/nowhere.txt"], env=MAX_BYTES)
    assert result.exit_code == 1, result.output
    expected = {f"in/{name}": reason for name, reason in bad.items()}
    expected |= {"notes.docx": "unsupported", "missing/nowhere.txt": "unreadable"}
    assert rejection_table(result.stdout) == expected
    assert f"{len(expected)} rejected" in result.stdout
    counts = summary(result.stdout)
    assert counts["added"] == sum(good.values()) and counts["rejected"] == len(expected)
    stored = stored_sources(db)
    assert len(stored) == sum(good.values())
    assert {s.split("#")[0] for s in stored} == {f"in/{name}" for name in good}
    assert "in/town.jsonl#1" in stored and "in/gazette.rss#2" in stored
    assert "Traceback" not in result.output


def test_rejections_are_kept_in_the_store_and_cleared_once_fixed(
        tmp_path: Path, invoke, db: str) -> None:
    write_good_files(tmp_path / "in")
    write_text(tmp_path / "in" / "broken.json", '{"text": ')
    assert invoke(["ingest", "in"]).exit_code == 1
    store = open_store(db)
    assert [(r.source, r.reason.value) for r in store.list_rejections()] == [
        ("in/broken.json", "malformed")]
    write_text(tmp_path / "in" / "broken.json", json.dumps({"text": distinct_article(4)}))
    assert invoke(["ingest", "in"]).exit_code == 0
    assert store.list_rejections() == []
    store.close()


def test_only_good_files_exit_zero_without_a_rejection_table(tmp_path: Path, invoke) -> None:
    good = write_good_files(tmp_path / "in")
    result = invoke(["ingest", "in"], env=MAX_BYTES)
    assert result.exit_code == 0, result.output
    assert summary(result.stdout) == {"added": sum(good.values()), "updated": 0,
                                      "unchanged": 0, "duplicates": 0, "rejected": 0}
    assert rejection_table(result.stdout) == {}


def test_a_glob_and_single_files_are_inputs_too(tmp_path: Path, invoke, db: str) -> None:
    write_good_files(tmp_path / "in")
    result = invoke(["ingest", "in/*.txt", "in/bridge.json"])
    assert result.exit_code == 0, result.output
    assert stored_sources(db) == ["in/bridge.json", "in/ferry.txt"]
    result = invoke(["ingest", "in/*.nomatch"])
    assert result.exit_code == 1
    assert rejection_table(result.stdout) == {"in/*.nomatch": "unreadable"}


@pytest.mark.parametrize("args", [
    ["ingest"],
    ["ingest", "in", "--no-such-option"],
    ["ingest", "in", "--metadata", "missing.jsonl"],
    ["ingest", "in", "--metadata", "bad.jsonl"],
    ["ingest", "in", "--metadata", "in"],
    ["ingest", "in", "--metadata", "keyless.csv"],
])
def test_usage_errors_exit_2_and_store_nothing(tmp_path: Path, invoke, db: str,
                                                args: list[str]) -> None:
    write_good_files(tmp_path / "in")
    write_text(tmp_path / "bad.jsonl", '{"file": "ferry.txt", "published": \n')
    write_text(tmp_path / "keyless.csv", "published,outlet\n2026-01-02,Gazette\n")
    result = invoke(args)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert not Path(db).exists() or stored_sources(db) == []


def test_usage_error_from_metadata_prints_code_and_hint(tmp_path: Path, invoke) -> None:
    write_good_files(tmp_path / "in")
    write_text(tmp_path / "bad.jsonl", "[1, 2]\n")
    result = invoke(["ingest", "in", "--metadata", "bad.jsonl"])
    assert result.exit_code == 2
    assert "line 1 is not a JSON object" in result.stderr
    assert "hint:" in result.stderr


# ------------------------------------------------------------------ re-ingest


def test_reingesting_the_same_files_adds_nothing_and_keeps_ids(tmp_path: Path, invoke) -> None:
    good = write_good_files(tmp_path / "in")
    first = invoke(["ingest", "in"])
    before = json_rows(invoke(["articles", "--json"]).stdout)
    again = invoke(["ingest", "in"])
    after = json_rows(invoke(["articles", "--json"]).stdout)
    assert first.exit_code == again.exit_code == 0
    assert summary(again.stdout) == {"added": 0, "updated": 0, "unchanged": sum(good.values()),
                                     "duplicates": 0, "rejected": 0}
    assert after == before and len({row["id"] for row in after}) == sum(good.values())


def test_an_edited_file_gets_a_new_id_and_the_old_one_stays(tmp_path: Path, invoke) -> None:
    path = write_text(tmp_path / "in" / "ferry.txt", FERRY)
    invoke(["ingest", "in"])
    old = {row["id"] for row in json_rows(invoke(["articles", "--json"]).stdout)}
    path.write_text(FERRY.replace("second week", "third week"), encoding="utf-8")
    result = invoke(["ingest", "in"])
    assert summary(result.stdout)["added"] == 1
    new = {row["id"] for row in json_rows(invoke(["articles", "--json"]).stdout)}
    assert old < new and len(new) == 2


# ------------------------------------------------------------------ duplicates


def _write_duplicates(folder: Path) -> None:
    write_text(folder / "a_original.txt", FERRY)
    write_text(folder / "b_exact.txt", FERRY)
    write_text(folder / "c_near.txt", near_copy(FERRY))
    write_text(folder / "d_other.txt", distinct_article(11))


def test_exact_and_near_copies_are_stored_and_linked(tmp_path: Path, invoke, db: str) -> None:
    _write_duplicates(tmp_path / "in")
    result = invoke(["ingest", "in"])
    assert result.exit_code == 0, result.output
    counts = summary(result.stdout)
    assert counts["added"] == 4 and counts["duplicates"] == 2
    rows = json_rows(invoke(["articles", "--json"]).stdout)
    assert len(rows) == 4
    store = open_store(db)
    by_source = {a.source: a for a in store.iter_articles()}
    store.close()
    group = [by_source[f"in/{n}"] for n in ("a_original.txt", "b_exact.txt", "c_near.txt")]
    originals = [a for a in group if a.duplicate_of is None]
    assert len(originals) == 1
    assert all(a.duplicate_of == originals[0].id for a in group if a is not originals[0])
    assert by_source["in/d_other.txt"].duplicate_of is None
    assert {row["id"]: row["duplicate_of"] for row in rows} == {
        a.id: a.duplicate_of for a in by_source.values()}


def test_the_earliest_published_copy_is_the_original(tmp_path: Path, invoke, db: str) -> None:
    folder = tmp_path / "in"
    write_text(folder / "late.txt", "date 2026-03-09 " + FERRY)
    write_text(folder / "early.txt", "date 2026-03-02 " + near_copy(FERRY))
    assert invoke(["ingest", "in"]).exit_code == 0
    store = open_store(db)
    by_source = {a.source: a for a in store.iter_articles()}
    store.close()
    assert by_source["in/early.txt"].duplicate_of is None
    assert by_source["in/late.txt"].duplicate_of == by_source["in/early.txt"].id


def test_reingesting_duplicates_reports_them_unchanged(tmp_path: Path, invoke) -> None:
    _write_duplicates(tmp_path / "in")
    invoke(["ingest", "in"])
    before = json_rows(invoke(["articles", "--json"]).stdout)
    again = invoke(["ingest", "in"])
    assert json_rows(invoke(["articles", "--json"]).stdout) == before
    assert summary(again.stdout) == {"added": 0, "updated": 0, "unchanged": 4,
                                     "duplicates": 2, "rejected": 0}


# ------------------------------------------------------------------ metadata sidecar

DATED = "Ferry crews strike for a second week\n\nMarch 3, 2026\n\n" + FERRY.split("\n\n", 1)[1]


def _published(db: str) -> dict[str, tuple[str | None, DateSource, str | None]]:
    store = open_store(db)
    try:
        return {a.source: (a.published, a.published_from, a.outlet)
                for a in store.iter_articles()}
    finally:
        store.close()


def test_a_date_in_the_text_is_used_without_a_sidecar(tmp_path: Path, invoke, db: str) -> None:
    write_text(tmp_path / "in" / "dated.txt", DATED)
    assert invoke(["ingest", "in"]).exit_code == 0
    assert _published(db)["in/dated.txt"][:2] == ("2026-03-03", DateSource.TEXT)


@pytest.mark.parametrize("sidecar_name, sidecar", [
    ("meta.jsonl", ('{"file": "dated.txt", "published": "2026-04-01", "outlet": "Isle Post"}\n'
                    '{"file": "other.txt", "date": "5 April 2026"}\n')),
    ("meta.csv", ("file,published,outlet\ndated.txt,2026-04-01,Isle Post\n"
                  "sub/other.txt,5 April 2026,\n")),
])
def test_sidecar_overrides_the_date_in_the_text(tmp_path: Path, invoke, db: str,
                                                sidecar_name: str, sidecar: str) -> None:
    write_text(tmp_path / "in" / "dated.txt", DATED)
    write_text(tmp_path / "in" / "other.txt", distinct_article(12))
    write_text(tmp_path / "in" / "undated.txt", distinct_article(13))
    write_text(tmp_path / sidecar_name, sidecar)
    result = invoke(["ingest", "in", "--metadata", sidecar_name])
    assert result.exit_code == 0, result.output
    found = _published(db)
    assert found["in/dated.txt"] == ("2026-04-01", DateSource.METADATA, "Isle Post")
    assert found["in/other.txt"][:2] == ("2026-04-05", DateSource.METADATA)
    assert found["in/undated.txt"][:2] == (None, DateSource.UNKNOWN)
    table = invoke(["articles"]).stdout
    row = next(r for r in table_rows(table) if r[4].startswith("Ferry crews"))
    assert row[1:4] == ["2026-04-01", "metadata", "Isle Post"]


def test_a_sidecar_in_the_folder_is_not_ingested_as_an_article(tmp_path: Path, invoke,
                                                                db: str) -> None:
    write_text(tmp_path / "in" / "dated.txt", DATED)
    write_text(tmp_path / "in" / "metadata.jsonl",
               '{"file": "dated.txt", "published": "2026-04-01"}\n')
    result = invoke(["ingest", "in", "--metadata", "in/metadata.jsonl"])
    assert result.exit_code == 0, result.output
    assert stored_sources(db) == ["in/dated.txt"]
    assert _published(db)["in/dated.txt"][:2] == ("2026-04-01", DateSource.METADATA)


def test_adding_a_sidecar_later_updates_the_stored_date(tmp_path: Path, invoke, db: str) -> None:
    write_text(tmp_path / "in" / "dated.txt", DATED)
    assert invoke(["ingest", "in"]).exit_code == 0
    write_text(tmp_path / "meta.jsonl", '{"file": "dated.txt", "published": "2026-04-01"}\n')
    result = invoke(["ingest", "in", "--metadata", "meta.jsonl"])
    assert summary(result.stdout)["updated"] == 1
    assert _published(db)["in/dated.txt"][:2] == ("2026-04-01", DateSource.METADATA)


# ------------------------------------------------------------------ settings and database


def test_the_size_limit_comes_from_the_environment(tmp_path: Path, invoke, db: str) -> None:
    write_text(tmp_path / "in" / "ferry.txt", FERRY)
    tight = invoke(["ingest", "in"], env={"STORYLINE_INGEST_MAX_BYTES": "100"})
    assert tight.exit_code == 1
    assert rejection_table(tight.stdout) == {"in/ferry.txt": "too_large"}
    assert invoke(["ingest", "in"]).exit_code == 0 and stored_sources(db) == ["in/ferry.txt"]


@pytest.mark.parametrize("args, env", [
    (["ingest", "in"], {"STORYLINE_INGEST_MAX_BYTES": "lots"}),
    (["--config", "missing.toml", "ingest", "in"], {}),
    (["ingest", "in", "--db", "nosuchdialect://x"], {}),
])
def test_bad_settings_exit_2_with_a_hint(tmp_path: Path, invoke, args: list[str],
                                        env: dict[str, str]) -> None:
    write_text(tmp_path / "in" / "ferry.txt", FERRY)
    result = invoke(args, env=env, with_db="--db" not in args)
    assert result.exit_code == 2
    assert result.stderr.startswith("error ") and "\nhint: " in result.stderr


def test_a_database_folder_that_does_not_exist_is_an_error_not_a_crash(
        tmp_path: Path, invoke) -> None:
    write_text(tmp_path / "in" / "ferry.txt", FERRY)
    result = invoke(["ingest", "in", "--db", "no/such/dir/x.db"], with_db=False)
    assert result.exit_code in (1, 2)
    assert "cannot prepare database" in result.stderr and "hint:" in result.stderr


def test_a_file_that_is_not_a_database_is_an_error_not_a_crash(tmp_path: Path,
                                                               invoke) -> None:
    write_text(tmp_path / "in" / "ferry.txt", FERRY)
    write_text(tmp_path / "notes.db", "plain text, not a database\n" * 200)
    result = CliRunner(env={"COLUMNS": "250"}).invoke(
        cli, ["ingest", "in", "--db", "notes.db"])
    assert isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code in (1, 2) and "hint:" in result.stderr


# ------------------------------------------------------------------ folder walking


def test_a_folder_walk_skips_hidden_and_unknown_files_and_rejects_a_broken_link(
        tmp_path: Path, invoke, db: str) -> None:
    folder = tmp_path / "in"
    write_text(folder / "sub" / "ferry.txt", FERRY)
    write_text(folder / ".hidden.txt", distinct_article(51))
    write_text(folder / ".cache" / "kept.txt", distinct_article(52))
    write_text(folder / "photo.jpg", "not an article")
    write_text(folder / "fake.txt.gz", distinct_article(53))
    (folder / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    result = invoke(["ingest", "in"])
    assert result.exit_code == 1
    assert rejection_table(result.stdout) == {"in/gone.txt": "unreadable",
                                              "in/fake.txt.gz": "malformed"}
    assert stored_sources(db) == ["in/sub/ferry.txt"]


def test_ids_do_not_depend_on_where_the_folder_lives(tmp_path: Path, invoke) -> None:
    write_good_files(tmp_path / "in")
    invoke(["ingest", "in"])
    before = {row["id"] for row in json_rows(invoke(["articles", "--json"]).stdout)}
    (tmp_path / "in").rename(tmp_path / "moved")
    result = invoke(["ingest", "moved"])
    assert result.exit_code == 0 and summary(result.stdout)["added"] == 0
    assert {row["id"] for row in json_rows(invoke(["articles", "--json"]).stdout)} == before


# ------------------------------------------------------------------ the seed articles


def test_the_seed_folder_ingests_with_its_sidecar(seeds_dir: Path, invoke, db: str) -> None:
    sidecar = seeds_dir / "metadata.jsonl"
    rows = {json.loads(line)["file"]: json.loads(line)
            for line in sidecar.read_text(encoding="utf-8").splitlines() if line.strip()}
    result = invoke(["ingest", str(seeds_dir), "--metadata", str(sidecar)])
    assert result.exit_code == 0, result.output
    assert summary(result.stdout)["added"] == len(rows)
    store = open_store(db)
    stored = {Path(a.source).name: a for a in store.iter_articles()}
    store.close()
    assert set(stored) == set(rows)
    for name, row in rows.items():
        assert (stored[name].published, stored[name].published_from) == (
            row["published"], DateSource.METADATA)
        assert stored[name].outlet == row["outlet"]
    again = invoke(["ingest", str(seeds_dir), "--metadata", str(sidecar)])
    assert summary(again.stdout)["unchanged"] == len(rows)


# ------------------------------------------------------------------ containers and encodings


def test_container_entries_are_rejected_one_by_one_and_keyed_by_entry(
        tmp_path: Path, invoke, db: str) -> None:
    entries = [{"text": distinct_article(61)}, {"title": "no body"}, {"text": "  "},
               {"text": distinct_article(62)}]
    write_text(tmp_path / "in" / "list.json", json.dumps(entries))
    write_text(tmp_path / "in" / "lines.jsonl", "\n".join(
        [json.dumps({"text": distinct_article(63)}), "{broken", "",
         json.dumps({"text": distinct_article(64)})]) + "\n")
    write_text(tmp_path / "meta.csv", "\ufeffFile,Published,Outlet\n"
               "lines.jsonl#4,2026-01-09,Line Four\nlist.json,2026-01-01,Whole List\n")
    result = invoke(["ingest", "in", "--metadata", "meta.csv"])
    assert result.exit_code == 1
    assert rejection_table(result.stdout) == {"in/list.json#2": "malformed",
                                              "in/list.json#3": "empty",
                                              "in/lines.jsonl#2": "malformed"}
    found = _published(db)
    assert set(found) == {"in/list.json#1", "in/list.json#4", "in/lines.jsonl#1",
                          "in/lines.jsonl#4"}
    assert found["in/lines.jsonl#4"] == ("2026-01-09", DateSource.METADATA, "Line Four")
    assert found["in/lines.jsonl#1"] == (None, DateSource.UNKNOWN, None)
    assert found["in/list.json#1"][2] == found["in/list.json#4"][2] == "Whole List"


@pytest.mark.parametrize("encoding", ["utf-16", "cp1252", "utf-8-sig"])
def test_legacy_encodings_are_decoded(tmp_path: Path, invoke, db: str, encoding: str) -> None:
    text = ("Straße café report from Köln\n\nSeñor Müller said the café by the Straße was "
            "“closed” for the winter, and the naïve plan to reopen it in spring was dropped.")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "enc.txt").write_bytes(text.encode(encoding))
    assert invoke(["ingest", "in"]).exit_code == 0
    store = open_store(db)
    (article,) = store.iter_articles()
    store.close()
    assert article.title == "Straße café report from Köln"
    assert article.text == text.split("\n\n", 1)[1]
