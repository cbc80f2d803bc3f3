"""The storyline command line: parse, call a service, present."""

from __future__ import annotations

import logging
import sys
import webbrowser
from pathlib import Path

import click
from rich.table import Table

from . import __version__, cli_delete, cli_eval, cli_search, cli_watch, services
from .cli_common import (
    PIPE_WIDTH,
    configure_output,
    db_option,
    err,
    handle_errors,
    json_options,
    out,
    print_json,
    progress_bar,
    reading_store,
    settings_from,
    staged_progress,
    write_csv_export,
    write_text_file,
)
from .errors import UsageError
from .render.terminal import inert
from .store import ArticleFilter

__all__ = ["PIPE_WIDTH", "cli", "err", "handle_errors", "main", "out", "settings_from"]



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
    configure_output()
    ctx.obj = {"config": config}


def print_rejections(rejected) -> None:
    if not rejected:
        return
    table = Table(title=f"{len(rejected)} rejected")
    table.add_column("source", overflow="fold")
    table.add_column("reason")
    table.add_column("detail", overflow="fold")
    for item in rejected:
        table.add_row(inert(item.source), inert(item.reason.value), inert(item.detail))
    out.print(table)


def print_ingest(report: services.IngestReport) -> None:
    from .ingest.language import language_note

    out.print(f"ingested: {report.articles_added} added, {report.articles_updated} updated, "
              f"{report.unchanged} unchanged, {report.duplicates} linked as duplicates, "
              f"{len(report.rejected)} rejected")
    if report.not_modified:
        out.print(f"{report.not_modified} fetched documents not modified since the last fetch")
    other = language_note(dict(report.languages))
    if other:
        out.print(inert(f"kept without annotation (no pipeline for their language): {other}"))
    print_rejections(report.rejected)


@cli.command()
@click.argument("paths", nargs=-1)
@click.option("--feed", "feeds", multiple=True, metavar="URL",
              help="An RSS or Atom feed to fetch; each entry's page is fetched. Repeatable.")
@click.option("--sitemap", "sitemaps", multiple=True, metavar="URL",
              help="A sitemap or sitemap index (gzipped or not) whose pages are fetched. "
                   "Repeatable.")
@click.option("--metadata", type=click.Path(dir_okay=False), default=None,
              help="Metadata sidecar (JSONL or CSV keyed by file name); overrides the text.")
@db_option
@click.pass_context
@handle_errors
def ingest(ctx, paths, feeds, sitemaps, metadata, db):
    """Read, clean, deduplicate and store articles from files, folders, globs, feed files,
    WARC files, page URLs, web feeds (--feed) and sitemaps (--sitemap).

    Exits 1 when any input was rejected, 2 on a usage error, 0 otherwise.
    """
    if not (paths or feeds or sitemaps):
        raise UsageError("nothing to ingest", hint="storyline ingest PATH_OR_URL... "
                         "[--feed URL] [--sitemap URL]")
    settings = settings_from(ctx, store={"url": db})
    store = services.open_store(settings)
    with progress_bar() as bar:
        task = bar.add_task("ingest", total=None)
        report = services.ingest_paths(
            store, list(paths), settings, metadata=metadata, feeds=feeds, sitemaps=sitemaps,
            progress=lambda d, t: bar.update(task, completed=d, total=t))
    print_ingest(report)
    sys.exit(1 if report.rejected else 0)


@cli.command()
@db_option
@click.option("--outlet", default=None, help="Only articles of this outlet.")
@click.option("--story", "story_id", default=None, help="Only articles of this story id.")
@click.option("--limit", default=200, show_default=True, type=click.IntRange(min=0),
              help="At most this many rows.")
@json_options
@click.pass_context
@handle_errors
def articles(ctx, db, outlet, story_id, limit, as_json, as_lines):
    """List stored articles: id, date, outlet, title, chars, duplicate_of."""
    from .render.terminal import articles_table
    from .web.listing import article_summary

    _settings, store = reading_store(ctx, db)
    if story_id:
        story_id = store.resolve_story_id(story_id)
    page = services.list_articles(store, ArticleFilter(outlet=outlet, story_id=story_id), limit)
    if as_json:
        print_json([article_summary(a) for a in page.items], lines=as_lines)
    else:
        out.print(articles_table(page.items))


@cli.command()
@click.argument("article_id")
@db_option
@click.option("--plain", is_flag=True, help="No highlighting.")
@click.option("--json", "as_json", is_flag=True,
              help="The article, its annotation and story id as one JSON object.")
@click.pass_context
@handle_errors
def article(ctx, article_id, db, plain, as_json):
    """Show one article: metadata, cleaned text with highlights, removed lines, annotations.

    ARTICLE_ID may be a unique prefix of the id. Paragraphs wrap at the terminal width.
    """
    from .render.terminal import article_view

    _settings, store = reading_store(ctx, db)
    view = services.get_article_view(store, article_id)
    if as_json:
        print_json(article_detail_json(view))
        return
    for part in article_view(view.article, view.annotation, view.story_id, plain=plain):
        out.print(part, soft_wrap=False)


