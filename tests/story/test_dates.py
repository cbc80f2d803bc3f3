"""Publication-date inference for undated articles of one story, with a fake times function."""

from __future__ import annotations

import re
from datetime import date, timedelta

from storyline.records import Annotation, Article, TimeExpression
from storyline.story.dates import infer_publication_dates, relative_snippet

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_FAKE = re.compile(r"\b(?:(?P<wd>" + "|".join(WEEKDAYS) + r")|(?P<iso>\d{4}-\d{2}-\d{2}))\b",
                   re.IGNORECASE)


def fake_times(text: str, reference: str | None, *, article_id: str = "",
               doc=None) -> tuple[TimeExpression, ...]:
    """ISO dates resolve always; a weekday name to its latest occurrence on/before reference."""
    found = []
    for match in _FAKE.finditer(text):
        if match.group("iso"):
            value = match.group("iso")
        elif reference is None:
            value = None
        else:
            ref = date.fromisoformat(reference)
            back = (ref.weekday() - WEEKDAYS.index(match.group("wd").lower())) % 7
            value = (ref - timedelta(days=back)).isoformat()
        found.append(TimeExpression(article_id, match.start(), match.end(), match.group(0),
                                    value, "day"))
    for expression in found:
        assert text[expression.start:expression.end] == expression.text
    return tuple(found)


def _article(key: str, text: str, published: str | None = None) -> Article:
    return Article(id=key, source=f"test/{key}", text=text, published=published)


def _annotated(article: Article) -> Annotation:
    times = fake_times(article.text, article.published, article_id=article.id)
    return Annotation(article.id, versions=(), times=times)


def _story(*undated: Article, dated_texts: tuple[str, ...] = ()) -> tuple[list, dict]:
    texts = dated_texts or ("The Orsk talks opened on Tuesday in Veltria.",
                            "Delegates left Veltria after the Orsk talks.")
    dated = [_article("d1", texts[0], "2021-12-08"), _article("d2", texts[1], "2021-12-10")]
    articles = [*dated, *undated]
    annotations = {a.id: _annotated(a) for a in dated}
    for article in undated:  # undated articles were annotated with no reference
        annotations[article.id] = Annotation(
            article.id, versions=(), times=fake_times(article.text, None, article_id=article.id))
    return articles, annotations


def test_weekday_that_fits_one_day_near_the_dated_articles_wins() -> None:
    undated = _article("u1", "Envoys said on Tuesday that the Orsk talks went well.")
    articles, annotations = _story(undated)
    inferred = infer_publication_dates(articles, annotations, times_fn=fake_times)
    assert set(inferred) == {"u1"}
    day, confidence = inferred["u1"]
    assert day == "2021-12-07"
    assert 0.0 < confidence < 0.5  # a weekday alone pins the week, not the day


def test_weekday_fitting_two_anchored_weeks_gives_nothing() -> None:
    undated = _article("u1", "Envoys met on Tuesday.")
    dated_texts = ("The talks opened on Tuesday.", "More talks are set for 2021-12-14.")
    articles, annotations = _story(undated, dated_texts=dated_texts)
    assert infer_publication_dates(articles, annotations, times_fn=fake_times) == {}


def test_nothing_supports_an_article_so_it_is_absent() -> None:
    undated = _article("u1", "The Orsk talks went well, envoys said.")
    unrelated = _article("u2", "Envoys met on Sunday.")  # Sundays hit no anchor day
    articles, annotations = _story(undated, unrelated)
    assert infer_publication_dates(articles, annotations, times_fn=fake_times) == {}


def test_explicit_full_date_in_the_window_is_used() -> None:
    undated = _article("u1", "The Orsk talks closed on 2021-12-09, envoys said.")
    articles, annotations = _story(undated)
    day, confidence = infer_publication_dates(articles, annotations, times_fn=fake_times)["u1"]
    assert day == "2021-12-09"
    assert confidence < 0.5


def test_explicit_date_far_from_the_story_is_ignored() -> None:
    undated = _article("u1", "The Orsk treaty dates from 1998-05-01, envoys said.")
    articles, annotations = _story(undated)
    assert infer_publication_dates(articles, annotations, times_fn=fake_times) == {}


def test_dated_articles_are_never_inferred() -> None:
    articles, annotations = _story()
    assert infer_publication_dates(articles, annotations, times_fn=fake_times) == {}


def test_relative_snippet_keeps_only_sentences_with_day_words() -> None:
    snippet = relative_snippet("Talks opened. They met on Tuesday.\nNo news yesterday.")
    assert snippet == "They met on Tuesday.\nNo news yesterday."


def test_progress_is_reported_for_every_article() -> None:
    undated = _article("u1", "Envoys said on Tuesday that the Orsk talks went well.")
    articles, annotations = _story(undated)
    calls: list[tuple[int, int]] = []
    infer_publication_dates(articles, annotations, times_fn=fake_times,
                            progress=lambda done, total: calls.append((done, total)))
    assert calls[-1] == (3, 3) and len(calls) == 3


def test_inference_reads_only_the_time_expressions() -> None:
    import dataclasses

    from storyline.records import Sentence
    from storyline.story.reads import date_reads

    undated = _article("u1", "Envoys said on Tuesday that the Orsk talks went well.")
    articles, annotations = _story(undated)
    full = {key: dataclasses.replace(
        annotation, versions=(("times", "t-1"),),
        sentences=(Sentence(key, 0, 0, 6, "Envoys"),)) for key, annotation in annotations.items()}
    reduced = {key: date_reads(annotation) for key, annotation in full.items()}
    assert all(not r.sentences and not r.versions and r.times == full[k].times
               for k, r in reduced.items())
    assert infer_publication_dates(articles, reduced, times_fn=fake_times) == \
        infer_publication_dates(articles, full, times_fn=fake_times) != {}
