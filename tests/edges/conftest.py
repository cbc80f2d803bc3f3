"""Fixtures for the edge tests: a CLI runner in a temp folder and a fresh SQLite file."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from storyline.cli import cli
from storyline.config import Settings, load_settings

Invoke = Callable[..., Result]


@pytest.fixture()
def db(tmp_path: Path) -> str:
    """A SQLite file that does not exist yet (the CLI creates and migrates it)."""
    return str(tmp_path / "edge.db")


def _clean_env(extra: Mapping[str, str] | None) -> dict[str, str | None]:
    """No STORYLINE_* from the caller's shell; wide output so table cells never fold."""
    env: dict[str, str | None] = {k: None for k in os.environ if k.startswith("STORYLINE_")}
    env.update({"COLUMNS": "250", "LINES": "50"})
    env.update(extra or {})
    return env


@pytest.fixture()
def invoke(tmp_path: Path, db: str, monkeypatch: pytest.MonkeyPatch) -> Invoke:
    """Run ``storyline ARGS --db edge.db`` from tmp_path (so sources are short relative paths)."""
    monkeypatch.chdir(tmp_path)

    def run(args: Sequence[str], env: Mapping[str, str] | None = None, *,
            with_db: bool = True) -> Result:
        argv = [*args, "--db", db] if with_db else list(args)
        return CliRunner(env=_clean_env(env)).invoke(cli, argv, catch_exceptions=False)

    return run


@pytest.fixture()
def settings(db: str) -> Settings:
    return load_settings(env={}, overrides={"store": {"url": db}})

