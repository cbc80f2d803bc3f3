"""The modality of a coded event: asserted, reported, conditional, negated, threatened.

Read from the parse around the trigger: an if-clause or a question makes it conditional;
a negation (or a verb of denial above it) negated; a future verb with a condition, or a
verb of threat above it ("vowed to ban"), threatened; a reporting verb above it, a hedge
or a third-person quotation reported; else asserted.
"""

from __future__ import annotations

import re

from ..parse import children_of, doc_text, sentence_of, subtree_of, token_column
from .lexicon import DENIAL, HEDGES, REPORTING, SUBJECTS, THREAT_HEADS


def _modality(token, coded_verb: bool = True) -> str:
    """The modality of the trigger ``token`` (``coded_verb``: a verb the lexicon codes)."""
    if _in_if_clause(token) or _question(token):
        return "conditional"
    if _negated(token):
        return "negated"
    conditioned = _future_with_condition(token)
    if conditioned:
        return "threatened" if coded_verb and conditioned != "only" else "conditional"
    if any(n.dep_ == "xcomp" and n.head.lemma_.lower() in THREAT_HEADS
           for n in _clause_chain(token, stop_at_clause=False, limit=3)):
        return "threatened"  # "threatened to impose sanctions", "vowed to ban"
    if _reported(token) or _quoted(token):
        return "reported"
    return "asserted"


def _question(token) -> bool:
    """An action asked about ("has he called for changes?") is conditional: the first
    end mark after it in its sentence is a question mark."""
    sent = sentence_of(token)
    for later in token_column(token.doc, "text")[token.i + 1:sent.end]:
        if later in ("?", ".", "!"):
            return later == "?"
    return sent.text.rstrip(" \"'”’)").endswith("?")


_DANGLING = re.compile(r'^\s*["”’]\s*(?=\s|$)')  # a quotation's closing mark left at the start


def _quoted(token) -> bool:
    """A third-person action told inside a quotation: someone else's account."""
    sent = sentence_of(token)
    before = _DANGLING.sub("", doc_text(token.doc)[sent.start_char:token.idx])
    opened = before.count("“") - before.count("”") + before.count('"') % 2
    if opened <= 0:
        return False
    return not any(s.lower_ in ("i", "we") for v in _verb_group(token) for s in _subjects(v))


def _in_if_clause(token) -> bool:
    return any(node.dep_ in ("advcl", "ccomp", "conj") and _has_if(node)
               for node in _clause_chain(token))


def _negated(token) -> bool:
    if token.pos_ in ("NOUN", "PROPN"):
        if any(c.dep_ == "det" and c.lower_ == "no" for c in children_of(token)):
            return True
        head = token.head
        return token.dep_ in (*SUBJECTS, "dobj") and any(c.dep_ == "neg" for c in children_of(head))
    if any(c.dep_ == "neg" for v in _verb_group(token) for c in children_of(v)):
        return True
    for node in _clause_chain(token, stop_at_clause=False, limit=5):
        if node != token and node.lemma_.lower() in DENIAL:
            return True
        if node.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ == "no"
                                       for c in children_of(node)):
            return True
    return False


def _future_with_condition(token) -> str | None:
    """"if" for a future verb with an if-clause ("will impose ... if"), "only" for "only if"."""
    group = _verb_group(token)
    if not any(c.dep_ == "aux" and c.lower_ in ("will", "would", "'ll", "wo")
               for v in group for c in children_of(v)):
        return None
    clauses = [c for v in group for c in children_of(v) if c.dep_ == "advcl" and _has_if(c)]
    if any(t.lower_ == "only" for c in clauses for t in subtree_of(c)):
        return "only"
    return "if" if clauses else None


def _has_if(node) -> bool:
    return any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in children_of(node))


def _reported(token) -> bool:
    if any(c.lower_ in HEDGES for v in _verb_group(token) for c in children_of(v)):
        return True
    limit = 6 if token.pos_ in ("NOUN", "PROPN") else 4  # a noun sits a step lower
    return any(node.dep_ in ("ccomp", "xcomp") and node.head.lemma_.lower() in REPORTING
               for node in _clause_chain(token, stop_at_clause=False, limit=limit))


def _clause_chain(token, *, stop_at_clause: bool = True, limit: int = 6):
    """The token and its heads up to the root (or the first clause boundary)."""
    node = token
    for _ in range(limit):
        yield node
        if node.head == node:
            return
        if stop_at_clause and node.dep_ in ("ccomp", "advcl", "relcl", "parataxis"):
            yield node.head
            return
        node = node.head


def _verb_group(token) -> list:
    """The verb and the verbs it hangs off by control (xcomp) or coordination."""
    group = [token]
    node = token
    while node.dep_ in ("xcomp", "conj") and node.head != node:
        node = node.head
        group.append(node)
    return group


def _subjects(verb) -> list:
    return [c for c in children_of(verb) if c.dep_ in SUBJECTS]
