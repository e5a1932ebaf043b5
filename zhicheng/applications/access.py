"""Who may see which application, file, imported entry or slot. One condition per line; views only
call these. Someone else's (or a deleted application's) object is a 404, never a 403: ids are not
a way to learn what exists."""

from typing import Any

from django.http import Http404

from zhicheng.library.models import Entry, EntryAttachment
from zhicheng.plans.models import AttachmentSlot, ReviewPlan

from .models import (
    Application,
    ApplicationAttachment,
    Appointment,
    CurrentTitle,
    CurrentTitleDocument,
    ImportedEntry,
)


def access_own_application(user: Any, application_id: int) -> Application:
    """The person's own application (not deleted), with what every page of it shows."""
    application = (
        Application.objects.filter(pk=application_id, person_id=user.pk)
        .exclude(status=Application.Status.DELETED)
        .select_related("plan", "plan__committee", "specialty", "standard", "person", "unit")
        .first()
    )
    if application is None:
        raise Http404("没有找到该职称申报")
    return application


def access_applicable_plan(user: Any, plan_id: int) -> ReviewPlan:
    """A published or closed plan (the service says why a closed one cannot be applied to)."""
    plan = (
        ReviewPlan.objects.filter(pk=plan_id)
        .exclude(status=ReviewPlan.Status.DRAFT)
        .select_related("committee")
        .first()
    )
    if plan is None:
        raise Http404("没有找到该评审计划")
    return plan


def access_slot(application: Application, slot_id: int) -> AttachmentSlot:
    slot = AttachmentSlot.objects.filter(pk=slot_id, plan_id=application.plan_id).first()
    if slot is None:
        raise Http404("没有找到该附件项")
    return slot


def access_attachment(user: Any, attachment_id: int) -> ApplicationAttachment:
    attachment = (
        ApplicationAttachment.objects.filter(pk=attachment_id, application__person_id=user.pk)
        .exclude(application__status=Application.Status.DELETED)
        .select_related("application", "slot")
        .first()
    )
    if attachment is None:
        raise Http404("没有找到该附件")
    return attachment


def access_imported(user: Any, application: Application, item_id: int) -> ImportedEntry:
    item = ImportedEntry.objects.filter(pk=item_id, application=application).first()
    if item is None:
        raise Http404("没有找到该业绩")
    item.application = application
    return item


def access_import_file(item: ImportedEntry, file_id: int) -> EntryAttachment:
    """A file of an imported entry, as recorded at import."""
    if not any(f.get("id") == file_id for f in item.files):
        raise Http404("没有找到该附件")
    attachment = EntryAttachment.objects.filter(pk=file_id, entry_id=item.entry_id or 0).first()
    if attachment is None:
        raise Http404("附件已不存在")
    return attachment


def access_own_entries(user: Any, entry_ids: list[int]) -> list[int]:
    """Every id must be one of the person's library entries (a forged one is a 404)."""
    ids = sorted(set(entry_ids))
    found = Entry.objects.filter(pk__in=ids, person_id=user.pk).count()
    if found != len(ids):
        raise Http404("没有找到所选业绩")
    return ids


def access_title(application: Application, title_id: int) -> CurrentTitle:
    title = CurrentTitle.objects.filter(pk=title_id, application=application).first()
    if title is None:
        raise Http404("没有找到该现有职称")
    title.application = application
    return title


def access_appointment(application: Application, appointment_id: int) -> Appointment:
    appointment = (
        Appointment.objects.filter(pk=appointment_id, title__application=application)
        .select_related("title")
        .first()
    )
    if appointment is None:
        raise Http404("没有找到该评聘情况")
    appointment.title.application = application
    return appointment


def access_title_document(application: Application, document_id: int) -> CurrentTitleDocument:
    document = (
        CurrentTitleDocument.objects.filter(pk=document_id, title__application=application)
        .select_related("title")
        .first()
    )
    if document is None:
        raise Http404("没有找到该文档")
    document.title.application = application
    return document
