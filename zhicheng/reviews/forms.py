"""Input of the review pages; every 400 comes from here (the services add their own refusals)."""

from typing import Any

from django import forms

from zhicheng.core import forms as core_forms
from zhicheng.core.ids import IdField
from zhicheng.core.workflow import OPINION_MAX_LENGTH
from zhicheng.library.forms import EntryIdsField

from .models import MAX_MEMBERS
from .services import Decision

DATE = forms.DateInput(attrs={"type": "date"})


class ApplicationIdsField(EntryIdsField):
    def to_python(self, value: Any) -> list[int]:
        try:
            return super().to_python(value)
        except forms.ValidationError:
            raise forms.ValidationError("所选申报不存在或过多（每次最多 500 条）") from None


class DecisionForm(core_forms.Form):
    decision = forms.ChoiceField(
        label="审核结果",
        choices=list(Decision.LABELS.items()),
        widget=forms.RadioSelect,
        error_messages={"required": "请选择审核结果"},
    )
    opinion = forms.CharField(
        label="审核意见",
        max_length=OPINION_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="退回修改、不通过时必填",
        error_messages={"max_length": "意见不能超过 500 字"},
    )
    deadline = forms.DateField(
        label="修改截止日期",
        required=False,
        widget=DATE,
        help_text="退回修改时适用；不填则为允许的最晚日期",
        error_messages={"invalid": "请填写有效日期"},
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        needs_opinion = data.get("decision") in (Decision.RETURN, Decision.REJECT)
        if needs_opinion and not (data.get("opinion") or "").strip():
            self.add_error("opinion", f"{Decision.LABELS[data['decision']]}时请填写意见")
        return data


class BatchForm(core_forms.Form):
    entries = ApplicationIdsField(error_messages={"required": "请至少选择一条申报"})
    opinion = forms.CharField(
        max_length=OPINION_MAX_LENGTH,
        required=False,
        error_messages={"max_length": "意见不能超过 500 字"},
    )


class PeriodForm(core_forms.Form):
    starts_on = forms.DateField(
        label="公示开始日期",
        widget=DATE,
        error_messages={"required": "请填写公示开始日期", "invalid": "请填写有效日期"},
    )
    ends_on = forms.DateField(
        label="公示结束日期",
        widget=DATE,
        error_messages={"required": "请填写公示结束日期", "invalid": "请填写有效日期"},
    )
    place = forms.CharField(
        label="公示地点或网址", max_length=300, error_messages={"required": "请填写公示地点或网址"}
    )
    entries = ApplicationIdsField(error_messages={"required": "请至少选择一名人员"})


class UnitPublicityForm(PeriodForm):
    result = forms.CharField(
        label="公示结果", max_length=500, required=False, help_text="如：公示期内无异议"
    )
    objections = forms.CharField(
        label="异议情况", max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class MeetingForm(core_forms.Form):
    held_on = forms.DateField(
        label="会议日期",
        widget=DATE,
        error_messages={"required": "请填写会议日期", "invalid": "请填写有效日期"},
    )
    place = forms.CharField(
        label="会议地点", max_length=200, error_messages={"required": "请填写会议地点"}
    )
    members = forms.IntegerField(
        label="评委会人数",
        min_value=1,
        max_value=MAX_MEMBERS,
        error_messages={"required": "请填写评委会人数", "min_value": "评委会人数至少为 1"},
    )
    entries = ApplicationIdsField(error_messages={"required": "请至少选择一名人员"})


class VoteForm(core_forms.Form):
    application = IdField()
    present = forms.IntegerField(
        label="出席人数",
        min_value=0,
        max_value=MAX_MEMBERS,
        error_messages={"required": "请填写出席人数"},
    )
    yes = forms.IntegerField(
        label="同意",
        min_value=0,
        max_value=MAX_MEMBERS,
        error_messages={"required": "请填写同意票数"},
    )
    no = forms.IntegerField(
        label="不同意",
        min_value=0,
        max_value=MAX_MEMBERS,
        error_messages={"required": "请填写不同意票数"},
    )
    abstain = forms.IntegerField(
        label="弃权",
        min_value=0,
        max_value=MAX_MEMBERS,
        error_messages={"required": "请填写弃权票数"},
    )
    opinion = forms.CharField(label="评委会意见", max_length=300, required=False)


class ApproveForm(core_forms.Form):
    approval_number = forms.CharField(
        label="核准文号", max_length=100, error_messages={"required": "请填写核准文号"}
    )
    entries = ApplicationIdsField(error_messages={"required": "请至少选择一名人员"})


class ArrangementForm(core_forms.Form):
    application = IdField()
    kind = forms.ChoiceField(
        label="类型",
        choices=[("interview", "面试"), ("exam", "笔试")],
        error_messages={"required": "请选择类型"},
    )
    starts_at = forms.DateTimeField(
        label="时间",
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        error_messages={"required": "请填写时间", "invalid": "请填写有效时间"},
    )
    place = forms.CharField(label="地点", max_length=200, error_messages={"required": "请填写地点"})
    seat = forms.CharField(label="座位号", max_length=20, required=False)


class ArrangementImportForm(core_forms.Form):
    file = forms.FileField(
        label="安排表（.xlsx）",
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
        error_messages={"required": "请选择 Excel 文件"},
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > 2 * 1024 * 1024:
            raise forms.ValidationError("文件不能超过 2 MB")
        head = upload.read(4)
        upload.seek(0)
        if head != b"PK\x03\x04":
            raise forms.ValidationError("请上传 .xlsx 文件")
        return upload


class ExemptionDecisionForm(core_forms.Form):
    exemption = IdField()
    decision = forms.ChoiceField(choices=[("approve", "同意"), ("reject", "不同意")])
    opinion = forms.CharField(max_length=500, required=False)


class ExemptionForm(core_forms.Form):
    reason = forms.CharField(
        label="申请理由", max_length=1000, widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "请填写申请理由"},
    )  # fmt: skip
    evidence = forms.FileField(
        label="证明材料（PDF、JPG、PNG）",
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
    )
