"""The review's papers: the data read here, the rendering done by `zhicheng.documents`."""

import importlib
import io
from typing import Any

from django.http import Http404, HttpResponse
from django.utils import timezone
from openpyxl import Workbook

from zhicheng.applications.models import Application, ImportedEntry, Section
from zhicheng.applications.selectors import ApplicationData, application_data
from zhicheng.applications.services import photo_bytes
from zhicheng.core.attachments import content_disposition
from zhicheng.documents import review_form as rf
from zhicheng.library.models import Entry

from .models import CommitteeVote, Publicity, ReviewCase, ReviewStep
from .route import NodeRole

K = Entry.Kind
PUBLICATION_KINDS = (K.PAPER, K.BOOK)


def _facts(item: ImportedEntry) -> dict[str, str]:
    return {str(label): str(value) for label, value in item.facts}


def _span(facts: dict[str, str], start: str, end: str) -> str:
    first, last = facts.get(start, ""), facts.get(end, "")
    if not first:
        return ""
    return f"{first}—{last or '至今'}"


def _education(items: list[ImportedEntry]) -> rf.Section:
    rows = []
    for item in items:
        f = _facts(item)
        rows.append(
            [
                _span(f, "入学时间", "毕业时间"),
                f.get("院校", ""),
                f.get("专业", ""),
                f.get("学历", ""),
                f.get("学位", ""),
                "是" if item.qualified else "",
            ]
        )
    return rf.Section("学历", rf.EDUCATION_COLUMNS, rows, widths=(1.6, 2.2, 1.6, 1, 1, 0.8))


def _work(items: list[ImportedEntry]) -> rf.Section:
    rows = []
    for item in items:
        f = _facts(item)
        rows.append(
            [
                _span(f, "开始时间", "结束时间"),
                f.get("单位", ""),
                f.get("岗位/从事专业技术工作", ""),
                f.get("职务", ""),
            ]
        )
    return rf.Section("工作经历", rf.WORK_COLUMNS, rows, widths=(1.6, 2.4, 2.2, 1.2))


def _training(items: list[ImportedEntry]) -> rf.Section:
    rows = []
    for item in items:
        f = _facts(item)
        hours = f"公需 {f.get('公需科目学时', '')}，专业 {f.get('专业科目学时', '')}"
        rows.append([f.get("年度", ""), "继续教育", f.get("培训机构", ""), hours])
    return rf.Section("继续教育", rf.CONTINUING_EDUCATION_COLUMNS, rows)


def _appraisal(items: list[ImportedEntry]) -> rf.Section:
    rows = [
        [_facts(i).get("年度", ""), _facts(i).get("考核单位", ""), i.get_appraisal_choice_display()]
        for i in items
    ]
    return rf.Section("年度考核", rf.ASSESSMENT_COLUMNS, rows)


def _achievement_row(item: ImportedEntry) -> list[str]:
    f = _facts(item)
    when = (
        f.get("获奖时间") or f.get("授权日期") or f.get("发布日期") or f.get("时间") or item.period
    )
    role = f.get("本人排名") or f.get("本人角色") or ""
    level = " ".join(v for v in (f.get("级别", ""), f.get("等次", ""), f.get("来源", "")) if v)
    return [when, item.summary, role, level, item.get_kind_display()]


def _publication_row(item: ImportedEntry) -> list[str]:
    f = _facts(item)
    return [
        f.get("发表时间") or f.get("出版时间", ""),
        f.get("题目") or f.get("书名", ""),
        f.get("刊物") or f.get("出版社", ""),
        f.get("ISSN/CN") or f.get("ISBN", ""),
        f.get("本人排名") or f.get("本人角色", ""),
    ]


