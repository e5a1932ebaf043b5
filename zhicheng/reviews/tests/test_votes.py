"""The 2/3 rules of 人社部令第40号 at their edges, and votes that do not add up."""

import pytest
from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zhicheng.reviews.votes import quorum_needed, vote_check, yes_needed


def test_exactly_two_thirds_present_and_exactly_two_thirds_yes_passes() -> None:
    vote = vote_check(members=9, present=6, yes=4, no=2, abstain=0)
    assert vote.quorate and vote.passed


def test_one_member_short_of_the_quorum_fails_whatever_the_votes() -> None:
    vote = vote_check(members=9, present=5, yes=5, no=0, abstain=0)
    assert not vote.quorate and not vote.passed


def test_one_yes_vote_short_fails() -> None:
    vote = vote_check(members=9, present=6, yes=3, no=2, abstain=1)
    assert vote.quorate and not vote.passed


def test_thirds_that_are_not_whole_round_up() -> None:
    # 25 members: 2/3 is 16.67, so 17 must be present; 17 present: 2/3 is 11.33, so 12 yes.
    assert quorum_needed(25) == 17 and yes_needed(17) == 12
    assert not vote_check(members=25, present=16, yes=16, no=0, abstain=0).quorate
    assert vote_check(members=25, present=17, yes=12, no=5, abstain=0).passed
    assert not vote_check(members=25, present=17, yes=11, no=5, abstain=1).passed


def test_abstentions_count_against_passing() -> None:
    assert not vote_check(members=11, present=11, yes=7, no=0, abstain=4).passed
    assert vote_check(members=11, present=11, yes=8, no=0, abstain=3).passed


@pytest.mark.parametrize(
    ("numbers", "field"),
    [
        (
            {"members": 9, "present": 6, "yes": 4, "no": 1, "abstain": 0},
            "yes",
        ),  # 5 ballots, 6 present
        ({"members": 9, "present": 6, "yes": 5, "no": 2, "abstain": 0}, "yes"),  # 7 ballots
        ({"members": 9, "present": 10, "yes": 10, "no": 0, "abstain": 0}, "present"),
        ({"members": 0, "present": 0, "yes": 0, "no": 0, "abstain": 0}, "members"),
        ({"members": 9, "present": 6, "yes": -1, "no": 7, "abstain": 0}, "yes"),
    ],
)
def test_votes_that_do_not_add_up_are_refused_naming_the_field(
    numbers: dict[str, int], field: str
) -> None:
    with pytest.raises(ValidationError) as refused:
        vote_check(**numbers)
    assert field in refused.value.message_dict


# The machines are shared: a slow first draw is the load, not the strategy.
@settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(members=st.integers(1, 60), data=st.data())
def test_passing_matches_the_rule_in_fractions(members: int, data: st.DataObject) -> None:
    present = data.draw(st.integers(1, members))
    yes = data.draw(st.integers(0, present))
    no = data.draw(st.integers(0, present - yes))
    vote = vote_check(members=members, present=present, yes=yes, no=no, abstain=present - yes - no)
    from fractions import Fraction

    expected = Fraction(present, members) >= Fraction(2, 3) and Fraction(yes, present) >= Fraction(
        2, 3
    )
    assert vote.passed is expected
