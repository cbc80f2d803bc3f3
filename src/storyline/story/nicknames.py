"""Nicknames that clip a person's given name and surname ("LiLo" of Lindsay Lohan): the
story actors stage joins such a one-word name to the one person of the story it clips."""

from __future__ import annotations

import re
from collections.abc import Sequence

_CLIPPED_PARTS = re.compile(r"([A-Z][a-z]*)-?([A-Z][a-z]+)")


def clipped_parts(word: str) -> tuple[str, str] | None:
    """The two capitalized openings a one-word nickname is made of ("LiLo": li, lo), or
    None for a word that cannot clip a two-word name."""
    match = _CLIPPED_PARTS.fullmatch(word)
    if match is None:
        return None
    first, last = (part.casefold() for part in match.groups())
    return first, last


def clips(parts: tuple[str, str], full: Sequence[str]) -> bool:
    """True when ``parts`` open a two-word name's given name and surname, each shorter."""
    if len(full) != 2:
        return False
    first, last = parts
    return full[0].startswith(first) and full[1].startswith(last) and \
        len(first) < len(full[0]) and len(last) < len(full[1])


def clipped_name_of(word: str, full: Sequence[str]) -> bool:
    """True for a one-word nickname made of the openings of a two-word name's given name
    and surname, each capitalized ("LiLo" of Lindsay Lohan, "A-Rod" of Alex Rodriguez)."""
    parts = clipped_parts(word)
    return parts is not None and clips(parts, full)
