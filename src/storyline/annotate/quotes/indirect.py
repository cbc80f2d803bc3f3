"""Indirect speech over a spaCy parse: which clause a reporting verb reports.

Each finder yields ``(content_start, content_end, cue_token)`` in character offsets
(a parenthetical cue comes wrapped in ``Parenthetical``);
``annotate.quotes`` turns them into attributions and resolves speakers. Cases:

* ``X said (that) S`` / ``S, X warned``: the clausal complement of the cue (for ``S1, but
  S2, X added`` with the cue parsed as a conjunct of S1, both clauses);
* ``S1, X said, S2``: a parenthetical cue without a complement: the larger side of the
  sentence around it (one span, as ``Quote`` has one span);
* ``according to X, S``: the larger side of the sentence around the phrase;
* ``X called Y Z`` (the object and its predicate), ``X called for Y`` (with the clause
  after it: ``called for X to wear Y``), ``X cited Y``; a
  relative clause set off by a comma after such an object is left out;
* ``Name: S`` at the start of a paragraph (a headline, a transcript turn), with cue ``:``;
  the content runs to the end of the paragraph.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from ..parse import (
    char_span,
    children_of,
    doc_text,
    doc_tokens,
    lemma_lower_column,
    quoted_tokens,
    subtree_bounds,
    subtree_of,
    token_column,
    token_sequence,
    tokens_with_lemma,
    tokens_with_pos,
)
from .lexicon import (
    ASIDE_OPENERS,
    CLAIM_NOUNS,
    OBJECT_AND_PREDICATE,
    OBJECT_CONTENT,
    OBJECT_PREP,
    PREDICATE_ONLY,
    REPORTER_CUES,
    REPORTING_LEMMAS,
)
from .speakers import according_to, subject_of

Found = tuple[int, int, object]


class Parenthetical:
    """Marks a cue found as ``S1, X said, S2`` (its content is the sentence around it)."""

    __slots__ = ("token",)

    def __init__(self, token) -> None:
        self.token = token
_PARENTHETICAL_DEPS = frozenset({"parataxis", "advcl", "ccomp", "conj", "ROOT"})
MIN_CONTENT_WORDS = 3
_BREAKS = frozenset({",", "—", "–", "-", "--"})


def char_range(tokens: Sequence) -> tuple[int, int]:
    """The character range of ``tokens`` without edge punctuation and spaces. A reported
    clause keeps its ``that`` (``said that S``: the content is ``that S``), as PolNeAR's
    contents do: on its dev split, 183 matched contents differed from the gold only by it."""
    words = list(token_sequence(tokens))
    while words and (words[0].is_punct or words[0].is_space):
        words.pop(0)
    while words and (words[-1].is_punct or words[-1].is_space):
        words.pop()
    if not words:
        return 0, 0
    return words[0].idx, words[-1].idx + len(words[-1].text)


def cut_aside(tokens: Sequence) -> list:
    """A nominal content without a relative clause set off by a comma after it ("the
    reality of climate change, which makes him an outlier"): that clause is the writer's
    aside, not what the source said or did."""
    words = list(token_sequence(tokens))
    for index, token in enumerate(words[:-1]):
        nxt = words[index + 1]
        if token.text == "," and nxt.lower_ in ASIDE_OPENERS and nxt.head.dep_ == "relcl":
            return words[:index]
    return words


def count_words(tokens: Sequence) -> int:
    return sum(1 for t in token_sequence(tokens) if not t.is_punct and not t.is_space)


def larger_side(doc, sent, lo: int, hi: int) -> tuple[int, int]:
    """The larger part of ``sent`` left or right of the token range ``[lo, hi)``."""
    left, right = doc[sent.start:lo], doc[hi:sent.end]
    side = left if count_words(left) >= count_words(right) else right
    if count_words(side) < MIN_CONTENT_WORDS:
        return 0, 0
    return char_range(side)


def _outside(token, outers: Sequence[tuple[int, int]]) -> bool:
    return token.i not in quoted_tokens(token.doc, tuple(outers))


def _complement(token) -> tuple[int, int] | None:
    """The clause (or object) a cue reports, as a character range, if it has one."""
    lemma = token.lemma_.lower()
    doc = token.doc
    comps = [child for child in children_of(token) if child.dep_ == "ccomp"]
    if comps:
        lo = min(c.left_edge.i for c in comps)
        hi = max(c.right_edge.i for c in comps) + 1
        if lo < token.i < hi:  # a complement on each side: keep the nearer one
            comps = [c for c in comps if c.i > token.i] or comps
            lo, hi = comps[0].left_edge.i, comps[0].right_edge.i + 1
        if lo > token.i:
            lo = _fronted_subject_start(token, lo)
        elif hi <= token.i:
            lo = _joined_clauses_start(token, lo)
        return _semicolon_clip(doc, token, *char_range(doc[lo:hi]))
    deps = {child.dep_: child for child in children_of(token)}
    obj = deps.get("dobj")
    pred = deps.get("oprd") or deps.get("xcomp")
    if lemma in OBJECT_AND_PREDICATE and obj is not None and pred is not None:
        return char_range(cut_aside(doc[obj.left_edge.i:pred.right_edge.i + 1]))
    if lemma in PREDICATE_ONLY and pred is not None and pred.dep_ == "xcomp":
        return char_range(subtree_of(pred))
    prep = _call_preposition(token) if lemma == "call" else None
    if prep is not None:
        if prep.lower_ == "on" and pred is not None:
            return char_range(cut_aside(doc[prep.i + 1:pred.right_edge.i + 1]))
        objects = [c for c in children_of(prep) if c.dep_ in ("pobj", "pcomp")]
        if not objects:
            return None
        end = objects[0].right_edge.i + 1
        if pred is not None and pred.left_edge.i == end:  # "called for X to wear Y"
            end = pred.right_edge.i + 1
        return char_range(cut_aside(doc[objects[0].left_edge.i:end]))
    reason = _object_prep(token, obj)
    if reason is not None:
        return char_range(cut_aside(doc[obj.left_edge.i:reason.right_edge.i + 1]))
    if lemma in OBJECT_CONTENT and obj is not None and obj.pos_ not in ("PRON",):
        return char_range(cut_aside(subtree_of(obj)))
    return None


def _call_preposition(token):
    """The "for" or "on" of "called for X" / "called on X to V": the first preposition
    or particle after the cue, when it is one of those ("called for more investment in a
    statement on Monday": for)."""
    for child in children_of(token):
        if child.dep_ in ("prep", "prt") and child.i > token.i:
            return child if child.lower_ in ("for", "on") else None
    return None


def _object_prep(token, obj):
    """``accused X of Y``, ``blasted X for Y``, ``described X as Y``: the preposition."""
    wanted = OBJECT_PREP.get(token.lemma_.lower())
    if obj is None or not wanted:
        return None
    for child in list(children_of(token)) + list(children_of(obj)):
        if child.dep_ == "prep" and child.lower_ in wanted and child.i > obj.i:
            return child
    return None


def _fronted_subject_start(cue, lo: int) -> int:
    """``The museum, Mr. Obama said, would make ...``: the complement's subject stands
    before the parenthetical cue; start the content at the sentence start then."""
    doc, sent = cue.doc, cue.sent
    first = subtree_bounds(cue)[0]
    if first <= sent.start or doc[first - 1].text != ",":
        return lo
    if any(t.pos_ in ("VERB", "AUX") for t in doc[sent.start:first - 1]):
        return lo
    return sent.start


def _joined_clauses_start(cue, lo: int) -> int:
    """``S1, but S2, the source added.``: the parse hangs the cue on S1 as a conjunct and
    gives it only S2; a cue after its complement at the end of the sentence reports both."""
    head = cue.head
    if cue.dep_ != "conj" or head.i >= lo or head.pos_ not in ("VERB", "AUX"):
        return lo
    if any(not t.is_punct and not t.is_space for t in cue.doc[cue.i + 1:cue.sent.end]):
        return lo
    return max(cue.sent.start, head.left_edge.i)


def _semicolon_clip(doc, cue, start: int, end: int) -> tuple[int, int]:
    """A reported clause ends at a semicolon (after the cue) or starts after one (before)."""
    text = doc_text(doc)
    if cue.idx < start:
        cut = text.find(";", start, end)
        return (start, cut) if cut > start else (start, end)
    cut = text.rfind(";", start, end)
    return (cut + 1 + len(text[cut + 1:end]) - len(text[cut + 1:end].lstrip()), end) \
        if cut >= start else (start, end)


def noun_cues(doc) -> Iterator[tuple[int, int, object, object]]:
    """``X's claim that S``: ``(start, end, noun, possessor)`` for claim-like nouns."""
    for token in tokens_with_lemma(doc, "NOUN", CLAIM_NOUNS):
        owner = next((c for c in children_of(token) if c.dep_ == "poss"), None)
        clause = next((c for c in children_of(token) if c.dep_ in ("acl", "ccomp", "appos")
                       and any(m.dep_ == "mark" and m.lower_ == "that" for m in children_of(c))),
                      None)
        if owner is not None and clause is not None:
            start, end = char_range(subtree_of(clause))
            if end > start:
                yield start, end, token, owner


def _is_break(token) -> bool:
    return token is not None and token.text in _BREAKS


def _parenthetical(token) -> tuple[int, int] | None:
    """For ``S1, X said, S2`` or ``S, X said`` (a cue without a complement): the sentence
    around the cue phrase. A cue phrase in the middle keeps the whole sentence (the quote
    reads as written, attribution included); at an edge, the rest of the sentence."""
    if token.dep_ not in _PARENTHETICAL_DEPS:
        return None
    if any(child.dep_ in ("dobj", "xcomp", "prep", "pobj") for child in children_of(token)):
        return None
    span = [t for t in subtree_of(token)]
    lo, hi = span[0].i, span[-1].i + 1
    sent, doc = token.sent, token.doc
    if lo <= sent.start and hi >= sent.end:
        return None
    before = doc[lo - 1] if lo > sent.start else None
    after = doc[hi] if hi < sent.end else None
    if not (_is_break(span[0]) or _is_break(span[-1]) or _is_break(before) or _is_break(after)):
        return None
    left, right = doc[sent.start:lo], doc[hi:sent.end]
    n_left, n_right = count_words(left), count_words(right)
    if n_left >= 1 and n_right >= 1 and n_left + n_right > MIN_CONTENT_WORDS:
        return char_range(doc[sent.start:sent.end])
    return larger_side(doc, sent, lo, hi) or None


def _according_content(doc, cue, obj) -> tuple[int, int]:
    phrase_end = subtree_bounds(obj)[1]
    return larger_side(doc, cue.sent, cue.i, phrase_end)


def find_indirect(doc, outers: Sequence[tuple[int, int]]) -> Iterator[Found]:
    """Indirect attributions whose cue lies outside every direct quote."""
    quoted = quoted_tokens(doc, tuple(outers))
    tokens, cues = doc_tokens(doc), REPORTING_LEMMAS.words  # what is_cue tests
    for i, (low, pos, lemma) in enumerate(zip(token_column(doc, "lower_"),
                                              token_column(doc, "pos_"),
                                              lemma_lower_column(doc))):
        if low != "according" and pos not in ("VERB", "AUX") or i in quoted:
            continue  # neither "according to" nor a cue (see is_cue)
        token = tokens[i]
        pair = according_to(token) if low == "according" else None
        if pair is not None:
            start, end = _according_content(doc, *pair)
            if end > start:
                yield start, end, token
            continue
        if pos not in ("VERB", "AUX") or lemma not in cues or subject_of(token) is None:
            continue
        found = _complement(token)
        if found and found[1] - found[0] > 1:
            yield found[0], found[1], token
            continue
        found = _parenthetical(token)
        if found and found[1] - found[0] > 1:
            yield found[0], found[1], Parenthetical(token)


def _misparsed_cue(token) -> bool:
    """``..., Maynes notes, S``: a reporting verb the tagger took for a noun, right after a
    name (or a pronoun) that follows a comma or opens the sentence, and before a comma."""
    doc = token.doc
    if token.pos_ != "NOUN" or token.lower_ not in REPORTER_CUES or token.i < 1:
        return False
    after = doc[token.i + 1] if token.i + 1 < len(doc) else None
    first = token.i - 1
    if doc[first].pos_ not in ("PROPN", "PRON") or after is None or after.text != ",":
        return False
    while first > 0 and doc[first - 1].pos_ == "PROPN":
        first -= 1
    return first == 0 or doc[first].is_sent_start or doc[first - 1].is_punct


def find_misparsed_cues(doc, outers: Sequence[tuple[int, int]]
                        ) -> Iterator[tuple[int, int, object, object]]:
    """``Importantly, Maynes notes, nobody at NATO is talking about ...``: ``(start, end,
    cue, speaker)``; the content is the sentence after the cue phrase, so the reported
    clause keeps its subject and its negation."""
    for token in tokens_with_pos(doc, "NOUN"):
        if not _misparsed_cue(token) or not _outside(token, outers):
            continue
        sent = token.sent
        start, end = char_range(doc[token.i + 2:sent.end])
        if end > start and count_words(doc[token.i + 2:sent.end]) >= MIN_CONTENT_WORDS:
            yield start, end, token, doc[token.i - 1]


def _name_like(token) -> bool:
    return token.pos_ == "PROPN" or (token.pos_ in ("NOUN", "ADJ", "VERB") and (
        token.is_title or token.is_upper) and token.is_alpha)


def find_colon_leads(doc, paragraphs: Sequence[tuple[int, int]]) -> Iterator[Found]:
    """``Name: statement`` at the start of a paragraph; the cue token is the colon."""
    tokens = doc_tokens(doc)  # made once per Doc, not on each doc[i]
    for lo, hi in paragraphs:
        first = char_span(doc, lo, min(hi, lo + 1))  # cached: speaker labels and colon leads look up the same paragraph starts
        if first is None:
            continue
        i = first.start
        while i < len(doc) and (tokens[i].is_quote or tokens[i].is_space) and tokens[i].idx < hi:
            i += 1
        names = 0
        while i < len(doc) and _name_like(tokens[i]) and names < 4:
            i, names = i + 1, names + 1
        if not names or i >= len(doc) or tokens[i].text != ":":
            continue
        if tokens[i].idx + 1 >= hi or tokens[i].idx >= hi:
            continue
        rest = doc.char_span(tokens[i].idx + 1, hi, alignment_mode="contract")
        if rest is not None and count_words(rest) >= MIN_CONTENT_WORDS:
            start, end = char_range(rest)
            if end > start:
                yield start, end, tokens[i]
