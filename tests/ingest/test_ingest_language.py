"""Article languages: detected offline, stored, shown; articles without a pipeline are kept,
counted and left out of the annotate stages (no junk actors)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from storyline.cli import cli
from storyline.ingest.language import detect_language, has_pipeline, language_note
from storyline.store import open_store

GERMAN = ("Der Krieg beherrschte am Montag die Gespräche der Regierung in Berlin. Der Kanzler "
          "sagte, man werde die Hilfe für die Flüchtlinge weiter erhöhen.\n\n"
          "Krieg und Frieden seien keine bloßen Worte, sondern eine Aufgabe für ganz Europa, "
          "erklärte die Außenministerin am Abend vor dem Bundestag.")
FRENCH = ("Le conseil municipal a voté mardi soir un budget exceptionnel pour réparer le pont "
          "du port, fermé depuis la tempête de janvier.")
SPANISH = ("Los agricultores del valle esperan la peor cosecha de manzanas en veinte años "
           "después de las heladas tardías de la primavera.")
ENGLISH = ("The harbour council met on Monday to discuss the ferry strike, which has left the "
           "island without a crossing for a week.\n\nUnion leaders said the crews would return "
           "once the budget for winter repairs is agreed, the mayor told reporters.")


@pytest.mark.parametrize("text,code", [(GERMAN, "de"), (FRENCH, "fr"), (SPANISH, "es"),
                                       (ENGLISH, "en"), ("   ", "und"), ("Biden Putin", "und")])
def test_detect_language(text, code):
    assert detect_language(text, 0.5) == code


def test_which_languages_have_a_pipeline():
    assert [has_pipeline(c) for c in ("en", "und", None, "de", "fr")] == [
        True, True, True, False, False]
    assert language_note({"en": 4, "de": 2, "fr": 1, None: 3}) == "2 de, 1 fr"
    assert language_note({"en": 4}) == ""


@pytest.mark.slow
def test_german_article_is_kept_flagged_counted_and_never_annotated(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "krieg.txt").write_text(GERMAN, encoding="utf-8")
    (folder / "ferry.txt").write_text(ENGLISH, encoding="utf-8")
    db = str(tmp_path / "lang.db")
    runner = CliRunner()
    ingested = runner.invoke(cli, ["ingest", str(folder), "--db", db])
    assert ingested.exit_code == 0, ingested.output
    assert "no pipeline for their language): 1 de" in ingested.stdout
    analyzed = runner.invoke(cli, ["analyze", "--db", db])
    assert analyzed.exit_code == 0, analyzed.output
    assert "not annotated (no pipeline for their language): 1 de" in analyzed.stdout
    assert "annotated 1 articles" in analyzed.stdout

    store = open_store(db)
    by_language = {a.language: a for a in store.iter_articles()}
    assert set(by_language) == {"de", "en"}
    assert store.get_annotation(by_language["de"].id) is None
    assert store.get_annotation(by_language["en"].id) is not None
    names = {a.name for sid in set(store.story_memberships().values())
             for a in store.get_story(sid).actors}
    assert not any("Krieg" in name or "Kanzler" in name for name in names)
    assert by_language["de"].id in store.story_memberships()  # a member, without annotation
    store.close()

    listed = runner.invoke(cli, ["articles", "--db", db, "--json"])
    assert {row["language"] for row in json.loads(listed.stdout)} == {"de", "en"}
    table = runner.invoke(cli, ["articles", "--db", db])
    assert "lang" in table.stdout and " de " in table.stdout


def test_languages_of_articles_stored_before_detection_are_filled(tmp_path):
    from storyline import services
    from storyline.config import load_settings
    from storyline.ingest.clean import clean_document
    from storyline.records import RawDocument

    settings = load_settings(env={}, overrides={"store": {"url": str(tmp_path / "old.db")}})
    store = open_store(settings.store.url)
    old = clean_document(RawDocument("krieg.txt", "text", GERMAN), None, settings.ingest)
    assert old.language is None
    store.upsert_articles([old])
    assert services.ingest.fill_languages(store, settings) == 1
    assert store.get_article(old.id).language == "de"
    store.close()


@pytest.mark.slow
def test_analyze_drops_the_detector_before_its_workers_are_forked(tmp_path):
    """`analyze PATHS` ingests no more once annotation starts: the detector's arrays are
    dropped, so forked annotation workers do not copy them; detection loads it again."""
    from storyline import services
    from storyline.config import load_settings
    from storyline.ingest.language import _identifier

    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "ferry.txt").write_text(ENGLISH, encoding="utf-8")
    settings = load_settings(env={}, overrides={"store": {"url": str(tmp_path / "a.db")}})
    store = open_store(settings.store.url)
    assert detect_language(FRENCH, 0.5) == "fr"
    assert _identifier.cache_info().currsize == 1
    report = services.analyze(store, settings, paths=[str(folder)])
    store.close()
    assert report.ingest.articles_added == 1 and len(report.annotate.article_ids) == 1
    assert _identifier.cache_info().currsize == 0
    assert detect_language(ENGLISH, 0.5) == "en"
