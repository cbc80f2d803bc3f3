"""The SQLAlchemy Core schema: the tables, the rows a record becomes, and the queries over
story items. The numbered steps that build it on a database are in ``migrations.py``."""

from __future__ import annotations

import bisect
import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from sqlalchemy import (
    Column,
    Float,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    func,
    or_,
    select,
)
from sqlalchemy.engine import Connection

from ..errors import UsageError
from ..records import Annotation, Story
from . import codec
from .base import STORY_ITEM_KINDS, ItemFilter

metadata = MetaData()

schema_migrations = Table(
    "schema_migrations", metadata,
    Column("version", Integer, primary_key=True),
    Column("name", String(200), nullable=False),
)

articles = Table(
    "articles", metadata,
    Column("id", String(64), primary_key=True),
    Column("source", Text, nullable=False),
    Column("title", Text),
    Column("outlet", String(300)),
    Column("authors", Text, nullable=False, default="[]"),
    Column("url", Text),
    Column("published", String(32), index=True),
    Column("published_from", String(16), nullable=False, default="unknown"),
    Column("published_confidence", Float),
    Column("text", Text, nullable=False),
    Column("removed", Text, nullable=False, default="[]"),
    Column("duplicate_of", String(64)),
    Column("content_hash", String(64), nullable=False, index=True),
    Column("chars", Integer, nullable=False, default=0),
    Column("language", String(16)),  # step 7
)

rejections = Table(
    "rejections", metadata,
    Column("source", Text, primary_key=True),
    Column("reason", String(32), nullable=False),
    Column("detail", Text, nullable=False, default=""),
)

annotations = Table(
    "annotations", metadata,
    Column("article_id", String(64), primary_key=True),
    Column("versions", Text, nullable=False),
    Column("data", Text, nullable=False),
)

