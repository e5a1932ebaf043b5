from django.urls import path

from . import views

app_name = "plans"

urlpatterns = [
    path("apply/", views.applicant_list, name="applicant_list"),
]
