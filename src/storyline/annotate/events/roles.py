"""Who acts and who is acted upon: the source and target mentions of a trigger.

The dependency parse around a trigger gives its source (agent, subject, or the subject of
the verbs it hangs off by control, coordination or a preposition; the holder of the noun a
participle hangs off; the possessor or "by"/"from" object of an event noun) and its target
(object, "with X", "on X", the passive subject of a participle, the subject of a receptive
verb: "Trump faced questions"), among the mentions indexed by token.
"""

from __future__ import annotations

from collections.abc import Sequence

from ...records import Mention
from ..parse import char_span, children_of, doc_tokens, sentence_of, subtree_of
from .lexicon import (
    ACTOR_LABELS,
    GENERIC_PLURALS,
    LIGHT_VERBS,
    NEEDS_TARGET,
    NOUN_TARGET_PREPS,
    PARTITIVES,
    PRONOUNS,
    QUANTIFIER_PRONOUNS,
    RESOLVED_LABELS,
    SUBJECTS,
    SYMMETRIC,
    TARGET_PREPS,
    TARGETED_VERBS,
    THING_TARGETS,
    TOPIC_OBJECT,
)
from .modality import (
    _has_if,
    _subjects,
    _verb_group,
)
from .senses import (
    has_object,
    receptive,
    verb_lemma,
)


def _mention_index(doc, mentions: Sequence[Mention]) -> dict[int, Mention]:
    index: dict[int, Mention] = {}
    spans = [char_span(doc, m.start, m.end) for m in mentions]
    generic = {m.actor_id for m, span in zip(mentions, spans)
               if m.actor_id and span is not None and _generic_group(m, span)}  # and its "who"
    named_first = sorted(zip(mentions, spans), key=lambda p: p[0].label in RESOLVED_LABELS)
    for mention, span in named_first:  # "Obama and Clinton": Obama's own mention first
        if span is not None and _actor_mention(mention) and mention.actor_id not in generic:
            for i in range(span.start, span.end):
                index.setdefault(i, mention)
    return index


def _actor_mention(mention: Mention) -> bool:
    if not mention.label or mention.label in ACTOR_LABELS:
        return True
    return mention.label in RESOLVED_LABELS and mention.actor_id is not None


def _generic_group(mention: Mention, span) -> bool:
    """A group that refers to no one in particular: a quantifier ("all", "everyone") or
    "people" restricted by a relative clause without a number ("people who attack")."""
    if mention.label != "GROUP":
        return False
    root = span.root
    if root.lower_ in QUANTIFIER_PRONOUNS:
        return True
    children = {c.dep_ for c in children_of(root)}
    return root.lower_ in GENERIC_PLURALS and "relcl" in children and "nummod" not in children


def _actors(token, kind: str, index: dict[int, Mention]):
    """(source, target) of a trigger; (None, None) when the type needs a target and has
    none ("spoke at a rally", "the pace of killing")."""
    if token.pos_ in ("NOUN", "PROPN"):
        source, target = _noun_actors(token, kind, index)
    else:
        source = _source(token, index)
        target = _target(token, kind, index, source)
    target = None if target == source else target
    if target is not None and source is not None and target.actor_id is not None and (
            target.actor_id == source.actor_id):
        return source, None  # "raised questions about his microphone": no one else acted on
    if target is None and verb_lemma(token) in TARGETED_VERBS:
        return None, None  # "hit a record", "painted the house"
    if target is None and kind in NEEDS_TARGET and not (
            kind in THING_TARGETS and source is not None and has_object(token)):
        return None, None
    if (source is None and token.pos_ not in ("NOUN", "PROPN") and token.dep_ != "ROOT"
            and not _passive(token)):
        return None, None  # precision first: an event without its actor is vague
    return source, target


def _passive(verb) -> bool:
    """"Clinton was criticized": the target is named, the source may be left out."""
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in children_of(verb))


CLIMB = ("xcomp", "conj", "pcomp", "prep", "acomp", "advcl")


def _source(verb, index: dict[int, Mention]) -> Mention | None:
    """The agent, else the subject of the verb or of the verbs it hangs off."""
    node = verb
    for _ in range(5):
        agent = _first_other((_phrase_mention(p, index) for c in children_of(node)
                              if c.dep_ == "agent" for p in children_of(c)), None)
        if agent is not None:
            return agent
        subjects = [s for s in _subjects(node) if s.dep_ != "nsubjpass" or node != verb]
        for subject in subjects:
            found = _phrase_mention(subject, index) or _resolve_pronoun(subject, index)
            if found is not None:
                return found
        if not subjects and node.dep_ == "acl" and node.tag_ != "VBN":
            return _holder(node.head, index)  # "Trump's tweets accusing her": who tweeted
        if subjects or node.dep_ not in CLIMB or node.head == node:
            return None
        if node.dep_ == "advcl" and node.tag_ != "VBG":
            return None
        controller = _controller(node, index) if node.dep_ == "xcomp" else None
        if controller is not None:
            return controller
        node = node.head
        if node.dep_ == "prep" and node.head.pos_ == "NOUN" and node.head.dep_ in (
                "dobj", "pobj") and node.head.head.pos_ in ("VERB", "AUX"):
            node = node.head.head  # "denied any intention of invading": who denied
        elif node.pos_ == "ADP" and node.head.pos_ == "NOUN":
            return _holder(node.head, index)  # "Ohio's procedure for removing voters"
    return None