sentences = Table(
    "sentences", metadata,
    Column("rowid", Integer, primary_key=True, autoincrement=True),
    Column("article_id", String(64), nullable=False, index=True),
    Column("idx", Integer, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("actors", Text, nullable=False, default=""),
)

stories = Table(
    "stories", metadata,
    Column("id", String(64), primary_key=True),
    Column("title", Text, nullable=False),
    Column("first_published", String(32)),
    Column("last_published", String(32)),
    Column("article_count", Integer, nullable=False),
    Column("outlets", Text, nullable=False, default=""),
    Column("actors", Text, nullable=False, default=""),
    Column("data", Text, nullable=False),  # the Story record (codec JSON); step 4
    Column("versions", Text, nullable=False, default=""),  # stage -> key (step 4)
    Column("settings_digest", String(64), nullable=False, default=""),  # step 4
    Column("build_id", String(64), nullable=False, default=""),  # step 5
)

story_articles = Table(
    "story_articles", metadata,
    Column("article_id", String(64), primary_key=True),
    Column("story_id", String(64), nullable=False, index=True),
)

story_items = Table(
    "story_items", metadata,
    Column("story_id", String(64), primary_key=True),
    Column("kind", String(16), primary_key=True),
    Column("position", Integer, primary_key=True),  # order inside the story's list
    Column("item_id", Text, nullable=False),
    Column("article_id", String(64)),
    Column("actor_ids", Text, nullable=False, default=""),  # "|id1|id2|"
    Column("actor_names", Text, nullable=False, default=""),  # "|name|alias|", lowercased
    Column("outlet", String(300)),
    Column("date", String(32)),
    Column("data", Text, nullable=False),  # the item record (codec JSON)
    Column("group_id", String(64)),  # claims: the claim group (step 4)
    Index("ix_story_items_kind_story", "kind", "story_id"),
    Index("ix_story_items_kind_date", "kind", "date"),
)

parses = Table(
    "parses", metadata,
    Column("article_id", String(64), primary_key=True),
    Column("model", String(200), nullable=False),  # model version + content hash
    Column("data", LargeBinary, nullable=False),
)

dedupe_signatures = Table(
    "dedupe_signatures", metadata,
    Column("article_id", String(64), primary_key=True),
    Column("params", String(64), nullable=False),  # the settings the signature was made with
    Column("signature", LargeBinary, nullable=False),  # MinHash values, uint32 little endian
    Index("ix_dedupe_signatures_params", "params"),
)

dedupe_bands = Table(
    "dedupe_bands", metadata,
    Column("band_key", String(40), primary_key=True),
    Column("article_id", String(64), primary_key=True),
    Index("ix_dedupe_bands_article", "article_id"),
)

# One row per band key and duplicate group (named by an original id, which may since have
# become a duplicate itself: follow its duplicate_of one step), with one member holding the
# key: a large group of near copies costs one row per key here, not one per member.
dedupe_group_bands = Table(
    "dedupe_group_bands", metadata,
    Column("band_key", String(40), primary_key=True),
    Column("group_id", String(64), primary_key=True),
    Column("member", String(64), nullable=False, index=True),
)

fetched_pages = Table(
    "fetched_pages", metadata,
    Column("url", Text, primary_key=True),  # as asked for
    Column("kind", String(16), nullable=False),  # page, feed or sitemap
    Column("final_url", Text, nullable=False),  # after redirects
    Column("status", Integer, nullable=False),
    Column("content_type", String(200), nullable=False, default=""),
    Column("etag", Text),
    Column("last_modified", String(64)),
    Column("fetched_at", String(32), nullable=False),  # when the body was last downloaded
    Column("checked_at", String(32), nullable=False),  # when it was last asked for
    Column("body", LargeBinary, nullable=False),  # zlib-compressed
    Column("extractor", String(64), nullable=False, default=""),  # what read the body
    Column("article_id", String(64)),  # the article the page became, if any
)

ix_articles_duplicate_of = Index("ix_articles_duplicate_of", articles.c.duplicate_of)
#: the original articles (no ``duplicate_of``) in id order, read on the index alone: how the
#: story stage finds the articles it has not profiled yet without reading the table
ix_articles_originals = Index("ix_articles_originals", articles.c.duplicate_of, articles.c.id)

story_profiles = Table(
    "story_profiles", metadata,
    Column("article_id", String(64), primary_key=True),
    Column("story_id", String(64), index=True),  # None: not clustered yet
    Column("day", Integer, index=True),  # the publication day ordinal; None: undated
    Column("published", String(32)),
    Column("data", Text, nullable=False),  # the profile (terms, actors, title) as JSON
)

story_redirects = Table(
    "story_redirects", metadata,
    Column("old_id", String(64), primary_key=True),
    Column("story_id", String(64), nullable=False, index=True),
)

#: Listings page in the order of these indexes, never sorting a whole table per page;
#: a story's duplicates are found through the last.
_LISTING_INDEXES = (
    Index("ix_stories_listing", stories.c.last_published.desc(), stories.c.id),
    Index("ix_articles_listing", articles.c.published.is_(None), articles.c.published,
          articles.c.id),
    Index("ix_story_items_listing", story_items.c.kind, story_items.c.date.is_(None),
          story_items.c.date, story_items.c.story_id, story_items.c.position),
)

#: PostgreSQL: the sentences' full-text index (an expression GIN index over a tsvector).
PG_FTS_CONFIG = "english"
_FTS_POSTGRES = [
    ("CREATE INDEX IF NOT EXISTS ix_sentences_fts ON sentences "
    f"USING GIN (to_tsvector('{PG_FTS_CONFIG}', text))"),
]

_V1_TABLES = [schema_migrations, articles, rejections, annotations, sentences, stories,
              story_articles]

_FTS_SQLITE = [
    ("CREATE VIRTUAL TABLE IF NOT EXISTS sentences_fts USING fts5("
    "text, content='sentences', content_rowid='rowid', tokenize='porter unicode61')"),
    ("CREATE TRIGGER IF NOT EXISTS sentences_ai AFTER INSERT ON sentences BEGIN "
    "INSERT INTO sentences_fts(rowid, text) VALUES (new.rowid, new.text); END"),
    ("CREATE TRIGGER IF NOT EXISTS sentences_ad AFTER DELETE ON sentences BEGIN "
    "INSERT INTO sentences_fts(sentences_fts, rowid, text) "
    "VALUES ('delete', old.rowid, old.text); END"),
]


def bars(values: Iterable[str | None], *, lower: bool = True) -> str:
    """Values as one "|a|b|" string (sorted, distinct, blank ones dropped) for LIKE matching."""
    cleaned = sorted({(v.strip().lower() if lower else v.strip()) for v in values
                      if v and v.strip()})
    return "|" + "|".join(cleaned) + "|" if cleaned else ""


def _mention_start(mention) -> int:
    return mention.start


def sentence_rows(annotation: Annotation) -> list[dict]:
    """The ``sentences`` rows of one annotation (with the actor names said in each)."""
    names_by_actor = {a.id: [a.name, *a.aliases] for a in annotation.actors}
    mentions = sorted(annotation.mentions, key=_mention_start)
    starts = [m.start for m in mentions]
    rows = []
    for sentence in annotation.sentences:
        first = bisect.bisect_left(starts, sentence.start)
        last = bisect.bisect_right(starts, sentence.end, first)
        inside = [m for m in mentions[first:last] if m.end <= sentence.end]
        names = [m.text for m in inside]
        for m in inside:
            names.extend(names_by_actor.get(m.actor_id or "", ()))
        rows.append({"article_id": annotation.article_id, "idx": sentence.index,
                     "start": sentence.start, "end": sentence.end, "text": sentence.text,
                     "actors": bars(names)})
    return rows


@dataclass(frozen=True, slots=True)
class Member:
    """What the story rows need of a member article."""

    outlet: str | None
    published: str | None


def _item_actor_ids(kind: str, item) -> list[str | None]:
    if kind == "actors":
        return [item.id]
    if kind == "quotes":
        return [item.speaker_actor_id]
    if kind == "claims":
        return [item.claimed_by_actor_id]
    return [item.source_actor_id, item.target_actor_id]


def _item_article(kind: str, item) -> str | None:
    if kind == "events":
        return item.citations[0].article_id if item.citations else None
    return None if kind == "actors" else item.article_id


def _item_date(kind: str, item, published: str | None) -> str | None:
    if kind == "quotes":
        return published
    if kind == "claims":
        return item.as_of or published
    return item.date if kind == "events" else None


def story_row(story: Story, members: Mapping[str, Member], versions: Mapping[str, str],
              settings_digest: str) -> dict:
    """The ``stories`` row of one story record."""
    names = [n for a in story.actors for n in (a.name, *a.aliases)]
    row = {
        "id": story.id, "title": story.title or "",
        "first_published": story.first_published, "last_published": story.last_published,
        "article_count": len(story.article_ids),
        "outlets": bars((members[a].outlet or "" for a in story.article_ids if a in members),
                        lower=False),
        "actors": bars(names), "data": codec.dumps(story),
        "versions": json.dumps(dict(versions), sort_keys=True),
        "settings_digest": settings_digest,
    }
    row["build_id"] = build_digest(row["data"], row["versions"], settings_digest)
    return row


def build_digest(data: str, versions: str, settings_digest: str) -> str:
    """The ``build_id`` of a stored story: changes whenever its record or its build does."""
    digest = hashlib.sha256()
    for part in (data, versions, settings_digest):
        digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
    return digest.hexdigest()[:32]


def story_item_rows(story: Story, members: Mapping[str, Member]) -> list[dict]:
    """The ``story_items`` rows of one story record."""
    names = {a.id: [a.name, *a.aliases] for a in story.actors}
    group_of = {cid: g.id for g in story.claim_groups for cid in g.claim_ids}
    rows = []
    for kind in STORY_ITEM_KINDS:
        for position, item in enumerate(getattr(story, kind)):
            ids = _item_actor_ids(kind, item)
            article_id = _item_article(kind, item)
            member = members.get(article_id or "") or Member(None, None)
            rows.append({
                "story_id": story.id, "kind": kind, "position": position,
                "item_id": item.id, "article_id": article_id,
                "actor_ids": bars(ids, lower=False),
                "actor_names": bars(n for i in ids for n in names.get(i or "", ())),
                "outlet": member.outlet if kind != "actors" else None,
                "date": _item_date(kind, item, member.published),
                "data": codec.dumps(item),
                "group_id": group_of.get(item.id) if kind == "claims" else None,
            })
    return rows


def _item_clauses(flt: ItemFilter | None) -> list:
    if flt is None:
        return []
    c, clauses = story_items.c, []
    if flt.story_id:
        clauses.append(c.story_id == flt.story_id)
    if flt.actor and flt.actor.strip():
        actor = flt.actor.strip()
        clauses.append(or_(c.actor_ids.contains(f"|{actor}|", autoescape=True),
                           c.actor_names.contains(f"|{actor.lower()}|", autoescape=True)))
    if flt.outlet:
        clauses.append(func.lower(c.outlet) == flt.outlet.strip().lower())
    if flt.since:
        clauses.append(c.date >= flt.since)
    if flt.until:
        clauses.append(c.date <= flt.until + "\uffff")
    return clauses


def story_items_query(kind: str, flt: ItemFilter | None):
    """(story_id, data, group_id) of the ``kind`` items matching ``flt``: one story's in story order,
    else by date (undated last), story and position."""
    if kind not in STORY_ITEM_KINDS:
        raise UsageError(f"unknown story item kind {kind!r}",
                         hint="use one of " + ", ".join(STORY_ITEM_KINDS))
    c = story_items.c
    order = (c.position,) if flt and flt.story_id else (
        c.date.is_(None), c.date, c.story_id, c.position)
    return (select(c.story_id, c.data, c.group_id).where(c.kind == kind, *_item_clauses(flt))
            .order_by(*order))


def story_from_v1(document: Mapping) -> Story:
    """A story record from a story JSON v1 document (stores written before step 4)."""
    head = document["story"]
    plain = {**head, "article_ids": [a["id"] for a in document.get("articles") or []],
             **{k: document.get(k) or [] for k in ("actors", "quotes", "claims",
                                                    "claim_groups", "events", "timeline",
                                                    "brief")}}
    return codec.from_plain(Story, plain)


def _members(conn: Connection, article_ids: Iterable[str]) -> dict[str, Member]:
    ids = list(article_ids)
    rows = conn.execute(select(articles.c.id, articles.c.outlet, articles.c.published)
                        .where(articles.c.id.in_(ids))).fetchall() if ids else []
    return {r.id: Member(r.outlet, r.published) for r in rows}
