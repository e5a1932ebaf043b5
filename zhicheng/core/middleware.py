"""Request-level guards shared by every app."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

Handler = Callable[[HttpRequest], HttpResponse]


class RequestSizeLimitMiddleware:
    """Refuse a request body above MAX_REQUEST_BYTES before anything reads it.

    Per-file limits (a photo, an attachment) give their own messages; this stops a multi-gigabyte
    body from being spooled to disk first. Production's proxy should enforce the same limit.
    """

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        limit = settings.MAX_REQUEST_BYTES
        if length > limit:
            return render(
                request,
                "error.html",
                {
                    "title": "上传内容过大",
                    "message": f"一次提交的内容不能超过 {limit // (1024 * 1024)} MB，请压缩文件后重新上传。",
                },
                status=413,
            )
        return self.get_response(request)


class MethodNotAllowedPageMiddleware:
    """Give Django's empty 405 (require_POST reached by a GET, e.g. reloading the address a form
    posted to) the platform's page instead of the browser's bare "HTTP ERROR 405"."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code != 405 or response.content:
            return response
        page = render(
            request,
            "error.html",
            {
                "title": "无法直接打开此地址",
                "message": "此地址只用于提交表单，不能直接打开或刷新。请返回上一页重新操作。",
            },
            status=405,
        )
        page["Allow"] = response.get("Allow", "")
        return page
