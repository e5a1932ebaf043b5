"""核准 → 电子职称证书: the reviews hook issues each approved result's certificate (one, or a batch
for a batch 核准), from the application's data and photo; the issuer's 核准结果 page lists the
results with the state of their certificates and generates the missing ones.

Generation runs through the real queue: `db_worker --batch` runs the tasks the 核准 enqueued.
"""

import datetime
import hashlib
import re
from dataclasses import replace
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from zhicheng.applications import services as application_services
from zhicheng.applications.models import Application, ApplicationEvent
from zhicheng.certificates import approvals
from zhicheng.certificates.models import Certificate, GenerationBatch, IssueFailure
from zhicheng.reviews import hooks
from zhicheng.reviews import services as reviews
from zhicheng.reviews.tests.factories import chain, past_period, submitted, through_route

# transaction=True: the in-process `db_worker` closes the connection when it is done.
pytestmark = pytest.mark.django_db(transaction=True)
C = Certificate.Status
S = Application.Status
NUMBER = "皖人社秘〔2026〕8号"


@pytest.fixture
def c(cast: Any) -> Any:
    return chain(cast)


def in_publicity(c: Any, people: list[Any]) -> list[Application]:
    """Applications of these people walked to 公示中 (评审结果公示 over), ready for 核准."""
    applications = [
        through_route(c, submitted(c) if person == c.world.person else submitted(c, person=person))
        for person in people
    ]
    meeting = reviews.meeting_create(
        plan=c.world.plan, held_on=timezone.localdate() - datetime.timedelta(days=30),
        place="评审会议室", members=9, applications=applications, actor=c.cast.organizer,
    )  # fmt: skip
    for application in applications:
        reviews.vote_record(
            meeting=meeting, application=application, present=7, yes=6, no=1, abstain=0,
            actor=c.cast.organizer,
        )  # fmt: skip
    start, end = past_period()
    reviews.result_publicity_record(
        organizer=c.organizer_org, plan=c.world.plan, applications=applications,
        starts_on=start, ends_on=end, place="https://example.cn/gs", actor=c.cast.organizer,
    )  # fmt: skip
    for application in applications:
        application.refresh_from_db()
        assert application.status == S.PUBLICITY
    return applications


def approve(c: Any, applications: list[Application]) -> None:
    reviews.results_approve(
        issuer=c.province, applications=applications, approval_number=NUMBER,
        actor=c.province_issuer,
    )  # fmt: skip


def run_worker() -> None:
    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)


def of(application: Application) -> Certificate:
    return Certificate.objects.get(source_key=f"result:{application.pk}")


def states(page: str) -> dict[int, str]:
    """The 证书 cell of each row of the 核准结果 page, as text, by application pk."""
    rows = re.findall(
        r'data-testid="result-(\d+)".*?data-testid="certificate-state">(.*?)</td>', page, re.S
    )
    return {int(pk): " ".join(re.sub(r"<[^>]+>", " ", cell).split()) for pk, cell in rows}


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_approving_one_result_issues_its_certificate_from_the_application(c: Any) -> None:
    (application,) = in_publicity(c, [c.cast.applicant])
    approve(c, [application])
    certificate = of(application)
    assert Certificate.objects.count() == 1
    assert certificate.status == C.GENERATING and certificate.batch is None
    run_worker()
    certificate.refresh_from_db()
    assert certificate.status == C.VALID and certificate.pdf_sha256
    person = application.person
    meeting_day = timezone.localdate() - datetime.timedelta(days=30)
    assert (
        certificate.holder, certificate.holder_id_number, certificate.holder_name,
        certificate.sex, certificate.birth_date, certificate.unit_name, certificate.series,
        certificate.specialty, certificate.qualification, certificate.level, certificate.method,
        certificate.committee_name, certificate.passed_on, certificate.approval_number,
        certificate.issuer, certificate.source,
    ) == (
        person, person.id_number, person.name, person.sex, person.birth_date, "测试学校",
        application.plan.series, application.specialty.name, application.title, "副高级",
        Certificate.Method.REVIEW, "测试高级评委会", meeting_day, NUMBER, c.province,
        Certificate.Source.APPROVAL,
    )  # fmt: skip
    # The application's photo, so the holder is not asked for one.
    photo = application_services.photo_bytes(application)
    assert (
        photo
        and hashlib.sha256(photo).digest()
        == hashlib.sha256(certificate.photo.open("rb").read()).digest()
    )
    # 已核准 → 已发证 once the certificate is 有效, recorded as the application's event.
    application.refresh_from_db()
    assert application.status == S.CERTIFIED
    event = ApplicationEvent.objects.get(application=application, to_status=S.CERTIFIED)
    assert event.from_status == S.APPROVED and certificate.number in event.opinion
    # 我的职称 of the applicant lists it with 下载.
    page = client_for(person).get(reverse("certificates:mine")).content.decode()
    assert certificate.number in page and "下载" in page


