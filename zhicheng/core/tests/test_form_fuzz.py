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
    # Posted as they are with every example (which of a page's forms is meant, say).
    fixed: Callable[[Any], dict[str, str]] = field(default=lambda cast: {})


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


def _application(cast: Any) -> Any:
    """cast.applicant's complete application, 填报中, with a title, an appointment, imports and
    files (made once per test)."""
    existing = getattr(cast, "_fuzz_application", None)
    if existing is not None:
        return existing
    from zhicheng.applications import services
    from zhicheng.applications.tests.factories import complete, start, upload, world

    w = world(cast)
    application = complete(w, start(w))
    title = application.titles.get()
    services.title_document_add(title=title, checked=upload("证书.png"), actor=w.person)
    cast._fuzz_application = application
    return application


def _unpledged(cast: Any) -> Any:
    """An application of applicant2 that waits for its 诚信承诺书."""
    existing = getattr(cast, "_fuzz_unpledged", None)
    if existing is not None:
        return existing
    from zhicheng.applications import services
    from zhicheng.applications.tests.factories import world

    w = world(cast, person=cast.applicant2)
    cast._fuzz_unpledged = services.application_start(
        person=w.person,
        plan=w.plan,
        apply_form="regular",
        specialty_id=w.plain.pk,
        title="高级工程师",
        standard_id=w.standard.pk,
        confirmed=True,
        actor=w.person,
    )
    return cast._fuzz_unpledged


def _app_url(name: str, **parts: Callable[[Any], Any]) -> Callable[[Any], str]:
    def url(cast: Any) -> str:
        application = _application(cast)
        kwargs = {key: make(application) for key, make in parts.items()}
        return reverse(name, kwargs={"application_id": application.pk, **kwargs})

    return url


def _application_targets() -> dict[str, Target]:
    from zhicheng.applications import forms as apf
    from zhicheng.applications.series_fields import fields_for
    from zhicheng.plans.tests.factories import PlanFactory

    info = tuple(f"info_{f.name}" for f in fields_for(PlanFactory._meta.declarations["series"]))
    title = {"title_id": lambda a: a.titles.get().pk}
    item = {"item_id": lambda a: a.imports.order_by("pk").first().pk}
    return {
        "applications:choose": Target(
            "applicant",
            lambda cast: reverse("applications:choose", args=[_application(cast).plan_id]),
            lambda: apf.ChooseForm,
        ),
        "applications:pledge": Target(
            "applicant2",
            lambda cast: reverse("applications:pledge", args=[_unpledged(cast).pk]),
            lambda: apf.PledgeForm,
        ),
        "applications:basic_save": Target(
            "applicant", _app_url("applications:basic_save"), lambda: apf.BasicForm, extra=info
        ),
        "applications:specialty_change": Target(
            "applicant", _app_url("applications:specialty_change"), lambda: apf.SpecialtyChangeForm
        ),
        "applications:photo": Target(
            "applicant", _app_url("applications:photo"), lambda: apf.PhotoForm, files=("photo",)
        ),
        "applications:title_create": Target(
            "applicant", _app_url("applications:title_create"), lambda: apf.TitleForm
        ),
        "applications:title_edit": Target(
            "applicant", _app_url("applications:title_edit", **title), lambda: apf.TitleForm
        ),
        "applications:title_move": Target(
            "applicant",
            _app_url("applications:title_move", **title),
            lambda: forms.Form,
            extra=("direction",),
        ),
        "applications:appointment_add": Target(
            "applicant",
            _app_url("applications:appointment_add", **title),
            lambda: apf.AppointmentForm,
        ),
        "applications:title_document_upload": Target(
            "applicant",
            _app_url("applications:title_document_upload", **title),
            lambda: apf.UploadForm,
            files=("file",),
        ),
        "applications:import:work": Target(
            "applicant",
            _app_url("applications:import", section=lambda a: "work"),
            lambda: apf.ImportForm,
        ),
        "applications:import:performance": Target(
            "applicant",
            _app_url("applications:import", section=lambda a: "performance"),
            lambda: apf.ImportForm,
            extra=("category",),
        ),
        "applications:item_move": Target(
            "applicant",
            _app_url("applications:item_move", **item),
            lambda: forms.Form,
            extra=("direction",),
        ),
        "applications:item_mark": Target(
            "applicant", _app_url("applications:item_mark", **item), lambda: apf.MarkForm
        ),
        "applications:attachment_upload": Target(
            "applicant",
            _app_url("applications:attachment_upload", slot_id=lambda a: a.plan.slots.first().pk),
            lambda: apf.UploadForm,
            files=("file",),
        ),
        "applications:attachment_rename": Target(
            "applicant",
            lambda cast: reverse(
                "applications:attachment_rename",
                args=[_application(cast).attachments.order_by("pk").first().pk],
            ),
            lambda: apf.RenameForm,
        ),
        "applications:extra_save": Target(
            "applicant",
            _app_url("applications:extra_save"),
            lambda: apf.TransferForm,  # a 常规申报 posts to the 转评 form
            extra=tuple(apf.ExceptionalForm.base_fields),
        ),
    }


