"""Input validation for the library's pages; every 400 comes from here."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import construct_instance

from zhicheng.core.uploads import MB, CheckedFile, check_document

from .kinds import NON_NEGATIVE, OPEN_ENDED, SPECS
from .models import Entry

ATTACHMENT_MAX_BYTES = 10 * MB
IMPORT_MAX_BYTES = 5 * MB

ERROR_MESSAGES = {
    "required": "请填写此项",
    "invalid": "格式不正确",
    "invalid_choice": "请从列表中选择",
    "max_length": "内容过长",
    "min_value": "数值不能小于 %(limit_value)s",
    "max_value": "数值过大",
    "max_digits": "数值过大",
    "max_decimal_places": "小数位数过多",
}


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


class EntryFormBase(forms.ModelForm):
    class Meta:
        model = Entry
        fields: list[str] = []

    kind: str = ""

    def __init__(self, *args: Any, person: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.kind = self.instance.kind or self.kind
        # The person's birth date bounds the dates (services.earliest_date).
        if person is not None and not self.instance.person_id:
            self.instance.person = person
        spec = SPECS[self.kind]
        for f in spec.fields:
            field = self.fields[f.name]
            field.label = f.label
            field.required = f.required and f.name != "is_representative"
            field.error_messages = {**field.error_messages, **ERROR_MESSAGES}
            if f.required:
                field.error_messages["required"] = f"请填写{f.label}"
            if isinstance(field, forms.DateField):
                field.widget = DateInput()
                field.input_formats = ["%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y-%m", "%Y%m%d"]
                field.error_messages["invalid"] = "日期格式应为 YYYY-MM-DD"
            if isinstance(field, forms.TypedChoiceField) and f.required:
                choices: list[Any] = list(field.choices)  # type: ignore[arg-type]
                field.choices = [("", "请选择")] + [c for c in choices if c[0] != ""]
        if "end_date" in self.fields and self.kind in OPEN_ENDED:
            self.fields["end_date"].help_text = "至今请留空"
        for name in NON_NEGATIVE:
            if name in self.fields:
                self.fields[name].widget.attrs["min"] = 0
        if "rank" in self.fields:
            self.fields["rank"].help_text = "独立完成填 1"
            self.fields["rank"].widget.attrs["min"] = 1

    def _post_clean(self) -> None:
        """Fill the instance and apply the service's rules, so their messages sit next to fields.

        (Instead of the model's own full_clean, whose constraint errors would be generic English.)
        """
        from .services import entry_clean

        opts = self._meta
        self.instance = construct_instance(self, self.instance, opts.fields, opts.exclude)
        try:
            entry_clean(self.instance)
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                if name not in self.errors:
                    self.add_error(name if name in self.fields else None, messages)


def entry_form_class(kind: str) -> type[EntryFormBase]:
    """A ModelForm with exactly the kind's fields, labels and required marks."""
    spec = SPECS[kind]
    meta = type("Meta", (), {"model": Entry, "fields": spec.field_names})
    return type(f"{kind.title()}EntryForm", (EntryFormBase,), {"Meta": meta, "kind": kind})


def form_data(form: forms.ModelForm) -> dict[str, Any]:
    """The cleaned values of the form's own fields, for the services."""
    return {name: form.cleaned_data.get(name) for name in form.fields}


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label="附件",
        help_text="PDF、JPG 或 PNG，每个文件不超过 10 MB",
        error_messages={"required": "请选择要上传的文件", "empty": "文件是空的，请重新选择"},
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
    )

    def clean_file(self) -> CheckedFile:
        return check_document(self.cleaned_data["file"], max_bytes=ATTACHMENT_MAX_BYTES)


class RenameForm(forms.Form):
    display_name = forms.CharField(
        label="文件名", max_length=120, error_messages={"required": "请填写文件名"}
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label="审核结果",
        choices=[("approve", "通过"), ("return", "退回")],
        widget=forms.RadioSelect,
        error_messages={"required": "请选择审核结果"},
    )
    opinion = forms.CharField(
        label="审核意见",
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="退回时必填",
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("decision") == "return" and not (data.get("opinion") or "").strip():
            self.add_error("opinion", "退回时请填写审核意见")
        return data


# Ids are database integers: anything outside 1..2**31-1 would overflow the query (a 500).
MAX_ID = 2**31 - 1
MAX_IDS = 500


class EntryIdsField(forms.Field):
    widget = forms.MultipleHiddenInput

    def to_python(self, value: Any) -> list[int]:
        if not value:
            return []
        if isinstance(value, str | int):
            value = [value]
        try:
            ids = sorted({int(v) for v in value})
        except (TypeError, ValueError):
            raise ValidationError("所选业绩不存在") from None
        if ids[0] < 1 or ids[-1] > MAX_ID:
            raise ValidationError("所选业绩不存在")
        if len(ids) > MAX_IDS:
            raise ValidationError(f"每次最多选择 {MAX_IDS} 条业绩")
        return ids


class EntryIdsForm(forms.Form):
    """The ticked entries of a list (提交审核 or 批量通过); the services check whose they are."""

    entries = EntryIdsField(error_messages={"required": "请至少选择一条业绩"})
    opinion = forms.CharField(
        max_length=500, required=False, error_messages={"max_length": "审核意见不能超过 500 字"}
    )


class ImportForm(forms.Form):
    file = forms.FileField(
        label="Excel 文件（.xlsx）",
        error_messages={"required": "请选择要导入的 Excel 文件"},
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > IMPORT_MAX_BYTES:
            raise ValidationError(f"文件不能超过 {IMPORT_MAX_BYTES // MB} MB")
        head = upload.read(4)
        upload.seek(0)
        if head != b"PK\x03\x04":
            raise ValidationError("请上传由模板填写的 .xlsx 文件")
        return upload
