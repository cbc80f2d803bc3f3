"""Synthetic articles with annotations as full as real ones: invented words, no article text
copied.

``rich_article(index, story, day, rng)`` makes one article of ``SENTENCES`` sentences and an
annotation with about as many records of each kind as an annotated Timeline17 article has
(per article, measured on 198 of them: 42 sentences and sentence dates, 84 mentions of which
about half name an actor, 15 time expressions, 17 quotes, 20 actor links, 30 actors, 13
quantities, 7 claims, 4 events). Every offset points into the text. The story stage runs on
them as on real annotations, so what a story build holds can be measured at any size. Most
of an article's actors are its own (a real story's cast recurs more): merging actors compares
the spellings of one name pairwise, and a cast in every article would make the benchmark's
CPU time grow with the square of the story.
"""

from __future__ import annotations

import random
from datetime import timedelta

from synthetic import START, word  # invented words and the first day, as the plain archive

from storyline.records import (
    Actor,
    ActorLink,
    Annotation,
    Article,
    Citation,
    Claim,
    DateSource,
    Event,
    Mention,
    Quantity,
    Quote,
    Sentence,
    SentenceDate,
    TimeExpression,
    stable_id,
)
from storyline.story.profiles import ArticleProfile

SENTENCES = 42
WORDS = 24  # invented words per sentence, besides names and figures
ACTORS = 30  # per article: a few of the story's cast, the others its own
FROM_CAST = 3  # of an article's actors, those of the story's cast
CAST = 80  # a story's recurring actors
EVENT_TYPES = ("MEET", "REQUEST", "THREATEN", "AGREE", "ASSAULT", "AID")
LABELS = ("PERSON", "ORG", "GPE")


def cast(story: int) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A story's topic words and actor names (fixed by its number)."""
    rng = random.Random(story)
    return (tuple(word(rng) for _ in range(60)),
            tuple(word(rng, 2).title() + " " + word(rng).title() for _ in range(CAST)))


Span = tuple[int, int]


def _sentence(rng: random.Random, topic: tuple[str, ...], names: list[str], day: str,
              figure: int) -> tuple[str, list[tuple[int, int, str]], Span, Span]:
    """One sentence: a name, invented words, a second name, a figure and a date; with the
    spans of the names, of the figure and of the date."""
    words = [rng.choice(topic) for _ in range(WORDS)]
    first, second = names
    head = f"{first} said the {' '.join(words[:WORDS // 2])} of "
    middle = f"{second} reached {figure:,} {words[-1]}s on "
    text = head + middle + day + " and " + " ".join(words[WORDS // 2:-1]) + "."
    spans = [(0, len(first), first), (len(head), len(head) + len(second), second)]
    at = len(head) + len(second) + len(" reached ")
    fig = (at, at + len(f"{figure:,}"))
    at = len(head) + len(middle)
    return text, spans, fig, (at, at + len(day))


def rich_article(index: int, story: int, day: int, rng: random.Random
                 ) -> tuple[Article, Annotation, ArticleProfile]:
    topic, names = cast(story)
    aid = stable_id("rich", str(index))
    published = (START + timedelta(days=day)).isoformat()
    chosen = rng.sample(names, FROM_CAST) + [
        word(rng).title() + " " + word(rng).title() for _ in range(ACTORS - FROM_CAST)]
    texts, sentences, mentions, times, dates, spans = [], [], [], [], [], []
    at = 0
    for i in range(SENTENCES):
        when = (START + timedelta(days=max(0, day - rng.randrange(30)))).isoformat()
        pair = [chosen[i % ACTORS], chosen[(i * 7 + 3) % ACTORS]]
        text, found, fig, span = _sentence(rng, topic, pair, when, rng.randrange(10, 90000))
        start = at
        texts.append(text)
        sentences.append(Sentence(aid, i, start, start + len(text), text))
        for n, (a, b, name) in enumerate(found):
            actor = stable_id(aid, name)
            mentions.append(Mention(aid, start + a, start + b, name, LABELS[n % 3],
                                    actor if i % 2 == 0 else None))
        if i % 3 == 0:
            times.append(TimeExpression(aid, start + span[0], start + span[1], when, when, "day"))
        kind = ("happened", "expected", "commentary")[i % 3]
        dates.append(SentenceDate(aid, start, start + len(text), kind,
                                  when if i % 3 == 0 else None, "day" if i % 3 == 0 else "",
                                  rng.choice(topic)))
        spans.append((start, fig))
        at += len(text) + 1
    text = " ".join(texts)
    article = Article(id=aid, source=f"rich/{index}", text=text,
                      title=f"{topic[0]} {topic[1]} {index}", outlet=f"Outlet {index % 7}",
                      published=published, published_from=DateSource.METADATA,
                      content_hash=stable_id("text", text), language="en")
    actors, quotes, quantities, claims, links, events = _items(
        aid, index, published, text, topic, chosen, sentences, dates, spans)
    annotation = Annotation(aid, (("rich", "1"),), sentences=tuple(sentences),
                            mentions=tuple(mentions), times=tuple(times),
                            quotes=quotes, claims=claims, actors=actors, events=events,
                            links=links, quantities=quantities, sentence_dates=tuple(dates))
    profile = ArticleProfile(aid, published, {w: 1.0 for w in topic[:20]},
                             frozenset(n.lower() for n in chosen), article.title or "")
    return article, annotation, profile


def _items(aid: str, index: int, published: str, text: str, topic: tuple[str, ...],
           chosen: list[str], sentences: list[Sentence], dates: list[SentenceDate],
           spans: list[tuple[int, Span]]) -> tuple:
    """An article's actors, quotes, quantities, claims, actor links and events."""
    actors = tuple(Actor(stable_id(aid, name), name, "person", aliases=(name.split()[-1],),
                         roles=(topic[c % 60].title(),), mention_count=2, article_ids=(aid,))
                   for c, name in enumerate(chosen))
    quotes = tuple(Quote(stable_id(aid, "q", str(i)), aid, s.start, s.end, s.text, True, "said",
                         chosen[i % ACTORS], s.start, s.start + len(chosen[i % ACTORS]))
                   for i, s in enumerate(sentences[:17]))
    quantities = tuple(Quantity(stable_id(aid, "n", str(i)), aid, s + a, s + b, text[s + a:s + b],
                                float(text[s + a:s + b].replace(",", "")), unit=f"{topic[i]}",
                                dimension="count", noun=topic[i], concept=topic[i])
                       for i, (s, (a, b)) in enumerate(spans[:13]))
    claims = tuple(Claim(stable_id(aid, "c", str(i)), aid, q.start, q.end, q.text, q.value,
                         unit=q.unit, subject=q.concept, as_of=published, concept=q.concept,
                         quantity_id=q.id) for i, q in enumerate(quantities[:7]))
    links = tuple(ActorLink(q.id, "speaker", stable_id(aid, q.speaker_text or ""), "mention")
                  for q in quotes) + tuple(
        ActorLink(c.id, "claimant", actors[i].id, "name") for i, c in enumerate(claims[:3]))
    events = tuple(Event(stable_id(aid, "e", str(i)), EVENT_TYPES[(index + i) % 6],
                         sentences[i * 5].text, actors[i].id, actors[i + 1].id,
                         dates[i * 5].date,
                         citations=(Citation(aid, sentences[i * 5].start, sentences[i * 5].end),))
                   for i in range(4))
    return actors, quotes, quantities, claims, links, events
