"""Demo certificates: 张三 holds a valid one, 李四 one that was replaced (换证: 工作单位 corrected).

Generated here, synchronously, so the demo works before the worker has started; repeatable (the
source keys make a second run find the first certificates).
"""

import datetime
import io

from django.db import transaction
from PIL import Image

from zhicheng.accounts.models import User
from zhicheng.certificates import services
from zhicheng.certificates.models import Certificate
from zhicheng.demo import people as demo
from zhicheng.orgs.models import Organization


def _photo(color: str) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (413, 579), color).save(out, "JPEG")
    return out.getvalue()


def _details(
    account: demo.DemoSsoAccount, *, unit: str, **extra: str
) -> services.CertificateDetails:
    from stdnum.cn import ric

    number = account.id_number
    return services.CertificateDetails(
        holder_id_number=number,
        holder_name=account.name,
        sex="男" if int(number[16]) % 2 else "女",
        birth_date=ric.get_birth_date(number),
        unit_name=unit,
        series=extra.get("series", "中小学教师"),
        specialty=extra.get("specialty", "数学"),
        qualification=extra.get("qualification", "一级教师"),
        level=extra.get("level", "中级"),
        method=Certificate.Method.REVIEW,
        committee_name=extra.get("committee", "安徽省中小学教师中级职称评审委员会"),
        passed_on=datetime.date(2025, 11, 20),
        approval_number="皖职改〔2025〕18号",
    )


def _issue(
    item: services.IssueItem,
    *,
    issuer: Organization,
    actor: User,
    replaces: Certificate | None = None,
) -> Certificate:
    with transaction.atomic():
        certificate = services._issue_one(item, issuer=issuer, actor=actor, replaces=replaces)
    if certificate.status == Certificate.Status.GENERATING:
        services.certificate_generate(certificate_id=certificate.pk)
        certificate.refresh_from_db()
    return certificate


def load_certificate_demo() -> None:
    issuer = Organization.objects.get(kind=Organization.Kind.HR, name=demo.PROVINCE[1])
    actor = User.objects.get(username="fzjg")
    accounts = {a.username: a for a in demo.SSO_ACCOUNTS}
    zhangsan, lisi = accounts["zhangsan"], accounts["lisi"]
    _issue(
        services.IssueItem(
            details=_details(zhangsan, unit="合肥市第一中学"),
            source_key="demo:zhangsan",
            photo=_photo("#9fb3c8"),
            issued_on=datetime.date(2025, 12, 10),
        ),
        issuer=issuer,
        actor=actor,
    )
    old = _issue(
        services.IssueItem(
            details=_details(lisi, unit="合肥市第一中学（错）"),
            source_key="demo:lisi",
            photo=_photo("#c8b39f"),
            issued_on=datetime.date(2025, 12, 10),
        ),
        issuer=issuer,
        actor=actor,
    )
    _issue(
        services.IssueItem(
            details=_details(lisi, unit="合肥市第一中学"),
            source_key="demo:lisi-replacement",
            source=Certificate.Source.REPLACEMENT,
            photo=_photo("#c8b39f"),
        ),
        issuer=issuer,
        actor=actor,
        replaces=old,
    )
    # Certificates the demo's 核准 issued (周老师): generated here too, so a `load_demo` without a
    # worker shows them 有效.
    for pending in Certificate.objects.filter(
        status=Certificate.Status.GENERATING, source=Certificate.Source.APPROVAL
    ):
        services.certificate_generate(certificate_id=pending.pk)