def _reviews(cast: Any) -> dict[str, Any]:
    """The whole route above cast.unit; cast.applicant's application waiting at the unit, with
    its 单位公示, a meeting, an interview and a 免面试 request (made once per test)."""
    found = getattr(cast, "_fuzz_reviews", None)
    if found is not None:
        return found  # type: ignore[no-any-return]
    from django.utils import timezone

    from zhicheng.reviews import services
    from zhicheng.reviews.models import ReviewMeeting
    from zhicheng.reviews.tests.factories import chain, submitted, unit_publicity
    from zhicheng.reviews.tests.test_arrangements import evidence

    c = chain(cast)
    c.world.plan.has_interview = True
    c.world.plan.save(update_fields=["has_interview"])
    application = submitted(c)
    unit_publicity(c, [application])
    meeting = ReviewMeeting.objects.create(
        plan=c.world.plan,
        held_on=timezone.localdate(),
        place="会议室",
        members=9,
        created_by=cast.organizer,
    )
    meeting.applications.add(application)
    services.arrangement_set(
        application=application,
        kind="interview",
        starts_at=timezone.now(),
        place="面试室",
        seat="1",
        actor=cast.organizer,
    )
    services.exemption_request(
        application=application, reason="理由", evidence=[evidence()], actor=cast.applicant
    )
    found = {"chain": c, "application": application, "meeting": meeting}
    cast._fuzz_reviews = found
    return found


def _review_targets() -> dict[str, Target]:
    from zhicheng.reviews import forms as rf

    def unit(name: str, *, application: bool = False) -> Callable[[Any], str]:
        def url(cast: Any) -> str:
            args = [cast.unit.pk]
            if application:
                args.append(_reviews(cast)["application"].pk)
            return reverse(name, args=args)

        return url

    def organizer(name: str) -> Callable[[Any], str]:
        return lambda cast: reverse(name, args=[_reviews(cast)["chain"].organizer_org.pk])

    def plan(cast: Any) -> dict[str, str]:
        return {"plan": str(_reviews(cast)["chain"].world.plan.pk)}

    def arrangement(action: str) -> Callable[[Any], dict[str, str]]:
        return lambda cast: {**plan(cast), "action": action}

    return {
        "reviews:detail": Target(
            "unit_admin",
            unit("reviews:detail", application=True),
            lambda: rf.DecisionForm,
            extra=("next",),
        ),
        "reviews:pass_many": Target(
            "unit_admin", unit("reviews:pass_many"), lambda: rf.BatchForm, extra=("next",)
        ),
        "reviews:unit_publicity": Target(
            "unit_admin", unit("reviews:unit_publicity"), lambda: rf.UnitPublicityForm
        ),
        "reviews:meetings": Target(
            "organizer", organizer("reviews:meetings"), lambda: rf.MeetingForm, fixed=plan
        ),
        "reviews:meetings:any_plan": Target(
            "organizer", organizer("reviews:meetings"), lambda: rf.MeetingForm, extra=("plan",)
        ),
        "reviews:meeting": Target(
            "organizer",
            lambda cast: reverse(
                "reviews:meeting",
                args=[_reviews(cast)["chain"].organizer_org.pk, _reviews(cast)["meeting"].pk],
            ),
            lambda: rf.VoteForm,
        ),
        "reviews:results": Target(
            "organizer", organizer("reviews:results"), lambda: rf.PeriodForm, fixed=plan
        ),
        "reviews:approvals": Target(
            "issuer",
            lambda cast: reverse("reviews:approvals", args=[_hr(cast).pk]),
            lambda: rf.ApproveForm,
        ),
        "reviews:arrangements:one": Target(
            "organizer",
            organizer("reviews:arrangements"),
            lambda: rf.ArrangementForm,
            fixed=arrangement("one"),
        ),
        "reviews:arrangements:import": Target(
            "organizer",
            organizer("reviews:arrangements"),
            lambda: rf.ArrangementImportForm,
            files=("file",),
            fixed=arrangement("import"),
        ),
        "reviews:arrangements:exemption": Target(
            "organizer",
            organizer("reviews:arrangements"),
            lambda: rf.ExemptionDecisionForm,
            fixed=arrangement("exemption"),
        ),
        "reviews:arrangements:any": Target(
            "organizer",
            organizer("reviews:arrangements"),
            lambda: rf.ArrangementForm,
            extra=("action", "plan", *rf.ExemptionDecisionForm.base_fields),
        ),
        "reviews:mine_exemption": Target(
            "applicant",
            lambda cast: reverse("reviews:mine_exemption", args=[_reviews(cast)["application"].pk]),
            lambda: rf.ExemptionForm,
            files=("evidence",),
        ),
    }


