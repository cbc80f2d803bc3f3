"""A stored parse loads back as the Doc ``DocBin`` itself rebuilds from the same bytes."""

from __future__ import annotations

import pytest

from storyline.annotate.parse import ATTRS, from_bytes, to_bytes

spacy = pytest.importorskip("spacy")


def _doc(vocab, spaces=True):
    from spacy.tokens import Doc, Span

    words = ["Mira", "Tolsen", "left", "Quarvik", "on", "Monday", ".", "She", "said", "so", "."]
    doc = Doc(vocab, words=words, spaces=[True] * 5 + [False, True] * 3 if spaces else None,
              tags=["NNP", "NNP", "VBD", "NNP", "IN", "NNP", ".", "PRP", "VBD", "RB", "."],
              lemmas=["Mira", "Tolsen", "leave", "Quarvik", "on", "Monday", ".", "she", "say",
                      "so", "."],
              heads=[1, 2, 2, 2, 2, 4, 2, 8, 8, 8, 8],
              deps=["compound", "nsubj", "ROOT", "dobj", "prep", "pobj", "punct", "nsubj",
                    "ROOT", "advmod", "punct"],
              morphs=["Number=Sing"] * 11, pos=["PROPN"] * 11,
              ents=["B-PERSON", "I-PERSON", "O", "B-GPE", "O", "B-DATE", "O", "O", "O", "O",
                    "O"])
    doc.spans["cues"] = [Span(doc, 2, 3, label="CUE")]
    doc.cats = {"news": 1.0}
    return doc


def _view(doc) -> list:
    return [doc.text, doc.has_unknown_spaces, doc.cats,
            [(e.start, e.end, e.label_) for e in doc.ents],
            [(s.start, s.end) for s in doc.sents],
            {key: [(s.start, s.end, s.label_) for s in group] for key, group in doc.spans.items()},
            [(t.text, t.whitespace_, t.tag_, t.lemma_, t.head.i, t.dep_, str(t.morph), t.pos_,
              t.ent_iob_, t.ent_type_, t.norm_, t.is_alpha) for t in doc]]


@pytest.mark.parametrize("spaces", [True, False])
def test_a_stored_parse_loads_as_docbin_loads_it(spaces):
    from spacy.tokens import DocBin

    vocab = spacy.blank("en").vocab
    data = to_bytes(_doc(vocab, spaces))
    fresh = spacy.blank("en").vocab
    expected = next(iter(DocBin().from_bytes(data).get_docs(fresh)))
    other = spacy.blank("en").vocab
    assert _view(from_bytes(data, other)) == _view(expected)
    assert _view(from_bytes(data, other)) == _view(expected)  # the strings known by now


def test_a_bin_of_two_docs_or_with_user_data_loads_its_first_doc():
    from spacy.tokens import DocBin

    vocab = spacy.blank("en").vocab
    docbin = DocBin(attrs=list(ATTRS), store_user_data=True)
    first = _doc(vocab)
    first.user_data["k"] = "v"
    docbin.add(first)
    docbin.add(_doc(vocab, spaces=False))
    loaded = from_bytes(docbin.to_bytes(), spacy.blank("en").vocab)
    assert _view(loaded) == _view(first)
    assert loaded.user_data["k"] == "v"


def test_bytes_that_are_no_bin_fail_as_docbin_fails():
    with pytest.raises(ValueError):
        from_bytes(b"not a bin", spacy.blank("en").vocab)
