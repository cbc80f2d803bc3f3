"""How a claimed figure is meant (its modality) and whose quantity it is (its owner).

Modality: ``hypothetical`` under an "if" clause, ``target`` under a goal, pledge or demand
("the goal was to have 400 stations", "called for 30 gigawatts"), ``projection`` under a
modal or an expectation ("could be involved", "expected to reach"), ``estimate`` when
hedged ("about", "an estimated", a vague range), ``reported`` otherwise.
"""

from __future__ import annotations

from ...records import Quantity
from ..parse import char_span, children_of, span_tokens
from .lexicon import (
    ESTIMATE_WORDS,
    HYPOTHETICAL_WORDS,
    MODALS,
    PROJECTION_AFTER,
    PROJECTION_VERBS,
    SAY_LEMMAS,
    TARGET_WORDS,
)

OWNER_ENTITIES = frozenset({"GPE", "NORP"})


def _verbs_above(last, sent, limit: int = 4) -> list:
    found = []
    for ancestor in last.ancestors:
        if ancestor.i < sent.start or ancestor.i >= sent.end:
            break
        if ancestor.pos_ in {"VERB", "AUX"}:
            found.append(ancestor)
            if len(found) >= limit:
                break
    return found


def _hypothetical(verbs, sent) -> bool:
    """'would' on the figure's verb and an 'if' clause in the sentence ('could ... if' is a
    possible future: a projection)."""
    if not any(c.lower_ == "would" for v in verbs for c in children_of(v)):
        return False
    return any(t.lower_ in HYPOTHETICAL_WORDS and t.dep_ == "mark" for t in sent)


def _target(last, verbs) -> bool:
    chain = [*last.ancestors][:6]
    for token in chain:
        if token.lemma_.lower() in TARGET_WORDS or token.lower_ in TARGET_WORDS:
            return True
    return any(c.lower_ in TARGET_WORDS and c.dep_ in {"nsubj", "attr"} for v in verbs
               for c in children_of(v))


def _projection(verbs, after: str, first) -> bool:
    doc = first.doc
    if any(t.lemma_ in PROJECTION_VERBS for t in doc[max(0, first.i - 2):first.i]):
        return True  # "the US predicts thousands of civilian casualties"
    for verb in verbs:
        if any(c.dep_ in {"aux", "auxpass"} and c.lower_ in MODALS for c in children_of(verb)):
            return True
        if verb.lemma_ in PROJECTION_VERBS:
            return True
    return PROJECTION_AFTER.search(after) is not None


def modality(quantity: Quantity, last, sent, text: str) -> str:
    """reported | estimate | projection | target | hypothetical."""
    verbs = _verbs_above(last, sent)
    if _hypothetical(verbs, sent):
        return "hypothetical"
    if _target(last, verbs):
        return "target"
    first = char_span(last.doc, quantity.start, quantity.end)
    if _projection(verbs, text[quantity.end:quantity.end + 60], first[0] if first else last):
        return "projection"
    before = text[max(0, quantity.start - 20):quantity.start].lower().split()
    if quantity.change == "~" or quantity.vague or any(w in ESTIMATE_WORDS for w in before[-2:]):
        return "estimate"
    return "reported"


def owner(noun_tokens, last, sent, verbs_too: bool = True) -> str | None:
    """Whose quantity: a nationality or place modifying the counted noun ("Russian
    troops"), else the named subject of a verb above the figure ("Russia has amassed")."""
    for token in noun_tokens:
        if token.ent_type_ in {"NORP", "GPE"} or (
                token.pos_ == "PROPN" and token.dep_ == "compound" and token.ent_type_ != "PERSON"):
            return token.text
    for verb in _verbs_above(last, sent) if verbs_too else ():
        if verb.lemma_ in SAY_LEMMAS:
            continue  # who says a figure is its source, not its owner
        for child in children_of(verb):
            if child.dep_ in {"nsubj", "nsubjpass"} and child.ent_type_ in OWNER_ENTITIES \
                    and child.i not in {t.i for t in noun_tokens}:
                return child.text
    return None


def _verb_phrase(verb) -> str:
    """'backed the idea', 'opposed going to war': a verb and the start of its object."""
    objects = [c for c in children_of(verb)
               if c.dep_ in {"dobj", "xcomp", "ccomp", "attr", "acomp"}]
    if not objects:
        return verb.text
    stop = min(objects[0].right_edge.i + 1, verb.i + 5)
    return verb.doc[verb.i:stop].text


def stance(tokens, sent, share_nouns) -> str | None:
    """What a share's population does or says: the relative clause on the figure ("27% who
    backed the idea"), else the verb of a "majority of people ..." clause the figure stands
    beside ("a majority of people opposed going to war, 58%"), else the figure's own verb."""
    anchor = tokens[-1]
    for token in tokens:
        for child in children_of(token):
            if child.dep_ == "relcl" and child.pos_ in {"VERB", "AUX"}:
                return _verb_phrase(child)
    own = [v for v in _verbs_above(anchor, sent, limit=1)
           if v.lemma_ not in {"find", "show", "compare"}]
    if anchor.dep_ in {"npadvmod", "appos", "pobj"} or not own:
        for token in span_tokens(sent):
            if token.lemma_ in share_nouns and token.head.pos_ in {"VERB", "AUX"}:
                return _verb_phrase(token.head)
    return _verb_phrase(own[0]) if own else None
