"""PAdES signatures on certificate PDFs, behind one interface for both profiles.

``sign_pdf(pdf, key=...)`` signs with the issuer's key: ``ecdsa-p256`` through pyHanko's standard
signer, ``sm2-sm3`` through ``Sm2Signer``, a pyHanko ``Signer`` whose raw signatures are SM2 (default
user ID) over the DER of the signed attributes; the document digest is SM3. Both produce a PAdES
baseline signature (``ETSI.CAdES.detached``) with ``bytes_reserved`` fixed, so the file is written in
one pass.

``verify_pdf(pdf, trust_roots=...)`` checks the one signature in the file. ECDSA (and anything
pyHanko can validate) goes through pyHanko's validator. pyHanko cannot validate SM2, so SM2
signatures go through ``_verify_sm2``: the signature dictionary's /ByteRange and /Contents are read
from the file, the CMS SignedData parsed with asn1crypto, the messageDigest signed attribute
compared with SM3 over the signed byte ranges, and the SM2 signature checked over the signed
attributes with the signer certificate's key. In both, ``intact`` also requires the signature to
cover the whole file (nothing appended after signing), and ``trusted`` that the signer certificate
is one of ``trust_roots`` or issued by one of them.

pyHanko's synchronous API runs its own event loop: call these from synchronous code (views, tasks).
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from io import BytesIO
from typing import Any

from asn1crypto import cms, x509
from asn1crypto import keys as asn1_keys
from cryptography.hazmat.primitives import hashes, serialization
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.pdf_embedded import EmbeddedPdfSignature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.registry import SimpleCertificateStore

from zhicheng.certificates import gm
from zhicheng.certificates.keys import PROFILE_ECDSA_P256, PROFILE_SM2_SM3, IssuerKey

# Room for the CMS blob in /Contents, counted by pyHanko in hex digits: 16384 = 8 KiB of DER. One
# certificate and a signature need ~1.5 KiB; the rest leaves space for a timestamp token later.
BYTES_RESERVED = 16384
SIGNATURE_FIELD = "Signature1"
DEFAULT_REASON = "电子职称证书"

_MD_FOR_PROFILE = {PROFILE_ECDSA_P256: "sha256", PROFILE_SM2_SM3: gm.SM3}


@dataclass(frozen=True)
class VerificationResult:
    """The outcome of ``verify_pdf``.

    ``intact``: the signature is mathematically valid over the whole file, unchanged since signing.
    ``trusted``: the signer's certificate is one of the trust roots given, or issued by one.
    ``reason``: a Chinese sentence for people (a verification page can show it as it is).
    """

    intact: bool
    trusted: bool
    profile: str
    signer_subject: str
    signed_at: datetime.datetime | None
    reason: str

    @property
    def ok(self) -> bool:
        return self.intact and self.trusted


class Sm2Signer(signers.Signer):
    """A pyHanko signer that produces SM2 signatures with tongsuopy."""

    def __init__(self, *, private_key: Any, certificate: x509.Certificate) -> None:
        super().__init__(
            signing_cert=certificate,
            cert_registry=SimpleCertificateStore.from_certs([certificate]),
            signature_mechanism=cms.SignedDigestAlgorithm({"algorithm": gm.SM2_WITH_SM3}),
        )
        self._private_key = private_key

    async def async_sign_raw(
        self, data: bytes, digest_algorithm: str, dry_run: bool = False
    ) -> bytes:
        if digest_algorithm != gm.SM3:
            raise ValueError(f"SM2 签名只能与 SM3 配合使用，而不是 {digest_algorithm}")
        if dry_run:
            return bytes(72)  # the longest DER SM2 signature
        return gm.sm2_sign(self._private_key, data)


def _signer_for(key: IssuerKey) -> signers.Signer:
    if key.profile == PROFILE_SM2_SM3:
        return Sm2Signer(private_key=key.private_key, certificate=key.certificate)
    key_der = key.private_key.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    return signers.SimpleSigner(
        signing_cert=key.certificate,
        signing_key=asn1_keys.PrivateKeyInfo.load(key_der),
        cert_registry=SimpleCertificateStore.from_certs([key.certificate]),
    )


def sign_pdf(
    pdf_bytes: bytes,
    *,
    key: IssuerKey,
    reason: str = DEFAULT_REASON,
    field_name: str = SIGNATURE_FIELD,
) -> bytes:
    """The PDF with a PAdES signature by ``key`` appended as an incremental update."""
    writer = IncrementalPdfFileWriter(BytesIO(pdf_bytes), strict=False)
    metadata = signers.PdfSignatureMetadata(
        field_name=field_name,
        md_algorithm=_MD_FOR_PROFILE[key.profile],
        subfilter=fields.SigSeedSubFilter.PADES,
        reason=reason,
    )
    output = signers.sign_pdf(
        writer, metadata, signer=_signer_for(key), bytes_reserved=BYTES_RESERVED
    )
    return output.getvalue()


def _failure(reason: str, *, profile: str = "", subject: str = "") -> VerificationResult:
    return VerificationResult(
        intact=False,
        trusted=False,
        profile=profile,
        signer_subject=subject,
        signed_at=None,
        reason=reason,
    )


def verify_pdf(
    pdf_bytes: bytes, *, trust_roots: Iterable[x509.Certificate] = ()
) -> VerificationResult:
    """Check the PDF's one signature: see the module docstring; never raises on bad input."""
    roots = list(trust_roots)
    try:
        reader = PdfFileReader(BytesIO(pdf_bytes), strict=False)
        signatures = reader.embedded_regular_signatures
    except Exception:  # noqa: BLE001 — any unreadable file is simply "not verifiable"
        return _failure("无法读取该 PDF 文件")
    if not signatures:
        return _failure("文件中没有电子签名")
    if len(signatures) > 1:
        return _failure("文件中有多个签名，不是本平台签发的证书")
    signature = signatures[0]
    try:
        algorithm = signature.signer_info["signature_algorithm"]["algorithm"].dotted
        subject = _subject_name(signature.signer_cert)
    except Exception:  # noqa: BLE001
        return _failure("签名数据无法解析")
    if algorithm == gm.SM2_WITH_SM3_OID:
        return _verify_sm2(pdf_bytes, signature, roots, subject)
    return _verify_with_pyhanko(signature, roots, subject)