def _certificate(cast: Any, *, photo: bool = True) -> Any:
    from zhicheng.certificates.tests.factories import issue

    key = f"_fuzz_certificate_{photo}"
    if getattr(cast, key, None) is None:
        setattr(cast, key, issue(cast, photo=photo))
    return getattr(cast, key)


def _replacement(cast: Any) -> Any:
    from zhicheng.certificates.tests.factories import submit_replacement

    if getattr(cast, "_fuzz_replacement", None) is None:
        cast._fuzz_replacement = submit_replacement(cast)
    return cast._fuzz_replacement


def _certificate_targets() -> dict[str, Target]:
    from zhicheng.accounts import forms as af
    from zhicheng.certificates import forms as cf
    from zhicheng.certificates.tests.factories import issuer_org

    def own(name: str, *, photo: bool = True) -> Callable[[Any], str]:
        return lambda cast: reverse(name, args=[_certificate(cast, photo=photo).pk])

    return {
        "certificates:photo": Target(
            "applicant",
            own("certificates:photo", photo=False),
            lambda: af.PhotoForm,
            files=("photo",),
        ),
        "certificates:share_create": Target(
            "applicant", own("certificates:share_create"), lambda: cf.ShareForm
        ),
        "certificates:replacement_new": Target(
            "applicant", _replacement_new_url, lambda: cf.ReplacementForm, files=("files",)
        ),
        "certificates:replacement_for": Target(
            "applicant", _replacement_for_url, lambda: cf.ReplacementForm, files=("files",)
        ),
        "certificates:verify": Target(
            "anonymous",
            lambda cast: reverse("certificates:verify", args=[_certificate(cast).number]),
            lambda: cf.VerifyFileForm,
            files=("file",),
        ),
        "certificates:issuer_revoke": Target(
            "issuer",
            lambda cast: reverse(
                "certificates:issuer_revoke", args=[issuer_org(cast).pk, _certificate(cast).pk]
            ),
            lambda: cf.RevokeForm,
        ),
        "certificates:issuer_import": Target(
            "issuer",
            lambda cast: reverse("certificates:issuer_import", args=[issuer_org(cast).pk]),
            lambda: cf.ImportForm,
            files=("file",),
        ),
        "certificates:issuer_results_generate": Target(
            "issuer",
            lambda cast: reverse(
                "certificates:issuer_results_generate", args=[issuer_org(cast).pk]
            ),
            lambda: cf.ResultsGenerateForm,
        ),
        "certificates:review_detail": Target(
            "unit_admin",
            lambda cast: reverse(
                "certificates:review_detail", args=[cast.unit.pk, _replacement(cast).pk]
            ),
            lambda: cf.DecisionForm,
        ),
    }


def _replacement_new_url(cast: Any) -> str:
    from zhicheng.library.tests.factories import bind

    bind(cast.applicant, cast.unit)  # 补换证 is first reviewed by the person's unit
    return reverse("certificates:replacement_new")


def _replacement_for_url(cast: Any) -> str:
    from zhicheng.library.tests.factories import bind

    bind(cast.applicant, cast.unit)
    return reverse("certificates:replacement_for", args=[_certificate(cast).pk])


def targets() -> dict[str, Target]:
    return {
        **_library_targets(),
        **_plan_targets(),
        **_org_targets(),
        **_application_targets(),
        **_review_targets(),
        **_certificate_targets(),
        **_integrity_targets(),
    }


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
    user = _user(cast, target.role)
    if user is not None:  # "anonymous": a public page
        client.force_login(user)
    url = target.url(cast)
    fixed = target.fixed(cast)
    names = [n for n in _field_names(target) if n not in fixed]
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
        data: dict[str, Any] = {**values, **fixed}
        for file_field in files:
            data[file_field] = SimpleUploadedFile("a.pdf", content)
        response = client.post(url, data)
        assert response.status_code < 500, (values, response.status_code)

    post()


def test_every_form_view_is_fuzzed() -> None:
    """Every view of ours that reads request.POST has a target here."""
    import inspect

    from zhicheng.core.tests.test_access_matrix import our_url_names

    covered = {name.rsplit(":", 1)[0] if name.count(":") > 1 else name for name in targets()}
    missing = []
    for name in sorted(our_url_names()):
        callback = _callback_by_name(name)
        if callback is None:
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
