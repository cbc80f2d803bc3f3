"""The speaker scorer on hand-built records, and the shipped speaker gold's shape."""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from storyline.cli import cli
from storyline.errors import DataError
from storyline.eval import speakers
from storyline.eval.polnear import GoldAttribution, PolnearDoc
from storyline.eval.report import below_floor
from storyline.eval.speakers import (
    GOLD_PATH,
    GoldSpeaker,
    Outcome,
    build_report,
    check_alignment,
    is_correct,
    normalize_name,
    parse_gold_row,
    read_gold,
    score_article,
    speaker_kind,
    summarize,
)
from storyline.records import Actor, Quote, Story

MARA = Actor(id="a-mara", name="Mara Quell", kind="person", aliases=("Quell",))
QUELL = Actor(id="a-quell", name="Quell", kind="person")
BOTH = Actor(id="a-both", name="Mara Quell", kind="person", aliases=("Tobin Quell",))
TOBIN = Actor(id="a-tobin", name="Tobin Quell", kind="person")
ANON = Actor(id="a-anon", name="a senior official", kind="anonymous")
FARMERS = Actor(id="a-farmers", name="farmers", kind="group")
GUILD = Actor(id="a-guild", name="The Brindle Guild", kind="org", aliases=("Guild",))


def gold(entity: str, content=((0, 10),), kind: str = "name", aliases=()) -> GoldSpeaker:
    return GoldSpeaker(file="doc.txt", content=tuple(content), source=((20, 24),),
                       entity=entity, aliases=tuple(aliases), source_kind=kind)


def quote(start: int, end: int, actor: Actor | None = None) -> Quote:
    return Quote(id=f"q{start}", article_id="doc", start=start, end=end, text="x" * (end - start),
                 direct=True, speaker_actor_id=actor.id if actor else None)


@dataclass(frozen=True)
class TypedQuote:
    """A quote record with the ``speaker_kind`` field the scorer reads first."""

    speaker_actor_id: str | None
    speaker_kind: str | None


NONE: frozenset[str] = frozenset()


def test_normalize_name_ignores_case_spacing_apostrophes_and_a_leading_the() -> None:
    assert normalize_name("  The   New York  POST ") == "new york post"
    assert normalize_name("James O’Neill") == normalize_name("james o'neill")
    assert normalize_name("The") == "the"
    assert normalize_name("Theresa May") == "theresa may"


def test_named_gold_matches_the_actor_name_or_an_alias() -> None:
    assert is_correct(gold("Mara Quell"), quote(0, 10, MARA), MARA, NONE)
    assert is_correct(gold("Brindle Guild"), quote(0, 10, GUILD), GUILD, NONE)
    assert is_correct(gold("Mara J. Quell", aliases=["Mara Quell"]), quote(0, 10, MARA), MARA,
                      NONE)


def test_a_surname_only_actor_needs_the_full_name_among_its_aliases() -> None:
    assert not is_correct(gold("Mara Quell"), quote(0, 10, QUELL), QUELL, NONE)
    joined = Actor(id="a-q2", name="Quell", kind="person", aliases=("Mara Quell",))
    assert is_correct(gold("Mara Quell"), quote(0, 10, joined), joined, NONE)


def test_an_actor_standing_for_two_gold_entities_is_right_for_neither() -> None:
    rivals = frozenset({"tobin quell"})
    assert not is_correct(gold("Mara Quell"), quote(0, 10, BOTH), BOTH, rivals)
    assert is_correct(gold("Mara Quell"), quote(0, 10, MARA), MARA, rivals)


def test_no_speaker_actor_is_wrong_for_every_kind_of_gold() -> None:
    for entity in ("Mara Quell", speakers.ANONYMOUS, "GROUP:farmers"):
        assert not is_correct(gold(entity), quote(0, 10), None, NONE)


def test_anonymous_gold_needs_a_speaker_typed_anonymous() -> None:
    anonymous = gold(speakers.ANONYMOUS, kind="anonymous")
    assert is_correct(anonymous, quote(0, 10, ANON), ANON, NONE)
    assert not is_correct(anonymous, quote(0, 10, MARA), MARA, NONE)
    assert not is_correct(anonymous, quote(0, 10, FARMERS), FARMERS, NONE)


