"""The brief scorer's assembly, baselines and metrics on two tiny invented topics."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.errors import DataError
from storyline.eval import brief as brief_eval
from storyline.eval.report import below_floor
from storyline.eval.timeline17 import list_topics, read_docs
from storyline.records import Article, BriefSentence, Citation, Sentence

FLOOD_DOCS = {
    "2031-03-01/a1.txt": [
        "Heavy rain pushed the Velda river over its banks near the town of Orrin .",
        "Officials in Orrin opened two schools as shelters for families leaving home .",
        "Is the dam safe ?",
        "The mayor said the water level would be checked again at noon tomorrow .",
    ],
    "2031-03-02/b1.txt": [
        "Water from the Velda river covered the main road into Orrin on Tuesday .",
        "Rescue crews moved forty families from the low streets of Orrin by boat .",
        "The regional office sent pumps and sandbags to the flooded eastern district .",
    ],
    "2031-03-03/c1.txt": [
        "The Velda river began to fall slowly as the rain stopped over the hills .",
        "Families returned to some streets in Orrin while the eastern district stayed shut .",
        "Engineers will inspect the old dam above the town before the weekend .",
    ],
}
FLOOD_TIMELINES = {
    "one.txt": [("2031-03-01", ["The Velda river floods the town of Orrin after heavy rain ."]),
                ("2031-03-03", ["The river falls and families return to Orrin ."])],
    "two.txt": [("2031-03-02", ["Rescue crews move forty families out of Orrin by boat ."])],
}
BRIDGE_DOCS = {
    "2032-07-10/x.txt": [
        "Workers on the Kessel bridge project walked off the site over unpaid wages .",
        "The builder said it would pay the missing wages by the end of the month .",
    ],
    "2032-07-12/y.txt": [
        "The strike on the Kessel bridge entered its third day without any talks .",
        "A union leader said members would return only when every wage was paid .",
        "Traffic on the old ferry line doubled while the new bridge stayed unfinished .",
    ],
    "2032-07-15/z.txt": [
        "The builder and the union signed a deal that ends the Kessel bridge strike .",
        "Work on the bridge deck will start again on Monday under the new agreement .",
    ],
}
BRIDGE_TIMELINES = {
    "main.txt": [("2032-07-10", ["Workers strike on the Kessel bridge over unpaid wages ."]),
                 ("2032-07-15", ["A deal ends the Kessel bridge strike ."])],
}


def _write_topic(root: Path, name: str, docs: dict, timelines: dict) -> None:
    for doc_id, lines in docs.items():
        path = root / name / "InputDocs" / doc_id
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("".join(f"{line} \n" for line in lines), encoding="utf-8")
    for file_name, entries in timelines.items():
        path = root / name / "timelines" / file_name
        path.parent.mkdir(parents=True, exist_ok=True)
        blocks = [day + "\n" + "\n".join(lines) + "\n" + "-" * 32 for day, lines in entries]
        path.write_text("\n".join(blocks) + "\n", encoding="utf-8")


@pytest.fixture()
def data_dir(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.setenv("STORYLINE_EVAL_CACHE", str(tmp_path / "cache"))
    _write_topic(tmp_path, "flood", FLOOD_DOCS, FLOOD_TIMELINES)
    _write_topic(tmp_path, "bridge", BRIDGE_DOCS, BRIDGE_TIMELINES)
    return tmp_path


def _topic(data_dir: Path, name: str):
    return next(t for t in list_topics(data_dir) if t.name == name)


def _story(data_dir: Path, name: str = "flood"):
    articles, annotations = brief_eval.topic_story(read_docs(data_dir / name))
    return articles, brief_eval.topic_sentences(annotations)


def test_topic_story_keeps_offsets_and_dates(data_dir: Path) -> None:
    articles, sentences = _story(data_dir)
    assert sorted(articles) == sorted(FLOOD_DOCS)
    assert articles["2031-03-02/b1.txt"].published == "2031-03-02"
    assert len(sentences) == sum(len(lines) for lines in FLOOD_DOCS.values())
    for sentence in sentences:
        assert articles[sentence.article_id].text[sentence.start:sentence.end] == sentence.text
    first = [s.text for s in sentences if s.article_id == "2031-03-01/a1.txt"]
    assert first == FLOOD_DOCS["2031-03-01/a1.txt"]
    assert [s.index for s in sentences[:4]] == [0, 1, 2, 3]


def test_reference_joins_every_timeline_of_the_topic(data_dir: Path) -> None:
    reference = brief_eval.reference_sentences(_topic(data_dir, "flood"))
    expected = [s for entries in FLOOD_TIMELINES.values() for _, lines in entries
                for s in lines]
    assert sorted(reference) == sorted(expected)
    assert len(reference) == 3


def test_lead_takes_one_statement_per_article_newest_first(data_dir: Path) -> None:
    articles, sentences = _story(data_dir)
    pool = brief_eval.statement_pool(sentences)
    assert "Is the dam safe ?" not in [s.text for s in pool]
    lead = brief_eval.lead_baseline(pool, articles, 2)
    assert lead == [FLOOD_DOCS["2031-03-03/c1.txt"][0], FLOOD_DOCS["2031-03-02/b1.txt"][0]]
    assert len(brief_eval.lead_baseline(pool, articles, 10)) == 3


def test_random_baseline_is_seeded_and_without_repeats(data_dir: Path) -> None:
    _, sentences = _story(data_dir)
    pool = brief_eval.statement_pool(sentences)
    first = brief_eval.random_baseline(pool, 4, seed=3)
    assert first == brief_eval.random_baseline(pool, 4, seed=3)
    assert len(set(first)) == 4
    assert len(brief_eval.random_baseline(pool, 50, seed=0)) == len(pool)
    draws = {tuple(brief_eval.random_baseline(pool, 3, seed=s)) for s in range(6)}
    assert len(draws) > 1


def test_rouge_prf_by_hand() -> None:
    # tokens: "flood" "river" "town" vs "flood" "river" "bank" "rise"
    prf = brief_eval.rouge_prf(["flood river town"], ["flood river bank rise"], 1)
    assert prf.precision == pytest.approx(2 / 3)
    assert prf.recall == pytest.approx(2 / 4)
    assert prf.f1 == pytest.approx(2 * (2 / 3) * 0.5 / (2 / 3 + 0.5))
    assert brief_eval.rouge_prf(["flood river town"], ["flood river bank"], 2).f1 == \
        pytest.approx(0.5)
    assert brief_eval.rouge_prf([], ["flood"], 1).f1 == 0.0


def test_cited_ok_checks_the_first_citation() -> None:
    text = "Alpha beta gamma delta. Epsilon zeta eta theta."
    articles = {"a": Article(id="a", source="a", text=text)}
    good = BriefSentence("Alpha beta gamma delta.", (Citation("a", 0, 23),))
    shifted = BriefSentence("Epsilon zeta eta theta.", (Citation("a", 23, 47),))
    missing = BriefSentence("Epsilon zeta eta theta.", (Citation("b", 24, 47),))
    assert brief_eval.cited_ok([good], articles) == 1.0
    assert brief_eval.cited_ok([good, shifted], articles) == 0.5
    assert brief_eval.cited_ok([good, missing, BriefSentence("x")], articles) == \
        pytest.approx(1 / 3)
    assert brief_eval.cited_ok([], articles) == 0.0


def test_score_on_two_invented_topics(data_dir: Path) -> None:
    calls: list[tuple[int, int]] = []
    report = brief_eval.score(data_dir, progress=lambda d, t: calls.append((d, t)))
    assert calls == [(1, 2), (2, 2)]
    assert [row["topic"] for row in report.rows] == ["bridge", "flood"]
    assert set(brief_eval.FLOORS) <= set(report.metrics)
    assert report.floors == brief_eval.FLOORS
    metrics = report.metrics
    assert metrics["cited_ok"] == 1.0
    assert 5 <= metrics["mean_sentences"] <= 7
    for key in ("r1_f1", "r2_f1", "r1_p", "lead_r1_f1", "random_r1_f1"):
        assert 0.0 < metrics[key] <= 1.0, key
    assert metrics["r1_f1_vs_lead"] == pytest.approx(
        metrics["r1_f1"] / metrics["lead_r1_f1"], abs=2e-3)
    bridge = report.rows[0]
    assert bridge["sentences"] == 5 and bridge["reference_sentences"] == 2
    failures = below_floor(report)
    assert not any(".cited_ok " in line or ".mean_sentences " in line for line in failures)


def test_score_limit_topics_and_bad_folder(data_dir: Path, tmp_path: Path) -> None:
    assert len(brief_eval.score(data_dir, limit=1).rows) == 1
    only = brief_eval.score(data_dir, topics=["flood"])
    assert [row["topic"] for row in only.rows] == ["flood"]
    assert only.rows[0]["docs"] == 3
    with pytest.raises(DataError):
        brief_eval.score(tmp_path / "nowhere")


def test_brief_sentences_are_article_text(data_dir: Path) -> None:
    from storyline.story.brief import write_brief

    articles, sentences = _story(data_dir)
    brief = write_brief(sentences, articles)
    assert 5 <= len(brief) <= 10
    for sentence in brief:
        cite = sentence.citations[0]
        assert articles[cite.article_id].text[cite.start:cite.end] == sentence.text
    assert isinstance(sentences[0], Sentence)
