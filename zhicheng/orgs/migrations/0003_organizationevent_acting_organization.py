"""Event rows on core.workflow.StateEvent: the registration event's subject is renamed `unit`
(the rows keep their value), and `organization` is now the organization the actor acted for
(DESIGN §4) — filled for existing rows from what they can only have been: the unit itself for
its legal person's submission, the registration authority for a decision."""

import django.db.models.deletion
from django.db import migrations, models


def fill_acting_organization(apps, schema_editor):  # type: ignore[no-untyped-def]
    OrganizationEvent = apps.get_model("orgs", "OrganizationEvent")
    for event in OrganizationEvent.objects.select_related("unit"):
        submitted = event.to_status == "pending"
        event.organization_id = event.unit_id if submitted else event.unit.registration_authority_id
        event.save(update_fields=["organization"])


class Migration(migrations.Migration):
    dependencies = [
        ("orgs", "0002_registration_and_binding"),
    ]

    operations = [
        migrations.RenameField(
            model_name="organizationevent", old_name="organization", new_name="unit"
        ),
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
        migrations.AddField(
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
        migrations.RunPython(fill_acting_organization, migrations.RunPython.noop),
    ]
