from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("login/", views.login_page, name="login"),
    path("me/", views.profile, name="profile"),
    path("me/edit/", views.profile_edit, name="profile_edit"),
    path("me/photo/", views.photo, name="photo"),
    path("me/photo/delete/", views.photo_delete, name="photo_delete"),
    path("me/photo/image/", views.photo_image, name="photo_image"),
]
