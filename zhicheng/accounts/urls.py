from django.urls import path

from . import sso, views

app_name = "accounts"

urlpatterns = [
    path("login/", views.login_page, name="login"),
    path("me/", views.profile, name="profile"),
    path("me/edit/", views.profile_edit, name="profile_edit"),
    path("me/photo/", views.photo, name="photo"),
    path("me/photo/delete/", views.photo_delete, name="photo_delete"),
    path("me/photo/image/", views.photo_image, name="photo_image"),
    # allauth's own OIDC views, with the issuer check (sso.py); they take the same paths first.
    path("accounts/oidc/<str:provider_id>/login/", sso.login, name="sso_login"),
    path("accounts/oidc/<str:provider_id>/login/callback/", sso.callback, name="sso_callback"),
]
