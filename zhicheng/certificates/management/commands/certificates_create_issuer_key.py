"""Create an issuing authority's signing key (mode 0600) and its self-signed certificate."""

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from zhicheng.certificates.keys import (
    DEFAULT_PROFILE,
    PROFILES,
    IssuerKeyError,
    create_issuer_key,
)


class Command(BaseCommand):
    help = "为发证机关生成签名私钥（权限 0600）和自签名证书"

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--profile", choices=PROFILES, default=DEFAULT_PROFILE, help="签名方案")
        parser.add_argument("--name", required=True, help="发证机关名称，写入证书主题")
        parser.add_argument(
            "--out",
            default=str(Path(settings.VAR_DIR) / "keys"),
            help="输出目录（默认 var/keys/，不在版本库中）",
        )
        parser.add_argument("--days", type=int, default=3650, help="证书有效天数")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            files = create_issuer_key(
                profile=options["profile"],
                name=options["name"],
                out_dir=options["out"],
                valid_days=options["days"],
            )
        except IssuerKeyError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"私钥：{files.key_path}（权限 0600）")
        self.stdout.write(f"证书：{files.cert_path}")
