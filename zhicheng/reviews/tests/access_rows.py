"""Access-matrix rows for the reviews app (see zhicheng/core/tests/test_access_matrix.py).

The URLs point at `cast.applicant`'s application, submitted through the whole route above
`cast.unit` (reviews.tests.factories.chain) and waiting at the unit: at the unit desk only the
unit's 法人 (`unit_admin`) and its 经办人 (`clerk`) see it, another unit's admin gets 404; the
organizer's pages are theirs alone (the second organizer: 404), the issuer's likewise (a 发证审核人
of another 人社部门: 404); the applicant sees their own 流程 (another person: 404). A desk that
exists but to which the application was not routed (another unit, another 主管部门 or county, a
node it has not reached yet) is tested in test_pages.py: the matrix has one URL per row.
"""

from collections.abc import Callable
from typing import Any

from django.urls import reverse

from zhicheng.conftest import FOREIGN_ROLES, NAMED_FOREIGN_ROLES, ROLES

A, P, N, U, D, H, O, I, AU, AD, X = ROLES  # noqa: E741
P2, U2, C, O2 = FOREIGN_ROLES
(I2,) = NAMED_FOREIGN_ROLES

UNIT_PAGE = {U: 200, C: 200, U2: 404, A: 302, N: 302, "*": 404}
ORGANIZER_PAGE = {O: 200, O2: 404, A: 302, N: 302, "*": 404}
ISSUER_PAGE = {I: 200, I2: 404, A: 302, N: 302, "*": 404}
OWN_PAGE = {P: 200, P2: 404, C: 404, A: 302, N: 302, "*": 404}

ROWS: dict[str, dict[str, Any]] = {
    "reviews:index": {U: 200, C: 200, D: 200, H: 200, O: 200, I: 200, A: 302, N: 302, "*": 403},
    "reviews:queue": UNIT_PAGE,
    # POST-only; the ticked ids are looked up among the desk's own steps.
    "reviews:pass_many": {
        A: 302,
        N: 302,
        "*": 405,
        "POST": {U: 302, C: 302, U2: 404, A: 302, N: 302, "*": 404},
    },  # fmt: skip
    "reviews:detail": UNIT_PAGE,
    "reviews:review_form": UNIT_PAGE,
    "reviews:attachment": UNIT_PAGE,
    "reviews:entry_file": UNIT_PAGE,
    "reviews:unit_publicity": UNIT_PAGE,
    "reviews:publicity_list": UNIT_PAGE,
    "reviews:meetings": ORGANIZER_PAGE,
    "reviews:meeting": ORGANIZER_PAGE,
    "reviews:results": ORGANIZER_PAGE,
    "reviews:approvals": ISSUER_PAGE,
    "reviews:mine": OWN_PAGE,
    "reviews:mine_review_form": OWN_PAGE,
    "reviews:document": UNIT_PAGE,
    "reviews:arrangements": ORGANIZER_PAGE,
    "reviews:overview": UNIT_PAGE,
    "reviews:exemption_file": ORGANIZER_PAGE,
    "reviews:mine_exemption": OWN_PAGE,
    "reviews:mine_ticket": OWN_PAGE,
    "reviews:mine_document": OWN_PAGE,
}


