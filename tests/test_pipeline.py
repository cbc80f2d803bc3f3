"""The declared pipeline: the tables check themselves, and docs/pipeline.md shows them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from storyline import services
from storyline.errors import PipelineError
from storyline.pipeline import (
    Stage,
    Table,
    check_table,
    dependents,
    run_table,
    stage_keys,
    stale_stages,
)
from storyline.text.lexicon import Pattern, Words, entries
from storyline.text.lexicon import Table as LexTable

DOC = Path(__file__).resolve().parents[1] / "docs" / "pipeline.md"


def _stage(name, requires, produces, version="1", run=None):
    return Stage(name, version, tuple(requires), tuple(produces),
                 run or (lambda **kw: tuple(f"{name}:{p}" for p in produces)
                         if len(produces) > 1 else f"{name}:{produces[0]}"))


def test_a_requirement_nobody_produces_is_refused_before_data_flows():
    table = Table("t", ("doc",), (_stage("a", ["doc"], ["x"]), _stage("b", ["y"], ["z"])))
    with pytest.raises(PipelineError) as caught:
        check_table(table)
    assert "'b'" in caught.value.message and "y" in caught.value.message
    assert caught.value.code == "pipeline"


def test_names_and_slots_are_unique():
    with pytest.raises(PipelineError, match="used twice"):
        check_table(Table("t", ("doc",), (_stage("a", ["doc"], ["x"]),
                                          _stage("a", ["doc"], ["y"]))))
    with pytest.raises(PipelineError, match="already produced"):
        check_table(Table("t", ("doc",), (_stage("a", ["doc"], ["x"]),
                                          _stage("b", ["doc"], ["x"]))))
    with pytest.raises(PipelineError, match="no version"):
        check_table(Table("t", ("doc",), (_stage("a", ["doc"], ["x"], version=""),)))


def test_keys_follow_versions_and_inputs_and_only_stale_stages_run():
    calls = []

    def record(name):
        def run(**kwargs):
            calls.append(name)
            return name
        return run

    table = check_table(Table("t", ("doc", "date"), (
        _stage("a", ["doc"], ["x"], run=record("a")),
        _stage("b", ["x", "date"], ["y"], run=record("b")),
        _stage("c", ["x"], ["z"], run=record("c")),
    )))
    keys = stage_keys(table, {"doc": "m1", "date": "2021-01-01"})
    redated = stage_keys(table, {"doc": "m1", "date": "2021-02-01"})
    assert keys["a"] == redated["a"] and keys["c"] == redated["c"] and keys["b"] != redated["b"]
    assert stale_stages(table, keys, redated) == ["b"]
    assert stale_stages(table, {}, keys) == ["a", "b", "c"]
    assert dependents(table, ["a"]) == ["a", "b", "c"]
    out = run_table(table, {"doc": 1, "date": 2, "x": "old"}, only=["b"])
    assert calls == ["b"] and out["y"] == "b" and out["x"] == "old"
    with pytest.raises(PipelineError):
        dependents(table, ["nope"])


def test_the_product_tables_are_valid_and_versioned():
    for table in services.stage_tables():
        check_table(table)
        for stage in table.stages:
            assert stage.version and stage.doc, stage.name


def test_every_declared_lexicon_has_named_entries_with_reasons():
    import importlib

    for table in services.stage_tables():
        for stage in table.stages:
            if not stage.lexicon:
                continue
            found = entries(importlib.import_module(stage.lexicon))
            assert found, f"{stage.lexicon} declares no entries"
            for entry in found:
                assert isinstance(entry, (Words, LexTable, Pattern))
                assert entry.name and entry.why, entry


def _rows() -> list[str]:
    rows = []
    for table in services.stage_tables():
        for stage in table.stages:
            rows.append("| " + " | ".join([
                table.layer, f"`{stage.name}`", stage.version,
                ", ".join(stage.requires), ", ".join(stage.produces), f"`{stage.module}`",
                f"`{stage.lexicon}`" if stage.lexicon else "-", stage.settings or "-",
            ]) + " |")
    return rows


def test_docs_show_the_tables_the_code_runs():
    text = DOC.read_text(encoding="utf-8")
    documented = [line.strip() for line in text.splitlines()
                  if re.match(r"\|\s*(annotate|collection|story)\s*\|", line)]
    expected = _rows()
    assert documented == expected, "docs/pipeline.md is out of date; its table should be:\n" + \
        "\n".join(expected)


def update_doc() -> None:
    """Rewrite the table of docs/pipeline.md from the code: ``python tests/test_pipeline.py``."""
    lines = DOC.read_text(encoding="utf-8").splitlines()
    rows = [i for i, line in enumerate(lines)
            if re.match(r"\|\s*(annotate|collection|story)\s*\|", line)]
    lines[rows[0]:rows[-1] + 1] = _rows()
    DOC.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    update_doc()
