"""Word senses, resolved actors and wider roles of the event coder, on invented sentences."""

from __future__ import annotations

import pytest
from test_events import mentions_for as events_mentions_for

from storyline.annotate.events.find import find_event_findings
from storyline.annotate.events.senses import verb_lemma
from storyline.records import Mention

ARTICLE = "art-senses"


def mentions_for(text: str, names: dict[str, str]) -> list[Mention]:
    return events_mentions_for(text, names, ARTICLE)


def triples(nlp, text: str, names: dict[str, str], extra: tuple[Mention, ...] = ()):
    doc = nlp(text)
    mentions = sorted([*mentions_for(text, names), *extra], key=lambda m: m.start)
    return {(f.event.type, f.source.text if f.source else None,
             f.target.text if f.target else None)
            for f in find_event_findings(doc, ARTICLE, mentions)}


PEOPLE = {"Mara Quell": "PERSON", "Tom Brindle": "PERSON", "Veldor": "GPE",
          "Ostrava Navy": "ORG", "Harlan Bank": "ORG"}


@pytest.mark.parametrize("text,expected", [
    # a physical-attack verb aimed at a person is a verbal attack
    ("Mara Quell attacked Tom Brindle over his tax plan on Monday.",
     ("ACCUSE", "Mara Quell", "Tom Brindle")),
    ("The Ostrava Navy attacked Veldor at dawn.", ("ASSAULT", "Ostrava Navy", "Veldor")),
    # negative remarks and misgivings under a light verb accuse
    ("Mara Quell made derogatory remarks about Tom Brindle.",
     ("ACCUSE", "Mara Quell", "Tom Brindle")),
    ("Mara Quell raised questions about Tom Brindle.", ("ACCUSE", "Mara Quell", "Tom Brindle")),
    # a receptive verb: the subject is acted upon
    ("Tom Brindle faced scrutiny from Mara Quell.", ("ACCUSE", "Mara Quell", "Tom Brindle")),
    # a call to a person on a date is a call
    ("Mara Quell called Tom Brindle on Friday to thank him.",
     ("CONSULT", "Mara Quell", "Tom Brindle")),
    # pressure with what is pressed for is a request
    ("Mara Quell pushed Tom Brindle to release his records.",
     ("REQUEST", "Mara Quell", "Tom Brindle")),
    # the tagger's lemma repaired ("shaming" -> "sham")
    ("Mara Quell kept shaming Tom Brindle in public.", ("ACCUSE", "Mara Quell", "Tom Brindle")),
    # a participle after a noun takes the noun's holder as its source
    ("Mara Quell's tweets accusing Tom Brindle drew wide notice.",
     ("ACCUSE", "Mara Quell", "Tom Brindle")),
    # a passive participle: the noun is the target
    ("The Veldor sailors shot by the Ostrava Navy were buried on Sunday.",
     ("ASSAULT", "Ostrava Navy", "Veldor")),
    # a thing or an unnamed group stands in for the target of a sanction
    ("Harlan Bank fired thousands of employees last year.", ("SANCTION", "Harlan Bank", None)),
    # a show of force: a weapon test
    ("Veldor's nuclear test alarmed its neighbours.", ("MOBILIZE", "Veldor", None)),
    # name calling parsed as two predicates
    ("Mara Quell called Tom Brindle a \"pathological liar\".",
     ("ACCUSE", "Mara Quell", "Tom Brindle")),
])
def test_senses_code_the_action(nlp, text, expected):
    assert expected in triples(nlp, text, PEOPLE)


@pytest.mark.parametrize("text", [
    "Mara Quell demonstrated her skill as a negotiator.",
    "Tom Brindle shot himself in the foot.",
    "Mara Quell demanded.",
    "Tom Brindle is defending his early tweets.",
    "Mara Quell hit a record high in the polls.",
    "Mara Quell will discuss her immigration history with reporters.",
])
def test_senses_keep_non_events_out(nlp, text):
    found = triples(nlp, text, PEOPLE)
    assert not {t for t in found if t[0] in ("PROTEST", "ASSAULT", "REQUEST", "SUPPORT",
                                            "ACCUSE")}, found


