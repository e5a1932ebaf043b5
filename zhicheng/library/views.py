from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from zhicheng.accounts.access import person_required


@person_required
def index(request: HttpRequest) -> HttpResponse:
    """个人业绩库 (manual 三)."""
    return render(request, "accounts/coming_soon.html", {"title": "个人业绩库"})
