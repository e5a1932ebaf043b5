import io
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from asn1crypto import cms, pem
from django.core.management import CommandError, call_command
from pypdf import PdfWriter

from zhicheng.certificates.keys import (
    CERT_FILE,
    KEY_FILE,
    PROFILE_ECDSA_P256,
    PROFILE_SM2_SM3,
    PROFILES,
    IssuerKey,
    IssuerKeyError,
    create_issuer_key,
    load_issuer_key,
)
from zhicheng.certificates.signing import BYTES_RESERVED, sign_pdf, verify_pdf

ISSUER = "安徽省人力资源和社会保障厅"


def one_page_pdf(text: str = "电子职称证书") -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_metadata({"/Title": text})
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def issuer_keys(tmp_path_factory: pytest.TempPathFactory) -> dict[str, IssuerKey]:
    keys = {}
    for profile in PROFILES:
        files = create_issuer_key(
            profile=profile, name=ISSUER, out_dir=tmp_path_factory.mktemp(profile)
        )
        keys[profile] = load_issuer_key(key_path=files.key_path, cert_path=files.cert_path)
    return keys


@pytest.fixture(scope="module")
def other_keys(tmp_path_factory: pytest.TempPathFactory) -> dict[str, IssuerKey]:
    keys = {}
    for profile in PROFILES:
        # Same name, different key: only the key decides trust.
        files = create_issuer_key(
            profile=profile, name=ISSUER, out_dir=tmp_path_factory.mktemp(f"other-{profile}")
        )
        keys[profile] = load_issuer_key(key_path=files.key_path, cert_path=files.cert_path)
    return keys


@pytest.fixture(scope="module")
def signed(issuer_keys: dict[str, IssuerKey]) -> dict[str, bytes]:
    return {profile: sign_pdf(one_page_pdf(), key=key) for profile, key in issuer_keys.items()}


def _byte_range(pdf: bytes) -> list[int]:
    start = pdf.rindex(b"/ByteRange")
    inside = pdf[pdf.index(b"[", start) + 1 : pdf.index(b"]", start)]
    return [int(n) for n in inside.split()]


@pytest.mark.parametrize("profile", PROFILES)
def test_it_signs_and_verifies_intact_and_trusted(
    profile: str, issuer_keys: dict[str, IssuerKey], signed: dict[str, bytes]
) -> None:
    result = verify_pdf(signed[profile], trust_roots=[issuer_keys[profile].certificate])
    assert result.intact
    assert result.trusted
    assert result.ok
    assert result.profile == profile
    assert result.signer_subject == ISSUER
    assert result.signed_at is not None
    assert result.reason == "签名有效"


@pytest.mark.parametrize("profile", PROFILES)
def test_the_signature_leaves_the_reserved_room_and_covers_the_whole_file(
    profile: str, signed: dict[str, bytes]
) -> None:
    pdf = signed[profile]
    start1, length1, start2, length2 = _byte_range(pdf)
    assert start1 == 0
    assert start2 + length2 == len(pdf)
    # pyHanko counts bytes_reserved in the hex string's characters; plus the angle brackets.
    assert start2 - length1 == BYTES_RESERVED + 2


@pytest.mark.parametrize("profile", PROFILES)
def test_without_trust_roots_it_is_intact_but_not_trusted(
    profile: str, signed: dict[str, bytes]
) -> None:
    result = verify_pdf(signed[profile])
    assert result.intact
    assert not result.trusted
    assert "不是受信任" in result.reason


