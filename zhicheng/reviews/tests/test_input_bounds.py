"""Issue 9.3 for the review pages: ids, counts and dates in posted forms are a message, never a 500."""

import datetime
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from zhicheng.reviews import services
from zhicheng.reviews.models import Arrangement, ReviewMeeting
from zhicheng.reviews.tests.factories import chain, submitted, unit_publicity
from zhicheng.reviews.tests.test_arrangements import _sheet

pytestmark = pytest.mark.django_db


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def c(cast: Any) -> Any:
    return chain(cast)


@pytest.mark.parametrize("target", ["0", "approve", "reviews:index"])
def test_a_next_that_is_no_path_goes_back_to_the_queue(c: Any, target: str) -> None:
    # redirect() took "0" for a view name: NoReverseMatch, a 500 (found by the form fuzz test).
    response = client_for(c.cast.unit_admin).post(
        reverse("reviews:pass_many", args=[c.cast.unit.pk]), {"entries": ["1"], "next": target}
    )
    assert response.status_code == 302
    assert response["Location"] == f"/reviews/{c.cast.unit.pk}/"


@pytest.mark.parametrize("value", ["²", "١", str(2**63)])
def test_a_vote_for_an_impossible_application_id_is_a_form_error(c: Any, value: str) -> None:
    meeting = ReviewMeeting.objects.create(
        plan=c.world.plan,
        held_on=timezone.localdate(),
        place="会议室",
        members=9,
        created_by=c.cast.organizer,
    )
    response = client_for(c.cast.organizer).post(
        reverse("reviews:meeting", args=[c.organizer_org.pk, meeting.pk]),
        {"application": value, "present": "9", "yes": "9", "no": "0", "abstain": "0"},
    )
    assert response.status_code == 400
    assert "application" in response.context["form"].errors


def test_members_beyond_their_bound_are_refused(c: Any) -> None:
    response = client_for(c.cast.organizer).post(
        reverse("reviews:meetings", args=[c.organizer_org.pk]),
        {"held_on": "2026-12-01", "place": "会议室", "members": "40000", "entries": ["1"]},
    )
    assert response.status_code == 400
    assert "members" in response.context["form"].errors


@pytest.mark.parametrize("held_on", ["1990-01-01", "2099-01-01"])
def test_a_meeting_date_far_from_today_is_refused(c: Any, held_on: str) -> None:
    application = submitted(c)
    application.status = "awaiting"
    application.save(update_fields=["status"])
    response = client_for(c.cast.organizer).post(
        reverse("reviews:meetings", args=[c.organizer_org.pk]),
        {
            "held_on": held_on,
            "place": "会议室",
            "members": "9",
            "entries": [str(application.pk)],
            "plan": str(c.world.plan.pk),
        },
    )
    assert response.status_code == 400
    assert "held_on" in response.context["form"].errors
    assert not ReviewMeeting.objects.exists()


def test_a_publicity_years_ago_or_for_months_is_refused(c: Any) -> None:
    application = submitted(c)
    today = timezone.localdate()
    with pytest.raises(ValidationError) as long_ago:
        services.unit_publicity_record(
            unit=c.cast.unit,
            applications=[application],
            starts_on=datetime.date(1990, 1, 1),
            ends_on=datetime.date(1990, 1, 31),
            place="公示栏",
            result="",
            objections="",
            actor=c.cast.unit_admin,
        )
    assert "starts_on" in long_ago.value.message_dict
    with pytest.raises(ValidationError) as months:
        services.unit_publicity_record(
            unit=c.cast.unit,
            applications=[application],
            starts_on=today - datetime.timedelta(days=200),
            ends_on=today - datetime.timedelta(days=1),
            place="公示栏",
            result="",
            objections="",
            actor=c.cast.unit_admin,
        )
    assert "不能超过 90 天" in months.value.message_dict["ends_on"][0]
    unit_publicity(c, [application])  # three weeks ending yesterday is fine


@pytest.mark.parametrize("when", ["0001-01-01 00:00", "9999-12-31 23:59", "1990-05-01 09:00"])
def test_an_interview_time_far_from_today_in_the_spreadsheet_is_a_row_error(
    c: Any, when: str
) -> None:
    # Year 0001 reached the database and overflowed there when converted to UTC (a 500).
    c.world.plan.has_interview = True
    c.world.plan.save(update_fields=["has_interview"])
    first = submitted(c)
    sheet = _sheet([[first.person.id_number, "面试", when, "面试室", "1"]])
    response = client_for(c.cast.organizer).post(
        reverse("reviews:arrangements", args=[c.organizer_org.pk]),
        {"action": "import", "plan": c.world.plan.pk, "file": SimpleUploadedFile("a.xlsx", sheet)},
        follow=True,
    )
    assert response.status_code == 200
    assert "第2行：时间应在" in response.content.decode()
    assert not Arrangement.objects.exists()


def test_an_interview_time_far_from_today_on_the_page_is_refused(c: Any) -> None:
    c.world.plan.has_interview = True
    c.world.plan.save(update_fields=["has_interview"])
    first = submitted(c)
    response = client_for(c.cast.organizer).post(
        reverse("reviews:arrangements", args=[c.organizer_org.pk]),
        {
            "action": "one",
            "plan": c.world.plan.pk,
            "application": first.pk,
            "kind": "interview",
            "starts_at": "1990-05-01T09:00",
            "place": "面试室",
        },
        follow=True,
    )
    assert "时间应在" in response.content.decode()
    assert not Arrangement.objects.exists()
