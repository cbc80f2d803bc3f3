"""Timeline summarization on invented sentences: event dates, forecasts, summaries, citations."""

from __future__ import annotations

import re
from dataclasses import replace

from storyline.config import StorySettings
from storyline.records import Annotation, Article, Sentence, SentenceDate
from storyline.story.timeline import (
    DatedSentence,
    auto_length,
    build_timeline,
    dated_sentences,
    in_range,
    normalize_date,
    recalls,
    score_dates,
)

# Invented articles: id -> (published, text). One sentence per line.
ARTICLES = {
    "a1": ("2031-03-05", ("The dam on the Vell river burst on 2031-03-04 after heavy rain.\n"
                         "Rescue teams searched flooded villages near the Vell river.\n"
                         "Officials said the reservoir had been overfull for weeks.\n")),
    "a2": ("2031-03-06", ("Villagers described how the Vell dam burst on 2031-03-04 at night.\n"
                         "An inquiry led by judge Mira Olt will hear witnesses on 2031-03-25.\n")),
    "a3": ("2031-03-21", ("The inquiry into the Vell dam collapse opened on 2031-03-20.\n"
                         "Engineers told the inquiry on 2031-03-20 that cracks were ignored.\n"
                         "The dam burst on 2031-03-04 had displaced thousands.\n")),
    "a4": ("2031-03-22", ("A farmer said the harvest of 2031-03-01 was lost to pests.\n"
                         "Farmers told the inquiry on 2031-03-20 that their fields were lost.\n")),
    "a5": ("2031-03-07", ("In 2031-03 the region saw its worst flooding in decades.\n"
                         "Surely nobody can afford another flood like this one.\n")),
}
_ISO = re.compile(r"\d{4}-\d{2}(?:-\d{2})?")
SETTINGS = StorySettings()


def _kind(line: str, date: str | None, published: str) -> str:
    """What the dating stage would say: forecasts expected, opinions commentary."""
    if " will " in line:
        return "expected"
    if "can afford" in line:
        return "commentary"
    return "happened"


def annotation(article_id: str) -> tuple[Article, Annotation]:
    published, text = ARTICLES[article_id]
    sentences, dates, start = [], [], 0
    for line in text.split("\n"):
        if line:
            end = start + len(line)
            sentences.append(Sentence(article_id, len(sentences), start, end, line))
            found = _ISO.search(line)
            value = found.group() if found else None
            granularity = "" if value is None else ("day" if len(value) == 10 else "month")
            dates.append(SentenceDate(article_id, start, end, _kind(line, value, published),
                                      value, granularity, "verb"))
        start += len(line) + 1
    article = Article(id=article_id, source=article_id, text=text, published=published,
                      outlet="Invented Post")
    return article, Annotation(article_id, (), sentences=tuple(sentences),
                               sentence_dates=tuple(dates))


def all_dated() -> tuple[DatedSentence, ...]:
    pairs = [annotation(a) for a in ARTICLES]
    return dated_sentences([a for a, _ in pairs], {a.id: ann for a, ann in pairs})


def test_dated_sentences_use_the_event_date_else_the_publication_day() -> None:
    dated = [s for s in all_dated() if s.article_id == "a1"]
    assert [(s.date, s.mentioned, s.expected) for s in dated] == [
        ("2031-03-04", True, False), ("2031-03-05", False, False), ("2031-03-05", False, False)]
    text = ARTICLES["a1"][1]
    assert all(text[s.start:s.end] == s.text for s in dated)
    assert {s.outlet for s in dated} == {"Invented Post"}


def test_forecasts_are_expected_and_commentary_is_left_out() -> None:
    a2 = [s for s in all_dated() if s.article_id == "a2"]
    assert [(s.date, s.expected) for s in a2] == [("2031-03-04", False), ("2031-03-25", True)]
    a5 = [s.text for s in all_dated() if s.article_id == "a5"]
    assert a5 == ["In 2031-03 the region saw its worst flooding in decades."]


