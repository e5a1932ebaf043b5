"""Spreadsheets and files of the issuer's pages: the legacy import, the 电子证照库 export, the ZIP.

The legacy import checks every row first and imports nothing unless all pass (like the library's
批量导入); a legacy holder has no application photo, so each such certificate waits for the
holder's upload (待上传照片) before it is generated.
"""

import datetime
import hashlib
import io
import zipfile
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font

from zhicheng.accounts.models import User
from zhicheng.core import uploads
from zhicheng.core.identity import mask_id_number, parse_id_number
from zhicheng.core.text import LINE, normalize_text
from zhicheng.core.titles import series_names
from zhicheng.orgs.models import Organization

from . import services
from .models import Certificate, GenerationBatch, ReplacementRequest

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_ROWS = 5000
IMPORT_MAX_BYTES = 10 * uploads.MB

COLUMNS = [
    ("holder_name", "姓名*"),
    ("holder_id_number", "身份证号*"),
    ("unit_name", "工作单位*"),
    ("series", "系列*"),
    ("specialty", "专业*"),
    ("qualification", "资格名称*"),
    ("level", "级别*"),
    ("method", "取得方式*"),
    ("committee_name", "评委会*"),
    ("passed_on", "评审通过时间*"),
    ("approval_number", "核准文号*"),
    ("issued_on", "发证日期*"),
    ("old_number", "原证书编号"),
]
METHODS = {label: value for value, label in Certificate.Method.choices}
# Free text of a row: normalised like every form's single-line text, and no longer than its column
# (PostgreSQL refuses a longer value; the 原证书编号 is as long as a 补换证's).
TEXT_COLUMNS = {
    name: int(getattr(model._meta.get_field(name), "max_length", 0) or 0)
    for model, names in (
        (Certificate, ("holder_name", "unit_name", "specialty", "qualification")),
        (Certificate, ("committee_name", "approval_number")),
        (ReplacementRequest, ("old_number",)),
    )
    for name in names
}


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str


class ImportErrors(Exception):
    def __init__(self, errors: list[RowError]) -> None:
        super().__init__(f"{len(errors)} errors")
        self.errors = errors


def legacy_template() -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "历史证书"
    for col, (_, label) in enumerate(COLUMNS, start=1):
        cell = sheet.cell(row=1, column=col, value=label)
        cell.font = Font(bold=True)
        sheet.column_dimensions[cell.column_letter].width = 18
        for row in range(2, 502):
            sheet.cell(row=row, column=col).number_format = "@"
    notes = book.create_sheet("填写说明")
    for n, line in enumerate(
        [
            "历史证书导入模板：每行一份已发放的职称证书，带 * 的为必填项。",
            "身份证号、证书编号请保持文本格式；日期填写为 YYYY-MM-DD。",
            "级别：初级、中级、副高级、正高级；取得方式：评审、认定、转评。",
            f"系列须为平台的职称系列之一（如：{'、'.join(series_names()[:4])}……）。",
            "任一行有误时全部不导入；持证人登录后上传证件照片，系统随即生成电子证书。",
        ],
        start=1,
    ):
        notes.cell(row=n, column=1, value=line)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise ValidationError("日期格式应为 YYYY-MM-DD") from None


def parse_legacy_rows(content: bytes) -> tuple[list[dict[str, Any]], list[RowError]]:
    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 — any unreadable workbook
        raise ValidationError({"file": "无法读取该 Excel 文件，请使用下载的模板填写"}) from None
    sheet = book.worksheets[0]
    rows: list[dict[str, Any]] = []
    errors: list[RowError] = []
    labels = dict(COLUMNS)
    series = set(series_names())
    seen: set[tuple[str, str]] = set()
    for index, values in enumerate(sheet.iter_rows(min_row=2, values_only=True), start=2):
        cells = [_text(v) for v in values[: len(COLUMNS)]]
        if not any(cells):
            continue
        if len(rows) + len(errors) > MAX_ROWS:
            errors.append(RowError(index, "", f"每次最多导入 {MAX_ROWS} 行"))
            break
        raw = dict(zip([name for name, _ in COLUMNS], cells + [""] * len(COLUMNS), strict=False))
        row: dict[str, Any] = {}
        row_errors: list[RowError] = []

        def fail(
            name: str, message: str, index: int = index, row_errors: list[RowError] = row_errors
        ) -> None:
            row_errors.append(RowError(index, labels[name].rstrip("*"), message))

        for name, label in COLUMNS:
            if label.endswith("*") and not raw[name]:
                fail(name, "必填")
        try:
            identity = parse_id_number(raw["holder_id_number"]) if raw["holder_id_number"] else None
        except ValidationError as error:
            fail("holder_id_number", error.messages[0])
            identity = None
        if raw["series"] and raw["series"] not in series:
            fail("series", "不是平台的职称系列")
        if raw["level"] and raw["level"] not in services.LEVEL_CODES:
            fail("level", "应为初级、中级、副高级或正高级")
        if raw["method"] and raw["method"] not in METHODS:
            fail("method", "应为评审、认定或转评")
        for name, limit in TEXT_COLUMNS.items():
            try:
                raw[name] = normalize_text(raw[name], mode=LINE)
            except ValidationError as error:
                fail(name, error.messages[0])
                continue
            if len(raw[name]) > limit:
                fail(name, f"不能超过 {limit} 个字")
        for name in ("passed_on", "issued_on"):
            if raw[name]:
                try:
                    row[name] = _date(raw[name])
                except ValidationError as error:
                    fail(name, error.messages[0])
                    continue
                problem = services.certificate_date_error(
                    row[name], holder=identity, label=labels[name].rstrip("*")
                )
                if problem:
                    fail(name, problem)
        key = (raw["holder_id_number"].upper(), raw["old_number"] or raw["approval_number"])
        if key in seen:
            fail("holder_id_number", "与前面的行重复")
        seen.add(key)
        if row_errors:
            errors.extend(row_errors)
            continue
        assert identity is not None
        row.update(
            {
                name: raw[name]
                for name in (
                    "holder_name",
                    "unit_name",
                    "series",
                    "specialty",
                    "qualification",
                    "level",
                    "committee_name",
                    "approval_number",
                    "old_number",
                )
            }
        )
        row["method"] = METHODS[raw["method"]]
        row["identity"] = identity
        row["row"] = index
        rows.append(row)
    if not rows and not errors:
        errors.append(RowError(0, "", "表格中没有数据"))
    return rows, errors


