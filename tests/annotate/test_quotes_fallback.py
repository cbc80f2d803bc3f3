"""Fallback attributions (annotate.quotes.fallback) on invented sentences: the candidate
forms, the learned model's choice, and what the stage reports."""

from __future__ import annotations

import pytest

from storyline.annotate.quotes import fallback, nominal
from storyline.annotate.quotes.find import _scant, find_quotes

pytestmark = pytest.mark.slow


def candidates_of(nlp, text: str) -> dict[str, tuple[str, str]]:
    doc = nlp(text)
    return {c.key: (text[c.start:c.end], c.source.text)
            for c in fallback.candidates(doc, [], frozenset())}


def only_quote(nlp, text: str):
    quotes = find_quotes(nlp(text), "a1")
    assert len(quotes) == 1, quotes
    return quotes[0]


@pytest.mark.parametrize(("text", "key", "content", "source"), [
    ("The senator wondered whether the agency had not kept its records.", "clause|wonder",
     "whether the agency had not kept its records", "senator"),
    ("The governor seems to be losing patience with the council.", "to|seem",
     "to be losing patience with the council", "governor"),
    ("The mayor offered a sharp retort to the council.", "obj|offer",
     "a sharp retort to the council", "mayor"),
    ("The governor spoke about the new tax on fuel and the roads.", "prep|speak about",
     "the new tax on fuel and the roads", "governor"),
    ("Many voters are afraid that the factory will not reopen this year.",
     "adj|afraid clause", "that the factory will not reopen this year", "voters"),
    ("The union is critical of the new contract for nurses.", "adj|critical of",
     "the new contract for nurses", "union"),
])
def test_candidate_forms(nlp, text, key, content, source) -> None:
    assert candidates_of(nlp, text)[key] == (content, source)


def test_no_candidate_without_a_source(nlp) -> None:
    """An expletive, a pronoun of things or a passive without an agent is no source."""
    assert candidates_of(nlp, "It offered a sharp retort to the council.") == {}
    assert candidates_of(nlp, "The plan was discussed at length last week.") == {}


def test_passive_with_agent(nlp) -> None:
    """``Y was endorsed by X``: Y is the content, X the source."""
    found = candidates_of(nlp, "The new plan for the harbor was endorsed by the mayor.")
    assert found["by|endorse"] == ("The new plan for the harbor", "mayor")


def test_relative_noun_only_for_its_own_verb(nlp) -> None:
    """A verb joined to the verb of a relative clause nested in another does not take the
    inner clause's noun as its source."""
    text = ("The book, which explored the changes that wiped out old towns and discussed "
            "how floods could return, sold well.")
    found = candidates_of(nlp, text)
    assert found["obj|wipe"] == ("old towns", "changes")  # the clause's own verb
    assert "clause|discuss" not in found


def test_clause_keeps_subject_and_negation(nlp) -> None:
    quote = only_quote(nlp, "The senator wondered whether the agency had not kept its records.")
    assert quote.text == "whether the agency had not kept its records"
    assert not quote.direct and quote.cue == "wondered" and quote.speaker_text == "The senator"


@pytest.mark.parametrize(("text", "cue", "content", "speaker"), [
    ("The governor spoke about the new tax on fuel and the roads.", "spoke",
     "the new tax on fuel and the roads", "The governor"),
    ("The union is critical of the new contract for nurses.", "critical",
     "the new contract for nurses", "The union"),
    ("The mayor is eager to sign the new budget into law.", "eager",
     "to sign the new budget into law", "The mayor"),
    ("He mentioned the rising cost of rent in the city.", "mentioned",
     "the rising cost of rent in the city", "He"),
])
def test_kept_fallbacks(nlp, text, cue, content, speaker) -> None:
    quote = only_quote(nlp, text)
    assert (quote.cue, quote.text, quote.speaker_text) == (cue, content, speaker)


def test_reporting_verb_wins_over_fallback(nlp) -> None:
    """A clause a reporting verb reports is the rules' attribution; the fallback of a verb
    inside it (``cut rates``) overlaps it and is dropped."""
    quote = only_quote(nlp, "Jane Roe said that the bank will not cut rates this year.")
    assert quote.cue == "said" and quote.text == "that the bank will not cut rates this year"


