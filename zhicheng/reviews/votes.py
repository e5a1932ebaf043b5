"""The committee's vote (职称评审管理暂行规定, 人社部令第40号).

- 第二十二条: the experts present at a review meeting are at least 2/3 of the committee's members;
- 第二十三条: by secret ballot, a result passes when the yes votes are at least 2/3 of the experts
  present; members who are absent may neither delegate their vote nor vote afterwards — so the
  ballots cast (yes + no + abstain) are exactly the members present.

"至少 2/3" / "2/3 以上" include 2/3 itself (以上 includes the number in Chinese legal usage).
Integer arithmetic, so that 2/3 of 9 is exactly 6 and never 5.999….
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError


@dataclass(frozen=True)
class Vote:
    members: int  # the committee's members (评审专家人数)
    present: int  # experts present at the meeting
    yes: int
    no: int
    abstain: int

    @property
    def quorate(self) -> bool:
        return 3 * self.present >= 2 * self.members

    @property
    def passed(self) -> bool:
        return self.quorate and 3 * self.yes >= 2 * self.present


def vote_check(*, members: int, present: int, yes: int, no: int, abstain: int) -> Vote:
    """The vote, or a ValidationError naming the field when the numbers do not add up."""
    errors: dict[str, str] = {}
    for name, value in (("members", members), ("present", present)):
        if value < 1:
            errors[name] = "人数至少为 1"
    for name, value in (("yes", yes), ("no", no), ("abstain", abstain)):
        if value < 0:
            errors[name] = "票数不能为负数"
    if not errors and present > members:
        errors["present"] = f"出席人数（{present}）不能多于评委会人数（{members}）"
    if not errors and yes + no + abstain != present:
        errors["yes"] = (
            f"同意 {yes}、不同意 {no}、弃权 {abstain} 合计 {yes + no + abstain} 票，"
            f"应等于出席人数 {present}（未出席的评审专家不得委托投票或补充投票）"
        )
    if errors:
        raise ValidationError(errors)
    return Vote(members=members, present=present, yes=yes, no=no, abstain=abstain)


def quorum_needed(members: int) -> int:
    """The fewest experts present for a valid meeting: ⌈2/3 × members⌉."""
    return -(-2 * members // 3)


def yes_needed(present: int) -> int:
    """The fewest yes votes to pass: ⌈2/3 × present⌉."""
    return -(-2 * present // 3)
