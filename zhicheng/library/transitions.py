"""The state graph of a library entry (DESIGN §4), on one screen."""

from .models import Entry

EntryStatus = Entry.Status
ALLOWED: dict[str, set[str]] = {
    # 提交审核: to the person's approved unit.
    EntryStatus.DRAFT: {EntryStatus.SUBMITTED},
    # The unit approves, or returns it with an opinion; or the person withdraws it (撤回) to change it.
    EntryStatus.SUBMITTED: {EntryStatus.APPROVED, EntryStatus.RETURNED, EntryStatus.DRAFT},
    # A returned entry is resubmitted as it is, or changed — its fields or its files — which makes
    # it a draft again.
    EntryStatus.RETURNED: {EntryStatus.DRAFT, EntryStatus.SUBMITTED},
    # Approved entries are read-only; they may only be deleted while no application uses them.
    EntryStatus.APPROVED: set(),
}
