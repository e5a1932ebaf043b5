"""Issue 9.5: one normaliser for text, used by the SSO claims intake and by every form."""

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from zhicheng.accounts.services import SsoClaims, sso_check_claims
from zhicheng.core.tests.factories import make_id_number
from zhicheng.core.text import LINE, TEXT, normalize_text

LOOK_ALIKES = {
    "zero-width space": "张\u200b三",
    "zero-width joiner": "张\u200d三",
    "BOM": "\ufeff张三",
    "right-to-left override": "张三\u202e",
    "left-to-right isolate": "张\u2066三",
    "CR/LF": "张\r\n三",
    "tab": "张\t三",
    "NUL": "张\x00三",
    "private use": "张\ue000三",
    "emoji": "张三😀",
    "emoji with variation selector": "张三\u2764\ufe0f",
    "line separator": "张\u2028三",
}


@pytest.mark.parametrize("name", sorted(LOOK_ALIKES))
def test_look_alike_names_are_refused_with_a_chinese_message(name: str) -> None:
    with pytest.raises(ValidationError) as raised:
        normalize_text(LOOK_ALIKES[name], mode=LINE, label="姓名")
    message = raised.value.messages[0]
    assert message.startswith("姓名含有") and "U+" in message


def test_text_is_nfc_and_trimmed() -> None:
    assert normalize_text("  Jose\u0301 ", mode=LINE) == "José"
    assert normalize_text("欧阳·娜娜", mode=LINE) == "欧阳·娜娜"


def test_multi_line_text_keeps_its_newlines_and_emoji_but_not_invisible_characters() -> None:
    assert normalize_text("第一行\r\n第二行\t完 😀", mode=TEXT) == "第一行\n第二行\t完 😀"
    for bad in ("a\u202eb", "a\u200bb", "a\x07b", "a\ue000b"):
        with pytest.raises(ValidationError):
            normalize_text(bad, mode=TEXT)


def _claims(**overrides: str) -> SsoClaims:
    userinfo = {
        "sub": "abc",
        "account_type": "person",
        "name": "张三",
        "id_number": make_id_number(),
        "phone_number": "13800000000",
        **overrides,
    }
    return SsoClaims.from_extra_data({"userinfo": userinfo})


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["张\u200b三", "张三\u202e", "张\n三", "张三😀", "\ue000"])
def test_the_sso_intake_refuses_look_alike_names(name: str) -> None:
    with pytest.raises(ValidationError) as raised:
        sso_check_claims(claims=_claims(name=name), existing=None)
    assert "统一身份认证返回的姓名含有" in raised.value.messages[0]


@pytest.mark.django_db
def test_the_sso_intake_normalises_names_and_refuses_invisible_unit_names() -> None:
    claims = _claims(name=" Jose\u0301 ")
    assert claims.name == "José"
    sso_check_claims(claims=claims, existing=None)
    legal = _claims(account_type="legal", unit_name="合肥\u200b一中", uscc="91340100MA2N0J1X7B")
    with pytest.raises(ValidationError, match="单位名称"):
        sso_check_claims(claims=legal, existing=None)


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_a_form_refuses_a_look_alike_name_next_to_the_field(cast: Any) -> None:
    response = _client(cast.organizer).post(
        reverse("plans:standard_create"), {"name": "评审标准\u200b", "series": "工程"}
    )
    errors = response.context["form"].errors
    assert "零宽字符" in errors["name"][0]


@pytest.mark.django_db
def test_a_form_keeps_newlines_in_multi_line_text_and_stores_nfc(cast: Any) -> None:
    from zhicheng.orgs.models import UnitBinding

    response = _client(cast.applicant2).post(
        reverse("orgs:binding_change"),
        {"unit": str(cast.unit.pk), "statement": " 第一行\r\nCafe\u0301 ", "is_freelancer": "no"},
    )
    assert response.status_code == 302
    binding = UnitBinding.objects.get(person=cast.applicant2)
    assert binding.statement == "第一行\nCafé"


@pytest.mark.django_db
def test_a_single_line_form_field_refuses_a_line_break(cast: Any) -> None:
    response = _client(cast.unit_admin).post(
        reverse("orgs:unit_clerks", args=[cast.unit.pk]),
        {"name": "李\r\n四", "id_number": make_id_number()},
    )
    assert response.status_code == 400
    assert "换行符" in response.context["form"].errors["name"][0]
