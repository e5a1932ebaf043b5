"""The two shared mechanisms: hooks (extension points) and the state-change recipe."""

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction

from zhicheng.audit.models import AuditEvent
from zhicheng.core.hooks import Hook
from zhicheng.core.tests.factories import UserFactory
from zhicheng.core.workflow import clean_opinion, lock, transition
from zhicheng.plans import transitions
from zhicheng.plans.models import PlanEvent, ReviewPlan
from zhicheng.plans.tests.factories import PlanFactory


def test_a_hook_with_nothing_registered_answers_empty() -> None:
    hook: Hook[[int], bool] = Hook("test.empty")
    assert hook.call(1) == []
    assert hook.any(1) is False


def test_a_hook_calls_every_function_once_in_registration_order() -> None:
    hook: Hook[[int], int] = Hook("test.order")
    first = hook.register(lambda n: n + 1)
    hook.register(lambda n: n * 10)
    hook.register(first)  # registering again changes nothing
    assert hook.call(2) == [3, 20]
    hook.unregister(first)
    assert hook.call(2) == [20]


def test_any_stops_at_the_first_true_answer() -> None:
    hook: Hook[[], bool] = Hook("test.any")
    called: list[str] = []

    def yes() -> bool:
        called.append("yes")
        return True

    def never() -> bool:
        called.append("never")
        return False

    hook.register(yes)
    hook.register(never)
    assert hook.any() is True
    assert called == ["yes"]


def test_registered_unregisters_after_the_block_even_on_error() -> None:
    hook: Hook[[], str] = Hook("test.block")

    def answer() -> str:
        return "x"

    with pytest.raises(RuntimeError), hook.registered(answer):
        assert hook.call() == ["x"]
        raise RuntimeError
    assert hook.call() == []


def test_clean_opinion_requires_one_when_asked_and_bounds_its_length() -> None:
    assert clean_opinion("  好  ", required=False) == "好"
    assert clean_opinion("", required=False) == ""
    with pytest.raises(ValidationError) as missing:
        clean_opinion("   ", required=True, missing="请填写退回理由")
    assert missing.value.message_dict == {"opinion": ["请填写退回理由"]}
    with pytest.raises(ValidationError) as long:
        clean_opinion("字" * 501, required=False)
    assert "500" in str(long.value)


@pytest.mark.django_db
def test_transition_saves_the_status_records_the_event_and_the_audit_row() -> None:
    plan = PlanFactory()
    actor = UserFactory()
    with transaction.atomic():
        locked = lock(ReviewPlan, pk=plan.pk)
        event = transition(
            locked,
            to=ReviewPlan.Status.PUBLISHED,
            allowed=transitions.ALLOWED,
            event_model=PlanEvent,
            subject="plan",
            actor=actor,
            organization=plan.organizer,
            opinion="发布",
            audit_kind=AuditEvent.Kind.PLAN_PUBLISHED,
            audit_detail={"plan": plan.pk},
        )
    plan.refresh_from_db()
    assert plan.status == ReviewPlan.Status.PUBLISHED
    assert (event.from_status, event.to_status, event.opinion) == ("draft", "published", "发布")
    assert event.actor == actor and event.organization == plan.organizer
    row = AuditEvent.objects.get(kind=AuditEvent.Kind.PLAN_PUBLISHED)
    assert row.user == actor
    assert row.detail == {"from": "draft", "to": "published", "plan": plan.pk}


@pytest.mark.django_db
def test_transition_refuses_an_edge_not_in_the_table_and_changes_nothing() -> None:
    plan = PlanFactory()
    with pytest.raises(ValidationError) as refused, transaction.atomic():
        transition(
            lock(ReviewPlan, pk=plan.pk),
            to=ReviewPlan.Status.CLOSED,
            allowed=transitions.ALLOWED,
            event_model=PlanEvent,
            subject="plan",
            actor=UserFactory(),
            refused="草稿不能关闭",
        )
    assert refused.value.messages == ["草稿不能关闭"]
    plan.refresh_from_db()
    assert plan.status == ReviewPlan.Status.DRAFT
    assert not PlanEvent.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_transition_outside_a_transaction_is_a_programming_error() -> None:
    plan: Any = PlanFactory()
    with pytest.raises(RuntimeError):
        transition(
            plan,
            to=ReviewPlan.Status.PUBLISHED,
            allowed=transitions.ALLOWED,
            event_model=PlanEvent,
            subject="plan",
            actor=UserFactory(),
        )
