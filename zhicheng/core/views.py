from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render


def healthz(request: HttpRequest) -> JsonResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return render(
        request,
        "error.html",
        {
            "title": "页面已过期",
            "message": "页面已过期或请求来源无法验证，请刷新页面后重试。",
        },
        status=403,
    )


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """Our own 400 page. Django's default one runs the CSRF check again, which reads the very
    body that could not be parsed (a POST declaring charset=utf-7) and ends in a 500."""
    return render(
        request,
        "error.html",
        {"title": "请求有误", "message": "请求的格式有误，请返回上一页重新操作。"},
        status=400,
    )


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(
        request,
        "error.html",
        {"title": "无权访问", "message": str(exception) if exception else "您无权访问此页面。"},
        status=403,
    )


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(
        request,
        "error.html",
        {"title": "页面不存在", "message": "您访问的页面不存在或已被删除。"},
        status=404,
    )


def server_error(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "error.html",
        {
            "title": "系统繁忙",
            "message": "系统出现错误，请稍后再试。如问题持续，请联系平台管理员。",
        },
        status=500,
    )
