"""``storyline watch``: follow feeds, sitemaps and folders; ``storyline reextract``: read the
stored web pages again with the current extractor."""

from __future__ import annotations

import sys

import click
from rich.table import Table

from . import services
from .cli_common import db_option, err, handle_errors, out, print_json, settings_from
from .errors import UsageError
from .render.terminal import inert


def print_left_out(store) -> None:
    """The stored articles the annotate stages leave out, by language."""
    from .ingest.language import language_note

    other = language_note(store.language_counts())
    if other:
        out.print(inert(f"not annotated (no pipeline for their language): {other}"))


def _figures(figures: dict) -> str:
    unit = f" {figures['unit']}" if figures.get("unit") else ""
    return ", ".join(f"{v:g}" for v in figures["values"]) + unit


def watch_lines(report: dict) -> list[str]:
    """One round's changes as lines of plain text (nothing new: one line saying so)."""
    head = f"round {report['round']} ({report['checked_at']})"
    if not (report["new_articles"] or report["new_stories"] or report["changed_stories"]):
        return [f"{head}: nothing new"]
    lines = [f"{head}: {len(report['new_articles'])} new articles"]
    lines += [f"  new article {a['id']}: {a['title'] or a['source']} [{a['language'] or '-'}]"
              for a in report["new_articles"]]
    lines += [f"  new story {s['id']}: {s['title']} ({len(s['article_ids'])} articles)"
              for s in report["new_stories"]]
    for story in report["changed_stories"]:
        lines.append(f"  story {story['id']}: {story['title']}: "
                     f"{len(story['new_article_ids'])} new articles")
        lines += [f"    revised figure, {c['after']['subject']}: {_figures(c['before'])} -> "
                  f"{_figures(c['after'])}" for c in story["revised_figures"]]
        lines += [f"    new dispute, {d['subject']}: {_figures(d)}"
                  for d in story["new_disputes"]]
    return lines


def print_watch_report(report: dict) -> None:
    for line in watch_lines(report):
        out.print(inert(line))
    for item in report["rejected"]:
        err.print(inert(f"  rejected {item['source']}: {item['reason']} ({item['detail']})"))


@click.command()
@click.argument("folders", nargs=-1, type=click.Path(file_okay=False))
@click.option("--feed", "feeds", multiple=True, metavar="URL", help="A feed to follow. Repeatable.")
@click.option("--sitemap", "sitemaps", multiple=True, metavar="URL",
              help="A sitemap (or sitemap index) to follow. Repeatable.")
@click.option("--interval", type=click.FloatRange(min=1), default=None,
              help="Seconds between rounds (default watch.interval_seconds, 900).")
@click.option("--once", is_flag=True, help="Run one round and stop.")
@click.option("--webhook", default=None, metavar="URL",
              help="POST each round's changes as JSON to this URL (default watch.webhook_url).")
@click.option("--json", "as_json", is_flag=True, help="Print each round as one JSON line.")
@db_option
@click.pass_context
@handle_errors
def watch(ctx, folders, feeds, sitemaps, interval, once, webhook, as_json, db):
    """Poll feeds, sitemaps and FOLDERS; ingest what is new, update the stories it touches
    and report what changed: new articles, new stories, revised figures, new disputes.

    Also follows the sources in the `watch` settings. Stops with Ctrl-C.
    """
    settings = settings_from(ctx, store={"url": db},
                             watch={"interval_seconds": interval, "webhook_url": webhook})
    plan = services.make_watch(settings, feeds, sitemaps, folders)
    if not (plan.sources or plan.folders):
        raise UsageError("nothing to watch", hint="storyline watch FOLDER [--feed URL] "
                         "[--sitemap URL], or set watch.feeds / watch.sitemaps / watch.folders")
    store = services.open_store(settings)

    def report(result) -> None:
        document = services.watch_report_json(result)
        if as_json:
            print_json([document], lines=True)
        else:
            print_watch_report(document)
        if settings.watch.webhook_url and result.changed:
            failed = services.post_watch_report(settings, settings.watch.webhook_url, result)
            if failed is not None:
                err.print(inert(f"webhook: {failed.reason.value} ({failed.detail})"))

    try:
        services.follow(store, settings, plan, once=once, on_report=report)
    except KeyboardInterrupt:
        err.print("stopped")


@click.command()
@click.option("--all", "every", is_flag=True,
              help="Every stored page, not only those an older extractor read.")
@db_option
@click.pass_context
@handle_errors
def reextract(ctx, every, db):
    """Read the stored web pages again with the current extractor (no fetching) and
    replace the articles an older extractor made of them."""
    settings = settings_from(ctx, store={"url": db})
    store = services.open_store(settings)
    result = services.reextract(store, settings, every=every)
    out.print(f"re-extracted {result.pages} pages: {len(result.article_ids)} articles, "
              f"{len(result.replaced)} replaced, {len(result.rejected)} rejected")
    if result.rejected:
        table = Table(title=f"{len(result.rejected)} rejected")
        for column in ("source", "reason", "detail"):
            table.add_column(column, overflow="fold")
        for item in result.rejected:
            table.add_row(inert(item.source), inert(item.reason.value), inert(item.detail))
        out.print(table)
    sys.exit(1 if result.rejected else 0)
