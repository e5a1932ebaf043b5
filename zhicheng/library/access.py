"""Who may see and change which entry and file. One condition per line; views only call these."""

from typing import Any

from django.http import Http404

# A unit whose people's entries this user reviews is one they act for: orgs.access decides.
from zhicheng.orgs.access import access_acting_unit
from zhicheng.orgs.models import Organization

from . import selectors
from .models import Entry, EntryAttachment


def access_own_entry(user: Any, entry_id: int) -> Entry:
    """The person's own entry, with attachments and events; anyone else's is a 404."""
    entry = selectors.person_entry(person=user, entry_id=entry_id)
    if entry is None:
        raise Http404("没有找到该业绩")
    return entry


def access_own_attachment(user: Any, attachment_id: int) -> EntryAttachment:
    attachment = (
        EntryAttachment.objects.filter(pk=attachment_id, entry__person=user)
        .select_related("entry")
        .first()
    )
    if attachment is None:
        raise Http404("没有找到该附件")
    return attachment


def access_unit_entry(user: Any, org_id: int, entry_id: int) -> tuple[Organization, Entry]:
    """An entry submitted to a unit the user acts for, by someone still bound to it; another
    unit's entry, or a former employee's, is a 404."""
    unit = access_acting_unit(user, org_id)
    entry = selectors.unit_entry(unit=unit, entry_id=entry_id)
    if entry is None:
        raise Http404("没有找到该业绩")
    return unit, entry


def access_unit_attachment(user: Any, org_id: int, attachment_id: int) -> EntryAttachment:
    """A file of an entry the unit may see (selectors.unit_entries: its current staff's)."""
    unit = access_acting_unit(user, org_id)
    attachment = selectors.unit_attachment(unit=unit, attachment_id=attachment_id)
    if attachment is None:
        raise Http404("没有找到该附件")
    return attachment