def test_group_gold_needs_a_group_speaker_or_the_label() -> None:
    group = gold("GROUP:farmers", kind="group")
    assert is_correct(group, quote(0, 10, FARMERS), FARMERS, NONE)
    labelled = Actor(id="a-f2", name="Farmers", kind="org")
    assert is_correct(group, quote(0, 10, labelled), labelled, NONE)
    assert not is_correct(group, quote(0, 10, GUILD), GUILD, NONE)
    assert not is_correct(group, quote(0, 10, FARMERS), FARMERS, frozenset({"farmers"}))


def test_the_quote_field_types_a_speaker_without_an_actor() -> None:
    typed = TypedQuote(speaker_actor_id=None, speaker_kind="anonymous")
    assert speaker_kind(typed, None) == "anonymous"
    assert is_correct(gold(speakers.ANONYMOUS, kind="anonymous"), typed, None, NONE)
    assert speaker_kind(quote(0, 10, GUILD), GUILD) == "org"
    assert speaker_kind(quote(0, 10), None) is None


def test_score_article_matches_by_content_overlap_and_reads_the_actor() -> None:
    golds = [gold("Mara Quell", content=((0, 100),), kind="pronoun"),
             gold("Tobin Quell", content=((200, 300),), kind="surname"),
             gold("GROUP:farmers", content=((400, 500),), kind="group"),
             gold(speakers.ANONYMOUS, content=((600, 700),), kind="anonymous")]
    story = Story(id="doc", title="", article_ids=("doc",),
        quotes=(quote(10, 90, MARA),          # 80% of the gold: matched, right
                quote(200, 229, TOBIN),       # 29% of the longer span: not matched
                quote(400, 500, BOTH),        # matched, a person where a group was said
                quote(600, 700, ANON)),       # matched, typed anonymous
        actors=(MARA, TOBIN, BOTH, ANON))
    outcomes = score_article(golds, story)
    assert [(o.matched, o.correct) for o in outcomes] == [
        (True, True), (False, False), (True, False), (True, True)]
    assert outcomes[2].predicted == "Mara Quell"


def test_score_article_takes_the_best_overlapping_quote() -> None:
    story = Story(id="doc", title="", article_ids=("doc",),
                  quotes=(quote(0, 40, TOBIN), quote(0, 90, MARA)),
                  actors=(MARA, TOBIN))
    outcome, = score_article([gold("Mara Quell", content=((0, 100),))], story)
    assert outcome.correct and outcome.predicted == "Mara Quell"


def test_a_speaker_id_missing_from_the_actors_scores_wrong() -> None:
    story = Story(id="doc", title="", article_ids=("doc",), quotes=(quote(0, 100, MARA),))
    outcome, = score_article([gold("Mara Quell", content=((0, 100),))], story)
    assert outcome.matched and not outcome.correct and outcome.predicted is None


def test_summarize_counts_accuracy_coverage_and_each_source_kind() -> None:
    outcomes = [Outcome(gold("A", kind="name"), True, True),
                Outcome(gold("A", kind="name"), True, False),
                Outcome(gold("A", kind="pronoun"), True, True),
                Outcome(gold("GROUP:x", kind="group"), True, False),
                Outcome(gold("A", kind="pronoun"), False, False)]
    metrics = summarize(outcomes)
    assert metrics["speaker_accuracy"] == 0.5
    assert metrics["coverage"] == 0.8
    assert metrics["accuracy_name"] == 0.5 and metrics["matched_name"] == 2
    assert metrics["accuracy_pronoun"] == 1.0 and metrics["gold_pronoun"] == 2
    assert metrics["accuracy_group"] == 0.0 and metrics["accuracy_description"] == 0.0
    assert metrics["named_entity_accuracy"] == round(2 / 3, 4)
    assert (metrics["gold"], metrics["matched"], metrics["correct"]) == (5, 4, 2)


def test_build_report_has_a_row_per_document_and_the_floors() -> None:
    report = build_report([[Outcome(gold("A"), True, True), Outcome(gold("A"), False, False)]],
                          1.0)
    assert report.name == "speakers"
    assert report.rows == ({"document": "doc", "gold": 2, "matched": 1, "correct": 1,
                            "accuracy": 1.0},)
    assert set(report.floors) >= {"speaker_accuracy", "coverage", "accuracy_pronoun",
                                  "accuracy_description"}
    assert below_floor(report) != []  # 1 of 1 matched but coverage 0.5 < its floor


