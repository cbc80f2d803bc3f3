"""One attribution before speaker resolution (the quotes stage's working record)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Attribution:
    """A quote before speaker resolution; the speaker span is the surface form."""

    start: int
    end: int
    direct: bool
    cue: str | None = None
    cue_start: int | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    # direct: the parse attaches the quote to its cue; indirect: the content is the cue's
    # complement (so it may absorb a partial quote linked to the same cue)
    linked: bool = False
