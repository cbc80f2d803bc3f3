"""The storyline command line: parse, call a service, present."""

from __future__ import annotations

import functools
import importlib
import inspect
import json
import logging
import os
import sys
import webbrowser
from pathlib import Path

import click
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from . import __version__, services
from .config import Settings, load_settings
from .errors import StorylineError, UsageError
from .eval.report import EvalReport, below_floor
from .store import ArticleFilter

PIPE_WIDTH = 200  # tables written to a pipe or file are not wrapped to 80 columns
out = Console(highlight=False, soft_wrap=True,
              width=None if sys.stdout.isatty() or os.environ.get("COLUMNS") else PIPE_WIDTH)
err = Console(stderr=True, highlight=False)

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
}


def handle_errors(func):
    """Turn StorylineError into a message, a hint and its exit code; no tracebacks."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except StorylineError as exc:
            err.print(f"[bold red]error[/] {escape(f'[{exc.code}] {exc.message}')}")
            if exc.hint:
                err.print(f"hint: {escape(exc.hint)}")
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


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="storyline")
@click.option("--config", "config", type=click.Path(dir_okay=False), default=None,
              help="TOML settings file (also STORYLINE_CONFIG).")
@click.option("-v", "--verbose", count=True, help="More log output (-vv for debug).")
@click.pass_context
def cli(ctx: click.Context, config: str | None, verbose: int) -> None:
    """storyline: a sourced, structured picture of a developing news story."""
    level = [logging.WARNING, logging.INFO, logging.DEBUG][min(verbose, 2)]
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
    ctx.obj = {"config": config}


def print_rejections(rejected) -> None:
    if not rejected:
        return
    table = Table(title=f"{len(rejected)} rejected")
    table.add_column("source", overflow="fold")
    table.add_column("reason")
    table.add_column("detail", overflow="fold")
    for item in rejected:
        table.add_row(item.source, item.reason.value, item.detail)
    out.print(table)


def print_ingest(report: services.IngestReport) -> None:
    out.print(f"ingested: {report.articles_added} added, {report.articles_updated} updated, "
              f"{report.unchanged} unchanged, {report.duplicates} linked as duplicates, "
              f"{len(report.rejected)} rejected")
    print_rejections(report.rejected)


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--metadata", type=click.Path(dir_okay=False), default=None,
              help="Metadata sidecar (JSONL or CSV keyed by file name); overrides the text.")
@db_option
@click.pass_context
@handle_errors
def ingest(ctx, paths, metadata, db):
    """Read, clean, deduplicate and store articles from files, folders, globs or feeds.

    Exits 1 when any input was rejected, 2 on a usage error, 0 otherwise.
    """
    settings = settings_from(ctx, store={"url": db})
    store = services.open_store(settings)
    with progress_bar() as bar:
        task = bar.add_task("ingest", total=None)
        report = services.ingest_paths(
            store, list(paths), settings, metadata=metadata,
            progress=lambda d, t: bar.update(task, completed=d, total=t))
    print_ingest(report)
    sys.exit(1 if report.rejected else 0)


@cli.command()
@db_option
@click.option("--outlet", default=None, help="Only articles of this outlet.")
@click.option("--story", "story_id", default=None, help="Only articles of this story id.")
@click.option("--limit", default=200, show_default=True, type=click.IntRange(min=0),
              help="At most this many rows.")
@click.option("--json", "as_json", is_flag=True, help="JSON lines instead of a table.")
@click.pass_context
@handle_errors
def articles(ctx, db, outlet, story_id, limit, as_json):
    """List stored articles: id, date, outlet, title, chars, duplicate_of."""
    settings = settings_from(ctx, store={"url": db})
    store = services.open_store(settings)
    if story_id:
        story_id = store.resolve_story_id(story_id)
    page = services.list_articles(store, ArticleFilter(outlet=outlet, story_id=story_id), limit)
    from .render.terminal import articles_table

    if as_json:
        for a in page.items:
            out.print(json.dumps({"id": a.id, "published": a.published,
                                  "published_from": a.published_from.value, "outlet": a.outlet,
                                  "title": a.title, "chars": len(a.text),
                                  "duplicate_of": a.duplicate_of}), markup=False)
    else:
        out.print(articles_table(page.items))


@cli.command()
@click.argument("article_id")
@db_option
@click.option("--plain", is_flag=True, help="No highlighting.")
@click.pass_context
@handle_errors
def article(ctx, article_id, db, plain):
    """Show one article: metadata, cleaned text with highlights, removed lines, annotations.

    ARTICLE_ID may be a unique prefix of the id.
    """
    from .render.terminal import article_view

    settings = settings_from(ctx, store={"url": db})
    view = services.get_article_view(services.open_store(settings), article_id)
    for part in article_view(view.article, view.annotation, view.story_id, plain=plain):
        out.print(part)


@cli.command()
@db_option
@click.option("--workers", type=int, default=None, help="Worker processes (default 1).")
@click.option("--rerun", "rerun", multiple=True, metavar="STAGE",
              help="Run this annotate stage again (and what depends on it) over every "
                   "annotated article, from the stored parses. Repeatable.")
@click.pass_context
@handle_errors
def annotate(ctx, db, workers, rerun):
    """Annotate the stored articles that are pending or stale.

    A stage whose version (or input, such as the reference date) changed runs again from
    the article's stored parse, without parsing again; see `storyline stages`.
    """
    settings = settings_from(ctx, store={"url": db}, annotate={"workers": workers})
    store = services.open_store(settings)
    with progress_bar() as bar:
        task = bar.add_task("annotate", total=None)
        report = services.annotate_pending(
            store, settings, rerun=list(rerun),
            progress=lambda d, t: bar.update(task, completed=d, total=t))
    ran = f" (stages: {', '.join(report.stages)})" if report.stages else ""
    out.print(f"annotated {report.annotated} articles ({report.parsed} parsed afresh){ran}, "
              f"{report.skipped} already up to date")


@cli.command()
@click.argument("paths", nargs=-1)
@click.option("--metadata", type=click.Path(dir_okay=False), default=None,
              help="Metadata sidecar (JSONL or CSV keyed by file name).")
@db_option
@click.option("--workers", type=int, default=None, help="Worker processes for annotation.")
@click.option("--rebuild", is_flag=True, help="Rebuild every story, not only changed ones.")
@click.option("--open", "open_report", is_flag=True,
              help="Write the HTML report of every story and open it in a browser.")
@click.option("--report", "report_path", type=click.Path(dir_okay=False), default=None,
              help="Where --open writes the report (default storyline-report.html).")
@click.pass_context
@handle_errors
def analyze(ctx, paths, metadata, db, workers, rebuild, open_report, report_path):
    """Ingest PATHS (optional), annotate what is pending and build the stories."""
    settings = settings_from(ctx, store={"url": db}, annotate={"workers": workers})
    store = services.open_store(settings)
    with progress_bar() as bar:
        report = services.analyze(store, settings, paths=list(paths), metadata=metadata,
                                  progress=staged_progress(bar), rebuild=rebuild)
    if report.ingest is not None:
        print_ingest(report.ingest)
    out.print(f"annotated {report.annotate.annotated} articles; built "
              f"{report.stories.stories_built} stories ({report.stories.new_stories} new); "
              f"{report.stories.dates_inferred} dates inferred")
    if open_report:
        target = Path(report_path or "storyline-report.html")
        _write_report([services.story_document(v) for v in services.all_stories(store)], target)
        webbrowser.open(target.resolve().as_uri())
    sys.exit(1 if report.ingest is not None and report.ingest.rejected else 0)


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--engine", type=click.Choice(["spark"]), default="spark", show_default=True,
              help="The distributed engine that reads, cleans and annotates.")
@click.option("--master", default=None, metavar="URL",
              help="Spark master (local[4], spark://host:7077, yarn; default: what "
                   "spark-submit gives, else local[*]).")
@click.option("--out", "out_dir", type=click.Path(file_okay=False), default=None,
              help="Folder for the Parquet output (default: a new temporary folder).")
@click.option("--partitions", type=click.IntRange(min=1), default=None,
              help="Partitions of the annotate step (default: twice the parallelism).")
@db_option
@click.pass_context
@handle_errors
def batch(ctx, paths, engine, master, out_dir, partitions, db):
    """Read, clean and annotate PATHS (JSONL, Parquet, folders) on Spark; load the Parquet
    output into the store and build the stories.

    Exits 1 when any input was rejected, 0 otherwise.
    """
    from .batch import run_batch

    settings = settings_from(ctx, store={"url": db})
    store = services.open_store(settings)
    report = run_batch(store, settings, list(paths), master=master, output=out_dir,
                       partitions=partitions)
    out.print(f"batch ({engine}): {report.articles} articles annotated, "
              f"{len(report.rejected)} rejected; built {report.stories_built} stories; "
              f"Parquet in {report.output}")
    print_rejections(report.rejected)
    sys.exit(1 if report.rejected else 0)


@cli.command()
@db_option
@click.option("--limit", default=100, show_default=True, type=click.IntRange(min=0),
              help="At most this many rows.")
@click.pass_context
@handle_errors
def stories(ctx, db, limit):
    """List stories: id, dates, article count, outlets, title.

    A story built by other story stage versions or settings is marked stale; `storyline
    rebuild` (or `storyline analyze`) brings it up to date.
    """
    from .render.terminal import stories_table

    settings = settings_from(ctx, store={"url": db})
    page = services.list_stories(services.open_store(settings), None, limit)
    current = services.story_build(settings)
    out.print(stories_table(page.items, [services.is_stale(s.build, current)
                                         for s in page.items]))


@cli.command()
@db_option
@click.option("--all", "all_", is_flag=True, help="Rebuild every story, stale or not.")
@click.pass_context
@handle_errors
def rebuild(ctx, db, all_):
    """Rebuild the stale stories (built by other story stage versions or settings).

    Annotations that are stale are brought up to date first, from the stored parses.
    """
    settings = settings_from(ctx, store={"url": db})
    store = services.open_store(settings)
    with progress_bar() as bar:
        report = services.analyze(store, settings, progress=staged_progress(bar),
                                  rebuild=all_)
    out.print(f"annotated {report.annotate.annotated} articles; rebuilt "
              f"{report.stories.stories_built} stories")


@cli.command()
def stages():
    """Show the declared pipeline: every stage, its version, what it requires and produces."""
    from .render.terminal import stages_tables

    for table in stages_tables(services.stage_tables()):
        out.print(table)


def _selected_stories(store, story_id: str | None, all_: bool) -> list[dict]:
    if bool(story_id) == bool(all_):
        raise UsageError("give either a STORY_ID or --all", hint="storyline stories lists ids")
    views = services.all_stories(store) if all_ else [services.get_story(store, story_id)]
    return [services.story_document(v) for v in views]


@cli.command()
@click.argument("story_id", required=False)
@click.option("--all", "all_", is_flag=True, help="Every story.")
@click.option("--format", "fmt", type=click.Choice(["json", "jsonl", "md", "csv"]),
              default="json", show_default=True, help="Output format.")
@click.option("--out", "out_path", type=click.Path(), default=None,
              help="Output file (csv: a .zip file or a folder; default stdout for json/jsonl/md).")
@db_option
@click.pass_context
@handle_errors
def export(ctx, story_id, all_, fmt, out_path, db):
    """Export stories as story JSON v1 (json, jsonl), Markdown briefs or CSV tables."""
    from .render import exporters

    settings = settings_from(ctx, store={"url": db})
    chosen = _selected_stories(services.open_store(settings), story_id, all_)
    if fmt == "csv":
        if not out_path:
            raise UsageError("csv export needs --out FILE.zip or --out FOLDER",
                             hint="storyline export --all --format csv --out tables.zip")
        exporters.write_csv(chosen, Path(out_path))
        return
    text = exporters.export_text(chosen, fmt)
    if out_path:
        Path(out_path).write_text(text, encoding="utf-8")
    else:
        click.echo(text, nl=False)


def _write_report(chosen: list[dict], target: Path) -> None:
    from .render.html import render_report

    target.write_text(render_report(chosen), encoding="utf-8")
    err.print(f"wrote {target}")


@cli.command()
@click.argument("story_id", required=False)
@click.option("--all", "all_", is_flag=True, help="Every story.")
@click.option("-o", "--output", "output", type=click.Path(dir_okay=False), required=True,
              help="The HTML file to write.")
@db_option
@click.pass_context
@handle_errors
def report(ctx, story_id, all_, output, db):
    """Write one self-contained HTML report (inline CSS/JS, works offline)."""
    settings = settings_from(ctx, store={"url": db})
    _write_report(_selected_stories(services.open_store(settings), story_id, all_), Path(output))


@cli.command()
@db_option
@click.option("--host", default=None, help="Address to bind (default 127.0.0.1).")
@click.option("--port", type=int, default=None, help="Port (default 8000).")
@click.pass_context
@handle_errors
def serve(ctx, db, host, port):
    """Serve the web UI and the REST API (/api/v1) on one app.

    A non-loopback --host needs an API token (STORYLINE_API_TOKEN).
    """
    from .web.serve import serve as run_server

    settings = settings_from(ctx, store={"url": db}, web={"host": host, "port": port})
    run_server(settings, settings.store.url, settings.web.host, settings.web.port)


@cli.group(name="eval")
def eval_group() -> None:
    """Score storyline against benchmark data; exit 1 below a pinned floor."""


def print_report(report: EvalReport, show_rows: bool) -> None:
    if show_rows and report.rows:
        table = Table(title=report.name)
        columns = list(report.rows[0].keys())
        for column in columns:
            table.add_column(str(column), overflow="fold")
        for row in report.rows:
            table.add_row(*[_fmt(row.get(c)) for c in columns])
        out.print(table)
    for name, value in report.metrics.items():
        floor = report.floors.get(name)
        suffix = f"  (floor {floor})" if floor is not None else ""
        out.print(f"{report.name}.{name} = {_fmt(value)}{suffix}")
    for note in report.notes:
        out.print(note)


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
    @click.option("--rows/--no-rows", default=True, help="Print the per-item table.")
    @click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
    @handle_errors
    def command(data, limit, split, oracle_length, rows, as_json):
        module = importlib.import_module(module_name)
        options = _eval_options(module.score, name, limit=limit, split=split,
                                oracle_length=oracle_length or None)
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
            err.print(f"[bold red]below floor[/] {line}")
        sys.exit(1 if failures else 0)

    command.__doc__ = f"Score the {name} stage (see docs/eval.md)."
    return eval_group.command(name=name)(command)


for _name, _module in EVAL_MODULES.items():
    _make_eval_command(_name, _module)


def main() -> None:
    cli(prog_name="storyline")


if __name__ == "__main__":
    main()
