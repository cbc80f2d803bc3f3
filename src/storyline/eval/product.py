"""The product's path for the scorers: articles -> spaCy parses -> annotate table -> story.

The scorers measure what users get, so they build :class:`Article` records from a data
set, parse them with the product's model, run :func:`storyline.annotate.annotate_article`
and then the story stages. Parses are kept on disk between runs as one-document DocBins
(``annotate.parse``), keyed by the model version and the text, and so are the annotations
(the record codec) with the stage keys that made them: a second run reads them, and only
the stages whose keys changed run again (``annotate_article(stored=...)``, the product's
own re-run path) over the kept parse, without parsing again. The cache folder is ``$STORYLINE_EVAL_CACHE``, else
``$XDG_CACHE_HOME/storyline/parses`` (``~/.cache/storyline/parses``), outside the project;
an empty ``STORYLINE_EVAL_CACHE=off`` turns it off.
"""

from __future__ import annotations

import hashlib
import logging
import multiprocessing
import os
from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from ..annotate import annotate_article, keys_for
from ..annotate.models import load_nlp, model_version
from ..annotate.parse import from_bytes, to_bytes
from ..config import Settings
from ..records import Annotation, Article
from ..store import codec

log = logging.getLogger(__name__)

CACHE_ENV = "STORYLINE_EVAL_CACHE"
MIN_DOCS_PER_PROCESS = 8  # fewer articles to annotate than this per process: one process


def cache_dir(env: Mapping[str, str] | None = None) -> Path | None:
    """Where parses are cached, or None when the cache is off."""
    env = os.environ if env is None else env
    given = env.get(CACHE_ENV)
    if given is not None:
        return None if given.strip().lower() in ("", "off", "0", "no") else Path(given)
    base = env.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "storyline" / "parses"


def _key(*parts: str) -> str:
    return hashlib.sha256("\x00".join(parts).encode("utf-8")).hexdigest()[:32]


def _workers(todo: int) -> int:
    cores = os.cpu_count() or 1
    return max(1, min(cores, todo // MIN_DOCS_PER_PROCESS))


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(f".{os.getpid()}.part")
    partial.write_bytes(data)
    partial.replace(path)


class _Cache:
    """Parses (DocBin bytes) and annotations (record codec) on disk, or nowhere."""

    def __init__(self, folder: Path | None, version: str) -> None:
        self.folder = folder / version if folder is not None else None
        self.version = version

    def _path(self, kind: str, key: str) -> Path | None:
        if self.folder is None:
            return None
        return self.folder / kind / f"{key}.{'spacy' if kind == 'parses' else 'json'}"

    def parse(self, text: str, nlp):
        path = self._path("parses", _key(self.version, text))
        if path is not None and path.is_file():
            return from_bytes(path.read_bytes(), nlp.vocab)
        doc = nlp(text)
        if path is not None:
            _write(path, to_bytes(doc))
        return doc

    def annotation_key(self, article: Article) -> str:
        return _key(self.version, article.id, article.text, article.published or "")

    def annotation(self, article: Article) -> Annotation | None:
        """The kept annotation of ``article`` (maybe made by older stage versions)."""
        path = self._path("annotations", self.annotation_key(article))
        if path is None or not path.is_file():
            return None
        return codec.loads(Annotation, path.read_text(encoding="utf-8"))

    def keep(self, article: Article, annotation: Annotation) -> None:
        path = self._path("annotations", self.annotation_key(article))
        if path is not None:
            _write(path, codec.dumps(annotation).encode("utf-8"))


_WORKER: dict = {}


def _annotate_one(job: tuple[Article, Annotation | None]) -> Annotation:
    """Annotate one article: only its stale stages when an older annotation is kept."""
    article, stored = job
    nlp, cache = _WORKER["nlp"], _WORKER["cache"]
    annotation = annotate_article(article, cache.parse(article.text, nlp), cache.version,
                                  stored=stored)
    cache.keep(article, annotation)
    return annotation


def annotate_all(articles: Sequence[Article], nlp=None,
                 cache: Path | None | bool = True) -> dict[str, Annotation]:
    """Every article through the product's annotate table. Parses and annotations are
    cached (``cache=False``: neither read nor written); what is missing is parsed and
    annotated in one process per core when there is enough of it."""
    nlp = nlp or load_nlp()
    folder = cache_dir() if cache is True else (cache or None)
    store = _Cache(folder, model_version(nlp))
    kept = {a.id: store.annotation(a) for a in articles}
    found = {a.id: ann for a in articles if (ann := kept[a.id]) is not None
             and dict(ann.versions) == keys_for(a, store.version)}
    todo = [(a, kept[a.id]) for a in articles if a.id not in found]
    if todo:
        log.info("annotating %d of %d articles", len(todo), len(articles))
        _WORKER.update(nlp=nlp, cache=store)
        workers = _workers(len(todo))
        if workers > 1:
            context = multiprocessing.get_context("fork")
            with ProcessPoolExecutor(workers, mp_context=context) as pool:
                done = list(pool.map(_annotate_one, todo, chunksize=4))
        else:
            done = [_annotate_one(job) for job in todo]
        found.update((a.id, ann) for (a, _), ann in zip(todo, done))
    return {a.id: found[a.id] for a in articles}


def run_story(articles: Sequence[Article], annotations: Mapping[str, Annotation],
              settings: Settings, only: Iterable[str] | None = None,
              story_id: str = "eval") -> dict:
    """The story table's slots for ``articles`` taken as one story (all stages, or ``only``
    those and what they need), from the annotations reduced as the story stage reads them
    (``story.reads``), as the product builds a story."""
    from ..pipeline import run_table
    from ..story import STAGES
    from ..story.reads import Shared, story_reads

    shared, names = Shared(), None
    if only is not None:
        wanted = set(only)
        names = [s.name for s in STAGES.stages if s.name in _needed(wanted)]
    return run_table(STAGES, {"story_id": story_id, "articles": list(articles),
                              "annotations": {key: story_reads(value, shared)
                                              for key, value in annotations.items()}},
                     settings, only=names)


def _needed(wanted: set[str]) -> set[str]:
    """``wanted`` stages and every story stage that produces something they require."""
    from ..story import STAGES

    producers = {slot: s for s in STAGES.stages for slot in s.produces}
    out: set[str] = set()
    stack = list(wanted)
    while stack:
        name = stack.pop()
        if name in out:
            continue
        out.add(name)
        stage = STAGES.stage(name)
        stack.extend(producers[r].name for r in stage.requires if r in producers)
    return out
