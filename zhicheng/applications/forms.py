"""Input validation for the application pages; every 400 comes from here, the rules from services."""

from typing import Any

from django import forms

from zhicheng.core import forms as core_forms
from zhicheng.core.ids import IdField, IdsField
from zhicheng.plans.models import ApplyForm, ReviewPlan

from .models import MAX_YEARS, Application, Appointment, CurrentTitle, ImportedEntry
from .series_fields import fields_for

MAX_UPLOAD_BYTES = 10 * 1024 * 1024


class ChooseForm(core_forms.Form):
    """申报职称选择 (图4-3): 申报形式, 申报专业, 申报职称, 评审标准, 确认无误."""

    apply_form = forms.ChoiceField(label="申报形式", widget=forms.RadioSelect)
    specialty = forms.ChoiceField(label="申报专业")
    title = forms.ChoiceField(label="申报职称")
    standard = forms.ChoiceField(label="评审标准", widget=forms.RadioSelect)
    confirmed = forms.BooleanField(label="确认无误", required=False)

    def __init__(self, *args: Any, plan: ReviewPlan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["apply_form"].choices = [  # type: ignore[attr-defined]
            (value, ApplyForm(value).label) for value in plan.apply_forms
        ]
        specialties = list(plan.specialties.all())
        self.fields["specialty"].choices = [("", "请选择")] + [  # type: ignore[attr-defined]
            (s.pk, f"{s.name}{'（需笔试）' if s.exam_required else ''}") for s in specialties
        ]
        titles = sorted({t for s in specialties for t in s.titles})
        self.fields["title"].choices = [("", "请选择")] + [(t, t) for t in titles]  # type: ignore[attr-defined]
        self.fields["standard"].choices = [(s.pk, s.name) for s in plan.standards.all()]  # type: ignore[attr-defined]
        if len(plan.apply_forms) == 1:
            self.fields["apply_form"].initial = plan.apply_forms[0]
        standards = [(s.pk, s.name) for s in plan.standards.all()]
        if len(standards) == 1:
            self.fields["standard"].initial = standards[0][0]


class PledgeForm(core_forms.Form):
    agreed = forms.BooleanField(label="我已阅读并承诺", required=False)


class SpecialtyChangeForm(core_forms.Form):
    """修改专业 (图4-6): a specialty and title of the same plan."""

    specialty = IdField(label="申报专业")
    title = forms.CharField(label="申报职称", max_length=50)


class BasicForm(core_forms.Form):
    """个人信息 and 专业信息 (the series' fields are data: series_fields.py)."""

    political_status = forms.CharField(label="政治面貌", max_length=20, required=False)
    ethnicity = forms.CharField(label="民族", max_length=20, required=False)
    phone = forms.RegexField(
        label="手机号码",
        regex=r"^1\d{10}$",
        required=False,
        error_messages={"invalid": "请填写11位手机号码"},
    )
    email = forms.EmailField(label="电子邮箱", required=False)
    work_years = forms.IntegerField(
        label="工作年限", min_value=0, max_value=MAX_YEARS, required=False
    )
    professional_years = forms.IntegerField(
        label="专业年限",
        min_value=0,
        max_value=MAX_YEARS,
        required=False,
        help_text="不能大于工作年限；大于时系统自动调整为工作年限",
    )

    def __init__(self, *args: Any, application: Application, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.info_fields = fields_for(application.plan.series)
        info = application.professional_info or {}
        for f in self.info_fields:
            label = f"{f.label}{'' if f.required else '（选填）'}"
            self.fields[f"info_{f.name}"] = forms.CharField(
                label=label,
                max_length=200,
                required=False,
                initial=info.get(f.name, ""),
                help_text=f.help,
            )
            self.fields[f"info_{f.name}"].widget.attrs["data-required"] = "1" if f.required else ""
        if not self.is_bound:
            for name in ("political_status", "ethnicity", "phone", "email"):
                self.fields[name].initial = getattr(application, name)
            self.fields["work_years"].initial = application.work_years
            self.fields["professional_years"].initial = application.professional_years

    def service_data(self) -> dict[str, Any]:
        data = {
            name: self.cleaned_data[name]
            for name in (
                "political_status",
                "ethnicity",
                "phone",
                "email",
                "work_years",
                "professional_years",
            )
        }
        data["professional_info"] = {
            f.name: self.cleaned_data[f"info_{f.name}"] for f in self.info_fields
        }
        return data

    @property
    def personal_fields(self) -> list[Any]:
        return [self[n] for n in ("political_status", "ethnicity", "phone", "email")]

    @property
    def professional_fields(self) -> list[Any]:
        return [self[f"info_{f.name}"] for f in self.info_fields] + [
            self["work_years"],
            self["professional_years"],
        ]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        # <input type=date> only shows an ISO date: with the locale's format the field looks empty.
        super().__init__(format="%Y-%m-%d", **kwargs)


class TitleForm(core_forms.ModelForm):
    class Meta:
        model = CurrentTitle
        fields = [
            "series",
            "name",
            "level",
            "specialty",
            "obtained_by",
            "obtained_on",
            "certificate_number",
            "issuer",
        ]
        widgets = {"obtained_on": DateInput()}


class AppointmentForm(core_forms.ModelForm):
    class Meta:
        model = Appointment
        fields = ["unit", "post", "starts_on", "ends_on", "document_number"]
        widgets = {"starts_on": DateInput(), "ends_on": DateInput()}


class ImportForm(core_forms.Form):
    # Any id passes here; access.access_own_entries decides whose they are (404).
    entries = IdsField(
        label="业绩",
        error_messages={"required": "请勾选要导入的业绩", "invalid_id": "所选业绩不存在"},
    )


class MarkForm(core_forms.Form):
    qualified = forms.NullBooleanField(required=False)
    appraisal_choice = forms.ChoiceField(
        choices=[("", ""), *ImportedEntry.AppraisalChoice.choices],
        required=False,
    )


class UploadForm(core_forms.Form):
    file = forms.FileField(
        label="选择文件",
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
        error_messages={"required": "请选择要上传的文件"},
    )


class PhotoForm(core_forms.Form):
    photo = forms.FileField(
        label="证件照",
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png"}),
        error_messages={"required": "请选择照片"},
    )


class RenameForm(core_forms.Form):
    display_name = forms.CharField(label="附件名称", max_length=120)


class ExceptionalForm(core_forms.Form):
    exceptional_conditions = forms.CharField(
        label="符合的破格条件", max_length=2000, required=False, widget=forms.Textarea
    )
    exceptional_evidence = forms.CharField(
        label="破格依据（业绩与证明材料说明）",
        max_length=2000,
        required=False,
        widget=forms.Textarea,
        help_text="证明材料请在“附件上传”或从个人业绩库导入",
    )


class TransferForm(core_forms.Form):
    transfer_current_title = forms.CharField(
        label="现有职称（转评前）", max_length=100, required=False
    )
    transfer_original_series = forms.CharField(label="原职称系列", max_length=30, required=False)
    transfer_reason = forms.CharField(
        label="转评理由", max_length=2000, required=False, widget=forms.Textarea
    )
