from typing import Any

import pytest
from django.db import IntegrityError
from django.test import Client

from zhicheng.idp.models import Account

from .helpers import (
    LEGAL_REP_ID_NUMBER,
    PASSWORD,
    PERSON_ID_NUMBER,
    PERSON_ID_NUMBER_X,
    USCC,
    with_check_digit,
)

pytestmark = pytest.mark.django_db


def person_data(**overrides: str) -> dict[str, str]:
    data = {
        "kind": "person",
        "username": "wangwu",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "name": "王五",
        "id_number": PERSON_ID_NUMBER,
        "phone": "13912345678",
    }
    data.update(overrides)
    return data


def legal_data(**overrides: str) -> dict[str, str]:
    data = person_data(
        kind="legal",
        username="hefei-unit",
        name="赵六",
        id_number=LEGAL_REP_ID_NUMBER,
        unit_name="合肥某某有限公司",
        uscc=USCC,
    )
    data.update(overrides)
    return data


def field_errors(response: Any, field: str) -> list[str]:
    return list(response.context["form"].errors.get(field, []))


def test_it_registers_a_person_and_logs_them_in(client: Client) -> None:
    response = client.post("/register/", person_data())
    assert response.status_code == 302
    assert response["Location"] == "/"
    account = Account.objects.get(username="wangwu")
    assert account.kind == Account.Kind.PERSON
    assert account.unit_name == "" and account.uscc == ""
    assert client.get("/").context["account"] == account


def test_it_continues_to_next_after_registering(client: Client) -> None:
    next_url = "/o/authorize/?client_id=x&response_type=code"
    response = client.post("/register/", person_data(next=next_url))
    assert response["Location"] == next_url


def test_it_ignores_an_off_site_next(client: Client) -> None:
    response = client.post("/register/", person_data(next="https://evil.example/"))
    assert response["Location"] == "/"


def test_it_registers_a_legal_account_with_unit(client: Client) -> None:
    response = client.post("/register/", legal_data(uscc=USCC.lower()))
    assert response.status_code == 302
    account = Account.objects.get(username="hefei-unit")
    assert account.kind == Account.Kind.LEGAL
    assert account.unit_name == "合肥某某有限公司"
    assert account.uscc == USCC


def test_it_accepts_a_lower_case_x_and_stores_upper_case(client: Client) -> None:
    client.post("/register/", person_data(id_number=PERSON_ID_NUMBER_X.lower()))
    assert Account.objects.get(username="wangwu").id_number == PERSON_ID_NUMBER_X


def test_it_stores_a_phone_with_country_code_as_eleven_digits(client: Client) -> None:
    client.post("/register/", person_data(phone="+86 139-1234-5678"))
    assert Account.objects.get(username="wangwu").phone == "13912345678"


@pytest.mark.parametrize(
    ("id_number", "message"),
    [
        ("34010419900101123", "身份证号应为18位"),
        ("340104199001011238", "身份证号校验位不正确"),
        ("34010419900101123A", "身份证号校验位不正确"),
        ("3401041990010112X9", "身份证号格式不正确（前17位为数字，末位为数字或X）"),
        (with_check_digit("34010419901301123"), "身份证号中的地区代码或出生日期无效"),
        (with_check_digit("99999919900101123"), "身份证号中的地区代码或出生日期无效"),
        (with_check_digit("34010420990101123"), "身份证号中的出生日期晚于今天"),
    ],
)
def test_it_rejects_a_bad_id_number(client: Client, id_number: str, message: str) -> None:
    response = client.post("/register/", person_data(id_number=id_number))
    assert response.status_code == 400
    assert field_errors(response, "id_number") == [message]
    assert message in response.content.decode()
    assert not Account.objects.exists()


@pytest.mark.parametrize(
    "phone", ["1391234567", "12912345678", "+85213912345678", "8613912345678", "139123456789"]
)
def test_it_rejects_a_bad_phone(client: Client, phone: str) -> None:
    response = client.post("/register/", person_data(phone=phone))
    assert field_errors(response, "phone") == ["手机号码应为11位，以13–19开头（可加 +86）"]


