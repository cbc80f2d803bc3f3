"""Claim groups from hand-built claims: what is one quantity, and its status."""

from __future__ import annotations

from dataclasses import replace

from storyline.config import StorySettings
from storyline.records import Article, Claim, stable_id
from storyline.story.claim_status import agree, claim_kind, format_figure
from storyline.story.claims import group_claims, quantity_key, state_group, status_phrase

ARTICLES = {
    "a1": Article("a1", "a1.txt", "x", outlet="Daily One", published="2030-01-05"),
    "a2": Article("a2", "a2.txt", "x", outlet="Weekly Two", published="2030-01-05"),
    "a3": Article("a3", "a3.txt", "x", outlet="Daily One", published="2030-02-20"),
    "a4": Article("a4", "a4.txt", "x", outlet="Radio Four", published="2030-03-01"),
    "a5": Article("a5", "a5.txt", "x", outlet="Evening Five", published="2030-01-06"),
}


def claim(article_id: str, value: float, subject: str | None, *, start: int = 0,
          **fields) -> Claim:
    text = f"{value:g} {subject or ''}".strip()
    fields.setdefault("concept", subject)
    return Claim(id=stable_id(article_id, start, value, subject), article_id=article_id,
                 start=start, end=start + len(text), text=text, value=value,
                 subject=subject, **fields)


def group_of(groups, wanted: Claim):
    (found,) = [g for g in groups if wanted.id in g.claim_ids]
    return found


def test_troop_synonyms_form_one_updated_group_with_a_projection_series():
    first = claim("a1", 40_000, "troops")
    projected = claim("a1", 90_000, "soldiers", modality="projection", start=50)
    later = claim("a3", 60_000, "Russian forces", owner="Russian")
    latest = claim("a4", 75_000, "soldiers near the border")
    groups = group_claims([latest, first, projected, later], ARTICLES)
    group = group_of(groups, first)
    assert set(group.claim_ids) == {first.id, projected.id, later.id, latest.id}
    assert group.claim_ids[0] == first.id  # earliest first
    assert group.key == "count|troops|russia" or group.key.startswith("count|troops")
    assert group.status == "updated"
    assert claim_kind(projected) == "projection" and claim_kind(first) == "count"


def test_different_sources_same_day_conflict_and_the_statement_names_them():
    one = claim("a1", 40_000, "troops", owner="Russia")
    two = claim("a2", 65_000, "Russian troops", owner="Russian")
    (group,) = group_claims([one, two], ARTICLES)
    assert group.status == "conflicting" and status_phrase(group.status) == "sources disagree"
    text = state_group(group, [one, two], ARTICLES)
    assert text.startswith("Sources disagree on Russian troops: ")
    assert "Daily One 40,000" in text and "Weekly Two 65,000" in text and "(2030-01-05)" in text


def test_a_later_disagreement_is_a_revision_unless_the_window_joins_the_days():
    one = claim("a1", 40_000, "troops")
    two = claim("a5", 65_000, "troops")
    (group,) = group_claims([one, two], ARTICLES)
    assert group.status == "updated"
    assert "was revised: 40,000 (Daily One, 2030-01-05), then 65,000" in state_group(
        group, [one, two], ARTICLES)
    wide = StorySettings(claim_period_days=1)
    (group,) = group_claims([one, two], ARTICLES, wide)
    assert group.status == "conflicting"


def test_same_figure_everywhere_is_consistent():
    one = claim("a1", 40_000, "troops")
    two = claim("a2", 40_000, "soldiers")
    three = claim("a3", 40_500, "troops")  # within the tolerance
    (group,) = group_claims([one, two, three], ARTICLES)
    assert group.status == "consistent"
    assert state_group(group, [one, two, three], ARTICLES).startswith("Sources agree on troops")


