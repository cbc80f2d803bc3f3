"""Claim groups from hand-built claims: grouping, and updated / conflicting / consistent."""

from __future__ import annotations

from storyline.records import Article, Claim, stable_id
from storyline.story.claims import group_claims, is_projection, unit_family

ARTICLES = {
    "a1": Article("a1", "a1.txt", "x", outlet="Daily One", published="2030-01-05"),
    "a2": Article("a2", "a2.txt", "x", outlet="Weekly Two", published="2030-01-05"),
    "a3": Article("a3", "a3.txt", "x", outlet="Daily One", published="2030-02-20"),
    "a4": Article("a4", "a4.txt", "x", outlet="Radio Four", published="2030-03-01"),
}


def claim(article_id: str, value: float, subject: str | None, *, unit: str | None = None,
          qualifier: str | None = None, as_of: str | None = None, start: int = 0) -> Claim:
    text = f"{value:g} {subject or ''}".strip()
    return Claim(id=stable_id(article_id, start, value, subject), article_id=article_id,
                 start=start, end=start + len(text), text=text, value=value, unit=unit,
                 qualifier=qualifier, subject=subject, as_of=as_of)


def group_of(groups, wanted: Claim):
    (found,) = [g for g in groups if wanted.id in g.claim_ids]
    return found


def test_troop_synonyms_form_one_updated_group_with_projection_kept():
    first = claim("a1", 40_000, "troops")
    projected = claim("a1", 90_000, "soldiers", qualifier="could be involved", start=50)
    later = claim("a3", 60_000, "Russian forces")
    latest = claim("a4", 75_000, "soldiers near the border")
    groups = group_claims([latest, first, projected, later], ARTICLES)
    group = group_of(groups, first)
    assert set(group.claim_ids) == {first.id, projected.id, later.id, latest.id}
    assert group.claim_ids[0] == first.id  # earliest first
    assert group.subject == "troops"
    assert group.status == "updated"
    assert group.id == stable_id("claimgroup", "troops", first.id)
    assert is_projection(projected) and not is_projection(first)


def test_different_sources_same_date_conflict():
    one = claim("a1", 40_000, "troops")
    two = claim("a2", 65_000, "troops")
    (group,) = group_claims([one, two], ARTICLES)
    assert group.status == "conflicting"


def test_same_figure_everywhere_is_consistent():
    one = claim("a1", 40_000, "troops")
    two = claim("a2", 40_000, "soldiers")
    three = claim("a3", 40_500, "troops")  # within rounding of the same figure
    (group,) = group_claims([one, two, three], ARTICLES)
    assert group.status == "consistent"


def test_projection_does_not_make_a_conflict():
    firm = claim("a1", 40_000, "troops")
    projected = claim("a2", 90_000, "troops", qualifier="as many as")
    (group,) = group_claims([firm, projected], ARTICLES)
    assert group.status == "consistent"
    assert len(group.claim_ids) == 2


def test_as_of_overrides_the_publication_date():
    early = claim("a3", 40_000, "troops", as_of="2030-01-05")
    other = claim("a2", 55_000, "troops")
    (group,) = group_claims([early, other], ARTICLES)
    assert group.status == "conflicting"


def test_other_quantities_and_units_stay_apart():
    troops = claim("a1", 40_000, "troops")
    share = claim("a1", 49, "voters", unit="%", start=10)
    share_two = claim("a2", 51, "of voters", unit="percent", start=20)
    money = claim("a2", 2_000_000, "aid package", unit="USD", start=30)
    unknown = claim("a4", 3, None, start=40)
    groups = group_claims([troops, share, share_two, money, unknown], ARTICLES)
    assert len(groups) == 4
    assert set(group_of(groups, share).claim_ids) == {share.id, share_two.id}
    assert group_of(groups, share).status == "conflicting"
    assert group_of(groups, unknown).claim_ids == (unknown.id,)
    assert group_of(groups, unknown).status == "consistent"
    assert unit_family("%") == unit_family("percent") == "percent"


def test_word_overlap_groups_unmapped_subjects():
    one = claim("a1", 12, "border crossings closed")
    two = claim("a3", 15, "closed border crossings")
    three = claim("a3", 7, "hospital beds", start=30)
    groups = group_claims([one, two, three], ARTICLES)
    assert set(group_of(groups, one).claim_ids) == {one.id, two.id}
    assert group_of(groups, one).status == "updated"
    assert group_of(groups, three).claim_ids == (three.id,)


def test_empty_input():
    assert group_claims([], ARTICLES) == ()


def test_projection_read_from_the_text_after_the_claim():
    text = "Officials said 90,000 troops could be involved next month."
    start = text.index("90,000")
    article = Article("a5", "a5.txt", text, outlet="Daily One", published="2030-01-05")
    projected = Claim(id="p", article_id="a5", start=start, end=start + 13,
                      text="90,000 troops", value=90_000, qualifier="estimated",
                      subject="troops")
    firm = claim("a2", 40_000, "troops")
    (group,) = group_claims([firm, projected], {**ARTICLES, "a5": article})
    assert len(group.claim_ids) == 2
    assert group.status == "consistent"
    assert is_projection(projected, text[projected.end:])
    assert not is_projection(firm, " were seen on the border.")


def test_other_owner_or_scale_is_another_quantity():
    russian = claim("a1", 40_000, "Russian troops")
    american = claim("a1", 13, "U.S. service members", start=30)
    far_off = claim("a3", 400, "troops", start=60)
    groups = group_claims([russian, american, far_off], ARTICLES)
    assert len(groups) == 3


def test_latest_date_disagreement_is_conflicting_even_after_an_update():
    early = claim("a1", 40_000, "troops")
    one = claim("a4", 60_000, "troops")
    other = Article("a6", "a6.txt", "x", outlet="Other Paper", published="2030-03-01")
    two = claim("a6", 80_000, "troops")
    (group,) = group_claims([early, one, two], {**ARTICLES, "a6": other})
    assert group.status == "conflicting"


def test_vague_figures_do_not_change_the_status():
    firm = claim("a1", 40_000, "troops")
    vague = claim("a4", 10_000, "troops", qualifier="tens of")
    (group,) = group_claims([firm, vague], ARTICLES)
    assert len(group.claim_ids) == 2
    assert group.status == "consistent"
