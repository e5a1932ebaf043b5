"""Start-up checks: every configured issuer key is usable and readable by its owner only."""

from typing import Any

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured

from .issuers import all_issuer_settings
from .keys import IssuerKeyError, load_issuer_key


@checks.register("certificates")
def check_issuer_keys(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    messages: list[checks.CheckMessage] = []
    try:
        entries = all_issuer_settings()
    except ImproperlyConfigured as error:
        return [checks.Error(str(error), id="certificates.E001")]
    for entry in entries:
        if not entry.key_path.exists():
            if not settings.CERTIFICATE_CREATE_MISSING_KEYS:
                messages.append(
                    checks.Error(
                        f"发证机关配置“{entry.entry}”的私钥 {entry.key_path} 不存在",
                        hint="manage.py certificates_create_issuer_key --profile "
                        f"{entry.profile} --name <发证机关名称> --out {entry.key_dir}",
                        id="certificates.E002",
                    )
                )
            continue
        try:
            key = load_issuer_key(key_path=entry.key_path, cert_path=entry.cert_path)
        except IssuerKeyError as error:
            messages.append(checks.Error(str(error), id="certificates.E003"))
            continue
        if key.profile != entry.profile:
            messages.append(
                checks.Error(
                    f"发证机关配置“{entry.entry}”的密钥是 {key.profile}，配置的签名方案是 {entry.profile}",
                    id="certificates.E004",
                )
            )
    return messages
