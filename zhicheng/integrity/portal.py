"""What integrity adds to the menu and 工作台 (see `zhicheng.core.portal`), registered in apps.py."""

from typing import Any

from django.urls import reverse
from django.utils import timezone

from zhicheng.core.portal import Link, Module

from . import access, selectors


def menu(user: Any) -> list[Link]:
    """诚信档案 for the reviewers of an HR department (the first one's list; 工作台 shows each)."""
    if user.is_person or user.is_legal:
        return []
    departments = access.keeping_departments(user=user)
    if not departments:
        return []
    return [Link(35, "诚信档案", reverse("integrity:records", args=[departments[0].pk]))]


def staff_integrity(user: Any) -> list[Module]:
    """工作台: a card per HR department with its bans in force and 新增."""
    departments = access.keeping_departments(user=user)
    if not departments:
        return []
    counts = selectors.in_force_counts(departments=departments, on=timezone.localdate())
    return [
        Module(
            order=30,
            key="integrity",
            template="integrity/_staff_integrity.html",
            context={
                "departments": [
                    {"department": department, "in_force": counts.get(department.pk, 0)}
                    for department in departments
                ]
            },
        )
    ]
