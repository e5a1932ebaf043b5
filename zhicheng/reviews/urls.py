from django.urls import path

from . import views

app_name = "reviews"

ORG = "<int:org_id>/"
A = f"{ORG}applications/<int:application_id>/"

urlpatterns = [
    path("", views.index, name="index"),
    path(ORG, views.queue, name="queue"),
    path(f"{ORG}pass-many/", views.pass_many, name="pass_many"),
    path(A, views.detail, name="detail"),
    path(f"{A}review-form.pdf", views.review_form, name="review_form"),
    path(f"{A}documents/<slug:kind>/", views.document, name="document"),
    path(f"{A}attachments/<int:attachment_id>/", views.attachment, name="attachment"),
    path(f"{A}imported/<int:item_id>/files/<int:file_id>/", views.entry_file, name="entry_file"),
    path(f"{ORG}publicity/", views.unit_publicity, name="unit_publicity"),
    path(
        f"{ORG}publicity/<int:publicity_id>/list.<str:fmt>",
        views.publicity_list,
        name="publicity_list",
    ),
    path(f"{ORG}meetings/", views.meetings, name="meetings"),
    path(f"{ORG}meetings/<int:meeting_id>/", views.meeting, name="meeting"),
    path(f"{ORG}results/", views.results, name="results"),
    path(f"{ORG}arrangements/", views.arrangements, name="arrangements"),
    path(
        f"{ORG}exemptions/<int:exemption_id>/files/<int:file_id>/",
        views.exemption_file,
        name="exemption_file",
    ),
    path(f"{ORG}overview/", views.overview, name="overview"),
    path(f"{ORG}approvals/", views.approvals, name="approvals"),
    path("mine/<int:application_id>/", views.mine, name="mine"),
    path(
        "mine/<int:application_id>/review-form.pdf",
        views.mine_review_form,
        name="mine_review_form",
    ),
    path("mine/<int:application_id>/exemption/", views.mine_exemption, name="mine_exemption"),
    path("mine/<int:application_id>/ticket.pdf", views.mine_ticket, name="mine_ticket"),
    path(
        "mine/<int:application_id>/documents/<slug:kind>/",
        views.mine_document,
        name="mine_document",
    ),
]
