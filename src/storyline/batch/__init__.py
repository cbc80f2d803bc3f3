"""The distributed batch path: the same pure stage functions, run on a cluster engine.

``spark.run_batch`` reads inputs on the executors, cleans and annotates them there (the
annotate stage as one pure batch function, the model loaded once per executor process),
writes articles and annotations to Parquet, loads them into the store and runs the story
stage on the driver. PySpark is an optional extra: ``pip install 'storyline[spark]'``.
"""

from __future__ import annotations

from .spark import BatchReport, run_batch

__all__ = ["BatchReport", "run_batch"]
