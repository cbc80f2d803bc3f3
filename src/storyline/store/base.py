"""The one small Store protocol every backend implements (SQLite by default, PostgreSQL by URL).

Articles keep their cleaned text (the only copy: stories keep offsets). Annotations are one
record per article plus a sentence table for full-text search; the spaCy parse of each
article can be kept too, so rule stages re-run without parsing. Stories are kept as
``Story`` records with the stage keys and settings digest that built them, plus a
membership table and one row per story item for listings across stories.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from ..records import Annotation, Article, Rejected, Story


@dataclass(frozen=True, slots=True)
class UpsertCounts:
    added: int = 0
    updated: int = 0
    unchanged: int = 0


@dataclass(frozen=True, slots=True)
class Deletion:
    """What a delete removed: articles and stories counted, and the stories concerned
    (those that held a deleted article, or the deleted stories)."""

    articles: int = 0
    stories: int = 0
    story_ids: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ArticleFilter:
    outlet: str | None = None
    since: str | None = None  # ISO date, inclusive
    until: str | None = None  # ISO date, inclusive
    story_id: str | None = None


@dataclass(frozen=True, slots=True)
class StoryFilter:
    actor: str | None = None  # actor name or alias, case-insensitive
    outlet: str | None = None
    since: str | None = None
    until: str | None = None
    q: str | None = None  # words in the title


STORY_ITEM_KINDS = ("actors", "quotes", "claims", "events")


@dataclass(frozen=True, slots=True)
class ItemFilter:
    """Which story items (actors, quotes, claims, events) a listing returns."""

    story_id: str | None = None
    actor: str | None = None  # an actor id, or an actor name or alias (case-insensitive)
    outlet: str | None = None  # the outlet of the item's article, case-insensitive
    since: str | None = None  # ISO date, inclusive (items without a date are left out)
    until: str | None = None  # ISO date, inclusive


@dataclass(frozen=True, slots=True)
class StoryBuild:
    """What built a stored story: each story stage's key and a digest of the settings."""

    versions: tuple[tuple[str, str], ...] = ()
    settings_digest: str = ""


@dataclass(frozen=True, slots=True)
class StorySummary:
    id: str
    title: str
    first_published: str | None
    last_published: str | None
    article_count: int
    outlets: tuple[str, ...]
    build: StoryBuild = StoryBuild()


@dataclass(frozen=True, slots=True)
class StoredParse:
    """An article's stored spaCy parse; ``model`` is the model version and text hash."""

    article_id: str
    model: str
    data: bytes


@dataclass(frozen=True, slots=True)
class PlanRow:
    """What planning annotation needs of one article, without its text: the inputs of
    its stage keys, its length, its stored stage keys and the key of its stored parse."""

    article_id: str
    content_hash: str
    published: str | None
    chars: int
    versions: dict[str, str] | None  # None: never annotated
    parse_key: str | None  # None: no stored parse
    language: str | None = None  # detected at ingest; None: not detected


@dataclass(frozen=True, slots=True)
class SearchHit:
    article_id: str
    sentence_index: int
    start: int
    end: int
    text: str
    snippet: str  # the sentence with matches between \x02 and \x03 markers
    title: str | None
    outlet: str | None
    published: str | None
    story_id: str | None


@dataclass(frozen=True, slots=True)
class Page:
    """One page of a listing; ``next`` is the cursor of the next page or None."""

    items: tuple
    next: str | None


@dataclass(frozen=True, slots=True)
class SignatureRow:
    """One article's entry in the near-duplicate index."""

    article_id: str
    params: str  # the settings the signature was made with (ingest.dedupe.params_key)
    signature: bytes  # MinHash values, uint32 little endian
    band_keys: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class IndexInput:
    """What near-duplicate linking reads of one article."""

    id: str
    text: str
    content_hash: str
    published: str | None


@dataclass(frozen=True, slots=True)
class DuplicateMember:
    """A member of a duplicate group, as the group's original is chosen."""

    id: str
    published: str | None
    duplicate_of: str | None