@pytest.mark.parametrize(
    ("uscc", "message"),
    [
        ("91340100MA2N8QXY0", "统一社会信用代码应为18位"),
        ("91340100MA2N8QXY0K", "统一社会信用代码校验位不正确"),
        ("91340100MA2N8QXYOL", "统一社会信用代码格式不正确"),
    ],
)
def test_it_rejects_a_bad_uscc(client: Client, uscc: str, message: str) -> None:
    response = client.post("/register/", legal_data(uscc=uscc))
    assert field_errors(response, "uscc") == [message]


def test_a_legal_account_needs_unit_name_and_uscc(client: Client) -> None:
    response = client.post("/register/", legal_data(unit_name="", uscc=""))
    assert field_errors(response, "unit_name") == ["请填写单位名称"]
    assert field_errors(response, "uscc") == ["请填写统一社会信用代码"]


def test_a_person_account_ignores_unit_fields(client: Client) -> None:
    client.post("/register/", person_data(unit_name="某单位", uscc="garbage"))
    account = Account.objects.get(username="wangwu")
    assert (account.unit_name, account.uscc) == ("", "")


@pytest.mark.parametrize(
    ("password", "messages"),
    [
        ("Ab1!", ["密码太短，至少需要8个字符"]),
        ("abcdefgh1", ["密码须包含小写字母、大写字母、数字、其他符号中的至少3类"]),
        ("ABCDEFGH", ["密码须包含小写字母、大写字母、数字、其他符号中的至少3类"]),
    ],
)
def test_it_rejects_a_weak_password(client: Client, password: str, messages: list[str]) -> None:
    response = client.post("/register/", person_data(password1=password, password2=password))
    assert field_errors(response, "password1") == messages


def test_it_rejects_mismatched_passwords(client: Client) -> None:
    response = client.post("/register/", person_data(password2=PASSWORD + "x"))
    assert field_errors(response, "password2") == ["两次输入的密码不一致"]


def test_it_rejects_a_duplicate_username(client: Client, person: Account) -> None:
    response = client.post(
        "/register/", person_data(username=person.username, id_number=PERSON_ID_NUMBER_X)
    )
    assert field_errors(response, "username") == ["该账号已被注册"]


def test_it_rejects_a_second_person_with_the_same_id_number(
    client: Client, person: Account
) -> None:
    response = client.post("/register/", person_data(id_number=person.id_number))
    assert field_errors(response, "id_number") == ["该身份证号已注册个人用户"]


def test_a_person_may_also_represent_a_unit(client: Client, person: Account) -> None:
    response = client.post("/register/", legal_data(id_number=person.id_number))
    assert response.status_code == 302
    assert Account.objects.filter(id_number=person.id_number).count() == 2


def test_it_rejects_a_bad_username(client: Client) -> None:
    response = client.post("/register/", person_data(username="a b"))
    assert field_errors(response, "username") == ["账号为4–30位字母、数字或 _ . @ - 符号"]


def test_the_database_refuses_a_person_with_a_unit(person: Account) -> None:
    person.uscc = USCC
    with pytest.raises(IntegrityError):
        person.save()


def test_the_database_refuses_a_duplicate_person_id_number(person: Account) -> None:
    with pytest.raises(IntegrityError):
        Account.objects.create(
            username="other", name="x", id_number=person.id_number, phone="13900000000"
        )


def test_the_register_page_shows_unit_fields_only_on_the_legal_tab(client: Client) -> None:
    person_page = client.get("/register/").content.decode()
    legal_page = client.get("/register/?type=legal").content.decode()
    assert "统一社会信用代码" not in person_page
    assert "统一社会信用代码" in legal_page
    assert "法定代表人身份证号" in legal_page
    assert "本地模拟环境" in person_page
