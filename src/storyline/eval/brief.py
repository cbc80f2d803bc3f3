"""The cited brief on Timeline17: ROUGE-1/2 against the topic's reference timelines.

Each topic's input documents are taken as one story and go through the product's path:
one :class:`Article` per document (``timeline17.topic_articles``), the annotate table
(``eval.product``, parses cached), then the story stages up to the ``brief`` stage with the
product's settings. Its sentences are scored against every sentence of every reference
timeline of the topic, concatenated, with ROUGE-1 and ROUGE-2 precision, recall and F1 (the
tokens of ``eval.rouge``: lowercased, stopwords dropped, Porter-stemmed).

Two baselines of the same number of sentences run on the same topic:

* LEAD: the first statement-like sentence (``story.brief.is_statement``) of each of the
  most recent articles, one per article, newest first;
* RANDOM: statement-like sentences drawn uniformly with fixed seeds, the mean of 5 seeds.

Both draw from the same pool as the brief, so they differ from it only in how they choose.
``cited_ok`` is the share of brief sentences whose first citation's text equals the
sentence; ``redundancy_free`` the share of briefs in which the brief's redundancy check
(``story.brief.redundant``: most words of one sentence in another, or the same coded
events) finds no pair. Topic rows hold the per-topic figures; headline metrics average over topics and
the ``*_vs_*`` ratios divide those averages.

Run it: ``python -m storyline.eval.brief DIR [--limit N] [--topic NAME]``.
"""

from __future__ import annotations

import logging
import random
import sys
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

from ..config import Settings
from ..records import Annotation, Article, BriefSentence, Sentence
from ..story.brief import is_statement, redundant_pairs, story_facts
from .product import annotate_all, run_story
from .report import EvalReport, Progress, log_report
from .rouge import PRF, f_score, rouge_counts
from .timeline17 import InputDoc, Topic, list_topics, read_docs, topic_articles

log = logging.getLogger(__name__)

NAME = "brief"
RANDOM_SEEDS = (0, 1, 2, 3, 4)
# Measured on timeline17-dev (10 topics) through the product's path; floors sit a little
# below. Measured with brief-3 (position weight 0.4): r1_f1 0.2734, r2_f1 0.0841, r1_p
# 0.5518, vs LEAD 1.530, vs RANDOM 2.566, cited_ok 1.0, redundancy_free 1.0,
# mean_sentences 10.0 (the floor on it is the brief's contract minimum, 5); brief-2 had
# 0.2693, 0.0815, 0.5533, 1.507, 2.527.
FLOORS: dict[str, float] = {
    "r1_f1": 0.27, "r2_f1": 0.08, "r1_p": 0.54,
    "r1_f1_vs_lead": 1.52, "r1_f1_vs_random": 2.55,
    "cited_ok": 1.0, "redundancy_free": 1.0, "mean_sentences": 5.0,
}
_TOPIC_KEYS = ("r1_p", "r1_r", "r1_f1", "r2_p", "r2_r", "r2_f1", "lead_r1_f1", "lead_r2_f1",
               "random_r1_f1", "random_r2_f1", "cited_ok", "redundancy_free", "sentences")


# ---------------------------------------------------------------- assembly


def topic_story(docs: Sequence[InputDoc], nlp=None
                ) -> tuple[dict[str, Article], dict[str, Annotation]]:
    """The topic's documents as articles (keyed by id) and their annotations."""
    articles = topic_articles(list(docs))
    return {a.id: a for a in articles}, annotate_all(articles, nlp)


def topic_sentences(annotations: Mapping[str, Annotation]) -> list[Sentence]:
    return [s for annotation in annotations.values() for s in annotation.sentences]


def reference_sentences(topic: Topic) -> list[str]:
    """Every sentence of every reference timeline of the topic, in file and date order."""
    return [sentence for timeline in topic.timelines
            for _, day_sentences in timeline.entries for sentence in day_sentences]


def cited_ok(brief: Sequence[BriefSentence], articles: Mapping[str, Article]) -> float:
    """The share of brief sentences whose first citation's text is the sentence itself."""
    if not brief:
        return 0.0
    good = 0
    for sentence in brief:
        if not sentence.citations:
            continue
        first = sentence.citations[0]
        article = articles.get(first.article_id)
        good += article is not None and article.text[first.start:first.end] == sentence.text
    return good / len(brief)


# ---------------------------------------------------------------- baselines


def statement_pool(sentences: Sequence[Sentence]) -> list[Sentence]:
    """The sentences a brief may use: those that read as statements."""
    return [s for s in sentences if is_statement(s.text)]


def lead_baseline(pool: Sequence[Sentence], articles: Mapping[str, Article],
                  count: int) -> list[str]:
    """The first pool sentence of each of the ``count`` most recent articles, newest first."""
    first: dict[str, Sentence] = {}
    for sentence in pool:
        held = first.get(sentence.article_id)
        if held is None or sentence.index < held.index:
            first[sentence.article_id] = sentence
    newest = sorted(first, key=lambda a: (articles[a].published or "", a), reverse=True)
    return [first[article_id].text for article_id in newest[:count]]


def random_baseline(pool: Sequence[Sentence], count: int, seed: int) -> list[str]:
    """``count`` pool sentences drawn without replacement with a fixed seed."""
    chosen = random.Random(seed).sample(range(len(pool)), min(count, len(pool)))
    return [pool[i].text for i in sorted(chosen)]