def test_projections_and_vague_ranges_never_dispute_or_revise():
    firm = claim("a1", 40_000, "troops")
    projected = claim("a2", 90_000, "troops", modality="projection", qualifier="as many as")
    vague = claim("a4", 10_000, "troops", low=10_000, high=100_000, vague=True,
                  modality="estimate", qualifier="tens of")
    (group,) = group_claims([firm, projected, vague], ARTICLES)
    assert group.status == "consistent" and len(group.claim_ids) == 3
    text = state_group(group, [firm, projected, vague], ARTICLES)
    assert "projected 90,000 (Weekly Two)" in text
    assert "also described as 10,000 to 100,000 (Radio Four)" in text


def test_bounds_and_ranges_agree_with_the_figures_they_hold():
    settings = StorySettings()
    more = claim("a1", 150_000, "troops", change=">")
    assert agree(more, claim("a2", 170_000, "troops"), settings)
    assert not agree(more, claim("a2", 100_000, "troops"), settings)
    ranged = claim("a1", 70_000, "troops", low=70_000, high=100_000)
    assert agree(ranged, claim("a2", 85_000, "troops"), settings)
    about = claim("a1", 40_000, "troops", change="~")
    assert agree(about, claim("a2", 43_000, "troops"), settings)
    assert not agree(claim("a1", 40_000, "troops"), claim("a2", 43_000, "troops"), settings)


def test_as_of_overrides_the_publication_date():
    early = claim("a3", 40_000, "troops", as_of="2030-01-05")
    other = claim("a2", 55_000, "troops")
    (group,) = group_claims([early, other], ARTICLES)
    assert group.status == "conflicting"


def test_poll_answers_are_separate_series():
    oppose = claim("a1", 58, "people", unit="percent", dimension="percent",
                   concept="people opposed going to war")
    back = claim("a1", 27, "people", unit="percent", dimension="percent",
                 concept="people backed the idea", start=40)
    oppose_again = claim("a2", 58, "people", unit="percent", dimension="percent",
                         concept="people opposed going to war")
    back_alone = claim("a5", 29, "people", unit="percent", dimension="percent",
                       concept="people who backed the idea")
    groups = group_claims([oppose, back, oppose_again, back_alone], ARTICLES)
    assert len(groups) == 2
    assert set(group_of(groups, oppose).claim_ids) == {oppose.id, oppose_again.id}
    assert set(group_of(groups, back).claim_ids) == {back.id, back_alone.id}
    assert group_of(groups, oppose).status == "consistent"


def test_owners_deaths_units_and_scale_keep_quantities_apart():
    russian = claim("a1", 40_000, "Russian troops", owner="Russian")
    russian_too = claim("a2", 40_000, "troops", owner="Russia")
    american = claim("a1", 13, "U.S. service members", concept="U.S. service members killed",
                     owner="U.S.", start=30)
    american_troops = claim("a2", 8_500, "U.S. troops", owner="U.S.", start=30)
    money = claim("a2", 2_000_000, "aid", unit="USD", dimension="currency", start=60)
    far_off = claim("a3", 400, "troops", start=90)
    groups = group_claims([russian, russian_too, american, american_troops, money, far_off],
                          ARTICLES)
    assert [set(g.claim_ids) for g in groups] == [{russian.id, russian_too.id}]
    assert quantity_key(american).head == "deaths"
    assert quantity_key(russian).owner == quantity_key(russian_too).owner == "russia"


def test_single_claims_form_no_group_and_empty_input():
    assert group_claims([claim("a1", 6, "trips")], ARTICLES) == ()
    assert group_claims([], ARTICLES) == ()


def test_figures_in_words():
    assert format_figure(claim("a1", 100_000, "troops", qualifier="nearly")) == "nearly 100,000"
    assert format_figure(claim("a1", 2.5e9, None, unit="USD")) == "$2.5 billion"
    assert format_figure(claim("a1", 58, None, unit="percent")) == "58%"
    assert format_figure(replace(claim("a1", 150_000, "troops"), change=">")) == \
        "more than 150,000"
