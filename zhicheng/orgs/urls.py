from django.urls import path

from . import views

app_name = "orgs"

urlpatterns = [
    path("unit/register/", views.unit_register, name="unit_register"),
    path("units/search/", views.unit_search, name="unit_search"),
    path("me/unit/", views.binding_change, name="binding_change"),
    path("me/unit/<int:binding_id>/withdraw/", views.binding_withdraw, name="binding_withdraw"),
    path("units/<int:org_id>/requests/", views.binding_requests, name="binding_requests"),
    path(
        "units/<int:org_id>/requests/<int:binding_id>/decide/",
        views.binding_decide,
        name="binding_decide",
    ),
    path("units/<int:org_id>/requests/approve/", views.bindings_approve, name="bindings_approve"),
    path("units/<int:org_id>/staff/", views.unit_staff, name="unit_staff"),
    path("units/<int:org_id>/staff/<int:binding_id>/end/", views.binding_end, name="binding_end"),
    path("units/<int:org_id>/clerks/", views.unit_clerks, name="unit_clerks"),
    path(
        "units/<int:org_id>/clerks/<int:membership_id>/remove/",
        views.clerk_remove,
        name="clerk_remove",
    ),
    path("unit/join/", views.unit_join, name="unit_join"),
    path("units/<int:org_id>/joins/<int:join_id>/decide/", views.join_decide, name="join_decide"),
    path("hr/<int:org_id>/handovers/", views.handovers, name="handovers"),
    path("hr/<int:org_id>/handovers/<int:unit_id>/", views.handover, name="handover"),
    path("hr/<int:org_id>/registrations/", views.registrations, name="registrations"),
    path(
        "hr/<int:org_id>/registrations/<int:unit_id>/decide/",
        views.registration_decide,
        name="registration_decide",
    ),
]
