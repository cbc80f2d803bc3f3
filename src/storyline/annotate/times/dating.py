"""When did the event of a sentence happen, or when is it expected? One answer per sentence.

A sentence's event is dated by its own time expressions, its tense and the article date:

1. Of the sentence's calendar time expressions (day, month, year, time of day), only those
   that modify a verb or a prepositional phrase count ("called Putin a killer during an
   interview in March"); a date written before a noun describes the noun, not the event
   ("the 2020 US election", "last year's withdrawal", "a December poll"). Of those, the one
   whose verb sits highest in the parse dates the sentence.
2. The kind follows from that date and its verb: a date after the article date, or a future
   verb on the article's own day, is ``expected``; else ``happened``.
3. A sentence with no such date is read from its main verb: future ("will", "is scheduled
   to") is ``expected``, a question, a possibility ("could", "would", "should"), a
   condition ("if ...") or a present-tense state ("is", "seems", "depends on") is
   ``commentary``; everything else (past, present perfect, a present action) ``happened``.
   A reporting verb ("officials said ...") is itself the event.

The times stage's values are reused (they are already resolved against the article date
and the tense of their verb); the story's timeline reads the result.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from ...records import Sentence, SentenceDate, TimeExpression
from ..parse import char_span, children_of, subtree_of
from .lexicon import (
    CALENDAR_GRANULARITIES,
    CONDITION_MARKS,
    FUTURE_MODALS,
    NOUN_MODIFIER_DEPS,
    POSSIBILITY_MODALS,
    REPORTING_VERBS,
    SCHEDULING_VERBS,
    STATIVE_VERBS,
)
from .tense import finite_verb, governing_verb, verb_tense

_VERBAL = ("VERB", "AUX")


def find_sentence_dates(doc, sentences: Sequence[Sentence], times: Sequence[TimeExpression],
                        reference: str | None) -> tuple[SentenceDate, ...]:
    """One :class:`SentenceDate` per sentence of the article (``doc`` is its parse)."""
    calendar = sorted((t for t in times if t.value and t.granularity in CALENDAR_GRANULARITIES),
                      key=lambda t: t.start)
    starts = [t.start for t in calendar]
    out = []
    for sentence in sentences:
        # an expression inside the sentence starts in it (a span ends after it starts)
        lo = bisect.bisect_left(starts, sentence.start)
        hi = bisect.bisect_right(starts, sentence.end)
        inside = [t for t in calendar[lo:hi] if t.end <= sentence.end]
        out.append(date_sentence(doc, sentence, inside, reference))
    return tuple(out)


def date_sentence(doc, sentence: Sentence, times: Sequence[TimeExpression],
                  reference: str | None) -> SentenceDate:
    span = char_span(doc, sentence.start, sentence.end)
    main = _main_verb(span) if span is not None and len(span) else None
    anchored = _anchor(doc, times)
    if anchored is not None:
        expression, verb = anchored
        value, granularity = _calendar(expression)
        kind = _dated_kind(value, verb, reference)
        return SentenceDate(sentence.article_id, sentence.start, sentence.end, kind, value,
                            granularity, _predicate(main))
    kind = _undated_kind(sentence.text, main)
    return SentenceDate(sentence.article_id, sentence.start, sentence.end, kind, None, "",
                        _predicate(main))


def _predicate(main) -> str:
    """The lemma of the verb that carries the sentence's claim: the reported clause's verb
    for a reporting verb ("officials said Russia amassed troops": amass)."""
    if main is None:
        return ""
    content = _content(main)
    return (content or main).lemma_.lower()


def _content(main):
    if main.lemma_.lower() not in REPORTING_VERBS:
        return None
    return next((c for c in children_of(main) if c.dep_ in ("ccomp", "parataxis")
                 and c.pos_ in _VERBAL), None)


def _calendar(expression: TimeExpression) -> tuple[str, str]:
    value = expression.value or ""
    if expression.granularity in ("day", "time"):
        return value[:10], "day"
    return value, expression.granularity


def _main_verb(span):
    """The root of the sentence when it is a verb, else the first verb under it."""
    root = span.root
    if root.pos_ in _VERBAL:
        return root
    for token in subtree_of(root):
        if token.pos_ in _VERBAL and span.start <= token.i < span.end:
            return token
    return None


def _anchor(doc, times: Sequence[TimeExpression]):
    """(expression, verb) of the time expression that dates the event, or None."""
    best = None
    for expression in times:
        span = char_span(doc, expression.start, expression.end)
        if span is None or len(span) == 0:
            continue
        token = span.root
        if token.dep_ in NOUN_MODIFIER_DEPS and token.head.pos_ in ("NOUN", "PROPN"):
            continue  # "the 2020 election", "last year's withdrawal"
        verb = governing_verb(token)
        if verb is None:
            continue
        depth = _depth(verb)
        if best is None or depth < best[0]:
            best = (depth, expression, verb)
    return None if best is None else (best[1], best[2])


def _depth(token) -> int:
    """How many heads lie between ``token`` and its sentence's root (spaCy makes a new
    token object on every access, so the root is found by index, never by identity)."""
    depth = 0
    while token.head.i != token.i and depth < 50:
        token = token.head
        depth += 1
    return depth


def _after(value: str, reference: str | None) -> int:
    """1 when ``value`` lies after the reference at its own granularity, -1 before, 0 same."""
    if not reference:
        return 0
    ref = reference[:len(value)]
    return (value > ref) - (value < ref)


def _dated_kind(value: str, verb, reference: str | None) -> str:
    order = _after(value, reference)
    if order > 0:
        return "expected"
    if order < 0:
        return "happened"
    return "expected" if _future(verb) else "happened"


def _modal(verb) -> str:
    """The modal auxiliary of the verb's clause ("will", "could"), or ""."""
    finite = finite_verb(verb)
    for child in children_of(finite):
        if child.dep_ == "aux" and (child.tag_ == "MD" or child.lower_ == "going"):
            return child.lower_
    return ""


