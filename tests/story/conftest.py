"""Fixtures shared by the story stage tests."""

from __future__ import annotations

import pytest

from storyline.story.timeline import DatedSentence


@pytest.fixture
def dam_day() -> list[DatedSentence]:
    """Three sentences of one day (2031-06-02): c1 narrates it in a recap written later,
    c2 quotes it in that recap, c3 reports it on the day but says less of it."""

    def dated(aid: str, text: str, published: str) -> DatedSentence:
        return DatedSentence(aid, 0, len(text), text, "2031-06-02", "day", published, None,
                             True)

    return [dated("c1", "Crews sealed the leaking Vell dam spillway with concrete on the "
                        "second day of repairs.", "2031-06-20"),
            dated("c2", "`` Crews sealed the leaking Vell dam spillway , '' the mayor said "
                        "on the second day.", "2031-06-20"),
            dated("c3", "The Vell dam repairs went on as a mayor visited the town.",
                  "2031-06-02")]