class Store(Protocol):
    url: str

    def migrate(self) -> None: ...
    def close(self) -> None: ...

    # articles
    def upsert_articles(self, articles: Sequence[Article]) -> UpsertCounts: ...
    def set_duplicates(self, links: Mapping[str, str | None]) -> None: ...
    def set_published(self, article_id: str, published: str | None, source: str,
                      confidence: float | None) -> None: ...
    def get_article(self, article_id: str) -> Article: ...
    def resolve_article_id(self, prefix: str) -> str: ...
    def iter_articles(self, flt: ArticleFilter | None = None) -> Iterator[Article]: ...
    def list_articles(self, flt: ArticleFilter | None, limit: int,
                      cursor: str | None = None) -> Page: ...
    def count_articles(self) -> int: ...
    def delete_articles(self, article_ids: Iterable[str]) -> Deletion: ...

    # near-duplicate index
    def unsigned_articles(self, params: str) -> list[str]: ...
    def unsigned_among(self, ids: Iterable[str], params: str) -> list[str]: ...
    def count_signatures(self, params: str) -> int: ...
    def index_inputs(self, ids: Sequence[str]) -> list[IndexInput]: ...
    def band_groups(self, band_keys: Sequence[str]) -> dict[str, dict[str, str]]: ...
    def group_members_with(self, group: str, band_keys: Sequence[str]) -> list[str]: ...
    def duplicate_info(self, ids: Iterable[str]) -> dict[str, DuplicateMember]: ...
    def get_signatures(self, ids: Sequence[str], params: str) -> dict[str, bytes]: ...
    def same_hash_articles(self, content_hashes: Sequence[str], params: str
                           ) -> dict[str, list[str]]: ...
    def duplicate_groups(self, ids: Iterable[str]) -> list[DuplicateMember]: ...
    def clear_duplicates(self, ids: Sequence[str]) -> None: ...
    def save_dedupe(self, rows: Sequence[SignatureRow], links: Mapping[str, str | None],
                    repoint: Mapping[str, str] | None = None,
                    group_bands: Iterable[tuple[str, str, str]] = ()) -> None: ...
    def count_duplicates(self) -> int: ...

    # rejections
    def record_rejections(self, rejected: Iterable[Rejected]) -> None: ...
    def list_rejections(self) -> list[Rejected]: ...

    # annotations and parses
    def save_annotation(self, annotation: Annotation) -> None: ...
    def get_annotation(self, article_id: str) -> Annotation | None: ...
    def get_annotations(self, article_ids: Iterable[str]) -> dict[str, Annotation]: ...
    def annotation_versions(self) -> dict[str, dict[str, str]]: ...
    def save_parse(self, article_id: str, model: str, data: bytes) -> None: ...
    def get_parse(self, article_id: str) -> StoredParse | None: ...
    def iter_parses(self, article_ids: Iterable[str]) -> Iterator[StoredParse]: ...

    # stories
    def save_story(self, story: Story, build: StoryBuild) -> None: ...
    def save_stories(self, built: Sequence[tuple[Story, StoryBuild]]) -> None: ...
    def get_story(self, story_id: str) -> Story: ...
    def story_build_id(self, story_id: str) -> str: ...
    def story_key(self, story_id: str) -> tuple[str, str]: ...
    def data_version(self) -> int | None: ...
    def story_builds(self) -> dict[str, StoryBuild]: ...
    def story_builds_of(self, story_ids: Iterable[str] | None) -> dict[str, StoryBuild]: ...
    def stale_story_ids(self, current: StoryBuild) -> set[str]: ...
    def resolve_story_id(self, prefix: str) -> str: ...
    def list_stories(self, flt: StoryFilter | None, limit: int,
                     cursor: str | None = None) -> Page: ...
    def delete_stories(self, story_ids: Iterable[str]) -> Deletion: ...
    def story_of(self, article_id: str) -> str | None: ...
    def story_memberships(self) -> dict[str, str]: ...
    def list_story_items(self, kind: str, flt: ItemFilter | None, limit: int,
                         cursor: str | None = None) -> Page: ...

    # search
    def search_sentences(self, q: str, flt: ArticleFilter | None, limit: int,
                         cursor: str | None = None, actor: str | None = None) -> Page: ...
