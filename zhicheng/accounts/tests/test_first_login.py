from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from zhicheng.audit.models import AuditEvent
from zhicheng.portal import services

pytestmark = pytest.mark.django_db

VALID = {
    "political_status": "中共党员",
    "ethnicity": "汉族",
    "email": "zhang@example.cn",
    "title_series": ["工程", "经济"],
    "has_unit": "no",
}


def test_a_new_person_is_sent_to_the_first_login_page_from_anywhere(
    client: Client, cast: Any
) -> None:
    client.force_login(cast.new_person)
    for url in [reverse("portal:home"), reverse("accounts:profile"), "/"]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"] == reverse("portal:first_login")


def test_the_page_marks_required_fields_and_shows_the_identity_read_only(
    client: Client, cast: Any
) -> None:
    client.force_login(cast.new_person)
    page = client.get(reverse("portal:first_login")).content.decode()
    for label in ["政治面貌", "民族", "电子邮箱", "所在职称系列", "工作单位"]:
        assert label in page
    assert page.count('class="required"') >= 5
    assert cast.new_person.id_number in page
    assert 'name="id_number"' not in page and 'name="name"' not in page


def test_answering_no_to_unit_leads_to_the_home_page(client: Client, cast: Any) -> None:
    client.force_login(cast.new_person)
    response = client.post(reverse("portal:first_login"), VALID)
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:home")
    cast.new_person.refresh_from_db()
    assert cast.new_person.profile_completed_at is not None
    assert cast.new_person.title_series == ["工程", "经济"]
    assert cast.new_person.has_unit == "no"
    assert client.get(reverse("portal:home")).status_code == 200
    assert AuditEvent.objects.filter(kind=AuditEvent.Kind.PROFILE_COMPLETED).count() == 1


def test_more_than_three_series_are_refused_next_to_the_field(client: Client, cast: Any) -> None:
    client.force_login(cast.new_person)
    data = {**VALID, "title_series": ["工程", "经济", "会计", "统计"]}
    response = client.post(reverse("portal:first_login"), data)
    assert response.status_code == 200
    assert "最多选择3个" in response.content.decode()
    cast.new_person.refresh_from_db()
    assert cast.new_person.profile_completed_at is None


def test_missing_required_fields_are_refused(client: Client, cast: Any) -> None:
    client.force_login(cast.new_person)
    response = client.post(reverse("portal:first_login"), {"has_unit": "no"})
    assert response.status_code == 200
    assert response.content.decode().count('class="field-error"') >= 4


def test_the_service_enforces_the_rules_without_the_form(cast: Any) -> None:
    with pytest.raises(ValidationError) as error:
        services.user_complete_first_login(
            user=cast.new_person,
            political_status="火星人",
            ethnicity="汉族",
            email="a@b.cn",
            title_series=["工程", "经济", "会计", "统计"],
            has_unit="maybe",
        )
    assert set(error.value.message_dict) == {"political_status", "title_series", "has_unit"}


def test_only_persons_complete_the_first_login(cast: Any) -> None:
    with pytest.raises(ValidationError):
        services.user_complete_first_login(user=cast.unit_admin, **VALID)


def test_a_completed_person_is_not_sent_back(client: Client, cast: Any) -> None:
    client.force_login(cast.applicant)
    response = client.get(reverse("portal:first_login"))
    assert response["Location"] == reverse("portal:home")


def test_the_home_page_shows_the_five_modules_and_a_masked_id(client: Client, cast: Any) -> None:
    client.force_login(cast.applicant)
    page = client.get(reverse("portal:home")).content.decode()
    for module in ["个人基本信息", "我的申报情况", "待处理事项", "业绩统计", "最新计划信息"]:
        assert module in page
    number = cast.applicant.id_number
    assert number not in page
    assert number[:4] + "**********" + number[-4:] in page
    for label in ["个人首页", "个人业绩库", "职称申报", "个人中心"]:
        assert f">{label}</a>" in page


def test_yes_with_a_chosen_unit_submits_a_binding_request(client: Client, cast: Any) -> None:
    from zhicheng.orgs.models import UnitBinding

    client.force_login(cast.new_person)
    data = {**VALID, "has_unit": "yes", "sync_unit": "yes", "is_freelancer": "no"}
    data.update(unit=cast.unit.pk, unit_label=cast.unit.name, statement="2015年入职")
    response = client.post(reverse("portal:first_login"), data, follow=True)
    assert "单位绑定申请已提交" in response.content.decode()
    binding = UnitBinding.objects.get(person=cast.new_person)
    assert (binding.unit, binding.status, binding.statement) == (cast.unit, "pending", "2015年入职")


def test_yes_without_a_unit_is_refused_and_nothing_is_stored(client: Client, cast: Any) -> None:
    from zhicheng.orgs.models import UnitBinding

    client.force_login(cast.new_person)
    data = {**VALID, "has_unit": "yes", "sync_unit": "yes", "statement": "入职"}
    response = client.post(reverse("portal:first_login"), data)
    assert response.status_code == 200
    assert "请点击“选择单位”" in response.content.decode()
    cast.new_person.refresh_from_db()
    assert cast.new_person.profile_completed_at is None  # the whole page is one transaction
    assert not UnitBinding.objects.exists()


def test_unit_not_found_path_sync_no_enters_without_binding(client: Client, cast: Any) -> None:
    from zhicheng.orgs.models import UnitBinding

    client.force_login(cast.new_person)
    data = {**VALID, "has_unit": "yes", "sync_unit": "no"}
    response = client.post(reverse("portal:first_login"), data, follow=True)
    assert "变更单位" in response.content.decode()
    cast.new_person.refresh_from_db()
    assert cast.new_person.profile_completed_at is not None
    assert cast.new_person.has_unit == "yes"
    assert not UnitBinding.objects.exists()


def test_the_first_login_cannot_be_completed_twice(cast: Any) -> None:
    services.user_complete_first_login(user=cast.new_person, **VALID)
    with pytest.raises(ValidationError, match="请勿重复提交"):
        services.user_complete_first_login(user=cast.new_person, **VALID)
