"""The tense that decides whether a bare "June" or "Tuesday" lies before or after the reference.

``clause_tense`` returns ("past" | "future" | None, firm). With a spaCy Doc it reads the
verb that governs the expression: a gerund or participle without auxiliaries of its own
("telling reporters after meeting him in June") inherits the tense of the verb it hangs
from, and a present-tense clause of time ("when he lands on Friday") that of its main
clause. A bare participle on a noun ("the pact, signed Friday") reports a completed
event. "after <gerund>", "in the past" and a span under "after"/"since" mark the past when
nothing else decides; a present progressive ("is meeting him on Friday") or a scheduling
verb ("is set for Friday", "plans to") marks the future, as does "effective <date>".
Without a Doc, or when the parse gives no verb, a word-pattern heuristic takes the nearest
tense cue in the sentence, not looking past a dash, a semicolon or "that" after the span.
"""

from __future__ import annotations

import re

from ..parse import char_span, children_of

_WINDOW = 160
_FIRM_DISTANCE = 2
_CLIMB = 8

_FUTURE = re.compile(r"\b(?:will|shall|wo|going\s+to|plan(?:s|ned|ning)?\s+to|expect(?:s|ed)?\s+"
                     r"to|set\s+to|(?:is|are|was|were)\s+to|(?:is|are)\s+(?:set|slated)\s+for|"
                     r"scheduled|due\s+to|would|could|may|might|should|must|can|intends?\s+to|"
                     r"hopes?\s+to|next|upcoming|tomorrow|as\s+soon\s+as|until)\b|'ll\b",
                     re.IGNORECASE)
_PAST = re.compile(r"\b(?:said|was|were|had|did|ago|last|yesterday|told|went|came|met|made|"
                   r"took|gave|began|left|saw|got|held|"
                   r"[a-z]{2,}ed|[Ii]n\s+the\s+past|"
                   r"[Aa]fter\s+[a-z]{2,}ing)\b")
_PASSIVE = re.compile(r"\b(?P<aux>(?:will|would|to|may|might|could|should|must|can)\s+be|"
                      r"is|are|am|be|been|being|was|were|had\s+been|has\s+been|have\s+been)"
                      r"\s+(?:\w+ly\s+)?[a-z]{2,}(?:ed|en)\b", re.IGNORECASE)
_BOUNDARY = re.compile(r"[.!?]\s+(?=[A-Z\"'])|\n")
_CLAUSE_AFTER = re.compile(r"[.!?]\s+(?=[A-Z\"'])|\n|\s[\u2014\u2013;]\s|\s--\s|\sthat\s")

_EFFECTIVE = re.compile(r"(?:\b(?P<verb>became|was|were|had\s+been|went)\s+)?\beffective\s+"
                        r"(?:on\s+|from\s+|as\s+of\s+)?$", re.IGNORECASE)
_NONFINITE = frozenset({"VBG", "VBN"})
_CLAUSE_MARKS = frozenset({"when", "whenever", "once", "if", "as", "while", "until", "till",
                           "before", "after"})
_SCHEDULING = frozenset({"schedule", "set", "slate", "plan", "expect", "due", "poise"})
_VERBAL = frozenset({"VERB", "AUX"})


def clause_tense(text: str, start: int, end: int, doc) -> tuple[str | None, bool]:
    """("past" | "future" | None, firm) for the clause around ``text[start:end]``.

    Firm means the evidence is close (the governing verb in ``doc``, or a tense word a few
    characters away), so that a month resolves by tense even when the other reading is
    much nearer to the reference.
    """
    effective = _EFFECTIVE.search(text, max(0, start - 40), start)
    if effective:
        return ("past" if effective["verb"] else "future"), True
    if doc is not None:
        found = doc_tense(doc, start, end)
        if found is not None:
            return found or None, False
    return text_tense(text, start, end)


def text_tense(text: str, start: int, end: int) -> tuple[str | None, bool]:
    """The tense of the nearest tense cue within the sentence around the span."""
    left = max(0, start - _WINDOW)
    before = text[left:start]
    cuts = list(_BOUNDARY.finditer(before))
    if cuts:
        left += cuts[-1].end()
    after = text[end:end + _WINDOW]
    cut = _CLAUSE_AFTER.search(after)
    right = end + (cut.start() if cut else len(after))
    best: tuple[int, str | None] | None = None
    for pattern, tense in ((_FUTURE, "future"), (_PASSIVE, None), (_PAST, "past")):
        for match in pattern.finditer(text, left, right):
            if start <= match.start() < end or match.start() < start < match.end():
                continue
            distance = start - match.end() if match.end() <= start else match.start() - end
            if best is None or distance < best[0]:
                best = (distance, _passive_tense(match) if tense is None else tense)
    if best is None or best[1] is None:
        return None, False
    return best[1], best[0] <= _FIRM_DISTANCE


def _passive_tense(match: re.Match[str]) -> str | None:
    """"will be named" is future, "was named" past, "is expected" has no tense."""
    aux = match["aux"].lower().split()[0]
    if aux in ("was", "were", "had"):
        return "past"
    return None if aux in ("is", "are", "am", "be", "been", "being", "has", "have") else "future"


