"""Issue 9.3: integer, id and date inputs are bounded — a message next to the field, never a 500."""

import importlib
import inspect
import pkgutil
from typing import Any

import pytest
from django import forms
from django.apps import apps
from django.core.validators import MaxValueValidator
from django.db import models
from django.test import Client
from django.urls import reverse

import zhicheng
from zhicheng.core.forms import InputGuardMixin
from zhicheng.core.ids import MAX_ID, InvalidIds, id_from, ids_from
from zhicheng.library.tests.factories import bind

pytestmark = pytest.mark.django_db

# Columns the platform writes itself, never from input.
NOT_INPUT = {
    "accounts.LoginThrottle.failures",  # a lockout counter that stops at 5
    "library.EntryImport.rows",
    "plans.PlanFile.size",
    "reviews.ReviewCase.round",  # submissions counted by the service
    "reviews.ReviewStep.position",  # the route's order, computed from the organization tree
    "certificates.NumberSequence.last_value",  # a serial number counter
    "certificates.GenerationBatch.total",
    "certificates.GenerationBatch.done",
}
# PositiveSmallIntegerField is 0..32767 on PostgreSQL; a bound above that overflows there.
SMALL_MAX = 32767


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_every_integer_column_of_ours_has_an_upper_bound() -> None:
    missing = []
    for model in apps.get_models():
        if not model.__module__.startswith("zhicheng.") or model.__module__.startswith(
            "zhicheng.idp"
        ):
            continue
        for field in model._meta.concrete_fields:
            if not isinstance(field, models.IntegerField) or isinstance(
                field, models.AutoField | models.ForeignKey
            ):
                continue
            key = f"{model._meta.app_label}.{model.__name__}.{field.name}"
            if key in NOT_INPUT:
                continue
            limits = [v.limit_value for v in field.validators if isinstance(v, MaxValueValidator)]
            small = isinstance(field, models.SmallIntegerField | models.PositiveSmallIntegerField)
            if not limits or (small and min(limits) > SMALL_MAX):  # type: ignore[type-var, operator]
                missing.append(key)
    assert not missing, f"integer columns without a MaxValueValidator: {missing}"


def _our_form_classes() -> list[type]:
    found = []
    for info in pkgutil.walk_packages(zhicheng.__path__, "zhicheng."):
        if (
            ".tests" in info.name
            or info.name.startswith("zhicheng.idp")
            or "migrations" in info.name
        ):
            continue
        if not info.name.endswith(".forms"):
            continue
        module = importlib.import_module(info.name)
        for _, value in inspect.getmembers(module, inspect.isclass):
            if (
                issubclass(value, forms.BaseForm)
                and value.__module__ == module.__name__
                and value not in (InputGuardMixin,)
            ):
                found.append(value)
    return found


# The audit app is the bottom layer (zhicheng/layers.py) and cannot import core's guarded forms:
# its one form, the log's filter, bounds its dates itself (audit/tests/test_views.py) and its text
# is only ever a search term.
BELOW_CORE = ("zhicheng.audit.",)


def test_every_form_of_ours_guards_its_input() -> None:
    forms_ = _our_form_classes()
    assert len(forms_) > 10
    unguarded = [
        f"{cls.__module__}.{cls.__name__}"
        for cls in forms_
        if not issubclass(cls, InputGuardMixin) and not cls.__module__.startswith(BELOW_CORE)
    ]
    assert not unguarded, f"forms not built on zhicheng.core.forms.Form/ModelForm: {unguarded}"


@pytest.mark.parametrize(
    ("value", "expected"),
    [("1", 1), (" 42 ", 42), (7, 7), (str(MAX_ID), MAX_ID)],
)
def test_an_id_is_ascii_digits_in_range(value: Any, expected: int) -> None:
    assert id_from(value) == expected


@pytest.mark.parametrize(
    ("value", "malformed"),
    [("²", True), ("١", True), ("1e3", True), ("-1", True), ("", True), (True, True),
     ("0", False), (str(MAX_ID + 1), False), ("9" * 20, False)],
)  # fmt: skip
def test_anything_else_is_refused(value: Any, malformed: bool) -> None:
    with pytest.raises(InvalidIds) as raised:
        id_from(value)
    assert raised.value.malformed is malformed


def test_too_many_ids_are_refused() -> None:
    with pytest.raises(InvalidIds):
        ids_from([str(n) for n in range(1, 600)], limit=500)


def test_bulk_approval_answers_400_to_garbage_ids_and_404_to_impossible_ones(cast: Any) -> None:
    client = client_for(cast.unit_admin)
    url = reverse("orgs:bindings_approve", args=[cast.unit.pk])
    # "²".isdigit() is True, int("²") raises: this was a 500.
    assert client.post(url, {"binding": ["²"]}).status_code == 400
    assert client.post(url, {"binding": ["١"]}).status_code == 400
    assert client.post(url, {"binding": [str(2**63)]}).status_code == 404


def test_a_huge_unit_id_in_the_binding_form_is_a_form_error(cast: Any) -> None:
    client = client_for(cast.applicant2)
    response = client.post(
        reverse("orgs:binding_change"),
        {"unit": str(2**64), "statement": "申请", "is_freelancer": "no"},
    )
    assert response.status_code == 400


def test_a_huge_standard_id_in_the_plan_form_is_an_invalid_choice(cast: Any) -> None:
    client = client_for(cast.organizer)
    response = client.post(reverse("plans:organizer_create"), {"standards": [str(2**64)]})
    assert response.status_code == 200
    assert "standards" in response.context["form"].errors


@pytest.mark.parametrize("rank", [str(2**63), "40000", "1000"])
def test_rank_beyond_its_bound_is_a_message_next_to_the_field(cast: Any, rank: str) -> None:
    bind(cast.applicant, cast.unit)
    client = client_for(cast.applicant)
    response = client.post(
        reverse("library:create", args=["paper"]),
        {
            "title": "题目",
            "journal": "刊物",
            "issn_cn": "1000-0000",
            "date": "2020-01-01",
            "volume_issue": "1",
            "rank": rank,
        },
    )
    assert response.status_code in (200, 400)
    assert "rank" in response.context["form"].errors


def test_training_hours_beyond_their_bound_are_refused(cast: Any) -> None:
    client = client_for(cast.applicant)
    response = client.post(
        reverse("library:create", args=["training"]),
        {"year": "2020", "public_hours": "99999", "professional_hours": "1", "organization": "x"},
    )
    assert "public_hours" in response.context["form"].errors


def test_a_planned_end_date_far_ahead_is_refused(cast: Any) -> None:
    client = client_for(cast.applicant)
    response = client.post(
        reverse("library:create", args=["project"]),
        {
            "title": "项目",
            "source": "来源",
            "level": "city",
            "role": "主持",
            "start_date": "2020-01-01",
            "end_date": "2090-01-01",
            "completion": "ongoing",
        },
    )
    assert "end_date" in response.context["form"].errors


@pytest.mark.parametrize("value", ["0001-01-01T00:00", "9999-12-31T23:59", "1990-01-01T00:00"])
def test_a_plan_window_outside_a_few_years_of_today_is_refused(cast: Any, value: str) -> None:
    client = client_for(cast.organizer)
    response = client.post(
        reverse("plans:organizer_create"), {"starts_at": value, "ends_at": value}
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "starts_at" in errors and "ends_at" in errors


def test_a_plan_year_far_from_today_is_refused(cast: Any) -> None:
    client = client_for(cast.organizer)
    response = client.post(reverse("plans:organizer_create"), {"year": "2099"})
    assert "year" in response.context["form"].errors
