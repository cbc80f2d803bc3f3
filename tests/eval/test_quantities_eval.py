"""The NewsQuant scorer on a tiny file of invented sentences in NewsQuant's format."""

from __future__ import annotations

import json

import pytest

from storyline.errors import DataError
from storyline.eval import quantities
from storyline.eval.newsquant import GoldQuantity, parse_value, read_newsquant
from storyline.records import Quantity

SENTENCES = [
    {"text": "Brask Mills rose 4% to $12 while the Tolvin index fell 0.5%.",
     "quantities": [
         {"change": "up", "value": "4", "unit": "%", "normalized_unit": "percentage",
          "referred_concepts": "Brask Mills"},
         {"change": "=", "value": "12.0", "unit": "$", "normalized_unit": "dollar",
          "referred_concepts": "Brask Mills"},
         {"change": "down", "value": "0.5", "unit": "%", "normalized_unit": "percentage",
          "referred_concepts": "Tolvin index"}]},
    {"text": "The trail runs between 12 and 14 kilometres past 300 old farms.",
     "quantities": [
         {"change": "=", "value": "12-14", "unit": "kilometres", "normalized_unit": "kilometre",
          "referred_concepts": "trail"},
         {"change": "=", "value": "300", "unit": "farms", "normalized_unit": "farm",
          "referred_concepts": "-"},
         {"change": "=", "value": "77", "unit": "-", "normalized_unit": "-",
          "referred_concepts": "-"}]},
    {"text": "Nothing was counted here.", "quantities": []},
]


@pytest.fixture()
def data_dir(tmp_path):
    (tmp_path / "invented.json").write_text(json.dumps(SENTENCES), encoding="utf-8")
    return tmp_path


@pytest.mark.slow
def test_scores_one_to_one_with_units_changes_and_halves(data_dir, nlp):
    report = quantities.score(data_dir, nlp=nlp)
    metrics = report.metrics
    assert metrics["gold"] == 6
    # five of six gold found (77 is not in the text), nothing extra
    assert metrics["value_precision"] == 1.0 and metrics["value_recall"] == pytest.approx(5 / 6, abs=1e-3)
    assert metrics["value_f1"] == metrics["value_unit_f1"] == metrics["value_change_f1"]
    assert metrics["gold_a"] + metrics["gold_b"] == 6
    missed = [m for row in report.rows for m in row["missed"]]
    assert missed == ["77 - ="]
    assert {"value_f1", "value_unit_f1", "value_change_f1", "value_f1_b"} <= set(report.floors)


def test_reader_values_and_unit_keys(tmp_path, data_dir):
    assert parse_value("1.0-1.5") == (1.0, 1.5)
    assert parse_value("-1.3") == (-1.3, None)
    assert parse_value(2415) == (2415.0, None)
    sentences = read_newsquant(data_dir)
    assert [len(s.quantities) for s in sentences] == [3, 3, 0]
    assert {s.half for s in sentences} <= {"a", "b"}
    key = quantities.gold_unit_key
    assert key("percentage") == "percent" and key("dollar") == "USD"
    assert quantities.units_agree(key("mile per hour"), "pint:mile_per_hour")
    assert key("unicorn startup") == "count:startup" and key("year of age") == "age"
    with pytest.raises(DataError):
        read_newsquant(tmp_path / "missing")


def test_matching_prefers_the_pair_that_agrees():
    golds = [GoldQuantity(5.0, None, "percentage", "up", ()),
             GoldQuantity(5.0, None, "dollar", "=", ())]
    found = [Quantity("q1", "s", 0, 2, "$5", 5.0, unit="USD", dimension="currency"),
             Quantity("q2", "s", 3, 5, "5%", 5.0, unit="percent", dimension="percent",
                      change="up")]
    pairs = quantities.match_sentence(golds, found)
    assert sorted((g, f) for g, f, _ in pairs) == [(0, 1), (1, 0)]
    assert all(agree["value_unit"] and agree["value_change"] for _, _, agree in pairs)
