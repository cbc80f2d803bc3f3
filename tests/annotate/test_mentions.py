from __future__ import annotations

import pytest

from storyline.annotate.mentions.find import (
    _casing,
    _line_starts,
    body_name_pieces,
    find_mentions,
    headline_pieces,
    is_headline,
    trim_mention,
    word_stems,
)
from storyline.annotate.sentences import find_sentences

pytestmark = pytest.mark.slow

TEXT = (
    "  The mayor of Springfield met Governor Ada Lindqvist on Friday.  She left early.\n\n"
    "A heading without a stop\n\n"
    "Officials of the Northwind Company said the United States' offer was late. "
    "Lindqvist’s aides disagreed.\n"
)



def test_sentences_are_stripped_and_never_cross_a_blank_line(nlp):
    sentences = find_sentences(nlp(TEXT), "a1")
    assert [s.index for s in sentences] == list(range(len(sentences)))
    for sentence in sentences:
        assert TEXT[sentence.start:sentence.end] == sentence.text
        assert sentence.text == sentence.text.strip()
        assert "\n\n" not in sentence.text
        assert sentence.article_id == "a1"
    assert "A heading without a stop" in [s.text for s in sentences]
    assert sentences[0].text.startswith("The mayor")


def test_mentions_keep_exact_offsets_and_trim_the_and_possessives(nlp):
    mentions = find_mentions(nlp(TEXT), "a1")
    assert mentions
    for mention in mentions:
        assert TEXT[mention.start:mention.end] == mention.text
        assert not mention.text.lower().startswith("the ")
        assert not mention.text.endswith(("'s", "’s", "'"))
        assert mention.actor_id is None
    texts = {m.text for m in mentions}
    assert "United States" in texts
    assert any(t.startswith("Lindqvist") or t.endswith("Lindqvist") for t in texts)


def test_trim_mention_offsets():
    text = "x the White House’s plan"
    start, end = trim_mention(text, 2, 19)
    assert text[start:end] == "White House"
    text = "in the U.S. today"
    start, end = trim_mention(text, 3, 11)
    assert text[start:end] == "U.S."
    text = "the United States' plan"
    start, end = trim_mention(text, 0, 18)
    assert text[start:end] == "United States"


def test_entity_pieces_break_at_a_spaced_dash_not_a_hyphen():
    from storyline.annotate.mentions.find import _split_mention

    text = "Vell Gulls - Orm Rumor and Ban Ki-moon"
    pieces = [text[s:e] for s, e in _split_mention(text, 0, len("Vell Gulls - Orm Rumor"))]
    assert pieces == ["Vell Gulls", "Orm Rumor"]
    start = text.index("Ban")
    assert [text[s:e] for s, e in _split_mention(text, start, len(text))] == ["Ban Ki-moon"]


def test_entity_split_at_line_break(nlp):
    text = "Written by Mara Quill\n\nMarch 3, 2022\n\nThe council met."
    for mention in find_mentions(nlp(text), "a2"):
        assert "\n" not in mention.text
        assert text[mention.start:mention.end] == mention.text


def test_headline_verbs_are_not_part_of_a_name(nlp):
    text = "Ottilie Brandvold Dies at 91\n\nThe swimmer died on Sunday."
    names = [m.text for m in find_mentions(nlp(text), "a3") if m.label == "PERSON"]
    assert names and all(not name.endswith("Dies") for name in names)


HEADLINE_TEXT = (
    "Halvard Renko Returns To Host The Vell Awards\n"
    "Halvard Renko said he returns next year and speaks often. The host felt fine, and Mara Felt agreed.\n"
    "Mara Felt Speaks About Halvard Renko\n"
)


def _span(doc, text: str, label: str, start_at: int = 0):
    from spacy.tokens import Span

    start = doc.text.index(text, start_at)
    span = doc.char_span(start, start + len(text), alignment_mode="expand")
    return Span(doc, span.start, span.end, label=label)


def test_word_stems_and_headline_lines():
    assert {"rushes", "rush", "rushe"} <= word_stems("Rushes")
    assert "return" in word_stems("returned")
    assert is_headline("Ann Vale Returns To Host The Awards")
    assert not is_headline("Ann Vale said she returns next year to host.")


