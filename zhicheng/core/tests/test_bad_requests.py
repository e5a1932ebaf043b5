"""Issue 9.3: malformed requests answer 400 with a Chinese page, never a 500."""

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("logged_in", [False, True])
def test_a_post_declaring_charset_utf7_is_a_400_not_a_500(cast: Any, logged_in: bool) -> None:
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    if logged_in:
        client.force_login(cast.applicant)
    form_page = reverse("accounts:profile_edit" if logged_in else "account_login")
    client.get(form_page)  # a CSRF cookie, as a browser would have
    assert client.cookies["zc_csrftoken"].value
    response = client.post(
        form_page,
        data="login=a&password=b",
        content_type="application/x-www-form-urlencoded; charset=utf-7",
    )
    assert response.status_code == 400
    assert "请求的格式有误" in response.content.decode()