def test_undated_forecasts_and_undated_articles_give_no_date() -> None:
    article, ann = annotation("a1")
    article = replace(article, published=None)
    undated = dated_sentences([article], {article.id: ann})
    assert [s.date for s in undated] == ["2031-03-04"]
    text = "Officials will meet again soon."
    forecast = Annotation("f", (), sentences=(Sentence("f", 0, 0, len(text), text),),
                          sentence_dates=(SentenceDate("f", 0, len(text), "expected"),))
    art = Article(id="f", source="f", text=text, published="2031-03-05")
    assert dated_sentences([art], {"f": forecast}) == ()


def test_normalize_date_and_range() -> None:
    assert normalize_date("2031-03-04T10:00") == ("2031-03-04", "day")
    assert normalize_date("2031-03") == ("2031-03", "month")
    assert normalize_date("2031") == ("2031", "year")
    assert normalize_date("2031-W10") is None
    assert in_range("2031-03-04", "2031-03-01", "2031-03-31")
    assert not in_range("2031-04-01", "2031-03-01", "2031-03-31")
    assert in_range("2031-03", "2031-03-15", "2031-04-02")


def test_score_dates_prefers_dates_many_articles_mention() -> None:
    scores = score_dates(all_dated(), SETTINGS)
    assert scores[("2031-03-04", False)] > scores[("2031-03-20", False)]
    assert scores[("2031-03-04", False)] > scores[("2031-03-01", False)]
    assert scores[("2031-03", False)] < scores[("2031-03-04", False)]
    assert ("2031-03-25", True) in scores


def test_a_day_that_later_articles_recall_outranks_a_busy_news_day() -> None:
    """Two articles each report an event on their own day; one day is named again by an
    article three weeks on: that day is recalled and counts more."""
    def sentence(article: str, published: str, day: str, index: int) -> DatedSentence:
        return DatedSentence(article, 0, 10, "A levee failed.", day, "day", published,
                             None, True, position=index)

    dated = [sentence("b1", "2031-05-02", "2031-05-01", 0),
             sentence("b2", "2031-05-03", "2031-05-02", 0),
             sentence("b3", "2031-05-24", "2031-05-01", 0)]
    with_recall = score_dates(dated, SETTINGS)
    assert with_recall[("2031-05-01", False)] == 2 + SETTINGS.timeline_recall_weight
    assert with_recall[("2031-05-02", False)] == 1
    plain = score_dates(dated, replace(SETTINGS, timeline_recall_weight=0.0))
    assert plain[("2031-05-01", False)] == 2
    assert recalls(dated[2], 7) and not recalls(dated[0], 7) and not recalls(dated[2], 0)


def _settings(**changes) -> StorySettings:
    return replace(SETTINGS, timeline_min_dates=0, **changes)


def test_build_timeline_picks_supported_dates_sorted_with_citations() -> None:
    timeline = build_timeline(all_dated(), _settings(timeline_dates=2, timeline_sentences=1))
    assert [e.date for e in timeline] == ["2031-03-04", "2031-03-20"]
    texts = {aid: text for aid, (_, text) in ARTICLES.items()}
    for entry in timeline:
        assert entry.granularity == "day"
        assert len(entry.citations) == 1
        cited = [texts[c.article_id][c.start:c.end] for c in entry.citations]
        assert entry.summary == " ".join(cited)
        assert entry.date in entry.summary  # a sentence about that date was chosen


def test_expected_entries_are_marked_and_can_be_left_out() -> None:
    timeline = build_timeline(all_dated(), _settings(timeline_dates=10, timeline_sentences=3))
    expected = [e for e in timeline if e.expected]
    assert [(e.date, e.summary) for e in expected] == [
        ("2031-03-25", "An inquiry led by judge Mira Olt will hear witnesses on 2031-03-25.")]
    without = build_timeline(all_dated(), _settings(timeline_dates=10, timeline_expected=False))
    assert not any(e.expected for e in without)


def test_build_timeline_respects_range_granularity_and_sentence_budget() -> None:
    settings = _settings(timeline_dates=5, timeline_sentences=2, timeline_start="2031-03-10",
                         timeline_end="2031-03-31")
    timeline = build_timeline(all_dated(), settings)
    days = [e.date for e in timeline if e.granularity == "day"]
    assert days and all("2031-03-10" <= day <= "2031-03-31" for day in days)
    assert all(e.date == "2031-03" for e in timeline if e.granularity != "day")
    assert all(1 <= len(e.citations) <= 2 for e in timeline)
    dates = [e.date for e in timeline]
    assert dates == sorted(dates)
    only_days = build_timeline(all_dated(), replace(settings, timeline_days_only=True))
    assert {e.granularity for e in only_days} == {"day"}


