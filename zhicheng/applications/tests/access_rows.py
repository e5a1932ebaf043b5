"""Access-matrix rows for the applications app (see zhicheng/core/tests/test_access_matrix.py).

URLs point at a complete application of `cast.applicant` (with a photo, a current title with a
document, imports and files): only that applicant reaches it. Any other person — the second
applicant, the unit's clerk — gets 404 on it and on every title, document, imported entry and file
of it; staff and legal persons are refused as non-persons (403). Plans are open to every person.
"""

from collections.abc import Callable
from typing import Any

from django.urls import reverse

from zhicheng.conftest import FOREIGN_ROLES, ROLES

A, P, N, U, D, H, O, I, AU, AD, X = ROLES  # noqa: E741
P2, U2, C, O2 = FOREIGN_ROLES

PERSONS = {P: 200, A: 302, N: 302, "*": 403}
# The applicant's own application or one of its parts: any other person gets a 404.
OWN_PAGE = {**PERSONS, P2: 404, C: 404}
# POST-only: a GET is 405 for persons; a bare POST goes through (back to the form) for the owner.
OWN_POST: dict[str, Any] = {
    P: 405, P2: 405, C: 405, A: 302, N: 302, "*": 403,
    "POST": {P: 302, P2: 404, C: 404, A: 302, N: 302, "*": 403},
}  # fmt: skip

ROWS: dict[str, dict[str, Any]] = {
    "applications:index": PERSONS,
    # A published plan: every person may choose it (a bare POST is the form with its errors).
    "applications:choose": {**PERSONS, P2: 200, C: 200, O2: 403},
    "applications:pledge": {**OWN_PAGE, P: 302},  # pledged: on to the form
    "applications:section": OWN_PAGE,
    "applications:photo": OWN_PAGE,
    "applications:pledge_template": OWN_PAGE,
    "applications:photo_image": OWN_PAGE,
    "applications:title_document": OWN_PAGE,
    "applications:item_file": OWN_PAGE,
    "applications:attachment": OWN_PAGE,
    **{
        f"applications:{name}": OWN_POST
        for name in (
            "basic_save",
            "specialty_change",
            "title_create",
            "title_edit",
            "title_delete",
            "title_move",
            "appointment_add",
            "appointment_delete",
            "title_document_upload",
            "title_document_delete",
            "import",
            "item_remove",
            "item_move",
            "item_mark",
            "attachment_upload",
            "attachment_rename",
            "attachment_delete",
            "extra_save",
            "submit",
            "delete",
        )
    },
}


def _application(cast: Any) -> Any:
    existing = getattr(cast, "_application", None)
    if existing is not None:
        return existing
    from zhicheng.applications import services
    from zhicheng.applications.tests.factories import complete, start, upload, world

    w = world(cast)
    application = complete(w, start(w))
    title = application.titles.get()
    services.title_document_add(title=title, checked=upload("证书.png"), actor=w.person)
    cast._application = application
    return application


def _app(name: str, **extra: Callable[[Any], int]) -> Callable[[Any], str]:
    def url(cast: Any) -> str:
        application = _application(cast)
        kwargs = {key: make(application) for key, make in extra.items()}
        return reverse(name, kwargs={"application_id": application.pk, **kwargs})

    return url


def _title(application: Any) -> int:
    return int(application.titles.get().pk)


def _appointment(application: Any) -> int:
    return int(application.titles.get().appointments.get().pk)


def _document(application: Any) -> int:
    return int(application.titles.get().documents.get().pk)


def _item(application: Any) -> int:
    return int(application.imports.order_by("pk").first().pk)


def _attachment_url(name: str) -> Callable[[Any], str]:
    return lambda cast: reverse(
        name, kwargs={"attachment_id": _application(cast).attachments.order_by("pk").first().pk}
    )


def _item_file(cast: Any) -> str:
    application = _application(cast)
    item = application.imports.order_by("pk").first()
    return reverse(
        "applications:item_file",
        kwargs={
            "application_id": application.pk,
            "item_id": item.pk,
            "file_id": item.files[0]["id"],
        },
    )


URLS: dict[str, Callable[[Any], str]] = {
    "applications:choose": lambda cast: reverse(
        "applications:choose", kwargs={"plan_id": _application(cast).plan_id}
    ),
    "applications:pledge": _app("applications:pledge"),
    "applications:section": lambda cast: reverse(
        "applications:section", args=[_application(cast).pk, "overview"]
    ),
    "applications:pledge_template": _app("applications:pledge_template"),
    "applications:basic_save": _app("applications:basic_save"),
    "applications:specialty_change": _app("applications:specialty_change"),
    "applications:photo": _app("applications:photo"),
    "applications:photo_image": _app("applications:photo_image"),
    "applications:title_create": _app("applications:title_create"),
    "applications:title_edit": _app("applications:title_edit", title_id=_title),
    "applications:title_delete": _app("applications:title_delete", title_id=_title),
    "applications:title_move": _app("applications:title_move", title_id=_title),
    "applications:appointment_add": _app("applications:appointment_add", title_id=_title),
    "applications:appointment_delete": _app(
        "applications:appointment_delete", appointment_id=_appointment
    ),
    "applications:title_document_upload": _app(
        "applications:title_document_upload", title_id=_title
    ),
    "applications:title_document": _app("applications:title_document", document_id=_document),
    "applications:title_document_delete": _app(
        "applications:title_document_delete", document_id=_document
    ),
    "applications:import": lambda cast: reverse(
        "applications:import", args=[_application(cast).pk, "work"]
    ),
    "applications:item_remove": _app("applications:item_remove", item_id=_item),
    "applications:item_move": _app("applications:item_move", item_id=_item),
    "applications:item_mark": _app("applications:item_mark", item_id=_item),
    "applications:item_file": _item_file,
    "applications:attachment_upload": lambda cast: reverse(
        "applications:attachment_upload",
        args=[_application(cast).pk, _application(cast).attachments.first().slot_id],
    ),
    "applications:attachment": _attachment_url("applications:attachment"),
    "applications:attachment_rename": _attachment_url("applications:attachment_rename"),
    "applications:attachment_delete": _attachment_url("applications:attachment_delete"),
    "applications:extra_save": _app("applications:extra_save"),
    "applications:submit": _app("applications:submit"),
    "applications:delete": _app("applications:delete"),
}
