"""The state graph of an application (DESIGN §4), on one screen.

This issue covers the applicant's part: 填报中 until 提交审核, or 删除 before it. The review route
(审核中 at each level, 退回修改 back to 填报中, …) adds its edges with the reviews issue.
"""

from .models import Application

S = Application.Status
ALLOWED: dict[str, set[str]] = {
    # 提交审核 once every check passes; 删除 only before submission (the person may apply again).
    S.DRAFT: {S.SUBMITTED, S.DELETED},
    # Waiting for the unit: nothing editable. The review issue adds where it goes from here.
    S.SUBMITTED: set(),
    S.DELETED: set(),
}
