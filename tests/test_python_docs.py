"""docs/python.md runs: every ```python block, in order, in one namespace (like a notebook),
in a folder holding a copy of examples/. Uses the spaCy model (the analysis is real)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "python.md"
BLOCK = re.compile(r"^```python\n(.*?)^```", re.DOTALL | re.MULTILINE)


def blocks() -> list[str]:
    return BLOCK.findall(DOC.read_text(encoding="utf-8"))


def test_the_page_has_a_walk_through():
    assert len(blocks()) >= 8


@pytest.mark.slow
def test_the_walk_through_runs(tmp_path, monkeypatch):
    pytest.importorskip("pandas")
    pytest.importorskip("pyarrow")
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    namespace: dict = {"__name__": "walkthrough"}
    for number, code in enumerate(blocks(), 1):
        exec(compile(code, f"docs/python.md block {number}", "exec"), namespace)  # noqa: S102
    assert (tmp_path / "quotes.parquet").is_file() and (tmp_path / "demo.db").is_file()
    assert namespace["document"]["schema"] == "storyline.story/v1"
    assert len(namespace["table"]) == len(namespace["story"].quotes) > 0
