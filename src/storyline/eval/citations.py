"""Do the brief's citations support their sentences? ``storyline eval citations --data DIR``.

A brief sentence's first citation is the sentence itself; every further citation must
support it. A cited sentence passes when

* **numbers**: every figure written in digits in the brief sentence (years and time
  expressions aside; "4,000" and "4000" are one number) is in the cited sentence;
* **actors**: every named actor of the brief sentence (its person, organization, place
  and group mentions, as story actors) is written in the cited sentence, under the
  actor's name, one of its aliases or the mention's own words;
* **dates**: every calendar date of the brief sentence's time expressions is a date of the
  cited sentence's time expressions;
* **claim**: the two make the same main claim (the same predicate, or an event of the
  same type).

``DIR`` is a Timeline17 folder (each topic's documents as one story, through the product's
path as ``storyline eval brief`` runs it), or a folder of articles (the seeds, the bundled
sample): ingested, annotated and built into stories by the product's own services, in a
temporary store. The metric of a part is the share of extra citations that pass it
(1.0 when there are none); the number and actor parts have a floor of 1.0.
"""

from __future__ import annotations

import logging
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

from ..config import Settings, load_settings
from ..errors import DataError
from ..records import Actor, Annotation, Article, BriefSentence, Sentence
from ..story.brief import story_facts
from ..story.brief_facts import Facts, same_claim
from .product import annotate_all, run_story
from .report import EvalReport, Progress, run_main
from .timeline17 import list_topics, read_docs, topic_articles

log = logging.getLogger(__name__)

NAME = "citations"
PARTS = ("numbers", "actors", "dates", "claim")
FLOORS: dict[str, float] = {"numbers": 1.0, "actors": 1.0}


def _normal(text: str) -> str:
    return " ".join(text.lower().replace("’", "'").replace(".", "").split())


def actor_written(actor: Actor | None, mention_text: str, cited_text: str) -> bool:
    """Whether the cited text writes the actor: its name, an alias or the mention's words."""
    names = {mention_text} | ({actor.name, *actor.aliases} if actor is not None else set())
    cited = _normal(cited_text)
    return any(_normal(name) and _normal(name) in cited for name in names)


def check(own: Sentence, cited: Sentence, annotation: Annotation,
          facts: tuple[Facts, Facts], actor_of: Mapping[str, Actor]) -> dict[str, bool]:
    """The four parts of the support check for one extra citation. ``facts`` holds the
    brief sentence's and the cited sentence's; ``actor_of`` maps an article actor id of
    ``annotation`` to its story actor."""
    claim, cited_facts = facts
    mentions = [m for m in annotation.mentions
                if own.start <= m.start and m.end <= own.end and m.actor_id
                and m.label in ("PERSON", "ORG", "GPE", "NORP")]
    return {
        "numbers": claim.numbers <= cited_facts.numbers,
        "actors": all(actor_written(actor_of.get(m.actor_id or ""), m.text, cited.text)
                      for m in mentions),
        "dates": claim.dates <= cited_facts.dates,
        "claim": same_claim(claim, cited_facts),
    }


def story_rows(name: str, brief: Sequence[BriefSentence], sources: Sequence[Annotation],
               story_actors: Sequence[Actor], actor_map: Mapping[str, str]
               ) -> list[dict[str, object]]:
    """One row per extra citation of one story's brief."""
    facts = story_facts(sources, actor_map)
    sentences = {(s.article_id, s.start, s.end): (s, a) for a in sources for s in a.sentences}
    by_id = {a.id: a for a in story_actors}
    actor_of = {article_id: by_id[story_id] for article_id, story_id in actor_map.items()
                if story_id in by_id}
    actor_of.update((a.id, a) for a in story_actors if a.id not in actor_of)
    rows = []
    for item in brief:
        first = item.citations[0]
        own = sentences.get((first.article_id, first.start, first.end))
        for citation in item.citations[1:]:
            cited = sentences.get((citation.article_id, citation.start, citation.end))
            if own is None or cited is None:
                parts = dict.fromkeys(PARTS, False)
            else:
                pair = (facts[(own[0].article_id, own[0].start)],
                        facts[(cited[0].article_id, cited[0].start)])
                parts = check(own[0], cited[0], own[1], pair, actor_of)
            rows.append({"story": name, "sentence": item.text[:80],
                         "cited": cited[0].text[:80] if cited else "?", **parts})
    return rows


def _story_slots(name: str, articles: Sequence[Article],
                 annotations: Mapping[str, Annotation], settings: Settings
                 ) -> list[dict[str, object]]:
    slots = run_story(articles, annotations, settings, only=["brief"])
    return story_rows(name, slots["brief"], slots["sources"], slots["actors"],
                      slots["actor_map"])


def timeline17_rows(data_dir: Path, settings: Settings, progress: Progress | None,
                    limit: int | None) -> tuple[list[dict[str, object]], int]:
    topics = [t for t in list_topics(data_dir)][:limit]
    rows: list[dict[str, object]] = []
    for done, topic in enumerate(topics, start=1):
        articles = topic_articles(read_docs(topic.path), topic.name)
        rows.extend(_story_slots(topic.name, articles, annotate_all(articles), settings))
        if progress:
            progress(done, len(topics))
    return rows, len(topics)


def folder_rows(data_dir: Path, settings: Settings, progress: Progress | None
                ) -> tuple[list[dict[str, object]], int]:
    """Ingest, annotate and build the folder's stories with the product's services."""
    from .. import services

    with tempfile.TemporaryDirectory(prefix="storyline-citations-") as tmp:
        url = f"sqlite:///{Path(tmp) / 'eval.db'}"
        store_settings = load_settings(env={}, overrides={"store": {"url": url}})
        store = services.open_store(store_settings)
        try:
            metadata = data_dir / "metadata.jsonl"
            services.analyze(store, settings, paths=[str(data_dir)],
                             metadata=str(metadata) if metadata.is_file() else None)
            views = services.all_stories(store)
            rows: list[dict[str, object]] = []
            for done, view in enumerate(views, start=1):
                annotations = store.get_annotations([a.id for a in view.articles])
                rows.extend(_story_slots(view.story.id, view.articles, annotations, settings))
                if progress:
                    progress(done, len(views))
        finally:
            store.close()
    return rows, len(views)


def score(data_dir: Path, *, progress: Progress | None = None,
          limit: int | None = None) -> EvalReport:
    """Check every extra citation of the briefs built from ``data_dir``."""
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        raise DataError(f"no such data folder: {data_dir}",
                        hint="pass a Timeline17 folder or a folder of articles")
    settings = Settings()
    started = time.perf_counter()
    try:
        rows, stories = timeline17_rows(data_dir, settings, progress, limit)
    except DataError:
        rows, stories = folder_rows(data_dir, settings, progress)
    metrics = {part: (sum(bool(r[part]) for r in rows) / len(rows)) if rows else 1.0
               for part in PARTS}
    metrics["all"] = (sum(all(r[p] for p in PARTS) for r in rows) / len(rows)) if rows else 1.0
    metrics["extra_citations"] = float(len(rows))
    metrics["stories"] = float(stories)
    seconds = time.perf_counter() - started
    notes = (f"{len(rows)} extra citations in the briefs of {stories} stories, {seconds:.1f}s",)
    return EvalReport(NAME, metrics, tuple(rows), notes, dict(FLOORS))


def _main(argv: Sequence[str]) -> int:
    return run_main(score, argv, "python -m storyline.eval.citations DIR", log)


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
