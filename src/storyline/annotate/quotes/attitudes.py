"""Non-speech attributions over a spaCy parse: intentions, stances, topics, beliefs.

PolNeAR-style attribution covers more than speech: what a source wants or plans, what it
endorses or attacks, what it talks about, what a document or a poll shows, what people
fear. ``find_attitudes`` yields ``(content_start, content_end, cue_token)`` like
``quotes_indirect``; the cue is a verb with a nominal, active subject (the source: not
``it``/``there``/a relative pronoun), outside every direct quote. Families:

* intention (``X wants/plans/hopes/intends/refuses to V``): the ``to``-clause;
* stance and evidence (``X endorsed/defended/attacked Y``, ``the poll shows Y``): the
  direct object, unless it is a pronoun, with what the verb says of it right after
  (``slammed the plan as too vague``), up to a comma;
* topic (``X talked about Y``, ``warned of Y``, ``argued for Y``): the object of the
  preposition, without the preposition;
* claim-like nouns (``find_noun_attitudes``): ``fears that S``, ``the claim by X that
  S``, ``X's hope that S``: the ``that`` clause, with the possessor or the ``by/from/of``
  object as source, or no source at all (PolNeAR's Attribution-no-source);
* noun topics (``find_noun_topics``): ``X's criticism of Y``, ``X's support for Y``: the
  object of the preposition, the possessor as source (required).

The word lists (``quotes.lexicon``) were chosen on PolNeAR dev and a train sample
together: lemmas whose predictions matched gold less than ~65% of the time on both
(release, offer, support, seek to, mention, question, post, speak about, respond to, vote
for, point to, ...) are left out.
These are not speech: ``annotate.quotes`` gives them ``direct=False`` and the cue word as
``cue`` (``Quote`` has no field to mark them apart).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from ..parse import children_of, quoted_tokens, subtree_of, tokens_with_lemma, tokens_with_pos
from .indirect import MIN_CONTENT_WORDS, Found, char_range, count_words, cut_aside
from .lexicon import (
    INTENTION_LEMMAS,
    NEGATORS,
    NOUN_LEMMAS,
    NOUN_TOPIC_LEMMAS,
    OBJECT_LEMMAS,
    PREP_LEMMAS,
)
from .speakers import subject_of

_OBJECT_TAIL = frozenset({"prep", "xcomp", "oprd", "advcl", "acl"})
_SUBJECT_STOP = frozenset({"it", "there", "which", "that", "what", "this", "who"})


def _source_ok(verb) -> bool:
    """A cue needs a nominal subject (the source), not an expletive or a relative."""
    subject = subject_of(verb)
    return subject is not None and subject.lower_ not in _SUBJECT_STOP and \
        subject.lower_ not in NEGATORS and subject.dep_ != "nsubjpass" and not (
            subject.lower_ == "one" and any(c.lower_ == "no" for c in children_of(subject)))


def _content(tokens: Sequence) -> tuple[int, int] | None:
    if count_words(tokens) < 1:
        return None
    start, end = char_range(tokens)
    return (start, end) if end - start > 1 else None


def _intention(verb) -> tuple[int, int] | None:
    for child in children_of(verb):
        if child.dep_ == "xcomp" and child.i > verb.i and child.pos_ in ("VERB", "AUX"):
            return _content(list(subtree_of(child)))
    return None


def _object(verb) -> tuple[int, int] | None:
    """The direct object, with what the verb says of it right after (``slammed his plan
    as too vague``, ``criticized him for waiting``), up to a comma."""
    for child in children_of(verb):
        if child.dep_ == "dobj" and child.i > verb.i and child.pos_ not in ("PRON",):
            return _content(cut_aside(verb.doc[child.left_edge.i:_object_end(verb, child)]))
    return None


def _object_end(verb, obj) -> int:
    end = obj.right_edge.i + 1
    for child in children_of(verb):
        if child.i < end or child.dep_ not in _OBJECT_TAIL:
            continue
        if child.left_edge.i != end:
            break
        end = child.right_edge.i + 1
    return end


def _prep_object(head, wanted) -> tuple[int, int] | None:
    """The object of a preposition in ``wanted`` after ``head`` (not a pronoun), as content."""
    for child in children_of(head):
        if child.dep_ == "prep" and child.lower_ in wanted and child.i > head.i:
            objects = [c for c in children_of(child) if c.dep_ in ("pobj", "pcomp")]
            if objects and objects[0].pos_ != "PRON":
                return _content(cut_aside(subtree_of(objects[0])))
    return None


def _topic(verb) -> tuple[int, int] | None:
    return _prep_object(verb, PREP_LEMMAS.get(cue_lemma(verb), ()))


def cue_lemma(token) -> str:
    """The token's lemma, mended where the small model errs (``hopes`` -> ``hop``)."""
    lemma = token.lemma_.lower()
    return "hope" if lemma == "hop" and token.lower_.startswith("hope") else lemma


