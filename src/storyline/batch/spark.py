"""Batch on Apache Spark: read, clean and annotate on the executors; Parquet out; then
load into the store and build the stories on the driver.

Executors run pure functions of this module over Arrow batches (``mapInPandas``): each
Python worker process loads the spaCy model once (``annotate.models.load_nlp`` caches it)
and reuses it for every batch it is given. The driver only lists the input files, and
afterwards streams the Parquet output into the store a batch at a time.
"""

from __future__ import annotations

import logging
import os
import sys
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..config import Settings
from ..errors import UsageError
from ..records import Annotation, Article, Rejected
from ..store import SqlStore, codec
from ..store.base import StoredParse

log = logging.getLogger(__name__)

READ_SCHEMA = "kind string, payload string"
ANNOTATED_SCHEMA = "article_id string, article string, annotation string, parse binary"
ARROW_BATCH = 32  # articles per Arrow batch handed to the annotate function


@dataclass(frozen=True, slots=True)
class BatchReport:
    articles: int
    rejected: tuple[Rejected, ...]
    annotated: int
    stories_built: int
    output: str


# ---------------------------------------------------------------- executor functions


def read_one(path: str, settings: Settings) -> Iterator[tuple[str, str]]:
    """("article" | "rejected", record JSON) for every document in one input file: the
    same readers and cleaning as ``storyline ingest``, plus the annotate size cap."""
    from ..ingest.clean import clean_document
    from ..ingest.language import with_language
    from ..ingest.readers import document_from_item
    from ..ingest.sources import read_file

    if path.lower().endswith(".parquet"):
        import pyarrow.parquet as pq

        rows = pq.read_table(path).to_pylist()
        docs = [document_from_item(f"{path}#{n}", row) for n, row in enumerate(rows, 1)]
    else:
        docs = read_file(Path(path), settings.ingest)
    for doc in docs:
        item = doc if isinstance(doc, Rejected) else clean_document(doc, None, settings.ingest)
        if isinstance(item, Article):
            item = with_language(item, settings.ingest)
        kind = "article" if isinstance(item, Article) else "rejected"
        yield kind, codec.dumps(item)


def read_frames(frames, settings: Settings):
    """mapInPandas: input file paths -> (kind, payload) rows."""
    import pandas as pd

    for frame in frames:
        rows = [row for path in frame["path"] for row in read_one(path, settings)]
        yield pd.DataFrame(rows, columns=["kind", "payload"])


def annotate_frames(frames, settings: Settings):
    """mapInPandas: article records -> (article id, article, annotation, parse) rows; the
    model is loaded once per Python worker process. An article in a language without a
    pipeline is kept unannotated (annotation and parse null), as ``storyline analyze``
    keeps it."""
    import pandas as pd

    from ..annotate.models import load_nlp, model_version
    from ..ingest.language import has_pipeline
    from ..services.annotate import annotate_batch

    nlp = load_nlp(settings.annotate.model)
    version = model_version(nlp)
    for frame in frames:
        articles = [codec.loads(Article, payload) for payload in frame["payload"]]
        english = [a for a in articles if has_pipeline(a.language)]
        results = dict(zip((a.id for a in english), annotate_batch(
            nlp, english, version, settings.annotate, keep_parses=True)))
        rows = []
        for a in articles:
            annotation, data = results.get(a.id, (None, None))
            rows.append((a.id, codec.dumps(a),
                         None if annotation is None else codec.dumps(annotation), data))
        yield pd.DataFrame(rows, columns=["article_id", "article", "annotation", "parse"])


# ---------------------------------------------------------------- driver


def input_files(paths: Sequence[str]) -> tuple[list[str], list[Rejected]]:
    """The files under ``paths`` (Parquet files included) and the paths that name none."""
    from ..ingest.sources import expand_paths

    files, missing = [], []
    for raw in paths:
        if raw.lower().endswith(".parquet") and Path(raw).is_file():
            files.append(str(Path(raw).resolve()))
            continue
        for item in expand_paths([raw]):
            if isinstance(item, Rejected):
                missing.append(item)
            else:
                files.append(str(Path(item.path).resolve()))
        if Path(raw).is_dir():
            files += [str(p.resolve()) for p in sorted(Path(raw).rglob("*.parquet"))]
    return list(dict.fromkeys(files)), missing