def _scheduled(verb) -> bool:
    """"is scheduled to hold", "is expected to tell", "plans to visit": a plan."""
    node = verb
    for _ in range(3):
        if node.lemma_.lower() in SCHEDULING_VERBS and (
                node.tag_ == "VBN" or any(c.dep_ == "xcomp" for c in children_of(node))):
            return True
        if node.dep_ != "xcomp" or node.head is node:
            return False
        node = node.head
    return False


def _negated(verb) -> bool:
    return any(child.dep_ == "neg" for child in children_of(finite_verb(verb))) or any(
        child.dep_ == "neg" for child in children_of(verb))


def _future(verb) -> bool:
    modal = _modal(verb)
    if modal in POSSIBILITY_MODALS:
        return False
    return modal in FUTURE_MODALS or _scheduled(verb) or verb_tense(verb) == "future"


def _undated_kind(text: str, main) -> str:
    if text.rstrip("\"'”’ )").endswith("?"):
        return "commentary"
    if main is None:
        return "happened"
    if main.lemma_.lower() in REPORTING_VERBS:
        content = _content(main)
        return _clause_kind(content, text) if content is not None else "happened"
    return _clause_kind(main, text)


def _clause_kind(verb, text: str) -> str:
    """The kind of an undated clause, from its modal, tense and verb."""
    if _conditional(verb):
        return "commentary"
    modal = _modal(verb)
    if modal in POSSIBILITY_MODALS:
        return "commentary"
    if modal in FUTURE_MODALS or _scheduled(verb):
        return "commentary" if _negated(verb) else "expected"
    finite = finite_verb(verb)
    tags = {finite.tag_} | {c.tag_ for c in children_of(finite) if c.dep_ in ("aux", "auxpass")}
    if tags & {"VBD"} or "VBN" in tags and any(c.lemma_ == "have" for c in children_of(finite)):
        return "happened"
    if (verb.lemma_.lower() in STATIVE_VERBS and finite.tag_ in ("VBZ", "VBP")
            and not _has_figure(verb)):
        return "commentary"
    return "happened"


def _has_figure(verb) -> bool:
    """Whether the clause states a figure ("there are 70,000 troops"): a measured state."""
    return any(t.like_num and t.ent_type_ not in ("DATE", "TIME") for t in subtree_of(verb))


def _conditional(verb) -> bool:
    """Whether the main clause hangs on an "if"/"unless" clause."""
    return any(child.dep_ == "advcl" and any(mark.dep_ == "mark" and mark.lower_ in
                                             CONDITION_MARKS for mark in children_of(child))
               for child in children_of(verb))
