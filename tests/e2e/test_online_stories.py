"""Stories are built online: later articles join a story or start one; old ones stay put."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from storyline.cli import cli

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def stories(db: str) -> list[dict]:
    value = json.loads(run("export", "--all", "--format", "json", "--db", db).output)
    return value if isinstance(value, list) else [value]


def memberships(db: str) -> dict[str, str]:
    return {a["id"]: s["story"]["id"] for s in stories(db) for a in s["articles"]}


def test_later_articles_join_and_other_stories_stay(tmp_path, seeds_dir):
    db = str(tmp_path / "online.db")
    first = tmp_path / "first"
    first.mkdir()
    sample = sorted(p for p in EXAMPLES.iterdir() if p.suffix == ".txt")
    for path in sample[:2]:
        shutil.copy(path, first / path.name)
    meta = str(EXAMPLES / "metadata.jsonl")
    assert run("analyze", str(first), "--metadata", meta, "--db", db).exit_code == 0
    before = memberships(db)
    assert len(set(before.values())) == 1

    assert run("analyze", str(seeds_dir), "--metadata", str(seeds_dir / "metadata.jsonl"),
               "--db", db).exit_code == 0
    mixed = memberships(db)
    assert {k: mixed[k] for k in before} == before
    assert len(set(mixed.values())) == 2
    seeds_story = stories(db)
    untouched = next(s for s in seeds_story if s["story"]["id"] in set(before.values()))

    result = run("analyze", str(EXAMPLES), "--metadata", meta, "--db", db)
    assert result.exit_code == 0, result.output
    after = memberships(db)
    assert {k: after[k] for k in mixed} == mixed
    strike = set(before.values())
    assert sum(1 for story_id in after.values() if story_id in strike) >= 6
    assert len(set(after.values())) == 2
    rebuilt = {s["story"]["id"]: s for s in stories(db)}
    seeds_id = (set(mixed.values()) - strike).pop()
    assert rebuilt[seeds_id] == next(s for s in seeds_story if s["story"]["id"] == seeds_id)
    assert rebuilt[untouched["story"]["id"]]["story"]["article_count"] > \
        untouched["story"]["article_count"]
