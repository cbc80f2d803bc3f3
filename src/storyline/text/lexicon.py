"""The shapes of lexicon entries: every word list, table and pattern a stage uses has a name
and a reason for existing, the way ``ingest/noise.py`` writes its rules.

Each stage keeps its entries in its own ``lexicon`` module; ``entries(module)`` lists them
(the docs and a test read it). An entry behaves like what it holds: ``word in WORDS``,
``TABLE.get(word)``, ``PATTERN.search(text)``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType, ModuleType
from typing import Any


@dataclass(frozen=True, slots=True)
class Words:
    """A named set of words (or phrases), with why the stage needs it."""

    name: str
    words: frozenset[str]
    why: str

    def __contains__(self, word: object) -> bool:
        return word in self.words

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(self.words))

    def __len__(self) -> int:
        return len(self.words)

    def __or__(self, other: Any) -> frozenset[str]:
        return self.words | frozenset(other)


def words(name: str, text: str, why: str) -> Words:
    """A :class:`Words` entry from whitespace-separated ``text``."""
    return Words(name, frozenset(text.split()), why)


@dataclass(frozen=True, slots=True)
class Table:
    """A named mapping (word -> value: a code, a number, a canonical form)."""

    name: str
    entries: Mapping[str, Any] = field(hash=False)
    why: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "entries", MappingProxyType(dict(self.entries)))

    def __contains__(self, key: object) -> bool:
        return key in self.entries

    def __getitem__(self, key: str) -> Any:
        return self.entries[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    def get(self, key: str, default: Any = None) -> Any:
        return self.entries.get(key, default)

    def items(self):
        return self.entries.items()

    def keys(self):
        return self.entries.keys()

    def values(self):
        return self.entries.values()


@dataclass(frozen=True, slots=True)
class Pattern:
    """A named regular expression."""

    name: str
    pattern: re.Pattern[str]
    why: str

    def search(self, text: str, *args: int) -> re.Match[str] | None:
        return self.pattern.search(text, *args)

    def match(self, text: str, *args: int) -> re.Match[str] | None:
        return self.pattern.match(text, *args)

    def fullmatch(self, text: str, *args: int) -> re.Match[str] | None:
        return self.pattern.fullmatch(text, *args)

    def finditer(self, text: str, *args: int) -> Iterator[re.Match[str]]:
        return self.pattern.finditer(text, *args)

    def findall(self, text: str, *args: int) -> list[Any]:
        return self.pattern.findall(text, *args)

    def sub(self, repl: Any, text: str, count: int = 0) -> str:
        return self.pattern.sub(repl, text, count)


def pattern(name: str, regex: str, why: str, flags: int = 0) -> Pattern:
    return Pattern(name, re.compile(regex, flags), why)


Entry = Words | Table | Pattern


def entries(module: ModuleType) -> list[Entry]:
    """Every lexicon entry a module defines, in name order."""
    found = [v for v in vars(module).values() if isinstance(v, (Words, Table, Pattern))]
    return sorted(found, key=lambda e: e.name)
