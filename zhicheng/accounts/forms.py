from django import forms

from zhicheng.core import forms as core_forms
from zhicheng.core.ids import IdField
from zhicheng.core.reference import (
    ETHNIC_GROUPS,
    MAX_TITLE_SERIES_PER_PERSON,
    POLITICAL_STATUS,
    TITLE_SERIES,
)

from .models import User


def _choices(values: list[str], blank: str) -> list[tuple[str, str]]:
    return [("", blank), *[(value, value) for value in values]]


class FirstLoginForm(core_forms.Form):
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

    # Manual 一①③: with 是, 选择单位 and 申请说明; 是否同步注册单位 = 否 when the unit is not found.
    sync_unit = forms.ChoiceField(
        label="是否同步注册单位",
        choices=User.HasUnit.choices,
        widget=forms.RadioSelect,
        required=False,
        initial=User.HasUnit.YES,
    )
    is_freelancer = forms.ChoiceField(
        label="是否自由职业者",
        choices=[("yes", "是"), ("no", "否")],
        widget=forms.RadioSelect,
        required=False,
        initial="no",
    )
    unit = IdField(required=False)
    unit_label = forms.CharField(required=False, max_length=200, widget=forms.HiddenInput)
    statement = forms.CharField(
        label="申请说明",
        required=False,
        max_length=500,
        widget=forms.Textarea(
            attrs={"rows": 3, "placeholder": "例如：本人自2015年起在贵单位从事专业技术工作"}
        ),
    )

    def clean_is_freelancer(self) -> bool:
        return self.cleaned_data.get("is_freelancer") == "yes"

    def clean_title_series(self) -> list[str]:
        series: list[str] = self.cleaned_data["title_series"]
        if len(series) > MAX_TITLE_SERIES_PER_PERSON:
            raise forms.ValidationError(f"所在职称系列最多选择{MAX_TITLE_SERIES_PER_PERSON}个")
        return series


class ProfileForm(core_forms.Form):
    """Manual 五(一) 完善信息: what a person may complete; 姓名, 身份证号, 性别 are not here."""

    political_status = FirstLoginForm.base_fields["political_status"]
    ethnicity = FirstLoginForm.base_fields["ethnicity"]
    email = FirstLoginForm.base_fields["email"]
    title_series = FirstLoginForm.base_fields["title_series"]
    address = forms.CharField(label="联系地址", max_length=200, required=False)

    clean_title_series = FirstLoginForm.clean_title_series


class PhotoForm(core_forms.Form):
    photo = forms.FileField(
        label="证件照",
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png"}),
        error_messages={"required": "请选择照片", "empty": "文件是空的，请重新选择"},
    )
