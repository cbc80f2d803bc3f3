"""Timeline summarization on Timeline17: alignment ROUGE-1/2 F1 and date F1 (tilse metrics).

For each topic and each reference timeline the method builds a timeline from the topic's
input documents, with candidate dates restricted to the reference's first..last date (the
standard protocol), and is scored with ``align_date_content_costs_many_to_one`` ROUGE-1 and
ROUGE-2 F1 and date F1. With ``oracle_length`` it is also given the reference's number of
dates and its rounded mean number of sentences per date (the usual "oracle" protocol);
those figures carry the ``oracle_`` prefix. Topic rows average over reference timelines;
headline metrics average over topics.

Run it: ``python -m storyline.eval.tls DIR [--oracle] [--limit N]``.
"""

from __future__ import annotations

import logging
import re
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from pathlib import Path

from ..records import TimeExpression, TimelineEntry
from ..story.timeline import DatedSentence, build_timeline, date_sentences
from .report import EvalReport, Progress, log_report
from .rouge import align_rouge, date_prf
from .timeline17 import InputDoc, ReferenceTimeline, Topic, list_topics, read_docs

log = logging.getLogger(__name__)

NAME = "tls"
# Measured on timeline17-dev (10 topics): see the report; floors sit 0.01-0.02 below.
FLOORS: dict[str, float] = {
    "ar1_f1": 0.11, "ar2_f1": 0.03, "date_f1": 0.60,
    "oracle_ar1_f1": 0.125, "oracle_ar2_f1": 0.035, "oracle_date_f1": 0.68,
}
METRICS = ("ar1_f1", "ar2_f1", "date_f1")

# A sentence goes to the time tagger only if it has a date-like cue (cheap pre-filter).
_CUE = re.compile(
    r"\d|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|"
    r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|"
    r"\b(?:yesterday|today|tomorrow|tonight|last|next|ago|earlier|later)\b", re.IGNORECASE)

TimesFn = Callable[[str, str | None], Sequence[TimeExpression]]


def _find_times_fn() -> TimesFn:
    """The project's time tagger behind the cheap cue pre-filter."""
    from ..annotate.times import find_times

    def times(text: str, reference: str | None) -> Sequence[TimeExpression]:
        if not _CUE.search(text):
            return ()
        return find_times(text, reference)

    return times


def topic_sentences(docs: Sequence[InputDoc], times_fn: TimesFn) -> list[DatedSentence]:
    """Every sentence of a topic dated by day (month/year mentions are not scored here)."""
    out = []
    for doc in docs:
        dated = date_sentences(doc.id, doc.sentences, doc.published.isoformat(), None,
                               times_fn)
        out.extend(s for s in dated if s.granularity == "day")
    return out


def as_scoring_timeline(entries: Sequence[TimelineEntry],
                        texts: Mapping[str, str]) -> dict[date, list[str]]:
    """Turn entries back into date -> sentence texts (through their citations)."""
    out: dict[date, list[str]] = {}
    for entry in entries:
        if entry.granularity != "day":
            continue
        day = date.fromisoformat(entry.date)
        out[day] = [texts[c.article_id][c.start:c.end] for c in entry.citations]
    return out


def score_timeline(predicted: Mapping[date, list[str]],
                   reference: ReferenceTimeline) -> dict[str, float]:
    ref = reference.as_mapping()
    return {
        "ar1_f1": align_rouge(predicted, ref, 1).f1,
        "ar2_f1": align_rouge(predicted, ref, 2).f1,
        "date_f1": date_prf(list(predicted), list(ref)).f1,
    }


def _predict(sentences: Sequence[DatedSentence], reference: ReferenceTimeline,
             oracle: bool) -> tuple[TimelineEntry, ...]:
    dates = reference.dates
    options = {}
    if oracle:
        options = {"max_dates": len(set(dates)),
                   "sentences_per_date": max(1, round(reference.sentences_per_date()))}
    return build_timeline(sentences, start=min(dates).isoformat(), end=max(dates).isoformat(),
                          **options)


def score_topic(topic: Topic, times_fn: TimesFn, oracle_length: bool) -> dict[str, object]:
    """One row: the topic's metrics averaged over its reference timelines."""
    started = time.perf_counter()
    docs = read_docs(topic.path)
    sentences = topic_sentences(docs, times_fn)
    texts = {doc.id: doc.text for doc in docs}
    modes = [("", False)] + ([("oracle_", True)] if oracle_length else [])
    sums: dict[str, float] = {}
    for reference in topic.timelines:
        for prefix, oracle in modes:
            entries = _predict(sentences, reference, oracle)
            metrics = score_timeline(as_scoring_timeline(entries, texts), reference)
            for key, value in metrics.items():
                sums[prefix + key] = sums.get(prefix + key, 0.0) + value
    count = max(len(topic.timelines), 1)
    row: dict[str, object] = {"topic": topic.name, "docs": len(docs),
                              "references": len(topic.timelines)}
    row.update({key: round(value / count, 4) for key, value in sums.items()})
    row["seconds"] = round(time.perf_counter() - started, 2)
    return row


def score(data_dir: Path, *, oracle_length: bool = False, progress: Progress | None = None,
          limit: int | None = None, topics: Sequence[str] | None = None) -> EvalReport:
    """Score the timeline method on every topic of ``data_dir`` (Timeline17 layout)."""
    chosen = [t for t in list_topics(Path(data_dir))
              if t.timelines and (not topics or t.name in set(topics))]
    if limit is not None:
        chosen = chosen[:limit]
    times_fn = _find_times_fn()
    rows = []
    for index, topic in enumerate(chosen):
        rows.append(score_topic(topic, times_fn, oracle_length))
        log.info("tls %s: %s", topic.name, rows[-1])
        if progress:
            progress(index + 1, len(chosen))
    keys = [m for m in METRICS] + ([f"oracle_{m}" for m in METRICS] if oracle_length else [])
    metrics = {key: round(sum(float(r[key]) for r in rows) / len(rows), 4) if rows else 0.0
               for key in keys}
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
