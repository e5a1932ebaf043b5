"""Issue 9.3 for the certificate pages: dates, years and text of forms and of the legacy import are
a message next to the field or row, never a 500."""

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from zhicheng.certificates.models import Certificate, ReplacementRequest
from zhicheng.certificates.tests.factories import issue, issuer_org, pdf_file
from zhicheng.certificates.tests.test_pages import _row, _sheet
from zhicheng.library.tests.factories import bind

pytestmark = pytest.mark.django_db


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize("year", ["²", "0000", "0", "2015"])
def test_the_issuer_list_filters_by_a_year_or_ignores_it(cast: Any, year: str) -> None:
    # "²".isdigit() is True and int("²") raises; year 0 is no date for the lookup: both were a 500.
    issue(cast)
    response = client_for(cast.issuer).get(
        reverse("certificates:issuer_list", args=[issuer_org(cast).pk]), {"year": year}
    )
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("issued_on", "0001-01-01", "发证日期不能早于"),
        ("passed_on", "2099-01-01", "评审通过时间不能晚于今天"),
        ("holder_name", "张\u200b三", "零宽字符"),
        ("unit_name", "学" * 201, "不能超过 200 个字"),  # PostgreSQL refused it: a 500
        ("approval_number", "皖\u202e职改", "文字方向控制符"),
    ],
)
def test_a_legacy_row_with_an_implausible_date_or_bad_text_is_a_row_error(
    cast: Any, column: str, value: str, message: str
) -> None:
    response = client_for(cast.issuer).post(
        reverse("certificates:issuer_import", args=[issuer_org(cast).pk]),
        {"file": _sheet([_row(cast, **{column: value})])},
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Certificate.objects.exists()


def test_a_legacy_row_is_stored_normalised(cast: Any) -> None:
    client_for(cast.issuer).post(
        reverse("certificates:issuer_import", args=[issuer_org(cast).pk]),
        {"file": _sheet([_row(cast, specialty="  语文  ", qualification="一级教师")])},
    )
    assert Certificate.objects.get().specialty == "语文"


@pytest.mark.parametrize("passed_on", ["1900-01-01", "2099-01-01"])
def test_a_replacement_with_an_implausible_pass_date_is_refused(cast: Any, passed_on: str) -> None:
    bind(cast.applicant, cast.unit)
    response = client_for(cast.applicant).post(
        reverse("certificates:replacement_new"),
        {
            "reason": ReplacementRequest.Reason.LOST,
            "old_number": "皖2015123456",
            "unit_name": "测试学校",
            "series": "中小学教师",
            "specialty": "数学",
            "qualification": "一级教师",
            "level": "中级",
            "method": Certificate.Method.REVIEW,
            "committee_name": "安徽省中小学教师中级职称评审委员会",
            "passed_on": passed_on,
            "approval_number": "皖职改〔2015〕12号",
            "issuer": issuer_org(cast).pk,
            "statement": "原证书丢失",
            "files": pdf_file(),
        },
    )
    assert response.status_code == 400
    assert "passed_on" in response.context["form"].errors
    assert not ReplacementRequest.objects.exists()
