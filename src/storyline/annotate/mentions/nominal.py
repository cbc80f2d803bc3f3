"""Mentions that name no one by name: pronouns, descriptions, unnamed sources, groups.

Over the parse, beside the named entities (see ``mentions.lexicon`` for the word lists):

* ``PRON``: a third-person pronoun (``he``, ``her``, ``they``) or a relative pronoun
  whose clause hangs on a noun (``Obama, who said``);
* ``NOM``: a description of one actor: a noun phrase headed by a person, role or
  organisation noun (``the president``, ``the campaign``, ``the senior official``);
* ``ANON``: an unnamed source: a source noun introduced as someone new (``a senior
  administration official``, ``officials``, ``sources``, ``people familiar with the
  talks``, ``a witness``), never in apposition to a name;
* ``GROUP``: a plural collective (``voters``, ``critics``, ``Democrats`` written as a
  common noun).

A noun phrase's span runs from its first modifier (determiner, adjectives, compounds; not
a possessor) to its head noun, so that it never overlaps the possessor's own mention.
Name echoes: a surname the entity recognizer missed (``Stumpf said``, ``PENCE:``) where the
article names that person in full elsewhere becomes a PERSON mention too; so does a proper
noun the recognizer found as a one-word name elsewhere in the article ("the Colts" in the
text, "Colts" found in the headline) or that ends an organisation's name ("the Chiefs" of
"Kansas City Chiefs"), with that name's label.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from ...records import Mention
from ...text.paragraphs import paragraph_bounds
from ..parse import (
    char_span,
    children_of,
    doc_text,
    doc_tokens,
    lemma_lower_column,
    token_column,
    tokens_with_pos,
)
from ..quotes.lexicon import (
    INTENTION_LEMMAS,
    OBJECT_CONTROL,
    OBJECT_LEMMAS,
    PREP_LEMMAS,
    REPORTER_CUES,
    REPORTING_LEMMAS,
)
from .lexicon import (
    ANONYMOUS_HEADS,
    COLLECTIVE_HEADS,
    DOCUMENT_NOUNS,
    FAMILIAR,
    GIVEN_NAMES,
    GROUP_HEADS,
    HONORIFIC_GENDER,
    INDEFINITE,
    ORG_NOUNS,
    PERSON_NOUNS,
    PRONOUNS,
    QUANTITY_SUBJECTS,
    RELATIVE_PRONOUNS,
    ROLE_NOUNS,
    SPEAKING_IT,
)

_MODIFIER_DEPS = frozenset({"det", "amod", "compound", "nummod", "nmod", "quantmod",
                            "predet", "advmod"})
_DEFINITE = frozenset({"the", "this", "that", "these", "those"})


def _covered(doc, mentions: Sequence[Mention]) -> set[int]:
    """Token indexes inside the named mentions."""
    covered: set[int] = set()
    for mention in mentions:
        span = char_span(doc, mention.start, mention.end)
        if span is not None:
            covered.update(range(span.start, span.end))
    return covered


def _plural(token) -> bool:
    return token.tag_ in ("NNS", "NNPS") or "Number=Plur" in str(token.morph)


def _determiner(token) -> str:
    for child in children_of(token):
        if child.dep_ in ("det", "nummod", "predet") or (
                child.dep_ == "amod" and child.lower_ in INDEFINITE):
            return child.lower_
        if child.dep_ == "poss":
            return "poss"
    return ""


def _named_apposition(token, covered: set[int]) -> bool:
    """A name in apposition to the noun, or the noun in apposition to a name."""
    if token.dep_ == "appos" and token.head.i in covered:
        return True
    return any(c.dep_ == "appos" and c.i in covered for c in children_of(token)) or any(
        c.dep_ == "compound" and c.i in covered and c.i > token.i for c in children_of(token))


def _familiar(token) -> bool:
    """``people familiar with``, ``people close to``: an adjective after the noun."""
    return any(c.lower_ in FAMILIAR and c.i > token.i for c in children_of(token))


def _controlled(token) -> bool:
    """The object of "left many nations feeling", "led voters to believe": it is the
    subject of the clause after it."""
    head = token.head
    return token.dep_ == "dobj" and head.lemma_.lower() in OBJECT_CONTROL and any(
        c.dep_ == "xcomp" and c.i > token.i for c in head.children)


def _acts(token) -> bool:
    """A subject, a possessor or an agent: where a group does or says something; also the
    noun a relative clause with a relative subject hangs on ("critics, who saw ...") and
    the object of "led voters to believe"."""
    return token.dep_ in ("nsubj", "nsubjpass", "poss") or _controlled(token) or (
        token.dep_ == "pobj" and token.head.lower_ in ("by", "according", "to")
        and (token.head.lower_ != "to" or token.head.head.lower_ == "according")) or any(
        c.dep_ == "relcl" and any(g.dep_ == "nsubj" and g.lower_ in RELATIVE_SUBJECTS
                                  for g in children_of(c)) for c in children_of(token))


#: Every verb that introduces an attribution in the quotes stage's lists.
ATTRIBUTION_LEMMAS = frozenset(REPORTING_LEMMAS.words | INTENTION_LEMMAS.words | OBJECT_LEMMAS.words
                               | frozenset(PREP_LEMMAS.keys()))
RELATIVE_SUBJECTS = frozenset({"who", "which", "that"})


def _attributes(token) -> bool:
    """The subject of a verb that says, wants, shows or talks about something."""
    return token.dep_ in ("nsubj", "nsubjpass") and token.head.pos_ in ("VERB", "AUX") and \
        token.head.lemma_.lower() in ATTRIBUTION_LEMMAS


def _counted_group(token) -> bool:
    """``many of his supporters``, ``twelve percent``, ``not everyone``, ``a group of
    doctors`` as the subject of an attribution verb."""
    if token.lower_ not in QUANTITY_SUBJECTS and token.lemma_.lower() not in QUANTITY_SUBJECTS:
        return False
    return _attributes(token) and token.pos_ in ("PRON", "DET", "NOUN", "NUM", "ADJ")


def _collective_of_people(token) -> bool:
    """``a group of doctors``, ``a coalition of activists`` acting (a subject, a possessor,
    an agent): a collective noun whose "of" object is a plural noun."""
    if token.lemma_.lower() not in COLLECTIVE_HEADS or not _acts(token):
        return False
    return any(prep.lower_ == "of" and any(obj.dep_ == "pobj" and obj.pos_ == "NOUN" and
                                           _plural(obj) for obj in children_of(prep))
               for prep in children_of(token) if prep.dep_ == "prep" and prep.i > token.i)


def nominal_label(token, covered: set[int]) -> str | None:
    """``NOM``, ``ANON``, ``GROUP`` or None for a common noun heading a noun phrase; a
    group only where it acts (a subject, a possessor, an agent)."""
    label = _nominal_label(token, covered)
    return None if label == "GROUP" and not _acts(token) else label


def _nominal_label(token, covered: set[int]) -> str | None:
    low, lemma = token.lower_, token.lemma_.lower()
    if low not in _HEAD_WORDS and lemma not in _HEAD_WORDS:
        return None  # no test below can hold
    det = _determiner(token)
    plural = _plural(token)
    definite = det in _DEFINITE
    if lemma in ("people", "person") or low == "people":
        if _familiar(token):
            return "ANON"
        return "GROUP" if plural or low == "people" else ("NOM" if definite else None)
    if (low in ANONYMOUS_HEADS or lemma in ANONYMOUS_HEADS) and not _named_apposition(
            token, covered):
        if definite:
            return "NOM"
        return "ANON" if det in INDEFINITE or det == "poss" or plural or not det else None
    if plural and (low in GROUP_HEADS or lemma in GROUP_HEADS):
        return "GROUP"
    if lemma in DOCUMENT_NOUNS and _acts(token) and token.dep_ != "poss":
        return "NOM"  # "the poll shows", "a report by the agency found": its author speaks
    if lemma in PERSON_NOUNS or lemma in ROLE_NOUNS or lemma in ORG_NOUNS:
        if plural:
            return "GROUP" if lemma not in ORG_NOUNS else None
        if det in INDEFINITE and not _named_apposition(token, covered) and \
                lemma not in ORG_NOUNS and token.dep_ != "attr":
            return "ANON"
        return "NOM" if det or token.dep_ == "appos" or lemma in ORG_NOUNS else None
    return None


#: Every word a test of :func:`_nominal_label` looks for.
_HEAD_WORDS = frozenset({"people", "person"} | ANONYMOUS_HEADS.words | GROUP_HEADS.words
                        | DOCUMENT_NOUNS.words | PERSON_NOUNS.words | ROLE_NOUNS.words
                        | ORG_NOUNS.words)


def _speaks(token) -> bool:
    """The subject of a reporting verb ("it said", "hardliners accused"), the source of
    "according to", or the name before a reporting verb taken for a noun ("Maynes notes,")."""
    head = token.head
    if token.dep_ in ("nsubj", "nsubjpass") and head.lemma_.lower() in REPORTING_LEMMAS:
        return True
    if token.dep_ == "pobj" and head.lower_ == "to" and head.head.lower_ == "according":
        return True
    return token.dep_ in ("compound", "nsubj") and head.pos_ == "NOUN" and \
        head.lower_ in REPORTER_CUES and head.i == token.i + 1


def find_unnamed_subjects(doc, article_id: str, covered: set[int]) -> Iterator[Mention]:
    """A proper name the recognizer missed that speaks ("Maynes says", "Zero Hedge
    asked"): a PERSON mention when it starts with a known given name or is one word,
    else an ORG mention; a capitalized person noun alone ("White House Doctor Says") is a
    description (NOM)."""
    for token in tokens_with_pos(doc, "PROPN"):
        if token.i in covered or not _speaks(token):
            continue
        lo = token.i
        while lo > 0 and doc[lo - 1].dep_ == "compound" and doc[lo - 1].pos_ == "PROPN" and \
                doc[lo - 1].head.i == token.i and lo - 1 not in covered:
            lo -= 1
        after = doc[token.i + 1] if token.i + 1 < len(doc) else None
        if not doc[lo].text[:1].isupper() or doc[lo].lower_ == "the" or (
                after is not None and after.text == ":"):
            continue
        if lo == token.i and token.lower_ in PERSON_NOUNS and lo > 0 and \
                doc[lo - 1].head.i == token.i and doc[lo - 1].dep_ in ("compound", "amod") \
                and doc[lo - 1].lower_ not in HONORIFIC_GENDER:
            # "Former White House Doctor Says": a capitalized person noun with a modifier,
            # no name (a title such as "Pope" or "President" may stand for a name)
            yield _mention(doc, article_id, lo, token.i + 1, "NOM")
            continue
        person = lo == token.i or doc[lo].lower_ in GIVEN_NAMES
        yield _mention(doc, article_id, lo, token.i + 1, "PERSON" if person else "ORG")


def noun_phrase_span(token) -> tuple[int, int]:
    """Token range ``[lo, hi)`` from the first pre-modifier (not a possessor) to the head."""
    lo = token.i
    for child in children_of(token):
        if child.i < token.i and child.dep_ in _MODIFIER_DEPS:
            lo = min(lo, child.left_edge.i)
    doc = token.doc
    while lo < token.i and (doc[lo].is_punct or doc[lo].dep_ == "poss"
                            or doc[lo].tag_ == "POS"):
        lo += 1
    return lo, token.i + 1


#: Endings of a demonym that is no noun for one person ("the French", "the Chinese").
_COLLECTIVE_DEMONYM = ("ese", "ish", "ch", "ss", "sh")


def demonym_person(ent) -> tuple[int, int] | None:
    """``the American``, ``a 27-year-old Briton``, ``the New Zealander``: a demonym written
    as a singular noun with a determiner or a modifier is a description of a person; its
    character span (from the first modifier), else None."""
    if ent.label_ != "NORP":
        return None
    root = ent.root
    if root.tag_ not in ("NN", "NNP") or root.dep_ in ("amod", "compound", "nmod") or \
            root.lower_.endswith(_COLLECTIVE_DEMONYM):
        return None
    if not any(c.dep_ in ("det", "amod", "nummod", "poss") and c.i < ent.start
               for c in children_of(root)):
        return None
    lo, hi = noun_phrase_span(root)
    doc = root.doc
    return doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1].text)


def _mention(doc, article_id: str, lo: int, hi: int, label: str) -> Mention:
    tokens = doc_tokens(doc)
    start, end = tokens[lo].idx, tokens[hi - 1].idx + len(tokens[hi - 1].text)
    return Mention(article_id, start, end, doc_text(doc)[start:end], label)


def find_nominals(doc, article_id: str, named: Sequence[Mention]) -> Iterator[Mention]:
    """Pronoun, description, unnamed-source and group mentions of ``doc``."""
    covered = _covered(doc, named)
    yield from find_coordinations(doc, article_id, covered)
    tokens, deps = doc_tokens(doc), token_column(doc, "dep_")
    quantity, collective = QUANTITY_SUBJECTS.words, COLLECTIVE_HEADS.words
    for i, (low, pos, lemma) in enumerate(zip(token_column(doc, "lower_"),
                                              token_column(doc, "pos_"),
                                              lemma_lower_column(doc))):
        if pos != "NOUN" and low not in _NOMINAL_WORDS and lemma not in quantity:
            continue  # none of the tests below can hold
        if i in covered:
            continue
        token = tokens[i]
        # the first test of each function, read from the columns
        if (low in quantity or lemma in quantity) and _counted_group(token) or (
                lemma in collective and _collective_of_people(token)):
            yield _mention(doc, article_id, *noun_phrase_span(token), "GROUP")
        elif low in PRONOUNS and pos == "PRON" or low in SPEAKING_IT and \
                deps[i] != "nsubjpass" and (_speaks(token) or _attributes(token)) or (
                low in _RELATIVE_WORDS and _relative(token)):
            yield _mention(doc, article_id, i, i + 1, "PRON")
        elif low in ("someone", "somebody") or low == "those" and _familiar(token):
            yield _mention(doc, article_id, i, i + 1, "ANON")
        elif pos == "NOUN" and deps[i] not in ("compound", "amod", "npadvmod"):
            label = nominal_label(token, covered)
            if label is None and _plural(token) and token.is_lower and (
                    _speaks(token) or _attributes(token) or _controlled(token)):
                label = "GROUP"  # "Republican hardliners accused him": a group speaks
            if label is not None:
                yield _mention(doc, article_id, *noun_phrase_span(token), label)


#: Every word that heads a nominal mention without being a common noun.
_NOMINAL_WORDS = frozenset(QUANTITY_SUBJECTS.words | frozenset(PRONOUNS) | SPEAKING_IT.words
                           | RELATIVE_PRONOUNS.words | RELATIVE_SUBJECTS
                           | {"someone", "somebody", "those"})


#: Every word :func:`_relative` may take.
_RELATIVE_WORDS = frozenset(RELATIVE_PRONOUNS.words | RELATIVE_SUBJECTS)


def _relative(token) -> bool:
    """``who``/``whom``/``whose`` of a relative clause, and ``which``/``that`` as the
    subject of one (they refer to the noun the clause hangs on)."""
    if token.lower_ in RELATIVE_PRONOUNS:
        return token.head.dep_ == "relcl"
    return token.lower_ in RELATIVE_SUBJECTS and token.dep_ == "nsubj" and \
        token.head.dep_ == "relcl" and token.tag_ in ("WDT", "WP")


def _conjuncts(token) -> list:
    """The nouns coordinated with ``token`` by "and"/"or" ("Grassley and Leahy")."""
    found, current = [], token
    while True:
        nxt = [c for c in children_of(current) if c.dep_ == "conj" and c.pos_ in ("PROPN", "NOUN")]
        if not nxt:
            return found
        current = nxt[0]
        found.append(current)


def _actor_like(token, covered: set[int]) -> bool:
    """A name, or a noun for people or an organisation."""
    lemma = token.lemma_.lower()
    return token.i in covered or lemma in PERSON_NOUNS or lemma in ROLE_NOUNS or \
        lemma in ORG_NOUNS or token.lower_ in GROUP_HEADS or lemma in ANONYMOUS_HEADS or (
            _plural(token) and lemma.endswith(_AGENT_ENDINGS))


#: Endings of nouns for people by what they do ("defenders", "developers", "scientists").
_AGENT_ENDINGS = ("er", "or", "ist", "ant", "ent", "ian")


def _one_person(token, conjuncts: list, covered: set[int]) -> bool:
    """Two roles of one person under one determiner ("the former first lady and U.S.
    senator"): singular common nouns, the later ones without a determiner of their own."""
    nouns = [token, *conjuncts]
    if any(t.i in covered or t.pos_ != "NOUN" or _plural(t) for t in nouns):
        return False
    return _determiner(token) != "" and not any(_determiner(t) for t in conjuncts)


def _according_object(token) -> bool:
    return token.dep_ == "pobj" and token.head.lower_ == "to" and \
        token.head.head.lower_ == "according"


def find_coordinations(doc, article_id: str, covered: set[int]) -> Iterator[Mention]:
    """A subject of coordinated names or nouns for people ("Mr. Grassley and Mr. Leahy",
    "RT and its defenders") as one ``GROUP`` mention: they speak together."""
    for token, pos, dep in zip(doc_tokens(doc), token_column(doc, "pos_"),
                               token_column(doc, "dep_")):
        if pos not in ("PROPN", "NOUN"):
            continue
        subject = token.head if dep == "appos" else token
        role = subject.dep_ if dep == "appos" else dep
        if not (role in ("nsubj", "nsubjpass") or role == "pobj" and _according_object(subject)):
            continue
        conjuncts = _conjuncts(token)
        if not any(c.dep_ == "cc" and c.lower_ in ("and", "&")
                   for t in (token, *conjuncts) for c in children_of(t)):
            continue
        if not conjuncts or not all(_actor_like(t, covered) for t in [token, *conjuncts]):
            continue
        if _one_person(token, conjuncts, covered):
            continue
        lo, hi = token.left_edge.i, conjuncts[-1].i + 1
        if "\n" in doc[lo:hi].text or hi - lo > 24:
            continue
        yield _mention(doc, article_id, lo, hi, "GROUP")


def _surnames(named: Sequence[Mention]) -> dict[str, str]:
    """Last words of multi-word PERSON names (folded) -> their written form."""
    found: dict[str, str] = {}
    for mention in named:
        words = mention.text.split()
        if mention.label == "PERSON" and len(words) >= 2 and len(words[-1]) >= 3 and \
                words[-1][:1].isupper():
            found.setdefault(words[-1].casefold(), words[-1])
    return found


def find_speaker_labels(doc, article_id: str, covered: set[int]) -> Iterator[Mention]:
    """``PENCE:`` or ``Jane Roe:`` opening a paragraph (after a quote mark): a transcript's
    speaker label, a PERSON mention though the recognizer missed it."""
    text, tokens = doc_text(doc), doc_tokens(doc)
    for lo, hi in paragraph_bounds(text):
        first = char_span(doc, lo, min(hi, lo + 1))  # cached: speaker labels and colon leads look up the same paragraph starts
        if first is None:
            continue
        i = first.start
        while i < len(doc) and (tokens[i].is_quote or tokens[i].is_space):
            i += 1
        names = i
        while names < len(doc) and names - i < 3 and tokens[names].is_alpha and \
                tokens[names].text[:1].isupper():
            names += 1
        if names > i and names < len(doc) and tokens[names].text == ":" and \
                not any(j in covered for j in range(i, names)):
            yield _mention(doc, article_id, i, names, "PERSON")


def find_name_echoes(doc, article_id: str, named: Sequence[Mention]) -> Iterator[Mention]:
    """Surnames of people named in full that the recognizer missed elsewhere, and the
    speaker labels of a transcript."""
    covered = _covered(doc, named)
    yield from find_speaker_labels(doc, article_id, covered)
    yield from find_unnamed_subjects(doc, article_id, covered)
    surnames = _surnames(named)
    names = _one_word_names(named)
    if not surnames and not names:
        return
    tokens = doc_tokens(doc)
    for i, (word, pos) in enumerate(zip(token_column(doc, "text"), token_column(doc, "pos_"))):
        if pos not in ("PROPN", "NOUN", "ADJ", "VERB") or not word[:1].isupper() or i in covered:
            continue
        if word.casefold() in surnames and (pos == "PROPN" or tokens[i].is_upper):
            yield _mention(doc, article_id, i, i + 1, "PERSON")
        elif pos == "PROPN" and word in names:
            yield _mention(doc, article_id, i, i + 1, names[word])


#: Labels of the names whose one-word forms are looked for where the recognizer missed them.
ECHOED_LABELS = frozenset({"ORG", "PERSON", "GPE"})


def _one_word_names(named: Sequence[Mention]) -> dict[str, str]:
    """One-word names the recognizer found in the article ("Colts" in a headline) and the
    plural last words of its organisations' names ("Chiefs" of "Kansas City Chiefs"),
    each with its label: written again as a proper noun, the recognizer's miss ("the Colts
    back to the playoffs") is that name too."""
    found: dict[str, str] = {}
    for mention in named:
        words = mention.text.split()
        if mention.label not in ECHOED_LABELS or not words or not words[-1].isalpha():
            continue
        if len(words) == 1 and len(words[0]) >= 3 and words[0][:1].isupper() and \
                not words[0].isupper():
            found.setdefault(words[0], mention.label)
        elif mention.label == "ORG" and len(words) >= 2 and words[-1].endswith("s") and \
                words[-1][:1].isupper():
            found.setdefault(words[-1], "ORG")
    return found