def _subject_name(cert: x509.Certificate) -> str:
    # The authority's name as people read it: the common name, else the whole subject.
    return cert.subject.native.get("common_name") or cert.subject.human_friendly


def _profile_of(signature: EmbeddedPdfSignature) -> str:
    cert = signature.signer_cert
    md = signature.signer_info["digest_algorithm"]["algorithm"].native
    if (
        cert.public_key.algorithm == "ec"
        and cert.public_key.curve[1] == "secp256r1"
        and md == "sha256"
    ):
        return PROFILE_ECDSA_P256
    return f"{cert.public_key.algorithm}/{md}"


def _verify_with_pyhanko(
    signature: EmbeddedPdfSignature, roots: list[x509.Certificate], subject: str
) -> VerificationResult:
    profile = _profile_of(signature)
    context = ValidationContext(
        trust_roots=roots, allow_fetching=False, revocation_mode="soft-fail"
    )
    try:
        status = validate_pdf_signature(signature, context)
    except Exception:  # noqa: BLE001
        return _failure("签名无法验证", profile=profile, subject=subject)
    whole_file = status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    intact = bool(status.intact and status.valid and whole_file)
    trusted = bool(status.trusted)
    if not (status.intact and status.valid):
        reason = "签名无效：文件内容在签名后被改动"
    elif not whole_file:
        reason = "签名后文件又被追加修改"
    elif not trusted:
        reason = "签名完整，但签名证书不是受信任的发证机关证书"
    else:
        reason = "签名有效"
    return VerificationResult(
        intact=intact,
        trusted=trusted,
        profile=profile,
        signer_subject=subject,
        signed_at=signature.self_reported_timestamp,
        reason=reason,
    )