def test_no_sentence_is_used_twice_and_no_two_entries_say_the_same() -> None:
    same = "Army engineers flew drones over the broken spillway of the Vell dam at dawn."
    twins = [DatedSentence(aid, 0, len(same), same, "2031-03-30", "day", None, None,
                           True, expected) for aid, expected in (("x", False), ("y", True))]
    timeline = build_timeline([*all_dated(), *twins],
                              _settings(timeline_dates=10, timeline_sentences=3))
    cited = [c for e in timeline for c in e.citations]
    assert len(cited) == len(set(cited))
    summaries = [e.summary for e in timeline]
    assert sum(same in s for s in summaries) == 1


def test_automatic_length_uses_support_not_an_oracle() -> None:
    scores = {(f"2031-01-{day:02d}", False): 5.0 for day in range(1, 29)}
    scores.update({(f"2031-02-{day:02d}", False): 1.0 for day in range(1, 29)})
    assert 3 <= auto_length(scores, SETTINGS) < 28
    assert auto_length({("2031-01-01", False): 1.0}, SETTINGS) == 1
    timeline = build_timeline(all_dated(), _settings())
    assert 1 <= len(timeline) <= len({s.date for s in all_dated()})
    assert "2031-03-04" in [e.date for e in timeline]


def test_build_timeline_on_nothing() -> None:
    assert build_timeline([], SETTINGS) == ()
    assert build_timeline(all_dated(), _settings(timeline_start="2040-01-01")) == ()


def test_build_timeline_normalizes_datetimes_and_skips_non_calendar_values() -> None:
    text = "Talks ended in a deal on the border after a long night of haggling."
    base = DatedSentence("b1", 0, len(text), text, "2031-05-02T18:30:00", "day",
                         "2031-05-02T18:30:00", None, False)
    week = DatedSentence("b1", 0, len(text), text, "2031-W18", "week", None, None, True)
    timeline = build_timeline([base, week], SETTINGS)
    assert [(e.date, e.granularity) for e in timeline] == [("2031-05-02", "day")]
    assert timeline[0].citations[0].end == len(text)


def test_story_centroid_keeps_a_day_summary_on_the_story() -> None:
    def dated(aid: str, text: str, day: str) -> DatedSentence:
        return DatedSentence(aid, 0, len(text), text, day, "day", None, None, True)

    story = [dated(f"s{n}", f"The Vell dam inquiry heard engineers on the broken spillway "
                            f"and the flooded villages, witness {n}.", f"2031-04-0{n}")
             for n in range(1, 6)]
    side = [dated("t1", "Local football fans cheered the Vell derby winners at the stadium "
                        "on a sunny afternoon.", "2031-04-09"),
            dated("t3", "The dam inquiry heard that the broken spillway flooded the villages "
                        "near the stadium.", "2031-04-09")]
    one_each = _settings(timeline_dates=10, timeline_sentences=1)
    day_of = {e.date: e.summary for e in build_timeline([*story, *side], one_each)}
    assert "inquiry" in day_of["2031-04-09"]
    plain = build_timeline([*story, *side], replace(one_each, timeline_topic_weight=0.0))
    assert "fans" in {e.date: e.summary for e in plain}["2031-04-09"]


def test_asides_give_way_to_reports_of_the_day() -> None:
    def dated(aid: str, text: str) -> DatedSentence:
        return DatedSentence(aid, 0, len(text), text, "2031-06-02", "day", None, None, True)

    report = dated("r1", "Workers sealed the leaking Vell dam spillway with concrete on the "
                         "second day of repairs.")
    voice = dated("r2", "I watched the workers seal the leaking Vell dam spillway with "
                        "concrete and felt relieved.")
    question = dated("r3", "Will the sealed Vell dam spillway hold the concrete through "
                           "the spring floods?")
    stamp = dated("r4", "Wed Jun 2, 2031 5:56 am EDT Workers sealed the leaking Vell dam "
                        "spillway with concrete.")
    one = _settings(timeline_dates=1, timeline_sentences=1, timeline_redundancy=1.0)
    for aside in (voice, question, stamp):
        picked = build_timeline([aside, report], one)[0].citations[0].article_id
        assert picked == "r1", aside.text
    alone = build_timeline([voice], one)
    assert alone and alone[0].citations[0].article_id == "r2"  # nothing else: still kept


