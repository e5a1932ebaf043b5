"""国密 primitives: SM2 signatures and SM3 digests (tongsuopy), and their OIDs taught to asn1crypto.

pyca/cryptography has SM3 but no SM2 curve, so SM2 keys and signatures go through tongsuopy (a
Tongsuo/OpenSSL 3 binding). Its SM2 signatures use the standard default user ID
``1234567812345678`` (GB/T 32918.2, GM/T 0009), which is what the OpenSSL 3 CLI needs as
``-pkeyopt distid:1234567812345678`` to agree.

asn1crypto knows none of the 国密 OIDs; ``register_oids()`` adds them (idempotently) so that SM2
certificates and CMS structures parse and serialise: the SM2 curve 1.2.156.10197.1.301, SM3
1.2.156.10197.1.401 and SM2-with-SM3 1.2.156.10197.1.501 (GM/T 0006), used here both for
certificates and as the CMS signatureAlgorithm, as OpenSSL does.
"""

from typing import TypeAlias

from asn1crypto import algos, keys
from tongsuopy.crypto import hashes, serialization
from tongsuopy.crypto.asymciphers import ec
from tongsuopy.crypto.exceptions import InvalidSignature, UnsupportedAlgorithm

SM2_CURVE_OID = "1.2.156.10197.1.301"
SM3_OID = "1.2.156.10197.1.401"
SM2_WITH_SM3_OID = "1.2.156.10197.1.501"

SM2_CURVE = "sm2"
SM3 = "sm3"
SM2_WITH_SM3 = "sm2_sm3"

DEFAULT_USER_ID = b"1234567812345678"


def _register(cls: type, oid: str, name: str) -> None:
    mapping = cls._map  # type: ignore[attr-defined]
    mapping[oid] = name
    reverse = cls._reverse_map  # type: ignore[attr-defined]
    if reverse is not None:
        reverse[name] = oid


def register_oids() -> None:
    if SM2_CURVE_OID not in keys.NamedCurve._map:
        keys.NamedCurve.register(SM2_CURVE, SM2_CURVE_OID, 32)
    _register(algos.DigestAlgorithmId, SM3_OID, SM3)
    _register(algos.SignedDigestAlgorithmId, SM2_WITH_SM3_OID, SM2_WITH_SM3)


register_oids()

Sm2PrivateKey: TypeAlias = ec.EllipticCurvePrivateKey


def sm2_generate_key() -> Sm2PrivateKey:
    return ec.generate_private_key(ec.SM2())


def sm2_sign(key: Sm2PrivateKey, data: bytes) -> bytes:
    """DER-encoded SM2 signature of ``data`` (SM3 with Z computed from the default user ID)."""
    return key.sign(data, ec.ECDSA(hashes.SM3()))


def sm2_verify(public_key_der: bytes, signature: bytes, data: bytes) -> bool:
    """Whether ``signature`` is an SM2 signature of ``data`` under the SubjectPublicKeyInfo given."""
    try:
        public_key = serialization.load_der_public_key(public_key_der)
    except (UnsupportedAlgorithm, ValueError):
        return False
    if not isinstance(public_key, ec.EllipticCurvePublicKey) or public_key.curve.name != "SM2":
        return False
    try:
        public_key.verify(signature, data, ec.ECDSA(hashes.SM3()))
    except InvalidSignature:
        return False
    return True


def sm2_private_key_pem(key: Sm2PrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


def sm2_public_key_der(key: Sm2PrivateKey) -> bytes:
    return key.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )


def sm2_load_private_key(pem: bytes) -> Sm2PrivateKey:
    try:
        key = serialization.load_pem_private_key(pem, password=None)
    except UnsupportedAlgorithm as exc:
        raise ValueError(f"私钥不是 SM2 密钥（{exc}）") from exc
    if not isinstance(key, ec.EllipticCurvePrivateKey) or key.curve.name != "SM2":
        raise ValueError("私钥不是 SM2 密钥")
    return key
