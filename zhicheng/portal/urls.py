from django.urls import path

from . import views

app_name = "portal"

urlpatterns = [
    path("welcome/", views.first_login, name="first_login"),
    path("home/", views.home, name="home"),
    path("unit/", views.unit_home, name="unit_home"),
    path("staff/", views.staff_home, name="staff_home"),
]
