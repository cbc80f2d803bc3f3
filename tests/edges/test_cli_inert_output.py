"""Hostile text stays inert in the terminal and in CSV exports, through the real CLI.

A title such as ``Talks [/b] resume [link=https://evil.example]click[/link]`` must print
literally (no crash, no terminal hyperlink), and control and bidi characters never reach
the terminal. CSV cells that a spreadsheet would run as formulas get a leading apostrophe.
"""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import pytest
from edge_articles import FERRY, write_text
from rich.console import Console
from rich.errors import MarkupError

from storyline import cli as cli_module
from storyline.ingest.ids import article_id, content_hash
from storyline.records import Article, RemovedLine
from storyline.store import open_store
from storyline.store.base import StoryBuild
from storyline.store.schema import story_from_v1

MARKUP_TITLE = "Talks [/b] resume [link=https://evil.example]click[/link]"
RLO, ESC = "\u202e", "\x1b"
HOSTILE_TITLE = f"{MARKUP_TITLE} {RLO}txt.exe {ESC}[31mred{ESC}[0m\rover"
OSC_LINK = "\x1b]8;"
FORMULAS = ["=cmd|' /C calc'!A0", "+SUM(1,2)", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]


def hostile_article() -> Article:
    text = (f"{FERRY}\n\nA line with markup [bold]not bold[/bold] and [link=https://evil.example]"
            f"a link[/link], an override {RLO}gnp.exe and an escape {ESC}[2J here.")
    return Article(id=article_id("hostile.txt", text), source="in/[red]hostile[/red].txt",
                   text=text, title=HOSTILE_TITLE, outlet=f"@Evil{RLO} Post [i]",
                   authors=("[b]Ana[/b]",), content_hash=content_hash(text),
                   removed=(RemovedLine(f"[link=https://evil.example]x[/link]{ESC}]8;;", "x"),))


def hostile_story(article: Article) -> dict:
    quotes = [{"id": f"q{n}", "text": formula, "direct": True, "speaker_actor_id": "a1",
               "speaker_text": "=HYPERLINK(\"https://evil.example\")", "cue": "said",
               "article_id": article.id, "start": 0, "end": 1}
              for n, formula in enumerate(FORMULAS)]
    return {
        "schema": "storyline.story/v1",
        "story": {"id": "s-hostile", "title": HOSTILE_TITLE, "first_published": None,
                  "last_published": None, "article_count": 1},
        "articles": [{"id": article.id, "source": article.source, "outlet": "@Evil",
                      "title": article.title, "authors": [], "published": None,
                      "published_from": "unknown", "text": article.text, "removed": [],
                      "duplicate_of": None}],
        "actors": [{"id": "a1", "name": "=1+1", "kind": "person", "aliases": ["+alias"],
                    "mention_count": 1, "article_ids": [article.id]}],
        "quotes": quotes,
        "claims": [], "claim_groups": [], "events": [],
        "timeline": [{"date": "2026-03-01", "granularity": "day", "summary": "-1 summary",
                      "citations": []}],
        "brief": [],
    }


@pytest.fixture()
def hostile_db(db: str) -> Article:
    store = open_store(db)
    article = hostile_article()
    store.upsert_articles([article])
    store.save_story(story_from_v1(hostile_story(article)), StoryBuild())
    store.close()
    return article


@pytest.fixture()
def terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI's console as if stdout were a colour terminal (links and styles enabled)."""
    console = Console(force_terminal=True, color_system="truecolor", width=250,
                      highlight=False, soft_wrap=True)
    monkeypatch.setattr(cli_module, "out", console)


def assert_inert(output: str) -> None:
    assert "Traceback" not in output
    assert OSC_LINK not in output, "a terminal hyperlink was printed"
    assert RLO not in output and "\r" not in output
    assert f"{ESC}[31mred" not in output and f"{ESC}[2J" not in output


def test_the_markup_title_would_break_rich_if_printed_as_markup() -> None:
    with pytest.raises(MarkupError):
        Console(file=io.StringIO()).print(MARKUP_TITLE)
    linked = io.StringIO()
    Console(file=linked, force_terminal=True).print("[link=https://evil.example]click[/link]")
    assert OSC_LINK in linked.getvalue()


@pytest.mark.parametrize("args", [["articles"], ["stories"], ["article", "ARTICLE"]])
def test_tables_print_hostile_text_literally(invoke, hostile_db: Article, terminal,
                                             args: list[str]) -> None:
    args = [hostile_db.id if a == "ARTICLE" else a for a in args]
    result = invoke(args)
    assert result.exit_code == 0, result.output
    assert MARKUP_TITLE in result.stdout
    assert_inert(result.stdout)


def test_article_view_keeps_markup_of_text_and_removed_lines(invoke, hostile_db: Article) -> None:
    result = invoke(["article", hostile_db.id, "--plain"])
    assert result.exit_code == 0, result.output
    flat = " ".join(result.stdout.split())
    assert "[bold]not bold[/bold]" in flat and "[link=https://evil.example]" in flat
    assert "[b]Ana[/b]" in flat and "Evil Post [i]" in flat
    assert_inert(result.stdout)


def test_articles_json_is_exact_json(invoke, hostile_db: Article) -> None:
    result = invoke(["articles", "--json"])
    assert result.exit_code == 0
    assert f'"title": "{MARKUP_TITLE} \\u202etxt.exe' in result.stdout


def test_rejection_table_prints_hostile_names_literally(tmp_path: Path, invoke,
                                                       terminal) -> None:
    write_text(tmp_path / "in" / "good.txt", FERRY)
    write_text(tmp_path / "in" / f"[link=https:evil.example]x[/link]{RLO}.json", '{"text": ')
    result = invoke(["ingest", "in"])
    assert result.exit_code == 1
    assert "[link=https:evil.example]x[/link]" in result.stdout and "malformed" in result.stdout
    assert_inert(result.stdout)


def test_error_messages_are_inert(invoke, hostile_db: Article) -> None:
    result = invoke(["article", f"[/b]{RLO}nope"])
    assert result.exit_code != 0 and "Traceback" not in result.output
    assert "[/b]" in result.stderr and RLO not in result.stderr


def _csv_cells(tables: dict[str, str]) -> list[str]:
    return [value for text in tables.values() for row in csv.reader(io.StringIO(text))
            for value in row]


@pytest.mark.parametrize("target", ["tables.zip", "tables/"])
def test_csv_export_defuses_formulas(tmp_path: Path, invoke, hostile_db: Article,
                                     target: str) -> None:
    result = invoke(["export", "--all", "--format", "csv", "--out", target])
    assert result.exit_code == 0, result.output
    out = tmp_path / target
    if target.endswith(".zip"):
        with zipfile.ZipFile(out) as archive:
            tables = {n: archive.read(n).decode("utf-8") for n in archive.namelist()}
    else:
        tables = {p.name: p.read_bytes().decode("utf-8") for p in out.glob("*.csv")}
    cells = _csv_cells(tables)
    for formula in FORMULAS:
        assert "'" + formula in cells, formula
    assert "'=1+1" in cells and "'+alias" in cells
    assert any(cell.startswith("'@Evil") for cell in cells)
    assert "'-1 summary" in cells
    risky = [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert risky == []