def attitude_content(verb) -> tuple[int, int] | None:
    """The content a non-speech cue attributes to its subject, if any."""
    lemma = cue_lemma(verb)
    found = None
    if lemma in INTENTION_LEMMAS:
        found = _intention(verb)
    if found is None and lemma in OBJECT_LEMMAS:
        found = _object(verb)
    if found is None and lemma in PREP_LEMMAS:
        found = _topic(verb)
    return found


def _that_clause(noun):
    for child in children_of(noun):
        if child.dep_ in ("acl", "ccomp", "appos") and child.i > noun.i and any(
                m.dep_ == "mark" and m.lower_ == "that" for m in children_of(child)):
            return child
    return None


def _noun_source(noun):
    """``X's claim``, ``a claim by/from X``, ``the fears of X``: the source token, if any;
    also the subject of a reporting verb the parse took for a plural noun ("Trump claims
    that ...": ``claims`` a noun with ``Trump`` as its subject or, for a root, a person's
    name before it)."""
    for child in children_of(noun):
        if child.dep_ == "poss":
            return child
    for child in children_of(noun):
        if child.i < noun.i and (child.dep_ in ("nsubj", "nsubjpass") or noun.dep_ == "ROOT"
                                 and child.dep_ == "compound" and child.ent_type_ == "PERSON"):
            return child  # "Trump claims that", the parse's noun "Trump claims" as a root
    for child in children_of(noun):
        if child.dep_ in ("prep", "agent") and child.lower_ in ("by", "from", "of", "among"):
            objects = [c for c in children_of(child) if c.dep_ == "pobj"]
            if objects and objects[0].i < (_that_clause(noun) or noun).i:
                return objects[0]
    return None


def _noun_topic(noun) -> tuple[int, int] | None:
    """``X's criticism of Y``, ``X's support for Y``: the object of the preposition."""
    return _prep_object(noun, NOUN_TOPIC_LEMMAS.get(noun.lemma_.lower(), ()))


def find_noun_topics(doc, outers: Sequence[tuple[int, int]]
                     ) -> Iterator[tuple[int, int, object, object]]:
    """``X's criticism of Y``: ``(start, end, noun, possessor)``; a possessor is needed."""
    for token in tokens_with_lemma(doc, "NOUN", NOUN_TOPIC_LEMMAS):
        owner = next((c for c in children_of(token) if c.dep_ == "poss"), None)
        if owner is None or not _outside(token, outers):
            continue
        if _that_clause(token) is not None:  # ``X's claim that S``: see noun_cues
            continue
        found = _noun_topic(token)
        if found is not None:
            yield found[0], found[1], token, owner


def find_noun_attitudes(doc, outers: Sequence[tuple[int, int]]
                        ) -> Iterator[tuple[int, int, object, object]]:
    """``fears that S``, ``the claim by X that S``: ``(start, end, noun, source or None)``."""
    for token in tokens_with_lemma(doc, "NOUN", NOUN_LEMMAS):
        if not _outside(token, outers):
            continue
        clause = _that_clause(token)
        if clause is None:
            continue
        found = _content(list(subtree_of(clause)))
        if found is not None and count_words(subtree_of(clause)) >= MIN_CONTENT_WORDS:
            yield found[0], found[1], token, _noun_source(token)


def _outside(token, outers: Sequence[tuple[int, int]]) -> bool:
    return token.i not in quoted_tokens(token.doc, tuple(outers))


def find_attitudes(doc, outers: Sequence[tuple[int, int]]) -> Iterator[Found]:
    """Non-speech attributions whose cue lies outside every direct quote."""
    for token in tokens_with_pos(doc, "VERB"):
        if not _outside(token, outers):
            continue
        if not _source_ok(token):
            continue
        found = attitude_content(token)
        if found is not None:
            yield found[0], found[1], token
