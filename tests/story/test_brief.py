"""The brief: 5..10 exact, cited article sentences, latest first, without near-duplicates."""

from __future__ import annotations

import re

from storyline.config import StorySettings
from storyline.records import Article, Sentence
from storyline.story.brief import is_statement, write_brief
from storyline.story.brief_facts import Facts, numbers_in

TEXTS = {
    "old": ("2030-01-02", "Harbor Post", (
        "Harbor Council votes on the bridge\n\n"
        "The harbor council voted on Monday to close the old bridge for repairs until spring. "
        "Engineers found deep cracks in two of the four steel supports last week. "
        "Will the ferries cope? "
        "\"It is simply not safe,\" the mayor said. "
        "\"We had no choice.\" "
        "Too short to use. "
        "Shop owners near the bridge warned that the closure would cost them customers.")),
    "mid": ("2030-01-20", "Valley Times", (
        "The city council closed the old harbor bridge for repairs after engineers found cracks. "
        "A temporary ferry service now carries about two thousand commuters every day. "
        "Commuters complained that the ferry queues stretch for more than an hour at dawn. "
        "The council said it would review the ferry timetable at its next meeting.")),
    "new": ("2030-02-14", "Coast Radio", (
        "Repairs on the harbor bridge are ahead of schedule and it may reopen in March. "
        "The contractor replaced both cracked steel supports during the last three weeks. "
        "A second ferry was added on Monday to shorten the morning queues for commuters. "
        "Shop owners said business has slowly recovered since the extra ferry started.")),
    "new2": ("2030-02-14", "Bay Daily", (
        "The harbor bridge repairs are ahead of schedule, and the bridge may reopen in March. "
        "Inspectors will test the new supports with loaded trucks before any reopening.")),
}


def split(article_id: str, text: str) -> list[Sentence]:
    """A simple splitter for the invented texts: exact offsets, one sentence per match."""
    out = []
    for i, m in enumerate(re.finditer(r"[^.?!\n]+(?:[.?!][\"”]?|\n|$)", text)):
        raw = m.group(0)
        start = m.start() + len(raw) - len(raw.lstrip())
        body = raw.strip()
        if body:
            out.append(Sentence(article_id, i, start, start + len(body), body))
    return out


def corpus():
    articles = {aid: Article(aid, f"{aid}.txt", text, outlet=outlet, published=date)
                for aid, (date, outlet, text) in TEXTS.items()}
    sentences = [s for aid, a in articles.items() for s in split(aid, a.text)]
    return articles, sentences


def words(text: str) -> set[str]:
    return set(re.findall(r"[a-z]+", text.lower()))


def test_brief_sentences_are_exact_cited_statements():
    articles, sentences = corpus()
    brief = write_brief(sentences, articles)
    assert 5 <= len(brief) <= 10
    for item in brief:
        first = item.citations[0]
        assert articles[first.article_id].text[first.start:first.end] == item.text
        for c in item.citations:
            cited = articles[c.article_id].text[c.start:c.end]
            assert cited and cited == cited.strip()
        assert not item.text.rstrip("\"”").endswith("?")
        assert len(item.text.split()) >= 8
        assert not item.text.startswith(("\"", "“")) or "said" in item.text


def test_latest_state_first_and_other_outlets_cited():
    articles, sentences = corpus()
    facts = {(s.article_id, s.start): Facts(numbers=numbers_in(s.text), predicate="be")
             for s in sentences}
    brief = write_brief(sentences, articles, facts=facts)
    assert articles[brief[0].citations[0].article_id].published == "2030-02-14"
    reopening = [b for b in brief if "reopen in March" in b.text]
    assert len(reopening) == 1  # the two outlets' near-identical sentences appear once...
    assert len({c.article_id for c in reopening[0].citations}) == 2  # ...citing both


def test_no_near_duplicates():
    articles, sentences = corpus()
    brief = write_brief(sentences, articles)
    for i, a in enumerate(brief):
        for b in brief[i + 1:]:
            overlap = len(words(a.text) & words(b.text)) / len(words(a.text) | words(b.text))
            assert overlap < 0.6, (a.text, b.text)


def test_bounds_are_respected():
    articles, sentences = corpus()
    bounds = StorySettings(brief_min=2, brief_max=3)
    assert len(write_brief(sentences, articles, settings=bounds)) == 3
    few = [s for s in sentences if s.article_id == "new2"]
    assert len(write_brief(few, articles)) == 2  # fewer candidates than the minimum


def test_unsupported_text_is_never_emitted():
    articles, sentences = corpus()
    forged = Sentence("old", 99, 0, 40, "The council resigned in disgrace on Monday morning.")
    missing = Sentence("gone", 0, 0, 10, "An article the brief was never given at all.")
    brief = write_brief([forged, missing, *sentences], articles)
    assert all("resigned" not in b.text and "never given" not in b.text for b in brief)
    assert write_brief([forged, missing], articles) == ()


def test_statement_filter():
    assert is_statement("The council voted on Monday to close the bridge for repairs.")
    assert not is_statement("Will the ferries cope with the crowds this winter at all?")
    assert not is_statement("Harbor Council votes on the bridge after long debate today")
    assert not is_statement("\"It is simply not safe and we all know it, every one of us.\"")
    assert not is_statement("Too short to use here.")
    assert is_statement("2,000 commuters took the ferry on the first day of the closure.")
    assert not is_statement("and then the commuters took the ferry on the first day.")


def test_linked_duplicates_are_not_candidates():
    from dataclasses import replace

    articles, sentences = corpus()
    copy = replace(articles["new"], id="copy", duplicate_of="new")
    copies = [replace(s, article_id="copy") for s in sentences if s.article_id == "new"]
    brief = write_brief([*sentences, *copies], {**articles, "copy": copy})
    assert all(c.article_id != "copy" for b in brief for c in b.citations[:1])


def test_key_days_credit_the_content_picks_beside_the_timeline(dam_day):
    from storyline.story.brief import key_day_entries
    from storyline.story.timeline import build_timeline

    day = dam_day
    settings = StorySettings(timeline_dates=1, timeline_sentences=1, timeline_redundancy=1.0)
    timeline = build_timeline(day, settings)
    entries = key_day_entries(timeline, day, settings)
    assert entries[:len(timeline)] == timeline
    cited = {c.article_id for e in entries for c in e.citations}
    assert cited == {"c1", "c3"}
    assert key_day_entries(timeline, (), settings) == timeline