def legacy_import(*, issuer: Organization, upload: Any, actor: Any) -> GenerationBatch:
    """Import legacy certificates (all rows or none); each waits for its holder's photo."""
    content = uploads.read_upload(upload, max_bytes=IMPORT_MAX_BYTES)
    rows, errors = parse_legacy_rows(content)
    if errors:
        raise ImportErrors(errors)
    holders = {
        u.id_number: u
        for u in User.objects.filter(
            kind=User.Kind.PERSON, id_number__in=[r["identity"].number for r in rows]
        )
    }
    items = []
    for row in rows:
        identity = row["identity"]
        digest = hashlib.sha256(
            f"{identity.number}|{row['old_number']}|{row['approval_number']}|{row['qualification']}".encode()
        ).hexdigest()[:32]
        details = services.CertificateDetails(
            holder_id_number=identity.number,
            holder_name=row["holder_name"],
            sex=identity.sex,
            birth_date=identity.birth_date,
            unit_name=row["unit_name"],
            series=row["series"],
            specialty=row["specialty"],
            qualification=row["qualification"],
            level=row["level"],
            method=row["method"],
            committee_name=row["committee_name"],
            passed_on=row["passed_on"],
            approval_number=row["approval_number"],
        )
        items.append(
            services.IssueItem(
                details=details,
                source_key=f"legacy:{issuer.pk}:{digest}",
                source=Certificate.Source.LEGACY,
                holder=holders.get(identity.number),
                issued_on=row["issued_on"],
            )
        )
    return services.certificates_issue_many(
        items=items,
        issuer=issuer,
        actor=actor,
        kind=GenerationBatch.Kind.IMPORT,
        note=getattr(upload, "name", "")[:200],
    )


# --- export for the provincial 电子证照库 ------------------------------------------------------

EXPORT_FIELDS = [
    ("license_id", "电子证照标识"),
    ("number", "证书编号"),
    ("status", "状态"),
    ("holder_name", "持证人"),
    ("holder_id_number", "身份证号"),
    ("sex", "性别"),
    ("birth_date", "出生日期"),
    ("unit_name", "工作单位"),
    ("series", "系列"),
    ("specialty", "专业"),
    ("qualification", "资格名称"),
    ("level", "级别"),
    ("method", "取得方式"),
    ("committee_name", "评委会"),
    ("passed_on", "评审通过时间"),
    ("approval_number", "核准文号"),
    ("issuer_name", "发证机关"),
    ("issued_on", "发证日期"),
    ("revoked_at", "撤销时间"),
    ("revoke_reason", "撤销原因"),
    ("replaces", "换发前证书编号"),
    ("pdf_sha256", "文件SHA-256"),
]


def _export_row(certificate: Certificate) -> dict[str, Any]:
    row: dict[str, Any] = {}
    for name, _ in EXPORT_FIELDS:
        if name == "status":
            value: Any = certificate.get_status_display()
        elif name == "method":
            value = certificate.get_method_display()
        elif name == "replaces":
            value = certificate.replaces.number if certificate.replaces_id else ""  # type: ignore[union-attr]
        else:
            value = getattr(certificate, name)
        if isinstance(value, datetime.datetime):
            value = timezone.localtime(value).isoformat(timespec="seconds")
        elif isinstance(value, datetime.date):
            value = value.isoformat()
        row[name] = value if value is not None else ""
    return row


