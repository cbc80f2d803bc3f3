"""Gold reading and scoring of the ECB+ actor scorer on tiny invented ECB+-style files."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.errors import DataError
from storyline.eval.actors import (
    GoldDocument,
    GoldMention,
    head_span,
    overlapping_mention,
    pooled_metrics,
    read_gold,
    read_topic_gold,
    resolve_topic,
    score,
    token_spans,
)
from storyline.eval.ecbplus import document_text
from storyline.records import Mention

# Sentence 1: "Mara Quell left Brindleford ."  Sentence 2: "Quell , a baker , spoke ."
# Token 4 of sentence 1 is empty and must be skipped exactly as the ECB+ reader skips it.
DOC_A = """<?xml version="1.0" encoding="UTF-8"?>
<Document doc_name="9_1ecb.xml" doc_id="DOC1">
<token t_id="1" sentence="1" number="0">Mara</token>
<token t_id="2" sentence="1" number="1">Quell</token>
<token t_id="3" sentence="1" number="2">left</token>
<token t_id="4" sentence="1" number="3"></token>
<token t_id="5" sentence="1" number="4">in</token>
<token t_id="6" sentence="1" number="5">Brindleford</token>
<token t_id="7" sentence="1" number="6">.</token>
<token t_id="8" sentence="2" number="0">Quell</token>
<token t_id="9" sentence="2" number="1">,</token>
<token t_id="10" sentence="2" number="2">a</token>
<token t_id="11" sentence="2" number="3">baker</token>
<token t_id="12" sentence="2" number="4">,</token>
<token t_id="13" sentence="2" number="5">spoke</token>
<token t_id="14" sentence="2" number="6">.</token>
<Markables>
<HUMAN_PART_PER m_id="1"><token_anchor t_id="1"/><token_anchor t_id="2"/></HUMAN_PART_PER>
<LOC_GEO m_id="2"><token_anchor t_id="5"/><token_anchor t_id="6"/></LOC_GEO>
<ACTION_OCCURRENCE m_id="3"><token_anchor t_id="3"/></ACTION_OCCURRENCE>
<HUMAN_PART_PER m_id="4"><token_anchor t_id="8"/></HUMAN_PART_PER>
<HUMAN_PART_PER m_id="5"><token_anchor t_id="10"/><token_anchor t_id="11"/></HUMAN_PART_PER>
<HUMAN_PART_PER m_id="6" RELATED_TO="" TAG_DESCRIPTOR="mara" instance_id="HUM1"/>
<UNKNOWN_INSTANCE_TAG m_id="7" RELATED_TO="" TAG_DESCRIPTOR=""/>
<ACTION_OCCURRENCE m_id="8" RELATED_TO="" TAG_DESCRIPTOR="leave" instance_id="ACT1"/>
</Markables>
<Relations>
<CROSS_DOC_COREF r_id="1" note="HUM1"><source m_id="1"/><target m_id="6"/></CROSS_DOC_COREF>
<CROSS_DOC_COREF r_id="2" note="ACT1"><source m_id="3"/><target m_id="8"/></CROSS_DOC_COREF>
<INTRA_DOC_COREF r_id="3"><source m_id="4"/><source m_id="1"/><target m_id="7"/></INTRA_DOC_COREF>
</Relations>
</Document>
"""

# "Quell returned to Brindleford ." ; "Brindleford" is linked only inside this document.
DOC_B = """<?xml version="1.0" encoding="UTF-8"?>
<Document doc_name="9_2ecbplus.xml" doc_id="DOC2">
<token t_id="1" sentence="0" number="0">Quell</token>
<token t_id="2" sentence="0" number="1">returned</token>
<token t_id="3" sentence="0" number="2">to</token>
<token t_id="4" sentence="0" number="3">Brindleford</token>
<token t_id="5" sentence="0" number="4">.</token>
<Markables>
<HUMAN_PART_PER m_id="1"><token_anchor t_id="1"/></HUMAN_PART_PER>
<LOC_GEO m_id="2"><token_anchor t_id="4"/></LOC_GEO>
<HUMAN_PART_PER m_id="3" RELATED_TO="" TAG_DESCRIPTOR="mara" instance_id="HUM1"/>
<LOC_GEO m_id="4" RELATED_TO="" TAG_DESCRIPTOR=""/>
</Markables>
<Relations>
<CROSS_DOC_COREF r_id="4" note="HUM1"><source m_id="1"/><target m_id="3"/></CROSS_DOC_COREF>
<INTRA_DOC_COREF r_id="5"><source m_id="2"/><target m_id="4"/></INTRA_DOC_COREF>
</Relations>
</Document>
"""


@pytest.fixture()
def topic(tmp_path: Path) -> Path:
    folder = tmp_path / "ECB+" / "9"
    folder.mkdir(parents=True)
    (folder / "9_1ecb.xml").write_text(DOC_A, encoding="utf-8")
    (folder / "9_2ecbplus.xml").write_text(DOC_B, encoding="utf-8")
    return folder


def by_text(gold: GoldDocument) -> dict[str, GoldMention]:
    return {m.text: m for m in gold.mentions}


def test_text_is_built_like_the_ecbplus_reader(topic: Path) -> None:
    path = topic / "9_1ecb.xml"
    gold = read_gold(path)
    assert gold.text == document_text(path)
    assert gold.text == "Mara Quell left in Brindleford .\nQuell , a baker , spoke ."


def test_gold_offsets_slice_the_text(topic: Path) -> None:
    for path in sorted(topic.glob("*.xml")):
        gold = read_gold(path)
        for mention in gold.mentions:
            assert gold.text[mention.start:mention.end] == mention.text
            assert mention.start <= mention.head_start < mention.head_end <= mention.end


def test_only_entity_markables_with_anchors(topic: Path) -> None:
    gold = read_gold(topic / "9_1ecb.xml")
    assert sorted(by_text(gold)) == ["Mara Quell", "Quell", "a baker", "in Brindleford"]
    assert {m.tag for m in gold.mentions} == {"HUMAN_PART_PER", "LOC_GEO"}


def test_gold_clusters_cross_intra_and_unlinked(topic: Path) -> None:
    first = by_text(read_gold(topic / "9_1ecb.xml"))
    second = by_text(read_gold(topic / "9_2ecbplus.xml"))
    assert first["Mara Quell"].cluster == "HUM1" == second["Quell"].cluster
    # the intra-document chain joins the cross-document cluster of one of its sources
    assert first["Quell"].cluster == "HUM1"
    assert second["Brindleford"].cluster == "9_2ecbplus.xml#4"
    assert first["in Brindleford"].cluster == "" and first["a baker"].cluster == ""


def test_head_skips_prepositions_and_modifiers() -> None:
    def head(words: str) -> str:
        tokens, position = [], 0
        for word in words.split():
            tokens.append((word, position, position + len(word)))
            position += len(word) + 1
        start, end = head_span(tokens)
        return words[start:end]

    assert head("in Brindleford") == "Brindleford"
    assert head("the mayor of Brindleford") == "mayor"
    assert head("Brindleford 's") == "Brindleford"
    assert head("on a road outside old Brindleford") == "road"
    assert head(", .") == ", ."


def test_overlap_must_cover_the_head() -> None:
    gold = GoldMention(0, 22, "Brindleford town baker", "HUMAN_PART_PER", "X", 17, 22)
    town = Mention("a", 0, 11, "Brindleford", "GPE", actor_id="p")
    assert overlapping_mention(gold, [town]) is None
    baker = Mention("a", 12, 22, "town baker", "PERSON", actor_id="q")
    no_actor = Mention("a", 17, 22, "baker", "PERSON")
    assert overlapping_mention(gold, [no_actor, town, baker]) == baker


def test_resolve_topic_pairs_gold_with_story_actors(topic: Path) -> None:
    documents, golds = read_topic_gold(topic)
    ids = [d.article.id for d in documents]

    def mention(index: int, word: str, label: str, after: int = 0) -> Mention:
        start = golds[index].text.index(word, after)
        return Mention(ids[index], start, start + len(word), word, label)

    found = [
        (mention(0, "Mara Quell", "PERSON"), mention(0, "Brindleford", "GPE"),
         mention(0, "Quell", "PERSON", after=20)),
        (mention(1, "Quell", "PERSON"), mention(1, "Brindleford", "GPE")),
    ]
    for gold, mentions in zip(golds, found):
        assert all(gold.text[m.start:m.end] == m.text for m in mentions)
    result = resolve_topic("9", golds, found, ids)
    assert result.gold_mentions == 4 and result.unlinked == 2
    assert sorted(result.gold) == ["9_2ecbplus.xml#4", "HUM1", "HUM1", "HUM1"]
    assert len(set(result.predicted)) == 2  # every Quell is one story actor
    assert set(result.baseline) == {"mara quell", "quell", "brindleford"}
    metrics = pooled_metrics([result])
    assert metrics["b3_p"] == 1.0 and metrics["b3_r"] == 1.0
    assert metrics["baseline_b3_f1"] < 1.0
    assert metrics["mention_coverage"] == 1.0
    # names only here: the resolved figure scores the same mentions
    assert metrics["resolved_mention_coverage"] == 1.0 and metrics["resolved_b3_f1"] == 1.0
    # topic 9 is odd: the even half is empty
    assert metrics["half1_b3_f1"] == 1.0 and metrics["half0_mention_coverage"] == 0.0


def test_mismatched_text_is_a_data_error(topic: Path, monkeypatch) -> None:
    monkeypatch.setattr("storyline.eval.actors.token_spans",
                        lambda root: ("other text", {}))
    with pytest.raises(DataError):
        read_topic_gold(topic)


def test_token_spans_of_empty_document() -> None:
    import xml.etree.ElementTree as ET

    assert token_spans(ET.fromstring("<Document/>")) == ("", {})


def test_score_reports_every_metric(topic: Path, nlp) -> None:
    calls: list[tuple[int, int]] = []
    report = score(topic.parent.parent, progress=lambda d, t: calls.append((d, t)), nlp=nlp)
    assert report.name == "actors"
    assert {"b3_p", "b3_r", "b3_f1", "baseline_b3_f1", "mention_coverage", "resolved_b3_f1",
            "half0_b3_f1", "half1_b3_f1"} <= set(report.metrics)
    assert [row["topic"] for row in report.rows] == ["9"]
    assert calls == [(1, 1)]