def _holder(noun, index) -> Mention | None:
    """The possessor of a noun ("Trump's tweets"), else the mention on the noun itself."""
    for child in children_of(noun):
        if child.dep_ in ("poss", "compound"):
            found = _phrase_mention(child, index) or _resolve_pronoun(child, index)
            if found is not None:
                return found
    if noun.i in index:
        return index[noun.i]
    node = noun
    while node.dep_ == "pobj" and node.head.dep_ == "prep" and node.head.head.pos_ == "NOUN":
        node = node.head.head  # "a series of tweets"
    if node.dep_ == "dobj" and node.head.pos_ == "VERB":  # "Trump unleashed tweets accusing"
        subject = next(iter(_subjects(node.head)), None)
        if subject is not None:
            return _phrase_mention(subject, index) or _resolve_pronoun(subject, index)
    return None


def _controller(xcomp, index) -> Mention | None:
    """Object control: "urged Republicans to join", "called on Trump to stop"."""
    head = xcomp.head
    objects = [c for c in children_of(head) if c.dep_ in ("dobj", "dative")] + [
        p for c in children_of(head) if c.lower_ == "on"
        for p in children_of(c) if p.dep_ == "pobj"]
    return _first_other((_phrase_mention(o, index) for o in objects), None)


def _first_other(found, source: Mention | None) -> Mention | None:
    return next((m for m in found if m is not None and m != source), None)


def _target(verb, kind: str, index, source) -> Mention | None:
    candidates = [c for c in children_of(verb) if c.dep_ in ("dobj", "dative", "nsubjpass", "attr")
                  and not (c.dep_ == "dobj" and verb_lemma(verb) in TOPIC_OBJECT)]
    if verb.dep_ == "acl" and verb.tag_ == "VBN":
        candidates.append(verb.head)  # "officers shot by the gunman"
    preps = ("to", "with") if kind in SYMMETRIC else TARGET_PREPS  # not "spoke at X"
    candidates += [p for c in children_of(verb) if c.dep_ == "prep" and c.lower_ in preps
                   for p in children_of(c) if p.dep_ == "pobj"]
    found = _first_other((_phrase_mention(n, index, deep=True) for n in candidates), source)
    if found is None and kind in SYMMETRIC:  # "Biden and Putin met"
        found = _first_other((_phrase_mention(o, index) for s in _subjects(verb)
                              for o in s.conjuncts), source)
    return found or _fallback_target(verb, kind, index, source)


def _fallback_target(verb, kind: str, index, source) -> Mention | None:
    """Threats aim at whoever the condition is about; requests and warnings at their content."""
    for node in _verb_group(verb):
        for child in children_of(node):
            if (child.dep_ == "advcl" and _has_if(child)) or (child.dep_ == "ccomp" and kind in (
                    "THREATEN", "REQUEST", "ACCUSE", "REJECT")):
                found = (_first_other((_phrase_mention(s, index) for s in _subjects(child)),
                                      source)
                         or _first_other((index.get(t.i) for t in subtree_of(child)), source))
                if found is not None:
                    return found
    return None


def _noun_actors(noun, kind: str, index):
    """"Russia's demand", "warnings from X", "withdrawal of X from Y", "talks between X and Y"."""
    moving = kind in ("RETREAT", "MOBILIZE")  # "withdrawal of X from Y": X moves, Y is left
    source_preps = ("by", "of") if moving else ("by", "from")
    source = target = None
    for child in children_of(noun):
        if child.dep_ in ("poss", "compound", "amod", "nmod") and source is None:
            source = _phrase_mention(child, index) or _resolve_pronoun(child, index)
        elif child.dep_ == "prep" and child.lower_ in source_preps:
            source = next(iter(_pobj_mentions(child, index)), source)
    for child in children_of(noun):
        if child.dep_ == "prep" and child.lower_ == "between":
            pair = [m for m in (_pobj_mentions(child, index)) if m != source]
            if source is None and pair:
                source, pair = pair[0], pair[1:]
            target = target or (pair[0] if pair else None)
        elif child.dep_ == "prep" and child.lower_ in (*NOUN_TARGET_PREPS, "from") and not (
                child.lower_ in source_preps) and (child.lower_ != "about" or kind == "ACCUSE"):
            target = target or next(iter(_pobj_mentions(child, index)), None)
    verb = noun.head if noun.dep_ != "pobj" else noun.head.head
    if receptive(noun):  # "Trump faced questions": Trump is acted upon
        subject = _source(verb, index)
        source = source or next((m for c in children_of(verb) if c.dep_ in ("prep", "agent")
                                 and c.lower_ in ("from", "by")
                                 for m in _pobj_mentions(c, index)), None)
        if target is None and subject is not None and subject != source:
            return source, subject
        return source, target
    return _verb_roles(noun, verb, index, source, target)


