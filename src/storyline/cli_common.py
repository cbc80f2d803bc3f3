"""What every storyline command shares: consoles, error handling, options, JSON output,
opening the store (read commands never create one) and writing exports."""

from __future__ import annotations

import functools
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from . import services
from .config import Settings, load_settings
from .errors import StorylineError, UsageError
from .render.terminal import UNSAFE_CHARS, safe_str
from .store import SqlStore

PIPE_WIDTH = 200  # tables written to a pipe or file are not wrapped to 80 columns


def output_width() -> int:
    """COLUMNS when set, else the terminal's width, else PIPE_WIDTH (a pipe or a file)."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    if sys.stdout.isatty():
        return shutil.get_terminal_size().columns
    return PIPE_WIDTH


out = Console(highlight=False, soft_wrap=True, width=output_width())
err = Console(stderr=True, highlight=False)


def configure_output() -> None:
    """Fit the output console to where standard output goes now (run per invocation)."""
    out.width = output_width()

def handle_errors(func):
    """Turn StorylineError into a message, a hint and its exit code; no tracebacks."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except StorylineError as exc:
            err.print(f"[bold red]error[/] {escape(safe_str(f'[{exc.code}] {exc.message}'))}")
            if exc.hint:
                err.print(f"hint: {escape(safe_str(exc.hint))}")
            sys.exit(exc.exit_code)
        except KeyboardInterrupt:
            err.print("interrupted: the store is consistent; run the command again to resume")
            sys.exit(130)

    return wrapper


def settings_from(ctx: click.Context, **sections) -> Settings:
    base = ctx.obj or {}
    overrides = {name: values for name, values in sections.items()}
    return load_settings(base.get("config"), overrides=overrides)


def db_option(func):
    return click.option("--db", "db", metavar="URL", default=None,
                        help="Database URL or SQLite file (default: STORYLINE_DB or "
                             "./storyline.db).")(func)


def json_options(func):
    """``--json`` (one JSON array) and ``--nl`` (one JSON object per line) for listings."""
    func = click.option("--nl", "as_lines", is_flag=True,
                        help="With --json: one JSON object per line instead of an array.")(func)
    return click.option("--json", "as_json", is_flag=True,
                        help="JSON (an array of objects) instead of a table.")(func)


def terminal_json(value: Any, indent: int | None = None) -> str:
    """JSON for a terminal: non-ASCII text kept readable, but control and bidi characters
    escaped (``\\u202e``), so hostile text cannot reorder or restyle what is shown."""
    text = json.dumps(value, ensure_ascii=False, indent=indent)
    return UNSAFE_CHARS.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def print_json(value: Any, *, lines: bool = False) -> None:
    """``value`` as indented JSON, or (``lines``, for a list) one compact object per line."""
    if lines and isinstance(value, list):
        for item in value:
            click.echo(terminal_json(item))
        return
    click.echo(terminal_json(value, indent=2))


def reading_store(ctx: click.Context, db: str | None) -> tuple[Settings, SqlStore]:
    """Settings and the existing store for a read command: a missing SQLite file is an
    error (exit 1), never created."""
    settings = settings_from(ctx, store={"url": db})
    return settings, services.open_existing_store(settings)


def progress_bar() -> Progress:
    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                    TimeElapsedColumn(), console=err, transient=False,
                    disable=not err.is_terminal)


def staged_progress(bar: Progress):
    tasks: dict[str, int] = {}

    def update(stage: str, done: int, total: int) -> None:
        if stage not in tasks:
            tasks[stage] = bar.add_task(stage, total=total)
        bar.update(tasks[stage], completed=done, total=total)

    return update


# ------------------------------------------------------------------ export targets


def _is_folder(target: str) -> bool:
    return target.endswith(("/", os.sep)) or Path(target).is_dir()


def _check_parent(path: Path) -> None:
    if not path.parent.is_dir():
        raise UsageError(f"cannot write {path}: folder {path.parent} does not exist",
                         hint="create the folder first or choose another --out")


def write_text_file(text: str, target: str) -> Path:
    """Write ``text`` to the file ``target`` names (a folder is refused)."""
    if _is_folder(target):
        raise UsageError(f"--out {target} is a folder; this format writes one file",
                         hint="name the file, e.g. --out stories.json")
    path = Path(target)
    _check_parent(path)
    path.write_text(text, encoding="utf-8")
    return path


def write_csv_export(stories: list, target: str | None, table: str | None) -> Path | None:
    """CSV tables: one ``table`` (to ``target`` or standard output), a ``.zip`` of every
    table, or a folder of them when ``target`` is one (ends with ``/`` or exists)."""
    from .render import exporters

    if table:
        with tempfile.TemporaryDirectory(prefix="storyline-csv-") as tmp:
            exporters.write_csv(stories, Path(tmp))
            text = (Path(tmp) / f"{table}.csv").read_text(encoding="utf-8")
        if target is None:
            click.echo(text, nl=False)
            return None
        return write_text_file(text, target)
    if target is None or not (target.lower().endswith(".zip") or _is_folder(target)):
        raise UsageError("csv export writes several tables: name a .zip file, a folder "
                         "(ending in /), or pick one table with --table",
                         hint="storyline export --all --format csv --out tables.zip")
    path = Path(target)
    if not _is_folder(target):
        _check_parent(path)
    exporters.write_csv(stories, path)
    return path
