"""A small invented story (three articles + one hostile article) built by hand as records.

Shared by tests/render, tests/web and tests/browser. Every span is found in the text it
points into, so ``text[start:end] == item.text`` holds by construction. The renderers take
the records (a ``StoryView``); ``as_json`` gives the story JSON v1 document of one, for the
tests of the public contract.
"""

from __future__ import annotations

import re
from dataclasses import replace

from storyline.records import (
    Actor,
    Annotation,
    Article,
    BriefSentence,
    Citation,
    Claim,
    ClaimGroup,
    DateSource,
    Event,
    Mention,
    Quote,
    RemovedLine,
    Sentence,
    Story,
    StoryView,
    TimeExpression,
    TimelineEntry,
    stable_id,
)
from storyline.render.json_v1 import story_json
from storyline.store.base import StoryBuild

HOSTILE_SCRIPT = "<script>alert(1)</script>"
HOSTILE_IMG = "<img src=x onerror=alert(1)>"
HOSTILE_MD = "[x](javascript:alert(1))"
RLO = "\u202e"
ZWSP = "\u200b"

TEXT_A = ("Norland moves troops to the harbor border\n"
          "President Mara Velin said on Monday that 40,000 troops had gathered near the "
          "Ostrava border. \"We will defend every harbor,\" Velin said. Foreign Minister "
          "Teo Brask will meet envoys in Geneva on March 9. Ostrava closed the same border in "
          "2019. A treaty reopened it in 2024.")
TEXT_B = ("Talks in Geneva ended without a deal on Tuesday. Officials said 60,000 troops were "
          "now stationed near the border. \"There is still room for diplomacy,\" Brask told "
          "reporters. Ostrava threatened new sanctions if the troops advanced.")
TEXT_C = ("Analysts estimate that 85,000 troops could be deployed by April. Velin accused "
          "Ostrava of provoking the crisis. \"Nobody wants a war,\" she said on Friday.")
TEXT_H = (f"Breaking {HOSTILE_SCRIPT} news from the harbor. See {HOSTILE_IMG} and {HOSTILE_MD} "
          f"now. Hidden{ZWSP} text {RLO}gnp.exe here. Velin said \"{HOSTILE_SCRIPT}\" twice.")