def _opinion_for(case: ReviewCase | None, node: str, office: str, **extra: Any) -> rf.OfficeOpinion:
    steps: list[ReviewStep] = []
    if case is not None:
        steps = [s for s in case.steps.all() if s.node == node and s.decided_at]
    if not steps:
        return rf.OfficeOpinion(office, **extra)
    text = "；".join(
        f"{s.organization.name}：{s.get_status_display()}"
        + (f"（{s.opinion}）" if s.opinion else "")
        for s in steps
    )
    last = steps[-1].decided_at
    return rf.OfficeOpinion(
        office, opinion=text, date=f"{last:%Y年%m月%d日}" if last else "", **extra
    )


def review_form_data(
    application: Application, data: ApplicationData | None = None
) -> rf.ReviewFormData:
    """The 专业技术资格评审表 of the application: its data, the offices' opinions, the 公示, the vote."""
    data = data or application_data(application)
    case = (
        ReviewCase.objects.filter(application=application)
        .prefetch_related("steps__organization")
        .order_by("-round")
        .first()
    )
    person = application.person
    performance = [item for block in data.categories for item in block.imports]
    achievements = []
    for block in data.categories:
        rows = [_achievement_row(i) for i in block.imports if i.kind not in PUBLICATION_KINDS]
        achievements.append(
            rf.Section(
                block.category.name, rf.ACHIEVEMENT_COLUMNS, rows, widths=(1.2, 3, 1.2, 1.6, 1)
            )
        )
    publications = [_publication_row(i) for i in performance if i.kind in PUBLICATION_KINDS]
    info = application.professional_info or {}
    basic = [
        rf.Field("姓名", person.name),
        rf.Field("性别", person.sex or ""),
        rf.Field("出生年月", f"{person.birth_date:%Y年%m月}" if person.birth_date else ""),
        rf.Field("民族", application.ethnicity),
        rf.Field("政治面貌", application.political_status),
        rf.Field("身份证号", person.id_number or ""),
        rf.Field("参加工作时间", str(info.get("work_start", ""))),
        rf.Field("工作年限", str(application.work_years or "")),
        rf.Field("专业年限", str(application.professional_years or "")),
        rf.Field("申报形式", application.get_apply_form_display()),
        rf.Field("现任职务（岗位）", str(info.get("current_post", "")), wide=True),
        rf.Field(
            "现有职称",
            "；".join(f"{t.name}（{t.specialty}，{t.obtained_on:%Y年%m月}）" for t in data.titles),
            wide=True,
        ),
        rf.Field("联系电话", application.phone),
    ]
    unit_publicity = (
        Publicity.objects.filter(kind=Publicity.Kind.UNIT, applications=application)
        .order_by("-starts_on")
        .first()
    )
    publicity = rf.Publicity()
    if unit_publicity is not None:
        publicity = rf.Publicity(
            start=f"{unit_publicity.starts_on:%Y年%m月%d日}",
            end=f"{unit_publicity.ends_on:%Y年%m月%d日}",
            place=unit_publicity.place,
            result=unit_publicity.result,
        )
    vote_row = CommitteeVote.objects.filter(application=application).first()
    vote = rf.Vote()
    committee_extra: dict[str, Any] = {}
    if vote_row is not None:
        vote = rf.Vote(
            members=vote_row.members,
            present=vote_row.present,
            yes=vote_row.yes,
            no=vote_row.no,
            abstain=vote_row.abstain,
            result="通过" if vote_row.passed else "未通过",
        )
        committee_extra = {
            "opinion": "经评审，"
            + ("同意" if vote_row.passed else "不同意")
            + f"通过{application.title}任职资格",
            "date": f"{vote_row.meeting.held_on:%Y年%m月%d日}",
        }
    department = _opinion_for(case, NodeRole.DEPARTMENT, "主管部门意见")
    opinions = [
        _opinion_for(case, NodeRole.UNIT, "单位推荐意见", publicity=publicity),
        department,
        _opinion_for(case, NodeRole.HR, "人社部门意见"),
        _opinion_for(case, NodeRole.ORGANIZER, "评委会组建单位资格审查意见"),
        rf.OfficeOpinion("评委会意见", signer="评委会主任（签字）", vote=vote, **committee_extra),
    ]
    submitted = application.submitted_at or timezone.now()
    return rf.ReviewFormData(
        name=person.name,
        unit=application.unit.name if application.unit else "",
        specialty=application.specialty.name,
        title=application.title,
        level=application.plan.get_level_display(),
        series=application.plan.series,
        filled_on=f"{timezone.localtime(submitted):%Y年%m月%d日}",
        basic=basic,
        photo=photo_bytes(application),
        education=_education(data.sections[Section.EDUCATION]),
        work=_work(data.sections[Section.WORK]),
        continuing_education=_training(data.sections[Section.TRAINING]),
        assessments=_appraisal(data.sections[Section.APPRAISAL]),
        achievements=achievements,
        publications=rf.Section("论文著作", rf.PUBLICATION_COLUMNS, publications),
        opinions=opinions,
        issuer_line="安徽省人力资源和社会保障厅制",
    )


