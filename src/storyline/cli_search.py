"""``storyline search QUERY``: full-text search over article sentences."""

from __future__ import annotations

import click
from rich.table import Table
from rich.text import Text

from . import services
from .cli_common import (
    db_option,
    handle_errors,
    json_options,
    out,
    print_json,
    reading_store,
)
from .render.terminal import inert
from .store import ArticleFilter

MATCH_STYLE = "bold yellow"


def snippet_text(snippet: str) -> Text:
    """A hit's sentence with the matched words (between \\x02 and \\x03) highlighted."""
    text = Text()
    for index, piece in enumerate(snippet.replace("\x03", "\x02").split("\x02")):
        text.append_text(inert(piece, MATCH_STYLE if index % 2 else ""))
    return text


def hits_table(hits) -> Table:
    table = Table(title=f"{len(hits)} matching sentences")
    for column in ("article", "date", "outlet", "story", "sentence"):
        table.add_column(column, overflow="fold")
    for hit in hits:
        table.add_row(inert(hit.article_id), inert(hit.published or "-"),
                      inert(hit.outlet or "-"), inert(hit.story_id or "-"),
                      snippet_text(hit.snippet))
    return table


def _date(value: str | None, name: str) -> str | None:
    return services.check_date(value, name) if value else None


@click.command()
@click.argument("query")
@click.option("--outlet", default=None, help="Only articles of this outlet.")
@click.option("--story", "story_id", default=None, help="Only articles of this story id.")
@click.option("--actor", default=None, help="Only sentences naming this actor (name or alias).")
@click.option("--since", default=None, metavar="DATE",
              help="Only articles published on or after DATE (YYYY, YYYY-MM, YYYY-MM-DD).")
@click.option("--until", default=None, metavar="DATE",
              help="Only articles published on or before DATE.")
@click.option("--limit", default=20, show_default=True, type=click.IntRange(min=1),
              help="At most this many sentences.")
@json_options
@db_option
@click.pass_context
@handle_errors
def search(ctx, query, outlet, story_id, actor, since, until, limit, as_json, as_lines, db):
    """Find the sentences that hold every word of QUERY (the last one as a prefix), best
    matches first."""
    from .web.listing import hit_json

    _settings, store = reading_store(ctx, db)
    if story_id:
        story_id = store.resolve_story_id(story_id)
    flt = ArticleFilter(outlet=outlet, since=_date(since, "--since"),
                        until=_date(until, "--until"), story_id=story_id)
    page = services.search(store, query, flt, limit, actor=actor)
    if as_json:
        print_json([hit_json(h) for h in page.items], lines=as_lines)
    else:
        out.print(hits_table(page.items))
