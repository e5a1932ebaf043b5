"""Each issuing authority's certificate settings: its 颁发机构代码, its signing key and profile, its seal.

`settings.CERTIFICATE_ISSUERS` maps an organization's 统一社会信用代码 or name to an entry; "*"
serves every authority not named. Keys are loaded once per process (and checked: mode 0600, key
and certificate match, profile as configured); `checks.py` runs the same load at start-up.
"""

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from .keys import CERT_FILE, KEY_FILE, PROFILES, IssuerKey, create_issuer_key, load_issuer_key


@dataclass(frozen=True)
class IssuerSettings:
    entry: str  # the settings key that matched
    credit_code: str
    key_dir: Path
    profile: str
    seal: str  # the label of its seal (e.g. 职称证书专用章); empty: no seal configured

    @property
    def key_path(self) -> Path:
        return self.key_dir / KEY_FILE

    @property
    def cert_path(self) -> Path:
        return self.key_dir / CERT_FILE


def _entry(key: str, raw: dict[str, Any]) -> IssuerSettings:
    profile = raw.get("profile", "ecdsa-p256")
    if profile not in PROFILES:
        raise ImproperlyConfigured(f"CERTIFICATE_ISSUERS[{key!r}]: 未知的签名方案 {profile}")
    if not raw.get("credit_code") or not raw.get("key_dir"):
        raise ImproperlyConfigured(f"CERTIFICATE_ISSUERS[{key!r}] 须有 credit_code 和 key_dir")
    return IssuerSettings(
        entry=key,
        credit_code=str(raw["credit_code"]),
        key_dir=Path(raw["key_dir"]),
        profile=profile,
        seal=str(raw.get("seal") or ""),
    )


def issuer_settings(issuer: Any) -> IssuerSettings:
    """The entry for an Organization: by its credit code, then its name, then "*"."""
    configured = settings.CERTIFICATE_ISSUERS
    for key in (issuer.credit_code or "", issuer.name, "*"):
        if key and key in configured:
            return _entry(key, configured[key])
    raise ImproperlyConfigured(f"发证机关“{issuer.name}”没有证书签发配置（CERTIFICATE_ISSUERS）")


def all_issuer_settings() -> list[IssuerSettings]:
    return [_entry(key, raw) for key, raw in settings.CERTIFICATE_ISSUERS.items()]


@cache
def _load(key_dir: str, profile: str, name: str, create: bool) -> IssuerKey:
    path = Path(key_dir)
    if create and not (path / KEY_FILE).exists():
        create_issuer_key(profile=profile, name=name, out_dir=path)
    key = load_issuer_key(key_path=path / KEY_FILE, cert_path=path / CERT_FILE)
    if key.profile != profile:
        raise ImproperlyConfigured(f"{path} 中的密钥是 {key.profile}，而配置的签名方案是 {profile}")
    return key


def issuer_key(issuer: Any) -> IssuerKey:
    """The authority's signing key (created first in dev and tests, never in production)."""
    entry = issuer_settings(issuer)
    return _load(
        str(entry.key_dir), entry.profile, issuer.name, settings.CERTIFICATE_CREATE_MISSING_KEYS
    )


def trust_roots() -> list[Any]:
    """Every configured authority's certificate whose files exist: what a signature is checked against."""
    roots = []
    for entry in all_issuer_settings():
        if entry.cert_path.is_file():
            key = load_issuer_key(key_path=entry.key_path, cert_path=entry.cert_path)
            roots.append(key.certificate)
    return roots
