"""Coded events: who did what to whom, with PLOVER verbs, from a lexicon plus the parse.

Per sentence, a trigger (a verb lemma, or an event noun: "talks", "sanctions", "buildup") is
looked up in the lexicon, ambiguous words through their senses (annotate.events.senses); the
dependency parse gives the source (subject, agent, possessor, "by X", "between X and ...",
the holder of a noun a participle hangs off) and the target (object, "with X", the subject
of an "if" clause for threats) among the ``Mention`` records passed in: named entities, and
pronouns, descriptions and groups the actors stage resolved to an actor. Every event cites
its sentence. The word tables live in annotate.events.lexicon.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ...records import Citation, Event, Mention, SentenceDate, TimeExpression, stable_id
from ..parse import children_of, doc_sentences, doc_text, doc_tokens, subtree_of, token_column
from .lexicon import (
    ADJECTIVES,
    FLIP_ON_NEGATION,
    NEEDS_COMPLEMENT,
    NOT_MET,
    NOUNS,
    OBJECT_VERBS,
    PARTICLE_VERBS,
    PENALTIES,
    REPORTING,
    THREAT_TYPES,
    VERBS,
)
from .modality import (
    _clause_chain,
    _future_with_condition,
    _modality,
    _reported,
    _subjects,
)
from .roles import (
    _actors,
    _mention_index,
    _objects,
    _phrase_mention,
    _resolve_pronoun,
)
from .senses import (
    CODED_VERBS,
    LICENSED_NOUNS,
    adjective_sense,
    licensed_noun,
    person_actors,
    retype,
    verb_lemma,
    verb_sense,
)


@dataclass(frozen=True, slots=True)
class EventFinding:
    """An event together with the mentions and trigger it was read from."""

    event: Event
    source: Mention | None
    target: Mention | None
    trigger: str
    trigger_start: int


def find_events(doc, article_id: str, mentions: Sequence[Mention], *,
                times: Sequence[TimeExpression] = (), reference: str | None = None,
                sentence_dates: Sequence[SentenceDate] = ()) -> tuple[Event, ...]:
    """PLOVER-coded events of a parsed article (``doc`` is the spaCy Doc of its text)."""
    return tuple(f.event for f in find_event_findings(
        doc, article_id, mentions, times=times, reference=reference,
        sentence_dates=sentence_dates))


def find_event_findings(doc, article_id: str, mentions: Sequence[Mention], *,
                        times: Sequence[TimeExpression] = (), reference: str | None = None,
                        sentence_dates: Sequence[SentenceDate] = ()
                        ) -> tuple[EventFinding, ...]:
    """Like :func:`find_events`, keeping the source/target mentions and the trigger."""
    index = _mention_index(doc, mentions)
    persons = person_actors(mentions)
    found: list[EventFinding] = []
    text = doc_text(doc)  # once: building Doc.text walks every token
    tokens, poss, tags = doc_tokens(doc), token_column(doc, "pos_"), token_column(doc, "tag_")
    lows = token_column(doc, "lower_")
    dated_at = _date_lookup(sentence_dates)
    for sent in doc_sentences(doc):
        date = (dated_at(sent.start_char, sent.end_char)
                if sentence_dates else _sentence_date(sent.start_char, sent.end_char, times)
                ) or reference
        raw = []
        for i in range(sent.start, sent.end):
            pos = poss[i]
            if pos not in _VERB_POS and not tags[i].startswith("VB") and (
                    pos not in _TRIGGER_POS or lows[i] not in _WORD_TRIGGERS):
                continue  # no trigger (see _code)
            token = tokens[i]
            kind = _code(token)
            source, target = _actors(token, kind, index) if kind else (None, None)
            if source is not None or target is not None:  # an event needs an actor
                kind = retype(kind, token, source, target, persons)
                kind, modality = _adjust(kind, token)
                if modality == "reported" and _self_report(token, source, index):
                    modality = "asserted"  # "she says she opposes the deal"
                raw.append((token, (kind, modality), source, target))
        found.extend(_sentence_events(article_id, text, sent, raw, date))
    return tuple(found)


#: The parts of speech a trigger has (with any ``VB*`` tag).
_TRIGGER_POS = frozenset({"VERB", "AUX", "ADJ", "NOUN", "PROPN"})
#: The parts of speech :func:`_code` reads as a verb (as any ``VB*`` tag).
_VERB_POS = frozenset({"VERB", "AUX"})
#: Every word (lower case) :func:`_code` can give a type to as an adjective or a noun: an
#: adjective or noun outside it is no trigger.
_WORD_TRIGGERS = frozenset(ADJECTIVES.entries) | frozenset(NOUNS.entries) | LICENSED_NOUNS


def _code(token) -> str | None:
    """The PLOVER type of a trigger token, or None."""
    if token.pos_ in ("VERB", "AUX") or token.tag_.startswith("VB"):
        return _code_verb(token)
    if token.pos_ == "ADJ":
        return adjective_sense(token)
    if token.pos_ not in ("NOUN", "PROPN"):
        return None
    if token.lower_ in NOUNS:
        return _code_noun(token)
    return licensed_noun(token)


def _code_verb(token) -> str | None:
    lemma = verb_lemma(token)
    if lemma not in CODED_VERBS:
        return None
    if lemma == "call" and _names_someone(token):
        return "ACCUSE"  # "called him a liar", "was called a charlatan for ..."
    for child in children_of(token):
        if (child.dep_ in ("prt", "prep") and child.i > token.i
                and (lemma, child.lower_) in PARTICLE_VERBS and _particle_object_ok(child, lemma)):
            return PARTICLE_VERBS[(lemma, child.lower_)]
    if lemma in NEEDS_COMPLEMENT and not any(c.dep_ == "xcomp" or (
            c.dep_ == "prep" and c.lower_ == "for") for c in children_of(token)):
        return None  # "asked how the war would end", "encouraging the attacks"
    if lemma == "agree" and any(c.dep_ == "prep" and c.lower_ == "with"
                                for c in children_of(token)):
        return None  # "agreed with her": an opinion, not an agreement
    if any(c.dep_ == "prt" and c.lower_ in ("up", "off") for c in children_of(token)) and (
            lemma in ("sign", "fire", "back", "help")):
        return None  # "sign up voters", "fired off tweets"
    if lemma == "call" and _names_someone(token):
        return "ACCUSE"  # "called him a liar"
    if lemma == "warn" and any(c.dep_ == "xcomp" for c in children_of(token)):
        return "REQUEST"  # "warned officials to boost their security"
    if lemma == "meet" and any(c.dep_ == "dobj" and c.lower_ in NOT_MET
                               for c in children_of(token)):
        return None  # "meets the criteria"
    decided, kind = verb_sense(token, lemma)
    if decided:
        return kind
    if lemma in OBJECT_VERBS:
        kind, heads = OBJECT_VERBS[lemma]
        if any(t.lower_ in heads for t in _objects(token) + _subjects(token)):
            if kind == "SANCTION" and not any(t.lower_.startswith("sanction")
                                              for t in _objects(token)) and not _done(token):
                return "THREATEN"
            return kind
        return None
    return VERBS.get(lemma)


def _done(verb) -> bool:
    """A past action, not a prospect: "a penalty imposed by", "imposed fines"."""
    return verb.tag_ in ("VBD", "VBN") and not any(
        c.dep_ == "aux" and c.lower_ in ("will", "would", "could", "might", "may")
        for c in children_of(verb))


def _names_someone(verb) -> bool:
    """"called him a liar": a person object and a noun said of it."""
    objects = [c for c in children_of(verb) if c.dep_ in ("dobj", "nsubjpass")
               and c.tag_ not in ("WP", "WDT")]
    if sum(c.dep_ == "oprd" for c in children_of(verb)) >= 2:
        return True  # "called Trump a 'pathological liar'", parsed as two predicates
    return bool(objects) and any(c.dep_ in ("oprd", "xcomp", "attr") and c.pos_ in (
        "NOUN", "ADJ", "PROPN") for c in children_of(verb))


def _particle_object_ok(prep, lemma: str) -> bool:
    """A prepositional particle counts unless its object is a date ("calling ... on Monday")."""
    if any(o.dep_ == "pobj" and o.ent_type_ in ("DATE", "TIME") for o in children_of(prep)):
        return False
    return lemma != "respond" or any(g.lower_ in PENALTIES for g in subtree_of(prep))


def _code_noun(token) -> str | None:
    """Event nouns count unless a lexicon verb already governs them."""
    head = token.head
    if (token.dep_ in ("dobj", "nsubjpass", "attr") and head.pos_ in ("VERB", "AUX")
            and _code_verb(head) is not None):
        return None
    if token.dep_ == "pobj" and head.head.pos_ == "VERB" and _code_verb(head.head):
        return None
    if token.lower_ == "call" and not any(  # "call" is an event only as "a (video) call with"
            (c.dep_ == "prep" and c.lower_ in ("with", "between"))
            or c.lower_ in ("video", "phone") for c in children_of(token)):
        return None
    return NOUNS[token.lower_]


def _adjust(kind: str, token) -> tuple[str, str]:
    """(final type, modality) after negation flips and threat readings."""
    modality = _modality(token, _code_verb(token) is not None)
    if modality == "negated" and kind in FLIP_ON_NEGATION and token.pos_ == "VERB":
        conditioned = _future_with_condition(token) is not None
        return FLIP_ON_NEGATION[kind], "conditional" if conditioned else "asserted"
    if kind == "REQUEST" and token.lemma_.lower() == "warn":
        return kind, "reported" if _reported(token) else "asserted"
    if kind in THREAT_TYPES and modality == "threatened":
        return "THREATEN", "threatened"
    if modality == "threatened" and kind != "THREATEN":
        return kind, "conditional"  # "he would be accused ... if"
    if kind == "THREATEN" and modality == "asserted":
        return kind, "threatened"
    return kind, modality





def _self_report(token, source, index) -> bool:
    """Whether the speaker who reports the action is its source ("Clinton says she
    opposes the deal"): saying so is the act itself."""
    if source is None:
        return False
    for node in _clause_chain(token, stop_at_clause=False, limit=4):
        head = node.head
        if node.dep_ in ("ccomp", "xcomp") and head.lemma_.lower() in REPORTING:
            speakers = [_phrase_mention(s, index) or _resolve_pronoun(s, index)
                        for s in _subjects(head)]
            return any(m is not None and m.actor_id == source.actor_id and (
                m.actor_id is not None or m == source) for m in speakers)
    return False









def _date_lookup(dates: Sequence[SentenceDate]) -> Callable[[int, int], str | None]:
    """:func:`_event_date` over ``dates``, by bisection when they run in text order (the
    dating stage gives one per sentence, in order), so a long article is not quadratic."""
    kept = [dated for dated in dates if dated.date]
    starts, ends = [d.start for d in kept], [d.end for d in kept]
    if starts != sorted(starts) or ends != sorted(ends):
        return lambda start, end: _event_date(start, end, dates)

    def lookup(start: int, end: int) -> str | None:
        # the first with end > start; the ones after it start no earlier
        first = bisect.bisect_right(ends, start)
        return kept[first].date if first < len(kept) and kept[first].start < end else None

    return lookup


def _event_date(start: int, end: int, dates: Sequence[SentenceDate]) -> str | None:
    """The date the dating stage gave the event of the sentence at ``start..end``."""
    for dated in dates:
        if dated.start < end and start < dated.end and dated.date:
            return dated.date
    return None


def _sentence_date(start: int, end: int, times: Sequence[TimeExpression]) -> str | None:
    for time in sorted(times, key=lambda t: t.start):
        inside = start <= time.start and time.end <= end
        if inside and time.value and time.granularity in ("day", "month", "year"):
            return time.value
    return None


def _sentence_events(article_id: str, text: str, sent, raw, date) -> list[EventFinding]:
    """Event records for one sentence; the citation is the sentence without outer spaces."""
    whole = text[sent.start_char:sent.end_char]
    start = sent.start_char + len(whole) - len(whole.lstrip())
    body = whole.strip()
    end = start + len(body)
    out: list[EventFinding] = []
    seen: set[tuple] = set()
    used_ids: set[str] = set()
    for token, (kind, modality), source, target in raw:
        key = (kind, source, target, modality)
        if key in seen:
            continue
        seen.add(key)
        event_id = stable_id(article_id, start, end, kind, "event")
        if event_id in used_ids:  # a second event of the same type in the sentence
            event_id = stable_id(article_id, start, end, kind, "event", token.idx)
        used_ids.add(event_id)
        event = Event(id=event_id, type=kind, text=body,
                      source_actor_id=source.actor_id if source else None,
                      target_actor_id=target.actor_id if target else None,
                      date=date, modality=modality,
                      citations=(Citation(article_id, start, end),))
        out.append(EventFinding(event, source, target, token.text, token.idx))
    return out

