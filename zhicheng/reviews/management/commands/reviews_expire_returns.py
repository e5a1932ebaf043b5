"""逾期未修改: close the returned applications whose 修改截止日期 has passed. Run daily (cron)."""

from typing import Any

from django.core.management.base import BaseCommand

from zhicheng.reviews.services import returns_expire


class Command(BaseCommand):
    help = "关闭超过修改截止日期仍未重新提交的退回申报（逾期未修改）"

    def handle(self, *args: Any, **options: Any) -> None:
        expired = returns_expire()
        self.stdout.write(f"逾期未修改：{len(expired)} 份申报已关闭")
