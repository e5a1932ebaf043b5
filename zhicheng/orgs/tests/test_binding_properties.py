"""Whatever the order of requests, decisions, withdrawals and unbindings, the binding invariants
hold: at most one request waits and one binding holds per person, and the person's unit is the
unit of the one approved binding."""

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zhicheng.core.tests import factories as f
from zhicheng.orgs import selectors, services
from zhicheng.orgs.models import UnitBinding, UnitBindingEvent

pytestmark = pytest.mark.django_db

ACTIONS = st.lists(
    st.tuples(
        st.sampled_from(["request", "approve", "reject", "withdraw", "end"]),
        st.sampled_from(["unit", "other_unit"]),
    ),
    max_size=12,
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(actions=ACTIONS)
def test_binding_invariants_hold_for_any_sequence(
    cast: Any, actions: list[tuple[str, str]]
) -> None:
    person = f.PersonFactory()  # a fresh person per example: the database is shared by examples
    admins = {"unit": cast.unit_admin, "other_unit": cast.other_unit_admin}
    for action, which in actions:
        unit = getattr(cast, which)
        try:
            if action == "request":
                services.binding_request(person=person, unit_id=unit.pk, statement="x")
            elif action in ("approve", "reject"):
                pending = selectors.person_pending_binding(person=person)
                if pending is not None:
                    services.binding_decide(
                        binding=pending,
                        unit=unit,
                        actor=admins[which],
                        approve=action == "approve",
                        opinion="理由",
                    )
            elif action == "withdraw":
                pending = selectors.person_pending_binding(person=person)
                if pending is not None:
                    services.binding_withdraw(binding=pending, actor=person)
            else:
                current = selectors.person_binding(person=person)
                if current is not None:
                    services.binding_end(
                        binding=current, unit=unit, actor=admins[which], opinion="离职"
                    )
        except ValidationError:
            pass  # refused moves must change nothing; the invariants below say so
        bindings = UnitBinding.objects.filter(person=person)
        approved = [b for b in bindings if b.status == UnitBinding.Status.APPROVED]
        pending = [b for b in bindings if b.status == UnitBinding.Status.PENDING]
        assert len(approved) <= 1 and len(pending) <= 1
        expected = approved[0].unit if approved else None
        assert selectors.person_unit(person=person) == expected
        for binding in bindings:
            last = UnitBindingEvent.objects.filter(binding=binding).order_by("-pk").first()
            assert last is not None and last.to_status == binding.status