def test_aside_patterns() -> None:
    from storyline.story.timeline_summary import aside

    assert aside("I do n't think the flood is over .")
    assert aside("My house was flooded, she said.")
    assert aside("Can the dam hold ?")
    assert aside("Posted by Ana Vell, on June 1, 2031 4:26 PM")
    assert aside("Watch the flood's path since June 1.")
    assert aside("Apr. 21 : Boats search the flooded valley of the Vell .")
    assert aside("June 2: Crews reinforce the dam.")
    assert not aside("June 2 was the day the dam burst.")
    assert not aside("World War I veterans laid wreaths at the dam.")
    assert not aside("We have confirmed nine cases, the ministry said.")
    assert not aside("The US said the dam would be inspected.")


def test_the_first_report_of_a_day_outranks_a_recap() -> None:
    def dated(aid: str, text: str, published: str) -> DatedSentence:
        return DatedSentence(aid, 0, len(text), text, "2031-06-02", "day", published, None,
                             True)

    recap = dated("k1", "Crews sealed the leaking Vell dam spillway with concrete after two "
                        "days of repairs.", "2031-06-20")
    first = dated("k2", "Crews sealed the leaking Vell dam spillway with concrete on the "
                        "second day of repairs.", "2031-06-03")
    one = _settings(timeline_dates=1, timeline_sentences=1, timeline_redundancy=1.0)
    for order in ([recap, first], [first, recap]):
        assert build_timeline(order, one)[0].citations[0].article_id == "k2"


def test_narration_outranks_quoted_words() -> None:
    def dated(aid: str, text: str) -> DatedSentence:
        return DatedSentence(aid, 0, len(text), text, "2031-06-02", "day", None, None, True)

    narration = dated("n1", "Crews sealed the leaking Vell dam spillway with concrete on the "
                            "second day of repairs.")
    quoted = dated("n2", "`` Crews sealed the leaking Vell dam spillway with concrete today "
                         ", '' the mayor said.")
    one = _settings(timeline_dates=1, timeline_sentences=1, timeline_redundancy=1.0)
    for order in ([quoted, narration], [narration, quoted]):
        assert build_timeline(order, one)[0].citations[0].article_id == "n1"


def test_reporting_weights() -> None:
    from storyline.story.timeline_summary import fresh, quotes, reporting_weight

    def dated(published: str | None, text: str = "The dam held.") -> DatedSentence:
        return DatedSentence("w1", 0, len(text), text, "2031-06-02", "day", published, None,
                             True)

    settings = _settings()
    assert fresh(dated("2031-06-02")) and fresh(dated("2031-06-03T08:00:00"))
    assert not fresh(dated("2031-06-03T08:00:00"), days=0)
    assert not fresh(dated("2031-06-09")) and not fresh(dated(None))
    assert not fresh(dated("2031-06-01"))  # a forecast written before the day
    assert quotes("`` We are safe , '' she said .") and quotes('He said: "We are safe."')
    assert quotes("“We are safe,” she said.") and not quotes("The dam's gates held.")
    first, later = dated("2031-06-02"), dated("2031-06-09")
    assert reporting_weight(first, settings) > reporting_weight(later, settings)
    quoted, narrated = dated(None, '"Safe," she said.'), dated(None)
    assert reporting_weight(quoted, settings) < reporting_weight(narrated, settings)
    plain = _settings(timeline_fresh_weight=1.0, timeline_quoted_weight=1.0)
    assert reporting_weight(first, plain) == reporting_weight(quoted, plain) == 1.0


def test_without_reporting_weights_a_day_ranks_by_content(dam_day) -> None:
    day = dam_day
    one = _settings(timeline_dates=1, timeline_sentences=1, timeline_redundancy=1.0)
    reported = build_timeline(day, one)[0].citations[0].article_id
    content = build_timeline(day, one, reporting=False)[0].citations[0].article_id
    assert content == "c1" and reported == "c3"
