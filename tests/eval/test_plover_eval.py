"""The PLOVER event scorer on hand-built gold and predicted records (no article text)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from storyline.errors import DataError
from storyline.eval import events, polnear_events
from storyline.eval.plover import (
    MODALITIES,
    PLOVER_TYPES,
    GoldEvent,
    PredictedEvent,
    event_metrics,
    match,
    max_weight_assignment,
    modality_rows,
    normalize_name,
    parse_gold_line,
    read_aliases,
    read_gold,
    same_actor,
    type_rows,
)
from storyline.records import Actor, Annotation, Citation, Event

ALIASES = {"Mara Quell": ("Quell", "Senator Quell")}


def gold(start: int, kind: str = "ACCUSE", *, file: str = "a.txt", source: str | None = None,
         target: str | None = None, modality: str = "asserted") -> GoldEvent:
    return GoldEvent(file=file, trigger=(start, start + 5), sentence=(start - 10, start + 40),
                     type=kind, modality=modality, source=source, target=target)


def pred(start: int, end: int, kind: str = "ACCUSE", *, file: str = "a.txt",
         source: tuple[str, ...] = (), target: tuple[str, ...] = (),
         modality: str = "asserted") -> PredictedEvent:
    return PredictedEvent(file=file, spans=((start, end),), type=kind, modality=modality,
                          source=source, target=target)


# ---------------------------------------------------------------- reading


def test_parse_gold_line_reads_every_field() -> None:
    row = {"file": "a.txt", "trigger": [5, 12], "sentence": [0, 40], "type": "REQUEST",
           "source": "Mara Quell", "source_span": [0, 10], "target": None,
           "target_span": None, "modality": "reported"}
    event = parse_gold_line(json.dumps(row), "x:1")
    assert event == GoldEvent(file="a.txt", trigger=(5, 12), sentence=(0, 40), type="REQUEST",
                              modality="reported", source="Mara Quell", source_span=(0, 10))


@pytest.mark.parametrize("change", [
    {"type": "DEMAND"}, {"modality": "future"}, {"trigger": [9, 3]}, {"trigger": None},
    {"file": None}, {"source_span": [1]},
])
def test_parse_gold_line_refuses_bad_rows(change) -> None:
    row = {"file": "a.txt", "trigger": [5, 12], "sentence": [0, 40], "type": "REQUEST",
           "modality": "asserted", **change}
    with pytest.raises(DataError):
        parse_gold_line(json.dumps(row), "x:1")


def test_parse_gold_line_refuses_broken_json() -> None:
    with pytest.raises(DataError):
        parse_gold_line("{not json", "x:1")


def test_read_gold_reads_a_file(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    line = json.dumps({"file": "a.txt", "trigger": [1, 2], "sentence": [0, 9],
                       "type": "AID", "modality": "negated"})
    path.write_text(line + "\n\n" + line + "\n", encoding="utf-8")
    assert len(read_gold(path)) == 2


def test_packaged_gold_is_large_exhaustive_and_text_free() -> None:
    rows = read_gold()
    assert len(rows) >= 300
    publishers = Counter(row.file.split("_")[0] for row in rows)
    assert len(publishers) == 7
    files = Counter(row.file for row in rows)
    assert len({f.split("_")[0] for f in files}) == 7
    for row in rows:
        assert row.sentence[0] <= row.trigger[0] < row.trigger[1] <= row.sentence[1]
        assert row.source is not None or row.source_span is None
        assert row.target is not None or row.target_span is None
    assert {row.type for row in rows} <= PLOVER_TYPES
    assert {row.modality for row in rows} == MODALITIES
    keys = {"file", "trigger", "sentence", "type", "source", "source_span", "target",
            "target_span", "modality"}
    from importlib import resources
    text = resources.files("storyline.eval").joinpath(
        "gold", "polnear-plover-dev.jsonl").read_text(encoding="utf-8")
    assert all(set(json.loads(line)) == keys for line in text.splitlines())


def test_packaged_aliases_name_gold_actors() -> None:
    aliases = read_aliases()
    names = {row.source for row in read_gold()} | {row.target for row in read_gold()}
    assert "Donald Trump" in aliases and "Trump" in aliases["Donald Trump"]
    assert set(aliases) <= names


# ---------------------------------------------------------------- actors


def test_normalize_name_folds_case_dots_possessives_and_the() -> None:
    assert normalize_name("The U.S.") == "us"
    assert normalize_name("Quell\u2019s") == "quell"
    assert normalize_name("  Mara   QUELL ") == "mara quell"


def test_same_actor_uses_gold_aliases_and_predicted_aliases() -> None:
    assert same_actor("Mara Quell", ("Mara Quell",), ALIASES)
    assert same_actor("Mara Quell", ("M. Quell", "quell"), ALIASES)
    assert same_actor("Mara Quell", ("Senator Quell",), ALIASES)
    assert not same_actor("Mara Quell", ("Tom Brindle",), ALIASES)
    assert not same_actor("Tom Brindle", ("Brindle",), ALIASES)  # no alias given


def test_same_actor_nulls() -> None:
    assert same_actor(None, (), ALIASES)
    assert not same_actor(None, ("Mara Quell",), ALIASES)
    assert not same_actor("Mara Quell", (), ALIASES)


# ---------------------------------------------------------------- matching


def test_assignment_beats_greedy() -> None:
    # greedy would take (0, 0) = 9 and leave row 1 unmatched; the best total is 8 + 9
    assert sorted(max_weight_assignment([[9, 8], [9, 0]])) == [(0, 1), (1, 0)]


def test_assignment_rectangular_and_zero_means_no_pair() -> None:
    assert max_weight_assignment([[0, 5, 0]]) == [(0, 1)]
    assert sorted(max_weight_assignment([[3], [7], [0]])) == [(1, 0)]
    assert max_weight_assignment([[0, 0], [0, 0]]) == []
    assert max_weight_assignment([]) == []


def test_match_needs_a_citation_covering_the_trigger() -> None:
    gold_events = [gold(100)]
    assert match(gold_events, [pred(90, 104)], ALIASES) == []  # ends inside the trigger
    assert match(gold_events, [pred(0, 99)], ALIASES) == []
    assert len(match(gold_events, [pred(100, 105)], ALIASES)) == 1
    assert match(gold_events, [pred(0, 200, file="b.txt")], ALIASES) == []


def test_match_is_one_to_one() -> None:
    sentence = (0, 200)
    two_predictions = [pred(*sentence), pred(*sentence, "SUPPORT")]
    assert len(match([gold(100)], two_predictions, ALIASES)) == 1
    assert len(match([gold(100), gold(150)], [pred(*sentence)], ALIASES)) == 1


def test_match_prefers_same_type_then_actors() -> None:
    sentence = (0, 200)
    gold_events = [gold(20, "SUPPORT"), gold(100, "ACCUSE", source="Mara Quell")]
    predicted = [pred(*sentence, "ACCUSE", source=("Quell",)), pred(*sentence, "SUPPORT")]
    found = {(a.gold.type, a.predicted.type) for a in match(gold_events, predicted, ALIASES)}
    assert found == {("SUPPORT", "SUPPORT"), ("ACCUSE", "ACCUSE")}
    gold_events = [gold(20, source="Tom Brindle"), gold(100, source="Mara Quell")]
    predicted = [pred(*sentence, source=("Mara Quell",)), pred(*sentence, source=("Brindle",))]
    pairs = match(gold_events, predicted, {"Tom Brindle": ("Brindle",)})
    assert all(a.source for a in pairs) and len(pairs) == 2


def test_a_prediction_may_cite_several_spans() -> None:
    both = PredictedEvent(file="a.txt", spans=((0, 50), (300, 400)), type="ACCUSE",
                          modality="asserted")
    assert len(match([gold(320)], [both], ALIASES)) == 1


# ---------------------------------------------------------------- metrics


def test_event_metrics_by_hand() -> None:
    sentence = (0, 200)
    gold_events = [gold(20, "REQUEST", source="Mara Quell", modality="reported"),
                   gold(100, "ACCUSE", target="Mara Quell"),
                   gold(20, "AID", file="b.txt"), gold(40, "AID", file="b.txt")]
    predicted = [pred(*sentence, "REQUEST", source=("Quell",)),
                 pred(*sentence, "SUPPORT", target=("Tom Brindle",), modality="negated"),
                 pred(300, 400, "ACCUSE"), pred(0, 30, "AID", file="c.txt")]
    matches = match(gold_events, predicted, ALIASES)
    metrics = event_metrics(len(gold_events), len(predicted), matches)
    assert metrics["matched_events"] == 2
    assert metrics["precision"] == pytest.approx(2 / 4)
    assert metrics["recall"] == pytest.approx(2 / 4)
    assert metrics["f1"] == pytest.approx(0.5)
    assert metrics["type_accuracy"] == pytest.approx(1 / 2)
    assert metrics["typed_precision"] == pytest.approx(1 / 4)
    assert metrics["typed_recall"] == pytest.approx(1 / 4)
    assert metrics["typed_f1"] == pytest.approx(1 / 4)
    assert metrics["source_accuracy"] == pytest.approx(2 / 2)  # Quell, and two nulls
    assert metrics["target_accuracy"] == pytest.approx(1 / 2)
    assert metrics["modality_accuracy"] == pytest.approx(0 / 2)


def test_event_metrics_empty_is_zero_not_an_error() -> None:
    metrics = event_metrics(0, 0, [])
    assert metrics["precision"] == metrics["recall"] == metrics["f1"] == 0.0


def test_rows_count_types_and_modalities() -> None:
    gold_events = [gold(20, "REQUEST", modality="reported"), gold(120, "ACCUSE")]
    predicted = [pred(0, 100, "REQUEST", modality="asserted"), pred(100, 200, "ACCUSE")]
    matches = match(gold_events, predicted, ALIASES)
    rows = {r["item"]: r for r in type_rows(gold_events, predicted, matches)}
    assert rows["type REQUEST"]["typed"] == 1 and rows["type ACCUSE"]["gold"] == 1
    by_modality = {r["item"]: r for r in modality_rows(matches)}
    assert by_modality["modality reported"]["matched"] == 0
    assert by_modality["modality reported"]["note"] == "system: asserted 1"
    assert by_modality["modality asserted"]["gold"] == 1
    assert by_modality["modality asserted"]["predicted"] == 2


# ---------------------------------------------------------------- the PolNeAR runner


def test_predicted_events_resolves_actor_names_and_keeps_own_citations() -> None:
    quell = Actor(id="a1", name="Mara Quell", kind="person", aliases=("Quell",))
    annotation = Annotation(
        article_id="doc", versions=(), actors=(quell,),
        events=(Event(id="e1", type="ACCUSE", text="...", source_actor_id="a1",
                      target_actor_id="missing", modality="reported",
                      citations=(Citation("doc", 10, 60), Citation("other", 0, 5))),))
    (event,) = polnear_events.predicted_events(annotation, "doc.txt")
    assert event == PredictedEvent(file="doc.txt", spans=((10, 60),), type="ACCUSE",
                                   modality="reported", source=("Mara Quell", "Quell"),
                                   target=())


def _polnear_tree(root: Path) -> Path:
    base = root / "data" / "dev"
    (base / "text").mkdir(parents=True)
    (base / "attributions").mkdir()
    return base


def test_layout_decides_which_evaluation_runs(tmp_path: Path) -> None:
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "one.txt").write_text("Mara Quell spoke.", encoding="utf-8")
    assert not polnear_events.is_polnear_layout(articles)
    corpus = tmp_path / "corpus"
    _polnear_tree(corpus)
    assert polnear_events.is_polnear_layout(corpus)
    assert polnear_events.is_polnear_layout(corpus / "data")
    assert polnear_events.is_polnear_layout(corpus / "data" / "dev")


def test_split_other_than_dev_is_refused(tmp_path: Path) -> None:
    _polnear_tree(tmp_path)
    with pytest.raises(DataError):
        events.score(tmp_path, split="train")


def test_split_on_a_folder_of_articles_is_refused(tmp_path: Path) -> None:
    (tmp_path / "one.txt").write_text("Mara Quell spoke.", encoding="utf-8")
    with pytest.raises(DataError):
        events.score(tmp_path, split="dev")


def test_missing_gold_article_is_a_data_error(tmp_path: Path) -> None:
    _polnear_tree(tmp_path)
    with pytest.raises(DataError):
        polnear_events.score(tmp_path, gold=[gold(5, file="absent.txt")])


@pytest.mark.slow
def test_polnear_runner_end_to_end_on_an_invented_article(tmp_path: Path) -> None:
    base = _polnear_tree(tmp_path)
    text = "Senator Mara Quell accused Governor Tom Brindle of lying on Monday.\n"
    (base / "text" / "tiny.txt").write_text(text, encoding="utf-8")
    start = text.index("accused")
    row = GoldEvent(file="tiny.txt", trigger=(start, start + 7), sentence=(0, len(text) - 1),
                    type="ACCUSE", modality="asserted", source="Mara Quell",
                    target="Tom Brindle")
    report = polnear_events.score(tmp_path, gold=[row])
    assert report.name == "events"
    assert report.metrics["gold_events"] == 1 and report.metrics["articles"] == 1
    assert set(polnear_events.FLOORS) <= set(report.metrics)
    assert 0.0 <= report.metrics["precision"] <= 1.0
