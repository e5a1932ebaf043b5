"""Access-matrix rows for the library app (see zhicheng/core/tests/test_access_matrix.py).

Entry URLs point at an entry of `cast.applicant`, submitted to `cast.unit`: only the applicant sees
it on the applicant's side and only the unit's 法人 (`unit_admin`) on the unit's side.
"""

from collections.abc import Callable
from typing import Any

from django.urls import reverse

from zhicheng.conftest import ROLES

A, P, N, U, D, H, O, I, AU, AD, X = ROLES  # noqa: E741

PERSON_PAGE = {P: 200, A: 302, N: 302, "*": 403}
PERSON_POST = {P: 405, A: 302, N: 302, "*": 403}
UNIT_PAGE = {U: 200, A: 302, N: 302, "*": 404}

ROWS: dict[str, dict[str, int]] = {
    "library:index": PERSON_PAGE,
    "library:create": PERSON_PAGE,
    "library:import": PERSON_PAGE,
    "library:template": PERSON_PAGE,
    "library:submit": PERSON_POST,
    "library:detail": PERSON_PAGE,
    "library:edit": {P: 302, A: 302, N: 302, "*": 403},  # submitted: back to the entry page
    "library:delete": PERSON_POST,
    "library:withdraw": PERSON_POST,
    "library:attachment_upload": PERSON_POST,
    "library:attachment": PERSON_PAGE,
    "library:attachment_rename": PERSON_POST,
    "library:attachment_delete": PERSON_POST,
    "library:unit_queue": UNIT_PAGE,
    "library:unit_approve_many": {A: 302, N: 302, "*": 405},
    "library:unit_entry": UNIT_PAGE,
    "library:unit_attachment": UNIT_PAGE,
}


def _attachment(cast: Any) -> Any:
    """A submitted entry of the applicant with one attachment (written to the test's tmp media)."""
    from zhicheng.library.models import EntryAttachment
    from zhicheng.library.tests.factories import AttachmentFactory, SubmittedEntryFactory, bind

    existing = EntryAttachment.objects.filter(entry__person=cast.applicant).first()
    if existing is not None:
        return existing
    bind(cast.applicant, cast.unit)
    entry = SubmittedEntryFactory(person=cast.applicant, unit=cast.unit)
    return AttachmentFactory(entry=entry)


def _entry_url(name: str) -> Callable[[Any], str]:
    return lambda cast: reverse(name, args=[_attachment(cast).entry_id])


def _file_url(name: str) -> Callable[[Any], str]:
    return lambda cast: reverse(name, args=[_attachment(cast).pk])


def _unit_url(name: str, what: str = "") -> Callable[[Any], str]:
    def url(cast: Any) -> str:
        attachment = _attachment(cast)
        if what == "entry":
            return reverse(name, args=[cast.unit.pk, attachment.entry_id])
        if what == "file":
            return reverse(name, args=[cast.unit.pk, attachment.pk])
        return reverse(name, args=[cast.unit.pk])

    return url


URLS: dict[str, Callable[[Any], str]] = {
    "library:create": lambda cast: reverse("library:create", args=["education"]),
    "library:import": lambda cast: reverse("library:import", args=["paper"]),
    "library:template": lambda cast: reverse("library:template", args=["paper"]),
    "library:detail": _entry_url("library:detail"),
    "library:edit": _entry_url("library:edit"),
    "library:delete": _entry_url("library:delete"),
    "library:withdraw": _entry_url("library:withdraw"),
    "library:attachment_upload": _entry_url("library:attachment_upload"),
    "library:attachment": _file_url("library:attachment"),
    "library:attachment_rename": _file_url("library:attachment_rename"),
    "library:attachment_delete": _file_url("library:attachment_delete"),
    "library:unit_queue": _unit_url("library:unit_queue"),
    "library:unit_approve_many": _unit_url("library:unit_approve_many"),
    "library:unit_entry": _unit_url("library:unit_entry", "entry"),
    "library:unit_attachment": _unit_url("library:unit_attachment", "file"),
}
