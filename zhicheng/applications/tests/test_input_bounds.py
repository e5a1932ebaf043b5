"""Issue 9.3 for the application pages: ids, years and dates in posted forms are a message or a
400/404, never a 500; names refuse invisible characters like every other form."""

from typing import Any

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from zhicheng.applications.models import Application, CurrentTitle, ImportedEntry

from .factories import K, World, approved_entry, start, world

pytestmark = pytest.mark.django_db
HUGE = str(2**63)


@pytest.fixture
def w(cast: Any) -> World:
    return world(cast)


@pytest.fixture
def application(w: World) -> Application:
    return start(w)


@pytest.fixture
def client_of(w: World) -> Client:
    client = Client()
    client.force_login(w.person)
    return client


def _messages(response: Any) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.mark.parametrize("value", ["١", "²", HUGE])
def test_an_entry_id_that_is_no_id_imports_nothing(
    w: World, application: Application, client_of: Client, value: str
) -> None:
    # "١" was read as entry 1 and 2**63 overflowed the query.
    approved_entry(w.person, w.unit, K.WORK)
    url = reverse("applications:import", args=[application.pk, "work"])
    response = client_of.post(url, {"entries": [value]})
    assert response.status_code == 302
    assert "请勾选要导入的业绩" in _messages(response)
    assert not ImportedEntry.objects.exists()


@pytest.mark.parametrize(("value", "status"), [("²", 400), ("", 400), (HUGE, 404)])
def test_a_category_id_that_is_no_id_is_400_or_404(
    w: World, application: Application, client_of: Client, value: str, status: int
) -> None:
    entry = approved_entry(w.person, w.unit, K.PAPER)
    url = reverse("applications:import", args=[application.pk, "performance"])
    response = client_of.post(url, {"entries": [str(entry.pk)], "category": value})
    assert response.status_code == status


@pytest.mark.parametrize(("value", "status"), [("abc", 400), (HUGE, 404)])
def test_a_title_panel_id_that_is_no_id_is_400_or_404(
    application: Application, client_of: Client, value: str, status: int
) -> None:
    url = reverse("applications:section", args=[application.pk, "basic"])
    assert client_of.get(url, {"title": value}).status_code == status


@pytest.mark.parametrize("value", ["١", HUGE])
def test_a_specialty_id_that_is_no_id_changes_nothing(
    application: Application, client_of: Client, value: str
) -> None:
    response = client_of.post(
        reverse("applications:specialty_change", args=[application.pk]),
        {"specialty": value, "title": "高级工程师"},
    )
    assert response.status_code == 302
    assert "请选择申报专业和申报职称" in _messages(response)
    application.refresh_from_db()
    assert application.specialty_id is not None


TITLE = {
    "series": "工程",
    "name": "工程师",
    "level": "中级",
    "specialty": "建筑工程",
    "obtained_by": "review",
    "obtained_on": "2015-12-01",
    "certificate_number": "GC2015001",
    "issuer": "合肥市人社局",
}


@pytest.mark.parametrize(
    ("field", "value"),
    [("obtained_on", "1900-01-01"), ("obtained_on", "0001-01-01"), ("name", "工程\u200b师"),
     ("certificate_number", "GC\u202e2015")],
)  # fmt: skip
def test_a_current_title_with_an_implausible_date_or_hidden_characters_is_refused(
    application: Application, client_of: Client, field: str, value: str
) -> None:
    response = client_of.post(
        reverse("applications:title_create", args=[application.pk]), {**TITLE, field: value}
    )
    assert response.status_code == 302
    assert _messages(response)
    assert not CurrentTitle.objects.exists()


def test_an_appointment_ending_decades_ahead_is_refused(
    application: Application, client_of: Client, w: World
) -> None:
    client_of.post(reverse("applications:title_create", args=[application.pk]), TITLE)
    title = CurrentTitle.objects.get()
    response = client_of.post(
        reverse("applications:appointment_add", args=[application.pk, title.pk]),
        {
            "unit": w.unit.name,
            "post": "工程师",
            "starts_on": "2016-01-01",
            "ends_on": "2090-01-01",
            "document_number": "人字〔2016〕1号",
        },
    )
    assert response.status_code == 302
    assert any("聘任截止日期不能晚于" in m for m in _messages(response))
    assert not title.appointments.exists()


def test_work_years_beyond_a_working_life_are_refused(
    application: Application, client_of: Client
) -> None:
    response = client_of.post(
        reverse("applications:basic_save", args=[application.pk]), {"work_years": "40000"}
    )
    assert response.status_code == 400
    assert "work_years" in response.context["form"].errors
