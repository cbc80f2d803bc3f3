"""Timeline summarization on Timeline17: alignment ROUGE-1/2 F1 and date F1 (tilse metrics).

The product's path, end to end: each topic's input documents become :class:`Article`
records (``timeline17.topic_articles``), go through the annotate table
(``annotate_article`` over spaCy parses, cached on disk by ``eval.product``), then through
the story stages: ``dated_sentences`` and the ``timeline`` stage, whose settings carry the
protocol's constraints. For each reference timeline the candidate dates are restricted to
the reference's first..last date and to days (``timeline_start``, ``timeline_end``,
``timeline_days_only``); the automatic-length run keeps every other setting as the product
has it; with ``oracle_length`` the method is also given the reference's number of dates and
its rounded mean number of sentences per date (``timeline_dates``,
``timeline_sentences``), the usual "oracle" protocol, whose figures carry the ``oracle_``
prefix. Scoring: ``align_date_content_costs_many_to_one`` ROUGE-1 and ROUGE-2 F1 and date
F1. Topic rows average over reference timelines; headline metrics average over topics.

Run it: ``python -m storyline.eval.tls DIR [--oracle] [--limit N]``.
"""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path

from ..config import Settings, StorySettings
from ..records import TimelineEntry
from ..story import timeline as timeline_stage
from ..story.timeline import DatedSentence
from .product import annotate_all, run_story
from .report import EvalReport, Progress, log_report
from .rouge import align_rouge, date_prf
from .timeline17 import ReferenceTimeline, Topic, list_topics, read_docs, topic_articles

log = logging.getLogger(__name__)

NAME = "tls"
# Measured on timeline17-dev (10 topics) through the product's path (automatic length
# 0.1443 / 0.0486 / 0.6574, oracle 0.1537 / 0.0503 / 0.7280, with timeline-6's reporting
# weights: the news as first reported counts more, quoted words less; timeline-5 had
# 0.1434 / 0.0475 / 0.6574 and 0.1512 / 0.0478 / 0.7280, timeline-4 0.1379 / 0.0456 /
# 0.6414 and 0.1479 / 0.0470 / 0.7059); floors sit just below, the oracle figures at the targets
# (0.15, 0.05, 0.70) or above. The automatic-length figures must stay within 10% of the oracle
# ones (``*_vs_oracle``).
FLOORS: dict[str, float] = {
    "ar1_f1": 0.14, "ar2_f1": 0.047, "date_f1": 0.65,
    "oracle_ar1_f1": 0.152, "oracle_ar2_f1": 0.05, "oracle_date_f1": 0.72,
    "ar1_f1_vs_oracle": 0.9, "ar2_f1_vs_oracle": 0.9, "date_f1_vs_oracle": 0.9,
}
METRICS = ("ar1_f1", "ar2_f1", "date_f1")


def topic_sentences(topic: Topic, settings: Settings, nlp=None
                    ) -> tuple[list[DatedSentence], dict[str, str]]:
    """The topic's dated sentences through the product's path, and the article texts."""
    articles = topic_articles(read_docs(topic.path), topic.name)
    annotations = annotate_all(articles, nlp)
    slots = run_story(articles, annotations, settings, only=["dated_sentences"])
    return list(slots["dated_sentences"]), {a.id: a.text for a in articles}


def protocol_settings(story: StorySettings, reference: ReferenceTimeline,
                      oracle: bool) -> StorySettings:
    """The product's story settings with the protocol's constraints for one reference."""
    dates = reference.dates
    constrained = replace(story, timeline_start=min(dates).isoformat(),
                          timeline_end=max(dates).isoformat(), timeline_days_only=True)
    if not oracle:
        return constrained
    return replace(constrained, timeline_dates=len(set(dates)),
                   timeline_sentences=max(1, round(reference.sentences_per_date())))


