"""The state graph of an application (DESIGN §4), on one screen.

The applicant's part: 填报中 until 提交审核, or 删除 before it. The review route (reviews app) moves
it on: 审核中 at each level of the route (unit, 主管部门, 人社部门), 资格审查 at the organizer,
待评审 until the committee votes, 评审通过 / 评审未通过, 公示中 (评审结果公示), 已核准, 已发证.
Every review step may 退回修改 (back to 填报中, editable; resubmission starts again at the unit) or
不通过 (final). A returned application not resubmitted by its deadline is closed as 逾期未修改.
"""

from .models import Application

S = Application.Status
ALLOWED: dict[str, set[str]] = {
    # 提交审核 once every check passes; 删除 only before submission (the person may apply again);
    # 逾期未修改 when a returned application's deadline passes.
    S.DRAFT: {S.SUBMITTED, S.DELETED, S.EXPIRED},
    # 审核中: the last HR department passes it to the organizer's 资格审查.
    S.SUBMITTED: {S.QUALIFYING, S.DRAFT, S.REJECTED},
    S.QUALIFYING: {S.AWAITING, S.DRAFT, S.REJECTED},
    S.AWAITING: {S.PASSED, S.FAILED},
    S.PASSED: {S.PUBLICITY},
    S.PUBLICITY: {S.APPROVED},
    S.APPROVED: {S.CERTIFIED},
    S.CERTIFIED: set(),
    S.FAILED: set(),
    S.REJECTED: set(),
    S.EXPIRED: set(),
    S.DELETED: set(),
}
