"""Direct and indirect attributions of one article made into quotes that do not overlap."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from .attribution import Attribution

#: An indirect clause replaces a direct quote inside it when it has this many more
#: characters of its own ('X said she would "never" go').
ABSORB_CHARS = 15
#: An indirect clause cut short by a direct quote's own cue is dropped under this length.
MIN_CLIPPED = 10


def _overlaps(a: Attribution, b: Attribution) -> bool:
    return a.start < b.end and b.start < a.end


def _absorbs(indirect: Attribution, direct: Attribution) -> bool:
    """Does an indirect clause contain a direct quote plus real words of its own?"""
    inside = indirect.start <= direct.start + 1 and direct.end <= indirect.end + 2
    return inside and (indirect.end - indirect.start) - (direct.end - direct.start) > ABSORB_CHARS


def _own_cue_start(direct: Attribution) -> int:
    """Where a direct quote's own attribution starts: its cue, speaker or opening mark."""
    marks = [direct.start - 1]
    marks += [x for x in (direct.cue_start, direct.speaker_start) if x is not None]
    return min(marks)


def _clip(text: str, indirect: Attribution, direct: Sequence[Attribution]) -> Attribution | None:
    """Cut an indirect clause short where a direct quote with a cue of its own begins."""
    end = indirect.end
    for quote in direct:
        if quote.cue_start is None or quote.cue_start == indirect.cue_start:
            continue
        cut = _own_cue_start(quote)
        if indirect.start < cut < end and quote.start < end:
            end = cut
    while end > indirect.start and text[end - 1] in " \n\t,;:-—–\"“”'":
        end -= 1
    if end - indirect.start < MIN_CLIPPED:
        return None
    return replace(indirect, end=end) if end != indirect.end else indirect


def merge_attributions(text: str, direct: list[Attribution], indirect: list[Attribution]) -> list[Attribution]:
    """Attributions that do not overlap: an indirect clause that contains a partial
    direct quote (``X said she would "never" go``) replaces it; otherwise direct quotes
    win, then longer indirect ones."""
    clipped = [c for c in (_clip(text, i, direct) for i in indirect) if c is not None]
    absorbed = {id(d) for d in direct
                if any(i.linked and _absorbs(i, d) for i in clipped)}
    kept = [d for d in direct if id(d) not in absorbed]
    for item in sorted(clipped, key=lambda a: a.start - a.end):
        if not any(_overlaps(item, other) for other in kept):
            kept.append(item)
    return sorted(kept, key=lambda a: (a.start, a.end))
