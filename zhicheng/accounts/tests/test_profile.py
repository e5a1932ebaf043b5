"""个人中心 and 个人首页: what the person sees and may change."""

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from zhicheng.orgs import services as org_services

pytestmark = pytest.mark.django_db

PROFILE = {
    "political_status": "群众",
    "ethnicity": "回族",
    "email": "new@example.cn",
    "title_series": ["卫生"],
    "address": "合肥市蜀山区长江西路1号",
}


def logged_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_person_completes_the_profile_but_not_the_identity(cast: Any) -> None:
    person = cast.applicant
    name, id_number, sex = person.name, person.id_number, person.sex
    forged = {**PROFILE, "name": "别人", "id_number": "110105197001010000", "sex": "女"}
    response = logged_in(person).post(reverse("accounts:profile_edit"), forged)
    assert response.status_code == 302
    person.refresh_from_db()
    assert (person.ethnicity, person.address, person.title_series) == (
        "回族",
        PROFILE["address"],
        ["卫生"],
    )
    assert (person.name, person.id_number, person.sex) == (name, id_number, sex)


def test_profile_errors_are_shown_next_to_the_field(cast: Any) -> None:
    response = logged_in(cast.applicant).post(
        reverse("accounts:profile_edit"), {**PROFILE, "title_series": [], "email": "bad"}
    )
    body = response.content.decode()
    assert "请输入正确的电子邮箱地址" in body
    cast.applicant.refresh_from_db()
    assert cast.applicant.ethnicity == "汉族"


def test_the_person_sees_the_full_id_number_in_the_personal_centre(cast: Any) -> None:
    page = logged_in(cast.applicant).get(reverse("accounts:profile")).content.decode()
    assert cast.applicant.id_number in page
    for label in ["个人信息", "我的职称", "上传照片", "完善信息", "变更单位", "工作单位"]:
        assert label in page


def test_home_masks_the_id_number_and_lists_what_waits(cast: Any) -> None:
    client = logged_in(cast.applicant)
    page = client.get(reverse("portal:home")).content.decode()
    masked = cast.applicant.id_number[:4] + "*" * 10 + cast.applicant.id_number[-4:]
    assert masked in page and cast.applicant.id_number not in page
    for module in ["个人基本信息", "我的申报情况", "待处理事项", "业绩统计", "最新计划信息"]:
        assert module in page
    assert "尚未绑定工作单位" in page
    binding = org_services.binding_request(
        person=cast.applicant, unit_id=cast.unit.pk, statement="x"
    )
    page = client.get(reverse("portal:home")).content.decode()
    assert f"单位绑定申请（{cast.unit.name}）待单位审核" in page
    org_services.binding_decide(
        binding=binding,
        unit=cast.unit,
        actor=cast.unit_admin,
        approve=False,
        opinion="不是本单位职工",
    )
    page = client.get(reverse("portal:home")).content.decode()
    assert "不是本单位职工" in page


def test_pages_with_the_full_id_number_and_the_photo_are_not_stored_in_a_cache(
    cast: Any,
) -> None:
    """Issue 9.8: a shared office computer's browser cache must keep no copy of /me/."""
    client = Client()
    client.force_login(cast.applicant)
    response = client.get(reverse("accounts:profile"))
    assert cast.applicant.id_number in response.content.decode()
    assert "no-store" in response["Cache-Control"]
