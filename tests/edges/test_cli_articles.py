"""`storyline articles` and `storyline article` on a small store filled through the CLI."""

from __future__ import annotations

import json
from itertools import pairwise
from pathlib import Path

import pytest
from edge_articles import distinct_article, flatten, table_rows, write_text

from storyline.store import open_store

NOISY = (
    "date 2026-03-02 Ferry strike enters its second week\n\nBy Maren Holt and Tove Lind\n\n"
    "The ferry crews of the Norrvik archipelago stayed ashore on Tuesday, extending the "
    "strike into a second week.\n\nPhoto: Lisbeth Arne\n\nAdvertisement\n\n"
    "Island shops said fresh milk had run short since the weekend, and the council called "
    "both sides to talks.\n\nLeave a Reply"
)
NOISY_PARAGRAPHS = (
    ("The ferry crews of the Norrvik archipelago stayed ashore on Tuesday, extending the "
     "strike into a second week."),
    ("Island shops said fresh milk had run short since the weekend, and the council called "
     "both sides to talks."),
)
NOISY_REMOVED = {("date_prefix", "date 2026-03-02"), ("photo_credit", "Photo: Lisbeth Arne"),
                 ("advertisement", "Advertisement"), ("comment_form", "Leave a Reply"),
                 ("header_title", "Ferry strike enters its second week"),
                 ("header_byline", "By Maren Holt and Tove Lind")}
ENTRIES = [
    {"title": "Quay repairs begin", "outlet": "Port News", "published": "2026-03-05",
     "text": distinct_article(21)},
    {"title": "Pilot boats renamed", "outlet": "port news", "published": "2026-03-01",
     "text": distinct_article(22)},
    {"title": "Choir tours the islands", "outlet": "Bay Times", "text": distinct_article(23)},
]
COLUMNS = ["id", "date", "from", "outlet", "title", "lang", "chars", "duplicate_of"]


@pytest.fixture()
def filled(tmp_path: Path, invoke, db: str) -> dict[str, dict]:
    """Ingest four articles; return {title: its --json row} plus the stored articles."""
    write_text(tmp_path / "in" / "entries.jsonl",
               "\n".join(json.dumps(e) for e in ENTRIES) + "\n")
    write_text(tmp_path / "in" / "noisy.txt", NOISY)
    assert invoke(["ingest", "in"]).exit_code == 0
    rows = json_rows(invoke(["articles", "--json"]).stdout)
    return {row["title"]: row for row in rows}


def json_rows(output: str) -> list[dict]:
    """``--json`` prints one JSON array."""
    return json.loads(output)


def unique_prefix(article_id: str, others: list[str]) -> str:
    for size in range(4, len(article_id) + 1):
        prefix = article_id[:size]
        if not any(o.startswith(prefix) for o in others if o != article_id):
            return prefix
    return article_id


# ------------------------------------------------------------------ articles


def test_json_lists_every_field_in_date_order(filled: dict, db: str, invoke) -> None:
    rows = json_rows(invoke(["articles", "--json"]).stdout)
    assert [r["title"] for r in rows] == ["Pilot boats renamed",
                                          "Ferry strike enters its second week",
                                          "Quay repairs begin", "Choir tours the islands"]
    assert all(set(r) == {"id", "source", "outlet", "title", "authors", "url", "published",
                          "published_from", "published_confidence", "removed",
                          "duplicate_of", "text_chars", "language"}
               for r in rows)
    store = open_store(db)
    for row in rows:
        article = store.get_article(row["id"])
        assert (row["published"], row["outlet"], row["text_chars"], row["duplicate_of"]) == (
            article.published, article.outlet, len(article.text), None)
    store.close()
    assert rows[-1]["published"] is None


def test_table_has_the_documented_columns(filled: dict, invoke) -> None:
    result = invoke(["articles"])
    assert result.exit_code == 0
    header = next(line for line in result.stdout.splitlines() if line.startswith("┃"))
    assert header.replace("┃", " ").split() == COLUMNS
    rows = table_rows(result.stdout)
    assert "4 articles" in result.stdout and len(rows) == 4
    by_id = {row[0]: row for row in rows}
    quay = filled["Quay repairs begin"]
    assert by_id[quay["id"]] == [quay["id"], "2026-03-05", "metadata", "Port News",
                                 "Quay repairs begin", "en", str(quay["text_chars"]), ""]
    choir = filled["Choir tours the islands"]
    assert by_id[choir["id"]][1:4] == ["-", "unknown", "Bay Times"]


