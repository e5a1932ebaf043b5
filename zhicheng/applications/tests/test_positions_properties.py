"""Whatever the order of imports, removals and reorders, each list of an application keeps
positions 1..n without gaps and never holds the same entry twice (anywhere in the application)."""

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zhicheng.applications import services
from zhicheng.applications.models import ImportedEntry, Section
from zhicheng.core.tests import factories as f

from .factories import K, approved_entry, start, world

pytestmark = pytest.mark.django_db

# (action, entry index, place): places are 业绩条件-like categories that both take projects.
ACTIONS = st.lists(
    st.tuples(
        st.sampled_from(["import", "remove", "up", "down"]),
        st.integers(min_value=0, max_value=4),
        st.integers(min_value=0, max_value=1),
    ),
    max_size=20,
)


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(actions=ACTIONS)
def test_positions_stay_one_to_n_and_entries_unique(
    cast: Any, actions: list[tuple[str, int, int]]
) -> None:
    w = world(cast, person=f.PersonFactory())  # a fresh person and plan per example
    for category in w.categories:
        category.allowed_kinds = [K.PROJECT]
        category.max_items = 5
        category.save()
    application = start(w)
    entries = [approved_entry(w.person, w.unit, K.PROJECT, title=f"项目{n}") for n in range(5)]
    for action, index, place in actions:
        category = w.categories[place]
        items = list(
            ImportedEntry.objects.filter(application=application, category=category).order_by(
                "position"
            )
        )
        try:
            if action == "import":
                services.application_import_entries(
                    application=application,
                    section=Section.PERFORMANCE,
                    category_id=category.pk,
                    entry_ids=[entries[index].pk],
                    actor=w.person,
                )
            elif items:
                item = items[index % len(items)]
                if action == "remove":
                    services.application_entry_remove(item=item, actor=w.person)
                else:
                    services.application_entry_move(item=item, up=action == "up", actor=w.person)
        except ValidationError as error:
            assert error.code == "imported_elsewhere"
        all_items = list(ImportedEntry.objects.filter(application=application))
        entry_ids = [item.entry_id for item in all_items]
        assert len(entry_ids) == len(set(entry_ids))
        for category in w.categories:
            positions = sorted(i.position for i in all_items if i.category_id == category.pk)
            assert positions == list(range(1, len(positions) + 1))
