"""Sentences and named-entity mentions of one article, from a spaCy ``Doc``.

Both keep exact character offsets into the text the ``Doc`` was made from:
``doc.text[item.start:item.end] == item.text``.
"""

from __future__ import annotations

import re

from ..records import Mention, Sentence

MENTIONS_VERSION = "mentions-1"

#: spaCy labels that name an actor, a place or a named event.
MENTION_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "LAW"})

_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n")
_LEADING_THE = re.compile(r"^(?:the|The|THE)\s+")
_TRAILING_POSSESSIVE = re.compile(r"(?:['’]s|(?<=s)['’])$")
_EDGE_JUNK = " \t\r\n\f\v\"'“”‘’()[]{}*_,;:.-—–"
_ABBREVIATION_END = re.compile(r"(?:\b[A-Z]\.)+$|\b(?:Jr|Sr|Inc|Co|Corp|Ltd|St)\.$")


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink ``[start, end)`` so it has no whitespace at either edge."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _paragraph_pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split ``[start, end)`` at paragraph breaks (a blank line), stripped, non-empty."""
    pieces = []
    cursor = start
    for match in _PARAGRAPH_BREAK.finditer(text, start, end):
        pieces.append(_strip_span(text, cursor, match.start()))
        cursor = match.end()
    pieces.append(_strip_span(text, cursor, end))
    return [(s, e) for s, e in pieces if e > s]


def find_sentences(doc, article_id: str) -> tuple[Sentence, ...]:
    """The sentences of ``doc``: spaCy's sentence spans, stripped, split at blank lines."""
    text = doc.text
    sentences: list[Sentence] = []
    for sent in doc.sents:
        for start, end in _paragraph_pieces(text, sent.start_char, sent.end_char):
            sentences.append(Sentence(article_id, len(sentences), start, end, text[start:end]))
    return tuple(sentences)


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


def _split_mention(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """One entity span as trimmed pieces: never across a line break or a slash."""
    pieces = []
    cursor = start
    for match in re.finditer(r"\n|/", text[start:end]):
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


def find_mentions(doc, article_id: str) -> tuple[Mention, ...]:
    """Named-entity mentions of people, organizations, places, groups and named events."""
    text = doc.text
    mentions = []
    for ent in doc.ents:
        if ent.label_ not in MENTION_LABELS:
            continue
        stop = _person_end(ent) if ent.label_ == "PERSON" else ent.end_char
        for start, end in _split_mention(text, ent.start_char, stop):
            mentions.append(Mention(article_id, start, end, text[start:end], ent.label_))
    return tuple(mentions)
