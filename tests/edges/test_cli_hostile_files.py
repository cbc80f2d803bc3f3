"""Hostile files never stop a batch: each reproduction through `storyline ingest`, with one
good article beside the bad file, against a real SQLite file. Files are written here."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from edge_articles import FERRY, LIGHTHOUSE, distinct_article, table_rows, write_text

from storyline.store import open_store


def stored(db: str) -> dict[str, object]:
    store = open_store(db)
    try:
        return {a.source: a for a in store.iter_articles()}
    finally:
        store.close()


def rejections(output: str) -> dict[str, str]:
    return {row[0]: row[1] for row in table_rows(output) if len(row) == 3}


def ingest_beside_good(tmp_path: Path, invoke, env: dict | None = None):
    write_text(tmp_path / "in" / "good.txt", FERRY)
    started = time.monotonic()
    result = invoke(["ingest", "in"], env=env)
    elapsed = time.monotonic() - started
    assert "Traceback" not in result.output
    assert result.exit_code == 1, result.output
    return result, elapsed


def test_deep_json_is_rejected_and_the_good_article_stored(tmp_path: Path, invoke,
                                                           db: str) -> None:
    write_text(tmp_path / "in" / "deep.json", "[" * 2000 + "]" * 2000)
    result, _ = ingest_beside_good(tmp_path, invoke)
    assert rejections(result.stdout) == {"in/deep.json": "too_deep"}
    assert list(stored(db)) == ["in/good.txt"]


def test_deep_jsonl_lines_are_rejected_one_by_one(tmp_path: Path, invoke, db: str) -> None:
    lines = [json.dumps({"text": LIGHTHOUSE}), '{"a":' * 3000 + "1" + "}" * 3000,
             "[" * 2000 + "]" * 2000]
    write_text(tmp_path / "in" / "deep.jsonl", "\n".join(lines) + "\n")
    result, _ = ingest_beside_good(tmp_path, invoke)
    assert rejections(result.stdout) == {"in/deep.jsonl#2": "too_deep",
                                         "in/deep.jsonl#3": "too_deep"}
    assert sorted(stored(db)) == ["in/deep.jsonl#1", "in/good.txt"]


def test_two_million_lines_answer_quickly(tmp_path: Path, invoke, db: str) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "lines.txt").write_bytes(b"word word\n" * 2_000_000)
    result, elapsed = ingest_beside_good(tmp_path, invoke)
    assert rejections(result.stdout) == {"in/lines.txt": "too_many_lines"}
    assert elapsed < 15 and list(stored(db)) == ["in/good.txt"]


def test_a_590000_character_article_is_rejected_by_the_cap(tmp_path: Path, invoke,
                                                           db: str) -> None:
    paragraphs = [distinct_article(n).split("\n\n")[1] for n in range(2600)]
    text = "\n\n".join(paragraphs)
    assert len(text) > 590_000
    write_text(tmp_path / "in" / "huge.txt", text)
    result, elapsed = ingest_beside_good(tmp_path, invoke)
    assert rejections(result.stdout) == {"in/huge.txt": "article_too_long"}
    assert "ingest.max_article_chars" in result.stdout
    assert elapsed < 30 and list(stored(db)) == ["in/good.txt"]


def test_markup_in_a_jsonl_text_field_is_kept_as_text(tmp_path: Path, invoke, db: str) -> None:
    hostile = (LIGHTHOUSE + ' <svg onload=alert(1)> " onmouseover=x x="\n\n'
               "The next paragraph is still here after the markup.")
    write_text(tmp_path / "in" / "svg.jsonl", json.dumps({"text": hostile}) + "\n")
    write_text(tmp_path / "in" / "good.txt", FERRY)
    assert invoke(["ingest", "in"]).exit_code == 0
    article = stored(db)["in/svg.jsonl#1"]
    assert '<svg onload=alert(1)> " onmouseover=x x="' in article.text
    assert "The next paragraph is still here after the markup." in article.text


def test_odd_values_never_reach_a_traceback(tmp_path: Path, invoke, db: str) -> None:
    digits = "9" * 5000
    write_text(tmp_path / "in" / "bigint.json",
               f'{{"text": {json.dumps(LIGHTHOUSE)}, "views": {digits}}}')
    body = json.dumps(LIGHTHOUSE)[1:-1]
    write_text(tmp_path / "in" / "surrogate.jsonl",
               f'{{"title": "Talks \\ud800 resume", "text": "{body} \\udc00 end."}}\n')
    with open(os.fsencode(tmp_path / "in") + b"/caf\xe9.txt", "wb") as handle:
        handle.write(distinct_article(3).encode())
    result, _ = ingest_beside_good(tmp_path, invoke)
    assert rejections(result.stdout) == {"in/caf\\xe9.txt": "bad_name"}
    articles = stored(db)
    assert sorted(articles) == ["in/bigint.json", "in/good.txt", "in/surrogate.jsonl#1"]
    assert articles["in/surrogate.jsonl#1"].title == "Talks \ufffd resume"


def test_one_nul_line_in_jsonl_costs_one_line(tmp_path: Path, invoke, db: str) -> None:
    lines = [json.dumps({"text": distinct_article(n)}).encode() for n in range(98)]
    lines[10] = lines[10][:20] + b"\x00" + lines[10][20:]
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "many.jsonl").write_bytes(b"\n".join(lines) + b"\n")
    result, _ = ingest_beside_good(tmp_path, invoke)
    assert rejections(result.stdout) == {"in/many.jsonl#11": "binary"}
    assert len(stored(db)) == 97 + 1


def test_a_line_separator_inside_a_jsonl_string_does_not_split_it(tmp_path: Path, invoke,
                                                                 db: str) -> None:
    text = LIGHTHOUSE.replace("island.", "island.\u2028Then\u2029more.")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "seps.jsonl").write_bytes(
        (json.dumps({"text": text}, ensure_ascii=False) + "\n").encode())
    assert invoke(["ingest", "in"]).exit_code == 0
    assert "island.\u2028Then\u2029more." in stored(db)["in/seps.jsonl#1"].text


def test_a_million_item_json_list_is_refused_in_seconds(tmp_path: Path, invoke,
                                                        db: str) -> None:
    write_text(tmp_path / "in" / "million.json",
               "[" + ",".join([json.dumps({"text": "x"})] * 1_000_000) + "]")
    result, elapsed = ingest_beside_good(tmp_path, invoke)
    assert rejections(result.stdout) == {"in/million.json": "too_many_entries"}
    assert elapsed < 20


def test_gzip_bomb_and_entity_bombs(tmp_path: Path, invoke, db: str) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "bomb.txt.gz").write_bytes(gzip.compress(b"a " * 15_000_000))
    laughs = ('<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa">'
              + "".join(f'<!ENTITY a{i} "{"&a;" * 10}">' for i in range(9))
              + ']><rss version="2.0"><channel><title>x</title><item><title>t</title>'
              "<description>&a8;</description></item></channel></rss>")
    write_text(tmp_path / "in" / "laughs.rss", laughs)
    result, _ = ingest_beside_good(tmp_path, invoke,
                                   env={"STORYLINE_INGEST_MAX_DECOMPRESSED_BYTES": "1000000"})
    assert rejections(result.stdout) == {"in/bomb.txt.gz": "decompressed_too_large",
                                         "in/laughs.rss": "xml_entities"}


def test_links_out_of_the_tree_are_never_stored(tmp_path: Path, invoke, db: str) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "passwd.txt").symlink_to("/etc/passwd")
    (folder / "loop.txt").symlink_to("loop.txt")
    (folder / "dangling.txt").symlink_to(folder / "nowhere.txt")
    (folder / "again").symlink_to(folder)
    result, _ = ingest_beside_good(tmp_path, invoke)
    assert rejections(result.stdout) == {
        "in/passwd.txt": "outside_input", "in/loop.txt": "symlink_loop",
        "in/dangling.txt": "unreadable", "in/again": "symlink_loop"}
    assert list(stored(db)) == ["in/good.txt"]
    assert "root:" not in invoke(["articles", "--json"]).stdout


def test_devices_and_fifos_never_hang_a_real_process(tmp_path: Path, db: str) -> None:
    folder = tmp_path / "in"
    write_text(folder / "good.txt", FERRY)
    os.mkfifo(folder / "pipe.txt")
    (folder / "zero.txt").symlink_to("/dev/zero")
    env = {k: v for k, v in os.environ.items() if not k.startswith("STORYLINE_")}
    command = [sys.executable, "-m", "storyline.cli", "ingest", "in", str(folder / "pipe.txt"),
               "/dev/zero", "--db", db]
    done = subprocess.run(command, check=False, cwd=tmp_path, env={**env, "COLUMNS": "250"},
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    assert rejections(done.stdout) == {
        "in/pipe.txt": "special_file", "in/zero.txt": "outside_input",
        str(folder / "pipe.txt"): "special_file", "/dev/zero": "special_file"}
    assert list(stored(db)) == ["in/good.txt"]


@pytest.mark.parametrize("setting", ["MAX_LINES", "MAX_ENTRIES", "MAX_JSON_DEPTH",
                                     "MAX_LINE_CHARS", "MAX_ARTICLE_CHARS", "MAX_SECONDS",
                                     "MAX_DECOMPRESSED_BYTES"])
def test_every_bound_is_a_setting(tmp_path: Path, invoke, setting: str) -> None:
    write_text(tmp_path / "in" / "good.txt", FERRY)
    assert invoke(["ingest", "in"], env={f"STORYLINE_INGEST_{setting}": "7"}).exit_code in (0, 1)
    bad = invoke(["ingest", "in"], env={f"STORYLINE_INGEST_{setting}": "lots"})
    assert bad.exit_code == 2 and f"ingest.{setting.lower()}" in bad.stderr


@pytest.mark.parametrize("sidecar", ["fifo", "deep", "bigint", "device"])
def test_a_hostile_metadata_sidecar_is_a_usage_error(tmp_path: Path, invoke, db: str,
                                                     sidecar: str) -> None:
    write_text(tmp_path / "in" / "good.txt", FERRY)
    path = tmp_path / "meta.jsonl"
    if sidecar == "fifo":
        os.mkfifo(path)
    elif sidecar == "device":
        path.symlink_to("/dev/zero")
    elif sidecar == "deep":
        path.write_text('{"file": "good.txt", "x": ' + "[" * 5000 + "]" * 5000 + "}\n")
    else:
        path.write_text('{"file": "good.txt", "n": ' + "9" * 5000 + "}\n")
    result = invoke(["ingest", "in", "--metadata", "meta.jsonl"])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "hint:" in result.stderr
