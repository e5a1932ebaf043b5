"""Extension points of the applications app, for the apps above it (reviews, certificates).

applications never imports them; they register here in their `AppConfig.ready` (core.hooks).
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from zhicheng.core.hooks import Hook


@dataclass(frozen=True)
class RecordAction:
    """A button under 当前申报记录 (导出评审表, 免面试, 打印准考证, 导出申报信息), shown only where it applies."""

    order: int
    label: str
    url: str


@dataclass(frozen=True)
class FlowStep:
    """One line of 流程: a node of the review route, who decided, when, the 意见, and its state."""

    node: str  # 单位审核, 主管部门审核, 人社部门审核, 资格审查, 评委会评审, 评审结果公示, 核准
    organization: str
    state: str  # 待审核, 通过, 退回修改, 不通过, 未到达 …
    actor: str = ""
    at: datetime | None = None
    opinion: str = ""
    current: bool = False


# 提交审核: called at the end of `application_submit`, in its transaction, with the locked
# application (status 审核中), the actor and the time. A ValidationError refuses the submission.
application_submitted: Hook[[Any, Any, datetime], None] = Hook("applications.application_submitted")

# 当前申报记录: the buttons a higher app adds for one application, and its 流程.
record_actions: Hook[[Any], list[RecordAction]] = Hook("applications.record_actions")
flow_steps: Hook[[Any], list[FlowStep]] = Hook("applications.flow_steps")


def actions_for(application: Any) -> list[RecordAction]:
    found = [action for actions in record_actions.call(application) for action in actions]
    return sorted(found, key=lambda action: action.order)


def flow_for(application: Any) -> list[FlowStep]:
    return [step for steps in flow_steps.call(application) for step in steps]
