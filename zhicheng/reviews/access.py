"""Who may see and decide which application in the review. One condition per line; views only call
these. Another organization's (or another plan's) application is a 404, never a 403."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404

from zhicheng.applications.models import Application, ApplicationAttachment, ImportedEntry
from zhicheng.library.models import EntryAttachment
from zhicheng.plans.models import ReviewPlan

from . import selectors
from .models import ExemptionEvidence, Publicity, ReviewMeeting
from .selectors import ReviewDesk


def access_any_desk(user: Any) -> list[ReviewDesk]:
    desks = selectors.review_desks(user=user)
    if not desks:
        raise PermissionDenied("您的账号没有评审工作")
    return desks


def access_desk(user: Any, org_id: int) -> ReviewDesk:
    for desk in selectors.review_desks(user=user):
        if desk.organization.pk == org_id:
            return desk
    raise Http404("没有找到该机构")


def access_organizer_desk(user: Any, org_id: int) -> ReviewDesk:
    desk = access_desk(user, org_id)
    if not desk.is_organizer:
        raise Http404("没有找到该机构")
    return desk


def access_unit_desk(user: Any, org_id: int) -> ReviewDesk:
    desk = access_desk(user, org_id)
    if not desk.is_unit:
        raise Http404("没有找到该机构")
    return desk


def access_issuer_desk(user: Any, org_id: int) -> ReviewDesk:
    desk = access_desk(user, org_id)
    if not desk.issuer:
        raise Http404("没有找到该机构")
    return desk


def access_desk_application(
    user: Any, org_id: int, application_id: int
) -> tuple[ReviewDesk, Application]:
    """An application that reached this desk (waiting here or decided here), or 404."""
    desk = access_desk(user, org_id)
    if not selectors.application_seen_by(desk=desk, application_id=application_id):
        raise Http404("没有找到该申报")
    application = (
        Application.objects.filter(pk=application_id)
        .select_related(
            "plan", "plan__committee", "plan__organizer", "specialty", "standard", "person", "unit"
        )
        .first()
    )
    if application is None:
        raise Http404("没有找到该申报")
    return desk, application


def access_desk_attachment(application: Application, attachment_id: int) -> ApplicationAttachment:
    attachment = ApplicationAttachment.objects.filter(
        pk=attachment_id, application=application
    ).first()
    if attachment is None:
        raise Http404("没有找到该附件")
    return attachment


def access_desk_entry_file(application: Application, item_id: int, file_id: int) -> EntryAttachment:
    item = ImportedEntry.objects.filter(pk=item_id, application=application).first()
    if item is None or item.entry_id is None or not any(f.get("id") == file_id for f in item.files):
        raise Http404("没有找到该附件")
    attachment = EntryAttachment.objects.filter(pk=file_id, entry_id=item.entry_id).first()
    if attachment is None:
        raise Http404("附件已不存在")
    return attachment


def access_organizer_plan(desk: ReviewDesk, plan_id: int) -> ReviewPlan:
    plan = ReviewPlan.objects.filter(pk=plan_id, organizer=desk.organization).first()
    if plan is None:
        raise Http404("没有找到该评审计划")
    return plan


def access_meeting(desk: ReviewDesk, meeting_id: int) -> ReviewMeeting:
    meeting = (
        ReviewMeeting.objects.filter(pk=meeting_id, plan__organizer=desk.organization)
        .select_related("plan", "plan__committee")
        .first()
    )
    if meeting is None:
        raise Http404("没有找到该评审会议")
    return meeting


def access_publicity(desk: ReviewDesk, publicity_id: int) -> Publicity:
    publicity = (
        Publicity.objects.filter(pk=publicity_id, organization=desk.organization)
        .select_related("plan", "organization")
        .first()
    )
    if publicity is None:
        raise Http404("没有找到该公示")
    return publicity


def access_own_reviewed(user: Any, application_id: int) -> Application:
    """The person's own application once submitted (it has a review case)."""
    application = (
        Application.objects.filter(pk=application_id, person_id=user.pk, review_cases__isnull=False)
        .exclude(status=Application.Status.DELETED)
        .select_related(
            "plan", "plan__committee", "plan__organizer", "specialty", "standard", "person", "unit"
        )
        .distinct()
        .first()
    )
    if application is None:
        raise Http404("没有找到该职称申报")
    return application


def access_own_application(user: Any, application_id: int) -> Application:
    """The person's own application in any state but 已删除 (导出申报信息 before submission too)."""
    application = (
        Application.objects.filter(pk=application_id, person_id=user.pk)
        .exclude(status=Application.Status.DELETED)
        .select_related("plan", "plan__committee", "specialty", "standard", "person", "unit")
        .first()
    )
    if application is None:
        raise Http404("没有找到该职称申报")
    return application


def access_exemption_file(desk: ReviewDesk, exemption_id: int, file_id: int) -> ExemptionEvidence:
    found = ExemptionEvidence.objects.filter(
        pk=file_id,
        exemption_id=exemption_id,
        exemption__application__plan__organizer=desk.organization,
    ).first()
    if found is None:
        raise Http404("没有找到该材料")
    return found
