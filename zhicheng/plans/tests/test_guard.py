"""services.guard: every configuration write goes through one recipe, so none can skip the
publish guard or the audit."""

import pytest
from django.core.exceptions import ValidationError

from zhicheng.audit.models import AuditEvent
from zhicheng.core.tests.factories import UserFactory
from zhicheng.plans.models import PlanSpecialty
from zhicheng.plans.services.guard import plan_configuration_write
from zhicheng.plans.tests.factories import published_plan

pytestmark = pytest.mark.django_db


def test_a_write_that_says_nothing_of_what_it_changed_is_refused() -> None:
    plan = published_plan()
    with (
        pytest.raises(RuntimeError, match="must say what it changed"),
        plan_configuration_write(plan, actor=UserFactory(), action="forgetful"),
    ):
        pass


def test_any_write_through_the_recipe_keeps_a_published_plan_complete() -> None:
    """A write the services do not know yet (removing every specialty) is still refused."""
    plan = published_plan()
    with (
        pytest.raises(ValidationError, match="请至少设置一个可评审专业"),
        plan_configuration_write(plan, actor=UserFactory(), action="new_write") as write,
    ):
        PlanSpecialty.objects.filter(plan=plan).delete()
        write.audit(plan=plan.pk)
    assert PlanSpecialty.objects.filter(plan=plan).exists()  # rolled back
    assert not AuditEvent.objects.filter(detail__action="new_write").exists()
