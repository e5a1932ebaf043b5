from django.urls import path

from . import views

app_name = "plans"

urlpatterns = [
    # 职称申报 (applicants)
    path("apply/", views.applicant_list, name="applicant_list"),
    path("apply/plans/<int:plan_id>/", views.applicant_detail, name="applicant_detail"),
    path("apply/plans/<int:plan_id>/start/", views.apply_start, name="apply_start"),
    path("plans/files/<int:file_id>/", views.file_download, name="file_download"),
    # 评审计划管理 (评委会组建单位)
    path("organizer/plans/", views.organizer_list, name="organizer_list"),
    path("organizer/plans/new/", views.organizer_create, name="organizer_create"),
    path("organizer/plans/<int:plan_id>/", views.organizer_detail, name="organizer_detail"),
    path("organizer/plans/<int:plan_id>/edit/", views.organizer_edit, name="organizer_edit"),
    path(
        "organizer/plans/<int:plan_id>/publish/", views.organizer_publish, name="organizer_publish"
    ),
    path("organizer/plans/<int:plan_id>/close/", views.organizer_close, name="organizer_close"),
    path("organizer/plans/<int:plan_id>/delete/", views.organizer_delete, name="organizer_delete"),
    path(
        "organizer/plans/<int:plan_id>/specialties/new/",
        views.specialty_create,
        name="specialty_create",
    ),
    path(
        "organizer/specialties/<int:specialty_id>/edit/",
        views.specialty_edit,
        name="specialty_edit",
    ),
    path(
        "organizer/specialties/<int:specialty_id>/delete/",
        views.specialty_delete,
        name="specialty_delete",
    ),
    path("organizer/plans/<int:plan_id>/slots/new/", views.slot_create, name="slot_create"),
    path("organizer/slots/<int:slot_id>/edit/", views.slot_edit, name="slot_edit"),
    path("organizer/slots/<int:slot_id>/delete/", views.slot_delete, name="slot_delete"),
    path("organizer/plans/<int:plan_id>/files/new/", views.file_upload, name="file_upload"),
    path("organizer/files/<int:file_id>/delete/", views.file_delete, name="file_delete"),
    path("organizer/standards/", views.standard_list, name="standard_list"),
    path("organizer/standards/new/", views.standard_create, name="standard_create"),
    path("organizer/standards/<int:standard_id>/", views.standard_detail, name="standard_detail"),
    path("organizer/standards/<int:standard_id>/edit/", views.standard_edit, name="standard_edit"),
    path(
        "organizer/standards/<int:standard_id>/delete/",
        views.standard_delete,
        name="standard_delete",
    ),
    path(
        "organizer/standards/<int:standard_id>/categories/new/",
        views.category_create,
        name="category_create",
    ),
    path("organizer/categories/<int:category_id>/edit/", views.category_edit, name="category_edit"),
    path(
        "organizer/categories/<int:category_id>/delete/",
        views.category_delete,
        name="category_delete",
    ),
]