def export_json(certificates: QuerySet[Certificate]) -> dict[str, Any]:
    rows = [_export_row(c) for c in certificates.select_related("replaces")]
    return {
        "generated_at": timezone.localtime().isoformat(timespec="seconds"),
        "fields": dict(EXPORT_FIELDS),
        "count": len(rows),
        "certificates": rows,
    }


def export_xlsx(certificates: QuerySet[Certificate]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "电子证照"
    sheet.append([label for _, label in EXPORT_FIELDS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for certificate in certificates.select_related("replaces"):
        row = _export_row(certificate)
        sheet.append([str(row[name]) for name, _ in EXPORT_FIELDS])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# --- 批量下载 (ZIP of the unsealed PDFs) --------------------------------------------------------


def unsealed_certificates(issuer: Organization) -> QuerySet[Certificate]:
    """The valid certificates printed without one of their seals: stamped offline (五(二)2 注)."""
    from .pdf import is_sealed

    certificates = Certificate.objects.filter(issuer=issuer, status=Certificate.Status.VALID)
    ids = [c.pk for c in certificates if not is_sealed(c)]
    return Certificate.objects.filter(pk__in=ids).order_by("number")


def batch_zip_start(*, issuer: Organization, actor: Any) -> GenerationBatch:
    from .tasks import build_batch_zip

    count = unsealed_certificates(issuer).count()
    if count == 0:
        raise ValidationError("没有需要线下盖章的证书")
    with transaction.atomic():
        batch = GenerationBatch.objects.create(
            kind=GenerationBatch.Kind.ZIP, issuer=issuer, created_by=actor, total=count
        )
        build_batch_zip.enqueue(batch.pk)
    return batch


def batch_zip_build(*, batch_id: int) -> int:
    """Write the ZIP, counting progress every 20 files; idempotent (a finished batch is kept)."""
    batch = GenerationBatch.objects.get(pk=batch_id)
    if batch.finished_at:
        return batch.done
    certificates = list(unsealed_certificates(batch.issuer))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:  # PDFs do not compress further
        for index, certificate in enumerate(certificates, start=1):
            archive.writestr(services.zip_name(certificate), services.pdf_bytes(certificate))
            if index % 20 == 0:
                GenerationBatch.objects.filter(pk=batch.pk).update(done=index)
    batch.file.save(f"batch-{batch.pk}.zip", ContentFile(out.getvalue()), save=False)
    batch.done = len(certificates)
    batch.total = len(certificates)
    batch.finished_at = timezone.now()
    batch.save(update_fields=["file", "done", "total", "finished_at"])
    return batch.done


# --- OpenAPI description of the public endpoint -----------------------------------------------


def openapi_document(request: HttpRequest) -> dict[str, Any]:
    certificate_schema = {
        "type": "object",
        "properties": {
            "number": {"type": "string", "description": "证书编号（21位）"},
            "license_id": {"type": "string", "description": "电子证照标识"},
            "status": {"type": "string", "enum": ["valid", "replaced", "revoked"]},
            "status_label": {"type": "string", "description": "有效 / 已换发 / 已撤销"},
            "holder_name": {"type": "string"},
            "id_number_masked": {
                "type": "string",
                "description": "身份证号（脱敏）",
                "example": mask_id_number("340104198501011234"),
            },
            "series": {"type": "string"},
            "specialty": {"type": "string"},
            "qualification": {"type": "string"},
            "level": {"type": "string"},
            "method": {"type": "string"},
            "committee": {"type": "string"},
            "passed_on": {"type": "string", "format": "date"},
            "approval_number": {"type": "string"},
            "issuer": {"type": "string"},
            "issued_on": {"type": "string", "format": "date"},
            "revoked_at": {"type": "string", "format": "date-time", "nullable": True},
            "revoke_reason": {"type": "string", "nullable": True},
            "replaced_by": {
                "type": "string",
                "nullable": True,
                "description": "换发后的新证书编号",
            },
            "verification_url": {"type": "string", "format": "uri"},
        },
    }
    error = {"type": "object", "properties": {"error": {"type": "string"}}}
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "电子职称证书核验接口",
            "version": "1",
            "description": "按证书编号或电子证照标识查询证书状态。无需登录；每个来源地址每分钟限 "
            "CERTIFICATE_API_RATE_PER_MINUTE 次，超出返回 429。每次查询都会记录，持证人可以看到。",
        },
        "servers": [{"url": request.build_absolute_uri("/")}],
        "paths": {
            "/api/certificates/{key}": {
                "get": {
                    "summary": "核验一份电子职称证书",
                    "parameters": [
                        {
                            "name": "key",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "string"},
                            "description": "证书编号（21位数字）或电子证照标识（1.2.156.3005.2.…）",
                        }
                    ],
                    "responses": {
                        "200": {
                            "description": "证书",
                            "content": {"application/json": {"schema": certificate_schema}},
                        },
                        "404": {
                            "description": "没有该证书",
                            "content": {"application/json": {"schema": error}},
                        },
                        "429": {
                            "description": "请求过于频繁",
                            "content": {"application/json": {"schema": error}},
                        },
                    },
                }
            }
        },
    }