def test_outlet_filter_is_case_insensitive(filled: dict, invoke) -> None:
    rows = json_rows(invoke(["articles", "--json", "--outlet", "PORT NEWS"]).stdout)
    assert sorted(r["title"] for r in rows) == ["Pilot boats renamed", "Quay repairs begin"]
    assert json_rows(invoke(["articles", "--json", "--outlet", "Nobody"]).stdout) == []


def test_limit_caps_the_rows(filled: dict, invoke) -> None:
    every = json_rows(invoke(["articles", "--json"]).stdout)
    for limit in (1, 3, 10):
        rows = json_rows(invoke(["articles", "--json", "--limit", str(limit)]).stdout)
        assert rows == every[:limit]
    assert len(table_rows(invoke(["articles", "--limit", "2"]).stdout)) == 2


def test_an_empty_store_lists_no_articles(invoke, db: str) -> None:
    open_store(db).close()
    result = invoke(["articles"])
    assert result.exit_code == 0 and "0 articles" in result.stdout
    assert json_rows(invoke(["articles", "--json"]).stdout) == []
    assert invoke(["articles", "--json", "--nl"]).stdout == ""


def test_an_unknown_story_filter_is_not_found(filled: dict, invoke) -> None:
    result = invoke(["articles", "--story", "feedbeef"])
    assert result.exit_code == 1
    assert "no story 'feedbeef'" in result.stderr and "hint:" in result.stderr


# ------------------------------------------------------------------ article


def test_article_shows_cleaned_text_and_removed_lines(filled: dict, invoke) -> None:
    noisy = filled["Ferry strike enters its second week"]
    prefix = unique_prefix(noisy["id"], [r["id"] for r in filled.values()])
    result = invoke(["article", prefix, "--plain"])
    assert result.exit_code == 0, result.output
    flat = flatten(result.stdout)
    assert noisy["id"] in flat and "Maren Holt, Tove Lind" in flat
    assert "2026-03-02 (text)" in flat and "in/noisy.txt" in flat
    for paragraph in NOISY_PARAGRAPHS:
        assert paragraph in flat
    assert f"{len(NOISY_REMOVED)} removed lines" in result.stdout
    assert {tuple(row) for row in table_rows(result.stdout) if len(row) == 2} == NOISY_REMOVED


def test_article_without_plain_shows_the_same_text(filled: dict, invoke) -> None:
    noisy = filled["Ferry strike enters its second week"]
    flat = flatten(invoke(["article", noisy["id"]]).stdout)
    assert all(paragraph in flat for paragraph in NOISY_PARAGRAPHS)


@pytest.mark.parametrize("article_id", ["0000ffff", "nothing-like-an-id"])
def test_unknown_article_exits_1_with_error_and_hint(filled: dict, invoke,
                                                     article_id: str) -> None:
    result = invoke(["article", article_id])
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[0].startswith("error ") and f"no article '{article_id}'" in lines[0]
    assert lines[1] == "hint: list them with `storyline articles`"
    assert result.stdout == "" and "Traceback" not in result.output


def test_an_ambiguous_prefix_is_a_usage_error(tmp_path: Path, invoke) -> None:
    for seed in range(40):  # 40 ids over 16 hex digits: two share a first digit
        write_text(tmp_path / "in" / f"a{seed:02d}.txt", distinct_article(100 + seed))
    assert invoke(["ingest", "in"]).exit_code == 0
    ids = sorted(r["id"] for r in json_rows(invoke(["articles", "--json"]).stdout))
    shared = next(a[0] for a, b in pairwise(ids) if a[0] == b[0])
    result = invoke(["article", shared])
    assert result.exit_code == 2
    assert "ambiguous" in result.stderr and "hint:" in result.stderr


@pytest.mark.parametrize("article_id", ["0000ffff", "[red]0000"])
def test_error_line_shows_the_code_and_the_message_verbatim(filled: dict, invoke,
                                                            article_id: str) -> None:
    result = invoke(["article", article_id])
    assert result.stderr.splitlines()[0] == f"error [not_found] no article '{article_id}'"


def test_a_negative_limit_is_a_usage_error(filled: dict, invoke) -> None:
    result = invoke(["articles", "--json", "--limit", "-2"])
    assert result.exit_code == 2
