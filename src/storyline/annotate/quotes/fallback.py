"""Fallback attributions: the long tail of cues, kept where PolNeAR train says they pay.

PolNeAR annotates as attributions many verbs and adjectives beyond reporting and the
attitude families (``offered a retort``, ``spoke about the economy``, ``wondered whether
S``, ``is afraid that S``, ``is critical of Y``). Each is common in news yet rarely an
attribution, so no single rule pays; which ones do is learned from data:
``fallback_model.json`` is a logistic regression trained on the PolNeAR *train* split
only (the dev split never read), over each candidate's features (``features``: its form
and lemma, the content's head word and length, the cue's dependency and tag, the kind of
word its source is, whether a conjunct cue is joined by a conjunction). A candidate is right there when it matches a gold content that no
rule attribution matches; one is kept when the model gives it at least the file's
``threshold``, chosen by cross-validation on train. ``python -m
storyline.eval.quotes_fallback DATA_DIR`` retrains it reproducibly (docs/eval.md).

Candidate forms, each for a cue outside every direct quote and not already a cue; the
first five need a nominal subject that is not passive (the source):

* ``clause``: a verb with a clausal complement (``wondered whether S``, ``assumed that
  S``): the clause, with its own subject and negation;
* ``to``: a verb with a ``to``-clause (``needs to V``): the clause;
* ``obj``: a verb with a direct object that is not a pronoun (``offered a retort``): the
  object, with what the verb says of it right after;
* ``prep``: a verb with a prepositional object (``spoke about Y``; the pair names the
  preposition: ``speak about``): the object of the preposition;
* ``adj``: an adjective predicated of the subject with a clause or a preposition
  (``is afraid that S``, ``is ready to V``, ``is critical of Y``): the clause or object;
* ``by``: a passive verb with an agent (``Y was endorsed by X``): the subject, X the
  source.

Fallbacks come last: one is kept only where it overlaps no other attribution, and among
themselves the likelier wins. The source is the subject (the noun a ``who`` clause hangs
on, the subject of the verb a conjunct or participle hangs on).
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from importlib import resources

from ...text.spans import SpanSet
from ..parse import (
    children_of,
    lemma_lower_column,
    quoted_tokens,
    sentence_of,
    subtree_of,
    token_column,
    tokens_with_pos,
)
from .attitudes import cue_lemma
from .indirect import char_range, count_words, cut_aside
from .lexicon import NEGATORS
from .speakers import subject_of

MODEL = "fallback_model.json"
_PERSONAL = frozenset({"he", "she", "they", "i", "we", "you"})
_SUBJECT_STOP = frozenset({"it", "there", "which", "that", "what", "this", "who", "these",
                           "those", "something", "anything", "everything", "nothing"})
_ADJ_HEADS = frozenset({"be", "seem", "appear", "remain", "become", "sound", "look", "feel"})


@dataclass(frozen=True, slots=True)
class Model:
    """A logistic model over named binary features, and the probability a candidate needs."""

    bias: float
    threshold: float
    weights: dict[str, float]


@dataclass(frozen=True, slots=True)
class Candidate:
    """A fallback attribution before the table decides: content, cue, source token."""

    start: int
    end: int
    key: str
    cue: object
    source: object
    head: object  # the content's head word (object, clause verb)


def _source(verb):
    """The nominal subject of ``verb`` (climbing from a conjunct or a participle, the noun
    a ``who`` clause hangs on), not passive, not an expletive or a pronoun of things; a
    relative clause's noun only for the clause's own verb (climbing from a conjunct to
    it, a misparse is likely: "a book, which explored the changes that wiped out Y and
    discussed Z" is not the changes discussing)."""
    subject = subject_of(verb)
    if subject is None:
        return None
    doc, i = verb.doc, subject.i
    deps = _deps(doc)
    if deps[i] == "nsubjpass" or i > verb.i and deps[verb.i] != "relcl":
        return None
    own = any(deps[c.i] == "nsubj" for c in children_of(verb))
    if not own and deps[i] != "nsubj" and subject.head.i != verb.i:
        return None
    lower = _lower(doc)[i]
    if lower in _SUBJECT_STOP or lower in NEGATORS:
        return None
    if lower in ("who", "that") or _pos(doc)[i] not in ("PROPN", "NOUN", "PRON"):
        return None
    return subject


# The columns the candidate walk reads (a Token's string attribute makes a new string on
# each read; a column is read once per Doc).

def _deps(doc) -> tuple[str, ...]:
    return token_column(doc, "dep_")


def _pos(doc) -> tuple[str, ...]:
    return token_column(doc, "pos_")


def _lower(doc) -> tuple[str, ...]:
    return token_column(doc, "lower_")


def _content(tokens: Sequence, min_words: int = 1) -> tuple[int, int] | None:
    if count_words(tokens) < min_words:
        return None
    start, end = char_range(tokens)
    return (start, end) if end - start > 1 else None


Found = tuple[int, int, object]


def _with_head(found: tuple[int, int] | None, head) -> Found | None:
    return None if found is None else (found[0], found[1], head)


def _clause(head) -> Found | None:
    deps, i = _deps(head.doc), head.i
    for child in children_of(head):
        if deps[child.i] == "ccomp" and child.i > i:
            return _with_head(_content(subtree_of(child), 3), child)
    return None


def _to_clause(head) -> Found | None:
    deps, pos, i = _deps(head.doc), _pos(head.doc), head.i
    for child in children_of(head):
        if deps[child.i] == "xcomp" and child.i > i and pos[child.i] in ("VERB", "AUX"):
            return _with_head(_content(subtree_of(child), 2), child)
    return None


def _object(verb) -> Found | None:
    deps, pos, i = _deps(verb.doc), _pos(verb.doc), verb.i
    for child in children_of(verb):
        if deps[child.i] == "dobj" and child.i > i and pos[child.i] not in ("PRON",):
            return _with_head(_content(cut_aside(subtree_of(child))), child)
    return None


def _preps(head) -> Iterator[tuple[str, Found]]:
    deps, pos, i = _deps(head.doc), _pos(head.doc), head.i
    for child in children_of(head):
        if deps[child.i] != "prep" or child.i < i:
            continue
        objects = [c for c in children_of(child) if deps[c.i] in ("pobj", "pcomp")]
        if objects and pos[objects[0].i] != "PRON":
            found = _with_head(_content(cut_aside(subtree_of(objects[0]))), objects[0])
            if found is not None:
                yield _lower(head.doc)[child.i], found


def _verb_candidates(verb, source) -> Iterator[Candidate]:
    lemma = cue_lemma(verb)
    for form, found in (("clause", _clause(verb)), ("to", _to_clause(verb)),
                        ("obj", _object(verb))):
        if found is not None:
            yield Candidate(found[0], found[1], f"{form}|{lemma}", verb, source, found[2])
    for prep, found in _preps(verb):
        yield Candidate(found[0], found[1], f"prep|{lemma} {prep}", verb, source, found[2])


def _adjective_candidates(adj) -> Iterator[Candidate]:
    lemmas = lemma_lower_column(adj.doc)
    if _deps(adj.doc)[adj.i] != "acomp":
        return
    head = adj.head
    if lemmas[head.i] not in _ADJ_HEADS:
        return
    source = _source(head)
    if source is None:
        return
    lemma = lemmas[adj.i]
    for form, found in (("clause", _clause(adj)), ("to", _to_clause(adj))):
        if found is not None:
            yield Candidate(found[0], found[1], f"adj|{lemma} {form}", adj, source, found[2])
    for prep, found in _preps(adj):
        yield Candidate(found[0], found[1], f"adj|{lemma} {prep}", adj, source, found[2])


def candidates(doc, outers: Sequence[tuple[int, int]], taken: frozenset[int]
               ) -> Iterator[Candidate]:
    """Every fallback candidate of ``doc`` whose cue is outside the quotes ``outers`` and
    does not start at a character offset in ``taken`` (the cues already used)."""
    quoted = quoted_tokens(doc, tuple(outers))
    offsets = token_column(doc, "idx")
    for token in tokens_with_pos(doc, "VERB"):
        if token.i in quoted or offsets[token.i] in taken or not _may_yield(token):
            continue
        source = _source(token)
        if source is not None:
            yield from _verb_candidates(token, source)
        else:
            yield from _passive_candidates(token)
    for token in tokens_with_pos(doc, "ADJ"):
        if token.i not in quoted and offsets[token.i] not in taken:
            yield from _adjective_candidates(token)


#: The dependencies of a verb's right-hand child that a verb form reads (``_clause``,
#: ``_to_clause``, ``_object``, ``_preps``).
_FORM_DEPS = frozenset({"ccomp", "xcomp", "dobj", "prep"})


def _may_yield(verb) -> bool:
    """False when no form can take ``verb``: it has no right-hand child that a verb form
    reads and no agent (a passive form's); then its source is not looked for."""
    deps, i = _deps(verb.doc), verb.i
    for child in children_of(verb):
        dep = deps[child.i]
        if dep == "agent" or child.i > i and dep in _FORM_DEPS:
            return True
    return False


def _agent(verb):
    deps = _deps(verb.doc)
    for child in children_of(verb):
        if deps[child.i] == "agent":
            return next((c for c in children_of(child) if deps[c.i] == "pobj"), None)
    return None


def _passive_candidates(verb) -> Iterator[Candidate]:
    """``Y was endorsed by X``: the subject, X the source."""
    deps = _deps(verb.doc)
    subject = next((c for c in children_of(verb) if deps[c.i] == "nsubjpass"), None)
    agent = _agent(verb)
    if subject is None or subject.i > verb.i or agent is None or _pos(verb.doc)[agent.i] == "PRON":
        return
    found = _content(subtree_of(subject))
    if found is not None:
        yield Candidate(found[0], found[1], f"by|{cue_lemma(verb)}", verb, agent, subject)


def _length_bucket(words: int) -> str:
    return "1" if words <= 1 else "2" if words <= 3 else "4" if words <= 7 else \
        "8" if words <= 15 else "16"


def _source_kind(source) -> str:
    if source.lower_ in _PERSONAL:
        return "pron"
    return source.ent_type_ or source.pos_


def features(cand: Candidate, text: str, found: SpanSet) -> list[str]:
    """The model's features of ``cand``: its pair, form and lemma, the content's length,
    the cue's dependency and tag, what kind of word the source is, whether a rule
    attribution (``found``, character spans) already lies in the cue's sentence, how a
    conjunct cue is joined (``_joined``)."""
    form, lemma = cand.key.split("|", 1)
    length = _length_bucket(len(text[cand.start:cand.end].split()))
    sent = sentence_of(cand.cue)
    busy = found.overlaps(sent.start_char, sent.end_char)
    doc = cand.cue.doc
    dep, tag = _deps(doc)[cand.cue.i], token_column(doc, "tag_")[cand.cue.i]
    head = lemma_lower_column(doc)[cand.head.i]
    return [f"key={cand.key}", f"form={form}", f"lemma={lemma.split()[0]}",
            f"form_length={form}{length}", f"length={length}", f"dep={dep}",
            f"form_dep={form}{dep}", f"source={_source_kind(cand.source)}",
            f"tag={tag}", f"busy={busy}", f"head={head}", f"joined={_joined(cand.cue)}"]


def _joined(cue) -> str:
    """How a conjunct cue is joined to the verb whose subject it takes: ``cc`` by a
    conjunction (``called a meeting and allowed Y``), ``bare`` without one (often a
    misparse of a clause that has its own source), ``none`` for a cue that is no
    conjunct."""
    if cue.dep_ != "conj":
        return "none"
    head = cue.head
    return "cc" if any(c.dep_ == "cc" and head.i < c.i < cue.i for c in children_of(head)) \
        else "bare"


@functools.lru_cache(maxsize=1)
def model() -> Model:
    """The logistic model of ``fallback_model.json`` (see the module docstring)."""
    raw = json.loads(resources.files(__package__).joinpath(MODEL).read_text(encoding="utf-8"))
    return Model(bias=float(raw["bias"]), threshold=float(raw["threshold"]),
                 weights={k: float(v) for k, v in raw["weights"].items()})


def probability(names: Sequence[str]) -> float:
    """How likely a candidate with these features is an attribution of its own."""
    m = model()
    z = m.bias + sum(m.weights.get(name, 0.0) for name in names)
    return 1.0 / (1.0 + math.exp(-z))


def kept(found: Sequence[Candidate], text: str, rules: Sequence[tuple[int, int]]
         ) -> list[Candidate]:
    """The candidates at or above the model's threshold, the likeliest first, that overlap
    no other; ``rules`` are the rule attributions' spans."""
    threshold = model().threshold
    spans = SpanSet(rules)
    scored = [(p, c) for c in found
              if (p := probability(features(c, text, spans))) >= threshold]
    scored.sort(key=lambda pc: (-pc[0], pc[1].start))
    out: list[Candidate] = []
    for _, cand in scored:
        if not any(cand.start < o.end and o.start < cand.end for o in out):
            out.append(cand)
    return out
