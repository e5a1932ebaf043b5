from django.contrib import admin
from django.urls import include, path

from zhicheng.accounts import views as account_views
from zhicheng.core import views as core_views

admin.site.site_header = "职称申报评审平台 · 系统管理"
admin.site.site_title = "系统管理"
admin.site.index_title = "系统管理"
# The admin has no login form of its own: its form would bypass the lockout and TOTP.
admin.site.login = account_views.admin_login  # type: ignore[assignment]

urlpatterns = [
    path("", account_views.root, name="root"),
    path("", include("zhicheng.accounts.urls")),
    path("", include("zhicheng.portal.urls")),
    path("", include("zhicheng.orgs.urls")),
    path("", include("zhicheng.plans.urls")),
    path("", include("zhicheng.library.urls")),
    path("", include("zhicheng.integrity.urls")),
    path("", include("zhicheng.certificates.urls")),
    path("applications/", include("zhicheng.applications.urls")),
    path("reviews/", include("zhicheng.reviews.urls")),
    path("audit/", include("zhicheng.audit.urls")),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    path("healthz", core_views.healthz, name="healthz"),
]

handler400 = "zhicheng.core.views.bad_request"
handler403 = "zhicheng.core.views.permission_denied"
handler404 = "zhicheng.core.views.page_not_found"
handler500 = "zhicheng.core.views.server_error"

# Uploaded files (photos, attachments) are personal data: never served from MEDIA_URL, only
# through views that check who asks.