def _der_set_of(contents: bytes) -> bytes:
    # The SM2 signature covers the signed attributes as a universal SET OF, not as the [0] field.
    length = len(contents)
    if length < 0x80:
        header = bytes([0x31, length])
    else:
        size = length.to_bytes((length.bit_length() + 7) // 8, "big")
        header = bytes([0x31, 0x80 | len(size)]) + size
    return header + contents


def _signed_ranges(pdf_bytes: bytes, byte_range: list[int]) -> tuple[bytes, bytes, bool] | None:
    """The /Contents hex string and the signed bytes per /ByteRange, and whether all else is covered."""
    if len(byte_range) != 4 or any(n < 0 for n in byte_range):
        return None
    start1, length1, start2, length2 = byte_range
    if start1 != 0 or not length1 < start2 or start2 + length2 > len(pdf_bytes):
        return None
    gap = pdf_bytes[length1:start2]
    if not (gap.startswith(b"<") and gap.endswith(b">")):
        return None
    try:
        contents = bytes.fromhex(gap[1:-1].decode("ascii"))
    except ValueError:
        return None
    signed = pdf_bytes[start1:length1] + pdf_bytes[start2 : start2 + length2]
    return contents, signed, start2 + length2 == len(pdf_bytes)


def _sm3(data: bytes) -> bytes:
    digest = hashes.Hash(hashes.SM3())
    digest.update(data)
    return digest.finalize()


def _attribute(signed_attrs: cms.CMSAttributes, name: str) -> Any:
    values = [attr["values"][0].native for attr in signed_attrs if attr["type"].native == name]
    return values[0] if len(values) == 1 else None


def _signer_certificate(
    signed_data: cms.SignedData, signer_info: cms.SignerInfo
) -> x509.Certificate | None:
    sid = signer_info["sid"]
    for choice in signed_data["certificates"]:
        if choice.name != "certificate":
            continue
        cert = choice.chosen
        if sid.name == "issuer_and_serial_number":
            if (
                cert.issuer == sid.chosen["issuer"]
                and cert.serial_number == sid.chosen["serial_number"].native
            ):
                return cert
        elif cert.key_identifier == sid.chosen.native:
            return cert
    return None


def _sm2_trusted(cert: x509.Certificate, roots: list[x509.Certificate]) -> bool:
    now = datetime.datetime.now(datetime.UTC)
    validity = cert["tbs_certificate"]["validity"]
    if not validity["not_before"].native <= now <= validity["not_after"].native:
        return False
    for root in roots:
        if root.dump() == cert.dump():
            return True
        if (
            root.subject == cert.issuer
            and root.public_key.algorithm == "ec"
            and root.public_key.curve[1] == gm.SM2_CURVE
            and gm.sm2_verify(
                root.public_key.dump(),
                cert["signature_value"].native,
                cert["tbs_certificate"].dump(),
            )
        ):
            return True
    return False


def _verify_sm2(
    pdf_bytes: bytes, signature: EmbeddedPdfSignature, roots: list[x509.Certificate], subject: str
) -> VerificationResult:
    def fail(reason: str) -> VerificationResult:
        return _failure(reason, profile=PROFILE_SM2_SM3, subject=subject)

    try:
        byte_range = [int(n) for n in signature.sig_object["/ByteRange"]]
    except (KeyError, TypeError, ValueError):
        return fail("签名缺少 /ByteRange")
    ranges = _signed_ranges(pdf_bytes, byte_range)
    if ranges is None:
        return fail("签名的 /ByteRange 与文件不符")
    contents, signed_bytes, whole_file = ranges
    try:
        content_info = cms.ContentInfo.load(contents, strict=False)
        signed_data = content_info["content"]
        (signer_info,) = signed_data["signer_infos"]
        signed_attrs = signer_info["signed_attrs"]
        digest_algorithm = signer_info["digest_algorithm"]["algorithm"].dotted
        message_digest = _attribute(signed_attrs, "message_digest")
        content_type = _attribute(signed_attrs, "content_type")
        cert = _signer_certificate(signed_data, signer_info)
        signed_attrs_der = _der_set_of(signed_attrs.contents)
        signature_value = signer_info["signature"].native
    except Exception:  # noqa: BLE001 — malformed CMS of any kind
        return fail("签名数据无法解析")
    if content_info["content_type"].native != "signed_data" or content_type != "data":
        return fail("签名数据类型不正确")
    if digest_algorithm != gm.SM3_OID:
        return fail("SM2 签名的摘要算法应为 SM3")
    if cert is None:
        return fail("签名中没有签名者证书")
    if message_digest != _sm3(signed_bytes):
        return fail("签名无效：文件内容在签名后被改动")
    if not gm.sm2_verify(cert.public_key.dump(), signature_value, signed_attrs_der):
        return fail("签名无效：SM2 签名值验证失败")
    trusted = _sm2_trusted(cert, roots)
    if not whole_file:
        reason = "签名后文件又被追加修改"
    elif not trusted:
        reason = "签名完整，但签名证书不是受信任的发证机关证书"
    else:
        reason = "签名有效"
    return VerificationResult(
        intact=whole_file,
        trusted=trusted,
        profile=PROFILE_SM2_SM3,
        signer_subject=_subject_name(cert),
        signed_at=signature.self_reported_timestamp,
        reason=reason,
    )