def test_headline_words_are_cut_from_names_but_real_names_stay(nlp):
    doc = nlp(HEADLINE_TEXT)
    casing, starts = _casing(doc), _line_starts(doc.text)
    swallowed = _span(doc, "Halvard Renko Returns", "PERSON")
    pieces = headline_pieces(swallowed, swallowed.end_char, casing, starts)
    assert [HEADLINE_TEXT[s:e] for s, e in pieces] == ["Halvard Renko"]
    real = _span(doc, "Mara Felt", "PERSON", HEADLINE_TEXT.index("\nMara"))
    pieces = headline_pieces(real, real.end_char, casing, starts)
    assert [HEADLINE_TEXT[s:e] for s, e in pieces] == ["Mara Felt"]
    joined = _span(doc, "Felt Speaks About Halvard Renko", "ORG")
    pieces = headline_pieces(joined, joined.end_char, casing, starts)
    assert [HEADLINE_TEXT[s:e] for s, e in pieces] == ["Felt", "Halvard Renko"]


BODY_TEXT = (
    "Orla Vemmick Dead; Tarn Board Hails Appointment of Sefa Dunmore\n"
    "Orla Vemmick, a swimmer, has died. The Tarn Board said it hails the appointment "
    "of Sefa Dunmore. Ivo Brask Kell was seen. Kell left.\n"
    "Ivo Brask Kell Seen\n"
)


def test_headline_entities_are_cut_at_the_names_the_text_writes(nlp):
    doc = nlp(BODY_TEXT)
    casing = _casing(doc)
    names = {("orla", "vemmick"): True, ("tarn", "board"): False,
             ("sefa", "dunmore"): True, ("kell",): True}

    def cut(text: str, start_at: int = 0):
        span = _span(doc, text, "ORG", start_at)
        found = body_name_pieces(list(span), names, casing)
        return None if found is None else [BODY_TEXT[s:e] for s, e in found]

    # a trailing word after a personal name, capitalized nowhere in running text
    assert cut("Orla Vemmick Dead") == ["Orla Vemmick"]
    # a common word the text writes in lower case ("hails", "appointment")
    assert cut("Tarn Board Hails Appointment of Sefa Dunmore") == ["Tarn Board", "Sefa Dunmore"]
    # words before a surname may be the given names: the entity stays whole
    assert cut("Ivo Brask Kell", BODY_TEXT.index("\nIvo")) is None
    assert cut("Orla Vemmick", BODY_TEXT.index("\nOrla")) is None


def test_lower_case_words_split_a_name_but_particles_do_not(nlp):
    text = "Fans saw the Vell Gulls beat Orm Rovers as Leon da Quist watched.\n"
    doc = nlp(text)
    casing, starts = _casing(doc), _line_starts(text)
    joined = _span(doc, "Vell Gulls beat Orm Rovers", "ORG")
    pieces = headline_pieces(joined, joined.end_char, casing, starts)
    assert [text[s:e] for s, e in pieces] == ["Vell Gulls", "Orm Rovers"]
    person = _span(doc, "Leon da Quist", "PERSON")
    pieces = headline_pieces(person, person.end_char, casing, starts)
    assert [text[s:e] for s, e in pieces] == ["Leon da Quist"]


def test_headline_mentions_keep_exact_offsets(nlp):
    for mention in find_mentions(nlp(HEADLINE_TEXT), "a4"):
        assert HEADLINE_TEXT[mention.start:mention.end] == mention.text
        assert not mention.text.endswith(("Returns", "Speaks"))


def test_it_is_a_speaker_only_as_the_active_subject_of_a_reporting_verb(nlp):
    text = ("The Northwind Company denied the report. It said the shipment left on time. "
            "It is believed the shipment was late, and it was reported that the port closed.")
    its = [m.start for m in find_mentions(nlp(text), "a1")
           if m.label == "PRON" and m.text.lower() == "it"]
    assert its == [text.index("It said")]
