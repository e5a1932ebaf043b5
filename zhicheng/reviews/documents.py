"""The review's papers: the data read here, the rendering done by `zhicheng.documents`."""

from typing import Any

from django.http import Http404, HttpResponse
from django.utils import timezone

from zhicheng.applications.models import Application, ImportedEntry, Section
from zhicheng.applications.selectors import ApplicationData, application_data
from zhicheng.applications.services import photo_bytes
from zhicheng.core.attachments import content_disposition
from zhicheng.documents import application_summary as summary
from zhicheng.documents import exceptional_approval as ea
from zhicheng.documents import parts
from zhicheng.documents import publicity_list as pl
from zhicheng.documents import review_form as rf
from zhicheng.documents import transfer_application as ta
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


def _xlsx(content: bytes, name: str) -> HttpResponse:
    response = HttpResponse(
        content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = content_disposition("attachment", name)
    response["Cache-Control"] = "private, no-store"
    return response


def review_form_response(application: Application) -> HttpResponse:
    content = rf.review_form_pdf(review_form_data(application))
    return _pdf(content, f"专业技术资格评审表-{application.person.name}.pdf")


# --- 破格审批表, 转评申报表 -----------------------------------------------------------------------


def _route_opinions(
    application: Application, offices: list[tuple[str, str]]
) -> list[parts.OfficeOpinion]:
    case = (
        ReviewCase.objects.filter(application=application)
        .prefetch_related("steps__organization")
        .order_by("-round")
        .first()
    )
    return [_opinion_for(case, node, office) for node, office in offices]


FORM_OFFICES = [
    (NodeRole.UNIT, "单位意见"),
    (NodeRole.DEPARTMENT, "主管部门意见"),
    (NodeRole.HR, "人社部门意见"),
    (NodeRole.ORGANIZER, "评委会组建单位意见"),
]


def exceptional_approval_response(application: Application) -> HttpResponse:
    data = application_data(application)
    current = "；".join(f"{t.name}（{t.obtained_on:%Y年}）" for t in data.titles) or "无"
    conditions = [
        ea.ExceptionalCondition(condition=line.strip(), evidence=application.exceptional_evidence)
        for line in (application.exceptional_conditions or "").splitlines()
        if line.strip()
    ] or [
        ea.ExceptionalCondition(condition="（未填写）", evidence=application.exceptional_evidence)
    ]
    form = ea.ExceptionalApprovalData(
        name=application.person.name,
        unit=application.unit.name if application.unit else "",
        specialty=application.specialty.name,
        current_title=current,
        title_applied=application.title,
        conditions=conditions,
        basic=[
            parts.Field("性别", application.person.sex or ""),
            parts.Field("身份证号", application.person.id_number or ""),
            parts.Field("工作年限", str(application.work_years or "")),
            parts.Field("专业年限", str(application.professional_years or "")),
        ],
        photo=photo_bytes(application),
        reason=application.exceptional_evidence,
        opinions=_route_opinions(application, FORM_OFFICES),
        filled_on=_filled_on(application),
    )
    return _pdf(ea.exceptional_approval_pdf(form), f"破格审批表-{application.person.name}.pdf")


def transfer_application_response(application: Application) -> HttpResponse:
    data = application_data(application)
    first = data.titles[0] if data.titles else None
    held = ta.HeldTitle(
        series=first.series if first else application.transfer_original_series,
        name=first.name if first else application.transfer_current_title,
        level=first.level if first else "",
        obtained_on=f"{first.obtained_on:%Y年%m月}" if first else "",
        certificate_number=first.certificate_number if first else "",
        issuer=first.issuer if first else "",
    )
    work = _work(data.sections[Section.WORK])
    form = ta.TransferApplicationData(
        name=application.person.name,
        unit=application.unit.name if application.unit else "",
        held=held,
        original_series=application.transfer_original_series or held.series,
        target_series=application.plan.series,
        target_specialty=application.specialty.name,
        target_title=application.title,
        target_level=application.plan.get_level_display(),
        reason=application.transfer_reason,
        work_since=parts.Section(
            "取得现职称以来的工作情况",
            ta.WORK_SINCE_COLUMNS,
            [
                list(row)[: len(ta.WORK_SINCE_COLUMNS)]
                + [""] * (len(ta.WORK_SINCE_COLUMNS) - len(row))
                for row in work.rows
            ],
        ),
        basic=[
            parts.Field("性别", application.person.sex or ""),
            parts.Field("身份证号", application.person.id_number or ""),
        ],
        photo=photo_bytes(application),
        opinions=_route_opinions(application, FORM_OFFICES),
        filled_on=_filled_on(application),
    )
    return _pdf(ta.transfer_application_pdf(form), f"转评申报表-{application.person.name}.pdf")


def _filled_on(application: Application) -> str:
    return f"{timezone.localtime(application.submitted_at or timezone.now()):%Y年%m月%d日}"


# --- 导出申报信息 ----------------------------------------------------------------------------------


def _imports_table(title: str, items: list[ImportedEntry]) -> parts.Section:
    rows = [
        [str(i.position), i.summary, i.period, "；".join(f"{k}：{v}" for k, v in i.facts)]
        for i in items
    ]
    return parts.Section(title, ("序号", "内容", "时间", "详细信息"), rows, widths=(0.6, 3, 1.4, 5))


def application_summary_data(application: Application) -> summary.ApplicationSummaryData:
    data = application_data(application)
    person = application.person
    basic = summary.SummarySection(
        "基本信息",
        fields=[
            parts.Field("姓名", person.name),
            parts.Field("身份证号", person.id_number or ""),
            parts.Field("性别", person.sex or ""),
            parts.Field("工作单位", application.unit.name if application.unit else ""),
            parts.Field("申报形式", application.get_apply_form_display()),
            parts.Field("申报专业", application.specialty.name),
            parts.Field("申报职称", application.title),
            parts.Field("评审级别", application.plan.get_level_display()),
            parts.Field("政治面貌", application.political_status),
            parts.Field("民族", application.ethnicity),
            parts.Field("手机号码", application.phone),
            parts.Field("工作年限", str(application.work_years or "")),
            parts.Field("专业年限", str(application.professional_years or "")),
            parts.Field("申报状态", application.get_status_display()),
        ],
    )
    titles = summary.SummarySection(
        "现有职称情况",
        tables=[
            parts.Section(
                "",
                ("职称", "级别", "专业", "取得时间", "证书编号", "评聘情况"),
                [
                    [
                        t.name,
                        t.level,
                        t.specialty,
                        f"{t.obtained_on:%Y-%m-%d}",
                        t.certificate_number,
                        "；".join(
                            f"{a.unit} {a.post} {a.starts_on:%Y-%m-%d}起"
                            for a in t.appointments.all()
                        ),
                    ]
                    for t in data.titles
                ],
            )
        ],
    )
    sections = [basic, titles]
    for key, items in data.sections.items():
        label = Section(key).label
        sections.append(summary.SummarySection(label, tables=[_imports_table("", items)]))
    for block in data.categories:
        sections.append(
            summary.SummarySection(
                f"申报业绩 · {block.category.name}", tables=[_imports_table("", block.imports)]
            )
        )
    files = [
        [slot.name, a.display_name, a.kind.upper(), a.sha256[:16]]
        for slot in data.slots
        for a in data.attachments.get(slot.pk, [])
    ]
    sections.append(
        summary.SummarySection(
            "附件一览",
            tables=[parts.Section("", ("附件项", "文件名", "类型", "SHA-256（前16位）"), files)],
        )
    )
    return summary.ApplicationSummaryData(
        title="职称申报信息",
        subtitle=plan_title(application.plan),
        sections=sections,
        exported_at=f"{timezone.localtime():%Y-%m-%d %H:%M}",
        photo=photo_bytes(application),
    )


def application_summary_response(application: Application, *, fmt: str) -> HttpResponse:
    data = application_summary_data(application)
    name = f"职称申报信息-{application.person.name}"
    if fmt == "xlsx":
        return _xlsx(summary.application_summary_xlsx(data), f"{name}.xlsx")
    if fmt == "pdf":
        return _pdf(summary.application_summary_pdf(data), f"{name}.pdf")
    raise Http404("没有该格式")


# --- 公示 lists ------------------------------------------------------------------------------------


PUBLICITY_COLUMNS = pl.PUBLICITY_COLUMNS


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


def plan_title(plan: Any) -> str:
    """The plan as printed: its name, with the year in front unless the name starts with it."""
    return plan.name if plan.name.startswith(str(plan.year)) else f"{plan.year}年度{plan.name}"


def publicity_list_data(publicity: Publicity) -> pl.PublicityListData:
    plan = plan_title(publicity.plan)
    who = "拟推荐人员" if publicity.kind == Publicity.Kind.UNIT else "评审通过人员"
    return pl.PublicityListData(
        title=f"关于{plan}{who}的公示",
        intro=f"根据职称评审有关规定，现将{plan}{who}名单予以公示。",
        table=parts.Section(
            "公示名单", PUBLICITY_COLUMNS, publicity_rows(publicity), widths=pl.PUBLICITY_WIDTHS
        ),
        start=f"{publicity.starts_on:%Y年%m月%d日}",
        end=f"{publicity.ends_on:%Y年%m月%d日}",
        contact=pl.ObjectionContact(
            person=publicity.organization.contact_name or "—",
            phone=publicity.organization.contact_phone or "—",
            address=publicity.place,
        ),
        issuer=publicity.organization.name,
        issued_on=f"{publicity.starts_on:%Y年%m月%d日}",
    )


def publicity_list_response(publicity: Publicity, *, fmt: str) -> HttpResponse:
    """The 公示 list to post, as PDF or spreadsheet."""
    data = publicity_list_data(publicity)
    if fmt == "xlsx":
        return _xlsx(pl.publicity_list_xlsx(data), f"{data.title}.xlsx")
    if fmt == "pdf":
        return _pdf(pl.publicity_list_pdf(data), f"{data.title}.pdf")
    raise Http404("没有该格式")


# --- 准考证 --------------------------------------------------------------------------------------


def admission_ticket_response(application: Application, *, verify_url: str) -> HttpResponse:
    from zhicheng.core.identity import mask_id_number
    from zhicheng.documents import admission_ticket as at

    from .models import Arrangement

    arrangements = list(Arrangement.objects.filter(application=application).order_by("starts_at"))
    if not arrangements:
        raise Http404("尚未安排面试或笔试")
    plan = application.plan
    sessions = [
        at.ExamSession(
            subject=f"{a.get_kind_display()}（{application.specialty.name}）",
            time=f"{timezone.localtime(a.starts_at):%Y年%m月%d日 %H:%M}",
            place=a.place,
            seat=a.seat,
        )
        for a in arrangements
    ]
    kinds = "、".join(dict.fromkeys(a.get_kind_display() for a in arrangements))
    data = at.AdmissionTicketData(
        title=f"{plan_title(plan)} {kinds}准考证",
        name=application.person.name,
        id_number_masked=mask_id_number(application.person.id_number or ""),
        ticket_number=arrangements[0].ticket_number,
        specialty=application.specialty.name,
        title_applied=application.title,
        sessions=sessions,
        organizer=plan.organizer.name,
        verify_url=verify_url,
        notes=(
            "请携带本准考证和有效身份证件，提前 30 分钟到达考场。",
            "开始 15 分钟后不得入场。",
            "遵守考场纪律，服从工作人员安排。",
        ),
        photo=photo_bytes(application),
        issued_on=f"{timezone.localdate():%Y年%m月%d日}",
    )
    return _pdf(at.admission_ticket_pdf(data), f"准考证-{application.person.name}.pdf")


def overview_response(data: Any, *, title: str) -> HttpResponse:
    """The overview as a workbook: one sheet per table."""
    from openpyxl import Workbook

    from zhicheng.documents.sheets import apply_widths, workbook_bytes, write_table

    book = Workbook()
    first = book.active
    assert first is not None
    book.remove(first)
    tables = [
        ("按申报状态", ("申报状态", "人数"), data.by_status),
        ("按当前环节", ("环节", "人数"), data.by_node),
        ("按申报形式", ("申报形式", "人数"), data.by_form),
        (
            "按申报专业",
            ("申报专业", *data.statuses, "合计"),
            [(name, *counts, total) for name, counts, total in data.by_specialty],
        ),
    ]
    for sheet_name, columns, rows in tables:
        sheet = book.create_sheet(sheet_name)
        widths: dict[int, int] = {}
        write_table(sheet, columns, [[str(v) for v in row] for row in rows], widths=widths)
        apply_widths(sheet, widths)
    return _xlsx(workbook_bytes(book), f"{title}.xlsx")
