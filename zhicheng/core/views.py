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
