"""Access-matrix rows for the library app (see zhicheng/core/tests/test_access_matrix.py).

Entry URLs point at an entry of `cast.applicant`, submitted to `cast.unit`: only the applicant sees
it on the applicant's side and only the unit's 法人 (`unit_admin`) and its clerk on the unit's side.
The second applicant (and the clerk, on the applicant's side) get 404; so does another unit's admin.
"""

from collections.abc import Callable
from typing import Any

from django.urls import reverse

from zhicheng.conftest import FOREIGN_ROLES, ROLES

A, P, N, U, D, H, O, I, AU, AD, X = ROLES  # noqa: E741
P2, U2, C, O2 = FOREIGN_ROLES

PERSON_PAGE = {P: 200, A: 302, N: 302, "*": 403}
# The applicant's own entry or file: any other person (second applicant, clerk) gets a 404.
OWN_PAGE = {**PERSON_PAGE, P2: 404, C: 404}
# POST-only: a GET is 405 for persons; a bare POST goes through for the owner only.
OWN_POST: dict[str, Any] = {
    P: 405, P2: 405, C: 405, A: 302, N: 302, "*": 403,
    "POST": {P: 302, P2: 404, C: 404, A: 302, N: 302, "*": 403},
}  # fmt: skip
UNIT_PAGE = {U: 200, C: 200, U2: 404, A: 302, N: 302, "*": 404}

ROWS: dict[str, dict[str, Any]] = {
    "library:index": PERSON_PAGE,
    "library:create": PERSON_PAGE,
    "library:import": PERSON_PAGE,
    "library:template": PERSON_PAGE,
    # Ids in the body: the service looks them up among the person's own entries.
    "library:submit": {**OWN_POST, "POST": {P: 302, P2: 302, C: 302, A: 302, N: 302, "*": 403}},
    "library:detail": OWN_PAGE,
    "library:edit": {**OWN_PAGE, P: 302},  # submitted: back to the entry page
    "library:delete": OWN_POST,
    "library:withdraw": OWN_POST,
    "library:attachment_upload": {**OWN_POST, "POST": {**OWN_POST["POST"], P: 400}},
    "library:attachment": OWN_PAGE,
    "library:attachment_rename": OWN_POST,
    "library:attachment_delete": OWN_POST,
    "library:unit_queue": UNIT_PAGE,
    "library:unit_approve_many": {
        A: 302,
        N: 302,
        U2: 405,
        "*": 405,
        "POST": {U: 302, C: 302, U2: 404, A: 302, N: 302, "*": 404},
    },  # fmt: skip
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
