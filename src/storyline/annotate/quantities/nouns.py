"""What a quantity counts and what it measures, read from the spaCy parse.

:func:`counted_noun` finds the noun a bare figure counts ("135 unicorn startups", "one of
the best speakers", "millions of Americans"); :func:`concept` the words naming what a
figure measures: the counted noun with its modifiers and place ("Russian troops near the
border"), the object of "of" ("60% of its revenue"), the noun a measure modifies ("a 6kW
electric motor"), the noun it is the value of ("winds of 155mph") or the subject of the
verb it hangs from ("Nvidia advanced 8%").
"""

from __future__ import annotations

from ..parse import children_of
from .lexicon import PLACE_PREPOSITIONS, TOTAL_NOUNS, VAGUE_MAGNITUDES

NOUNS = frozenset({"NOUN", "PROPN"})
MODIFIERS = frozenset({"compound", "amod", "nmod", "poss"})
_SKIP = frozenset({"DET", "PRON", "PUNCT", "CCONJ", "ADP", "PART", "AUX", "SCONJ", "NUM"})


def of_object(token, depth: int = 0):
    """The noun after "of" hanging from ``token`` ("49% of voters", "tens of thousands of")."""
    for child in children_of(token):
        if child.dep_ == "prep" and child.lower_ == "of":
            for pobj in children_of(child):
                if pobj.dep_ == "pobj":
                    if pobj.lower_ in VAGUE_MAGNITUDES and depth < 3:
                        return of_object(pobj, depth + 1) or pobj
                    if pobj.pos_ == "PRON":
                        return None
                    return pobj
    return None


def _modifiers_only(doc, start: int, stop: int) -> bool:
    """True when the tokens between a number and its noun can all modify that noun."""
    return all(t.tag_ != "POS" and (t.pos_ in {"ADJ", "NOUN", "PROPN", "NUM", "VERB"}
                                    or t.text == "-") for t in doc[start:stop])


def _head_noun(last):
    """The noun the number token modifies, found by climbing the parse."""
    inside, head = last.i, last
    for _ in range(3):
        if head.head.i == head.i:
            return None
        head = head.head
        if head.i > inside and head.pos_ in NOUNS:
            while head.dep_ == "compound" and head.head.pos_ in NOUNS and head.head.i > head.i:
                head = head.head  # "Thirteen Norland soldiers": the count is of soldiers
            return head if _modifiers_only(last.doc, inside + 1, head.i) else None
        if head.i != inside and not head.like_num and head.dep_ not in {"quantmod", "nummod"}:
            return None
    return None


def _next_noun(last, stop: int):
    """The first noun after the number, past adjectives, numbers and names only."""
    for token in last.doc[last.i + 1:min(last.i + 5, stop)]:
        if token.pos_ == "NOUN":
            return token if token.text[:1].islower() else None
        if token.pos_ not in {"ADJ", "PROPN"} and token.text != "-" or token.tag_ == "POS":
            return None
    return None


def _number_of(last):
    """'The number of people evacuated has risen to 3,500': what the number counts."""
    for ancestor in list(last.ancestors)[:3]:
        if ancestor.pos_ in {"VERB", "AUX"}:
            for child in children_of(ancestor):
                if child.dep_ in {"nsubj", "nsubjpass"} and child.lemma_ in TOTAL_NOUNS:
                    return of_object(child)
            return None
    return None


def counted_noun(last, stop: int):
    """The noun the figure ending at token ``last`` counts, or None."""
    found = of_object(last)
    if found is not None:
        return found
    head = _head_noun(last)
    if head is not None and head.lower_ == "worth":
        return of_object(head)
    if head is not None:
        return head
    return _next_noun(last, stop) or _number_of(last)


def noun_phrase(noun, after: int) -> tuple[int, int]:
    """Token range of ``noun`` with the modifiers right before it (past token ``after``)."""
    first = noun.i
    for child in sorted(noun.lefts, key=lambda t: -t.i):
        if child.dep_ in MODIFIERS | {"nummod"} and child.i > after and child.i == first - 1 \
                and child.pos_ not in {"NUM", "DET"}:
            first = child.left_edge.i if child.left_edge.i > after else child.i
    return first, noun.i + 1


def _place(noun):
    """'near the border', 'along the border': where the counted things are."""
    for child in noun.rights:
        if child.dep_ == "prep" and child.lower_ in PLACE_PREPOSITIONS.words:
            objects = [c for c in children_of(child) if c.dep_ == "pobj"]
            if objects and objects[0].pos_ in NOUNS:
                end = objects[0].i + 1
                return child.i, end
    return None


def _content_words(span) -> str:
    words = [t.text for t in span if t.pos_ not in _SKIP or t.dep_ == "compound"]
    return " ".join(words)


def count_concept(noun, after: int) -> str:
    """'Russian troops near the border': the counted noun, its modifiers and its place."""
    first, stop = noun_phrase(noun, after)
    following = noun.doc[stop] if stop < len(noun.doc) else None
    if following is not None and following.dep_ == "acl" and following.tag_ == "VBN" \
            and following.head.i == noun.i:
        stop += 1  # "people evacuated", "troops deployed"
    place = _place(noun)
    if place is not None and place[0] == stop:
        stop = place[1]
    return noun.doc[first:stop].text


def _anchor(tokens):
    """The token a figure hangs from the sentence by: the one whose head is outside it."""
    inside = {t.i for t in tokens}
    for token in tokens:
        if token.head.i not in inside or token.head.i == token.i:
            return token
    return tokens[-1]


def _subject_of(verb):
    for child in children_of(verb):
        if child.dep_ in {"nsubj", "nsubjpass"} and child.pos_ not in {"PRON", "NUM"}:
            first, stop = noun_phrase(child, child.left_edge.i - 1)
            return child.doc[first:stop]
    return None


def _phrase_of(noun, after: int | None = None) -> str:
    first, stop = noun_phrase(noun, noun.left_edge.i - 1 if after is None else after)
    return _content_words(noun.doc[first:stop]) or noun.text


def _verb_subject(token) -> str | None:
    """The subject of the nearest verbs above ``token`` ('Nvidia advanced 8%')."""
    verb = token
    for _ in range(4):
        if verb.pos_ in {"VERB", "AUX"}:
            subject = _subject_of(verb)
            if subject is not None:
                return _content_words(subject) or subject.text
            if verb.dep_ not in {"xcomp", "advcl", "conj", "ccomp", "acl", "relcl"}:
                return None
        if verb.head.i == verb.i:
            return None
        verb = verb.head
    return None


def measure_concept(tokens) -> str | None:
    """What a money, share or measure figure is about, from the parse."""
    anchor = _anchor(tokens)
    found = of_object(anchor)
    if found is not None and found.pos_ in NOUNS:
        return _phrase_of(found, anchor.i)
    head = anchor.head
    if anchor.dep_ in {"nummod", "compound", "amod", "npadvmod", "quantmod", "nmod"} \
            and head.pos_ in NOUNS and head.i > anchor.i:
        return _phrase_of(head, tokens[-1].i)
    if anchor.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ in NOUNS:
        return _phrase_of(head.head)
    if anchor.dep_ == "appos" and head.pos_ in NOUNS:
        return _phrase_of(head)
    return _verb_subject(anchor)
