"""Access-matrix rows for the plans app (see zhicheng/core/tests/test_access_matrix.py).

Objects in the URLs belong to the cast's organizer (测试评委会组建单位); another organizer's objects
are 404 for it (tested in test_views.py).
"""

from collections.abc import Callable
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from zhicheng.conftest import ROLES

A, P, N, U, D, H, O, I, AU, AD, X = ROLES  # noqa: E741

PERSONS = {P: 200, A: 302, N: 302, "*": 403}
ORGANIZERS = {O: 200, A: 302, N: 302, "*": 403}
ORGANIZERS_POST = {O: 405, A: 302, N: 302, "*": 403}

ROWS: dict[str, dict[str, int]] = {
    "plans:applicant_list": PERSONS,
    "plans:applicant_detail": PERSONS,
    "plans:apply_start": {P: 405, A: 302, N: 302, "*": 403},
    "plans:file_download": {P: 200, O: 200, A: 302, N: 302, "*": 404},
    "plans:organizer_list": ORGANIZERS,
    "plans:organizer_create": ORGANIZERS,
    "plans:organizer_detail": ORGANIZERS,
    "plans:organizer_edit": ORGANIZERS,
    "plans:organizer_publish": ORGANIZERS_POST,
    "plans:organizer_close": ORGANIZERS_POST,
    "plans:organizer_delete": ORGANIZERS_POST,
    "plans:specialty_create": ORGANIZERS,
    "plans:specialty_edit": ORGANIZERS,
    "plans:specialty_delete": ORGANIZERS_POST,
    "plans:slot_create": ORGANIZERS,
    "plans:slot_edit": ORGANIZERS,
    "plans:slot_delete": ORGANIZERS_POST,
    "plans:file_upload": ORGANIZERS,
    "plans:file_delete": ORGANIZERS_POST,
    "plans:standard_list": ORGANIZERS,
    "plans:standard_create": ORGANIZERS,
    "plans:standard_detail": ORGANIZERS,
    "plans:standard_edit": ORGANIZERS,
    "plans:standard_delete": ORGANIZERS_POST,
    "plans:category_create": ORGANIZERS,
    "plans:category_edit": ORGANIZERS,
    "plans:category_delete": ORGANIZERS_POST,
}


def _plan(cast: Any) -> Any:
    from zhicheng.plans.tests.factories import CommitteeFactory, published_plan

    organizer = cast.organizer.memberships.get().organization
    return published_plan(committee=CommitteeFactory(parent=organizer))


def _file(cast: Any) -> Any:
    from zhicheng.demo.plans import template_pdf
    from zhicheng.plans import services

    upload = SimpleUploadedFile("模板.pdf", template_pdf("模板", []), "application/pdf")
    return services.plan_file_add(plan=_plan(cast), actor=cast.organizer, upload=upload)


def _by_plan(name: str) -> Callable[[Any], str]:
    return lambda cast: reverse(name, kwargs={"plan_id": _plan(cast).pk})


def _specialty(name: str) -> Callable[[Any], str]:
    return lambda cast: reverse(name, kwargs={"specialty_id": _plan(cast).specialties.get().pk})


def _slot(name: str) -> Callable[[Any], str]:
    return lambda cast: reverse(name, kwargs={"slot_id": _plan(cast).slots.get().pk})


def _standard(name: str) -> Callable[[Any], str]:
    return lambda cast: reverse(name, kwargs={"standard_id": _plan(cast).standards.get().pk})


def _category(name: str) -> Callable[[Any], str]:
    return lambda cast: reverse(
        name, kwargs={"category_id": _plan(cast).standards.get().categories.get().pk}
    )


URLS: dict[str, Callable[[Any], str]] = {
    "plans:applicant_detail": _by_plan("plans:applicant_detail"),
    "plans:apply_start": _by_plan("plans:apply_start"),
    "plans:file_download": lambda cast: reverse(
        "plans:file_download", kwargs={"file_id": _file(cast).pk}
    ),
    "plans:organizer_detail": _by_plan("plans:organizer_detail"),
    "plans:organizer_edit": _by_plan("plans:organizer_edit"),
    "plans:organizer_publish": _by_plan("plans:organizer_publish"),
    "plans:organizer_close": _by_plan("plans:organizer_close"),
    "plans:organizer_delete": _by_plan("plans:organizer_delete"),
    "plans:specialty_create": _by_plan("plans:specialty_create"),
    "plans:specialty_edit": _specialty("plans:specialty_edit"),
    "plans:specialty_delete": _specialty("plans:specialty_delete"),
    "plans:slot_create": _by_plan("plans:slot_create"),
    "plans:slot_edit": _slot("plans:slot_edit"),
    "plans:slot_delete": _slot("plans:slot_delete"),
    "plans:file_upload": _by_plan("plans:file_upload"),
    "plans:file_delete": lambda cast: reverse(
        "plans:file_delete", kwargs={"file_id": _file(cast).pk}
    ),
    "plans:standard_detail": _standard("plans:standard_detail"),
    "plans:standard_edit": _standard("plans:standard_edit"),
    "plans:standard_delete": _standard("plans:standard_delete"),
    "plans:category_create": _standard("plans:category_create"),
    "plans:category_edit": _category("plans:category_edit"),
    "plans:category_delete": _category("plans:category_delete"),
}
