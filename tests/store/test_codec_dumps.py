"""The record encoder writes exactly what ``json.dumps(to_plain(record))`` writes."""

from __future__ import annotations

import json

from storyline.records import Article, DateSource, Rejected, RejectReason, Story
from storyline.store import codec


def _reference(value: object) -> str:
    return json.dumps(codec.to_plain(value), ensure_ascii=False, separators=(",", ":"))


def test_records_with_enums_and_text_outside_ascii() -> None:
    article = Article(id="a1", source="s", text="Zürich «quoted» \u2014 ok", published="2020-01-02",
                      published_from=DateSource.METADATA, content_hash="h")
    rejected = Rejected("f.txt", RejectReason.ARTICLE_TOO_LONG, "too long")
    for value in (article, rejected, (article, [rejected]), {"k": article}):
        assert codec.dumps(value) == _reference(value)


def test_a_dict_field_keeps_its_keys_as_str_makes_them() -> None:
    story = Story(id="s1", title="T", article_ids=("a", "b"),
                  extra={True: 1, None: [2.5, float("inf")], 3: {"x": (1, 2)}, "y": "é"})
    assert codec.dumps(story) == _reference(story)
    assert '"True":1' in codec.dumps(story)
