"""Coded events: who did what to whom, with PLOVER verbs, from a lexicon plus the parse.

Per sentence, a trigger (a verb lemma, or an event noun: "talks", "sanctions", "buildup") is
looked up in a small lexicon; the dependency parse gives the source (subject, possessor, "by
X", "between X and ...") and the target (object, "with X", the subject of an "if" clause for
threats) among the ``Mention`` records passed in. Every event cites its sentence. The word
tables live in annotate.events.lexicon.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ...records import Citation, Event, Mention, SentenceDate, TimeExpression, stable_id
from ..parse import doc_text
from .lexicon import (
    ACTOR_LABELS,
    FLIP_ON_NEGATION,
    LIGHT_VERBS,
    NEEDS_COMPLEMENT,
    NEEDS_TARGET,
    NOT_MET,
    NOUN_TARGET_PREPS,
    NOUNS,
    OBJECT_VERBS,
    PARTICLE_VERBS,
    PENALTIES,
    PRONOUNS,
    REPORTING,
    SUBJECTS,
    SYMMETRIC,
    TARGET_PREPS,
    THREAT_TYPES,
    VERBS,
)
from .modality import (
    _clause_chain,
    _future_with_condition,
    _has_if,
    _modality,
    _reported,
    _subjects,
    _verb_group,
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
    found: list[EventFinding] = []
    text = doc_text(doc)  # once: building Doc.text walks every token
    for sent in doc.sents:
        date = (_event_date(sent.start_char, sent.end_char, sentence_dates)
                if sentence_dates else _sentence_date(sent.start_char, sent.end_char, times)
                ) or reference
        raw = []
        for token in sent:
            kind = _code(token)
            source, target = _actors(token, kind, index) if kind else (None, None)
            if source is not None or target is not None:  # an event needs an actor
                kind, modality = _adjust(kind, token)
                if modality == "reported" and _self_report(token, source, index):
                    modality = "asserted"  # "she says she opposes the deal"
                raw.append((token, (kind, modality), source, target))
        found.extend(_sentence_events(article_id, text, sent, raw, date))
    return tuple(found)


def _code(token) -> str | None:
    """The PLOVER type of a trigger token, or None."""
    if token.pos_ in ("VERB", "AUX") or token.tag_.startswith("VB"):
        return _code_verb(token)
    return _code_noun(token) if token.pos_ in ("NOUN", "PROPN") and token.lower_ in NOUNS else None


def _code_verb(token) -> str | None:
    lemma = token.lemma_.lower()
    for child in token.children:
        if (child.dep_ in ("prt", "prep") and child.i > token.i
                and (lemma, child.lower_) in PARTICLE_VERBS and _particle_object_ok(child, lemma)):
            return PARTICLE_VERBS[(lemma, child.lower_)]
    if lemma in NEEDS_COMPLEMENT and not any(c.dep_ == "xcomp" or (
            c.dep_ == "prep" and c.lower_ == "for") for c in token.children):
        return None  # "asked how the war would end", "encouraging the attacks"
    if lemma == "agree" and any(c.dep_ == "prep" and c.lower_ == "with"
                                for c in token.children):
        return None  # "agreed with her": an opinion, not an agreement
    if any(c.dep_ == "prt" and c.lower_ in ("up", "off") for c in token.children) and (
            lemma in ("sign", "fire", "back", "help")):
        return None  # "sign up voters", "fired off tweets"
    if lemma == "call" and _names_someone(token):
        return "ACCUSE"  # "called him a liar"
    if lemma == "warn" and any(c.dep_ == "xcomp" for c in token.children):
        return "REQUEST"  # "warned officials to boost their security"
    if lemma == "meet" and any(c.dep_ == "dobj" and c.lower_ in NOT_MET for c in token.children):
        return None  # "meets the criteria"
    if lemma in OBJECT_VERBS:
        kind, heads = OBJECT_VERBS[lemma]
        if any(t.lower_ in heads for t in _objects(token) + _subjects(token)):
            if kind == "SANCTION" and not any(t.lower_.startswith("sanction")
                                              for t in _objects(token)):
                return "THREATEN"
            return kind
        return None
    return VERBS.get(lemma)


def _names_someone(verb) -> bool:
    """"called him a liar": a person object and a noun said of it."""
    objects = [c for c in verb.children if c.dep_ == "dobj" and c.tag_ not in ("WP", "WDT")]
    return bool(objects) and any(c.dep_ in ("oprd", "xcomp", "attr") and c.pos_ in (
        "NOUN", "ADJ", "PROPN") for c in verb.children)


def _particle_object_ok(prep, lemma: str) -> bool:
    """A prepositional particle counts unless its object is a date ("calling ... on Monday")."""
    if any(o.dep_ == "pobj" and o.ent_type_ in ("DATE", "TIME") for o in prep.children):
        return False
    return lemma != "respond" or any(g.lower_ in PENALTIES for g in prep.subtree)


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
            or c.lower_ in ("video", "phone") for c in token.children):
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









def _mention_index(doc, mentions: Sequence[Mention]) -> dict[int, Mention]:
    index: dict[int, Mention] = {}
    for mention in mentions:
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is not None and (not mention.label or mention.label in ACTOR_LABELS):
            for token in span:
                index.setdefault(token.i, mention)
    return index


def _actors(token, kind: str, index: dict[int, Mention]):
    """(source, target) of a trigger; (None, None) when the type needs a target and has
    none ("spoke at a rally", "the pace of killing")."""
    if token.pos_ in ("NOUN", "PROPN"):
        source, target = _noun_actors(token, kind, index)
    else:
        source = _source(token, index)
        target = _target(token, kind, index, source)
    target = None if target == source else target
    if target is None and kind in NEEDS_TARGET:
        return None, None
    if (source is None and token.pos_ not in ("NOUN", "PROPN") and token.dep_ != "ROOT"
            and not _passive(token)):
        return None, None  # precision first: an event without its actor is vague
    return source, target


def _passive(verb) -> bool:
    """"Clinton was criticized": the target is named, the source may be left out."""
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


CLIMB = ("xcomp", "conj", "pcomp", "prep", "acomp", "advcl")


def _source(verb, index: dict[int, Mention]) -> Mention | None:
    """The agent, else the subject of the verb or of the verbs it hangs off."""
    node = verb
    for _ in range(5):
        agent = _first_other((_phrase_mention(p, index) for c in node.children
                              if c.dep_ == "agent" for p in c.children), None)
        if agent is not None:
            return agent
        subjects = [s for s in _subjects(node) if s.dep_ != "nsubjpass" or node != verb]
        for subject in subjects:
            found = _phrase_mention(subject, index) or _resolve_pronoun(subject, index)
            if found is not None:
                return found
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
    return None


def _controller(xcomp, index) -> Mention | None:
    """Object control: "urged Republicans to join", "called on Trump to stop"."""
    head = xcomp.head
    objects = [c for c in head.children if c.dep_ in ("dobj", "dative")] + [
        p for c in head.children if c.lower_ == "on" for p in c.children if p.dep_ == "pobj"]
    return _first_other((_phrase_mention(o, index) for o in objects), None)


def _first_other(found, source: Mention | None) -> Mention | None:
    return next((m for m in found if m is not None and m != source), None)


def _target(verb, kind: str, index, source) -> Mention | None:
    candidates = [c for c in verb.children if c.dep_ in ("dobj", "dative", "nsubjpass", "attr")]
    preps = ("to", "with") if kind in SYMMETRIC else TARGET_PREPS  # not "spoke at X"
    candidates += [p for c in verb.children if c.dep_ == "prep" and c.lower_ in preps
                   for p in c.children if p.dep_ == "pobj"]
    found = _first_other((_phrase_mention(n, index, deep=True) for n in candidates), source)
    if found is None and kind in SYMMETRIC:  # "Biden and Putin met"
        found = _first_other((_phrase_mention(o, index) for s in _subjects(verb)
                              for o in s.conjuncts), source)
    return found or _fallback_target(verb, kind, index, source)


def _fallback_target(verb, kind: str, index, source) -> Mention | None:
    """Threats aim at whoever the condition is about; requests and warnings at their content."""
    for node in _verb_group(verb):
        for child in node.children:
            if (child.dep_ == "advcl" and _has_if(child)) or (child.dep_ == "ccomp" and kind in (
                    "THREATEN", "REQUEST", "ACCUSE", "REJECT")):
                found = (_first_other((_phrase_mention(s, index) for s in _subjects(child)),
                                      source)
                         or _first_other((index.get(t.i) for t in child.subtree), source))
                if found is not None:
                    return found
    return None


def _noun_actors(noun, kind: str, index):
    """"Russia's demand", "warnings from X", "withdrawal of X from Y", "talks between X and Y"."""
    moving = kind in ("RETREAT", "MOBILIZE")  # "withdrawal of X from Y": X moves, Y is left
    source_preps = ("by", "of") if moving else ("by", "from")
    source = target = None
    for child in noun.children:
        if child.dep_ in ("poss", "compound", "amod", "nmod") and source is None:
            source = _phrase_mention(child, index) or _resolve_pronoun(child, index)
        elif child.dep_ == "prep" and child.lower_ in source_preps:
            source = next(iter(_pobj_mentions(child, index)), source)
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ == "between":
            pair = [m for m in (_pobj_mentions(child, index)) if m != source]
            if source is None and pair:
                source, pair = pair[0], pair[1:]
            target = target or (pair[0] if pair else None)
        elif child.dep_ == "prep" and child.lower_ in (*NOUN_TARGET_PREPS, "from") and not (
                child.lower_ in source_preps):
            target = target or next(iter(_pobj_mentions(child, index)), None)
    verb = noun.head if noun.dep_ != "pobj" else noun.head.head
    if source is None and noun.dep_ in ("dobj", "pobj") and verb.lemma_.lower() in LIGHT_VERBS:
        source = _source(verb, index)  # "Biden will hold a call with ...", "reiterated support"
    return source, target


def _pobj_mentions(prep, index) -> list[Mention]:
    """The mentions on the objects of a preposition and their conjuncts, in order."""
    out: list[Mention] = []
    for pobj in (c for c in prep.children if c.dep_ == "pobj"):
        for phrase in (pobj, *pobj.conjuncts):
            mention = _phrase_mention(phrase, index, deep=True)
            if mention is not None and mention not in out:
                out.append(mention)
    return out


def _phrase_mention(node, index, *, deep: bool = False) -> Mention | None:
    """The mention on a noun phrase: its head, else a modifier (not a clause or preposition)."""
    if node.i in index:
        return index[node.i]
    skip = ("relcl", "acl", "advcl", "ccomp") if deep else ("relcl", "acl", "advcl", "ccomp",
                                                             "prep")
    stack = [c for c in node.children if c.dep_ not in skip]
    while stack:
        token = stack.pop(0)
        if token.i in index:
            return index[token.i]
        stack.extend(c for c in token.children if c.dep_ not in skip)
    return None


def _resolve_pronoun(pronoun, index) -> Mention | None:
    """He/his/it/they: the nearest earlier subject mention of a fitting kind in the sentence;
    for he/she/his also the main subject of the sentence before."""
    want, start = PRONOUNS.get(pronoun.lower_), pronoun.sent.start
    for i in range(pronoun.i - 1, (pronoun.doc[start - 1].sent.start if start else 0) - 1, -1):
        token, mention = pronoun.doc[i], index.get(i)
        fits = mention is not None and (want == "ANY" or (want == "PERSON") == (
            mention.label == "PERSON"))
        subject = token if token.dep_ in SUBJECTS else token.head
        if i < start and (want != "PERSON" or subject.head != subject.sent.root):
            continue
        if want and fits and subject.dep_ in SUBJECTS:
            return mention
    return None


def _objects(verb) -> list:
    direct = [c for c in verb.children if c.dep_ in ("dobj", "attr", "dative")]
    return direct + [g for c in verb.children if c.dep_ in ("prep", "dobj") for g in c.children
                     if g.dep_ in (("pobj",) if c.dep_ == "prep" else ("conj", "compound"))]


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