@pytest.mark.parametrize("profile", PROFILES)
def test_flipping_one_signed_byte_breaks_the_signature(
    profile: str, issuer_keys: dict[str, IssuerKey], signed: dict[str, bytes]
) -> None:
    pdf = bytearray(signed[profile])
    _, length1, start2, _ = _byte_range(bytes(pdf))
    # A byte of the original page content (first range) and one of the signature update (second).
    for position in (length1 // 3, start2 + 10):
        changed = bytearray(pdf)
        changed[position] ^= 0x01
        result = verify_pdf(bytes(changed), trust_roots=[issuer_keys[profile].certificate])
        assert not result.intact, position
        assert not result.ok


@pytest.mark.parametrize("profile", PROFILES)
def test_a_signature_by_another_key_is_not_trusted(
    profile: str,
    issuer_keys: dict[str, IssuerKey],
    other_keys: dict[str, IssuerKey],
) -> None:
    forged = sign_pdf(one_page_pdf(), key=other_keys[profile])
    result = verify_pdf(forged, trust_roots=[issuer_keys[profile].certificate])
    assert result.intact
    assert not result.trusted
    assert not result.ok


@pytest.mark.parametrize("profile", PROFILES)
def test_content_appended_after_signing_is_not_intact(
    profile: str, issuer_keys: dict[str, IssuerKey], signed: dict[str, bytes]
) -> None:
    result = verify_pdf(
        signed[profile] + b"\n% appended\n", trust_roots=[issuer_keys[profile].certificate]
    )
    assert not result.intact


def test_the_profiles_do_not_trust_each_other(
    issuer_keys: dict[str, IssuerKey], signed: dict[str, bytes]
) -> None:
    assert not verify_pdf(
        signed[PROFILE_SM2_SM3], trust_roots=[issuer_keys[PROFILE_ECDSA_P256].certificate]
    ).trusted
    assert not verify_pdf(
        signed[PROFILE_ECDSA_P256], trust_roots=[issuer_keys[PROFILE_SM2_SM3].certificate]
    ).trusted


def test_unsigned_and_unreadable_files_are_reported_not_raised() -> None:
    unsigned = verify_pdf(one_page_pdf())
    assert not unsigned.intact
    assert unsigned.reason == "文件中没有电子签名"
    garbage = verify_pdf(b"not a pdf at all")
    assert not garbage.intact
    assert garbage.reason == "无法读取该 PDF 文件"


def test_the_sm2_signature_uses_sm3_and_the_sm2_with_sm3_oid(signed: dict[str, bytes]) -> None:
    signer_info = _signed_data(signed[PROFILE_SM2_SM3])["signer_infos"][0]
    assert signer_info["digest_algorithm"]["algorithm"].dotted == "1.2.156.10197.1.401"
    assert signer_info["signature_algorithm"]["algorithm"].dotted == "1.2.156.10197.1.501"


def _signed_data(pdf: bytes) -> cms.SignedData:
    _, length1, start2, _ = _byte_range(pdf)
    contents = bytes.fromhex(pdf[length1 + 1 : start2 - 1].decode("ascii"))
    return cms.ContentInfo.load(contents, strict=False)["content"]


def _openssl_has_sm2() -> bool:
    if shutil.which("openssl") is None:
        return False
    listing = subprocess.run(
        ["openssl", "list", "-public-key-algorithms"], capture_output=True, text=True, check=False
    )
    return "SM2" in listing.stdout


@pytest.mark.skipif(not _openssl_has_sm2(), reason="openssl without SM2")
def test_the_sm2_signature_verifies_with_the_openssl_cli(
    tmp_path: Path, issuer_keys: dict[str, IssuerKey], signed: dict[str, bytes]
) -> None:
    signer_info = _signed_data(signed[PROFILE_SM2_SM3])["signer_infos"][0]
    attrs = signer_info["signed_attrs"].untag().dump()
    (tmp_path / "attrs.der").write_bytes(attrs)
    (tmp_path / "sig.der").write_bytes(signer_info["signature"].native)
    cert_pem = tmp_path / "cert.pem"
    cert_pem.write_bytes(pem.armor("CERTIFICATE", issuer_keys[PROFILE_SM2_SM3].certificate.dump()))
    pub = subprocess.run(
        ["openssl", "x509", "-in", str(cert_pem), "-noout", "-pubkey"],
        capture_output=True,
        check=True,
    ).stdout
    (tmp_path / "pub.pem").write_bytes(pub)
    verify = [
        "openssl",
        "pkeyutl",
        "-verify",
        "-pubin",
        "-inkey",
        str(tmp_path / "pub.pem"),
        "-rawin",
        "-digest",
        "sm3",
        "-pkeyopt",
        "distid:1234567812345678",
        "-in",
        str(tmp_path / "attrs.der"),
        "-sigfile",
        str(tmp_path / "sig.der"),
    ]
    done = subprocess.run(verify, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    # And OpenSSL accepts the asn1crypto-built, SM2-signed self-signed certificate.
    done = subprocess.run(
        ["openssl", "verify", "-CAfile", str(cert_pem), str(cert_pem)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


# --- key files ---


@pytest.mark.parametrize("profile", PROFILES)
def test_create_issuer_key_writes_a_private_key_only_its_owner_can_read(
    profile: str, tmp_path: Path
) -> None:
    files = create_issuer_key(profile=profile, name=ISSUER, out_dir=tmp_path)
    assert files.key_path == tmp_path / KEY_FILE
    assert files.cert_path == tmp_path / CERT_FILE
    assert files.key_path.stat().st_mode & 0o777 == 0o600
    key = load_issuer_key(key_path=files.key_path, cert_path=files.cert_path)
    assert key.profile == profile
    assert key.certificate.subject.native["common_name"] == ISSUER


def test_create_issuer_key_never_overwrites(tmp_path: Path) -> None:
    create_issuer_key(profile=PROFILE_ECDSA_P256, name=ISSUER, out_dir=tmp_path)
    with pytest.raises(IssuerKeyError, match="已存在"):
        create_issuer_key(profile=PROFILE_SM2_SM3, name=ISSUER, out_dir=tmp_path)


@pytest.mark.parametrize("mode", [0o640, 0o604, 0o644, 0o660])
def test_the_loader_refuses_a_key_others_can_read(mode: int, tmp_path: Path) -> None:
    files = create_issuer_key(profile=PROFILE_ECDSA_P256, name=ISSUER, out_dir=tmp_path)
    os.chmod(files.key_path, mode)
    with pytest.raises(IssuerKeyError, match="chmod 600"):
        load_issuer_key(key_path=files.key_path, cert_path=files.cert_path)


def test_the_loader_refuses_a_key_that_does_not_match_the_certificate(tmp_path: Path) -> None:
    one = create_issuer_key(profile=PROFILE_SM2_SM3, name=ISSUER, out_dir=tmp_path / "one")
    two = create_issuer_key(profile=PROFILE_SM2_SM3, name=ISSUER, out_dir=tmp_path / "two")
    with pytest.raises(IssuerKeyError, match="不匹配"):
        load_issuer_key(key_path=one.key_path, cert_path=two.cert_path)
    ecdsa = create_issuer_key(profile=PROFILE_ECDSA_P256, name=ISSUER, out_dir=tmp_path / "ec")
    with pytest.raises(IssuerKeyError, match="无法读取"):
        load_issuer_key(key_path=ecdsa.key_path, cert_path=two.cert_path)


def test_the_loader_reports_missing_files(tmp_path: Path) -> None:
    with pytest.raises(IssuerKeyError, match="找不到文件"):
        load_issuer_key(key_path=tmp_path / "nope.pem", cert_path=tmp_path / "nope.crt")


@pytest.mark.parametrize("profile", PROFILES)
def test_the_management_command_creates_a_usable_key(profile: str, tmp_path: Path) -> None:
    out = io.StringIO()
    call_command(
        "certificates_create_issuer_key",
        "--profile",
        profile,
        "--name",
        ISSUER,
        "--out",
        str(tmp_path),
        stdout=out,
    )
    assert "0600" in out.getvalue()
    key = load_issuer_key(key_path=tmp_path / KEY_FILE, cert_path=tmp_path / CERT_FILE)
    assert key.profile == profile
    assert verify_pdf(sign_pdf(one_page_pdf(), key=key), trust_roots=[key.certificate]).ok
    with pytest.raises(CommandError, match="已存在"):
        call_command(
            "certificates_create_issuer_key", "--name", ISSUER, "--out", str(tmp_path), stdout=out
        )


@pytest.mark.parametrize("profile", PROFILES)
def test_a_changed_signature_value_is_refused(
    profile: str, issuer_keys: dict[str, IssuerKey], signed: dict[str, bytes]
) -> None:
    # The signature value sits in /Contents, outside the signed ranges: the digest still matches,
    # so only the signature check itself can catch this.
    pdf = signed[profile]
    value = _signed_data(pdf)["signer_infos"][0]["signature"].native
    for encoded in (value.hex().encode(), value.hex().upper().encode()):
        if encoded in pdf:
            break
    position = pdf.index(encoded) + len(encoded) - 4
    changed = (
        pdf[:position]
        + (b"0" if pdf[position : position + 1] != b"0" else b"1")
        + pdf[position + 1 :]
    )
    result = verify_pdf(changed, trust_roots=[issuer_keys[profile].certificate])
    assert not result.intact
    assert not result.ok
