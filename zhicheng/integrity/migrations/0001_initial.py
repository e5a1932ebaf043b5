"""诚信档案 moves from reviews to integrity: the model changes app in Django's state only; the
table `reviews_integrityrecord` and its rows stay where they are (db_table keeps the name)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("orgs", "0002_registration_and_binding"),
        ("reviews", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="IntegrityRecord",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("reason", models.CharField(max_length=500, verbose_name="失信情形")),
                        ("starts_on", models.DateField(verbose_name="禁止申报开始日期")),
                        ("ends_on", models.DateField(verbose_name="禁止申报截止日期")),
                        (
                            "created_at",
                            models.DateTimeField(auto_now_add=True, verbose_name="记录时间"),
                        ),
                        (
                            "hr_department",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="integrity_records",
                                to="orgs.organization",
                                verbose_name="记录机构",
                            ),
                        ),
                        (
                            "person",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="integrity_records",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="申报人",
                            ),
                        ),
                        (
                            "recorded_by",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="记录人",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "reviews_integrityrecord",
                        "verbose_name": "诚信档案",
                        "verbose_name_plural": "诚信档案",
                        "ordering": ["-starts_on", "-pk"],
                        "indexes": [
                            models.Index(
                                fields=["person", "ends_on"], name="reviews_int_person__557071_idx"
                            )
                        ],
                        "constraints": [
                            models.CheckConstraint(
                                condition=models.Q(("ends_on__gte", models.F("starts_on"))),
                                name="integrity_ban_ends_after_start",
                            )
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