def test_kept_by_threshold_and_likelihood(monkeypatch) -> None:
    model = fallback.Model(bias=0.0, threshold=0.6,
                           weights={"key=obj|a": 2.0, "key=prep|b on": 1.0, "key=to|c": -1.0})
    monkeypatch.setattr(fallback, "model", lambda: model)
    monkeypatch.setattr(fallback, "features", lambda cand, text, found: [f"key={cand.key}"])
    a = fallback.Candidate(0, 10, "obj|a", None, None, None)
    b = fallback.Candidate(5, 20, "prep|b on", None, None, None)
    c = fallback.Candidate(30, 40, "to|c", None, None, None)
    d = fallback.Candidate(25, 29, "prep|b on", None, None, None)
    assert fallback.kept([b, a, c, d], "", []) == [a, d]


def test_model_file_loads() -> None:
    model = fallback.model()
    assert 0.5 <= model.threshold < 1.0 and model.weights
    assert all(isinstance(w, float) for w in model.weights.values())


@pytest.mark.parametrize("text", [
    'The crowd waved signs reading "We want our jobs back" outside the hall.',
    "Obituaries: Harold Stone, aged 90\n\nThe storm hit on Monday.",
    "Weather: Rain all week long\n\nThe storm hit on Monday.",
])
def test_short_bare_attributions_dropped(nlp, text) -> None:
    """A quote with neither cue nor speaker, or a paragraph's ``Name:`` lead, under six
    words is a slogan, a label or a section name."""
    assert find_quotes(nlp(text), "a1") == ()


def test_long_bare_quote_kept(nlp) -> None:
    text = ('The crowd waved signs reading "We want our jobs back now, before the plant '
            'closes for good" outside the hall.')
    quote = only_quote(nlp, text)
    assert quote.text == "We want our jobs back now, before the plant closes for good"
    assert quote.cue is None and quote.speaker_text is None


@pytest.mark.parametrize(("text", "key", "content", "source"), [
    ("The senator is a fierce critic of the new harbor plan.", "attr|critic of",
     "the new harbor plan", "senator"),
    ("The union made serious allegations against the new owners of the mill.",
     "nobj|allegation against", "the new owners of the mill", "union"),
])
def test_nominal_candidates(nlp, text, key, content, source) -> None:
    """A noun predicated of the subject or a verb's object, with its preposition's object
    as the content."""
    doc = nlp(text)
    found = {c.key: (text[c.start:c.end], c.source.text)
             for c in nominal.candidates(doc, [], frozenset())}
    assert found[key] == (content, source)


@pytest.mark.parametrize("text", [
    "The envoy wants to settle the great issues of trade with Vell.",
    "The council approved the release of the harbor report.",
])
def test_no_nominal_candidate_for_a_noun_that_names_nothing_said(nlp, text) -> None:
    """Only a noun that names something said or a stance voiced (``lexicon``) proposes
    its preposition's object as the content: issues, releases and sets attribute nothing."""
    doc = nlp(text)
    assert list(nominal.candidates(doc, [], frozenset())) == []
    assert nominal.said_by_noun("critic") and nominal.said_by_noun("allegation")
    assert not nominal.said_by_noun("issue") and not nominal.said_by_noun("release")


def test_no_nominal_candidate_without_a_source(nlp) -> None:
    doc = nlp("It was a fierce critic of the new harbor plan.")
    assert list(nominal.candidates(doc, [], frozenset())) == []


@pytest.mark.parametrize(("text", "start", "end", "cue_start", "scant"), [
    ("1449075600", 0, 10, None, True),
    ("He called the mayor crazy.", 20, 25, 3, True),
    ("Never, she said.", 0, 5, 11, False),
    ("He called the plan a disaster.", 14, 29, 3, False),
])
def test_scant_contents(text, start, end, cue_start, scant) -> None:
    """No letter, or one word after the cue, is no content; one word before it is."""
    assert _scant(text, start, end, cue_start) is scant


def test_one_word_scare_quote_dropped(nlp) -> None:
    quotes = find_quotes(nlp('The mayor called the new budget "reckless" on Monday.'), "a1")
    assert all(len(q.text.split()) > 1 for q in quotes)
