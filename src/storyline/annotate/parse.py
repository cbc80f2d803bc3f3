"""The stored parse: a spaCy ``Doc`` to compact bytes and back, and cheap reads of a Doc.

A parse is kept as a one-document ``DocBin`` (tokens, tags, lemmas, morphology,
dependencies, sentence starts and entities; no user data, no vectors), so that the rule
stages can run again without parsing again. Loading needs the vocabulary of the model that
made it; ``annotate.models`` loads that model.
"""

from __future__ import annotations

import functools

#: What a stored parse keeps: everything the rule stages read.
ATTRS = ("ORTH", "TAG", "HEAD", "DEP", "ENT_IOB", "ENT_TYPE", "LEMMA", "MORPH", "POS",
         "SPACY", "SENT_START")


def to_bytes(doc) -> bytes:
    from spacy.tokens import DocBin

    docbin = DocBin(attrs=list(ATTRS), store_user_data=False)
    docbin.add(doc)
    return docbin.to_bytes()


def from_bytes(data: bytes, vocab):
    from spacy.tokens import DocBin

    return next(iter(DocBin().from_bytes(data).get_docs(vocab)))


@functools.lru_cache(maxsize=8)
def doc_text(doc) -> str:
    """``doc.text``, computed once per Doc (spaCy joins every token on each access)."""
    return doc.text


@functools.lru_cache(maxsize=8)
def doc_tokens(doc) -> tuple:
    """The tokens of ``doc``, made once per Doc: spaCy builds a new Token object on every
    iteration, and several rule stages walk the whole document."""
    return tuple(doc)


@functools.lru_cache(maxsize=64)
def quoted_tokens(doc, spans: tuple[tuple[int, int], ...]) -> frozenset[int]:
    """Indexes of the tokens that start inside one of the character ``spans``."""
    inside = set()
    for start, end in spans:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            inside.update(t.i for t in span if start <= t.idx < end)
    return frozenset(inside)
