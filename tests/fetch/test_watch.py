"""``storyline watch``: a feed gains an entry; one round picks it up and reports the new
article and the story it changed; the next round reports nothing new."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import pytest
from click.testing import CliRunner
from texts import STORIES, article_html, rss, story_page

from storyline.cli import cli
from storyline.records import Claim, ClaimGroup, Story
from storyline.services.watch import _story_change, report_json

FOLLOW_UP = [("The ferry strike on the island entered its second week on Monday as the harbour "
             "council and the union leaders failed to agree on the budget for winter repairs."),
             ("The mayor said the crews of the ferry would be paid for the strike days once the "
             "island has a crossing again.")]


def _watch(env: dict, *args: str) -> list[dict]:
    result = CliRunner().invoke(cli, ["watch", "--once", "--json", *args], env=env)
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]


@pytest.mark.slow
def test_watch_picks_up_a_new_feed_entry_once(site, loopback_env, db):
    env = {**loopback_env, "STORYLINE_DB": db}
    first = [("Ferry strike", site.page("/ferry.html", story_page("ferry")), ""),
             ("Choir tour", site.page("/choir.html", story_page("choir")), "")]
    feed = site.page("/feed.xml", rss(first), content_type="application/rss+xml", etag='"1"')
    (start,) = _watch(env, "--feed", feed)
    assert len(start["new_articles"]) == 2 and start["new_stories"]

    follow_up = site.page("/ferry-2.html", article_html("Ferry strike, week two", FOLLOW_UP))
    site.page("/feed.xml", rss([("Ferry strike, week two", follow_up, ""), *first]),
              content_type="application/rss+xml", etag='"2"')
    (round_two,) = _watch(env, "--feed", feed)
    (new,) = round_two["new_articles"]
    assert new["url"] == follow_up and new["language"] == "en" and new["story_id"]
    changed = [s for s in round_two["new_stories"] + round_two["changed_stories"]
               if s["id"] == new["story_id"]]
    assert changed and new["id"] in changed[0].get("new_article_ids",
                                                   changed[0].get("article_ids"))
    assert len(site.asked("/ferry.html")) == 1  # pages fetched before are not asked again

    (round_three,) = _watch(env, "--feed", feed)
    assert (round_three["new_articles"], round_three["new_stories"],
            round_three["changed_stories"]) == ([], [], [])
    assert site.asked("/feed.xml")[-1]["if-none-match"] == '"2"'
    assert len(site.asked("/ferry-2.html")) == 1


@pytest.mark.slow
def test_watch_folder_reads_new_files_and_prints_changes(tmp_path, loopback_env, db):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "orchard.txt").write_text("\n\n".join(STORIES["orchard"]), encoding="utf-8")
    env = {**loopback_env, "STORYLINE_DB": db}
    result = CliRunner().invoke(cli, ["watch", "--once", str(folder)], env=env)
    assert result.exit_code == 0, result.output
    assert "1 new articles" in result.stdout and "new story" in result.stdout


def _claim(cid: str, value: float) -> Claim:
    return Claim(cid, "a1", 0, 5, "text", value)


def _story(groups: list[ClaimGroup], claims: list[Claim], ids=("a1",)) -> Story:
    return Story("s1", "Ferry", tuple(ids), claims=tuple(claims), claim_groups=tuple(groups))


def test_story_change_reports_revised_figures_and_new_disputes():
    before = _story([ClaimGroup("g1", "crew on strike", ("c1",), "consistent", key="k1"),
                     ClaimGroup("g2", "days", ("c2",), "consistent", key="k2")],
                    [_claim("c1", 40), _claim("c2", 7)])
    after = _story([ClaimGroup("g1b", "crew on strike", ("c1", "c3"), "updated", key="k1"),
                    ClaimGroup("g2", "days", ("c2", "c4"), "conflicting", key="k2")],
                   [_claim("c1", 40), _claim("c2", 7), _claim("c3", 60), _claim("c4", 9)],
                   ids=("a1", "a2"))
    from storyline.services.watch import _figures

    change = _story_change(after, _figures(before), {"a2"})
    assert change.article_ids == ("a2",) and not change.new
    assert [(k, old.values, new.values) for k, old, new in change.revised] == [
        ("k1", (40.0,), (40.0, 60.0)), ("k2", (7.0,), (7.0, 9.0))]
    assert [(k, now.status) for k, now in change.disputes] == [("k2", "conflicting")]
    assert _story_change(before, _figures(before), set()) is None


class _Hook(BaseHTTPRequestHandler):
    received: ClassVar[list[bytes]] = []

    def log_message(self, *args) -> None:
        pass

    def do_POST(self) -> None:
        _Hook.received.append(self.rfile.read(int(self.headers["Content-Length"])))
        self.send_response(204)
        self.end_headers()


def test_webhook_gets_the_report_and_private_hooks_are_refused(settings_for):
    from storyline.services.watch import WatchReport, post_report

    server = ThreadingHTTPServer(("127.0.0.1", 0), _Hook)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/hook"
        report = WatchReport(3, "2022-02-01T00:00:00Z")
        assert post_report(settings_for(), url, report) is None
        assert json.loads(_Hook.received[-1]) == report_json(report)
        refused = post_report(settings_for(allowed_networks=""), url, report)
        assert refused.reason.value == "blocked_address"
        assert len(_Hook.received) == 1
    finally:
        server.shutdown()
        server.server_close()


def test_watch_lines_name_revised_figures_and_disputes():
    from storyline.cli_watch import watch_lines
    from storyline.services.watch import Figures, StoryChange, WatchReport

    old, new = Figures("crew on strike", "crew", "consistent", (40.0,)), \
        Figures("crew on strike", "crew", "conflicting", (40.0, 60.0))
    change = StoryChange("s1", "Ferry", False, ("a2",), (("k1", old, new),), (("k1", new),))
    lines = watch_lines(report_json(WatchReport(2, "2022-02-01T00:00:00Z", (), (change,))))
    assert lines == ["round 2 (2022-02-01T00:00:00Z): 0 new articles",
                     "  story s1: Ferry: 1 new articles",
                     "    revised figure, crew on strike: 40 crew -> 40, 60 crew",
                     "    new dispute, crew on strike: 40, 60 crew"]
    assert watch_lines(report_json(WatchReport(3, "t"))) == ["round 3 (t): nothing new"]