def span(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return start, start + len(needle)


def sentences_of(article: Article) -> tuple[Sentence, ...]:
    found = []
    for match in re.finditer(r"[^\n]+?(?:[.!?](?=\s|$)|$)", article.text):
        piece = match.group().strip()
        if not piece:
            continue
        start = article.text.index(piece, match.start())
        found.append(Sentence(article.id, len(found), start, start + len(piece), piece))
    return tuple(found)


def sentence_citation(article: Article, needle: str) -> Citation:
    start, _ = span(article.text, needle)
    for sentence in sentences_of(article):
        if sentence.start <= start < sentence.end:
            return Citation(article.id, sentence.start, sentence.end)
    raise AssertionError(f"no sentence holds {needle!r}")


def _article(key: str, text: str, **fields) -> Article:
    return Article(id=stable_id("article", key), source=f"{key}.txt", text=text,
                   content_hash=stable_id("hash", text), **fields)


def build_articles() -> list[Article]:
    return [
        _article("a", TEXT_A, title="Norland moves troops to the harbor border",
                 outlet="Daily Ledger", authors=("R. Sand",), url="https://ledger.example/a",
                 published="2026-03-02", published_from=DateSource.METADATA,
                 removed=(RemovedLine("Photo: staff", "photo_credit"),)),
        _article("b", TEXT_B, title="Geneva talks end without a deal", outlet="Coast Herald",
                 url="http://herald.example/b", published="2026-03-10",
                 published_from=DateSource.TEXT, published_confidence=0.7),
        _article("c", TEXT_C, title="Analysts see more troops by April", outlet="Wire Service",
                 published="2026-03-20", published_from=DateSource.INFERRED),
        _article("h", TEXT_H, title=f"{HOSTILE_SCRIPT} Harbor{RLO} news",
                 outlet=f"Evil{RLO}Outlet{ZWSP}", url="javascript:alert(1)",
                 published="2026-03-21", published_from=DateSource.METADATA,
                 removed=(RemovedLine(HOSTILE_IMG, "markup"),)),
    ]


def _mention(article: Article, needle: str, label: str, actor: Actor, nth: int = 0) -> Mention:
    start, end = span(article.text, needle, nth)
    return Mention(article.id, start, end, needle, label, actor.id)


def build_actors(arts: list[Article]) -> list[Actor]:
    ids = tuple(a.id for a in arts)
    return [
        Actor(stable_id("actor", "velin"), "Mara Velin", "person", ("Velin",), ("President",),
              4, ids),
        Actor(stable_id("actor", "brask"), "Teo Brask", "person", ("Brask",),
              ("Foreign Minister",), 2, ids[:2]),
        Actor(stable_id("actor", "ostrava"), "Ostrava", "place", (), (), 3, ids[:3]),
        Actor(stable_id("actor", "norland"), "Norland", "place", (), (), 1, ids[:1]),
    ]


def _quote(article: Article, needle: str, speaker: str, actor: Actor, direct=True) -> Quote:
    start, end = span(article.text, needle)
    return Quote(stable_id(article.id, start, end, "quote"), article.id, start, end, needle,
                 direct, cue="said", speaker_text=speaker, speaker_actor_id=actor.id)


def _claim(article: Article, needle: str, value: float, qualifier=None,
           modality: str = "reported") -> Claim:
    start, end = span(article.text, needle)
    return Claim(stable_id(article.id, start, end, "claim"), article.id, start, end, needle,
                 value, unit="troops", qualifier=qualifier, subject="troops near the border",
                 claimed_by_text="officials", modality=modality)


def build_annotations(arts: list[Article], actors: list[Actor]) -> list[Annotation]:
    a, b, c, h = arts
    velin, brask, ostrava, norland = actors
    times_a = (TimeExpression(a.id, *span(a.text, "Monday"), "Monday", "2026-03-02", "day"),
               TimeExpression(a.id, *span(a.text, "March 9"), "March 9", "2026-03-09", "day"))
    annotations = [
        Annotation(a.id, (("test", "1"),), sentences_of(a),
                   (_mention(a, "Norland", "GPE", norland), _mention(a, "Mara Velin", "PERSON", velin),
                    _mention(a, "Velin", "PERSON", velin, 1), _mention(a, "Teo Brask", "PERSON", brask),
                    _mention(a, "Ostrava", "GPE", ostrava)),
                   times_a, (_quote(a, "\"We will defend every harbor,\"", "Velin", velin),),
                   (_claim(a, "40,000 troops", 40000),), tuple(actors)),
        Annotation(b.id, (("test", "1"),), sentences_of(b),
                   (_mention(b, "Brask", "PERSON", brask), _mention(b, "Ostrava", "GPE", ostrava)),
                   (TimeExpression(b.id, *span(b.text, "Tuesday"), "Tuesday", "2026-03-10", "day"),),
                   (_quote(b, "\"There is still room for diplomacy,\"", "Brask", brask),),
                   (_claim(b, "60,000 troops", 60000),)),
        Annotation(c.id, (("test", "1"),), sentences_of(c),
                   (_mention(c, "Velin", "PERSON", velin), _mention(c, "Ostrava", "GPE", ostrava)),
                   (TimeExpression(c.id, *span(c.text, "April"), "April", "2026-04", "month"),),
                   (_quote(c, "\"Nobody wants a war,\"", "she", velin),),
                   (_claim(c, "85,000 troops", 85000, "projected", "projection"),)),
        Annotation(h.id, (("test", "1"),), sentences_of(h),
                   (_mention(h, "Velin", "PERSON", velin),), (),
                   (_quote(h, f"\"{HOSTILE_SCRIPT}\"", "Velin", velin),), ()),
    ]
    return annotations


def build_story(arts: list[Article], annotations: list[Annotation]) -> Story:
    a, b, c, h = arts
    velin, brask, ostrava, _ = annotations[0].actors
    quotes = tuple(q for ann in annotations for q in ann.quotes)
    claims = tuple(cl for ann in annotations for cl in ann.claims)
    group = ClaimGroup(stable_id("group", "troops"), "troops near the border",
                       tuple(cl.id for cl in claims), "updated")
    cite = sentence_citation
    events = (
        Event(stable_id("event", 1), "THREATEN", "Ostrava threatened new sanctions",
              ostrava.id, None, "2026-03-10", "conditional", (cite(b, "threatened"),)),
        Event(stable_id("event", 2), "ACCUSE", "Velin accused Ostrava of provoking the crisis",
              velin.id, ostrava.id, "2026-03-20", "asserted", (cite(c, "accused"),)),
        Event(stable_id("event", 3), "CONSULT", "Brask will meet envoys in Geneva",
              brask.id, None, "2026-03-09", "asserted", (cite(a, "envoys"),)),
    )
    timeline = (
        TimelineEntry("2019", "year", "Ostrava closes the border", (cite(a, "closed the same"),)),
        TimelineEntry("2024", "year", "A treaty reopens the border", (cite(a, "treaty"),)),
        TimelineEntry("2026-03-02", "day", "Velin says 40,000 troops gathered near the border",
                      (cite(a, "40,000"),)),
        TimelineEntry("2026-03-09", "day", "Brask meets envoys in Geneva", (cite(a, "envoys"),)),
        TimelineEntry("2026-03-10", "day", "Geneva talks end without a deal",
                      (cite(b, "without a deal"),)),
        TimelineEntry("2026-03-21", "day", f"Hostile {HOSTILE_MD} entry {HOSTILE_SCRIPT}",
                      (cite(h, "Breaking"),)),
        TimelineEntry("2026-04", "month", "Up to 85,000 troops could be deployed",
                      (cite(c, "85,000"),)),
    )
    brief = (
        BriefSentence("Norland massed 40,000 troops near the Ostrava border, its president said.",
                      (cite(a, "40,000"),)),
        BriefSentence("Talks in Geneva ended without a deal as the count rose to 60,000.",
                      (cite(b, "without a deal"), cite(b, "60,000"))),
        BriefSentence("Analysts project up to 85,000 troops by April.", (cite(c, "85,000"),)),
        BriefSentence(f"A hostile line {HOSTILE_IMG} {HOSTILE_MD} stays text.",
                      (cite(h, "Breaking"),)),
    )
    return Story(stable_id("story", "harbor"), f"Harbor border crisis {HOSTILE_SCRIPT}",
                 tuple(x.id for x in arts), "2026-03-02", "2026-03-21",
                 annotations[0].actors, quotes, claims, (group,), events, timeline, brief)


def as_json(view: StoryView) -> dict:
    """The story JSON v1 document of ``view``."""
    return story_json(view.story, view.articles)


def build_sample() -> tuple[list[Article], list[Annotation], StoryView]:
    """(articles, annotations, story with its articles) of the invented story."""
    arts = build_articles()
    actors = build_actors(arts)
    annotations = build_annotations(arts, actors)
    return arts, annotations, StoryView(build_story(arts, annotations), tuple(arts))


def _cites_only(citations, keep: set[str]) -> bool:
    return all(c.article_id in keep for c in citations)


def clean_story() -> tuple[list[Article], list[Annotation], StoryView]:
    """The sample without its hostile article (for screenshots in the docs)."""
    arts, annotations, view = build_sample()
    arts, annotations = arts[:3], annotations[:3]
    keep = {a.id for a in arts}
    story = view.story
    claims = tuple(c for c in story.claims if c.article_id in keep)
    kept_claims = {c.id for c in claims}
    story = replace(
        story, title="Harbor border crisis", article_ids=tuple(a.id for a in arts),
        last_published="2026-03-20",
        actors=tuple(replace(a, article_ids=tuple(i for i in a.article_ids if i in keep))
                     for a in story.actors),
        quotes=tuple(q for q in story.quotes if q.article_id in keep), claims=claims,
        claim_groups=tuple(replace(g, claim_ids=tuple(i for i in g.claim_ids if i in kept_claims))
                           for g in story.claim_groups),
        events=tuple(e for e in story.events if _cites_only(e.citations, keep)),
        timeline=tuple(t for t in story.timeline if _cites_only(t.citations, keep)),
        brief=tuple(b for b in story.brief if _cites_only(b.citations, keep)))
    return arts, annotations, StoryView(story, tuple(arts))


def second_story() -> tuple[list[Article], StoryView]:
    """A second, tiny story (one article) for paging and filter tests."""
    text = "The river ferry resumed service on Sunday after a storm. Officials said 12 boats ran."
    art = _article("river", text, title="Ferry resumes", outlet="Valley Post",
                   published="2026-02-01", published_from=DateSource.METADATA)
    story = Story(stable_id("story", "river"), "River ferry resumes", (art.id,), "2026-02-01",
                  "2026-02-01", brief=(BriefSentence("The ferry resumed.",
                                                     (sentence_citation(art, "ferry"),)),))
    return [art], StoryView(story, (art,))


def fill_store_view(store) -> StoryView:
    """Save the sample story, its articles and annotations, and a second story in ``store``;
    returns the sample story with its articles."""
    arts, annotations, view = build_sample()
    store.upsert_articles(arts)
    for annotation in annotations:
        store.save_annotation(annotation)
    store.save_story(view.story, StoryBuild())
    more, other = second_story()
    store.upsert_articles(more)
    store.save_annotation(Annotation(more[0].id, (("test", "1"),), sentences_of(more[0])))
    store.save_story(other.story, StoryBuild())
    return view


def fill_store(store) -> dict:
    """``fill_store_view``, returning the sample story as story JSON v1."""
    return as_json(fill_store_view(store))


__all__ = ["as_json", "build_sample", "clean_story", "fill_store", "fill_store_view",
           "second_story", "span"]
