"""Quality gate: timeline summarization on the Timeline17 dev topics stays above its floors.

Runs both protocols (automatic length and oracle length) on every dev topic; about a minute
of CPU on one core.
"""

from __future__ import annotations

import pytest

from storyline.eval.report import below_floor
from storyline.eval.tls import FLOORS, METRICS, score


@pytest.mark.quality
@pytest.mark.slow
def test_tls_meets_floors(benchmarks_dir) -> None:
    report = score(benchmarks_dir / "timeline17-dev", oracle_length=True)
    assert set(FLOORS) == set(METRICS) | {f"oracle_{m}" for m in METRICS}
    assert set(FLOORS) <= set(report.metrics)
    assert len(report.rows) == 10
    assert all(0.0 <= float(row["date_f1"]) <= 1.0 for row in report.rows)
    assert below_floor(report) == []


@pytest.mark.quality
def test_tls_citations_point_into_the_documents(benchmarks_dir) -> None:
    from storyline.eval.timeline17 import list_topics, read_docs
    from storyline.eval.tls import _find_times_fn, topic_sentences
    from storyline.story.timeline import build_timeline

    topic = min(list_topics(benchmarks_dir / "timeline17-dev"),
                key=lambda t: sum(1 for _ in (t.path / "InputDocs").rglob("*.txt")))
    docs = read_docs(topic.path)
    sentences = topic_sentences(docs, _find_times_fn())
    assert all(s.granularity == "day" and s.date[:4].isdigit() for s in sentences)
    texts = {doc.id: doc.text for doc in docs}
    timeline = build_timeline(sentences)
    assert timeline
    for entry in timeline:
        cited = [texts[c.article_id][c.start:c.end] for c in entry.citations]
        assert entry.summary == " ".join(cited)
        assert all(text and text == text.strip() for text in cited)
