import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from zhicheng.core.backup import BackupError, backup_create


class Command(BaseCommand):
    help = "备份数据库和上传文件，生成一个带 SHA-256 清单的归档（tar）"

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--output",
            help="归档路径（默认 var/backups/zhicheng-<时间>.tar）",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        from django.conf import settings

        output = Path(
            options["output"]
            or Path(settings.VAR_DIR) / "backups" / f"zhicheng-{timezone.now():%Y%m%d-%H%M%S}.tar"
        )
        started = time.monotonic()
        try:
            result = backup_create(output=output)
        except BackupError as error:
            raise CommandError(f"备份失败：{error}") from error
        self.stdout.write(
            self.style.SUCCESS(
                f"已备份到 {result.path}：{result.tables} 张表 {result.rows} 行，"
                f"{result.files} 个文件 {result.bytes} 字节，用时 {time.monotonic() - started:.1f} 秒"
            )
        )
