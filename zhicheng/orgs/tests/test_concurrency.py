"""Two reviewers at once, two submits at once: real concurrent transactions (PostgreSQL).

SQLite serialises writers with IMMEDIATE transactions, so these races exist only where the
production database runs them in parallel.
"""

import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from zhicheng.core.tests import factories as f
from zhicheng.orgs import services
from zhicheng.orgs.models import Membership, UnitBinding, UnitBindingEvent

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="parallel writers need PostgreSQL"
    ),
]


def race(*calls: Callable[[], Any]) -> list[Any]:
    """Run the calls in threads released together; return each result or exception."""
    barrier = threading.Barrier(len(calls))
    results: list[Any] = [None] * len(calls)

    def run(index: int, call: Callable[[], Any]) -> None:
        try:
            barrier.wait()
            results[index] = call()
        except Exception as error:  # noqa: BLE001 — the outcome is what the test inspects
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_two_reviewers_deciding_one_request_at_once(cast: Any) -> None:
    clerk = f.PersonFactory()
    f.MembershipFactory(user=clerk, organization=cast.unit, role=Membership.Role.CLERK)
    binding = services.binding_request(person=cast.applicant, unit_id=cast.unit.pk, statement="x")
    results = race(
        lambda: services.binding_decide(
            binding=binding, unit=cast.unit, actor=cast.unit_admin, approve=True, opinion=""
        ),
        lambda: services.binding_decide(
            binding=binding, unit=cast.unit, actor=clerk, approve=False, opinion="不同意"
        ),
    )
    errors = [r for r in results if isinstance(r, Exception)]
    assert len(errors) == 1 and isinstance(errors[0], ValidationError)
    binding.refresh_from_db()
    assert binding.status in ("approved", "rejected")
    assert UnitBindingEvent.objects.filter(binding=binding).count() == 2  # requested + one decision


def test_two_requests_submitted_at_once_make_one(cast: Any) -> None:
    results = race(
        lambda: services.binding_request(
            person=cast.applicant, unit_id=cast.unit.pk, statement="a"
        ),
        lambda: services.binding_request(
            person=cast.applicant, unit_id=cast.other_unit.pk, statement="b"
        ),
    )
    assert sum(isinstance(r, ValidationError) for r in results) == 1
    assert UnitBinding.objects.filter(person=cast.applicant, status="pending").count() == 1


def test_adding_a_clerk_while_their_binding_ends_leaves_no_ex_employee_clerk(cast: Any) -> None:
    """Issue 9.7: clerk_add read the binding without a lock, so it could add a clerk just after
    binding_end removed the clerk memberships."""
    for round_ in range(8):
        person = f.PersonFactory()
        binding = services.binding_request(person=person, unit_id=cast.unit.pk, statement="入职")
        services.binding_decide(
            binding=binding, unit=cast.unit, actor=cast.unit_admin, approve=True, opinion=""
        )
        race(
            lambda person=person: services.clerk_add(
                unit=cast.unit,
                actor=cast.unit_admin,
                name=person.name,
                id_number=person.id_number,
            ),
            lambda binding=binding: services.binding_end(
                binding=binding, unit=cast.unit, actor=cast.unit_admin, opinion="已离职"
            ),
        )
        binding.refresh_from_db()
        assert binding.status == "ended", round_
        assert not Membership.objects.filter(user=person, role="clerk").exists(), round_
