from django.urls import path

from . import views

app_name = "certificates"

urlpatterns = [
    # 我的职称 (the person)
    path("me/titles/", views.mine, name="mine"),
    path("me/titles/<int:pk>/", views.detail, name="detail"),
    path("me/titles/<int:pk>/status/", views.status, name="status"),
    path("me/titles/<int:pk>/download/", views.download, name="download"),
    path("me/titles/<int:pk>/pdf/", views.pdf, name="pdf"),
    path("me/titles/<int:pk>/photo/", views.photo, name="photo"),
    path("me/titles/<int:pk>/share/", views.share_create, name="share_create"),
    path("me/titles/<int:pk>/replace/", views.replacement_for, name="replacement_for"),
    path("me/shares/<int:pk>/revoke/", views.share_revoke, name="share_revoke"),
    path("me/replacements/new/", views.replacement_new, name="replacement_new"),
    path("me/replacements/<int:pk>/", views.replacement, name="replacement"),
    path(
        "me/replacements/<int:pk>/files/<int:file_id>/",
        views.replacement_file,
        name="replacement_file",
    ),
    # Public: the QR code's page, share links, the JSON endpoint and its description.
    path("v/<str:number>/", views.verify, name="verify"),
    path("s/<str:token>/", views.shared, name="shared"),
    path("api/certificates/openapi.json", views.api_schema, name="api_schema"),
    path("api/certificates/<str:key>", views.api_verify, name="api_verify"),
    # 发证机关
    path("issuer/", views.issuer_home, name="issuer_home"),
    path("issuer/<int:org_id>/certificates/", views.issuer_list, name="issuer_list"),
    path("issuer/<int:org_id>/certificates/<int:pk>/", views.issuer_detail, name="issuer_detail"),
    path("issuer/<int:org_id>/certificates/<int:pk>/pdf/", views.issuer_pdf, name="issuer_pdf"),
    path(
        "issuer/<int:org_id>/certificates/<int:pk>/revoke/",
        views.issuer_revoke,
        name="issuer_revoke",
    ),
    path("issuer/<int:org_id>/results/", views.issuer_results, name="issuer_results"),
    path(
        "issuer/<int:org_id>/results/generate/",
        views.issuer_results_generate,
        name="issuer_results_generate",
    ),
    path("issuer/<int:org_id>/import/", views.issuer_import, name="issuer_import"),
    path(
        "issuer/<int:org_id>/import/template/",
        views.issuer_import_template,
        name="issuer_import_template",
    ),
    path("issuer/<int:org_id>/batches/<int:pk>/", views.issuer_batch, name="issuer_batch"),
    path(
        "issuer/<int:org_id>/batches/<int:pk>/file/",
        views.issuer_batch_file,
        name="issuer_batch_file",
    ),
    path("issuer/<int:org_id>/zip/", views.issuer_zip, name="issuer_zip"),
    path("issuer/<int:org_id>/export.<str:fmt>", views.issuer_export, name="issuer_export"),
    # 补换证 review at each node of the route
    path("replacements/<int:org_id>/", views.review_queue, name="review_queue"),
    path("replacements/<int:org_id>/<int:pk>/", views.review_detail, name="review_detail"),
    path(
        "replacements/<int:org_id>/<int:pk>/files/<int:file_id>/",
        views.review_file,
        name="review_file",
    ),
]
