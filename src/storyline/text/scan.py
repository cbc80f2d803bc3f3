"""``pattern.finditer(text)`` for many rule patterns at once, faster when they are long
alternations of words.

Python's regular-expression engine tries each pattern at every position of the text, and at
each word start it walks every alternative (case-insensitive ones slowest). A
:class:`RuleScanner` first reads, from each pattern's parse tree, every way a match can
begin (its first few characters, up to ``LONGEST``, folded to lower-case ASCII with every
digit as "0" and every ASCII space as " ", any other character as one wildcard; a
look-ahead that reads far enough stands for the characters after it), finds the
positions where the text begins in any of those ways with one search, and tries at each
only the patterns that may begin there. Each pattern's matches
are exactly those of its ``finditer``: a position is skipped only when no match can begin at
it, and matches are taken left to right without overlap, as ``finditer`` takes them. A
pattern the reader does not follow (back-references, conditionals, one that can match the
empty string) is run as it is.
"""

from __future__ import annotations

import functools
import re
from re import _constants as sre
from re import _parser as sre_parse

#: How many leading characters of a match the scanner reads from the pattern.
PREFIX = 2
#: How many it reads at most to choose the patterns to try at a position, and how many
#: prefixes one pattern may have at that length.
LONGEST = 5
MAX_PREFIXES = 3000
#: Every character outside ASCII, in the folded text and in the prefixes.
WILD = "\x80"
_ASCII = frozenset(chr(c) for c in range(128))
_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyz")
_WORD = _LETTERS | frozenset("0_")
_SPACE = frozenset(" \t\n\r\f\v\x1c\x1d\x1e\x1f")
_DIGITS = frozenset("0123456789")
#: ASCII as the folded text holds it: lower-case, every digit as "0", every space as " ".
_FOLD = {c: " " if c in _SPACE else "0" if c in _DIGITS else c.lower() for c in _ASCII}
_FOLD_TABLE = str.maketrans({c: f for c, f in _FOLD.items() if c != f})
_ALL = frozenset(_FOLD.values()) | {WILD}
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)
_ZERO_WIDTH = (sre.AT, sre.ASSERT, sre.ASSERT_NOT)


class _Unknown(Exception):
    """A construct the prefix reader does not follow."""


def _fold(chars, ignore: bool) -> frozenset[str]:
    """Characters as the folded text holds them. A case-insensitive letter may also match
    a character outside ASCII (the Kelvin sign matches k), so it keeps the wildcard, and a
    case-insensitive character outside ASCII the ASCII letters it matches."""
    out = set()
    for char in chars:
        if char > "\x7f":
            out |= {WILD} | (_ascii_matches(char) if ignore else set())
            continue
        low = _FOLD[char]
        out.add(low)
        if ignore and low in _LETTERS:
            out.add(WILD)
    return frozenset(out)


@functools.cache
def _ascii_matches(char: str) -> frozenset[str]:
    """The ASCII characters (folded) that ``char`` matches case-insensitively."""
    pattern = re.compile(re.escape(char), re.IGNORECASE)
    return frozenset(_FOLD[c] for c in _ASCII if pattern.fullmatch(c))


def _category(code) -> frozenset[str]:
    if code in (sre.CATEGORY_DIGIT, sre.CATEGORY_UNI_DIGIT):
        return frozenset({"0", WILD})
    if code in (sre.CATEGORY_SPACE, sre.CATEGORY_UNI_SPACE):
        return frozenset({" ", WILD})
    if code in (sre.CATEGORY_WORD, sre.CATEGORY_UNI_WORD):
        return _WORD | {WILD}
    return _ALL


def _charset(items, ignore: bool) -> frozenset[str]:
    out: set[str] = set()
    for op, av in items:
        if op is sre.NEGATE:
            return _ALL
        if op is sre.LITERAL:
            out |= _fold(chr(av), ignore)
        elif op is sre.RANGE:
            low, high = av
            out |= _fold((chr(c) for c in range(low, min(high, 127) + 1)), ignore)
            if high > 127:
                out |= {WILD} | (_LETTERS if ignore else set())
        elif op is sre.CATEGORY:
            out |= _category(av)
        else:
            return _ALL
    return frozenset(out)


def _join(heads: set[str], tails: set[str], size: int) -> set[str]:
    """Every head (shorter than ``size``) followed by every tail, cut to ``size``."""
    return {(head + tail)[:size] for head in heads for tail in tails}


