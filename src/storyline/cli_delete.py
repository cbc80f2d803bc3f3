"""``storyline delete article|story``: remove articles or stories with what belongs to them."""

from __future__ import annotations

import dataclasses

import click

from . import services
from .cli_common import db_option, handle_errors, out, print_json, reading_store


def _summary(report: services.DeleteReport) -> str:
    verb = "would delete" if report.dry_run else "deleted"
    rebuilt = "would rebuild" if report.dry_run else "rebuilt"
    return (f"{verb} {len(report.article_ids)} articles and {len(report.stories_deleted)} "
            f"stories; {rebuilt} {len(report.stories_rebuilt)} stories")


def _show(report: services.DeleteReport, as_json: bool) -> None:
    if as_json:
        print_json(dataclasses.asdict(report))
        return
    out.print(_summary(report), markup=False)
    for label, ids in (("article", report.article_ids), ("story", report.stories_deleted),
                       ("rebuilt story", report.stories_rebuilt)):
        for item in ids:
            out.print(f"  {label} {item}", markup=False)


def _options(func):
    func = click.option("--json", "as_json", is_flag=True,
                        help="What was deleted, as one JSON object.")(func)
    func = click.option("--dry-run", is_flag=True,
                        help="Only show what would be deleted.")(func)
    return db_option(func)


@click.group()
def delete() -> None:
    """Delete articles or stories, with what belongs to them."""


@delete.command(name="article")
@click.argument("article_ids", nargs=-1, required=True)
@_options
@click.pass_context
@handle_errors
def delete_article(ctx, article_ids, db, dry_run, as_json):
    """Delete articles (ids or unique prefixes) with their annotations, parses and search
    sentences. A story left without articles is deleted; a story that keeps some is rebuilt
    from them at once, so no item cites a deleted article."""
    settings, store = reading_store(ctx, db)
    _show(services.delete_articles(store, list(article_ids), settings, dry_run=dry_run),
          as_json)


@delete.command(name="story")
@click.argument("story_ids", nargs=-1, required=True)
@click.option("--with-articles", is_flag=True,
              help="Delete the story's articles too (else the next analyze clusters them "
                   "afresh).")
@_options
@click.pass_context
@handle_errors
def delete_story(ctx, story_ids, with_articles, db, dry_run, as_json):
    """Delete stories (ids or unique prefixes) with their actors, quotes, claims, events and
    memberships."""
    settings, store = reading_store(ctx, db)
    report = services.delete_stories(store, list(story_ids), settings,
                                     with_articles=with_articles, dry_run=dry_run)
    _show(report, as_json)
