"""Every command and option of the CLI is documented in docs/cli.md, and --help works."""

from __future__ import annotations

from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from storyline.cli import cli

DOCS = (Path(__file__).resolve().parents[1] / "docs" / "cli.md").read_text(encoding="utf-8")


def _commands(group: click.Group, prefix: str = ""):
    for name, command in group.commands.items():
        full = f"{prefix} {name}".strip()
        yield full, command
        if isinstance(command, click.Group):
            yield from _commands(command, full)


COMMANDS = list(_commands(cli))


@pytest.mark.parametrize("name,command", COMMANDS, ids=[c[0] for c in COMMANDS])
def test_command_and_options_documented(name, command):
    heading = f"### storyline {name}\n"
    assert heading in DOCS, f"docs/cli.md lacks a section for {name}"
    section = DOCS.split(heading, 1)[1].split("\n### ", 1)[0]
    for param in command.params:
        if isinstance(param, click.Option):
            longest = max(param.opts, key=len)
            assert longest in section, f"{name}: option {longest} undocumented"


@pytest.mark.parametrize("name", [c[0] for c in COMMANDS])
def test_help_exits_zero(name):
    result = CliRunner().invoke(cli, [*name.split(), "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.output


def test_global_options_documented():
    for opt in ("--config", "--verbose", "--version"):
        assert opt in DOCS