def _sequence(items, flags: int, size: int) -> set[str]:
    """The ways the sequence ``items`` can begin: strings of ``size`` characters, and
    shorter ones where the whole sequence can end that soon."""
    done: set[str] = set()
    open_: set[str] = {""}
    for op, av in items:
        if not open_:
            break
        grown: set[str] = set()
        for length in {len(head) for head in open_}:
            heads = {head for head in open_ if len(head) == length}
            grown |= _join(heads, _item(op, av, flags, size - length), size)
        done |= {s for s in grown if len(s) == size}
        open_ = {s for s in grown if len(s) < size}
    return done | open_


def _item(op, av, flags: int, size: int) -> set[str]:
    ignore = bool(flags & sre.SRE_FLAG_IGNORECASE)
    if op is sre.LITERAL:
        return set(_fold(chr(av), ignore))
    if op is sre.NOT_LITERAL or op is sre.ANY:
        return set(_ALL)
    if op is sre.IN:
        return set(_charset(av, ignore))
    if op is sre.ASSERT and av[0] == 1:
        return _lookahead(av[1], flags, size)
    if op in _ZERO_WIDTH:
        return {""}
    if op is sre.SUBPATTERN:
        _group, add, remove, sub = av
        return _sequence(sub, (flags | add) & ~remove, size)
    if op is sre.ATOMIC_GROUP:
        return _sequence(av, flags, size)
    if op is sre.BRANCH:
        return set().union(*(_sequence(branch, flags, size) for branch in av[1]))
    if op in _REPEATS:
        return _repeat(av, flags, size)
    raise _Unknown(op)


def _lookahead(sub, flags: int, size: int) -> set[str]:
    """A look-ahead ``(?=...)``: the text from here on begins with one of its prefixes, so
    those serve as the next ``size`` characters, where every one is that long (the items
    after it read the same characters, so a shorter one could not be followed by them);
    else it tells nothing ("")."""
    try:
        ahead = _sequence(sub.data, flags, size)
    except _Unknown:
        return {""}
    return ahead if ahead and all(len(string) == size for string in ahead) else {""}


def _repeat(av, flags: int, size: int) -> set[str]:
    """Repeating an item: after ``size`` more rounds no new beginning can appear."""
    low, high, sub = av
    once = _sequence(sub, flags, size)
    out = {""} if low == 0 else set()
    current = {""}
    for rounds in range(1, min(high, low + size) + 1):
        current = {s for s in current if len(s) == size} | _join(
            {s for s in current if len(s) < size}, once, size)
        if rounds >= low:
            out |= current
    return out


def _starts_after_non_word(tree) -> bool:
    """True when the pattern opens with a look-behind that refuses any word character
    (``(?<!\\w)``, ``(?<![\\w.,])``): no match begins right after a letter or digit."""
    if not tree.data:
        return False
    op, av = tree.data[0]
    if op is not sre.ASSERT_NOT:
        return False
    direction, sub = av
    if direction != -1 or len(sub.data) != 1 or sub.data[0][0] is not sre.IN:
        return False
    items = sub.data[0][1]
    return (sre.NEGATE, None) not in items and any(
        item in ((sre.CATEGORY, sre.CATEGORY_WORD), (sre.CATEGORY, sre.CATEGORY_UNI_WORD))
        for item in items)


def _starts_regex(prefixes: set[str], after_non_word: bool) -> re.Pattern[str]:
    """A search over the folded text that stops on each position a match may begin at
    (it takes one character and looks ahead for the rest of a prefix, so consecutive
    positions are all found)."""
    branches = [chars + ("(?=" + rest + ")" if rest else "")
                for chars, rest in _branches(prefixes)]
    guard = r"(?<![a-z0_][\s\S])" if after_non_word else ""
    return re.compile("(?:" + "|".join(branches) + ")" + guard)


def _branches(strings: set[str]) -> list[tuple[str, str]]:
    """``strings`` as a tree: a character class and a pattern for what may follow it, the
    characters that share what follows in one class."""
    by_first: dict[str, set[str]] = {}
    for string in strings:
        by_first.setdefault(string[0], set()).add(string[1:])
    by_rest: dict[str, list[str]] = {}
    for first, rests in by_first.items():
        by_rest.setdefault(_any_of(rests), []).append(first)
    out = []
    for rest, firsts in sorted(by_rest.items()):
        chars = "".join(re.escape(char) for char in sorted(firsts))
        out.append((chars if len(firsts) == 1 else "[" + chars + "]", rest))
    return out


