from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from zhicheng.accounts.access import person_required


@person_required
def applicant_list(request: HttpRequest) -> HttpResponse:
    """职称申报: the 评审计划 list (manual 四(一)(3))."""
    return render(request, "accounts/coming_soon.html", {"title": "职称申报"})