def article_detail_json(view: services.ArticleView) -> dict:
    from .render.json_v1 import article_json
    from .web.listing import annotation_json

    return {"article": article_json(view.article), "annotation": annotation_json(view.annotation),
            "story_id": view.story_id}


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
    cli_watch.print_left_out(store)
    if open_report:
        target = Path(report_path or "storyline-report.html")
        _write_report(services.all_stories(store), target)
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
@json_options
@click.pass_context
@handle_errors
def stories(ctx, db, limit, as_json, as_lines):
    """List stories: id, dates, article count, outlets, title.

    A story built by other story stage versions or settings is marked stale; `storyline
    rebuild` (or `storyline analyze`) brings it up to date.
    """
    from .render.terminal import stories_table
    from .web.listing import story_summary_json

    settings, store = reading_store(ctx, db)
    page = services.list_stories(store, None, limit)
    current = services.story_build(settings)
    stale = [services.is_stale(s.build, current) for s in page.items]
    if as_json:
        print_json([story_summary_json(s, old) for s, old in zip(page.items, stale)],
                   lines=as_lines)
    else:
        out.print(stories_table(page.items, stale))


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
@click.option("--json", "as_json", is_flag=True, help="The stage tables as JSON.")
def stages(as_json):
    """Show the declared pipeline: every stage, its version, what it requires and produces."""
    from .render.terminal import stages_tables

    tables = services.stage_tables()
    if as_json:
        print_json([stage_table_json(t) for t in tables])
        return
    for table in stages_tables(tables):
        out.print(table)


def stage_table_json(table) -> dict:
    return {"layer": table.layer, "inputs": list(table.inputs),
            "stages": [{"name": s.name, "version": s.version, "requires": list(s.requires),
                        "produces": list(s.produces), "module": s.module,
                        "settings": s.settings or None} for s in table.stages]}


def _selected_stories(store, story_id: str | None, all_: bool) -> list:
    if bool(story_id) == bool(all_):
        raise UsageError("give either a STORY_ID or --all", hint="storyline stories lists ids")
    return services.all_stories(store) if all_ else [services.get_story(store, story_id)]


@cli.command()
@click.argument("story_id", required=False)
@click.option("--all", "all_", is_flag=True, help="Every story.")
@click.option("--format", "fmt", type=click.Choice(["json", "jsonl", "md", "csv"]),
              default="json", show_default=True, help="Output format.")
@click.option("--out", "out_path", type=click.Path(), default=None,
              help="The file to write (csv: a .zip, a folder ending in /, or a .csv with "
                   "--table); default standard output.")
@click.option("--table", type=click.Choice(["quotes", "claims", "events", "timeline", "actors"]),
              default=None, help="csv: only this table, as one CSV file.")
@db_option
@click.pass_context
@handle_errors
def export(ctx, story_id, all_, fmt, out_path, table, db):
    """Export stories as story JSON v1 (json: always an array; jsonl), Markdown briefs or
    CSV tables."""
    from .render import exporters

    _settings, store = reading_store(ctx, db)
    chosen = _selected_stories(store, story_id, all_)
    if table and fmt != "csv":
        raise UsageError("--table goes with --format csv", hint="add --format csv")
    if fmt == "csv":
        written = write_csv_export(chosen, out_path, table)
    else:
        text = exporters.export_text(chosen, fmt)
        written = write_text_file(text, out_path) if out_path else None
        if written is None:
            click.echo(text, nl=False)
    if written is not None:
        err.print(inert(f"wrote {written}"))


def _write_report(chosen: list, target: Path) -> None:
    from .render.html import render_report

    written = write_text_file(render_report(chosen), str(target))
    err.print(inert(f"wrote {written}"))


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
    _settings, store = reading_store(ctx, db)
    _write_report(_selected_stories(store, story_id, all_), Path(output))


@cli.command()
@db_option
@click.option("--host", default=None, help="Address to bind (default 127.0.0.1).")
@click.option("--port", type=int, default=None, help="Port (default 8000).")
@click.option("--create", is_flag=True,
              help="Create the SQLite database when it does not exist yet.")
@click.option("--workers", type=int, default=None, help="Server processes (default 1).")
@click.pass_context
@handle_errors
def serve(ctx, db, host, port, create, workers):
    """Serve the web UI and the REST API (/api/v1) on one app.

    A non-loopback --host needs an API token (STORYLINE_API_TOKEN). A SQLite file that does
    not exist is refused unless --create is given.
    """
    from .web.serve import serve as run_server

    settings = settings_from(ctx, store={"url": db},
                             web={"host": host, "port": port, "workers": workers})
    if not create:
        services.open_existing_store(settings).close()
    run_server(settings, settings.store.url, settings.web.host, settings.web.port)


cli.add_command(cli_eval.eval_group)
cli.add_command(cli_search.search)
cli.add_command(cli_delete.delete)
cli.add_command(cli_watch.watch)
cli.add_command(cli_watch.reextract)


def main() -> None:
    cli(prog_name="storyline")


if __name__ == "__main__":
    main()
