"""Uploads on S3-compatible object storage by settings alone, against a real S3 API on loopback
(moto's server): the same storage API and the same download views as on disk."""

import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import boto3
import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import Client, override_settings
from moto.server import ThreadedMotoServer

from config.settings.storage import storages_config
from zhicheng.core.tests.factories import PersonFactory

ROOT = Path(__file__).resolve().parents[3]
KEYS = {"AWS_ACCESS_KEY_ID": "zhicheng-test", "AWS_SECRET_ACCESS_KEY": "zhicheng-test-secret"}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def s3_endpoint() -> Iterator[str]:
    port = _free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture
def bucket_env(s3_endpoint: str) -> dict[str, str]:
    name = f"zc-uploads-{os.urandom(4).hex()}"
    env = {
        **KEYS,
        "AWS_STORAGE_BUCKET_NAME": name,
        "AWS_S3_ENDPOINT_URL": s3_endpoint,
        "AWS_S3_REGION_NAME": "cn-east-1",
        "AWS_S3_ADDRESSING_STYLE": "path",
        "AWS_LOCATION": "province-34",
    }
    s3_client(env).create_bucket(
        Bucket=name, CreateBucketConfiguration={"LocationConstraint": "cn-east-1"}
    )
    return env


def s3_client(env: dict[str, str]) -> Any:
    return boto3.client(
        "s3",
        endpoint_url=env["AWS_S3_ENDPOINT_URL"],
        region_name=env["AWS_S3_REGION_NAME"],
        aws_access_key_id=env["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=env["AWS_SECRET_ACCESS_KEY"],
    )


def test_without_a_bucket_uploads_stay_on_disk() -> None:
    assert storages_config({})["default"]["BACKEND"].endswith("FileSystemStorage")


def test_with_a_bucket_the_storage_api_writes_reads_and_deletes_objects(
    bucket_env: dict[str, str],
) -> None:
    with override_settings(STORAGES=storages_config(bucket_env)):
        first = default_storage.save("attachments/证明.pdf", ContentFile(b"%PDF-1 first"))
        second = default_storage.save("attachments/证明.pdf", ContentFile(b"%PDF-1 second"))
        assert first != second  # no silent overwrite of another person's file
        with default_storage.open(first, "rb") as handle:
            assert handle.read() == b"%PDF-1 first"
        assert default_storage.size(second) == len(b"%PDF-1 second")
        _, files = default_storage.listdir("attachments")
        assert sorted(files) == sorted(Path(n).name for n in (first, second))
        default_storage.delete(first)
        assert not default_storage.exists(first)
    # The objects really are in the bucket, under the configured prefix, and private.
    objects = s3_client(bucket_env).list_objects_v2(Bucket=bucket_env["AWS_STORAGE_BUCKET_NAME"])
    assert [o["Key"] for o in objects["Contents"]] == [f"province-34/{second}"]
    acl = s3_client(bucket_env).get_object_acl(
        Bucket=bucket_env["AWS_STORAGE_BUCKET_NAME"], Key=f"province-34/{second}"
    )
    assert not [g for g in acl["Grants"] if g["Grantee"].get("URI", "").endswith("AllUsers")]


@pytest.mark.django_db
def test_a_photo_in_object_storage_is_served_by_the_checked_view(
    bucket_env: dict[str, str], client: Client
) -> None:
    with override_settings(STORAGES=storages_config(bucket_env)):
        person = PersonFactory()
        person.photo.save("face.jpg", ContentFile(b"\xff\xd8\xff jpeg bytes"), save=True)
        client.force_login(person)
        response = client.get("/me/photo/image/")
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == b"\xff\xd8\xff jpeg bytes"
        assert Client().get("/me/photo/image/").status_code == 302  # anonymous: to the login
    key = f"province-34/{person.photo.name}"
    body = s3_client(bucket_env).get_object(Bucket=bucket_env["AWS_STORAGE_BUCKET_NAME"], Key=key)
    assert body["Body"].read() == b"\xff\xd8\xff jpeg bytes"


def test_the_production_settings_switch_to_object_storage_by_environment() -> None:
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        **KEYS,
        "DJANGO_SETTINGS_MODULE": "config.settings.prod",
        "SECRET_KEY": "x" * 60,
        "DATABASE_URL": "postgres://zhicheng@127.0.0.1:5432/zhicheng",
        "ALLOWED_HOSTS": "zc.example.gov.cn",
        "AWS_STORAGE_BUCKET_NAME": "zc-anhui",
        "AWS_S3_ENDPOINT_URL": "https://obs.example.gov.cn",
    }
    code = (
        "import django; django.setup(); from django.core.files.storage import storages; "
        "d = storages['default']; print(type(d).__name__, d.bucket_name, d.endpoint_url)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["S3Storage", "zc-anhui", "https://obs.example.gov.cn"]
