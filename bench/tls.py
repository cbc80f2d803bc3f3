"""Timeline summarization speed on Timeline17 topics: ingest to timeline, per topic.

    .venv/bin/python bench/tls.py --data ../shared/benchmarks/timeline17-dev [--limit N]

For each topic, the product's path as the scorer runs it: read its documents, annotate them
(parses, and annotations of unchanged stages, come from the eval cache when it holds them:
run once to fill it, or set STORYLINE_EVAL_CACHE=off to time parsing too), date their
sentences (the story's ``dated_sentences`` stage) and build the timeline with automatic
length over each reference's date range (the ``timeline`` stage). Prints seconds per topic,
peak resident memory, and the ratio to the ~16 s per topic that news-tls (Ghalandari &
Ifrim 2020) reports for its DATEWISE method.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

from storyline.config import Settings
from storyline.eval.timeline17 import list_topics
from storyline.eval.tls import protocol_settings, topic_sentences
from storyline.story import timeline

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "benchmarks" / "timeline17-dev"
NEWS_TLS_SECONDS_PER_TOPIC = 16.0


def time_topic(topic, settings: Settings) -> tuple[float, float, int, int]:
    """(wall seconds, CPU seconds, documents, entries) for one topic, ingest to timeline."""
    start, cpu = time.perf_counter(), time.process_time()
    sentences, texts = topic_sentences(topic, settings)
    entries = 0
    for reference in topic.timelines:
        story = protocol_settings(settings.story, reference, oracle=False)
        entries += len(timeline.STAGE.run(dated_sentences=sentences, settings=story))
    return time.perf_counter() - start, time.process_time() - cpu, len(texts), entries


def peak_rss_mib() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    return peak / 1024 if sys.platform != "darwin" else peak / 2**20


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args(argv)
    topics = list_topics(args.data)[: args.limit]
    settings = Settings()
    total = total_cpu = 0.0
    for topic in topics:
        seconds, cpu, docs, entries = time_topic(topic, settings)
        total, total_cpu = total + seconds, total_cpu + cpu
        print(f"{topic.name:24s} {docs:4d} docs {entries:4d} entries {seconds:7.2f} s "
              f"({cpu:.2f} s CPU)")
    per_topic = total / max(len(topics), 1)
    print(f"topics: {len(topics)}  seconds per topic: {per_topic:.2f} wall, "
          f"{total_cpu / max(len(topics), 1):.2f} CPU  peak RSS: {peak_rss_mib():.0f} MiB")
    print(f"news-tls reports ~{NEWS_TLS_SECONDS_PER_TOPIC:.0f} s per topic: "
          f"ratio {per_topic / NEWS_TLS_SECONDS_PER_TOPIC:.3f} "
          f"({NEWS_TLS_SECONDS_PER_TOPIC / max(per_topic, 1e-9):.1f}x faster)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
