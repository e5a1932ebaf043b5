"""Log a person and a legal person into a running platform through panva/oidc-provider.

    python scripts/external-sso/check.py http://127.0.0.1:8000

A manual check (see README.md here), driving the pages as a browser would: 个人登录 / 法人登录 on
the platform, the provider's devInteractions (Sign-in, Continue), back to the platform.
"""

import re
import sys
from html import unescape
from urllib.parse import urljoin

import requests


def form_action(page: str, marker: str) -> str:
    for match in re.finditer(r'<form[^>]*action="([^"]+)"[^>]*>(.*?)</form>', page, re.S):
        if marker in match.group(2):
            return unescape(match.group(1))
    raise SystemExit(f"no form with {marker!r} on the page:\n{page[:2000]}")


def hidden_fields(page: str) -> dict[str, str]:
    return dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', page))


def follow(session: requests.Session, response: requests.Response, stop: str) -> requests.Response:
    """Follow redirects until one points at `stop` (not followed) or a page is served."""
    while response.is_redirect:
        location = urljoin(response.url, response.headers["Location"])
        if location.startswith(stop):
            return response
        response = session.get(location, allow_redirects=False, timeout=10)
    return response


def login(platform: str, button: str, login_name: str) -> str:
    session = requests.Session()
    page = session.get(f"{platform}/login/", timeout=10)
    token = session.cookies.get("zc_csrftoken")
    action = form_action(page.text, f'data-testid="{button}"')
    response = session.post(
        urljoin(page.url, action),
        data={"csrfmiddlewaretoken": token},
        headers={"Referer": page.url},
        allow_redirects=False,
        timeout=10,
    )
    response = follow(session, response, platform)
    for _ in range(4):  # Sign-in, then Continue (consent); each ends in a redirect
        if response.is_redirect:
            break
        page = response
        if 'name="login"' in page.text:
            data = {"login": login_name, "password": "any", **hidden_fields(page.text)}
            action = form_action(page.text, 'name="login"')
        else:
            data = hidden_fields(page.text)
            action = form_action(page.text, "Continue")
        response = session.post(
            urljoin(page.url, action), data=data, allow_redirects=False, timeout=10
        )
        response = follow(session, response, platform)
    callback = urljoin(response.url, response.headers["Location"])
    response = session.get(callback, allow_redirects=False, timeout=10)
    if not response.is_redirect:
        raise SystemExit(f"{login_name}: the platform refused the login:\n{response.text[:1500]}")
    landing = session.get(urljoin(callback, response.headers["Location"]), timeout=10)
    return f"{login_name} → {landing.url}"


def main() -> None:
    platform = (sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000").rstrip("/")
    print(login(platform, "person-login", "zhangsan"))
    print(login(platform, "legal-login", "hfyz"))


if __name__ == "__main__":
    main()
