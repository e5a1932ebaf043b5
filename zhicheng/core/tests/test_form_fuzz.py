"""Issue 9.3: random values posted to every form view, as the form's owner, never give a 5xx.

Each target names the view, who owns it, and the form whose fields are posted (its field names,
plus any the view adds at run time). The values mix hypothesis' text and integers with the
shapes that broke things before: huge integers, year 0001, non-ASCII digits, control characters.
A new form view belongs in TARGETS; `test_every_form_view_is_fuzzed` fails when one is missing.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

NASTY = [
    "",
    " ",
    "0",
    "-1",
    "1",
    "32768",
    "65536",
    "2147483648",
    "9223372036854775808",
    "99999999999999999999999999",
    "1e9",
    "NaN",
    "inf",
    "²",
    "١٢",
    "0001-01-01",
    "0001-01-01T00:00",
    "9999-12-31",
    "9999-12-31T23:59",
    "2026-02-30",
    "1900-01-01",
    "yes",
    "no",
    "approve",
    "return",
    "reject",
    "on",
    "\x00",
    "张\u200b三",
    "\u202eabc",
    "a\r\nb",
    "😀",
    "\ue000",
    "<script>",
    "' OR 1=1 --",
    "x" * 5000,
]

VALUES = st.one_of(
    st.sampled_from(NASTY),
    st.text(max_size=60),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
)


@dataclass
class Target:
    role: str
    url: Callable[[Any], str]
    form: Callable[[], Any]
    extra: tuple[str, ...] = ()
    files: tuple[str, ...] = ()
    names: tuple[str, ...] = field(default=())


def _plan(cast: Any) -> Any:
    from zhicheng.plans.models import ReviewPlan
    from zhicheng.plans.tests.factories import CommitteeFactory, published_plan

    organizer = cast.organizer.memberships.get().organization
    existing = ReviewPlan.objects.filter(organizer=organizer).first()
    return existing or published_plan(committee=CommitteeFactory(parent=organizer))


def _entry(cast: Any) -> Any:
    from zhicheng.library.models import Entry
    from zhicheng.library.tests.factories import EntryFactory, bind

    bind(cast.applicant, cast.unit)
    existing = Entry.objects.filter(person=cast.applicant, status=Entry.Status.DRAFT).first()
    return existing or EntryFactory(person=cast.applicant)


def _submitted(cast: Any) -> Any:
    from zhicheng.library.models import Entry
    from zhicheng.library.tests.factories import SubmittedEntryFactory

    existing = Entry.objects.filter(person=cast.applicant2, unit=cast.unit).first()
    return existing or SubmittedEntryFactory(person=cast.applicant2, unit=cast.unit)


def _pending_binding(cast: Any) -> Any:
    from zhicheng.core.tests.factories import PersonFactory
    from zhicheng.orgs.models import UnitBinding

    return UnitBinding.objects.create(
        person=PersonFactory(), unit=cast.unit, statement="x", status=UnitBinding.Status.PENDING
    )


def _hr(cast: Any) -> Any:
    return cast.hr_reviewer.memberships.get().organization


def _join(cast: Any) -> Any:
    from zhicheng.orgs.tests.access_rows import _join as join

    return join(cast)


def _orphan(cast: Any) -> Any:
    from zhicheng.orgs.tests.access_rows import _orphan as orphan

    return orphan(cast)


def _library_targets() -> dict[str, Target]:
    from zhicheng.library import forms as lf
    from zhicheng.library.models import Entry

    targets = {
        f"library:create:{kind}": Target(
            "applicant",
            lambda cast, kind=kind: reverse("library:create", args=[kind]),
            lambda kind=kind: lf.entry_form_class(kind),
        )
        for kind in Entry.Kind.values
    }
    targets.update(
        {
            "library:edit": Target(
                "applicant",
                lambda cast: reverse("library:edit", args=[_entry(cast).pk]),
                lambda: lf.entry_form_class(Entry.Kind.EDUCATION),
            ),
            "library:submit": Target(
                "applicant", lambda cast: reverse("library:submit"), lambda: lf.EntryIdsForm
            ),
            "library:attachment_upload": Target(
                "applicant",
                lambda cast: reverse("library:attachment_upload", args=[_entry(cast).pk]),
                lambda: lf.AttachmentForm,
                files=("file",),
            ),
            "library:attachment_rename": Target(
                "applicant",
                lambda cast: reverse(
                    "library:attachment_rename", args=[_entry(cast).attachments.first().pk]
                ),
                lambda: lf.RenameForm,
            ),
            "library:import": Target(
                "applicant",
                lambda cast: reverse("library:import", args=["paper"]),
                lambda: lf.ImportForm,
                files=("file",),
            ),
            "library:unit_entry": Target(
                "unit_admin",
                lambda cast: reverse(
                    "library:unit_entry", args=[cast.unit.pk, _submitted(cast).pk]
                ),
                lambda: lf.DecisionForm,
            ),
            "library:unit_approve_many": Target(
                "unit_admin",
                lambda cast: reverse("library:unit_approve_many", args=[cast.unit.pk]),
                lambda: lf.EntryIdsForm,
            ),
        }
    )
    return targets


def _plan_targets() -> dict[str, Target]:
    from zhicheng.plans import forms as pf

    def plan_url(name: str) -> Callable[[Any], str]:
        return lambda cast: reverse(name, kwargs={"plan_id": _plan(cast).pk})

    return {
        "plans:organizer_create": Target(
            "organizer", lambda cast: reverse("plans:organizer_create"), lambda: pf.PlanForm
        ),
        "plans:organizer_edit": Target(
            "organizer",
            plan_url("plans:organizer_edit"),
            lambda: pf.PlanForm,
            extra=("version",),
        ),
        "plans:organizer_close": Target(
            "organizer", plan_url("plans:organizer_close"), lambda: pf.CloseForm
        ),
        "plans:specialty_create": Target(
            "organizer", plan_url("plans:specialty_create"), lambda: pf.SpecialtyForm
        ),
        "plans:specialty_edit": Target(
            "organizer",
            lambda cast: reverse(
                "plans:specialty_edit", kwargs={"specialty_id": _plan(cast).specialties.first().pk}
            ),
            lambda: pf.SpecialtyForm,
        ),
        "plans:slot_create": Target(
            "organizer", plan_url("plans:slot_create"), lambda: pf.SlotForm
        ),
        "plans:slot_edit": Target(
            "organizer",
            lambda cast: reverse(
                "plans:slot_edit", kwargs={"slot_id": _plan(cast).slots.first().pk}
            ),
            lambda: pf.SlotForm,
        ),
        "plans:file_upload": Target(
            "organizer", plan_url("plans:file_upload"), lambda: pf.PlanFileForm, files=("file",)
        ),
        "plans:standard_create": Target(
            "organizer",
            lambda cast: reverse("plans:standard_create"),
            lambda: pf.StandardForm,
            extra=("organizer",),
        ),
        "plans:standard_edit": Target(
            "organizer",
            lambda cast: reverse(
                "plans:standard_edit", kwargs={"standard_id": _plan(cast).standards.first().pk}
            ),
            lambda: pf.StandardForm,
        ),
        "plans:category_create": Target(
            "organizer",
            lambda cast: reverse(
                "plans:category_create", kwargs={"standard_id": _plan(cast).standards.first().pk}
            ),
            lambda: pf.CategoryForm,
        ),
        "plans:category_edit": Target(
            "organizer",
            lambda cast: reverse(
                "plans:category_edit",
                kwargs={"category_id": _plan(cast).standards.first().categories.first().pk},
            ),
            lambda: pf.CategoryForm,
        ),
        "plans:applicant_list": Target(
            "applicant", lambda cast: reverse("plans:applicant_list"), lambda: pf.PlanSearchForm
        ),
    }


def _org_targets() -> dict[str, Target]:
    from zhicheng.accounts import forms as af
    from zhicheng.orgs import forms as of

    return {
        "portal:first_login": Target(
            "new_person", lambda cast: reverse("portal:first_login"), lambda: af.FirstLoginForm
        ),
        "accounts:profile_edit": Target(
            "applicant", lambda cast: reverse("accounts:profile_edit"), lambda: af.ProfileForm
        ),
        "accounts:photo": Target(
            "applicant",
            lambda cast: reverse("accounts:photo"),
            lambda: af.PhotoForm,
            files=("photo",),
        ),
        "orgs:unit_register": Target(
            "unregistered_legal",
            lambda cast: reverse("orgs:unit_register"),
            lambda: of.UnitRegistrationForm,
        ),
        "orgs:binding_change": Target(
            "applicant2", lambda cast: reverse("orgs:binding_change"), lambda: of.BindingForm
        ),
        "orgs:binding_decide": Target(
            "unit_admin",
            lambda cast: reverse(
                "orgs:binding_decide", args=[cast.unit.pk, _pending_binding(cast).pk]
            ),
            lambda: of.DecisionForm,
        ),
        "orgs:bindings_approve": Target(
            "unit_admin",
            lambda cast: reverse("orgs:bindings_approve", args=[cast.unit.pk]),
            lambda: of.DecisionForm,
            extra=("binding",),
        ),
        "orgs:binding_end": Target(
            "unit_admin",
            lambda cast: reverse("orgs:binding_end", args=[cast.unit.pk, 1]),
            lambda: of.DecisionForm,
        ),
        "orgs:unit_clerks": Target(
            "unit_admin",
            lambda cast: reverse("orgs:unit_clerks", args=[cast.unit.pk]),
            lambda: of.ClerkForm,
        ),
        "orgs:unit_join": Target(
            "same_code_legal", lambda cast: reverse("orgs:unit_join"), lambda: of.JoinRequestForm
        ),
        "orgs:join_decide": Target(
            "unit_admin",
            lambda cast: reverse("orgs:join_decide", args=[cast.unit.pk, _join(cast).pk]),
            lambda: of.DecisionForm,
        ),
        "orgs:handover": Target(
            "hr_reviewer",
            lambda cast: reverse("orgs:handover", args=[_hr(cast).pk, _orphan(cast).pk]),
            lambda: of.HandoverForm,
        ),
        "orgs:registration_decide": Target(
            "hr_reviewer",
            lambda cast: reverse("orgs:registration_decide", args=[_hr(cast).pk, 1]),
            lambda: of.DecisionForm,
        ),
    }


def _integrity_targets() -> dict[str, Target]:
    from zhicheng.integrity import forms as itf
    from zhicheng.integrity.tests.access_rows import _record

    return {
        "integrity:record_create": Target(
            "hr_reviewer",
            lambda cast: reverse("integrity:record_create", args=[_hr(cast).pk]),
            lambda: itf.RecordForm,
        ),
        "integrity:record_end": Target(
            "hr_reviewer",
            lambda cast: reverse("integrity:record_end", args=[_hr(cast).pk, _record(cast).pk]),
            lambda: itf.EndForm,
        ),
    }


def targets() -> dict[str, Target]:
    return {**_library_targets(), **_plan_targets(), **_org_targets(), **_integrity_targets()}


def _field_names(target: Target) -> list[str]:
    form_class = target.form()
    return [*form_class.base_fields, *target.extra]


def _is_multi(target: Target, name: str) -> bool:
    field_ = target.form().base_fields.get(name)
    if name == "binding":
        return True
    return isinstance(field_, forms.MultipleChoiceField) or isinstance(
        getattr(field_, "widget", None), forms.MultipleHiddenInput
    )


def _user(cast: Any, role: str) -> Any:
    from zhicheng.core.tests.factories import LegalPersonFactory

    if role == "unregistered_legal":
        return LegalPersonFactory(unit_name="未注册的公司")
    if role == "same_code_legal":
        return LegalPersonFactory(unit_name=cast.unit.name, credit_code=cast.unit.credit_code)
    return cast.role(role)


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(targets()))
def test_random_values_never_give_a_server_error(name: str, cast: Any) -> None:
    target = targets()[name]
    client = Client()
    client.force_login(_user(cast, target.role))
    url = target.url(cast)
    names = _field_names(target)
    multi = {n for n in names if _is_multi(target, n)}
    files = set(target.files)

    @settings(
        max_examples=12,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(
        values=st.fixed_dictionaries(
            {},
            optional={
                n: st.lists(VALUES, max_size=3) if n in multi else VALUES
                for n in names
                if n not in files
            },
        ),
        content=st.sampled_from([b"", b"%PDF-1.7\n", b"\x89PNG\r\n\x1a\n", b"PK\x03\x04", b"x"]),
    )
    def post(values: dict[str, Any], content: bytes) -> None:
        data: dict[str, Any] = dict(values)
        for file_field in files:
            data[file_field] = SimpleUploadedFile("a.pdf", content)
        response = client.post(url, data)
        assert response.status_code < 500, (values, response.status_code)

    post()


def test_every_form_view_is_fuzzed() -> None:
    """Every view of ours that reads request.POST has a target here."""
    import inspect

    from zhicheng.core.tests.test_access_matrix import our_url_names
    from zhicheng.core.tests.test_input_bounds import NOT_YET_GUARDED

    covered = {name.rsplit(":", 1)[0] if name.count(":") > 1 else name for name in targets()}
    missing = []
    for name in sorted(our_url_names()):
        callback = _callback_by_name(name)
        if callback is None:
            continue
        if inspect.unwrap(callback).__module__.startswith(NOT_YET_GUARDED):
            continue
        source = inspect.getsource(inspect.unwrap(callback))
        if "request.POST" in source and name not in covered:
            missing.append(name)
    assert not missing, f"form views without a fuzz target: {missing}"


def _callback_by_name(name: str) -> Any:
    from django.urls import URLPattern, URLResolver, get_resolver

    def walk(patterns: list[Any], namespace: str) -> Any:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                found = walk(pattern.url_patterns, inner)
                if found is not None:
                    return found
            elif isinstance(pattern, URLPattern) and f"{namespace}{pattern.name}" == name:
                return pattern.callback
        return None

    return walk(get_resolver().url_patterns, "")
