"""Writes to 评审计划 and 评审标准, and the one rule on who may apply to a plan now.

Every write checks its rules here (views only validate input and authorise). Once applications use
a plan (`plan_is_in_use`), a change that would invalidate them is refused with the reason; changes
that only loosen a rule (a later deadline, a higher maximum, an optional slot) stay possible.
While a plan is 已发布, every write ends by re-running the publish checks (`keep_published_complete`)
so that a published plan never loses what publishing required: configuration writes get that, the
locks and the PLAN_CONFIGURED audit event from one context manager (`guard.plan_configuration_write`
and `guard.standard_configuration_write`).

    plans.py          the plans themselves: create, edit, publish, close, delete
    configuration.py  a plan's 可评审专业, 附件项 and files to download
    standards.py      评审标准 and their 申报业绩类别
    eligibility.py    plan_apply_blockers: who may apply now (reads only)
    guard.py          in use, the publish checks, locks, the write recipe

Everything public is imported here, so `from zhicheng.plans import services` keeps working.
"""

from .configuration import (
    PLAN_FILE_MAX_BYTES,
    plan_file_add,
    plan_file_delete,
    slot_create,
    slot_delete,
    slot_update,
    specialty_create,
    specialty_delete,
    specialty_update,
)
from .eligibility import plan_apply_blockers
from .guard import (
    CLOSED_MESSAGE,
    IN_USE,
    plan_is_in_use,
    plan_publish_problems,
    standard_is_in_use,
)
from .plans import (
    CLOSE_OPINION_MAX,
    DUPLICATE_PLAN_NAME,
    FROZEN_WHEN_IN_USE,
    STALE_MESSAGE,
    plan_close,
    plan_create,
    plan_delete,
    plan_publish,
    plan_update,
)
from .standards import (
    DUPLICATE_STANDARD_NAME,
    category_create,
    category_delete,
    category_update,
    standard_create,
    standard_delete,
    standard_update,
)

__all__ = [
    "CLOSED_MESSAGE",
    "CLOSE_OPINION_MAX",
    "DUPLICATE_PLAN_NAME",
    "DUPLICATE_STANDARD_NAME",
    "FROZEN_WHEN_IN_USE",
    "IN_USE",
    "PLAN_FILE_MAX_BYTES",
    "STALE_MESSAGE",
    "category_create",
    "category_delete",
    "category_update",
    "plan_apply_blockers",
    "plan_close",
    "plan_create",
    "plan_delete",
    "plan_file_add",
    "plan_file_delete",
    "plan_is_in_use",
    "plan_publish",
    "plan_publish_problems",
    "plan_update",
    "slot_create",
    "slot_delete",
    "slot_update",
    "specialty_create",
    "specialty_delete",
    "specialty_update",
    "standard_create",
    "standard_delete",
    "standard_is_in_use",
    "standard_update",
]
