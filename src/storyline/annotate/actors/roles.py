"""Titles and roles written with a personal name, kept apart from the name.

"Secretary of State Antony Blinken" is Antony Blinken with the role "Secretary of State";
"Ann Vale, the agency's chief economist," has the role "agency's chief economist"; a
fragment of a role that the recognizer took for a name ("State") names no actor.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from ...records import Mention
from .lexicon import (
    CORE_TITLES,
    HONORIFICS,
    MODIFIERS,
    NOT_IN_ROLE,
    ROLE_CONNECTORS,
    ROLE_STOP_WORDS,
)

_POSSESSIVE_END = re.compile(r"['’]s?$")
_STOP_PUNCT = ",;:()[]{}\"“”‘!?—–|"


@functools.lru_cache(maxsize=8192)
def is_title_word(word: str) -> bool:
    """A title, modifier or honorific word ("President", "ex-minister"); once per form."""
    low = word.casefold().replace("’", "'")
    low = re.sub(r"^(?:then|ex|former)-", "", low)
    return low in CORE_TITLES or low in MODIFIERS or low in HONORIFICS


def _accept_role_word(word: str, right: str | None) -> bool:
    """Whether ``word`` continues a role phrase leftwards; ``right`` is the word after it."""
    if is_title_word(word) or word in ROLE_CONNECTORS.words:
        return True
    if not word[:1].isupper() or _POSSESSIVE_END.search(word) or word.endswith("ing"):
        return False
    if right in ROLE_CONNECTORS.words:
        return False  # "Lawyers for Dr ...": a name before "of"/"for" must itself be a title
    return word.isupper() or word.casefold() not in ROLE_STOP_WORDS.words


def _clean_role(words: list[str]) -> list[str]:
    """Trim connectors and honorifics from the edges; empty unless a core title is left."""
    words = [re.sub(r"^(?:then|ex)-", "", w, flags=re.IGNORECASE) for w in words]
    while words and (words[0] in ROLE_CONNECTORS.words or words[0].casefold() in HONORIFICS):
        words.pop(0)
    while words and words[-1].casefold() in HONORIFICS:
        words.pop()
    if not words or not is_title_word(words[-1]):
        return []
    if not any(w.casefold() in CORE_TITLES for w in words):
        return []
    core_before_last = any(w.casefold() in CORE_TITLES for w in words[:-1])
    if len(words) > 1 and words[-1].endswith(".") and core_before_last:
        words.pop()  # "Chief of Staff Gen." -> "Chief of Staff"
    return words


def role_words_before(text: str, start: int, max_words: int = 9) -> list[str]:
    """The title/role words written just before ``start`` on the same line, in order."""
    line_start = max(text.rfind("\n", 0, start) + 1, start - 120)
    words = text[line_start:start].split()
    taken: list[str] = []
    for word in reversed(words[-max_words:]):
        if word[-1] in _STOP_PUNCT or word[0] in _STOP_PUNCT:
            break
        if word.endswith(".") and not is_title_word(word) and not re.fullmatch(
            r"(?:[A-Z]\.)+", word
        ):
            break
        if not _accept_role_word(word, taken[-1] if taken else None):
            break
        taken.append(word)
    return _clean_role(list(reversed(taken)))


def strip_title_prefix(name: str) -> tuple[str, list[str]]:
    """Split titles spaCy kept inside a PERSON entity: "President Biden" -> Biden, [President]."""
    words = name.split()
    cut = 0
    while cut < len(words) - 1 and is_title_word(words[cut]) and words[cut][:1].isupper():
        cut += 1
    if cut == 0:
        return name, []
    return " ".join(words[cut:]), words[:cut]


#: A nickname in quotes or brackets between the words of a personal name
#: ('Vincent "The Chin" Gigante', "Luis Gerardo (Jerry) Ortiz").
_NICKNAME = re.compile(r"(?<=\S)\s+(?:\"[^\"\n]{1,30}\"|“[^”\n]{1,30}”|'[^'\n]{1,30}'|‘[^’\n]{1,30}’"
                       r"|\([^)\n]{1,30}\))\s+(?=\S)")


def strip_nickname(name: str) -> str:
    """A personal name without a nickname written inside it: 'Vincent "The Chin"
    Gigante' -> "Vincent Gigante", so that it is the person every other form names."""
    return _NICKNAME.sub(" ", name)


def parse_mention(mention: Mention, text: str) -> tuple[str, list[str]]:
    """The plain name of a mention (no nickname inside it) and the role phrases found
    with it."""
    if mention.label != "PERSON":
        return mention.text, []
    name, inner = strip_title_prefix(strip_nickname(mention.text))
    words = _clean_role(role_words_before(text, mention.start) + inner)
    roles = [" ".join(words)] if words else []
    after = role_after(text, mention.end)
    return name, roles + ([after] if after else [])


_APPOSITIVE = re.compile(r",\s+(?:(?:the|a|an)\s+)?(?P<role>[^,;.:()\n\"“”]{2,80}?)\s*[,;.]")


def role_after(text: str, end: int) -> str | None:
    """A role in an appositive after a name: "Ann Vale, the agency's chief economist," ->
    "agency's chief economist" (a core title word, at most seven words, no clause)."""
    found = _APPOSITIVE.match(text, end)
    if not found:
        return None
    words = found["role"].split()
    if len(words) > 7 or any(w.casefold() in NOT_IN_ROLE.words for w in words):
        return None
    if not any(w.casefold() in CORE_TITLES for w in words):
        return None
    return " ".join(words)


def role_spans(mentions: Sequence[Mention], text: str) -> list[tuple[int, int]]:
    """Character spans of role phrases written before PERSON mentions."""
    spans = []
    for mention in mentions:
        if mention.label == "PERSON":
            words = role_words_before(text, mention.start)
            if words:
                spans.append((text.rfind(words[0], 0, mention.start), mention.start))
    return spans


def is_role_fragment(mention: Mention, role_spans: Sequence[tuple[int, int]]) -> bool:
    """True for "State" in "Secretary of State Antony Blinken" and bare titles."""
    if all(is_title_word(word) for word in mention.text.split()):
        return True
    inside = any(s <= mention.start and mention.end <= e for s, e in role_spans)
    return inside and mention.label in {"ORG", "PERSON"} and is_title_word(
        mention.text.split()[-1]
    )


