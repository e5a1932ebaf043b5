"""URLs of the SSO stand-in (config.settings.idp): its own pages plus the OIDC endpoints at /o/."""

from django.urls import include, path, re_path
from oauth2_provider import urls as oauth2_urls
from oauth2_provider import views as oauth2_views

from zhicheng.idp.views import IdpAuthorizationView, IdpUserInfoView

# The toolkit's endpoints minus its application-management pages (any logged-in user could
# register clients there) and dynamic client registration. The namespace must stay
# "oauth2_provider": the toolkit reverses its own URL names to build the discovery document.
oauth2_urlpatterns = [
    path("authorize/", IdpAuthorizationView.as_view(), name="authorize"),
    path("token/", oauth2_views.TokenView.as_view(), name="token"),
    path("revoke_token/", oauth2_views.RevokeTokenView.as_view(), name="revoke-token"),
    path("introspect/", oauth2_views.IntrospectTokenView.as_view(), name="introspect"),
    re_path(
        r"^\.well-known/openid-configuration/?$",
        oauth2_views.ConnectDiscoveryInfoView.as_view(),
        name="oidc-connect-discovery-info",
    ),
    path(".well-known/jwks.json", oauth2_views.JwksInfoView.as_view(), name="jwks-info"),
    path("userinfo/", IdpUserInfoView.as_view(), name="user-info"),
    path("logout/", oauth2_views.RPInitiatedLogoutView.as_view(), name="rp-initiated-logout"),
    *oauth2_urls.metadata_urlpatterns,
]

urlpatterns = [
    path("o/", include((oauth2_urlpatterns, "oauth2_provider"))),
    path("", include("zhicheng.idp.urls")),
]
