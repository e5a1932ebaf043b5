"""Event rows on core.workflow.StateEvent: the registration event's subject is now `unit`, and
`organization` is the organization the actor acted for (DESIGN §4).

Existing rows keep their subject (copied into `unit`); their acting organization is what it can
only have been: the unit itself for its legal person's submission, the registration authority
for a decision. (A new column rather than a rename: a renamed column keeps its index name, and
PostgreSQL then refuses the index of the new `organization` column.)
"""

import django.db.models.deletion
from django.db import migrations, models


def move_subject_to_unit(apps, schema_editor):  # type: ignore[no-untyped-def]
    OrganizationEvent = apps.get_model("orgs", "OrganizationEvent")
    Organization = apps.get_model("orgs", "Organization")
    authorities = dict(Organization.objects.values_list("pk", "registration_authority_id"))
    for event in OrganizationEvent.objects.all():
        unit_id = event.organization_id
        event.unit_id = unit_id
        event.organization_id = (
            unit_id if event.to_status == "pending" else authorities.get(unit_id)
        )
        event.save(update_fields=["unit", "organization"])


def move_unit_back(apps, schema_editor):  # type: ignore[no-untyped-def]
    OrganizationEvent = apps.get_model("orgs", "OrganizationEvent")
    OrganizationEvent.objects.update(organization_id=models.F("unit_id"))


class Migration(migrations.Migration):
    dependencies = [
        # After the unit-admin migration, which still writes events the old way.
        ("orgs", "0003_unit_admin_by_membership"),
    ]

    operations = [
        migrations.AlterField(
            model_name="organizationevent",
            name="organization",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="orgs.organization",
                verbose_name="操作机构",
            ),
        ),
        migrations.AddField(
            model_name="organizationevent",
            name="unit",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="events",
                to="orgs.organization",
                verbose_name="单位",
            ),
        ),
        migrations.RunPython(move_subject_to_unit, move_unit_back),
        migrations.AlterField(
            model_name="organizationevent",
            name="unit",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="events",
                to="orgs.organization",
                verbose_name="单位",
            ),
        ),
    ]
