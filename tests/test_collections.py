"""The garbage collector's young generation is collected less often while articles are
annotated and stories built, and Python's thresholds come back afterwards."""

from __future__ import annotations

import gc
import threading

from storyline.services.common import GC_YOUNG_THRESHOLD, fewer_collections


def test_thresholds_are_sparser_inside_and_restored_after():
    before = gc.get_threshold()
    try:
        gc.set_threshold(700, 10, 10)
        with fewer_collections():
            assert gc.get_threshold() == (GC_YOUNG_THRESHOLD, 10, 10)
        assert gc.get_threshold() == (700, 10, 10)
    finally:
        gc.set_threshold(*before)


def test_a_higher_threshold_already_set_is_kept():
    before = gc.get_threshold()
    try:
        gc.set_threshold(GC_YOUNG_THRESHOLD * 3, 5, 5)
        with fewer_collections():
            assert gc.get_threshold() == (GC_YOUNG_THRESHOLD * 3, 5, 5)
        assert gc.get_threshold() == (GC_YOUNG_THRESHOLD * 3, 5, 5)
    finally:
        gc.set_threshold(*before)


def test_nested_and_concurrent_users_restore_once_the_last_leaves():
    before = gc.get_threshold()
    inside, release = threading.Event(), threading.Event()

    def other_user() -> None:
        with fewer_collections():
            inside.set()
            release.wait(5)

    try:
        gc.set_threshold(700, 10, 10)
        thread = threading.Thread(target=other_user)
        with fewer_collections():
            thread.start()
            assert inside.wait(5)
            with fewer_collections():
                assert gc.get_threshold()[0] == GC_YOUNG_THRESHOLD
        assert gc.get_threshold()[0] == GC_YOUNG_THRESHOLD  # the thread still runs
        release.set()
        thread.join(5)
        assert gc.get_threshold() == (700, 10, 10)
    finally:
        release.set()
        gc.set_threshold(*before)


def test_the_story_stage_runs_with_fewer_collections(tmp_path, monkeypatch):
    from storyline.config import Settings
    from storyline.services import stories
    from storyline.store import open_store

    seen: list[int] = []
    monkeypatch.setattr(stories, "_build_all",
                        lambda *a, **k: seen.append(gc.get_threshold()[0]) or [])
    store = open_store(str(tmp_path / "s.db"))
    stories.build_stories(store, Settings())
    assert seen == [max(GC_YOUNG_THRESHOLD, gc.get_threshold()[0])]
