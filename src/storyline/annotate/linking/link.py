"""Quote speakers and claimants linked to the actors of their article.

A quote's speaker is the actor of the mention at the head of its speaker words: the
longest mention inside the speaker span that holds the span's syntactic head ("The
Clinton campaign", "Trump and Clinton"), else a group of coordinated names around the whole
span ("candidates Hillary Clinton and Donald Trump"), else the mention holding the head ("Putin's
adviser Yuri Ushakov": Ushakov, not Putin; "Democratic pollster Pat Caddell": Caddell),
else, for a head no actor stands for, its author: the possessor ("according to her
account") or the subject of a relative clause on it ("a speech Mrs. Clinton delivered"),
else, without a parse, the last personal name in the span. The actors stage has already resolved pronouns,
descriptions, unnamed sources and groups, so the link's ``method`` says what the speaker
words were: ``name``, ``pronoun``, ``description``, ``anonymous`` or ``group``.

A claim's claimant is, in order: the actor a quote with the same speaker words was linked
to, an actor whose name or alias is those words (without a leading "the"), or the actor a
person's surname alone names when only one person of the article has it.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence

from ...records import Actor, ActorLink, Claim, Mention, Quote
from ..actors.descriptions import author_tokens
from ..actors.lexicon import RELATIVE_SUBJECTS
from ..mentions.lexicon import (
    DISTRIBUTIVES,
    DOCUMENT_NOUNS,
    PERSON_NOUNS,
    RELATIVE_PRONOUNS,
    ROLE_NOUNS,
    SPEECH_NOUNS,
)
from ..parse import char_span
from ..quotes.lexicon import REPORTING_LEMMAS

#: The link method for each mention label; named-entity labels give ``name``.
METHODS = {"PRON": "pronoun", "NOM": "description", "ANON": "anonymous", "GROUP": "group"}


def _head_token(doc, start: int, end: int):
    if doc is None:
        return None
    span = char_span(doc, start, end)
    return span.root if span is not None and len(span) else None


def _holding(mentions: Sequence[Mention], token) -> Mention | None:
    """The shortest mention with an actor that holds ``token``."""
    found = [m for m in mentions if m.actor_id and m.start <= token.idx < m.end]
    return min(found, key=lambda m: m.end - m.start) if found else None


def _author_mention(head, mentions: Sequence[Mention]) -> Mention | None:
    """Whose words a head noun no actor stands for are: its possessor ("her account",
    "Stumpf's testimony"), the subject of the relative clause on it ("a speech Mrs.
    Clinton delivered", "the reasons that Trump refuses"); for a document or a speech, an
    author its phrase names ("data from the survey", "a document on the campaign's
    website"); for "each" or "both", the subject of the clause it hangs on."""
    if head.lower_ in DISTRIBUTIVES:
        return _distributed(head, mentions)
    lemma = head.lemma_.lower()
    if head.pos_ not in ("NOUN", "PROPN") or lemma in PERSON_NOUNS or lemma in ROLE_NOUNS:
        return None  # "the president's press secretary" is someone else, left to the story
    for child in head.children:
        if child.dep_ == "poss":
            return _holding(mentions, child)
        if child.dep_ == "compound" and child.lemma_.lower() in REPORTING_LEMMAS:
            return _verb_subject(child, mentions)
    for clause in (c for c in head.children if c.dep_ == "relcl"):
        for child in clause.children:
            if child.dep_ in ("nsubj", "nsubjpass") and child.lower_ not in RELATIVE_PRONOUNS \
                    and child.lower_ not in RELATIVE_SUBJECTS:
                return _holding(mentions, child)
    if lemma not in DOCUMENT_NOUNS and lemma not in SPEECH_NOUNS:
        return None
    for token in author_tokens(head):
        found = _holding(mentions, token)
        if found is not None:
            return found
    return None


def _verb_subject(verb, mentions: Sequence[Mention]) -> Mention | None:
    """"Trump demands accountability": the name before a reporting verb the parse took
    for a noun."""
    for child in verb.children:
        if child.dep_ == "compound" and child.i < verb.i:
            found = _holding(mentions, child)
            if found is not None:
                return found
    return None


def _distributed(head, mentions: Sequence[Mention]) -> Mention | None:
    """The group "each" stands for: the subject of the verb its participle hangs on."""
    verb = head.head
    while verb.dep_ in ("advcl", "conj", "xcomp") and verb.head is not verb:
        verb = verb.head
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass") and child is not head:
            groups = [m for m in mentions if m.actor_id and m.label == "GROUP"
                      and m.start <= child.idx < m.end]
            if groups:
                return max(groups, key=lambda m: m.end - m.start)
            return _holding(mentions, child) if child.tag_ in ("NNS", "NNPS") else None
    return None


def speaker_mention(quote: Quote, mentions: Sequence[Mention], doc=None,
                    near: Callable[[int, int], list[Mention]] | None = None) -> Mention | None:
    """The mention that names a quote's speaker (see the module docstring); ``near`` gives
    the mentions with an actor that overlap a range, when the caller has them indexed."""
    if quote.speaker_start is None or quote.speaker_end is None:
        return None
    lo, hi = quote.speaker_start, quote.speaker_end
    inside = near(lo, hi) if near is not None else [
        m for m in mentions if m.actor_id and m.start < hi and lo < m.end]
    token = _head_token(doc, lo, hi)
    if not inside:
        return _author_mention(token, mentions) if token is not None else None
    head = token.idx if token is not None else None
    if head is not None:
        holding = [m for m in inside if m.start <= head < m.end]
        within = [m for m in holding if lo <= m.start and m.end <= hi]
        if within:
            return max(within, key=lambda m: (m.end - m.start, -m.start))
        together = [m for m in holding if m.label == "GROUP" and m.start <= lo and hi <= m.end]
        if together:  # "Presidential candidates Hillary Clinton and Donald Trump"
            return min(together, key=lambda m: m.end - m.start)
        if holding:
            return min(holding, key=lambda m: m.end - m.start)
        # the head is a word no actor stands for: its author, else none ("these issues")
        return _author_mention(token, mentions)
    people = [m for m in inside if m.label == "PERSON"]
    return max(people or inside, key=lambda m: (m.end, m.start - m.end))


def actor_names(actors: Sequence[Actor]) -> dict[str, str]:
    """Lower-cased names and aliases -> actor id; a person's surname too when unique."""
    names: dict[str, str] = {}
    surnames: dict[str, set[str]] = {}
    for actor in actors:
        if actor.kind == "anonymous":
            continue
        for name in (actor.name, *actor.aliases):
            names.setdefault(name.lower(), actor.id)
        if actor.kind == "person" and " " in actor.name:
            surnames.setdefault(actor.name.split()[-1].lower(), set()).add(actor.id)
    for surname, ids in surnames.items():
        if len(ids) == 1:
            names.setdefault(surname, next(iter(ids)))
    return names


def _claimant(text: str, by_speaker: dict[str, str], by_name: dict[str, str]
              ) -> tuple[str | None, str]:
    if text in by_speaker:
        return by_speaker[text], "quote"
    key = text.lower().removeprefix("the ")
    if not key:
        return None, ""
    found = by_name.get(key) or by_name.get(key.split()[-1])
    return found, "name" if found else ""


def _overlapping(mentions: Sequence[Mention]
                 ) -> Callable[[int | None, int | None], list[Mention]]:
    """The mentions with an actor that overlap ``lo..hi``, in their order (all of them when
    there is no range): :func:`speaker_mention` reads no others, and an article with many
    quotes and mentions need not test every pair."""
    kept = [m for m in mentions if m.actor_id]
    order = sorted(range(len(kept)), key=lambda i: kept[i].start)
    starts = [kept[i].start for i in order]
    longest = max((m.end - m.start for m in kept), default=0)

    def near(lo: int | None, hi: int | None) -> list[Mention]:
        if lo is None or hi is None:
            return kept
        first = bisect.bisect_left(starts, lo - longest)
        stop = bisect.bisect_left(starts, hi)  # every later one starts at hi or after
        found = sorted(i for i in order[first:stop] if lo < kept[i].end)
        return [kept[i] for i in found]

    return near


def link_items(quotes: Sequence[Quote], claims: Sequence[Claim], mentions: Sequence[Mention],
               actors: Sequence[Actor], doc=None) -> tuple[ActorLink, ...]:
    """One link per quote (its speaker) and per claim with claimant words (its claimant)."""
    links: list[ActorLink] = []
    by_speaker: dict[str, str] = {}
    near = _overlapping(mentions)
    for quote in quotes:
        mention = speaker_mention(quote, mentions, doc, near)
        actor = mention.actor_id if mention is not None else None
        method = METHODS.get(mention.label, "name") if mention is not None else ""
        links.append(ActorLink(quote.id, "speaker", actor, method))
        if actor and quote.speaker_text:
            by_speaker[quote.speaker_text] = actor
    by_name = actor_names(actors)
    for claim in claims:
        if claim.claimed_by_text:
            actor, method = _claimant(claim.claimed_by_text, by_speaker, by_name)
            links.append(ActorLink(claim.id, "claimant", actor, method))
    return tuple(links)