def _setup(cast: Any) -> dict[str, Any]:
    """Once per test: the chain, a submitted application with its 单位公示, and a meeting."""
    found = getattr(cast, "_reviews_setup", None)
    if found is not None:
        return found  # type: ignore[no-any-return]
    from django.utils import timezone

    from zhicheng.applications.models import Application, ApplicationAttachment, ImportedEntry
    from zhicheng.applications.services import application_submit
    from zhicheng.orgs.models import Membership
    from zhicheng.reviews.models import ReviewMeeting
    from zhicheng.reviews.tests.factories import chain, submitted, unit_publicity

    c = chain(cast)
    c.world.plan.has_interview = True
    c.world.plan.save(update_fields=["has_interview"])
    # Where the applications' rows made the applicant's (complete) application already, as when
    # a test walks every URL at once, that one goes on the route: one application per year.
    existing = Application.objects.filter(person=cast.applicant, status="draft").first()
    if existing is not None:
        existing.plan.has_interview = True
        existing.plan.save(update_fields=["has_interview"])
        application = application_submit(application=existing, actor=cast.applicant)
    else:
        application = submitted(c)
    publicity = unit_publicity(c, [application])
    meeting = ReviewMeeting.objects.create(
        plan=c.world.plan,
        held_on=timezone.localdate(),
        place="会议室",
        members=9,
        created_by=cast.organizer,
    )
    from zhicheng.reviews import services
    from zhicheng.reviews.models import Exemption
    from zhicheng.reviews.tests.test_arrangements import evidence

    arrangement = services.arrangement_set(
        application=application,
        kind="interview",
        starts_at=timezone.now(),
        place="面试室",
        seat="1",
        actor=cast.organizer,
    )
    exemption: Exemption = services.exemption_request(
        application=application, reason="理由", evidence=[evidence()], actor=cast.applicant
    )
    item = ImportedEntry.objects.filter(application=application).exclude(files=[]).first()
    assert item is not None
    found = {
        "application": application,
        "publicity": publicity,
        "meeting": meeting,
        "attachment": ApplicationAttachment.objects.filter(application=application).first(),
        "item": item,
        "organizer_org": c.organizer_org,
        "arrangement": arrangement,
        "exemption": exemption,
        "issuer_org": Membership.objects.get(user=cast.issuer).organization,
    }
    cast._reviews_setup = found
    return found


def _unit(name: str, *extra: str) -> Callable[[Any], str]:
    def url(cast: Any) -> str:
        s = _setup(cast)
        args: list[Any] = [cast.unit.pk]
        for what in extra:
            if what == "application":
                args.append(s["application"].pk)
            elif what == "attachment":
                args.append(s["attachment"].pk)
            elif what == "item":
                args += [s["item"].pk, s["item"].files[0]["id"]]
            elif what == "summary":
                args.append("summary-xlsx")
            elif what == "publicity":
                args += [s["publicity"].pk, "pdf"]
        return reverse(name, args=args)

    return url


URLS: dict[str, Callable[[Any], str]] = {
    "reviews:queue": _unit("reviews:queue"),
    "reviews:pass_many": _unit("reviews:pass_many"),
    "reviews:detail": _unit("reviews:detail", "application"),
    "reviews:review_form": _unit("reviews:review_form", "application"),
    "reviews:attachment": _unit("reviews:attachment", "application", "attachment"),
    "reviews:entry_file": _unit("reviews:entry_file", "application", "item"),
    "reviews:unit_publicity": _unit("reviews:unit_publicity"),
    "reviews:overview": _unit("reviews:overview"),
    "reviews:publicity_list": _unit("reviews:publicity_list", "publicity"),
    "reviews:meetings": lambda cast: reverse(
        "reviews:meetings", args=[_setup(cast)["organizer_org"].pk]
    ),
    "reviews:meeting": lambda cast: reverse(
        "reviews:meeting", args=[_setup(cast)["organizer_org"].pk, _setup(cast)["meeting"].pk]
    ),
    "reviews:results": lambda cast: reverse(
        "reviews:results", args=[_setup(cast)["organizer_org"].pk]
    ),
    "reviews:approvals": lambda cast: reverse(
        "reviews:approvals", args=[_setup(cast)["issuer_org"].pk]
    ),
    "reviews:document": _unit("reviews:document", "application", "summary"),
    "reviews:mine_document": lambda cast: reverse(
        "reviews:mine_document", args=[_setup(cast)["application"].pk, "summary-pdf"]
    ),
    "reviews:arrangements": lambda cast: reverse(
        "reviews:arrangements", args=[_setup(cast)["organizer_org"].pk]
    ),
    "reviews:exemption_file": lambda cast: reverse(
        "reviews:exemption_file",
        args=[
            _setup(cast)["organizer_org"].pk,
            _setup(cast)["exemption"].pk,
            _setup(cast)["exemption"].evidence.first().pk,
        ],
    ),
    "reviews:mine_exemption": lambda cast: reverse(
        "reviews:mine_exemption", args=[_setup(cast)["application"].pk]
    ),
    "reviews:mine_ticket": lambda cast: reverse(
        "reviews:mine_ticket", args=[_setup(cast)["application"].pk]
    ),
    "reviews:mine": lambda cast: reverse("reviews:mine", args=[_setup(cast)["application"].pk]),
    "reviews:mine_review_form": lambda cast: reverse(
        "reviews:mine_review_form", args=[_setup(cast)["application"].pk]
    ),
}
