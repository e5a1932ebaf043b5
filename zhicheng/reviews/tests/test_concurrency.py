"""Twenty reviewers deciding one application at once: real concurrent transactions (PostgreSQL)."""

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from zhicheng.core.tests import factories as f
from zhicheng.orgs.models import Membership
from zhicheng.orgs.tests.test_concurrency import race
from zhicheng.reviews import services
from zhicheng.reviews.models import ReviewEvent, ReviewStep
from zhicheng.reviews.tests.factories import chain, submitted, through_route

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="parallel writers need PostgreSQL"
    ),
]


def test_twenty_parallel_decisions_leave_one_decision_and_one_event(cast: Any) -> None:
    c = chain(cast)
    application = through_route(c, submitted(c), upto=2)  # waiting at the county 人社部门
    reviewers = [cast.hr_reviewer]
    for _ in range(19):
        user = f.UserFactory()
        f.MembershipFactory(user=user, organization=c.county, role=Membership.Role.REVIEWER)
        reviewers.append(user)
    decisions = [services.Decision.PASS, services.Decision.RETURN, services.Decision.REJECT]

    def decide(index: int) -> Any:
        return lambda: services.step_decide(
            application=application,
            organization=c.county,
            decision=decisions[index % 3],
            opinion=f"意见{index}",
            actor=reviewers[index],
        )

    results = race(*(decide(i) for i in range(20)))
    errors = [r for r in results if isinstance(r, Exception)]
    assert len(errors) == 19 and all(isinstance(e, ValidationError) for e in errors)
    assert all("已由他人处理" in e.messages[0] for e in errors)
    step = ReviewStep.objects.get(application=application, organization=c.county)
    assert step.status in ("passed", "returned", "rejected")
    assert ReviewEvent.objects.filter(application=application, node="hr").count() == 1
