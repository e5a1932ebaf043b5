from django import forms

from zhicheng.core import forms as core_forms
from zhicheng.core.ids import IdField

from .models import Organization


class BindingForm(core_forms.Form):
    """选择单位 / 变更单位 (manual 一①④, 五(一)); the unit is picked in the search dialog."""

    is_freelancer = forms.ChoiceField(
        label="是否自由职业者",
        choices=[("yes", "是"), ("no", "否")],
        widget=forms.RadioSelect,
        initial="no",
        required=False,
    )
    unit = IdField(required=False)
    unit_label = forms.CharField(required=False, max_length=200, widget=forms.HiddenInput)
    statement = forms.CharField(
        label="申请说明",
        max_length=500,
        widget=forms.Textarea(
            attrs={"rows": 3, "placeholder": "例如：本人自2015年起在贵单位从事专业技术工作"}
        ),
        error_messages={"required": "请输入申请说明"},
    )

    def clean_is_freelancer(self) -> bool:
        return self.cleaned_data.get("is_freelancer") == "yes"


class DecisionForm(core_forms.Form):
    decision = forms.ChoiceField(
        choices=[("approve", "通过"), ("reject", "驳回")],
        error_messages={"required": "请选择通过或驳回", "invalid_choice": "请选择通过或驳回"},
    )
    opinion = forms.CharField(label="意见", max_length=500, required=False)

    @property
    def approve(self) -> bool:
        return self.cleaned_data["decision"] == "approve"


class UnitRegistrationForm(core_forms.Form):
    """法人登录 → 单位注册: name and credit code come from the SSO and are shown, not submitted."""

    authority = forms.ModelChoiceField(
        label="所在县区人社部门（注册审核机构）",
        queryset=Organization.objects.filter(
            kind=Organization.Kind.HR,
            level=Organization.Level.COUNTY,
            status=Organization.Status.ACTIVE,
        ).order_by("region_code"),
        empty_label="请选择",
        error_messages={
            "required": "请选择单位所在县区的人社部门",
            "invalid_choice": "请选择单位所在县区的人社部门",
        },
    )
    department = forms.ModelChoiceField(
        label="主管部门",
        queryset=Organization.objects.filter(
            kind=Organization.Kind.DEPARTMENT, status=Organization.Status.ACTIVE
        ).order_by("region_code", "name"),
        required=False,
        empty_label="无主管部门",
        help_text="有主管部门的单位，职称申报材料经主管部门审核后报送人社部门",
    )
    is_public_institution = forms.TypedChoiceField(
        label="是否事业单位",
        choices=[("no", "否"), ("yes", "是")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        initial="no",
    )
    contact_name = forms.CharField(label="联系人", max_length=50)
    contact_phone = forms.CharField(label="联系电话", max_length=20, help_text="11位手机号码")
    address = forms.CharField(label="单位地址", max_length=200, required=False)


class ClerkForm(core_forms.Form):
    name = forms.CharField(label="姓名", max_length=50)
    id_number = forms.CharField(label="身份证号", max_length=18)


class JoinRequestForm(core_forms.Form):
    """法人登录: another legal account of a registered unit asks to be its 单位管理员 too."""

    statement = forms.CharField(
        label="申请说明",
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "placeholder": "例如：本人为本单位人事部门负责人"}),
    )


class HandoverForm(core_forms.Form):
    """The registration authority names the new 单位管理员 of a unit without one."""

    legal_user = IdField(
        widget=forms.RadioSelect,
        error_messages={"required": "请选择新的单位管理员", "invalid_id": "请选择新的单位管理员"},
    )
    opinion = forms.CharField(label="说明", max_length=500, required=False)