def doc_tense(doc, start: int, end: int) -> str | None:
    """Tense of the verb governing the span in a spaCy Doc; "" for present, None unknown."""
    span = char_span(doc, start, end)
    if span is None or len(span) == 0:
        return None
    verb = _governing_verb(span.root)
    if verb is None:
        return None
    tense = verb_tense(verb)
    if tense == "" and _after_or_since(span.root, verb):
        return "past"
    return tense


def verb_tense(verb) -> str:
    """"past", "future" or "" (present) for a verb token, read through the non-finite verbs
    it hangs from ("telling reporters after meeting him": past)."""
    path: list = []
    finite = _finite_verb(verb, path)
    if path and _reduced_passive(path[-1]) and not _scheduling(path[-1]):
        return "past"
    tense = _own_tense(finite)
    if tense == "" and any(_scheduling(step) for step in path):
        return "future"
    if tense == "":
        tense = _present_reading(finite)
    if tense == "" and (_after_gerund(path) or any(map(_in_the_past, [finite, *path]))):
        return "past"
    return tense


def finite_verb(verb):
    """The verb whose tense and auxiliaries ``verb`` takes (itself when finite)."""
    return _finite_verb(verb, [])


def governing_verb(token):
    """The nearest verb at or above ``token`` (six steps at most), or None."""
    return _governing_verb(token)


def _governing_verb(token):
    for _ in range(6):
        if token.pos_ in _VERBAL or token.head is token:
            break
        token = token.head
    return token if token.pos_ in _VERBAL else None


def _auxiliaries(verb) -> list:
    return [child for child in children_of(verb) if child.dep_ in ("aux", "auxpass")]


def _is_nonfinite(verb) -> bool:
    """A gerund or participle with no auxiliary of its own ("telling", "signed")."""
    return verb.tag_ in _NONFINITE and not _auxiliaries(verb) and verb.head is not verb


def _reduced_passive(verb) -> bool:
    """A bare participle on a noun or clause ("the plan, announced Friday"): a completed
    event, unless it schedules one ("the vote, set for Friday")."""
    return verb.tag_ == "VBN" and verb.dep_ in ("acl", "amod", "advcl")


def _scheduling(verb) -> bool:
    return verb.lemma_.lower() in _SCHEDULING


def _finite_verb(verb, path: list):
    """The verb whose tense ``verb`` takes: itself, or the head a non-finite verb hangs from.

    ``path`` collects the non-finite verbs climbed through.
    """
    for _ in range(_CLIMB):
        if not _is_nonfinite(verb):
            return verb
        path.append(verb)
        if _reduced_passive(verb) and not _scheduling(verb):
            return verb
        head = _governing_verb(verb.head)
        if head is None or head is verb:
            return verb
        verb = head
    return verb


def _own_tense(verb) -> str:
    """"future" (a modal, "going to"), "past" (past tense, present perfect) or ""."""
    auxiliaries = _auxiliaries(verb)
    if any(child.tag_ == "MD" for child in auxiliaries) or verb.tag_ == "MD":
        return "future"
    if any(child.lower_ == "going" for child in auxiliaries):
        return "future"
    tags = {verb.tag_} | {child.tag_ for child in auxiliaries}
    if "VBD" in tags or ("VBN" in tags and any(c.lemma_ == "have" for c in auxiliaries)):
        return "past"
    return ""


def _present_reading(verb, depth: int = 0) -> str:
    """Future for "is meeting him Friday", "is set for Friday", "plans to go in June"; a
    clause of time ("when he lands Friday") takes the tense of its main clause; else ""."""
    auxiliaries = _auxiliaries(verb)
    if _scheduling(verb) and (verb.tag_ == "VBN" or any(c.dep_ == "xcomp"
                                                         for c in children_of(verb))):
        return "future"
    if verb.tag_ == "VBG" and any(c.lemma_ == "be" and c.tag_ in ("VBZ", "VBP")
                                  for c in auxiliaries):
        return "future"
    marks = {child.lower_ for child in children_of(verb) if child.dep_ in ("mark", "advmod")}
    if depth == 0 and verb.dep_ == "advcl" and marks & _CLAUSE_MARKS:
        head = _governing_verb(verb.head)
        if head is not None and head is not verb:
            head = _finite_verb(head, [])
            return _own_tense(head) or _present_reading(head, depth + 1)
    return ""


def _after_gerund(path: list) -> bool:
    """True when a gerund on the way up is the object of "after" ("after meeting him")."""
    return any(verb.tag_ == "VBG" and verb.dep_ == "pcomp" and verb.head.lower_ == "after"
               for verb in path)


def _after_or_since(token, verb) -> bool:
    """True when the span hangs from "after"/"since" below its verb ("comes weeks after the
    vote on March 3"): the event lies before the reference."""
    for _ in range(6):
        if token is verb or token.head is token:
            return False
        if token.dep_ == "prep" and token.lower_ in ("after", "since"):
            return True
        token = token.head
    return False


def _in_the_past(verb) -> bool:
    """True when the verb carries the adverbial "in the past"."""
    for child in children_of(verb):
        if child.dep_ == "prep" and child.lower_ == "in" and any(
                grand.lower_ == "past" and grand.dep_ == "pobj" for grand in children_of(child)):
            return True
    return False
