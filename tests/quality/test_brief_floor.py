"""Quality gate: the cited brief on the Timeline17 dev topics stays above its floors.

ROUGE-1/2 against all reference-timeline sentences of each topic, compared with LEAD and
RANDOM baselines of the same length, through the product's path (annotate table, story
stages); the parses and annotations come from the eval cache the TLS gate fills.
"""

from __future__ import annotations

import pytest

from storyline.eval.brief import FLOORS, score, topic_story
from storyline.eval.report import below_floor
from storyline.eval.timeline17 import list_topics, read_docs

REQUIRED = {"r1_f1", "r2_f1", "r1_p", "lead_r1_f1", "random_r1_f1", "r1_f1_vs_lead",
            "r1_f1_vs_random", "cited_ok", "mean_sentences", "redundancy_free"}


@pytest.mark.quality
def test_brief_meets_floors(benchmarks_dir) -> None:
    report = score(benchmarks_dir / "timeline17-dev")
    assert REQUIRED <= set(report.metrics)
    assert set(FLOORS) <= REQUIRED
    assert FLOORS["cited_ok"] == 1.0 and FLOORS["redundancy_free"] == 1.0
    assert len(report.rows) == 10
    assert all(5 <= int(row["sentences"]) <= 10 for row in report.rows)
    assert all(float(row["cited_ok"]) == 1.0 for row in report.rows)
    assert below_floor(report) == []


@pytest.mark.quality
def test_topic_sentences_point_into_the_documents(benchmarks_dir) -> None:
    from storyline.eval.brief import topic_sentences

    topic = min(list_topics(benchmarks_dir / "timeline17-dev"),
                key=lambda t: sum(1 for _ in (t.path / "InputDocs").rglob("*.txt")))
    articles, annotations = topic_story(read_docs(topic.path))
    sentences = topic_sentences(annotations)
    assert sentences and len(articles) > 1
    for sentence in sentences:
        article = articles[sentence.article_id]
        assert article.text[sentence.start:sentence.end] == sentence.text
        assert article.published == sentence.article_id[:10]