def _verb_roles(noun, verb, index, source, target):
    """Roles an event noun takes from the verb or clause around it."""
    if source is None and noun.dep_ == "pobj" and noun.head.lower_ == "with" and (
            verb.pos_ == "VERB"):  # "responded with attacks on her", "peppered him with"
        source = _source(verb, index)
        target = target or next((m for c in children_of(verb) if c.dep_ == "dobj"
                                 for m in [_phrase_mention(c, index)] if m is not None), None)
    if source is None:  # "remarks Trump had made about her"
        source = next((found for c in children_of(noun) if c.dep_ == "relcl"
                       and c.lemma_.lower() in LIGHT_VERBS
                       for found in [_source(c, index)] if found is not None), None)
    if target is None and noun.dep_ == "dobj" and verb.lemma_.lower() in LIGHT_VERBS:
        target = next((m for c in children_of(verb) if c.dep_ == "dative"  # "gave Clinton an ..."
                       for m in [_phrase_mention(c, index)] if m is not None), None)
    if source is None and noun.dep_ in ("dobj", "pobj") and verb.lemma_.lower() in LIGHT_VERBS:
        source = _source(verb, index)  # "Biden will hold a call with ...", "reiterated support"
    return source, target


def _pobj_mentions(prep, index) -> list[Mention]:
    """The mentions on the objects of a preposition and their conjuncts, in order."""
    out: list[Mention] = []
    for pobj in (c for c in children_of(prep) if c.dep_ == "pobj"):
        for phrase in (pobj, *pobj.conjuncts):
            mention = _phrase_mention(phrase, index, deep=True)
            if mention is not None and mention not in out:
                out.append(mention)
    return out


def _phrase_mention(node, index, *, deep: bool = False) -> Mention | None:
    """The mention on a noun phrase: its head, else a modifier (not a clause or preposition)."""
    if node.i in index:
        return index[node.i]
    if node.lower_ in PARTITIVES:  # "a panel of the appeals court", "others in the party"
        found = next((index[p.i] for c in children_of(node) if c.dep_ == "prep"
                      and c.lower_ in ("of", "in", "from", "at") for p in children_of(c)
                      if p.dep_ == "pobj" and p.i in index), None)
        if found is not None:
            return found
    skip = ("relcl", "acl", "advcl", "ccomp") if deep else ("relcl", "acl", "advcl", "ccomp",
                                                             "prep")
    stack = [c for c in children_of(node) if c.dep_ not in skip]
    while stack:
        token = stack.pop(0)
        if token.i in index:
            return index[token.i]
        stack.extend(c for c in children_of(token) if c.dep_ not in skip)
    return None


def _resolve_pronoun(pronoun, index) -> Mention | None:
    """He/his/it/they: the nearest earlier subject mention of a fitting kind in the sentence;
    for he/she/his also the main subject of the sentence before."""
    want, start = PRONOUNS.get(pronoun.lower_), sentence_of(pronoun).start
    tokens = doc_tokens(pronoun.doc)
    for i in range(pronoun.i - 1, (sentence_of(tokens[start - 1]).start if start else 0) - 1, -1):
        token, mention = tokens[i], index.get(i)
        fits = mention is not None and (want == "ANY" or (want == "PERSON") == (
            mention.label == "PERSON"))
        subject = token if token.dep_ in SUBJECTS else token.head
        if i < start and (want != "PERSON" or subject.head != sentence_of(subject).root):
            continue
        if want and fits and subject.dep_ in SUBJECTS:
            return mention
    return None


def _objects(verb) -> list:
    direct = [c for c in children_of(verb) if c.dep_ in ("dobj", "attr", "dative")]
    if verb.dep_ == "acl" and verb.tag_ == "VBN":
        direct.append(verb.head)  # "a penalty imposed by the bureau"
    return direct + [g for c in children_of(verb) if c.dep_ in ("prep", "dobj")
                     for g in children_of(c)
                     if g.dep_ in (("pobj",) if c.dep_ == "prep" else ("conj", "compound"))]
