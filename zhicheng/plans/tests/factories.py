"""Factories for plans: a committee under an organizer, standards with categories, plans."""

from datetime import timedelta
from typing import Any

import factory
from django.utils import timezone

from zhicheng.core.tests.factories import OrganizationFactory, UserFactory
from zhicheng.core.titles import Level
from zhicheng.orgs.models import Organization
from zhicheng.plans.models import (
    AttachmentSlot,
    EntryKind,
    EvaluationStandard,
    PerformanceCategory,
    PlanSpecialty,
    ReviewPlan,
)


class OrganizerFactory(OrganizationFactory):
    kind = Organization.Kind.ORGANIZER
    credit_code = None
    name = factory.Sequence(lambda n: f"测试组建单位{n}")


class CommitteeFactory(OrganizationFactory):
    kind = Organization.Kind.COMMITTEE
    credit_code = None
    name = factory.Sequence(lambda n: f"测试评委会{n}")
    parent = factory.SubFactory(OrganizerFactory)


class StandardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EvaluationStandard

    organizer = factory.SubFactory(OrganizerFactory)
    series = "工程"
    level = Level.DEPUTY_SENIOR
    name = factory.Sequence(lambda n: f"工程系列评审标准{n}（高级）")


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PerformanceCategory

    standard = factory.SubFactory(StandardFactory)
    name = factory.Sequence(lambda n: f"类别{n}")
    hint = "导入相关业绩"
    allowed_kinds = factory.LazyFunction(lambda: [EntryKind.PAPER, EntryKind.PROJECT])
    min_items = 1
    max_items = 3
    position = factory.Sequence(lambda n: n)


class PlanFactory(factory.django.DjangoModelFactory):
    """A draft plan whose window is open now (publish it with the service or status=...)."""

    class Meta:
        model = ReviewPlan

    committee = factory.SubFactory(CommitteeFactory)
    organizer = factory.LazyAttribute(lambda o: o.committee.parent)
    year = 2026
    name = factory.Sequence(lambda n: f"2026年度工程系列高级工程师评审计划{n}")
    series = "工程"
    level = Level.DEPUTY_SENIOR
    starts_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))
    ends_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=30))
    scope = "全省工程技术人员"
    content = "计划内容"
    created_by = factory.SubFactory(UserFactory)


class SpecialtyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanSpecialty

    plan = factory.SubFactory(PlanFactory)
    name = factory.Sequence(lambda n: f"专业{n}")
    titles = factory.LazyFunction(lambda: ["高级工程师"])


class SlotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AttachmentSlot

    plan = factory.SubFactory(PlanFactory)
    name = factory.Sequence(lambda n: f"附件{n}")
    required = True


def complete_plan(**kwargs: Any) -> ReviewPlan:
    """A draft with everything publishing needs: a specialty, a standard with a category, a slot."""
    plan: Any = PlanFactory(**kwargs)
    standard = StandardFactory(organizer=plan.organizer, series=plan.series, level=plan.level)
    CategoryFactory(standard=standard)
    plan.standards.add(standard)
    SpecialtyFactory(plan=plan)
    SlotFactory(plan=plan, name="身份证正反面")
    return plan


def published_plan(**kwargs: Any) -> ReviewPlan:
    plan = complete_plan(**kwargs)
    plan.status = ReviewPlan.Status.PUBLISHED
    plan.published_at = timezone.now()
    plan.save(update_fields=["status", "published_at"])
    return plan
