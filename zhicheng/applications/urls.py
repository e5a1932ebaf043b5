from django.urls import path

from . import views

app_name = "applications"

A = "<int:application_id>/"

urlpatterns = [
    path("", views.index, name="index"),
    path("plans/<int:plan_id>/choose/", views.choose, name="choose"),
    path(f"{A}pledge/", views.pledge, name="pledge"),
    path(f"{A}pledge.pdf", views.pledge_template, name="pledge_template"),
    path(f"{A}form/<slug:section>/", views.section, name="section"),
    path(f"{A}basic/", views.basic_save, name="basic_save"),
    path(f"{A}specialty/", views.specialty_change, name="specialty_change"),
    path(f"{A}photo/", views.photo, name="photo"),
    path(f"{A}photo/image/", views.photo_image, name="photo_image"),
    path(f"{A}titles/new/", views.title_save, name="title_create"),
    path(f"{A}titles/<int:title_id>/", views.title_save, name="title_edit"),
    path(f"{A}titles/<int:title_id>/delete/", views.title_delete, name="title_delete"),
    path(f"{A}titles/<int:title_id>/move/", views.title_move, name="title_move"),
    path(
        f"{A}titles/<int:title_id>/appointments/new/",
        views.appointment_add,
        name="appointment_add",
    ),
    path(
        f"{A}appointments/<int:appointment_id>/delete/",
        views.appointment_delete,
        name="appointment_delete",
    ),
    path(
        f"{A}titles/<int:title_id>/documents/new/",
        views.title_document_upload,
        name="title_document_upload",
    ),
    path(f"{A}documents/<int:document_id>/", views.title_document, name="title_document"),
    path(
        f"{A}documents/<int:document_id>/delete/",
        views.title_document_delete,
        name="title_document_delete",
    ),
    path(f"{A}import/<slug:section>/", views.import_entries, name="import"),
    path(f"{A}imported/<int:item_id>/remove/", views.item_remove, name="item_remove"),
    path(f"{A}imported/<int:item_id>/move/", views.item_move, name="item_move"),
    path(f"{A}imported/<int:item_id>/mark/", views.item_mark, name="item_mark"),
    path(f"{A}imported/<int:item_id>/files/<int:file_id>/", views.item_file, name="item_file"),
    path(f"{A}slots/<int:slot_id>/upload/", views.attachment_upload, name="attachment_upload"),
    path("attachments/<int:attachment_id>/", views.attachment, name="attachment"),
    path(
        "attachments/<int:attachment_id>/rename/",
        views.attachment_rename,
        name="attachment_rename",
    ),
    path(
        "attachments/<int:attachment_id>/delete/",
        views.attachment_delete,
        name="attachment_delete",
    ),
    path(f"{A}extra/", views.extra_save, name="extra_save"),
    path(f"{A}submit/", views.submit, name="submit"),
    path(f"{A}delete/", views.delete, name="delete"),
]