# ---------------------------------------------------------------- scoring


def rouge_prf(predicted: Sequence[str], reference: Sequence[str], n: int) -> PRF:
    """ROUGE-N precision, recall and F1 of a summary against one (concatenated) reference."""
    hits, pred_total, ref_total = rouge_counts(predicted, reference, n)
    precision = hits / pred_total if pred_total else 0.0
    recall = hits / ref_total if ref_total else 0.0
    return PRF(precision, recall, f_score(precision, recall))


def _summary_scores(predicted: Sequence[str], reference: Sequence[str],
                    prefix: str = "") -> dict[str, float]:
    out = {}
    for n in (1, 2):
        prf = rouge_prf(predicted, reference, n)
        out.update({f"{prefix}r{n}_p": prf.precision, f"{prefix}r{n}_r": prf.recall,
                    f"{prefix}r{n}_f1": prf.f1})
    return out


def _random_scores(pool: Sequence[Sentence], reference: Sequence[str],
                   count: int) -> dict[str, float]:
    runs = [_summary_scores(random_baseline(pool, count, seed), reference, "random_")
            for seed in RANDOM_SEEDS]
    return {key: sum(run[key] for run in runs) / len(runs) for key in runs[0]}


def brief_redundancy(brief: Sequence[BriefSentence], slots: Mapping[str, object]) -> int:
    """How many pairs of brief sentences the redundancy check flags."""
    facts = story_facts(slots["sources"], slots["actor_map"])  # type: ignore[arg-type]
    own = [facts.get((b.citations[0].article_id, b.citations[0].start)) for b in brief]
    known = None if any(f is None for f in own) else own
    return len(redundant_pairs([b.text for b in brief], known))  # type: ignore[arg-type]


def score_topic(topic: Topic, settings: Settings | None = None) -> dict[str, object]:
    """One row: the brief and both baselines on one topic."""
    started = time.perf_counter()
    docs = read_docs(topic.path)
    articles, annotations = topic_story(docs)
    slots = run_story(list(articles.values()), annotations, settings or Settings(),
                      only=["brief"])
    brief = slots["brief"]
    sentences = topic_sentences(annotations)
    reference = reference_sentences(topic)
    count = len(brief)
    pool = statement_pool(sentences)
    row: dict[str, object] = {"topic": topic.name, "docs": len(docs),
                              "reference_sentences": len(reference), "sentences": count}
    values = _summary_scores([s.text for s in brief], reference)
    values.update(_summary_scores(lead_baseline(pool, articles, count), reference, "lead_"))
    values.update(_random_scores(pool, reference, count))
    values["cited_ok"] = cited_ok(brief, articles)
    values["redundancy_free"] = float(brief_redundancy(brief, slots) == 0)
    row.update({key: round(value, 4) for key, value in values.items()})
    row["seconds"] = round(time.perf_counter() - started, 2)
    return row


def _ratio(numerator: float, denominator: float) -> float:
    return round(numerator / denominator, 4) if denominator > 0 else 0.0


def headline(rows: Sequence[Mapping[str, object]]) -> dict[str, float]:
    """Topic averages of the row figures, plus the brief-over-baseline ratios."""
    if not rows:
        return {}
    mean = {key: sum(float(r[key]) for r in rows) / len(rows) for key in _TOPIC_KEYS}
    metrics = {key: round(value, 4) for key, value in mean.items() if key != "sentences"}
    metrics["mean_sentences"] = round(mean["sentences"], 4)
    metrics["r1_f1_vs_lead"] = _ratio(mean["r1_f1"], mean["lead_r1_f1"])
    metrics["r1_f1_vs_random"] = _ratio(mean["r1_f1"], mean["random_r1_f1"])
    metrics["r2_f1_vs_lead"] = _ratio(mean["r2_f1"], mean["lead_r2_f1"])
    metrics["r2_f1_vs_random"] = _ratio(mean["r2_f1"], mean["random_r2_f1"])
    return metrics


def score(data_dir: Path, *, progress: Progress | None = None, limit: int | None = None,
          topics: Sequence[str] | None = None) -> EvalReport:
    """Score the product's brief on every topic of ``data_dir`` (Timeline17 layout)."""
    chosen = [t for t in list_topics(Path(data_dir))
              if t.timelines and (not topics or t.name in set(topics))]
    if limit is not None:
        chosen = chosen[:limit]
    rows = []
    for index, topic in enumerate(chosen):
        rows.append(score_topic(topic))
        log.info("brief %s: %s", topic.name, rows[-1])
        if progress:
            progress(index + 1, len(chosen))
    seconds = sum(float(r["seconds"]) for r in rows)
    notes = (f"{len(rows)} topics, {seconds:.1f} s in all",
             ("reference = all sentences of all reference timelines of the topic; "
              "LEAD and RANDOM use the brief's length and its statement-like sentences"))
    return EvalReport(NAME, headline(rows), tuple(rows), notes, dict(FLOORS))


def main(argv: Sequence[str]) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m storyline.eval.brief")
    parser.add_argument("data", type=Path)
    parser.add_argument("--limit", type=int)
    parser.add_argument("--topic", action="append")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    report = score(args.data, limit=args.limit, topics=args.topic)
    log_report(report, log, rows=False)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
