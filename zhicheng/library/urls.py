from django.urls import path

from . import views

app_name = "library"

urlpatterns = [
    path("library/", views.index, name="index"),
    path("library/new/<str:kind>/", views.entry_create, name="create"),
    path("library/import/<str:kind>/", views.import_entries, name="import"),
    path("library/import/<str:kind>/template.xlsx", views.import_template, name="template"),
    path("library/submit/", views.entries_submit, name="submit"),
    path("library/<int:entry_id>/", views.entry_detail, name="detail"),
    path("library/<int:entry_id>/edit/", views.entry_edit, name="edit"),
    path("library/<int:entry_id>/delete/", views.entry_delete, name="delete"),
    path("library/<int:entry_id>/withdraw/", views.entry_withdraw, name="withdraw"),
    path("library/<int:entry_id>/attachments/", views.attachment_upload, name="attachment_upload"),
    path("library/files/<int:attachment_id>/", views.attachment_file, name="attachment"),
    path(
        "library/files/<int:attachment_id>/rename/",
        views.attachment_rename,
        name="attachment_rename",
    ),
    path(
        "library/files/<int:attachment_id>/delete/",
        views.attachment_delete,
        name="attachment_delete",
    ),
    path("units/<int:org_id>/library/", views.unit_queue, name="unit_queue"),
    path("units/<int:org_id>/library/approve/", views.unit_approve_many, name="unit_approve_many"),
    path("units/<int:org_id>/library/<int:entry_id>/", views.unit_entry, name="unit_entry"),
    path(
        "units/<int:org_id>/library/files/<int:attachment_id>/",
        views.unit_attachment,
        name="unit_attachment",
    ),
]
