"""Timeline summarization on invented sentences: dates, summaries, citations."""

from __future__ import annotations

import re

from storyline.records import TimeExpression
from storyline.story.timeline import (
    DatedSentence,
    auto_length,
    build_timeline,
    date_sentences,
    in_range,
    normalize_date,
    score_dates,
)

# Invented articles: id -> (published, text). One sentence per line.
ARTICLES = {
    "a1": ("2031-03-05", ("The dam on the Vell river burst on 2031-03-04 after heavy rain.\n"
                         "Rescue teams searched flooded villages near the Vell river.\n"
                         "Officials said the reservoir had been overfull for weeks.\n")),
    "a2": ("2031-03-06", ("Villagers described how the Vell dam burst on 2031-03-04 at night.\n"
                         "An inquiry into the dam collapse will open on 2031-03-20.\n")),
    "a3": ("2031-03-21", ("The inquiry into the Vell dam collapse opened on 2031-03-20.\n"
                         "Engineers told the inquiry on 2031-03-20 that cracks were ignored.\n"
                         "The dam burst on 2031-03-04 had displaced thousands.\n")),
    "a4": ("2031-03-22", "A farmer said the harvest of 2031-03-01 was lost to pests.\n"),
    "a5": ("2031-03-07", "In 2031-03 the region saw its worst flooding in decades.\n"),
}
_ISO = re.compile(r"\d{4}-\d{2}(?:-\d{2})?")


def fake_times(text: str, reference: str | None) -> tuple[TimeExpression, ...]:
    """A stand-in tagger: ISO dates written in the text, resolved as they are."""
    out = []
    for match in _ISO.finditer(text):
        granularity = "day" if len(match.group()) == 10 else "month"
        out.append(TimeExpression("", match.start(), match.end(), match.group(),
                                  match.group(), granularity))
    return tuple(out)


def line_spans(text: str) -> list[tuple[int, int, str]]:
    spans, start = [], 0
    for line in text.split("\n"):
        if line:
            spans.append((start, start + len(line), line))
        start += len(line) + 1
    return spans


def all_dated() -> list[DatedSentence]:
    out = []
    for article_id, (published, text) in ARTICLES.items():
        out.extend(date_sentences(article_id, line_spans(text), published, "Invented Post",
                                  fake_times))
    return out


def test_date_sentences_mentions_fallback_and_offsets() -> None:
    published, text = ARTICLES["a1"]
    dated = date_sentences("a1", line_spans(text), published, "Invented Post", fake_times)
    assert [(s.date, s.mentioned) for s in dated] == [
        ("2031-03-04", True), ("2031-03-05", False), ("2031-03-05", False)]
    assert all(text[s.start:s.end] == s.text for s in dated)
    assert {s.outlet for s in dated} == {"Invented Post"}
    month = date_sentences("a5", line_spans(ARTICLES["a5"][1]), "2031-03-07", None, fake_times)
    assert [(s.date, s.granularity, s.mentioned) for s in month] == [("2031-03", "month", True)]


def test_date_sentences_without_publication_date_keeps_only_mentions() -> None:
    dated = date_sentences("x", [(0, 12, "No date here"), (13, 30, "Due on 2031-01-02")],
                           None, None, fake_times)
    assert [(s.date, s.text) for s in dated] == [("2031-01-02", "Due on 2031-01-02")]


def test_normalize_date_and_range() -> None:
    assert normalize_date("2031-03-04T10:00") == ("2031-03-04", "day")
    assert normalize_date("2031-03") == ("2031-03", "month")
    assert normalize_date("2031") == ("2031", "year")
    assert normalize_date("2031-W10") is None
    assert in_range("2031-03-04", "2031-03-01", "2031-03-31")
    assert not in_range("2031-04-01", "2031-03-01", "2031-03-31")
    assert in_range("2031-03", "2031-03-15", "2031-04-02")


def test_score_dates_prefers_dates_many_articles_mention() -> None:
    scores = score_dates(all_dated())
    assert scores["2031-03-04"] > scores["2031-03-20"] > scores["2031-03-01"]
    assert scores["2031-03"] < scores["2031-03-04"]


def test_build_timeline_picks_supported_dates_sorted_with_citations() -> None:
    dated = all_dated()
    timeline = build_timeline(dated, max_dates=2, sentences_per_date=1)
    assert [e.date for e in timeline] == ["2031-03-04", "2031-03-20"]
    texts = {aid: text for aid, (_, text) in ARTICLES.items()}
    for entry in timeline:
        assert entry.granularity == "day"
        assert len(entry.citations) == 1
        cited = [texts[c.article_id][c.start:c.end] for c in entry.citations]
        assert entry.summary == " ".join(cited)
        assert entry.date in entry.summary  # a sentence about that date was chosen


def test_build_timeline_respects_range_and_sentence_budget() -> None:
    timeline = build_timeline(all_dated(), max_dates=5, sentences_per_date=2,
                              start="2031-03-10", end="2031-03-31")
    days = [e.date for e in timeline if e.granularity == "day"]
    assert days and all("2031-03-10" <= day <= "2031-03-31" for day in days)
    assert all(e.date == "2031-03" for e in timeline if e.granularity != "day")
    assert all(1 <= len(e.citations) <= 2 for e in timeline)
    dates = [e.date for e in timeline]
    assert dates == sorted(dates)


def test_build_timeline_never_reuses_a_sentence() -> None:
    timeline = build_timeline(all_dated(), max_dates=10, sentences_per_date=3)
    cited = [c for e in timeline for c in e.citations]
    assert len(cited) == len(set(cited))


def test_automatic_length_uses_support_not_an_oracle() -> None:
    scores = {f"2031-01-{day:02d}": 5.0 for day in range(1, 29)}
    scores.update({f"2031-02-{day:02d}": 1.0 for day in range(1, 29)})
    assert 3 <= auto_length(scores) < 28
    assert auto_length({"2031-01-01": 1.0}) == 1
    timeline = build_timeline(all_dated())
    assert 1 <= len(timeline) <= len({s.date for s in all_dated()})
    assert "2031-03-04" in [e.date for e in timeline]


def test_build_timeline_on_nothing() -> None:
    assert build_timeline([]) == ()
    assert build_timeline(all_dated(), start="2040-01-01") == ()


def test_build_timeline_normalizes_datetimes_and_skips_non_calendar_values() -> None:
    text = "Talks ended in a deal on the border."
    base = DatedSentence("b1", 0, len(text), text, "2031-05-02T18:30:00", "day",
                         "2031-05-02T18:30:00", None, False)
    week = DatedSentence("b1", 0, len(text), text, "2031-W18", "week", None, None, True)
    timeline = build_timeline([base, week])
    assert [(e.date, e.granularity) for e in timeline] == [("2031-05-02", "day")]
    assert timeline[0].citations[0].end == len(text)
