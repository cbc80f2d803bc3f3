"""Spark (local[2]) and the single-machine path give identical articles and annotations."""

from __future__ import annotations

import json
import os
import shutil

import pytest

from storyline import services
from storyline.config import Settings
from storyline.store import codec, open_store

pytestmark = pytest.mark.slow

ARTICLES = [
    ("Harbour council votes on ferry fares",
     ("The harbour council of Orsk voted on Tuesday to cut ferry fares by 12 percent. "
     "\"We listened to the islanders,\" said Mara Kessling, the council leader. The cut "
     "takes effect on 3 May, she said.\n\nOpposition members said the council would lose "
     "40,000 euros a year.")),
    ("Ferry operator answers the council",
     ("The ferry operator Veltria Lines said on Wednesday it would challenge the fare cut. "
     "Its director, Oskar Brandt, told reporters the company had not been consulted.\n\n"
     "\"This decision threatens 120 jobs,\" Brandt said.")),
    ("Chess final in Gravenport",
     ("Ilse Marow won the Lindqvist Cup in Gravenport on Sunday after a long endgame against "
     "Petra Saalbach. Marow said she had prepared the opening for months.")),
    ("Fährpreise in Orsk sinken",
     ("Der Hafenrat von Orsk hat am Dienstag beschlossen, die Preise für die Fähre um zwölf "
      "Prozent zu senken. Die Inselbewohner hatten seit Jahren darauf gewartet, sagte die "
      "Vorsitzende des Rates. Die Betreiber der Fähre wollen sich gegen die Entscheidung "
      "wehren.")),
]


def _write_inputs(folder) -> None:
    folder.mkdir()
    with (folder / "news.jsonl").open("w", encoding="utf-8") as handle:
        for day, (title, text) in enumerate(ARTICLES, 4):
            handle.write(json.dumps({"title": title, "text": text, "outlet": "Harbor Post",
                                     "published": f"2031-05-{day:02d}"}) + "\n")
        handle.write(json.dumps({"title": "empty", "text": "  "}) + "\n")


def _dump(store) -> dict:
    articles = {a.id: a for a in store.iter_articles()}
    annotations = store.get_annotations(articles)
    return {a: (codec.dumps(articles[a]), codec.dumps(annotations.get(a))) for a in articles}


def test_spark_and_single_machine_give_identical_annotations(tmp_path, monkeypatch):
    pytest.importorskip("pyspark")
    pytest.importorskip("pyarrow")
    if not shutil.which("java") and not os.environ.get("JAVA_HOME"):
        if os.environ.get("CI"):
            pytest.fail("no Java runtime (make system-deps installs one)")
        pytest.skip("no Java runtime")
    from storyline.batch import run_batch

    _write_inputs(tmp_path / "in")
    settings = Settings()
    single = open_store(str(tmp_path / "single.db"))
    services.analyze(single, settings, paths=[str(tmp_path / "in")])
    spark = open_store(str(tmp_path / "spark.db"))
    report = run_batch(spark, settings, [str(tmp_path / "in")], master="local[2]",
                       output=str(tmp_path / "out"), partitions=2)
    try:
        assert report.articles == len(ARTICLES)
        assert [r.reason.value for r in report.rejected] == ["empty"]
        assert (tmp_path / "out" / "annotated").is_dir()
        expected = _dump(single)
        assert len(expected) == len(ARTICLES)
        assert _dump(spark) == expected
        assert report.stories_built == len(set(spark.story_memberships().values())) >= 2
        assert spark.story_memberships() == single.story_memberships()
        languages = {a.language for a in spark.iter_articles()}
        assert languages == {"en", "de"}  # detected on the executors too
        for article_id, (_, annotation) in expected.items():
            german = json.loads(_dump(spark)[article_id][0])["language"] == "de"
            assert (spark.get_parse(article_id) is None) == german
            assert (annotation == "null") == german
    finally:
        single.close()
        spark.close()
