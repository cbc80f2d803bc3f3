"""Use cases shared by every edge (CLI, web, Python): ingest, annotate, build stories, read.

Loops, batching and parallelism live here; the stages they call are pure. Each part has its
module; this package re-exports what the edges call.
"""

from __future__ import annotations

from .annotate import AnnotateReport, annotate_pending
from .common import Progress, open_store
from .delete import DeleteReport, delete_articles, delete_stories
from .fetch import ReextractReport, WebSources, reextract
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
    kept_token,
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
from .watch import Watch, WatchReport, follow, make_watch, watch_round
from .watch import post_report as post_watch_report
from .watch import report_json as watch_report_json

__all__ = [
    "BATCH",
    "AnalyzeReport",
    "AnnotateReport",
    "ArticleView",
    "DeleteReport",
    "IngestReport",
    "Progress",
    "ReextractReport",
    "StoriesReport",
    "Watch",
    "WatchReport",
    "WebSources",
    "all_stories",
    "analyze",
    "annotate_pending",
    "build_stories",
    "check_date",
    "cluster_new_articles",
    "count_inputs",
    "delete_articles",
    "delete_stories",
    "follow",
    "get_article_view",
    "get_story",
    "ingest_paths",
    "ingest_uploads",
    "is_stale",
    "kept_token",
    "link_duplicates",
    "list_articles",
    "list_stories",
    "list_story_items",
    "make_watch",
    "open_existing_store",
    "open_store",
    "post_watch_report",
    "reextract",
    "search",
    "stage_tables",
    "story_build",
    "story_document",
    "story_key",
    "story_view",
    "watch_report_json",
    "watch_round",
]