def _pdf(content: bytes, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition("inline", name)
    response["Cache-Control"] = "private, no-store"
    return response


def review_form_response(application: Application) -> HttpResponse:
    content = rf.review_form_pdf(review_form_data(application))
    return _pdf(content, f"专业技术资格评审表-{application.person.name}.pdf")


def publicity_rows(publicity: Publicity) -> list[list[str]]:
    people = publicity.applications.select_related("person", "unit", "specialty").order_by("pk")
    return [
        [
            str(number),
            a.person.name,
            a.unit.name if a.unit else "",
            a.specialty.name,
            a.title,
            a.get_apply_form_display(),
            "",
        ]
        for number, a in enumerate(people, start=1)
    ]


PUBLICITY_COLUMNS = ("序号", "姓名", "工作单位", "申报专业", "申报职称", "申报形式", "备注")


def publicity_list_response(publicity: Publicity, *, fmt: str) -> HttpResponse:
    """The 公示 list: a spreadsheet here; the PDF comes from documents' publicity_list."""
    title = f"关于{publicity.plan.year}年度{publicity.plan.name}{publicity.get_kind_display()}"
    rows = publicity_rows(publicity)
    if fmt == "xlsx":
        book = Workbook()
        sheet = book.active
        assert sheet is not None
        sheet.title = "公示名单"
        sheet.append([title])
        sheet.append(list(PUBLICITY_COLUMNS))
        for row in rows:
            sheet.append(row)
        sheet.append([])
        sheet.append(
            [f"公示期：{publicity.starts_on:%Y年%m月%d日} 至 {publicity.ends_on:%Y年%m月%d日}"]
        )
        sheet.append([f"公示地点：{publicity.place}"])
        sheet.freeze_panes = "A3"
        buffer = io.BytesIO()
        book.save(buffer)
        response = HttpResponse(
            buffer.getvalue(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = content_disposition("attachment", f"{title}.xlsx")
        return response
    if fmt == "pdf":
        try:
            # documents' 公示 list arrives with its own branch; until then, the spreadsheet only.
            pl: Any = importlib.import_module("zhicheng.documents.publicity_list")
        except ImportError:
            raise Http404("公示名单 PDF 尚未提供，请下载电子表格") from None
        data = pl.PublicityListData(
            title=title,
            intro="根据职称评审有关规定，现将以下人员予以公示。",
            table=pl.Section("公示名单", PUBLICITY_COLUMNS, rows),
            start=f"{publicity.starts_on:%Y年%m月%d日}",
            end=f"{publicity.ends_on:%Y年%m月%d日}",
            contact=pl.ObjectionContact(person="", phone=""),
            issuer=publicity.organization.name,
            issued_on=f"{publicity.starts_on:%Y年%m月%d日}",
        )
        return _pdf(pl.publicity_list_pdf(data), f"{title}.pdf")
    raise Http404("没有该格式")