def test_the_hook_called_twice_and_generate_again_issue_one_certificate(c: Any) -> None:
    (application,) = in_publicity(c, [c.cast.applicant])
    seen: list[Any] = []
    with hooks.result_approved.registered(lambda results, actor: seen.extend(results)):
        approve(c, [application])
    approvals.certificates_for_approved(seen, c.province_issuer)
    approvals.certificates_for_approved([replace(seen[0])], c.province_issuer)
    outcome = approvals.issuer_results_generate(
        issuer=c.province, applications=[application], actor=c.province_issuer
    )
    assert outcome.batch is None and outcome.certificates == []
    assert Certificate.objects.filter(source_key=f"result:{application.pk}").count() == 1
    assert Certificate.objects.count() == 1
    assert not GenerationBatch.objects.exists()
    run_worker()
    run_worker()
    assert of(application).events.filter(to_status=C.VALID).count() == 1


def test_a_batch_approval_issues_one_batch_with_progress(c: Any) -> None:
    applications = in_publicity(c, [c.cast.applicant, c.cast.applicant2])
    approve(c, applications)
    batch = GenerationBatch.objects.get()
    assert batch.kind == GenerationBatch.Kind.GENERATE and batch.total == 2
    assert batch.issuer == c.province and NUMBER in batch.note
    assert sorted(batch.certificates.values_list("source_key", flat=True)) == sorted(
        f"result:{a.pk}" for a in applications
    )
    page = client_for(c.province_issuer).get(
        reverse("certificates:issuer_batch", args=[c.province.pk, batch.pk])
    )
    assert "已生成 0 份" in page.content.decode()
    run_worker()
    assert set(batch.certificates.values_list("status", flat=True)) == {C.VALID}
    page = client_for(c.province_issuer).get(
        reverse("certificates:issuer_batch", args=[c.province.pk, batch.pk])
    )
    assert "共 2 份：已生成 2 份" in page.content.decode()


def test_transfer_applications_give_a_transfer_certificate(c: Any) -> None:
    (application,) = in_publicity(c, [c.cast.applicant])
    seen: list[Any] = []
    with hooks.result_approved.registered(lambda results, actor: seen.extend(results)):
        approve(c, [application])
    application.apply_form = "transfer"
    item = approvals.result_item(replace(seen[0], application=application))
    assert item.details.method == Certificate.Method.TRANSFER
    assert item.source_key == f"result:{application.pk}"


def test_a_failing_issue_keeps_the_approval_and_the_issuer_generates_it_later(
    c: Any, settings: Any
) -> None:
    """Decision: the 核准 stands and the certificate is retried from the 核准结果 page."""
    configured = settings.CERTIFICATE_ISSUERS
    settings.CERTIFICATE_ISSUERS = {"另一机关": configured["*"]}  # the province has no entry
    applications = in_publicity(c, [c.cast.applicant, c.cast.applicant2])
    approve(c, applications)
    for application in applications:
        application.refresh_from_db()
        assert application.status == S.APPROVED
    assert not Certificate.objects.exists() and not GenerationBatch.objects.exists()
    reasons = set(IssueFailure.objects.values_list("reason", flat=True))
    assert reasons == {f"发证机关“{c.province.name}”没有证书签发配置（CERTIFICATE_ISSUERS）"}

    issuer = client_for(c.province_issuer)
    url = reverse("certificates:issuer_results", args=[c.province.pk])
    page = issuer.get(url, {"state": "failed"}).content.decode()
    assert set(states(page)) == {a.pk for a in applications}
    assert all(s.startswith("生成失败") and "没有证书签发配置" in s for s in states(page).values())

    settings.CERTIFICATE_ISSUERS = configured
    response = issuer.post(
        reverse("certificates:issuer_results_generate", args=[c.province.pk]),
        {"entries": [applications[0].pk]},
    )
    batch = GenerationBatch.objects.get()
    assert response.url == reverse("certificates:issuer_batch", args=[c.province.pk, batch.pk])
    assert batch.total == 1 and of(applications[0]).batch == batch
    assert not IssueFailure.objects.filter(source_key=f"result:{applications[0].pk}").exists()
    # The rest with 为全部待生成的 … 生成.
    issuer.post(reverse("certificates:issuer_results_generate", args=[c.province.pk]), {"all": "1"})
    assert Certificate.objects.count() == 2 and not IssueFailure.objects.exists()
    run_worker()
    assert set(Certificate.objects.values_list("status", flat=True)) == {C.VALID}