def test_resolved_pronoun_is_an_actor_and_unresolved_is_not(nlp):
    text = "Tom Brindle spoke first. Later she condemned Veldor."
    start = text.index("she")
    resolved = Mention(ARTICLE, start, start + 3, "she", "PRON", actor_id="actor:Mara Quell")
    found = triples(nlp, text, {"Veldor": "GPE"}, (resolved,))
    assert ("ACCUSE", "she", "Veldor") in found
    unresolved = Mention(ARTICLE, start, start + 3, "she", "PRON", actor_id=None)
    assert ("ACCUSE", "she", "Veldor") not in triples(nlp, text, {"Veldor": "GPE"},
                                                      (unresolved,))


def test_a_named_mention_wins_over_the_group_holding_it(nlp):
    text = "Mara Quell and Tom Brindle condemned Veldor."
    group = Mention(ARTICLE, 0, text.index(" condemned"), "Mara Quell and Tom Brindle",
                    "GROUP", actor_id="actor:group")
    found = triples(nlp, text, PEOPLE, (group,))
    assert ("ACCUSE", "Mara Quell", "Veldor") in found


def test_verb_lemma_undoes_inflection_only_for_known_verbs(nlp):
    doc = nlp("They were shaming him and fined the firm, then wandered off.")
    lemmas = {t.text: verb_lemma(t) for t in doc}
    assert lemmas["shaming"] == "shame"
    assert lemmas["fined"] == "fine"
    assert lemmas["wandered"] == "wander"


def test_fold_figures_split_the_articles_by_file_hash():
    from storyline.eval.plover import GoldEvent, PredictedEvent
    from storyline.eval.polnear_events import _report, fold_of

    files = [f"article-{n}.txt" for n in range(8)]
    gold = [GoldEvent(file=f, trigger=(10, 15), sentence=(0, 40), type="ACCUSE",
                      modality="asserted", source="A") for f in files]
    predicted = [PredictedEvent(file=f, spans=((0, 40),), type="ACCUSE", modality="asserted",
                                source=("A",)) for f in files[:4]]
    report = _report(gold, predicted, len(files), 0.0, folds=2)
    for fold in (0, 1):
        mine = [f for f in files if fold_of(f, 2) == fold]
        hit = [f for f in mine if f in files[:4]]
        assert report.metrics[f"fold{fold}_recall"] == pytest.approx(len(hit) / len(mine))
    assert {fold_of(f, 2) for f in files} == {0, 1}
    assert "fold0_recall" in report.floors


@pytest.mark.parametrize("text,expected", [
    ("Veldor was opposed to the Ostrava Navy drills.",
     ("REJECT", "Veldor", "Ostrava Navy")),
    ("Veldor insisted that the Ostrava Navy stop its drills.",
     ("REQUEST", "Veldor", "Ostrava Navy")),
])
def test_stance_adjectives_and_mandative_clauses(nlp, text, expected):
    assert expected in triples(nlp, text, PEOPLE)


def _group(text: str, words: str, actor: str) -> Mention:
    start = text.index(words)
    return Mention(ARTICLE, start, start + len(words), words, "GROUP", actor_id=actor)


def test_generic_groups_are_no_participants_and_counted_ones_are(nlp):
    text = "Everyone condemned Veldor on Monday."
    found = triples(nlp, text, PEOPLE, (_group(text, "Everyone", "actor:everyone"),))
    assert not any(source == "Everyone" for _, source, _ in found), found
    text = "Dozens of sailors condemned Veldor on Monday."
    found = triples(nlp, text, PEOPLE, (_group(text, "Dozens of sailors", "actor:sailors"),))
    assert any(source and "sailors" in source for _, source, _ in found), found


def test_people_restricted_by_a_relative_clause_are_generic(nlp):
    text = "Tom Brindle said he never backs people who condemn Veldor."
    who = text.index("who")
    extra = (_group(text, "people", "actor:people"),
             Mention(ARTICLE, who, who + 3, "who", "PRON", actor_id="actor:people"))
    found = triples(nlp, text, PEOPLE, extra)
    assert not any(source in ("people", "who") for _, source, _ in found), found