def spark_session(master: str | None, name: str = "storyline"):
    """A Spark session (``master``: a URL, ``local[N]``; None: what spark-submit gave)."""
    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:
        raise UsageError("PySpark is not installed",
                         hint="pip install 'storyline[spark]' (and a Java runtime)") from exc
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.appName(name)
    if master:
        builder = builder.master(master)
    return (builder.config("spark.sql.execution.arrow.maxRecordsPerBatch", str(ARROW_BATCH))
            .config("spark.python.worker.reuse", "true")
            .config("spark.ui.enabled", "false").getOrCreate())


def annotate_on_spark(spark, files: Sequence[str], settings: Settings, output: Path,
                      partitions: int) -> None:
    """Read, clean and annotate ``files`` on the executors; Parquet under ``output``
    (``annotated/`` and ``rejected/``)."""
    paths = spark.createDataFrame([(f,) for f in files], "path string")
    paths = paths.repartition(max(1, min(len(files), partitions)))
    read = paths.mapInPandas(lambda it: read_frames(it, settings), READ_SCHEMA).cache()
    read.where("kind = 'rejected'").select("payload").write.mode("overwrite").parquet(
        str(output / "rejected"))
    articles = read.where("kind = 'article'").select("payload").repartition(partitions)
    annotated = articles.mapInPandas(lambda it: annotate_frames(it, settings),
                                     ANNOTATED_SCHEMA)
    annotated.write.mode("overwrite").parquet(str(output / "annotated"))
    read.unpersist()


def _parquet_batches(folder: Path, columns: list[str]) -> Iterator[dict]:
    import pyarrow.dataset as ds

    if not folder.exists():
        return
    for batch in ds.dataset(str(folder), format="parquet").to_batches(
            columns=columns, batch_size=256):
        yield batch.to_pydict()


def load_output(store: SqlStore, output: Path, settings: Settings) -> tuple[int, list]:
    """Stream the Parquet output into ``store``: articles, annotations, parses, rejections."""
    from ..annotate.models import version_of
    from ..services.annotate import parse_key

    version = version_of(settings.annotate.model)
    count = 0
    for batch in _parquet_batches(output / "annotated", ["article", "annotation", "parse"]):
        articles = [codec.loads(Article, a) for a in batch["article"]]
        store.upsert_articles(articles)
        store.clear_rejection([a.source for a in articles])
        store.save_annotated([
            (codec.loads(Annotation, ann), StoredParse(a.id, parse_key(a, version), data)
             if settings.annotate.store_parses else None)
            for a, ann, data in zip(articles, batch["annotation"], batch["parse"])
            if ann is not None])
        count += len(articles)
    rejected = [codec.loads(Rejected, p) for b in _parquet_batches(output / "rejected",
                                                                    ["payload"])
                for p in b["payload"]]
    store.record_rejections(rejected)
    return count, rejected


def run_batch(store: SqlStore, settings: Settings, paths: Sequence[str], *,
              master: str | None = None, output: str | None = None,
              partitions: int | None = None) -> BatchReport:
    """Read, clean and annotate ``paths`` on Spark, write Parquet to ``output``, load it
    into ``store``, link duplicates and build the stories."""
    from ..services.ingest import link_duplicates
    from ..services.stories import build_stories

    files, missing = input_files(paths)
    if not files:
        raise UsageError("no input files found", hint="storyline batch FOLDER_OR_FILE ...")
    target = Path(output or tempfile.mkdtemp(prefix="storyline-batch-")).resolve()
    spark = spark_session(master)
    try:
        parts = partitions or max(2, 2 * spark.sparkContext.defaultParallelism)
        annotate_on_spark(spark, files, settings, target, parts)
    finally:
        spark.stop()
    count, rejected = load_output(store, target, settings)
    rejected = missing + rejected
    if missing:
        store.record_rejections(missing)
    link_duplicates(store, settings)
    stories = build_stories(store, settings)
    log.info("batch: %d articles, %d rejected, Parquet in %s", count, len(rejected), target)
    return BatchReport(count, tuple(rejected), count, stories.stories_built, str(target))
