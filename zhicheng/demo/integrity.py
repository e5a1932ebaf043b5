"""Demo 诚信档案: one ban recorded by 合肥市人社局 (`rsj` sees it under 诚信档案)."""

from datetime import timedelta

from django.utils import timezone

from zhicheng.accounts.models import User
from zhicheng.core.identity import parse_id_number
from zhicheng.demo import people as demo
from zhicheng.integrity.models import IntegrityRecord
from zhicheng.integrity.services import integrity_record_create
from zhicheng.orgs.models import Organization

# A person of the platform who is not one of the README's applicants, so nobody's demo is blocked.
USERNAME = "sunmou"
NAME = "孙某"
ID_BODY = "34010419870920301"


def load_integrity_demo() -> None:
    parsed = parse_id_number(demo.id_number(ID_BODY))
    person, _ = User.objects.get_or_create(
        username=USERNAME,
        defaults={
            "kind": User.Kind.PERSON,
            "name": NAME,
            "id_number": parsed.number,
            "sex": parsed.sex,
            "birth_date": parsed.birth_date,
            "phone": "13805510199",
            "political_status": "群众",
            "ethnicity": "汉族",
            "title_series": ["工程"],
            "has_unit": User.HasUnit.NO,
            "profile_completed_at": timezone.now(),
        },
    )
    if IntegrityRecord.objects.filter(person=person).exists():
        return
    department = Organization.objects.get(kind=Organization.Kind.HR, region_code="340100")
    reviewer = User.objects.get(username="rsj")
    today = timezone.localdate()
    integrity_record_create(
        department=department,
        id_number=person.id_number or "",
        name=person.name,
        reason="2025年度职称申报中提供虚假论文证明材料",
        document_number="合人社秘〔2025〕112号",
        starts_on=today - timedelta(days=60),
        ends_on=today - timedelta(days=60) + timedelta(days=3 * 365),
        actor=reviewer,
    )
