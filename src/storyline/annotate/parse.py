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
