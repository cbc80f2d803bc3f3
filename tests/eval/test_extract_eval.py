"""The extraction scorer's cross-validation: folds by hash, choices on the other folds."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from click.testing import CliRunner

from storyline.cli import cli
from storyline.eval import extract
from storyline.ingest.html import DEFAULT_OPTIONS

SENTENCES = (
    "The harbour authority said on Monday that the new berths would open in the spring.",
    "Dock workers welcomed the decision but said they would watch the shifts closely.",
    "The council will vote on the final budget in March after a long public debate.",
    "Shipping companies have already booked most of the new capacity for the season.",
)


def _write_bench(folder: Path, pages: int = 6) -> dict[str, str]:
    (folder / "html").mkdir(parents=True)
    truth = {}
    for n in range(pages):
        key = f"page{n:02d}"
        paragraphs = "".join(f"<p>{s} ({key})</p>" for s in SENTENCES)
        html = (f"<html><head><title>Story {n}</title></head><body><nav><a href='/'>Home</a>"
                f"</nav><article><h1>Story {n}</h1>{paragraphs}</article>"
                f"<footer>Copyright</footer></body></html>")
        (folder / "html" / f"{key}.html.gz").write_bytes(gzip.compress(html.encode()))
        truth[key] = {"articleBody": "\n".join(f"{s} ({key})" for s in SENTENCES)}
    (folder / "ground-truth.json").write_text(json.dumps(truth), encoding="utf-8")
    return {k: v["articleBody"] for k, v in truth.items()}


def test_folds_come_from_a_hash_of_the_id() -> None:
    keys = [f"{n:064x}" for n in range(400)]
    folds = [extract.fold_of(k, 2) for k in keys]
    assert folds == [extract.fold_of(k, 2) for k in keys]  # deterministic
    assert 150 < sum(folds) < 250  # about half each
    assert {extract.fold_of(k, 3) for k in keys} == {0, 1, 2}


def test_choice_is_made_on_the_given_pages_and_ties_go_to_the_first() -> None:
    per_page = {"a": {"x": (0.5, 0.5, 0.0), "y": (1.0, 0.0, 0.0)},
                "b": {"x": (1.0, 0.0, 0.0), "y": (0.5, 0.0, 0.5)}}
    assert extract.choose(per_page, ["a"], ["x", "y"]) == "y"
    assert extract.choose(per_page, ["b"], ["x", "y"]) == "x"
    tied = {"a": {"x": (1.0, 0.0, 0.0), "y": (1.0, 0.0, 0.0)}}
    assert extract.choose(tied, ["a"], ["y", "x"]) == "y"


def test_variants_cover_every_rule_choice_and_the_shipped_options() -> None:
    labels = [o.label for o in extract.variants()]
    assert DEFAULT_OPTIONS.label in labels and len(labels) == len(set(labels))
    assert labels[0] in set(extract.VARIANT_FAVORS)  # no rules first: ties go there


def test_folds_report_each_fold_beside_trafilatura(tmp_path: Path) -> None:
    _write_bench(tmp_path)
    report = extract.score(tmp_path, folds=2)
    metrics = report.metrics
    assert metrics["pages"] == 6.0
    assert metrics["fold0_pages"] + metrics["fold1_pages"] == 6.0
    for fold in (0, 1):
        if metrics[f"fold{fold}_pages"]:
            assert metrics[f"fold{fold}_f1"] > 0.9
            assert 0.0 <= metrics[f"fold{fold}_trafilatura_f1"] <= 1.0
            assert f"fold{fold}_trafilatura_recall_recall" in metrics
    assert metrics["pages_per_s"] > 0 and metrics["trafilatura_pages_per_s"] > 0
    assert any("chosen on the other folds" in note for note in report.notes)
    assert {row["fold"] for row in report.rows} <= {0, 1}


def test_cli_takes_folds_for_extract_only(tmp_path: Path) -> None:
    _write_bench(tmp_path, pages=4)
    result = CliRunner().invoke(cli, ["eval", "extract", "--data", str(tmp_path), "--folds",
                                      "2", "--json"])
    assert result.exit_code in (0, 1), result.output  # tiny data may sit below the floors
    payload = json.loads(result.output.strip().splitlines()[-1])
    assert "fold0_f1" in payload["metrics"] and "trafilatura_pages_per_s" in payload["metrics"]
    refused = CliRunner().invoke(cli, ["eval", "seeds", "--data", str(tmp_path), "--folds", "2"])
    assert refused.exit_code == 2 and "--folds" in refused.output
    too_few = CliRunner().invoke(cli, ["eval", "extract", "--data", str(tmp_path), "--folds",
                                       "1"])
    assert too_few.exit_code == 2
