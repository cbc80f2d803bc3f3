"""Named-entity mentions of one article, from a spaCy ``Doc``.

They keep exact character offsets into the text the ``Doc`` was made from:
``doc.text[item.start:item.end] == item.text``. Entity spans are cut at words spaCy took
into a name from a Title Case headline ("Ann Vale Returns"): a capitalized word that the
document writes in lower case elsewhere and never capitalizes inside a sentence; and at
lower-case words that are no name particle ("Gulls beat Rovers").
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass

from ...records import Mention
from ..parse import char_span, doc_entities, doc_text, token_column
from .lexicon import HEADLINE_SMALL, NAME_PARTICLES, PARTY_TAG
from .nominal import demonym_person, find_name_echoes, find_nominals

#: spaCy labels that name an actor, a place or a named event.
MENTION_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "LAW"})

_LEADING_THE = re.compile(r"^(?:the|The|THE)\s+")
_TRAILING_POSSESSIVE = re.compile(r"(?:['’]s|(?<=s)['’])$")
_EDGE_JUNK = " \t\r\n\f\v\"'“”‘’()[]{}*_,;:.-—–"
_ABBREVIATION_END = re.compile(r"(?:\b[A-Z]\.)+$|\b(?:Jr|Sr|Inc|Co|Corp|Ltd|St)\.$")


def trim_mention(text: str, start: int, end: int) -> tuple[int, int]:
    """Trim a leading "the", a trailing possessive and edge punctuation from a span."""
    for _ in range(3):
        before = (start, end)
        while start < end and text[start] in _EDGE_JUNK:
            start += 1
        while end > start and text[end - 1] in _EDGE_JUNK:
            if text[end - 1] == "." and _ABBREVIATION_END.search(text[start:end]):
                break
            end -= 1
        lead = _LEADING_THE.match(text[start:end])
        if lead and lead.end() < end - start:
            start += lead.end()
        tail = _TRAILING_POSSESSIVE.search(text[start:end])
        if tail and tail.start() > 0:
            end = start + tail.start()
        if (start, end) == before:
            break
    return start, end


_INNER_POSSESSIVE = re.compile(r"['’]s\s+(?=[A-Z])")
#: Where an entity span breaks into pieces: a line break, a slash, a dash between spaces
#: ("Red Sox - Rumor"; a name is never written across one, "Ki-moon" has none).
_PIECE_BREAK = re.compile(r"\n|/|\s[-–—]\s")


def _split_mention(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """One entity span as trimmed pieces: never across a line break, a slash or a spaced
    dash, and only the possessor of a possessive inside it ("the Kremlin’s Cold War" is
    the Kremlin)."""
    inner = _INNER_POSSESSIVE.search(text, start, end)
    if inner is not None:
        end = inner.start()
    pieces = []
    cursor = start
    for match in _PIECE_BREAK.finditer(text[start:end]):
        pieces.append((cursor, start + match.start()))
        cursor = start + match.end()
    pieces.append((cursor, end))
    trimmed = [trim_mention(text, s, e) for s, e in pieces]
    return [(s, e) for s, e in trimmed if e > s and any(ch.isalpha() for ch in text[s:e])]


def _person_end(ent) -> int:
    """End of a PERSON entity without a headline verb or number spaCy swallowed
    ("Ann Vale Dies", "Ann Vale Kills 2")."""
    tokens = list(ent)
    while len(tokens) > 1:
        tag = tokens[-1].tag_
        if tag.startswith("VB") or tag == "CD" or (tag == "NNPS" and len(tokens) > 2):
            tokens.pop()
        else:
            break
    return tokens[-1].idx + len(tokens[-1].text)


#: A line holding a web address, whose lower-case words say nothing about casing.
_ADDRESS = re.compile(r"https?\b|www\b|\.s?html?\b|/|\.(?:com|org|net)\b", re.IGNORECASE)
_SENTENCE_END = frozenset({".", "!", "?", ":", '"', "“", "”", "'", "-", "—", "–", "|"})


def word_stems(word: str) -> set[str]:
    """The word lower-cased and its plain inflection stems ("rushes" -> rush, rushe, ...)."""
    low = word.casefold()
    stems = {low}
    for suffix, extra in (("s", ""), ("es", ""), ("ed", ""), ("d", ""), ("ing", ""),
                          ("ing", "e"), ("ly", "")):
        if low.endswith(suffix) and len(low) - len(suffix) >= 3:
            stems.add(low[: -len(suffix)] + extra)
    return stems


@functools.lru_cache(maxsize=8192)
def _stems(word: str) -> frozenset[str]:
    """:func:`word_stems`, once per word form."""
    return frozenset(word_stems(word))


def is_headline(line: str) -> bool:
    """A line written in Title Case or capitals: nearly every longer word capitalized."""
    words = line.split()
    small, total = HEADLINE_SMALL.words, len(words)
    counted = capitalized = 0
    for word in words:
        first = word[:1]
        if first.isalpha() and word.casefold() not in small:
            counted += 1
            if first.isupper():
                capitalized += 1
            elif 5 * (counted - capitalized) > total:
                return False  # over a fifth of all words in lower case: never 85% capitalized
    return capitalized >= 3 and capitalized >= 0.85 * counted


@dataclass(frozen=True, slots=True)
class _Casing:
    """What one document tells about its words: which are written in lower case (as
    stems), and which are capitalized inside a sentence of running text (names)."""

    lower: frozenset[str]
    nouns: frozenset[str]
    named: frozenset[str]
    headline_lines: frozenset[int]


def _line_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in re.finditer(r"\n", text)]


def _casing(doc) -> _Casing:
    text = doc_text(doc)
    starts = _line_starts(text)
    lines = [text[start:end - 1] for start, end in zip(starts, starts[1:] + [len(text) + 1])]
    headlines = {i for i, line in enumerate(lines) if is_headline(line)}
    words, offsets = token_column(doc, "text"), token_column(doc, "idx")
    tags = token_column(doc, "tag_")
    lower_words: set[str] = set()
    noun_words: set[str] = set()
    named: set[str] = set()
    forms = set(words)  # each word form tested once per Doc
    small = {word for word in forms if word.isalpha() and word.islower()}
    capital = {word for word in forms if word[:1].isupper()}
    bounds = [bisect.bisect_left(offsets, start) for start in starts] + [len(words)]
    for line, text_line in enumerate(lines):
        lo, hi = bounds[line], bounds[line + 1]
        if lo == hi or _ADDRESS.search(text_line):
            continue
        headline, previous = line in headlines, "."
        for i in range(lo, hi):
            word = words[i]
            if word in small:
                (noun_words if tags[i].startswith("NN") else lower_words).add(word)
            elif not headline and word in capital and previous not in _SENTENCE_END:
                named.add(word.casefold())
            previous = word
    lower = frozenset().union(*map(_stems, lower_words))
    nouns = frozenset().union(*map(_stems, noun_words))
    return _Casing(lower, nouns - lower, frozenset(named), frozenset(headlines))


def _headline_word(token, casing: _Casing, starts: list[int], nouns: bool = False) -> bool:
    """A capitalized common word of a headline that spaCy took into a name ("Microsoft
    Rushes"): written in lower case elsewhere (as a verb, adjective or adverb; also as a
    noun when ``nouns``) and never capitalized inside a sentence."""
    word = token.text
    line = _line_of(starts, token.idx)
    if line not in casing.headline_lines or not word[:1].isupper() or not word.isalpha():
        return False
    if word.casefold() in casing.named:
        return False
    stems = _stems(word)
    return bool(stems & casing.lower or (nouns and stems & casing.nouns))


def _line_of(starts: list[int], offset: int) -> int:
    low, high = 0, len(starts) - 1
    while low < high:
        middle = (low + high + 1) // 2
        if starts[middle] <= offset:
            low = middle
        else:
            high = middle - 1
    return low


def _is_small(token) -> bool:
    return token.text.casefold() in HEADLINE_SMALL.words or not any(c.isalnum() for c in token.text)




def _plain_word(token) -> bool:
    """A lower-case word that no name holds ("Colts beat Chiefs"); particles and short
    function words stay."""
    word = token.text
    return (word.isalpha() and word.islower() and len(word) > 3
            and word not in NAME_PARTICLES and word not in HEADLINE_SMALL)


def headline_pieces(ent, stop: int, casing: _Casing, starts: list[int]
                    ) -> list[tuple[int, int]]:
    """Character spans of ``ent`` (ending by ``stop``) split at the headline words spaCy
    took into it ("Obama To Nominate Ann Vale" -> "Obama", "Ann Vale"); small words at the
    edges of a piece are dropped."""
    tokens = [t for t in ent if t.idx + len(t.text) <= stop] or [ent[0]]
    person = ent.label_ == "PERSON"
    pieces: list[list] = [[]]
    for index, token in enumerate(tokens):
        edge = index in (0, len(tokens) - 1)
        if _headline_word(token, casing, starts, nouns=person and edge) or _plain_word(token):
            pieces.append([])
        else:
            pieces[-1].append(token)
    spans = []
    for piece in pieces:
        while piece and _is_small(piece[0]):
            piece.pop(0)
        while piece and _is_small(piece[-1]):
            piece.pop()
        if piece:
            spans.append((piece[0].idx, piece[-1].idx + len(piece[-1].text)))
    return spans


def _hyphen_end(text: str, end: int) -> int:
    """A personal name runs on over a hyphen the tokenizer split ("Ban Ki" of "Ban
    Ki-moon")."""
    if end + 1 < len(text) and text[end] == "-" and text[end + 1].isalpha():
        end += 1
        while end < len(text) and text[end].isalpha():
            end += 1
    return end


def _party_tag(text: str, start: int, end: int) -> bool:
    """``D-N.C.`` inside ``(D-N.C.)`` after a politician's name."""
    lo, hi = text.rfind("(", max(0, start - 3), start + 1), text.find(")", end - 1, end + 3)
    return lo >= 0 and hi >= 0 and bool(PARTY_TAG.match(text[lo:hi + 1]))


def find_mentions(doc, article_id: str) -> tuple[Mention, ...]:
    """Mentions of people, organizations, places, groups and named events: the named
    entities first (with the surnames the recognizer missed), then the pronouns,
    descriptions, unnamed sources and groups (see ``mentions.nominal``)."""
    named = find_named(doc, article_id)
    echoes = {(m.start, m.end): m for m in find_name_echoes(doc, article_id, named)}
    named += tuple(echoes.values())
    return named + tuple(find_nominals(doc, article_id, named))


#: The longest name (in words) looked for inside a headline entity.
_LONGEST_NAME = 6


def _body_names(doc, ents, casing: _Casing, starts: list[int]
                ) -> dict[tuple[str, ...], bool]:
    """The words (case-folded) of the entities written in running text, outside the
    Title Case headlines, and whether each is a personal name there."""
    lower = token_column(doc, "lower_")
    names: dict[tuple[str, ...], bool] = {}
    for ent in ents:
        if ent.label_ in MENTION_LABELS and \
                _line_of(starts, ent.start_char) not in casing.headline_lines:
            key = lower[ent.start:ent.end]
            names[key] = names.get(key, False) or ent.label_ == "PERSON"
    return names


def body_name_pieces(tokens, names: dict[tuple[str, ...], bool], casing: _Casing
                     ) -> list[tuple[int, int]] | None:
    """A headline entity's ``tokens`` cut into the names the article's running text
    writes ("Esther Williams Dead" -> "Esther Williams"; "AMA Celebrates Nomination of
    Regina Benjamin" -> "AMA", "Regina Benjamin"). Cut only when a word left over is a
    common word the article writes in lower case as no noun (a noun may be the name's
    head: "Obama Administration"), or when the words left over all follow a personal
    name and none is capitalized inside a sentence ("Ann Vale Dead");
    a run of left-over words is kept only when one of its words is capitalized inside a
    sentence somewhere. None when the entity is a body name itself, holds none, or the
    words left over may be names ("Arcade Joseph Comeaux" where the text writes
    "Comeaux")."""
    words = [t.lower_ for t in tokens]
    if tuple(words) in names:
        return None
    spans: list[tuple[int, int]] = []
    runs: list[list[int]] = [[]]
    after_person: list[bool] = [False]
    i = 0
    while i < len(words):
        j = next((j for j in range(min(len(words), i + _LONGEST_NAME), i, -1)
                  if tuple(words[i:j]) in names), None)
        if j is None:
            runs[-1].append(i)
            i += 1
            continue
        spans.append((tokens[i].idx, tokens[j - 1].idx + len(tokens[j - 1].text)))
        runs.append([])
        after_person.append(names[tuple(words[i:j])])
        i = j
    if not spans:
        return None
    left = [k for run in runs for k in run]
    trailing = all(follows or not run for run, follows in zip(runs, after_person)) and \
        not any(words[k] in casing.named for k in left)
    if not trailing and not any(_stems(tokens[k].text) & casing.lower for k in left):
        return None
    for run in runs:
        if any(words[k] in casing.named for k in run):
            spans.append((tokens[run[0]].idx, tokens[run[-1]].idx + len(tokens[run[-1]].text)))
    return sorted(spans)


def _headline_names(doc, pieces: list[tuple[int, int]], names: dict[tuple[str, ...], bool],
                    casing: _Casing, starts: list[int]) -> list[tuple[int, int]]:
    """``pieces`` of an entity, those on a headline line cut at the body names."""
    out: list[tuple[int, int]] = []
    for start, end in pieces:
        span = char_span(doc, start, end) if _line_of(starts, start) in casing.headline_lines \
            else None
        cut = body_name_pieces(list(span), names, casing) if span is not None else None
        out += cut if cut is not None else [(start, end)]
    return out


def find_named(doc, article_id: str) -> tuple[Mention, ...]:
    """Named-entity mentions of people, organizations, places, groups and named events."""
    text = doc_text(doc)
    casing, starts = _casing(doc), _line_starts(text)
    mentions = []
    ents = doc_entities(doc)[0]
    names = _body_names(doc, ents, casing, starts) if casing.headline_lines else {}
    for ent in ents:
        if ent.label_ not in MENTION_LABELS:
            continue
        person = demonym_person(ent)
        if person is not None:  # "the 37-year-old American": a person, not the country
            mentions.append(Mention(article_id, person[0], person[1], text[person[0]:person[1]],
                                    "NOM"))
            continue
        stop = _person_end(ent) if ent.label_ == "PERSON" else ent.end_char
        pieces = headline_pieces(ent, stop, casing, starts)
        if names:
            pieces = _headline_names(doc, pieces, names, casing, starts)
        for start, end in (span for piece in pieces for span in _split_mention(text, *piece)):
            if _party_tag(text, start, end):
                continue
            if ent.label_ == "PERSON":
                end = _hyphen_end(text, end)
            mentions.append(Mention(article_id, start, end, text[start:end], ent.label_))
    return tuple(mentions)
