import time
from pathlib import Path
from typing import Any

from django.core.files.storage import FileSystemStorage, default_storage
from django.core.management.base import BaseCommand, CommandError

from zhicheng.core.backup import (
    BackupError,
    RestoreTarget,
    backup_restore,
    database_url_of_default,
)


class Command(BaseCommand):
    help = (
        "把 backup 生成的归档恢复到空数据库和空的文件存储，先校验全部 SHA-256，"
        "恢复后核对各表行数和文件校验和"
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("archive", help="backup 生成的 .tar 归档")
        parser.add_argument("--database-url", help="目标数据库（默认：当前配置的数据库，须为空）")
        parser.add_argument("--media-root", help="目标文件夹（默认：当前配置的文件存储，须为空）")

    def handle(self, *args: Any, **options: Any) -> None:
        storage = (
            FileSystemStorage(location=options["media_root"])
            if options["media_root"]
            else default_storage
        )
        target = RestoreTarget(
            database_url=options["database_url"] or database_url_of_default(),
            storage=storage,
        )
        started = time.monotonic()
        try:
            result = backup_restore(archive_path=Path(options["archive"]), target=target)
        except BackupError as error:
            raise CommandError(f"恢复失败：{error}") from error
        self.stdout.write(
            self.style.SUCCESS(
                f"已恢复并核对：{result.tables} 张表 {result.rows} 行，{result.files} 个文件，"
                f"用时 {time.monotonic() - started:.1f} 秒"
            )
        )
