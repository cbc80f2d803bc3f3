"""Parsing an article (in pieces when it is long), the stored parse, and cheap Doc reads.

A long article is parsed in pieces: paragraph groups of at most ``max_chars`` characters
(a paragraph longer than that is cut at a line break, else after a sentence end, else at a
space). The pieces cover the text exactly, so the piece Docs merged back into one Doc give
the article's text character for character and every offset stays exact; the parser never
sees more than one piece at a time, which bounds its memory. A fresh parse is given to the
stages as a stored one would be: without the parser's hidden-state tensor.

A parse is kept as a one-document ``DocBin`` (tokens, tags, lemmas, morphology,
dependencies, sentence starts and entities; no user data, no vectors), so that the rule
stages can run again without parsing again. Loading needs the vocabulary of the model that
made it; ``annotate.models`` loads that model.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import operator
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TypeVar

from ..text.paragraphs import PARAGRAPH_BREAK

T = TypeVar("T")

#: What a stored parse keeps: everything the rule stages read.
ATTRS = ("ORTH", "TAG", "HEAD", "DEP", "ENT_IOB", "ENT_TYPE", "LEMMA", "MORPH", "POS",
         "SPACY", "SENT_START")

#: Where a piece may end, best first: after a blank line, after a line break, after a
#: sentence end and the space that follows it, after any space.
_CUTS = (PARAGRAPH_BREAK, re.compile(r"\n"), re.compile(r"[.!?][\"'\u201d)\]]*\s+"),
         re.compile(r"\s+"))


def _cut_before(text: str, start: int, limit: int) -> int:
    """The best place to end a piece that starts at ``start`` and may not pass ``limit``:
    the last cut of the best kind in the second half of the window, else ``limit``."""
    low = start + max(1, (limit - start) // 2)
    for pattern in _CUTS:
        last = None
        for last in pattern.finditer(text, low, limit):
            pass
        if last is not None and last.end() > start:
            return last.end()
    return limit


def piece_bounds(text: str, max_chars: int) -> list[tuple[int, int]]:
    """``(start, end)`` of the pieces ``text`` is parsed in: contiguous, covering all of
    it, each at most ``max_chars`` long (one piece when the text is short enough)."""
    if max_chars <= 0 or len(text) <= max_chars:
        return [(0, len(text))]
    bounds, start = [], 0
    while len(text) - start > max_chars:
        end = _cut_before(text, start, start + max_chars)
        bounds.append((start, end))
        start = end
    bounds.append((start, len(text)))
    return bounds


def merge_docs(docs: list):
    """One Doc from the Docs of consecutive pieces (text joined exactly as it was)."""
    if len(docs) == 1:
        return docs[0]
    from spacy.tokens import Doc

    return Doc.from_docs(docs, ensure_whitespace=False)


def parse_texts(nlp, texts: Iterable[str], max_chars: int, batch_size: int,
                batch_chars: int = 0) -> Iterator:
    """One Doc per text, in order, streaming: long texts go through ``nlp.pipe`` in
    pieces (see :func:`piece_bounds`) and come back as one merged Doc. A batch holds at
    most ``batch_size`` pieces and, past its first, at most ``batch_chars`` characters
    (0: no limit): the parser's working memory grows with the tokens of a batch, not with
    the number of texts, and a piece is parsed the same in any batch."""

    def pieces():
        for index, text in enumerate(texts):
            for start, end in piece_bounds(text, max_chars):
                yield text[start:end], (index, text)

    parsed = (pair for batch in _batches(pieces(), batch_size, batch_chars)
              for pair in nlp.pipe(batch, as_tuples=True, batch_size=len(batch)))
    for (_, text), group in itertools.groupby(parsed, key=lambda pair: pair[1]):
        doc = merge_docs([_without_tensor(doc) for doc, _ in group])
        doc.user_data[_TEXT] = text
        yield doc


def _batches(pieces: Iterable[tuple[str, object]], size: int,
             chars: int) -> Iterator[list[tuple[str, object]]]:
    """``pieces`` (text, context) in consecutive batches of at most ``size`` pieces and,
    past the first piece, at most ``chars`` characters (0: no limit)."""
    batch: list[tuple[str, object]] = []
    held = 0
    for piece in pieces:
        if batch and (len(batch) >= size or 0 < chars < held + len(piece[0])):
            yield batch
            batch, held = [], 0
        batch.append(piece)
        held += len(piece[0])
    if batch:
        yield batch


def _without_tensor(doc):
    """``doc`` without the parser's hidden-state tensor: no stage reads it, a stored parse
    does not keep it, and on a long article it is tens of megabytes."""
    import numpy

    doc.tensor = numpy.zeros((0,), dtype="float32")
    return doc


def to_bytes(doc) -> bytes:
    from spacy.tokens import DocBin

    docbin = DocBin(attrs=list(ATTRS), store_user_data=False)
    docbin.add(doc)
    return docbin.to_bytes()


def from_bytes(data: bytes, vocab, text: str | None = None):
    """The Doc stored as ``data``. ``text``, when given, is the text it was parsed from
    (the stored parse's key holds the text's hash): :func:`doc_text` then returns it
    without joining every token again."""
    doc = _stored_doc(data, vocab)
    if text is not None:
        doc.user_data[_TEXT] = text
    return doc


#: Where :func:`doc_text` keeps a Doc's text (a Doc's own user data: it lives and dies with
#: the Doc, and a stored parse does not keep user data).
_TEXT = "storyline.text"


#: Where :func:`per_doc` keeps what it made of a Doc (in the Doc's own user data).
_CACHE = "storyline.cache"


def per_doc(function: Callable[..., T]) -> Callable[..., T]:
    """``function(doc, *args)`` made once per Doc and arguments, kept in the Doc's own user
    data: it goes with the Doc (or at :func:`release`), where a cache of the module would
    keep the last few Docs, their tokens and columns alive after they are annotated."""
    name = function.__qualname__

    @functools.wraps(function)
    def cached(doc, *args):
        made = doc.user_data.get(_CACHE)
        if made is None:
            made = doc.user_data[_CACHE] = {}
        key = (name, *args) if args else name
        try:
            return made[key]
        except KeyError:
            value = made[key] = function(doc, *args)
            return value

    return cached


def release(doc) -> None:
    """Drop what the helpers of this module keep in ``doc``'s user data (the tokens, spans
    and columns they made of it refer back to the Doc: without this, the Doc waits for the
    garbage collector). They are made again if asked for."""
    doc.user_data.pop(_CACHE, None)
    doc.user_data.pop(_SPANS, None)


def doc_text(doc) -> str:
    """``doc.text``, computed once per Doc (spaCy joins every token on each access)."""
    text = doc.user_data.get(_TEXT)
    if text is None:
        text = doc.user_data[_TEXT] = doc.text
    return text


@per_doc
def doc_tokens(doc) -> tuple:
    """The tokens of ``doc``, made once per Doc: spaCy builds a new Token object on every
    iteration, and several rule stages walk the whole document."""
    return tuple(doc)


#: Where :func:`char_span` keeps the spans it made (in the Doc's own user data).
_SPANS = "storyline.spans"


def char_span(doc, start: int, end: int):
    """``doc.char_span(start, end, alignment_mode="expand")``, made once per Doc and
    range: several stages look up the same mentions, quantities and sentences."""
    spans = doc.user_data.get(_SPANS)
    if spans is None:
        spans = doc.user_data[_SPANS] = {}
    key = (start, end)
    if key not in spans:
        spans[key] = _expand_span(doc, start, end)
    return spans[key]


def _expand_span(doc, start: int, end: int):
    """``doc.char_span(start, end, alignment_mode="expand")`` found by bisection in the
    token offsets (spaCy's own makes several Token objects on each call): the tokens of a
    Doc, each with its trailing space, cover its text one after the other, so the token
    holding a character is the last one starting at or before it."""
    from spacy.tokens import Span

    offsets, words, size = _offsets(doc)
    if not offsets or not 0 <= start < size or not 0 <= end - 1 < size:
        return None
    first = bisect.bisect_right(offsets, start) - 1
    last = bisect.bisect_right(offsets, end - 1) - 1
    if start == offsets[first] + len(words[first]):
        first += 1  # the trailing space belongs to no token
    return Span(doc, first, last + 1)


@per_doc
def _offsets(doc) -> tuple[tuple[int, ...], tuple[str, ...], int]:
    """What :func:`_expand_span` reads: the token offsets, the token texts and the
    length of the Doc's text."""
    return token_column(doc, "idx"), token_column(doc, "text"), len(doc_text(doc))


def span_tokens(span) -> tuple:
    """The tokens of ``span`` (a sentence, say) from :func:`doc_tokens`, not made anew."""
    return doc_tokens(span.doc)[span.start:span.end]


def token_sequence(tokens) -> Sequence:
    """``tokens`` as a sequence to walk: a span's tokens from :func:`doc_tokens` (not made
    anew), a list or tuple as it is, anything else listed."""
    if isinstance(tokens, (list, tuple)):
        return tokens
    if hasattr(tokens, "start") and hasattr(tokens, "doc"):  # a Span (a Token has no start)
        return span_tokens(tokens)
    return list(tokens)


@per_doc
def doc_sentences(doc) -> tuple:
    """``tuple(doc.sents)``, made once per Doc (several stages walk the sentences)."""
    return tuple(doc.sents)


@per_doc
def sentence_starts(doc) -> tuple[int, ...]:
    """The token index each sentence of :func:`doc_sentences` starts at."""
    return tuple(sent.start for sent in doc_sentences(doc))


def sentence_of(token):
    """``token.sent`` found by bisection among :func:`doc_sentences` (spaCy walks the
    tokens to both sentence ends and makes two spans on each call); both end sentences
    where a token starts one."""
    doc = token.doc
    return doc_sentences(doc)[bisect.bisect_right(sentence_starts(doc), token.i) - 1]


@per_doc
def doc_entities(doc) -> tuple[tuple, tuple[int, ...]]:
    """``doc.ents`` (in order) and the token index each starts at, made once per Doc
    (spaCy walks every token and makes new spans on each access)."""
    ents = tuple(doc.ents)
    return ents, tuple(ent.start for ent in ents)


def entities_within(doc, start: int, end: int) -> list:
    """``doc[start:end].ents``: the entities wholly inside tokens ``start`` to ``end``, as
    spaCy finds them (from the first that starts inside, up to the first that ends after)."""
    ents, starts = doc_entities(doc)
    out = []
    for ent in ents[bisect.bisect_left(starts, start):]:
        if ent.end > end:
            break
        out.append(ent)
    return out


@per_doc
def token_column(doc, name: str) -> tuple:
    """One attribute (``"lower_"``, ``"pos_"``, ``"idx"`` ...) of every token of ``doc``,
    read once per Doc: each read of a string attribute makes a new Python string, and the
    stages test the same attributes of every token again and again. The attributes of
    :data:`_ARRAY_STRINGS` and :data:`_ARRAY_NUMBERS` are read as one array (no Token
    objects), each distinct string id looked up once."""
    attr = _ARRAY_NUMBERS.get(name)
    if attr is not None:
        return tuple(doc.to_array(attr).tolist())
    attr = _ARRAY_STRINGS.get(name)
    if attr is None:
        return tuple(map(operator.attrgetter(name), doc_tokens(doc)))
    keys = doc.to_array(attr).tolist()
    try:
        return tuple(map(_STRINGS.__getitem__, keys))
    except KeyError:
        _learn_strings(doc.vocab.strings, keys)
        return tuple(map(_STRINGS.__getitem__, keys))


#: The string of each string id the columns met, shared by every Doc: an id is the hash of
#: its string (the same in every vocabulary), so it never goes stale, and the columns of
#: later Docs reuse the strings (and their cached hashes) instead of decoding each anew.
#: Holds strings only (no Doc, no token); emptied when it reaches :data:`_STRINGS_LIMIT`.
_STRINGS: dict[int, str] = {}
_STRINGS_LIMIT = 500_000


def _learn_strings(strings, keys: list[int]) -> None:
    """Add the strings of ``keys`` that :data:`_STRINGS` lacks, looked up in ``strings``
    (a vocabulary's string store)."""
    missing = set(keys).difference(_STRINGS)
    if len(_STRINGS) + len(missing) > _STRINGS_LIMIT:
        _STRINGS.clear()
        missing = set(keys)
    for key in missing:
        _STRINGS[key] = strings[key]


#: String attributes of a token and the spaCy attribute holding their string id.
_ARRAY_STRINGS = {"pos_": "POS", "tag_": "TAG", "dep_": "DEP", "text": "ORTH",
                  "lower_": "LOWER", "lemma_": "LEMMA"}

#: Number attributes of a token and the spaCy attribute holding them.
_ARRAY_NUMBERS = {"idx": "IDX"}


@per_doc
def tokens_with_pos(doc, pos: str) -> tuple:
    """The tokens of ``doc`` whose part of speech is ``pos``, in order."""
    return tuple(token for token, tag in zip(doc_tokens(doc), token_column(doc, "pos_"))
                 if tag == pos)


@per_doc
def lemma_lower_column(doc) -> tuple[str, ...]:
    """``token.lemma_.lower()`` of every token of ``doc``, each distinct lemma lower-cased
    once per Doc (the stages look lemmas up in lower-case word lists)."""
    lemmas = token_column(doc, "lemma_")
    lowered = {lemma: lemma.lower() for lemma in set(lemmas)}
    return tuple(map(lowered.__getitem__, lemmas))


def tokens_with_lemma(doc, pos: str, lemmas) -> list:
    """The tokens of ``doc`` whose part of speech is ``pos`` and whose lower-cased lemma
    is in ``lemmas`` (a word list, a set or a table), in order."""
    lowered = lemma_lower_column(doc)
    return [token for token in tokens_with_pos(doc, pos) if lowered[token.i] in lemmas]


@per_doc
def token_children(doc) -> tuple[tuple, ...]:
    """The children of every token of ``doc`` (as ``token.children`` gives them, left to
    right), made of the tokens of :func:`doc_tokens` once per Doc."""
    tokens = doc_tokens(doc)
    # HEAD holds each head's offset from its token (as an unsigned 64-bit number)
    offsets = doc.to_array("HEAD").astype("int64").tolist() if tokens else []
    below: dict[int, list] = {}  # only the heads (about half the tokens are leaves)
    for i, (token, offset) in enumerate(zip(tokens, offsets)):
        if offset:
            found = below.get(i + offset)
            if found is None:
                below[i + offset] = [token]
            else:
                found.append(token)
    children: list[tuple] = [()] * len(tokens)
    for head, found in below.items():
        children[head] = tuple(found)
    return tuple(children)


def children_of(token) -> tuple:
    """``tuple(token.children)`` without making new Token objects (read straight from
    the Doc's cache once :func:`token_children` is there: the stages ask for the
    children of a token a few thousand times per Doc)."""
    doc = token.doc
    try:
        return doc.user_data[_CACHE][_CHILDREN][token.i]
    except KeyError:
        return token_children(doc)[token.i]


#: The key :func:`per_doc` keeps :func:`token_children` under.
_CHILDREN = token_children.__qualname__


def subtree_of(token) -> tuple:
    """``tuple(token.subtree)`` (the left children's subtrees, the token, the right
    children's subtrees) from :func:`token_children`, without spaCy's nested generators."""
    children = token_children(token.doc)
    out, stack = [], [(token, False)]
    while stack:
        node, done = stack.pop()
        if done:
            out.append(node)
            continue
        i = node.i
        below = children[i]
        stack.extend((child, False) for child in reversed(below) if child.i > i)
        stack.append((node, True))
        stack.extend((child, False) for child in reversed(below) if child.i < i)
    return tuple(out)


def subtree_bounds(token) -> tuple[int, int]:
    """``(first, last + 1)``: the lowest and past the highest token index of
    ``token.subtree``, from :func:`token_children` without ordering the subtree."""
    children = token_children(token.doc)
    lo = hi = token.i
    stack = [token]
    while stack:
        i = stack.pop().i
        if i < lo:
            lo = i
        elif i > hi:
            hi = i
        stack.extend(children[i])
    return lo, hi + 1


@per_doc
def quoted_tokens(doc, spans: tuple[tuple[int, int], ...]) -> frozenset[int]:
    """Indexes of the tokens that start inside one of the character ``spans``."""
    inside = set()
    for start, end in spans:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            inside.update(t.i for t in span_tokens(span) if start <= t.idx < end)
    return frozenset(inside)


def _stored_doc(data: bytes, vocab):
    """The first Doc of the ``DocBin`` bytes ``data``, as ``DocBin.get_docs`` rebuilds it,
    without its per-call costs: ``srsly`` looks up its registered msgpack decoders (a scan
    of the installed packages' entry points) on every load, the bin's strings are each
    looked up in the vocabulary again although most are there after the first parse, and
    ``Doc`` reads its words and spaces one NumPy scalar at a time. A bin holding user data
    or more than one Doc, or bytes that are no bin, goes through ``DocBin``."""
    import zlib

    import numpy
    import srsly
    from spacy.attrs import ORTH
    from spacy.tokens import Doc, DocBin

    try:
        packed = zlib.decompress(data)
    except zlib.error:  # DocBin says what is wrong
        return next(iter(DocBin().from_bytes(data).get_docs(vocab)))
    msg = srsly.msgpack.unpackb(packed, raw=False, object_pairs_hook=dict)
    lengths = numpy.frombuffer(msg["lengths"], dtype="int32")
    if len(lengths) != 1 or "user_data" in msg:
        return next(iter(DocBin().from_bytes(data).get_docs(vocab)))
    for string in msg["strings"]:
        if string not in vocab:
            vocab[string]
    attrs = msg["attrs"]
    tokens = numpy.frombuffer(msg["tokens"], dtype="uint64").reshape(
        (int(lengths[0]), len(attrs)))
    flags = msg.get("flags", [{}])[0]
    spaces = None if flags.get("has_unknown_spaces") else numpy.frombuffer(
        msg["spaces"], dtype=bool).tolist()
    doc = Doc(vocab, words=tokens[:, attrs.index(ORTH)].tolist(), spaces=spaces)
    doc = doc.from_array(attrs, tokens)
    doc.cats = msg["cats"][0]
    groups = msg.get("span_groups", [b""])[0]
    if groups and groups != doc.spans._EMPTY_BYTES:
        doc.spans.from_bytes(groups)
    return doc
