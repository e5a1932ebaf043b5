"""Input of the 诚信档案 pages; the rules themselves are in services.py."""

from typing import Any

from django import forms

from zhicheng.core import forms as core_forms

from .models import STATES


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        # <input type=date> only shows an ISO date: with the locale's format the field looks empty.
        super().__init__(format="%Y-%m-%d", **kwargs)


class RecordForm(core_forms.Form):
    """新增: the person by 身份证号 and 姓名 (both must match the platform's account)."""

    id_number = forms.CharField(
        label="身份证号",
        max_length=18,
        error_messages={"required": "请填写身份证号", "max_length": "身份证号应为18位"},
    )
    name = forms.CharField(
        label="姓名",
        max_length=50,
        help_text="须与身份证号对应的申报人姓名一致",
        error_messages={"required": "请填写姓名"},
    )
    reason = forms.CharField(
        label="失信情形",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="申报人在“马上申报”和“提交审核”时看到这段文字",
        error_messages={"required": "请填写失信情形", "max_length": "失信情形不能超过500字"},
    )
    document_number = forms.CharField(
        label="处理决定文号",
        max_length=100,
        error_messages={"required": "请填写处理决定文号", "max_length": "文号不能超过100字"},
    )
    starts_on = forms.DateField(
        label="禁止申报开始日期",
        widget=DateInput(),
        error_messages={"required": "请填写开始日期", "invalid": "请填写正确的日期"},
    )
    ends_on = forms.DateField(
        label="禁止申报截止日期",
        widget=DateInput(),
        help_text="含当天",
        error_messages={"required": "请填写截止日期", "invalid": "请填写正确的日期"},
    )


class EndForm(core_forms.Form):
    end_reason = forms.CharField(
        label="解除原因",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "请填写解除原因", "max_length": "解除原因不能超过500字"},
    )


class SearchForm(core_forms.Form):
    q = forms.CharField(label="姓名或身份证号", max_length=50, required=False)
    state = forms.ChoiceField(label="状态", choices=[("", "全部"), *STATES.items()], required=False)
