"""Input validation for plan pages; the rules themselves are in services.py."""

from typing import Any

from django import forms
from django.utils import timezone

from zhicheng.core.titles import Level, series_names, title_names_at
from zhicheng.orgs.models import Organization

from .models import ApplyForm, EntryKind, EvaluationStandard, PlanType

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format=DATETIME_FORMAT, **kwargs)


def _datetime_field(label: str) -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label,
        widget=DateTimeLocalInput(),
        input_formats=[DATETIME_FORMAT, "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"],
        error_messages={"invalid": "请输入正确的日期和时间"},
    )


def _series_choices() -> list[tuple[str, str]]:
    return [("", "请选择")] + [(name, name) for name in series_names()]


class StandardChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name}（{obj.series}·{obj.get_level_display()}）"


class PlanForm(forms.Form):
    committee = forms.ModelChoiceField(
        label="评委会", queryset=Organization.objects.none(), empty_label="请选择"
    )
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)
    name = forms.CharField(label="计划名称", max_length=200)
    series = forms.ChoiceField(label="职称系列", choices=_series_choices)
    level = forms.ChoiceField(label="评审级别", choices=[("", "请选择"), *Level.choices])
    plan_type = forms.ChoiceField(label="计划类型", choices=PlanType.choices)
    starts_at = _datetime_field("申报开始时间")
    ends_at = _datetime_field("申报截止时间")
    scope = forms.CharField(label="评审范围对象", widget=forms.Textarea(attrs={"rows": 4}))
    content = forms.CharField(label="计划内容", widget=forms.Textarea(attrs={"rows": 8}))
    has_interview = forms.TypedChoiceField(
        label="有无面试",
        choices=[("yes", "有"), ("no", "无")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    apply_forms = forms.MultipleChoiceField(
        label="申报形式",
        choices=ApplyForm.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "请至少选择一种申报形式"},
    )
    standards = StandardChoiceField(
        label="评审标准",
        queryset=EvaluationStandard.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="只能选择与计划职称系列、评审级别相同的评审标准；评审标准在“评审标准”页面维护。",
    )

    def __init__(
        self,
        *args: Any,
        committees: Any,
        standards: Any,
        editing: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["committee"].queryset = committees  # type: ignore[attr-defined]
        self.fields["standards"].queryset = standards  # type: ignore[attr-defined]
        if editing:
            # The plan's version when the form was shown; the service refuses a stale save.
            self.fields["version"] = forms.CharField(
                widget=forms.HiddenInput,
                error_messages={"required": "页面已过期，请刷新后重试"},
            )

    def plan_values(self) -> dict[str, Any]:
        """The cleaned values the plan services take (without the version)."""
        return {key: value for key, value in self.cleaned_data.items() if key != "version"}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", "申报截止时间须晚于开始时间")
        return data

    @staticmethod
    def initial_for(plan: Any) -> dict[str, Any]:
        return {
            "committee": plan.committee_id,
            "year": plan.year,
            "name": plan.name,
            "series": plan.series,
            "level": plan.level,
            "plan_type": plan.plan_type,
            "starts_at": timezone.localtime(plan.starts_at),
            "ends_at": timezone.localtime(plan.ends_at),
            "scope": plan.scope,
            "content": plan.content,
            "has_interview": "yes" if plan.has_interview else "no",
            "apply_forms": plan.apply_forms,
            "standards": list(plan.standards.all()),
            "version": plan.version,
        }


class PlanSearchForm(forms.Form):
    """评审计划 search (manual 四(一)(3)); bad input just means no filter."""

    name = forms.CharField(label="计划名称", required=False, max_length=100)
    year = forms.IntegerField(label="年度", required=False, min_value=2000, max_value=2100)
    level = forms.ChoiceField(
        label="评审级别", required=False, choices=[("", "全部"), *Level.choices]
    )
    plan_type = forms.ChoiceField(
        label="计划类型", required=False, choices=[("", "全部"), *PlanType.choices]
    )

    def filters(self) -> dict[str, Any]:
        if not self.is_valid():
            return {"name": "", "year": None, "level": "", "plan_type": ""}
        data = self.cleaned_data
        return {
            "name": data["name"].strip(),
            "year": data["year"],
            "level": data["level"],
            "plan_type": data["plan_type"],
        }


class SpecialtyForm(forms.Form):
    name = forms.CharField(label="专业名称", max_length=50)
    titles = forms.MultipleChoiceField(
        label="可申报职称",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "请至少选择一个可申报职称"},
    )
    exam_required = forms.BooleanField(
        label="需要笔试",
        required=False,
        help_text="如工程系列的化工工程、安全工程；申报人须上传“仅笔试专业”的附件项（笔试申请表）。",
    )

    def __init__(self, *args: Any, plan: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        names = title_names_at(plan.series, plan.level)
        self.fields["titles"].choices = [(name, name) for name in names]  # type: ignore[attr-defined]


class SlotForm(forms.Form):
    name = forms.CharField(label="附件名称", max_length=50)
    required = forms.BooleanField(label="必须上传", required=False, initial=True)
    exam_only = forms.BooleanField(
        label="仅笔试专业",
        required=False,
        help_text="只对需要笔试的专业显示，如“笔试申请表”。",
    )
    note = forms.CharField(
        label="说明", max_length=300, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class PlanFileForm(forms.Form):
    file = forms.FileField(
        label="文件",
        help_text="PDF、JPG 或 PNG，不超过 20 MB；申报人在计划页面下载。",
        error_messages={"required": "请选择要上传的文件"},
    )


class StandardForm(forms.Form):
    name = forms.CharField(label="评审标准名称", max_length=200)
    series = forms.ChoiceField(label="职称系列", choices=_series_choices)
    level = forms.ChoiceField(label="评审级别", choices=[("", "请选择"), *Level.choices])

    def __init__(self, *args: Any, organizers: list[Organization] | None = None, **kwargs: Any):
        """With several `organizers` (a new standard, a user of several units), ask which one."""
        super().__init__(*args, **kwargs)
        if organizers is not None and len(organizers) > 1:
            self.fields["organizer"] = forms.ModelChoiceField(
                label="评委会组建单位",
                queryset=Organization.objects.filter(
                    pk__in=[org.pk for org in organizers]
                ).order_by("name", "pk"),
                empty_label="请选择",
                error_messages={"required": "请选择评委会组建单位"},
            )
            self.order_fields(["organizer", "name", "series", "level"])


class CategoryForm(forms.Form):
    name = forms.CharField(label="类别名称", max_length=50, help_text="如：能力条件、业绩条件")
    hint = forms.CharField(
        label="温馨提示",
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="显示在申报页面该类别上方；项数要求会自动附在提示后。",
    )
    allowed_kinds = forms.MultipleChoiceField(
        label="可导入的业绩类型",
        choices=EntryKind.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "请至少选择一种可导入的业绩类型"},
    )
    min_items = forms.IntegerField(label="最少项数", min_value=0, max_value=99, initial=0)
    max_items = forms.IntegerField(label="最多项数", min_value=1, max_value=99, initial=5)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        low, high = data.get("min_items"), data.get("max_items")
        if low is not None and high is not None and low > high:
            self.add_error("max_items", "最多项数不能小于最少项数")
        return data


class CloseForm(forms.Form):
    opinion = forms.CharField(label="关闭说明", max_length=500, required=False)
