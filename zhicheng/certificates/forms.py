"""Input validation for the certificate pages; every 400 comes from here."""

from typing import Any

from django import forms

from zhicheng.core import forms as core_forms
from zhicheng.core.ids import IdField, IdsField
from zhicheng.core.titles import series_names

from .models import Certificate, ReplacementRequest
from .selectors import RESULT_STATES

LEVELS = [("初级", "初级"), ("中级", "中级"), ("副高级", "副高级"), ("正高级", "正高级")]
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data: Any, initial: Any = None) -> Any:
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(item, initial) for item in data]
        return [super().clean(data, initial)] if data else []


class ShareForm(core_forms.Form):
    purpose = forms.CharField(
        label="用途", max_length=100, error_messages={"required": "请填写用途，如“入职核验”"}
    )
    days = forms.IntegerField(
        label="有效天数",
        min_value=1,
        max_value=90,
        initial=7,
        error_messages={
            "required": "请填写有效天数",
            "min_value": "有效期至少1天",
            "max_value": "有效期最多90天",
            "invalid": "请填写整数天数",
        },
    )


class RevokeForm(core_forms.Form):
    reason = forms.CharField(
        label="撤销原因",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "请填写撤销原因"},
    )


class VerifyFileForm(core_forms.Form):
    file = forms.FileField(
        label="证书文件（PDF）",
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf"}),
        error_messages={"required": "请选择证书 PDF 文件", "empty": "文件是空的，请重新选择"},
    )


class DecisionForm(core_forms.Form):
    decision = forms.ChoiceField(
        label="审核结果",
        choices=[("approve", "通过"), ("reject", "驳回")],
        widget=forms.RadioSelect,
        error_messages={"required": "请选择通过或驳回"},
    )
    opinion = forms.CharField(
        label="意见", required=False, max_length=500, widget=forms.Textarea(attrs={"rows": 3})
    )


class ReplacementForm(core_forms.Form):
    """补换证: the certificate as it should read, the reason, supporting files."""

    reason = forms.ChoiceField(
        label="补换原因",
        choices=ReplacementRequest.Reason.choices,
        error_messages={"required": "请选择补换原因"},
    )
    old_number = forms.CharField(label="原证书编号", max_length=50, required=False)
    unit_name = forms.CharField(
        label="工作单位", max_length=200, error_messages={"required": "请填写工作单位"}
    )
    series = forms.ChoiceField(label="系列", choices=[], error_messages={"required": "请选择系列"})
    specialty = forms.CharField(
        label="专业", max_length=100, error_messages={"required": "请填写专业"}
    )
    qualification = forms.CharField(
        label="资格名称", max_length=100, error_messages={"required": "请填写资格名称"}
    )
    level = forms.ChoiceField(
        label="级别", choices=LEVELS, error_messages={"required": "请选择级别"}
    )
    method = forms.ChoiceField(
        label="取得方式",
        choices=Certificate.Method.choices,
        error_messages={"required": "请选择取得方式"},
    )
    committee_name = forms.CharField(
        label="评委会", max_length=200, error_messages={"required": "请填写评委会"}
    )
    passed_on = forms.DateField(
        label="评审通过时间",
        widget=DATE_WIDGET,
        error_messages={"required": "请填写评审通过时间", "invalid": "日期格式应为 YYYY-MM-DD"},
    )
    approval_number = forms.CharField(
        label="核准文号", max_length=100, error_messages={"required": "请填写核准文号"}
    )
    issuer: Any = forms.ModelChoiceField(
        label="发证机关", queryset=None, required=False, empty_label="请选择"
    )  # type: ignore[arg-type]
    statement = forms.CharField(
        label="申请说明",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "请填写申请说明"},
    )
    files: Any = MultipleFileField(
        label="佐证材料",
        required=False,
        help_text="PDF、JPG 或 PNG，每个不超过 10 MB，可选多个",
        widget=MultipleFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
    )

    def __init__(self, *args: Any, new_case: bool, issuers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["series"].choices = [("", "请选择")] + [(n, n) for n in series_names()]  # type: ignore[attr-defined]
        self.fields["issuer"].queryset = issuers  # type: ignore[attr-defined]
        if new_case:
            self.fields["issuer"].required = True
            self.fields["issuer"].error_messages["required"] = "请选择发证机关"
            self.fields["old_number"].required = True
            self.fields["old_number"].error_messages["required"] = "请填写原证书编号"
        else:
            del self.fields["issuer"]
            del self.fields["old_number"]


class ImportForm(core_forms.Form):
    file = forms.FileField(
        label="Excel 文件",
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
        error_messages={"required": "请选择填好的 Excel 文件", "empty": "文件是空的，请重新选择"},
    )


class SearchForm(core_forms.Form):
    q = forms.CharField(required=False, max_length=100)
    status = forms.ChoiceField(
        required=False, choices=[("", "全部状态"), *Certificate.Status.choices]
    )
    series = forms.CharField(required=False, max_length=50)
    year = forms.CharField(required=False, max_length=4)


class ResultSearchForm(core_forms.Form):
    """核准结果 / 待生成证书: search, 证书状态, 评审计划."""

    q = forms.CharField(required=False, max_length=100)
    state = forms.ChoiceField(required=False, choices=[("", "全部"), *RESULT_STATES])
    plan = IdField(required=False)


class ResultsGenerateForm(core_forms.Form):
    """批量生成: the ticked results, or every one still waiting (`all`)."""

    entries = IdsField(required=False)
    all = forms.BooleanField(required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("all") and not data.get("entries"):
            raise forms.ValidationError("请选择要生成证书的人员")
        return data