@pytest.mark.parametrize("row,message", [
    ({"file": "a.txt", "content": [[0, 5]], "source": [[6, 8]], "entity": "X",
      "source_kind": "nickname"}, "source_kind"),
    ({"file": "a.txt", "content": [[5, 0]], "source": [[6, 8]], "entity": "X",
      "source_kind": "name"}, "offsets"),
    ({"file": "a.txt", "content": [[0, 5]], "source": [[6, 8]], "entity": "",
      "source_kind": "name"}, "entity"),
    ({"file": "a.txt", "content": [[0, 5]], "source": [[6, 8]], "entity": "X",
      "source_kind": "name", "aliases": "Y"}, "aliases"),
])
def test_bad_gold_rows_are_refused(row, message) -> None:
    with pytest.raises(DataError, match=message):
        parse_gold_row(row, "gold:1")


def test_read_gold_groups_rows_by_file_and_refuses_bad_json(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    rows = [{"file": "b.txt", "content": [[0, 5]], "source": [[6, 8]], "entity": "X",
             "source_kind": "name", "affiliation": None},
            {"file": "a.txt", "content": [[0, 5], [9, 12]], "source": [[6, 8]],
             "entity": speakers.ANONYMOUS, "source_kind": "anonymous", "affiliation": "Guild"}]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n\n", encoding="utf-8")
    gold_rows = read_gold(path)
    assert list(gold_rows) == ["a.txt", "b.txt"]
    assert gold_rows["a.txt"][0].content == ((0, 5), (9, 12))
    assert gold_rows["a.txt"][0].affiliation == "Guild"
    assert gold_rows["a.txt"][0].entity_class == "anonymous"
    path.write_text("{not json\n", encoding="utf-8")
    with pytest.raises(DataError, match="not JSON"):
        read_gold(path)


def test_gold_rows_must_key_an_attribution_with_the_same_source() -> None:
    doc = PolnearDoc(name="doc", text="x" * 40,
                     attributions=(GoldAttribution("E1", ((0, 10),), ((20, 24),)),))
    check_alignment(doc, [gold("A")])
    with pytest.raises(DataError, match="match no PolNeAR attribution"):
        check_alignment(doc, [GoldSpeaker("doc.txt", ((0, 10),), ((21, 24),), "A")])


def test_only_the_dev_split_has_a_speaker_gold(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="dev only"):
        speakers.score(tmp_path, split="train")
    result = CliRunner().invoke(cli, ["eval", "speakers", "--data", str(tmp_path),
                                      "--split", "train"])
    assert result.exit_code != 0 and "dev only" in result.output


# ------------------------------------------------------------------ the shipped gold

def _gold_lines() -> list[dict]:
    return [json.loads(line) for line in GOLD_PATH.read_text(encoding="utf-8").splitlines()]


def test_the_shipped_gold_covers_every_publisher_and_parses() -> None:
    gold_rows = read_gold()
    assert len(gold_rows) >= 30
    publishers = Counter(name.split("_")[0] for name in gold_rows)
    assert len(publishers) == 7 and min(publishers.values()) >= 4
    rows = [g for rows in gold_rows.values() for g in rows]
    assert len({(g.file, g.content) for g in rows}) == len(rows)
    assert {g.source_kind for g in rows} == set(speakers.SOURCE_KINDS)
    assert all(g.affiliation is None for g in rows if g.entity_class != "anonymous")


def test_the_shipped_gold_holds_offsets_and_labels_only() -> None:
    allowed = {"file", "content", "source", "entity", "aliases", "source_kind", "affiliation"}
    for row in _gold_lines():
        assert set(row) <= allowed
        for name in (row["entity"], *row.get("aliases", []), row["affiliation"] or ""):
            assert len(name) <= 80 and "\n" not in name


def test_the_gold_readme_counts_match_the_file() -> None:
    readme = (GOLD_PATH.parent / "README.md").read_text(encoding="utf-8")
    counts = Counter(row["source_kind"] for row in _gold_lines())
    for kind in speakers.SOURCE_KINDS:
        assert re.search(rf"^\| {kind} \| {counts[kind]} \|$", readme, re.MULTILINE), kind
    assert f"{sum(counts.values())} attributions in {len(read_gold())} articles" in readme
