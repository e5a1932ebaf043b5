from django.urls import path

from . import views

app_name = "integrity"

urlpatterns = [
    path("hr/<int:org_id>/integrity/", views.records, name="records"),
    path("hr/<int:org_id>/integrity/new/", views.record_create, name="record_create"),
    path("hr/<int:org_id>/integrity/<int:record_id>/", views.record_detail, name="record"),
    path("hr/<int:org_id>/integrity/<int:record_id>/end/", views.record_end, name="record_end"),
]
