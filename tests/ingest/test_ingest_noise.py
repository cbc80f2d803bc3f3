"""Each noise rule on invented lines, and ordinary sentences surviving all of them."""

from __future__ import annotations

import pytest

from storyline.ingest.noise import (
    apply_inline_edits,
    join_broken_paragraphs,
    match_line_rule,
    remove_noise,
    strip_dateline,
)


@pytest.mark.parametrize(("line", "reason"), [
    ("Watch how the dock blockade spread across the coast 2:15", "video_caption"),
    ("03:05 - Source: KTV", "video_caption"),
    ("00:47 – Source: Harbour Wire", "video_caption"),
    ("mara lindqvist 0412", "slug"),
    ("port strike 31", "slug"),
    ("Cranes stand idle at the north quay. Stan Oberg/AFP via Getty Images", "photo_credit"),
    ("Lena Fjell - Pool/Keystone Via Getty Images", "photo_credit"),
    ("Dockers march on Friday. (AP Photo/Rui Sola)", "photo_credit"),
    ("Photo: Harbour Authority", "photo_credit"),
    ("Photograph: Ola Brenn/Reuters", "photo_credit"),
    ("Please enter your comment!", "comment_form"),
    ("Please enter your name here", "comment_form"),
    ("You have entered an incorrect email address!", "comment_form"),
    ("Advertisement", "advertisement"),
])
def test_noise_lines(line: str, reason: str) -> None:
    assert match_line_rule(line) == reason


@pytest.mark.parametrize("line", [
    "The union said 2,000 workers walked out on Monday, according to the port authority.",
    "“We will not go back until the contract is signed,” said Tomas Vell, the union leader.",
    "Talks resumed at 10:30 and broke off at 12:45.",
    "The ministry said the strike cost 40 million krona a day.",
    "He told Getty Images he would not comment.",
    "The meeting was set for 9:30 a.m. on Tuesday.",
    "Port workers in Velmar, the capital, joined the strike last month.",
    "Weighing the options",
    "The model ship was built at scale 1:24",
    "Polls close at 20:00",
    "Talks resume on Friday from 9:30",
    "MADRID — The talks ended without a deal on Friday.",
])
def test_ordinary_lines_survive(line: str) -> None:
    assert match_line_rule(line) is None
    result = remove_noise([line])
    assert result.paragraphs == (line,)
    assert result.removed == ()


def test_markdown_link_and_emphasis_are_inline_edits() -> None:
    line = "A new *Harbour Post*/Civic [survey](#) found 61% backed the [union](https://x.org)."
    edited, removed = apply_inline_edits(line)
    assert edited == "A new Harbour Post/Civic survey found 61% backed the union."
    assert [(r.line, r.reason) for r in removed] == [
        ("[survey](#)", "markdown_link"), ("[union](https://x.org)", "markdown_link"),
        ("*Harbour Post*", "markdown_emphasis")]


@pytest.mark.parametrize(("line", "rest", "outlet"), [
    ("(KTV) — Dockworkers walked out.", "Dockworkers walked out.", "KTV"),
    ("VELMAR (Harbour Wire) - Dockworkers walked out.", "Dockworkers walked out.",
     "Harbour Wire"),
    ("KTV \u00a0— ", "", "KTV"),
])
def test_datelines(line: str, rest: str, outlet: str) -> None:
    assert strip_dateline(line)[0] == rest and strip_dateline(line)[2] == outlet


def test_dateline_recorded_and_outlet_returned() -> None:
    result = remove_noise(["(KTV) — Dockworkers walked out on Monday, the union said."])
    assert result.outlet == "KTV"
    assert result.paragraphs == ("Dockworkers walked out on Monday, the union said.",)
    assert [(r.line, r.reason) for r in result.removed] == [("(KTV) —", "dateline")]


def test_caption_title_glued_to_a_credit_goes_with_it() -> None:
    lines = ["Cranes at Rest", "Idle cranes at the north quay. Stan Oberg/AFP via Getty Images",
             "", "The strike entered its third week on Monday, officials said."]
    result = remove_noise(lines)
    assert result.paragraphs == (lines[3],)
    assert [r.reason for r in result.removed] == ["caption_title", "photo_credit"]


def test_headline_above_a_blank_line_is_not_a_caption() -> None:
    lines = ["Port strike spreads to the south", "", "Lena Fjell - Pool/Keystone Via Getty Images",
             "", "The strike entered its third week on Monday, officials said."]
    result = remove_noise(lines)
    assert result.paragraphs[0] == "Port strike spreads to the south"


def test_broken_paragraph_is_joined() -> None:
    paragraphs = ["The minister warned that the cost of", "the strike was rising fast.",
                  "Talks went on", "Officials declined to comment."]
    assert join_broken_paragraphs(paragraphs) == [
        "The minister warned that the cost of the strike was rising fast.",
        "Talks went on", "Officials declined to comment."]


def test_finished_paragraph_is_not_joined() -> None:
    paragraphs = ["The union said “no deal.”", "meanwhile, talks resumed."]
    assert join_broken_paragraphs(paragraphs) == paragraphs
