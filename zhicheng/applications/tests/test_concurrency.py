"""Two 马上申报 at once, two tabs importing one entry at once: real concurrent transactions
(PostgreSQL; SQLite serialises writers)."""

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from zhicheng.applications import services
from zhicheng.applications.models import Application, ImportedEntry, Section
from zhicheng.orgs.tests.test_concurrency import race

from .factories import K, approved_entry, open_plan, start, world

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="parallel writers need PostgreSQL"
    ),
]


def test_two_applications_at_once_for_one_year_make_one(cast: Any) -> None:
    w = world(cast)
    other, plain, _, standard, *_ = open_plan(year=w.plan.year, series="中小学教师")

    def apply(plan: Any, specialty: Any, standard_id: int) -> Any:
        return services.application_start(
            person=w.person,
            plan=plan,
            apply_form="regular",
            specialty_id=specialty.pk,
            title="高级工程师",
            standard_id=standard_id,
            confirmed=True,
            actor=w.person,
        )

    results = race(
        lambda: apply(w.plan, w.plain, w.standard.pk),
        lambda: apply(other, plain, standard.pk),
    )
    assert sum(isinstance(r, ValidationError) for r in results) == 1, results
    assert Application.objects.filter(person=w.person).count() == 1


def test_two_tabs_importing_one_entry_make_one_import(cast: Any) -> None:
    w = world(cast)
    application = start(w)
    entry = approved_entry(w.person, w.unit, K.WORK)

    def run() -> Any:
        return services.application_import_entries(
            application=application, section=Section.WORK, entry_ids=[entry.pk], actor=w.person
        )

    results = race(run, run)
    assert not any(isinstance(r, Exception) for r in results), results
    assert ImportedEntry.objects.filter(application=application).count() == 1
