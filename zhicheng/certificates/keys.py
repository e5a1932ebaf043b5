"""Issuer key material: a PEM private key and a PEM certificate on disk, one per issuing authority.

Two profiles: ``ecdsa-p256`` (ECDSA P-256 with SHA-256, pyca/cryptography) and ``sm2-sm3`` (国密,
tongsuopy; the certificate is built with asn1crypto because cryptography has no SM2). The profile
follows from the certificate's curve. Key files must be readable by their owner only: the loader
refuses anything else, and ``create_issuer_key`` writes them with mode 0600, never over an existing
file. Keys live outside the repository (``var/keys/`` by default, which git ignores).
"""

import datetime
import hashlib
import os
import secrets
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from asn1crypto import keys as asn1_keys
from asn1crypto import pem
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from zhicheng.certificates import gm

PROFILE_ECDSA_P256 = "ecdsa-p256"
PROFILE_SM2_SM3 = "sm2-sm3"
PROFILES = (PROFILE_ECDSA_P256, PROFILE_SM2_SM3)
DEFAULT_PROFILE = PROFILE_ECDSA_P256

KEY_FILE = "issuer-key.pem"
CERT_FILE = "issuer-cert.pem"

_CURVE_PROFILES = {"secp256r1": PROFILE_ECDSA_P256, gm.SM2_CURVE: PROFILE_SM2_SM3}


class IssuerKeyError(ValueError):
    """Key material that cannot be used; the message says why, in Chinese."""


@dataclass(frozen=True)
class IssuerKey:
    profile: str
    certificate: asn1_x509.Certificate
    # cryptography's EllipticCurvePrivateKey (ecdsa-p256) or tongsuopy's (sm2-sm3).
    private_key: Any

    @property
    def subject(self) -> str:
        return self.certificate.subject.human_friendly


@dataclass(frozen=True)
class IssuerKeyFiles:
    key_path: Path
    cert_path: Path


def _check_key_file_mode(path: Path) -> None:
    mode = stat.S_IMODE(path.stat().st_mode)
    if mode & 0o077:
        raise IssuerKeyError(
            f"私钥文件 {path} 的权限为 {mode:04o}，同组或其他用户可以访问；"
            f"请执行 chmod 600 {path} 后再使用"
        )


def _load_certificate(data: bytes) -> asn1_x509.Certificate:
    if pem.detect(data):
        _, _, data = pem.unarmor(data)
    return asn1_x509.Certificate.load(data)


def load_issuer_key(*, key_path: Path | str, cert_path: Path | str) -> IssuerKey:
    """Load and cross-check an issuer's key and certificate; IssuerKeyError when unusable."""
    key_path, cert_path = Path(key_path), Path(cert_path)
    for path in (key_path, cert_path):
        if not path.is_file():
            raise IssuerKeyError(f"找不到文件 {path}")
    _check_key_file_mode(key_path)
    try:
        certificate = _load_certificate(cert_path.read_bytes())
        public_key = certificate.public_key
        curve = public_key.curve[1] if public_key.algorithm == "ec" else public_key.algorithm
    except (ValueError, TypeError) as exc:
        raise IssuerKeyError(f"证书文件 {cert_path} 无法读取：{exc}") from exc
    profile = _CURVE_PROFILES.get(curve)
    if profile is None:
        raise IssuerKeyError(
            f"证书 {cert_path} 的密钥算法 {curve} 不受支持（支持 ECDSA P-256 和 SM2）"
        )
    key_pem = key_path.read_bytes()
    try:
        if profile == PROFILE_SM2_SM3:
            private_key: Any = gm.sm2_load_private_key(key_pem)
            public_der = gm.sm2_public_key_der(private_key)
        else:
            private_key = serialization.load_pem_private_key(key_pem, password=None)
            if not isinstance(private_key, ec.EllipticCurvePrivateKey) or not isinstance(
                private_key.curve, ec.SECP256R1
            ):
                raise ValueError("私钥不是 P-256 密钥")
            public_der = private_key.public_key().public_bytes(
                serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
            )
    except (ValueError, TypeError) as exc:
        raise IssuerKeyError(f"私钥文件 {key_path} 无法读取：{exc}") from exc
    if public_der != public_key.dump():
        raise IssuerKeyError(f"私钥 {key_path} 与证书 {cert_path} 不匹配")
    return IssuerKey(profile=profile, certificate=certificate, private_key=private_key)


