"""Factories for library entries and attachments."""

import datetime
import hashlib
import io
from typing import Any

import factory
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image

from zhicheng.core.tests.factories import PersonFactory
from zhicheng.library.models import Entry, EntryAttachment
from zhicheng.orgs.models import UnitBinding


def bind(person: Any, unit: Any) -> UnitBinding:
    """Give a person an approved unit (the units issue's binding, made directly); idempotent."""
    existing = UnitBinding.objects.filter(
        person=person, unit=unit, status=UnitBinding.Status.APPROVED
    ).first()
    return existing or UnitBinding.objects.create(
        person=person, unit=unit, statement="x", status=UnitBinding.Status.APPROVED
    )


def png_bytes(width: int = 40, height: int = 30, color: str = "navy") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), color).save(out, "PNG")
    return out.getvalue()


def jpeg_bytes(width: int = 40, height: int = 30) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), "white").save(out, "JPEG")
    return out.getvalue()


def pdf_bytes() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


class EntryFactory(factory.django.DjangoModelFactory):
    """A 学历教育 draft by default; pass kind= and the kind's fields for others."""

    class Meta:
        model = Entry
        skip_postgeneration_save = True

    person = factory.SubFactory(PersonFactory)
    kind = Entry.Kind.EDUCATION
    status = Entry.Status.DRAFT
    start_date = datetime.date(2004, 9, 1)
    end_date = datetime.date(2008, 7, 1)
    school = "合肥工业大学"
    major = "土木工程"
    education_level = Entry.EducationLevel.BACHELOR
    degree = Entry.Degree.BACHELOR
    schooling_years = 4
    study_mode = Entry.StudyMode.FULL_TIME
    number = "103591200805000123"

    @factory.post_generation
    def with_attachment(obj: Entry, create: bool, extracted: Any, **kwargs: Any) -> None:
        """Entries carry one scanned certificate, as a submitted entry must; pass
        with_attachment=False for an entry without any."""
        if create and extracted is not False:
            AttachmentFactory(entry=obj)


class SubmittedEntryFactory(EntryFactory):
    """Needs unit=…; an entry waiting at that unit, whose person is bound to it (unless the person
    already has another unit: pass bound=False to leave the binding alone)."""

    class Meta:
        skip_postgeneration_save = True

    status = Entry.Status.SUBMITTED
    submitted_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def bound(obj: Entry, create: bool, extracted: Any, **kwargs: Any) -> None:  # noqa: N805
        if not create or extracted is False or obj.unit is None:
            return
        approved = UnitBinding.objects.filter(person=obj.person, status=UnitBinding.Status.APPROVED)
        if not approved.exists():
            bind(obj.person, obj.unit)


class AttachmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EntryAttachment

    entry = factory.SubFactory(EntryFactory)
    display_name = "毕业证书.png"
    kind = "png"
    content_type = "image/png"
    file = factory.LazyFunction(lambda: ContentFile(png_bytes(), name="x.png"))
    size = factory.LazyAttribute(lambda o: len(png_bytes()))
    sha256 = factory.LazyFunction(lambda: hashlib.sha256(png_bytes()).hexdigest())
    uploaded_by = factory.LazyAttribute(lambda o: o.entry.person)
