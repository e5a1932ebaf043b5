"""Load the demo data once (idempotent): organizations, staff accounts and SSO test accounts."""

import os
import subprocess
import sys
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from zhicheng.accounts.models import User
from zhicheng.demo import people as demo
from zhicheng.orgs.models import Membership, Organization


class Command(BaseCommand):
    help = "加载演示数据（可重复执行）"

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--no-idp", action="store_true", help="不写入本地模拟政务服务网账号")
        parser.add_argument("--idp-url", default="http://127.0.0.1:8001", help="仅用于打印")

    def handle(self, *args: Any, **options: Any) -> None:
        from zhicheng.demo.applications import load_application_demo
        from zhicheng.demo.certificates import load_certificate_demo
        from zhicheng.demo.integrity import load_integrity_demo
        from zhicheng.demo.plans import load_plan_demo
        from zhicheng.demo.reviews import load_review_demo

        with transaction.atomic():
            orgs = self._organizations()
            self._staff(orgs)
            load_plan_demo()
            load_application_demo()
            load_review_demo()
            load_integrity_demo()
        load_certificate_demo()
        if not options["no_idp"]:
            self._idp_accounts()
        self.stdout.write(self.style.SUCCESS("演示数据已就绪"))
        self.stdout.write(f"  工作人员登录：{', '.join(s.username for s in demo.STAFF)}")
        if not options["no_idp"]:
            self.stdout.write(
                f"  安徽政务服务网（{options['idp_url']}）："
                f"{', '.join(a.username for a in demo.SSO_ACCOUNTS)}"
            )
        self.stdout.write(f"  演示密码均为 {demo.DEMO_PASSWORD}")

    def _org(self, **fields: Any) -> Organization:
        lookup = {"credit_code": fields["credit_code"]} if fields.get("credit_code") else None
        if lookup is None:
            lookup = {"name": fields["name"], "kind": fields["kind"]}
        org, _ = Organization.objects.update_or_create(**lookup, defaults=fields)
        return org

    def _organizations(self) -> dict[str, Organization]:
        orgs: dict[str, Organization] = {}
        kind = Organization.Kind
        level = Organization.Level
        code, name = demo.PROVINCE
        orgs["hr-340000"] = self._org(
            kind=kind.HR, name=name, region_code=code, level=level.PROVINCE
        )
        for code, city in demo.CITIES:
            orgs[f"hr-{code}"] = self._org(
                kind=kind.HR,
                name=f"{city}人力资源和社会保障局",
                region_code=code,
                level=level.CITY,
                parent=orgs["hr-340000"],
            )
        for code, county, city_code in demo.COUNTIES:
            orgs[f"hr-{code}"] = self._org(
                kind=kind.HR,
                name=f"{county}人力资源和社会保障局",
                region_code=code,
                level=level.COUNTY,
                parent=orgs[f"hr-{city_code}"],
            )
        for key, name, credit, region in demo.DEPARTMENTS:
            orgs[key] = self._org(
                kind=kind.DEPARTMENT,
                name=name,
                credit_code=credit,
                region_code=region,
                parent=orgs[f"hr-{region}"],
                is_public_institution=True,
            )
        for unit in demo.UNITS:
            orgs[unit.key] = self._org(
                kind=kind.UNIT,
                name=unit.name,
                credit_code=unit.credit_code,
                region_code=unit.region_code,
                parent=orgs[unit.parent_key],
                is_public_institution=unit.is_public_institution,
            )
        for key, organizer, committee in demo.ORGANIZERS:
            orgs[key] = self._org(kind=kind.ORGANIZER, name=organizer, region_code="340000")
            self._org(
                kind=kind.COMMITTEE,
                name=committee,
                region_code="340000",
                parent=orgs[key],
            )
        return orgs

    def _staff(self, orgs: dict[str, Organization]) -> None:
        for staff in demo.STAFF:
            user, created = User.objects.get_or_create(
                username=staff.username,
                defaults={
                    "kind": User.Kind.STAFF,
                    "name": staff.name,
                    "is_superuser": staff.is_superuser,
                    "is_staff": staff.is_superuser,
                    "is_auditor": staff.is_auditor,
                },
            )
            if created:
                user.set_password(demo.DEMO_PASSWORD)
                user.save(update_fields=["password"])
            if staff.org_key and staff.role:
                Membership.objects.get_or_create(
                    user=user, organization=orgs[staff.org_key], role=staff.role
                )

    def _idp_accounts(self) -> None:
        """Provision the local SSO stand-in, a site of its own: through its own commands."""
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.idp"}
        manage = [sys.executable, str(settings.BASE_DIR / "manage.py")]
        subprocess.run([*manage, "migrate", "--noinput", "-v0"], env=env, check=True)
        subprocess.run(
            [
                *manage,
                "idp_setup",
                "--client-id",
                settings.SSO_CLIENT_ID,
                "--client-secret",
                settings.SSO_CLIENT_SECRET,
                "--redirect-uri",
                "http://127.0.0.1/accounts/oidc/anhui/login/callback/",
            ],
            env=env,
            check=True,
        )
        from zhicheng.demo.applications import APPLICANTS, link_sso

        applicants = [a.account for a in APPLICANTS]
        for account in [*demo.SSO_ACCOUNTS, *applicants]:
            command = [
                *manage,
                "idp_create_account",
                "--kind",
                account.kind,
                "--username",
                account.username,
                "--password",
                demo.DEMO_PASSWORD,
                "--name",
                account.name,
                "--id-number",
                account.id_number,
                "--phone",
                account.phone,
            ]
            if account.kind == "legal":
                command += ["--unit-name", account.unit_name, "--uscc", account.uscc]
            done = subprocess.run(command, env=env, check=True, capture_output=True, text=True)
            if account in applicants:  # demo applicants with library entries: link their SSO `sub`
                link_sso(
                    username=account.username, sub=done.stdout.rsplit("(sub ", 1)[1].rstrip(")\n")
                )