def _any_of(strings: set[str]) -> str:
    """A pattern that matches where any of ``strings`` begins ("" when one is empty)."""
    if "" in strings:
        return ""
    branches = [chars + rest for chars, rest in _branches(strings)]
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


def _beginnings(pattern: re.Pattern[str]) -> tuple[set[str], set[str], bool] | None:
    """The folded prefixes a match of ``pattern`` can begin with (``PREFIX`` characters,
    then as many as :func:`_longest` affords), and whether it opens with ``(?<!\\w)``;
    None for a pattern the reader does not follow."""
    if pattern.flags & (sre.SRE_FLAG_LOCALE | sre.SRE_FLAG_ASCII) or isinstance(
            pattern.pattern, bytes):
        return None
    tree = sre_parse.parse(pattern.pattern, pattern.flags)
    try:
        prefixes = _sequence(tree.data, tree.state.flags, PREFIX)
    except _Unknown:
        return None
    if "" in prefixes:
        return None  # it may match the empty string
    return prefixes, _longest(tree, prefixes), _starts_after_non_word(tree)


def _longest(tree, prefixes: set[str]) -> set[str]:
    """The pattern's prefixes at the greatest length up to ``LONGEST`` whose count stays
    within ``MAX_PREFIXES`` (``prefixes``, of ``PREFIX`` characters, when none does)."""
    best = prefixes
    for size in range(PREFIX + 1, LONGEST + 1):
        longer = _sequence(tree.data, tree.state.flags, size)
        if len(longer) > MAX_PREFIXES:
            break
        best = longer
    return best


def fold(text: str) -> str:
    """``text`` lower-cased in ASCII, every other character as :data:`WILD` (same length)."""
    return _NON_ASCII.sub(WILD, text).translate(_FOLD_TABLE)


class RuleScanner:
    """The matches of several patterns over one text (each as its ``finditer`` finds them),
    with one search for the positions where any of them may begin.

    Where a match may begin, the patterns to try are looked up by the text's next few
    characters: each pattern under its own longer prefixes (``by_prefix``), so that "the "
    does not try every pattern that may begin with "th"; ``lengths`` lists, for the first
    ``PREFIX`` characters, the lengths of the prefixes to look up."""

    def __init__(self, patterns: list[re.Pattern[str]]) -> None:
        self.patterns = patterns
        found = [_beginnings(p) for p in patterns]
        self.plain = [i for i, f in enumerate(found) if f is None]
        self.guarded = frozenset(i for i, f in enumerate(found) if f is not None and f[2])
        self.by_prefix: dict[str, tuple[int, ...]] = {}
        lengths: dict[str, set[int]] = {}
        union: set[str] = set()
        for index, beginning in enumerate(found):
            if beginning is None:
                continue
            union |= beginning[1]
            for prefix in beginning[1]:
                self.by_prefix[prefix] = (*self.by_prefix.get(prefix, ()), index)
                lengths.setdefault(prefix[:PREFIX], set()).add(len(prefix))
        self.lengths = {head: tuple(sorted(sizes)) for head, sizes in lengths.items()}
        #: the lengths of the prefixes shorter than PREFIX (patterns that can end sooner)
        self.short = tuple(sorted({len(prefix) for prefix in union if len(prefix) < PREFIX}))
        every = len(self.guarded) == len(patterns) - len(self.plain)
        self.starts = _starts_regex(union, every) if union else None

    def matches(self, text: str) -> list[list[re.Match[str]]]:
        """For each pattern, its matches in ``text`` in order."""
        out: list[list[re.Match[str]]] = [[] for _ in self.patterns]
        for index in self.plain:
            out[index] = list(self.patterns[index].finditer(text))
        if self.starts is None:
            return out
        folded = fold(text)
        position = [0] * len(self.patterns)
        rules, lengths, guarded = self.by_prefix, self.lengths, self.guarded
        for hit in self.starts.finditer(folded):
            start = hit.start()
            after_word = start > 0 and folded[start - 1] in _WORD
            candidates: tuple[int, ...] = ()
            for size in lengths.get(folded[start:start + PREFIX], ()):
                candidates += rules.get(folded[start:start + size], ())
            for size in self.short:
                candidates += rules.get(folded[start:start + size], ())
            for index in candidates:
                if start < position[index] or (after_word and index in guarded):
                    continue
                found = self.patterns[index].match(text, start)
                if found is not None:
                    out[index].append(found)
                    position[index] = found.end()
        return out
