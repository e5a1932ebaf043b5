from django import forms

from zhicheng.core.reference import (
    ETHNIC_GROUPS,
    MAX_TITLE_SERIES_PER_PERSON,
    POLITICAL_STATUS,
    TITLE_SERIES,
)

from .models import User


def _choices(values: list[str], blank: str) -> list[tuple[str, str]]:
    return [("", blank), *[(value, value) for value in values]]


class FirstLoginForm(forms.Form):
    """Manual 一(3), 图1-5/1-6: required fields are marked * on the page."""

    political_status = forms.ChoiceField(
        label="政治面貌", choices=_choices(POLITICAL_STATUS, "请选择政治面貌")
    )
    ethnicity = forms.ChoiceField(label="民族", choices=_choices(ETHNIC_GROUPS, "请选择民族"))
    email = forms.EmailField(
        label="电子邮箱",
        max_length=254,
        error_messages={"invalid": "请输入正确的电子邮箱地址"},
    )
    title_series = forms.MultipleChoiceField(
        label="所在职称系列",
        choices=[(value, value) for value in TITLE_SERIES],
        widget=forms.CheckboxSelectMultiple,
        help_text=f"最多选择{MAX_TITLE_SERIES_PER_PERSON}个，也可进入系统后在个人中心—个人信息中完善",
        error_messages={"invalid_choice": "所选职称系列不存在"},
    )
    has_unit = forms.ChoiceField(
        label="工作单位",
        choices=User.HasUnit.choices,
        widget=forms.RadioSelect,
        help_text="选择“否”可暂不选择工作单位，进入系统后在“个人中心”中变更单位",
    )

    def clean_title_series(self) -> list[str]:
        series: list[str] = self.cleaned_data["title_series"]
        if len(series) > MAX_TITLE_SERIES_PER_PERSON:
            raise forms.ValidationError(f"所在职称系列最多选择{MAX_TITLE_SERIES_PER_PERSON}个")
        return series