def as_scoring_timeline(entries: Sequence[TimelineEntry],
                        texts: Mapping[str, str]) -> dict[date, list[str]]:
    """Turn day entries back into date -> sentence texts (through their citations); the
    entries of one day (an event and a forecast) are read as one."""
    out: dict[date, list[str]] = {}
    for entry in entries:
        if entry.granularity != "day":
            continue
        day = date.fromisoformat(entry.date)
        out.setdefault(day, []).extend(texts[c.article_id][c.start:c.end]
                                       for c in entry.citations)
    return out


def score_timeline(predicted: Mapping[date, list[str]],
                   reference: ReferenceTimeline) -> dict[str, float]:
    ref = reference.as_mapping()
    return {
        "ar1_f1": align_rouge(predicted, ref, 1).f1,
        "ar2_f1": align_rouge(predicted, ref, 2).f1,
        "date_f1": date_prf(list(predicted), list(ref)).f1,
    }


def score_topic(topic: Topic, settings: Settings, oracle_length: bool,
                nlp=None) -> dict[str, object]:
    """One row: the topic's metrics averaged over its reference timelines."""
    started = time.perf_counter()
    sentences, texts = topic_sentences(topic, settings, nlp)
    modes = [("", False)] + ([("oracle_", True)] if oracle_length else [])
    sums: dict[str, float] = {}
    for reference in topic.timelines:
        for prefix, oracle in modes:
            story = protocol_settings(settings.story, reference, oracle)
            entries = timeline_stage.STAGE.run(dated_sentences=sentences, settings=story)
            metrics = score_timeline(as_scoring_timeline(entries, texts), reference)
            for key, value in metrics.items():
                sums[prefix + key] = sums.get(prefix + key, 0.0) + value
    count = max(len(topic.timelines), 1)
    row: dict[str, object] = {"topic": topic.name, "docs": len(texts),
                              "references": len(topic.timelines)}
    row.update({key: round(value / count, 4) for key, value in sums.items()})
    row["seconds"] = round(time.perf_counter() - started, 2)
    return row


def score(data_dir: Path, *, oracle_length: bool = False, progress: Progress | None = None,
          limit: int | None = None, topics: Sequence[str] | None = None,
          settings: Settings | None = None) -> EvalReport:
    """Score the product's timeline on every topic of ``data_dir`` (Timeline17 layout)."""
    chosen = [t for t in list_topics(Path(data_dir))
              if t.timelines and (not topics or t.name in set(topics))]
    if limit is not None:
        chosen = chosen[:limit]
    settings = settings or Settings()
    rows = []
    for index, topic in enumerate(chosen):
        rows.append(score_topic(topic, settings, oracle_length))
        log.info("tls %s: %s", topic.name, rows[-1])
        if progress:
            progress(index + 1, len(chosen))
    keys = [m for m in METRICS] + ([f"oracle_{m}" for m in METRICS] if oracle_length else [])
    metrics = {key: round(sum(float(r[key]) for r in rows) / len(rows), 4) if rows else 0.0
               for key in keys}
    if oracle_length:  # the automatic length must come within 10% of the oracle's figures
        metrics.update({f"{m}_vs_oracle": round(metrics[m] / metrics[f"oracle_{m}"], 4)
                        if metrics[f"oracle_{m}"] else 0.0 for m in METRICS})
    seconds = sum(float(r["seconds"]) for r in rows)
    notes = ((f"{len(rows)} topics, {seconds:.1f} s in all "
             f"({seconds / max(len(rows), 1):.1f} s per topic)"),
             ("published bars (DATEWISE, full Timeline17, oracle length): "
             "AR-1 0.120, AR-2 0.035, date F1 0.544"))
    floors = {k: v for k, v in FLOORS.items() if k in metrics}
    return EvalReport(NAME, metrics, tuple(rows), notes, floors)


def main(argv: Sequence[str]) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m storyline.eval.tls")
    parser.add_argument("data", type=Path)
    parser.add_argument("--oracle", action="store_true")
    parser.add_argument("--limit", type=int)
    parser.add_argument("--topic", action="append")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    report = score(args.data, oracle_length=args.oracle, limit=args.limit, topics=args.topic)
    log_report(report, log)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
