"""Legal accounts no longer act for a unit by its credit code alone: give each unit one 单位管理员.

Units with one legal account keep it as their admin, exactly as before. Where several legal
accounts carry the credit code, the one that registered the unit (or, for units the
administrator created, the earliest account) stays admin; the others' admin memberships go.
"""

from typing import Any

from django.db import migrations


def unit_admins_by_membership(apps: Any, schema_editor: Any) -> None:
    Organization = apps.get_model("orgs", "Organization")
    OrganizationEvent = apps.get_model("orgs", "OrganizationEvent")
    Membership = apps.get_model("orgs", "Membership")
    User = apps.get_model("accounts", "User")
    # Later migrations give events a `unit` subject (and `organization` becomes the acting one);
    # the tests run this function against today's models too.
    has_unit = any(field.name == "unit" for field in OrganizationEvent._meta.get_fields())
    subject = "unit" if has_unit else "organization"
    units = Organization.objects.filter(kind="unit", status="active", credit_code__isnull=False)
    for unit in units.iterator():
        legal = list(
            User.objects.filter(kind="legal", credit_code__iexact=unit.credit_code).order_by("pk")
        )
        if not legal:
            continue
        event = (
            OrganizationEvent.objects.filter(**{subject: unit}, to_status="pending")
            .order_by("-created_at", "-pk")
            .first()
        )
        by_pk = {user.pk: user for user in legal}
        admin = by_pk.get(event.actor_id) if event is not None else None
        if admin is None:
            admin = legal[0]
        Membership.objects.get_or_create(user=admin, organization=unit, role="unit_admin")
        Membership.objects.filter(organization=unit, role="unit_admin", user__kind="legal").exclude(
            user=admin
        ).delete()
        if event is None and not OrganizationEvent.objects.filter(**{subject: unit}).exists():
            # Marks the created-by-administrator unit as claimed (see unit_admin_claim_first).
            OrganizationEvent.objects.create(
                **{subject: unit, "organization": unit},
                actor=admin,
                from_status=unit.status,
                to_status=unit.status,
                opinion="迁移：法人账号成为单位管理员",
            )


class Migration(migrations.Migration):
    dependencies = [
        ("orgs", "0002_registration_and_binding"),
        ("accounts", "0002_photo"),
    ]

    operations = [migrations.RunPython(unit_admins_by_membership, migrations.RunPython.noop)]
