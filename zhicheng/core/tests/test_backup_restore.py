"""The backup and restore drill: dump the database and the uploads, restore them into a fresh
PostgreSQL cluster (or a new SQLite file) and an empty folder, and lose nothing."""

import hashlib
import io
import os
import re
import shutil
import socket
import subprocess
import tarfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import connection

from zhicheng.audit.models import AuditEvent
from zhicheng.audit.services import audit_record
from zhicheng.core.backup import _row_counts, _target_cursor_counts, _target_database
from zhicheng.core.tests.factories import OrganizationFactory, PersonFactory

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parents[3]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def fresh_cluster() -> Iterator[str | None]:
    """A PostgreSQL cluster of its own (initdb), when the suite runs on PostgreSQL."""
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        yield None
        return
    # Not under pytest's tmp dir: the postgres user must reach the data directory.
    data = Path(f"/tmp/zhicheng-pg-drill-{os.urandom(4).hex()}")
    env = {**os.environ, "ZHICHENG_PG_DATA": str(data), "PGPORT_TEST": str(_free_port())}
    script = ["bash", str(ROOT / "scripts" / "postgres.sh")]
    result = subprocess.run(script, env=env, capture_output=True, text=True, check=True)
    url = re.search(r"DATABASE_URL=(\S+)", result.stdout)
    assert url, result.stdout + result.stderr
    try:
        yield url.group(1)
    finally:
        subprocess.run([*script, "stop"], env=env, check=False)
        shutil.rmtree(data, ignore_errors=True)


@pytest.fixture
def empty_database(fresh_cluster: str | None, tmp_path: Path) -> str:
    """An empty database to restore into: a new one in the fresh cluster, or a new SQLite file."""
    if fresh_cluster is None:
        return f"sqlite:///{tmp_path / 'restored.sqlite3'}"
    import psycopg

    name = f"restored_{os.urandom(4).hex()}"
    with psycopg.connect(fresh_cluster, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return fresh_cluster.rsplit("/", 1)[0] + f"/{name}"


@pytest.fixture
def platform_with_data() -> dict[str, str]:
    """Rows in many tables and uploads in nested folders; the files' SHA-256 by name."""
    unit = OrganizationFactory(name="备份演练单位")
    for n in range(5):
        person = PersonFactory()
        person.photo.save(f"face{n}.jpg", ContentFile(os.urandom(2048)), save=True)
        audit_record(kind=AuditEvent.Kind.PHOTO_CHANGED, user=person, detail={"unit": unit.pk})
    default_storage.save("attachments/2026/12/证明材料.pdf", ContentFile(b"%PDF-1.7 " * 999))
    default_storage.save("plans/files/通知.docx", ContentFile(os.urandom(70_000)))
    return files_by_checksum(Path(settings.MEDIA_ROOT))


def files_by_checksum(root: Path) -> dict[str, str]:
    return {
        str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def source_row_counts() -> dict[str, int]:
    with connection.cursor() as cursor:
        return _row_counts(cursor, connection.vendor)


def test_a_restore_into_a_fresh_database_and_folder_loses_nothing(
    platform_with_data: dict[str, str], empty_database: str, tmp_path: Path
) -> None:
    archive = tmp_path / "drill.tar"
    call_command("backup", output=str(archive), stdout=io.StringIO())
    before = source_row_counts()
    assert before["accounts_user"] >= 5 and before["audit_auditevent"] >= 5

    restored = tmp_path / "restored-media"
    out = io.StringIO()
    call_command(
        "restore",
        str(archive),
        database_url=empty_database,
        media_root=str(restored),
        stdout=out,
    )
    assert "已恢复并核对" in out.getvalue()
    assert _target_cursor_counts(_target_database(empty_database)) == before
    assert files_by_checksum(restored) == platform_with_data
    assert len(platform_with_data) == 7


def test_the_archive_carries_a_manifest_of_sha256_sums(
    platform_with_data: dict[str, str], tmp_path: Path
) -> None:
    import json

    archive = tmp_path / "drill.tar"
    call_command("backup", output=str(archive), stdout=io.StringIO())
    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))  # type: ignore[arg-type]
        database = tar.extractfile(manifest["database"]["member"]).read()  # type: ignore[union-attr]
    assert {n: e["sha256"] for n, e in manifest["media"]["files"].items()} == platform_with_data
    assert manifest["database"]["sha256"] == hashlib.sha256(database).hexdigest()
    assert manifest["database"]["tables"]["accounts_user"] == source_row_counts()["accounts_user"]


def test_a_tampered_archive_is_refused_before_anything_is_written(
    platform_with_data: dict[str, str], empty_database: str, tmp_path: Path
) -> None:
    archive = tmp_path / "drill.tar"
    call_command("backup", output=str(archive), stdout=io.StringIO())
    tampered = tmp_path / "tampered.tar"
    with tarfile.open(archive) as source, tarfile.open(tampered, "w") as copy:
        for info in source.getmembers():
            data = source.extractfile(info).read()  # type: ignore[union-attr]
            if info.name.endswith("通知.docx"):
                data = b"X" + data[1:]
            copy.addfile(info, io.BytesIO(data))
    restored = tmp_path / "restored-media"
    with pytest.raises(CommandError, match="checksum mismatch: media/plans/files/通知.docx"):
        call_command(
            "restore", str(tampered), database_url=empty_database, media_root=str(restored)
        )
    assert not restored.exists() or not any(restored.iterdir())
    target = _target_database(empty_database)
    if target["vendor"] == "postgresql":
        assert _target_cursor_counts(target) == {}
    else:
        assert not Path(str(target["NAME"])).exists()


def test_a_restore_refuses_a_database_that_is_not_empty(
    platform_with_data: dict[str, str], empty_database: str, tmp_path: Path
) -> None:
    archive = tmp_path / "drill.tar"
    call_command("backup", output=str(archive), stdout=io.StringIO())
    call_command(
        "restore",
        str(archive),
        database_url=empty_database,
        media_root=str(tmp_path / "first"),
        stdout=io.StringIO(),
    )
    with pytest.raises(CommandError, match="not empty"):
        call_command(
            "restore", str(archive), database_url=empty_database, media_root=str(tmp_path / "b")
        )


def test_a_restore_refuses_a_folder_that_is_not_empty(
    platform_with_data: dict[str, str], empty_database: str, tmp_path: Path
) -> None:
    archive = tmp_path / "drill.tar"
    call_command("backup", output=str(archive), stdout=io.StringIO())
    occupied = tmp_path / "occupied"
    occupied.mkdir()
    (occupied / "someone-else.txt").write_text("x")
    with pytest.raises(CommandError, match="storage is not empty"):
        call_command("restore", str(archive), database_url=empty_database, media_root=str(occupied))
