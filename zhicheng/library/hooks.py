"""Extension points of the library, registered by higher apps (see `zhicheng.core.hooks`)."""

from zhicheng.core.hooks import Hook

from .models import Entry

# Labels of the applications that use an entry (an empty list: none does). While one does, the
# entry can be neither edited nor deleted. A registered function is only sound if importing an
# entry into an application locks the entry row first, as `entry_delete` does.
entry_used_by: Hook[[Entry], list[str]] = Hook("library.entry_used_by")
