"""Cues and speakers over a spaCy parse, and resolution of "he" / "the president".

A cue is a reporting verb (``said``, ``told``, ``warned``, ``calling``...) or the phrase
``according to``. The speaker is the subject of the cue (climbing from a participle like
``calling`` or ``stating`` to the verb it hangs on), cut down to its noun phrase: relative
clauses, appositions and anything after a comma are left out. A nominal speaker with a
named apposition (``a spokesman, Jane Doe,``) takes the name.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

REPORTING_LEMMAS = frozenset({
    "say", "tell", "write", "add", "stress", "argue", "explain", "state", "call", "warn",
    "insist", "note", "claim", "announce", "acknowledge", "admit", "assert", "declare",
    "contend", "maintain", "suggest", "predict", "deny", "reply", "respond", "urge", "tweet",
    "post", "report", "confirm", "reveal", "indicate", "recall", "concede", "complain",
    "allege", "estimate", "promise", "vow", "pledge", "emphasize", "emphasise", "repeat",
    "testify", "counter", "observe", "remark", "joke", "boast", "quip", "caution", "mention",
    "continue", "reiterate", "describe", "accuse", "blame", "charge", "criticize", "criticise",
    "praise", "dismiss", "question", "ask", "believe", "think", "conclude", "agree",
    "disagree", "lament", "recount", "cite", "show", "find", "liken", "echo", "propose",
    "demand", "reject", "threaten", "refuse", "consider", "know", "feel", "hope", "fear",
    "worry", "expect", "understand", "recognize", "attack", "blast", "slam", "thank",
    "compare", "encourage",
})
# Cues that need a clause (or a quote) as their complement to count as reporting.
CLAUSE_ONLY = frozenset({"add", "continue", "call", "describe", "accuse", "blame", "charge",
                          "criticize", "criticise", "praise", "dismiss", "question", "ask",
                          "agree", "disagree", "think", "believe", "cite", "show", "find",
                          "liken", "echo", "propose", "demand", "know", "feel", "hope",
                          "fear", "worry", "expect", "understand", "recognize",
                          "attack", "blast", "slam", "thank", "compare", "encourage"})
_POSSESSIVE = re.compile(r"['’]s?$")
_PRONOUN_GENDER = {"he": "m", "his": "m", "him": "m", "she": "f", "her": "f", "hers": "f"}
PRONOUNS = {"he": "m", "him": "m", "she": "f", "her": "f"}
_CUT_DEPS = frozenset({"relcl", "acl", "appos", "punct", "cc", "conj", "advcl", "parataxis"})
UNIQUE_TITLES = frozenset({"president", "senator", "governor", "secretary", "minister",
                           "chancellor", "premier", "mayor", "candidate", "nominee", "chairman",
                           "chairwoman", "ambassador", "general", "pope", "king", "queen",
                           "congressman", "congresswoman", "speaker"})
_CLIMB = frozenset({"advcl", "xcomp", "conj", "acl", "pcomp", "prep"})
_DEFINITE = frozenset({"the", "this", "that"})
MALE_TITLES = frozenset({"mr", "mr."})
FEMALE_TITLES = frozenset({"mrs", "mrs.", "ms", "ms.", "miss"})


@dataclass(frozen=True, slots=True)
class Candidate:
    """A PERSON mention that a pronoun or nominal speaker may resolve to."""

    start: int
    end: int
    text: str
    subject: bool
    gender: str | None
    context: str


def is_cue(token) -> bool:
    return token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in REPORTING_LEMMAS


def subject_of(verb):
    """The nominal subject of ``verb``, climbing from participles and conjuncts; for a
    main verb the parse left without one, the nearest named person or group before it."""
    current = verb
    for _ in range(4):
        for child in current.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                return child
        if current.dep_ in _CLIMB and current.head is not current:
            current = current.head
            continue
        break
    return _named_before(verb) if verb.dep_ == "ROOT" else None


def _named_before(verb):
    """The last token of the nearest PERSON/ORG entity before ``verb`` in its sentence."""
    for token in reversed(verb.doc[verb.sent.start:verb.i]):
        if token.ent_type_ in ("PERSON", "ORG") and token.ent_iob_ in ("B", "I"):
            nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
            if nxt is None or nxt.ent_type_ != token.ent_type_ or nxt.ent_iob_ == "B":
                return token
    return None


def according_to(token):
    """``(according_token, object_token)`` when ``token`` starts ``according to X``."""
    if token.lower_ != "according":
        return None
    for child in token.children:
        if child.lower_ == "to" and child.dep_ == "prep":
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return token, obj
    nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
    if nxt is not None and nxt.lower_ == "to":
        for obj in nxt.children:
            if obj.dep_ == "pobj":
                return token, obj
    return None


def _phrase_tokens(head) -> list:
    keep = [head]
    for child in head.children:
        if child.dep_ in _CUT_DEPS:
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
    while hi > lo and doc[hi].is_punct:
        hi -= 1
    while lo < hi and doc[lo].is_punct:
        lo += 1
    return lo, hi + 1


def named_apposition(head):
    """A proper-noun apposition of a nominal head (``a spokesman, Jane Doe, said``)."""
    if head.pos_ == "PROPN":
        return None
    for child in head.children:
        if child.dep_ == "appos" and child.pos_ == "PROPN":
            return child
    return None


def needs_resolution(doc, lo: int, hi: int) -> str | None:
    """``"pronoun"``, ``"nominal"`` or None for the speaker tokens ``doc[lo:hi]``."""
    span = doc[lo:hi]
    if len(span) == 1 and span[0].lower_ in PRONOUNS:
        return "pronoun"
    if any(token.pos_ == "PROPN" for token in span):
        return None
    if span[0].lower_ in _DEFINITE and span.root.pos_ == "NOUN":
        return "nominal"
    return None


def _gender(doc, start_token: int) -> str | None:
    prev = doc[start_token - 1].lower_ if start_token > 0 else ""
    if prev in MALE_TITLES:
        return "m"
    if prev in FEMALE_TITLES:
        return "f"
    return None


def _surname(text: str) -> str:
    words = text.split()
    return _POSSESSIVE.sub("", words[-1].lower()) if words else ""


def _title_words(doc, span) -> set[str]:
    """Titles the parse attaches to a mention: ``President`` in ``President Jane Roe``,
    ``senator`` in ``Jane Roe, the senator,`` or ``the senator, Jane Roe``."""
    words = set()
    for child in span.root.children:
        if child.dep_ in ("compound", "nmod", "appos") and not span.start <= child.i < span.end:
            words.add(child.lemma_.lower())
    if span.root.dep_ == "appos":
        words.add(span.root.head.lemma_.lower())
    words.update(t.lemma_.lower() for t in span if t.pos_ == "NOUN" or t.is_title and
                 t.lemma_.lower() in UNIQUE_TITLES)
    return words


def _gender_votes(doc, span) -> list[str]:
    """Cheap gender evidence for a mention: a title before it, a pronoun after it in its
    sentence."""
    votes = [g for g in (_gender(doc, span.start),) if g]
    for token in doc[span.end:min(span.root.sent.end, span.end + 12)]:
        if token.lower_ in _PRONOUN_GENDER:
            votes.append(_PRONOUN_GENDER[token.lower_])
            break
    return votes


def person_candidates(doc, spans: Sequence[tuple[int, int, str]]) -> list[Candidate]:
    """Candidates from PERSON spans ``(start, end, text)`` (character offsets). The
    context words and gender evidence of every mention of a surname are pooled."""
    found = []
    contexts: dict[str, set[str]] = {}
    votes: dict[str, list[str]] = {}
    for start, end, text in spans:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        subject = any(token.dep_ in ("nsubj", "nsubjpass") for token in span)
        words = _title_words(doc, span)
        contexts.setdefault(_surname(text), set()).update(words)
        votes.setdefault(_surname(text), []).extend(_gender_votes(doc, span))
        found.append((start, end, text, subject))
    out = []
    for start, end, text, subject in found:
        pooled = votes[_surname(text)]
        gender = max(("m", "f"), key=pooled.count) if pooled and pooled.count("m") != pooled.count("f") else None
        out.append(Candidate(start, end, text, subject, gender,
                             " ".join(sorted(contexts[_surname(text)]))))
    return out


def _fits(candidate: Candidate, kind: str, surface) -> bool:
    if kind == "pronoun":
        want = PRONOUNS[surface[0].lower_]
        return candidate.gender in (None, want)
    return surface.root.lemma_.lower() in candidate.context.split()


def _bare_nominal(surface) -> bool:
    """``the president``: ``the`` and a title held by one person at a time (not ``the
    official``, which names an anonymous source)."""
    return len(surface) == 2 and surface[0].lower_ == "the" and \
        surface[1].lemma_.lower() in UNIQUE_TITLES


def choose_candidate(cands: Sequence[Candidate], kind: str, surface) -> Candidate | None:
    """The best fitting candidate among those preceding the speaker: the last one named
    as a subject, else the nearest. A bare ``the <title>`` with no candidate carrying
    that title falls back to the last person named as a subject."""
    fitting = [c for c in cands if _fits(c, kind, surface)]
    subjects = [c for c in fitting if c.subject]
    if not subjects and kind == "nominal" and _bare_nominal(surface):
        subjects = [c for c in cands if c.subject]
    if subjects:
        return subjects[-1]
    return fitting[-1] if fitting else None


def same_person(cands: Sequence[Candidate]) -> bool:
    """Do all candidates name one person (same last word)?"""
    last_words = {_surname(c.text) for c in cands}
    return len(last_words) == 1
