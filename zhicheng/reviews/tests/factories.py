"""A whole review chain on top of the test cast: the tree above the unit, reviewers at every level,
a plan of the cast's organizer, and helpers that walk an application along its route."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from zhicheng.applications import services as application_services
from zhicheng.applications.models import Application
from zhicheng.applications.tests import factories as af
from zhicheng.core.tests import factories as f
from zhicheng.core.titles import Level
from zhicheng.orgs.models import Membership, Organization
from zhicheng.plans.tests.factories import CommitteeFactory
from zhicheng.reviews import services
from zhicheng.reviews.models import Publicity

L = Organization.Level


@dataclass
class Chain:
    cast: Any
    world: af.World
    province: Organization
    city: Organization
    county: Organization
    department: Organization
    organizer_org: Organization
    committee: Organization
    city_reviewer: Any
    province_reviewer: Any
    province_issuer: Any

    def reviewers(self) -> list[tuple[Any, Organization]]:
        """(actor, organization) for each node of the school's route, in order."""
        c = self.cast
        return [
            (c.unit_admin, c.unit),
            (c.dept_reviewer, self.department),
            (c.hr_reviewer, self.county),
            (self.city_reviewer, self.city),
            (self.province_reviewer, self.province),
            (c.organizer, self.organizer_org),
        ]


def _member(role: str, org: Organization) -> Any:
    user = f.UserFactory()
    f.MembershipFactory(user=user, organization=org, role=role)
    return user


def chain(
    cast: Any, *, person: Any = None, level: str = Level.DEPUTY_SENIOR, year: int = 2026
) -> Chain:
    """unit → 主管部门 → county → city → province 人社, and the cast's organizer with a committee."""
    department = cast.unit.parent
    county = department.parent
    city = county.parent
    province = city.parent
    organizer_org = Membership.objects.get(user=cast.organizer).organization
    committee = CommitteeFactory(parent=organizer_org, name="测试高级评委会")
    person = person or cast.applicant
    af.bind(person, cast.unit)
    plan, plain, exam, standard, categories, pledge, exam_slot = af.open_plan(
        committee=committee, organizer=organizer_org, level=level, year=year
    )
    world = af.World(person, cast.unit, plan, plain, exam, standard, categories, pledge, exam_slot)
    return Chain(
        cast=cast,
        world=world,
        province=province,
        city=city,
        county=county,
        department=department,
        organizer_org=organizer_org,
        committee=committee,
        city_reviewer=_member(Membership.Role.REVIEWER, city),
        province_reviewer=_member(Membership.Role.REVIEWER, province),
        province_issuer=_member(Membership.Role.ISSUER, province),
    )


def submitted(c: Chain, *, person: Any = None) -> Application:
    world = c.world
    if person is not None:
        af.bind(person, c.cast.unit)
        world = af.World(person, *list(vars(c.world).values())[1:])
    application = af.complete(world, af.start(world))
    return application_services.application_submit(application=application, actor=world.person)


def past_period(days: int = 21) -> tuple[datetime.date, datetime.date]:
    today = timezone.localdate()
    return today - datetime.timedelta(days=days), today - datetime.timedelta(days=1)


def unit_publicity(c: Chain, applications: list[Application]) -> Publicity:
    start, end = past_period()
    return services.unit_publicity_record(
        unit=c.cast.unit,
        applications=applications,
        starts_on=start,
        ends_on=end,
        place="单位公示栏",
        result="公示期内无异议",
        objections="",
        actor=c.cast.unit_admin,
    )


def through_route(c: Chain, application: Application, *, upto: int | None = None) -> Application:
    """Pass the application at each node (the 单位公示 first), up to node `upto` (all by default)."""
    unit_publicity(c, [application])
    for actor, org in c.reviewers()[:upto]:
        services.step_decide(
            application=application,
            organization=org,
            decision=services.Decision.PASS,
            opinion="同意",
            actor=actor,
        )
    application.refresh_from_db()
    return application
