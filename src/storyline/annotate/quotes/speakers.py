"""Cues and speakers over a spaCy parse.

A cue is a reporting verb (``said``, ``told``, ``warned``, ``calling``...) or the phrase
``according to``. The speaker is the subject of the cue (climbing from a participle like
``calling`` or ``stating`` to the verb it hangs on; the object of ``forced X to admit``), cut down to its noun phrase: relative
clauses, appositions and anything after a comma are left out; coordinated speakers stay
together (``Mr. Grassley and Mr. Leahy said``). A nominal speaker with a
named apposition (``a spokesman, Jane Doe,``) takes the name.
"""

from __future__ import annotations

from ..parse import children_of
from .lexicon import COLON_LEADS, OBJECT_CONTROL, REPORTING_LEMMAS

_CUT_DEPS = frozenset({"relcl", "acl", "appos", "punct", "advcl", "parataxis"})
_CLIMB = frozenset({"advcl", "xcomp", "conj", "acl", "pcomp", "prep", "advmod", "pobj"})
#: A subject that names a time ("Monday", "Thursday morning") is a misparse, never a speaker.
_TIME_ENTITIES = frozenset({"DATE", "TIME"})
_RELATIVES = frozenset({"who", "which", "that"})


def is_cue(token) -> bool:
    return token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in REPORTING_LEMMAS


def subject_of(verb):
    """The nominal subject of ``verb``, climbing from participles and conjuncts; for a
    main verb the parse left without one, the nearest named person or group before it."""
    current = verb
    for _ in range(6):
        for child in children_of(current):
            if child.dep_ in ("nsubj", "nsubjpass") and child.ent_type_ not in _TIME_ENTITIES:
                return _relative_head(current, child)
        controller = _controlling_object(current)
        if controller is not None:
            return controller
        if current.dep_ in _CLIMB and current.head is not current:
            current = current.head
            continue
        break
    return named_before(verb) if verb.dep_ == "ROOT" else None


def _controlling_object(verb):
    """The object of "forced Stumpf to admit", "led Ivans to fear", "left many nations
    feeling": the subject of the clause ``verb`` heads."""
    if verb.dep_ != "xcomp" or verb.head.lemma_.lower() not in OBJECT_CONTROL:
        return None
    objects = [c for c in verb.head.children if c.dep_ == "dobj" and c.i < verb.i]
    return objects[0] if objects else None


def _relative_head(verb, subject):
    """``critics, who saw ...``: the noun a relative clause hangs on is its subject."""
    if subject.lower_ in _RELATIVES and verb.dep_ == "relcl" and verb.head.pos_ in (
            "NOUN", "PROPN"):
        return verb.head
    return subject


def named_before(verb):
    """The last token of the nearest PERSON entity before ``verb`` in its sentence, else of
    the nearest ORG ("Marc Morial, the chief executive of the League, told": Morial)."""
    found = None
    for token in reversed(verb.doc[verb.sent.start:verb.i]):
        if token.ent_type_ in ("PERSON", "ORG") and token.ent_iob_ in ("B", "I"):
            nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
            if nxt is None or nxt.ent_type_ != token.ent_type_ or nxt.ent_iob_ == "B":
                if token.ent_type_ == "PERSON":
                    return token
                found = found or token
    return found


def according_to(token):
    """``(according_token, object_token)`` when ``token`` starts ``according to X``."""
    if token.lower_ != "according":
        return None
    for child in children_of(token):
        if child.lower_ == "to" and child.dep_ == "prep":
            for obj in children_of(child):
                if obj.dep_ == "pobj":
                    return token, obj
    nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
    if nxt is not None and nxt.lower_ == "to":
        for obj in children_of(nxt):
            if obj.dep_ == "pobj":
                return token, obj
    return None


def _inner_hyphen(token) -> bool:
    """A hyphen or slash inside a word ("34-year-old", "veto-wielding", "Times/CBS"):
    part of the phrase."""
    doc = token.doc
    return token.text in ("-", "–", "/") and not token.whitespace_ and token.i > 0 and \
        not doc[token.i - 1].whitespace_ and token.i + 1 < len(doc)


def _phrase_tokens(head) -> list:
    keep = [head]
    for child in children_of(head):
        if child.dep_ in _CUT_DEPS and not _inner_hyphen(child):
            continue
        keep.extend(_phrase_tokens(child))
    return keep


def speaker_tokens(head) -> tuple[int, int]:
    """Token range ``[i, j)`` of the speaker noun phrase headed by ``head``."""
    tokens = _phrase_tokens(head)
    indexes = sorted(token.i for token in tokens)
    lo = hi = head.i
    present = set(indexes)
    while lo - 1 in present:
        lo -= 1
    while hi + 1 in present:
        hi += 1
    doc = head.doc
    conjuncts = _conjunct_chain(head)
    if conjuncts and any(c.dep_ == "cc" for t in (head, *conjuncts) for c in children_of(t)):
        hi = max(hi, _phrase_end(conjuncts[-1]))  # "Jon Tester (D-Mont.) and David Vitter"
    while hi > lo and doc[hi].is_punct:
        hi -= 1
    while lo < hi and doc[lo].is_punct:
        lo += 1
    return lo, hi + 1


def _conjunct_chain(head) -> list:
    """The conjuncts after ``head``, each hanging on the one before ("A, B and C")."""
    found, current = [], head
    while True:
        nxt = [c for c in current.children if c.dep_ == "conj" and c.i > current.i]
        if not nxt:
            return found
        current = nxt[0]
        found.append(current)


def _phrase_end(token) -> int:
    """The last token index of ``token``'s noun phrase, without clauses after it."""
    return max(t.i for t in _phrase_tokens(token))


def named_apposition(head):
    """A proper-noun apposition of a nominal head (``a spokesman, Jane Doe, said``)."""
    if head.pos_ == "PROPN":
        return None
    for child in children_of(head):
        if child.dep_ == "appos" and child.pos_ == "PROPN":
            return child
    return None


def colon_cue(doc, quote_start: int):
    """The verb of a clause ending in a colon just before a quote ("The Times reports:",
    "a friend commented:", "Sanders made the following comment:"), when it reports or
    its object is words, and it has a subject; else None."""
    index = _token_before(doc, quote_start)
    if index is None or doc[index].text != ":":
        return None
    verb = doc[index].head
    for _ in range(3):
        if verb.pos_ in ("VERB", "AUX") or verb.head is verb:
            break
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX") or not any(
            c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return None
    words = {verb.lemma_.lower()} | {c.lemma_.lower() for c in verb.children
                                     if c.dep_ in ("dobj", "attr")}
    if verb.lemma_.lower() in REPORTING_LEMMAS or any(w in COLON_LEADS for w in words):
        return verb
    return None


def _token_before(doc, start: int) -> int | None:
    """The last token before character ``start`` that is no space nor a quote mark, in
    the same paragraph or the one before."""
    span = doc.char_span(0, start, alignment_mode="contract") if start else None
    if span is None:
        return None
    breaks = 0
    for token in reversed(span):
        if token.is_space:
            breaks += token.text.count("\n\n") or token.text.count("\n")
            if breaks > 2:
                return None
            continue
        if token.is_quote:
            continue
        return token.i
    return None
