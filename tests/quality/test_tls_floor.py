"""Quality gate: timeline summarization on the Timeline17 dev topics stays above its floors.

Runs the product's path (annotate table over cached spaCy parses, then the story stages)
and both protocols (automatic length and oracle length) on every dev topic. The first run
parses about 2.3 million words (a few minutes on two cores); later runs read the parses
and annotations kept in the eval cache (``eval.product``).
"""

from __future__ import annotations

import pytest

from storyline.eval.report import below_floor
from storyline.eval.tls import FLOORS, METRICS, score


@pytest.mark.quality
@pytest.mark.slow
def test_tls_meets_floors(benchmarks_dir) -> None:
    report = score(benchmarks_dir / "timeline17-dev", oracle_length=True)
    assert set(FLOORS) == set(METRICS) | {f"oracle_{m}" for m in METRICS} | {
        f"{m}_vs_oracle" for m in METRICS}
    assert set(FLOORS) <= set(report.metrics)
    assert len(report.rows) == 10
    assert all(0.0 <= float(row["date_f1"]) <= 1.0 for row in report.rows)
    assert below_floor(report) == []


@pytest.mark.quality
@pytest.mark.slow
def test_tls_runs_the_product_timeline_and_cites_the_documents(benchmarks_dir) -> None:
    from storyline.config import Settings
    from storyline.eval.timeline17 import list_topics
    from storyline.eval.tls import protocol_settings, topic_sentences
    from storyline.story import timeline

    topic = min(list_topics(benchmarks_dir / "timeline17-dev"),
                key=lambda t: sum(1 for _ in (t.path / "InputDocs").rglob("*.txt")))
    settings = Settings()
    sentences, texts = topic_sentences(topic, settings)
    assert sentences and all(s.date[:4].isdigit() for s in sentences)
    reference = topic.timelines[0]
    story = protocol_settings(settings.story, reference, oracle=True)
    entries = timeline.STAGE.run(dated_sentences=sentences, settings=story)
    assert entries and {e.granularity for e in entries} == {"day"}
    first, last = min(reference.dates).isoformat(), max(reference.dates).isoformat()
    assert all(first <= e.date <= last for e in entries)
    assert len({e.date for e in entries}) <= len(set(reference.dates))
    for entry in entries:
        cited = [texts[c.article_id][c.start:c.end] for c in entry.citations]
        assert entry.summary == " ".join(cited)
        assert all(text and text == text.strip() for text in cited)
