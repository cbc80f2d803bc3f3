"""``storyline eval``: one subcommand per scorer, each printing its figures and exiting 1
below a floor pinned in the repository (see docs/eval.md)."""

from __future__ import annotations

import importlib
import inspect
import json
import sys
from pathlib import Path

import click
from rich.markup import escape
from rich.table import Table

from .cli_common import err, handle_errors, out, progress_bar
from .errors import UsageError
from .eval.report import EvalReport, below_floor
from .render.terminal import inert, safe_str

EVAL_MODULES = {
    "extract": "storyline.eval.extract",
    "seeds": "storyline.eval.seeds",
    "times": "storyline.eval.times",
    "quotes": "storyline.eval.quotes",
    "speakers": "storyline.eval.speakers",
    "clusters": "storyline.eval.clusters",
    "archive": "storyline.eval.archive",
    "tls": "storyline.eval.tls",
    "events": "storyline.eval.events",
    "actors": "storyline.eval.actors",
    "brief": "storyline.eval.brief",
    "quantities": "storyline.eval.quantities",
    "claims": "storyline.eval.claims",
    "citations": "storyline.eval.citations",
}


@click.group(name="eval")
def eval_group() -> None:
    """Score storyline against benchmark data; exit 1 below a pinned floor."""


def print_report(report: EvalReport, show_rows: bool) -> None:
    if show_rows and report.rows:
        table = Table(title=report.name)
        columns = list(report.rows[0].keys())
        for column in columns:
            table.add_column(str(column), overflow="fold")
        for row in report.rows:
            table.add_row(*[inert(_fmt(row.get(c))) for c in columns])
        out.print(table)
    for name, value in report.metrics.items():
        floor = report.floors.get(name)
        suffix = f"  (floor {floor})" if floor is not None else ""
        out.print(inert(f"{report.name}.{name} = {_fmt(value)}{suffix}"))
    for note in report.notes:
        out.print(inert(note))


def _fmt(value) -> str:
    return f"{value:.4f}" if isinstance(value, float) else str(value)


def _eval_options(score, name: str, **given) -> dict:
    """The options the user gave, checked against what the scorer accepts."""
    accepted = inspect.signature(score).parameters
    options = {}
    for key, value in given.items():
        if value is None:
            continue
        if key not in accepted:
            flag = "--" + key.replace("_", "-")
            raise UsageError(f"storyline eval {name} does not take {flag}",
                             hint=f"see storyline eval {name} --help and docs/eval.md")
        options[key] = value
    return options


def _make_eval_command(name: str, module_name: str):
    @click.option("--data", "data", type=click.Path(exists=True, file_okay=False),
                  required=True, help="The benchmark folder.")
    @click.option("--limit", type=int, default=None, help="Score only the first N items.")
    @click.option("--split", default=None, help="Data split where the set has several.")
    @click.option("--oracle-length", is_flag=True,
                  help="tls: also run with the reference's number of dates and sentences.")
    @click.option("--folds", type=click.IntRange(min=2), default=None,
                  help="extract: split the pages into K folds by a hash of their id; choose "
                       "on the other folds, report each fold beside trafilatura. events: "
                       "report each fold of the PolNeAR gold articles.")
    @click.option("--rows/--no-rows", default=True, help="Print the per-item table.")
    @click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
    @handle_errors
    def command(data, limit, split, oracle_length, folds, rows, as_json):
        module = importlib.import_module(module_name)
        options = _eval_options(module.score, name, limit=limit, split=split,
                                oracle_length=oracle_length or None, folds=folds)
        with progress_bar() as bar:
            task = bar.add_task(f"eval {name}", total=None)
            report = module.score(Path(data), progress=lambda d, t: bar.update(
                task, completed=d, total=t), **options)
        if as_json:
            click.echo(json.dumps({"name": report.name, "metrics": dict(report.metrics),
                                   "floors": dict(report.floors),
                                   "rows": [dict(r) for r in report.rows]}, default=str))
        else:
            print_report(report, rows)
        failures = below_floor(report) if limit is None else []
        for line in failures:
            err.print(f"[bold red]below floor[/] {escape(safe_str(line))}")
        sys.exit(1 if failures else 0)

    command.__doc__ = f"Score the {name} stage (see docs/eval.md)."
    return eval_group.command(name=name)(command)


for _name, _module in EVAL_MODULES.items():
    _make_eval_command(_name, _module)
