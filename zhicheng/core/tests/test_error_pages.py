"""The platform's own error pages where Django would answer with an empty body."""

from typing import Any

from django.test import Client
from django.urls import reverse


def test_a_get_on_a_post_only_address_is_the_platforms_405_page(cast: Any) -> None:
    # E.g. reloading the address a form posted to.
    client = Client()
    client.force_login(cast.applicant)
    response = client.get(reverse("library:submit"))
    assert response.status_code == 405
    assert response["Allow"] == "POST"
    page = response.content.decode()
    assert "无法直接打开此地址" in page and "返回首页" in page
    # Rendered inside the CSP middleware, so the page keeps the site policy.
    assert "Content-Security-Policy" in response
