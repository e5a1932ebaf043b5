"""factory_boy factories for the platform's models."""

import itertools
from typing import Any

import factory
from django.utils import timezone
from stdnum.cn import ric, uscc

from zhicheng.accounts.models import User
from zhicheng.demo.people import DEMO_PASSWORD
from zhicheng.orgs.models import Membership, Organization

_id_serial = itertools.count(1)
_uscc_serial = itertools.count(1)


def make_id_number(birth: str = "19850101", region: str = "340104") -> str:
    """A valid 身份证号, unique within the test run."""
    body = f"{region}{birth}{next(_id_serial) % 1000:03d}"
    return body + ric.calc_check_digit(body + "0")


def make_credit_code() -> str:
    body = f"9134010{next(_uscc_serial):010d}"
    return body + uscc.calc_check_digit(body)


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    kind = Organization.Kind.UNIT
    name = factory.Sequence(lambda n: f"测试单位{n}")
    credit_code = factory.LazyFunction(make_credit_code)
    region_code = "340104"
    status = Organization.Status.ACTIVE


class HrDepartmentFactory(OrganizationFactory):
    kind = Organization.Kind.HR
    credit_code = None
    name = factory.Sequence(lambda n: f"测试县{n}人力资源和社会保障局")
    level = Organization.Level.COUNTY


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    kind = User.Kind.STAFF
    username = factory.Sequence(lambda n: f"staff{n}")
    name = factory.Sequence(lambda n: f"工作人员{n}")
    password = factory.PostGenerationMethodCall("set_password", DEMO_PASSWORD)

    @classmethod
    def _after_postgeneration(cls, instance: User, create: bool, results: Any = None) -> None:
        # Save once more so the password set after creation reaches the database.
        if create:
            instance.save()


class PersonFactory(UserFactory):
    """A person who logged in through the SSO and completed the first-login page."""

    kind = User.Kind.PERSON
    username = factory.Sequence(lambda n: f"person-{n}")
    name = factory.Iterator(["张伟", "王芳", "李娜", "刘洋", "陈静"])
    id_number = factory.LazyFunction(make_id_number)
    sex = factory.LazyAttribute(lambda o: "男" if int(o.id_number[16]) % 2 else "女")
    birth_date = factory.LazyAttribute(lambda o: ric.get_birth_date(o.id_number))
    phone = "13800000000"
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.cn")
    political_status = "群众"
    ethnicity = "汉族"
    title_series = factory.LazyFunction(lambda: ["工程"])
    has_unit = User.HasUnit.NO
    profile_completed_at = factory.LazyFunction(timezone.now)
    password = factory.PostGenerationMethodCall("set_unusable_password")


class LegalPersonFactory(UserFactory):
    kind = User.Kind.LEGAL
    username = factory.Sequence(lambda n: f"legal-{n}")
    name = "法定代表人"
    unit_name = factory.Sequence(lambda n: f"测试单位{n}")
    credit_code = factory.LazyFunction(make_credit_code)
    password = factory.PostGenerationMethodCall("set_unusable_password")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organization = factory.SubFactory(OrganizationFactory)
    role = Membership.Role.REVIEWER