def test_results_approved_before_the_wiring_are_listed_and_generated(c: Any) -> None:
    applications = in_publicity(c, [c.cast.applicant, c.cast.applicant2])
    hooks.result_approved.unregister(approvals.certificates_for_approved)
    try:
        approve(c, applications)
    finally:
        hooks.result_approved.register(approvals.certificates_for_approved)
    assert not Certificate.objects.exists()
    issuer = client_for(c.province_issuer)
    url = reverse("certificates:issuer_results", args=[c.province.pk])
    page = issuer.get(url, {"state": "missing"}).content.decode()
    assert states(page) == {a.pk: "未生成" for a in applications}
    assert NUMBER in page and "为全部待生成的 2 人生成" in page
    # Search by name; the other person's row is not there.
    page = issuer.get(url, {"q": c.cast.applicant2.name}).content.decode()
    assert set(states(page)) == {applications[1].pk}
    assert set(states(issuer.get(url, {"plan": c.world.plan.pk}).content.decode())) == {
        a.pk for a in applications
    }
    assert states(issuer.get(url, {"plan": c.world.plan.pk + 1}).content.decode()) == {}

    issuer.post(
        reverse("certificates:issuer_results_generate", args=[c.province.pk]),
        {"entries": [a.pk for a in applications]},
    )
    assert GenerationBatch.objects.get().total == 2
    run_worker()
    page = issuer.get(url).content.decode()
    assert states(page) == {a.pk: "有效 查看" for a in applications}
    assert "为全部待生成" not in page
    assert issuer.get(url, {"state": "pending"}).content.decode().count('name="entries"') == 0


def test_a_failed_generation_task_is_shown_and_queued_again(c: Any) -> None:
    (application,) = in_publicity(c, [c.cast.applicant])
    approve(c, [application])
    certificate = of(application)
    DBTaskResult.objects.filter(id=certificate.task_id).update(status="FAILED")
    issuer = client_for(c.province_issuer)
    url = reverse("certificates:issuer_results", args=[c.province.pk])
    page = issuer.get(url, {"state": "failed"}).content.decode()
    assert states(page) == {application.pk: "生成失败 查看"}
    issuer.post(
        reverse("certificates:issuer_results_generate", args=[c.province.pk]),
        {"entries": [application.pk]},
    )
    certificate.refresh_from_db()
    assert DBTaskResult.objects.get(id=certificate.task_id).status == "READY"
    run_worker()
    certificate.refresh_from_db()
    assert certificate.status == C.VALID and Certificate.objects.count() == 1


def test_another_issuer_sees_none_of_these_results(c: Any) -> None:
    (application,) = in_publicity(c, [c.cast.applicant])
    approve(c, [application])
    from zhicheng.certificates.tests.factories import issuer_org

    other = issuer_org(c.cast)  # the cast's issuer acts for the county, not the province
    page = client_for(c.cast.issuer).get(reverse("certificates:issuer_results", args=[other.pk]))
    assert states(page.content.decode()) == {}
    response = client_for(c.cast.issuer).post(
        reverse("certificates:issuer_results_generate", args=[other.pk]),
        {"entries": [application.pk]},
    )
    assert response.status_code == 302 and Certificate.objects.count() == 1
    assert (
        client_for(c.cast.issuer)
        .get(reverse("certificates:issuer_results", args=[c.province.pk]))
        .status_code
        == 404
    )


def test_the_demo_has_an_approved_result_with_its_certificate() -> None:
    from zhicheng.accounts.models import User

    call_command("load_demo", "--no-idp")
    person = User.objects.get(username="demo-zhoulaoshi")
    application = Application.objects.get(person=person)
    assert application.status == S.CERTIFIED
    certificate = of(application)
    assert certificate.status == C.VALID and certificate.holder == person
    fzjg = User.objects.get(username="fzjg")
    page = client_for(fzjg).get(
        reverse("certificates:issuer_results", args=[certificate.issuer_id])
    )
    assert states(page.content.decode()) == {application.pk: "有效 查看"}
