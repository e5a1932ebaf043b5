"""URLs of the SSO stand-in (config.settings.idp): its own pages plus the OIDC endpoints at /o/."""

from django.urls import include, path
from oauth2_provider import urls as oauth2_urls
from oauth2_provider import views as oauth2_views

from zhicheng.idp.views import IdpAuthorizationView

# The toolkit's endpoints minus its application-management pages (any logged-in user could
# register clients there) and dynamic client registration. The namespace must stay
# "oauth2_provider": the toolkit reverses its own URL names to build the discovery document.
oauth2_urlpatterns = [
    path("authorize/", IdpAuthorizationView.as_view(), name="authorize"),
    path("token/", oauth2_views.TokenView.as_view(), name="token"),
    path("revoke_token/", oauth2_views.RevokeTokenView.as_view(), name="revoke-token"),
    path("introspect/", oauth2_views.IntrospectTokenView.as_view(), name="introspect"),
    *oauth2_urls.oidc_urlpatterns,
    *oauth2_urls.metadata_urlpatterns,
]

urlpatterns = [
    path("o/", include((oauth2_urlpatterns, "oauth2_provider"))),
    path("", include("zhicheng.idp.urls")),
]
