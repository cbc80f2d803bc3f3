"""Use cases shared by every edge (CLI, web, Python): ingest, annotate, build stories, read.

Loops, batching and parallelism live here; the stages they call are pure. Each part has its
module; this package re-exports what the edges call.
"""

from __future__ import annotations

from .annotate import AnnotateReport, annotate_pending
from .common import Progress, open_store
from .delete import DeleteReport, delete_articles, delete_stories
from .ingest import (
    BATCH,
    IngestReport,
    count_inputs,
    ingest_paths,
    ingest_uploads,
    link_duplicates,
)
from .reading import (
    ArticleView,
    all_stories,
    check_date,
    get_article_view,
    get_story,
    list_articles,
    list_stories,
    list_story_items,
    open_existing_store,
    search,
    story_document,
    story_key,
    story_view,
)
from .stories import (
    AnalyzeReport,
    StoriesReport,
    analyze,
    build_stories,
    cluster_new_articles,
    is_stale,
    stage_tables,
    story_build,
)

__all__ = [
    "BATCH",
    "AnalyzeReport",
    "AnnotateReport",
    "ArticleView",
    "DeleteReport",
    "IngestReport",
    "Progress",
    "StoriesReport",
    "all_stories",
    "analyze",
    "annotate_pending",
    "build_stories",
    "check_date",
    "cluster_new_articles",
    "count_inputs",
    "delete_articles",
    "delete_stories",
    "get_article_view",
    "get_story",
    "ingest_paths",
    "ingest_uploads",
    "is_stale",
    "link_duplicates",
    "list_articles",
    "list_stories",
    "list_story_items",
    "open_existing_store",
    "open_store",
    "search",
    "stage_tables",
    "story_build",
    "story_document",
    "story_key",
    "story_view",
]