def _write_new(path: Path, data: bytes, mode: int) -> None:
    # O_EXCL: never replace an existing key; the mode is given at creation, not chmod-ed afterwards.
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    os.chmod(path, mode)  # the umask may have narrowed it; make it exactly what was asked


def _asn1_time(moment: datetime.datetime) -> asn1_x509.Time:
    # RFC 5280 §4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050.
    if moment.year < 2050:
        return asn1_x509.Time({"utc_time": moment})
    return asn1_x509.Time({"general_time": moment})


def _sm2_self_signed_certificate(
    key: Any, *, name: str, not_before: datetime.datetime, not_after: datetime.datetime
) -> asn1_x509.Certificate:
    public_key_info = asn1_keys.PublicKeyInfo.load(gm.sm2_public_key_der(key))
    subject = asn1_x509.Name.build(
        {"country_name": "CN", "organization_name": name, "common_name": name}
    )
    key_id = hashlib.sha1(public_key_info["public_key"].contents, usedforsecurity=False).digest()
    tbs = asn1_x509.TbsCertificate(
        {
            "version": "v3",
            "serial_number": secrets.randbits(127),
            "signature": {"algorithm": gm.SM2_WITH_SM3},
            "issuer": subject,
            "validity": {"not_before": _asn1_time(not_before), "not_after": _asn1_time(not_after)},
            "subject": subject,
            "subject_public_key_info": public_key_info,
            "extensions": [
                {"extn_id": "basic_constraints", "critical": True, "extn_value": {"ca": True}},
                {
                    "extn_id": "key_usage",
                    "critical": True,
                    "extn_value": {
                        "digital_signature",
                        "non_repudiation",
                        "key_cert_sign",
                        "crl_sign",
                    },
                },
                {"extn_id": "key_identifier", "critical": False, "extn_value": key_id},
            ],
        }
    )
    return asn1_x509.Certificate(
        {
            "tbs_certificate": tbs,
            "signature_algorithm": {"algorithm": gm.SM2_WITH_SM3},
            "signature_value": gm.sm2_sign(key, tbs.dump()),
        }
    )


def _ecdsa_self_signed_certificate(
    key: ec.EllipticCurvePrivateKey,
    *,
    name: str,
    not_before: datetime.datetime,
    not_after: datetime.datetime,
) -> bytes:
    subject = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "CN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, name),
            x509.NameAttribute(NameOID.COMMON_NAME, name),
        ]
    )
    certificate = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before)
        .not_valid_after(not_after)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    return certificate.public_bytes(serialization.Encoding.PEM)


def create_issuer_key(
    *, profile: str, name: str, out_dir: Path | str, valid_days: int = 3650
) -> IssuerKeyFiles:
    """A new key (mode 0600) and a self-signed certificate for ``name`` in ``out_dir``."""
    if profile not in PROFILES:
        raise IssuerKeyError(f"未知的签名方案 {profile}，可选：{', '.join(PROFILES)}")
    if not name.strip():
        raise IssuerKeyError("请填写发证机关名称")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True, mode=0o700)
    files = IssuerKeyFiles(key_path=out / KEY_FILE, cert_path=out / CERT_FILE)
    for path in (files.key_path, files.cert_path):
        if path.exists():
            raise IssuerKeyError(f"{path} 已存在，不会覆盖；请换一个目录或先移走旧文件")
    not_before = datetime.datetime.now(datetime.UTC).replace(microsecond=0) - datetime.timedelta(
        minutes=5
    )
    not_after = not_before + datetime.timedelta(days=valid_days)
    if profile == PROFILE_SM2_SM3:
        sm2_key = gm.sm2_generate_key()
        key_pem = gm.sm2_private_key_pem(sm2_key)
        certificate = _sm2_self_signed_certificate(
            sm2_key, name=name, not_before=not_before, not_after=not_after
        )
        cert_pem = pem.armor("CERTIFICATE", certificate.dump())
    else:
        ec_key = ec.generate_private_key(ec.SECP256R1())
        key_pem = ec_key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        cert_pem = _ecdsa_self_signed_certificate(
            ec_key, name=name, not_before=not_before, not_after=not_after
        )
    _write_new(files.key_path, key_pem, 0o600)
    _write_new(files.cert_path, cert_pem, 0o644)
    return files
