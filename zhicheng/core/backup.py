"""Backup and restore: the database and the uploaded files as one archive with a manifest.

The archive is a tar file:

    database/postgresql.dump   pg_dump custom format (or database/sqlite3.db, a SQLite copy)
    media/<name>               every file of the default storage (disk or object storage)
    manifest.json              SHA-256 and size of every member, and each table's row count

Consistency: on PostgreSQL the row counts and the list of files are read in one REPEATABLE READ
transaction whose snapshot pg_dump shares (--snapshot), so the dump and the counts are one
moment. Files are copied after that moment; an upload made meanwhile is an extra file no row
points to (harmless), and uploads are never changed in place, so no row points to a changed file.

A restore checks every checksum before it writes anything, refuses a database or a storage that
is not empty, and checks the row counts and the files again after writing.
"""

import contextlib
import datetime
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO, Any
from urllib.parse import quote

import dj_database_url
from django.conf import settings
from django.core.files.base import File
from django.core.files.storage import Storage, default_storage
from django.db import connection, transaction

FORMAT = "zhicheng-backup/1"
MANIFEST = "manifest.json"
PG_DUMP_MEMBER = "database/postgresql.dump"
SQLITE_MEMBER = "database/sqlite3.db"
CHUNK = 1024 * 1024


class BackupError(Exception):
    pass


def sha256_of(handle: IO[bytes]) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    while chunk := handle.read(CHUNK):
        digest.update(chunk)
        size += len(chunk)
    return digest.hexdigest(), size


def storage_files(storage: Storage, top: str = "") -> Iterator[str]:
    """Every file name in a storage, through the storage API only (disk and S3 alike)."""
    try:
        directories, files = storage.listdir(top)
    except FileNotFoundError:
        return
    for name in sorted(files):
        yield f"{top}/{name}" if top else name
    for directory in sorted(directories):
        yield from storage_files(storage, f"{top}/{directory}" if top else directory)


def pg_bin(name: str) -> str:
    """pg_dump / pg_restore of the newest installed PostgreSQL (PG_BINDIR overrides)."""
    bindir = os.environ.get("PG_BINDIR")
    if not bindir:
        candidates = sorted(
            Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: int(p.parent.name)
        )
        bindir = str(candidates[-1]) if candidates else ""
    path = Path(bindir) / name if bindir else None
    return str(path) if path and path.exists() else (shutil.which(name) or name)


def pg_env(db: dict[str, Any]) -> dict[str, str]:
    """libpq's environment for a Django database: no password on a command line."""
    env = {**os.environ, "PGDATABASE": str(db["NAME"]), "PGCONNECT_TIMEOUT": "10"}
    for key, var in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER")):
        if db.get(key):
            env[var] = str(db[key])
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return env


def _add_bytes(archive: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(datetime.datetime.now().timestamp())
    info.mode = 0o600
    archive.addfile(info, io.BytesIO(data))


def _add_file(archive: tarfile.TarFile, name: str, handle: IO[bytes], size: int) -> None:
    info = tarfile.TarInfo(name)
    info.size = size
    info.mtime = int(datetime.datetime.now().timestamp())
    info.mode = 0o600
    archive.addfile(info, handle)


def _tables(cursor: Any, vendor: str) -> list[str]:
    if vendor == "postgresql":
        cursor.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
        )
    else:
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' "
            "AND name NOT LIKE 'sqlite_%' ORDER BY name"
        )
    return [row[0] for row in cursor.fetchall()]


def _row_counts(cursor: Any, vendor: str) -> dict[str, int]:
    counts = {}
    for table in _tables(cursor, vendor):
        cursor.execute(f'SELECT count(*) FROM "{table}"')  # noqa: S608 (names from the catalogue)
        counts[table] = int(cursor.fetchone()[0])
    return counts


@dataclass
class BackupResult:
    path: Path
    tables: int
    rows: int
    files: int
    bytes: int


def backup_create(*, output: Path, storage: Storage | None = None) -> BackupResult:
    """Write one archive of the default database and the uploaded files to `output`."""
    storage = storage or default_storage
    vendor = connection.vendor
    output.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="zhicheng-backup-"))
    partial = output.with_name(output.name + ".partial")
    try:
        dump = work / "database"
        if vendor == "postgresql":
            member = PG_DUMP_MEMBER
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
                cursor.execute("SELECT pg_export_snapshot()")
                snapshot = cursor.fetchone()[0]
                counts = _row_counts(cursor, vendor)
                names = list(storage_files(storage))
                result = subprocess.run(
                    [pg_bin("pg_dump"), "-Fc", "--no-owner", f"--snapshot={snapshot}", "-f", dump],
                    env=pg_env(connection.settings_dict),
                    capture_output=True,
                    text=True,
                )
                if result.returncode != 0:
                    raise BackupError(f"pg_dump failed: {result.stderr.strip()}")
        elif vendor == "sqlite":
            member = SQLITE_MEMBER
            source = sqlite3.connect(str(connection.settings_dict["NAME"]))
            copy = sqlite3.connect(str(dump))
            try:
                source.backup(copy)  # one consistent copy, even while others write
                counts = _row_counts(copy.cursor(), vendor)
            finally:
                copy.close()
                source.close()
            names = list(storage_files(storage))
        else:
            raise BackupError(f"unsupported database: {vendor}")

        manifest: dict[str, Any] = {
            "format": FORMAT,
            "created_at": datetime.datetime.now(datetime.UTC).isoformat(),
            "database": {"vendor": vendor, "member": member, "tables": counts},
            "media": {"storage": type(storage).__name__, "files": {}},
        }
        total = 0
        with tarfile.open(partial, "w") as archive:
            with dump.open("rb") as handle:
                digest, size = sha256_of(handle)
                handle.seek(0)
                _add_file(archive, member, handle, size)
            manifest["database"] |= {"sha256": digest, "size": size}
            for name in names:
                # Read once into a spool file: the checksum and the archived bytes are the same.
                with storage.open(name, "rb") as source_file, tempfile.TemporaryFile() as spool:
                    shutil.copyfileobj(source_file, spool, CHUNK)
                    spool.seek(0)
                    digest, size = sha256_of(spool)
                    spool.seek(0)
                    _add_file(archive, f"media/{name}", spool, size)
                manifest["media"]["files"][name] = {"sha256": digest, "size": size}
                total += size
            _add_bytes(
                archive,
                MANIFEST,
                json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True).encode(),
            )
        partial.replace(output)  # a reader never sees half an archive under the final name
    finally:
        shutil.rmtree(work, ignore_errors=True)
        partial.unlink(missing_ok=True)
    return BackupResult(
        path=output,
        tables=len(counts),
        rows=sum(counts.values()),
        files=len(names),
        bytes=total,
    )


def backup_read_manifest(archive: tarfile.TarFile) -> dict[str, Any]:
    try:
        member = archive.extractfile(MANIFEST)
    except KeyError:
        raise BackupError("archive has no manifest.json") from None
    assert member is not None
    manifest: dict[str, Any] = json.load(member)
    if manifest.get("format") != FORMAT:
        raise BackupError(f"unknown archive format: {manifest.get('format')}")
    return manifest


def backup_verify(archive: tarfile.TarFile, manifest: dict[str, Any]) -> None:
    """Every member's SHA-256 and size as the manifest says, and nothing else in the archive."""
    expected = {manifest["database"]["member"]: manifest["database"]}
    for name, entry in manifest["media"]["files"].items():
        expected[f"media/{name}"] = entry
    present = set()
    for info in archive.getmembers():
        if info.name == MANIFEST:
            continue
        path = PurePosixPath(info.name)
        if not info.isfile() or path.is_absolute() or ".." in path.parts:
            raise BackupError(f"unexpected member: {info.name}")
        if info.name not in expected:
            raise BackupError(f"member not in the manifest: {info.name}")
        handle = archive.extractfile(info)
        assert handle is not None
        digest, size = sha256_of(handle)
        entry = expected[info.name]
        if (digest, size) != (entry["sha256"], entry["size"]):
            raise BackupError(f"checksum mismatch: {info.name}")
        present.add(info.name)
    missing = set(expected) - present
    if missing:
        raise BackupError(f"missing from the archive: {', '.join(sorted(missing))}")


@dataclass
class RestoreTarget:
    """Where to restore: a database URL (postgres:// or sqlite:///) and a storage."""

    database_url: str
    storage: Storage


def _target_database(url: str) -> dict[str, Any]:
    db: dict[str, Any] = dict(dj_database_url.parse(url))
    db["vendor"] = "postgresql" if str(db["ENGINE"]).endswith("postgresql") else "sqlite"
    if db["vendor"] == "sqlite" and not db["NAME"]:
        raise BackupError("sqlite:/// URL without a path")
    return db


def _target_cursor_counts(db: dict[str, Any]) -> dict[str, int]:
    if db["vendor"] == "postgresql":
        import psycopg

        with psycopg.connect(**_psycopg_kwargs(db)) as pg, pg.cursor() as cursor:
            return _row_counts(cursor, "postgresql")
    with contextlib.closing(sqlite3.connect(str(db["NAME"]))) as lite:
        return _row_counts(lite.cursor(), "sqlite")


def _psycopg_kwargs(db: dict[str, Any]) -> dict[str, Any]:
    kwargs = {"dbname": db["NAME"], "connect_timeout": 10}
    for key, name in (
        ("HOST", "host"),
        ("PORT", "port"),
        ("USER", "user"),
        ("PASSWORD", "password"),
    ):
        if db.get(key):
            kwargs[name] = db[key]
    return kwargs


def _target_is_empty(db: dict[str, Any]) -> bool:
    if db["vendor"] == "sqlite":
        path = Path(str(db["NAME"]))
        return not path.exists() or path.stat().st_size == 0
    return not _target_cursor_counts(db)


@dataclass
class RestoreResult:
    tables: int
    rows: int
    files: int


def backup_restore(*, archive_path: Path, target: RestoreTarget) -> RestoreResult:
    """Restore an archive into an empty database and an empty storage, and check the result."""
    db = _target_database(target.database_url)
    with tarfile.open(archive_path, "r") as archive:
        manifest = backup_read_manifest(archive)
        backup_verify(archive, manifest)
        vendor = manifest["database"]["vendor"]
        if vendor != db["vendor"]:
            raise BackupError(f"archive holds a {vendor} database, the target is {db['vendor']}")
        if not _target_is_empty(db):
            raise BackupError("the target database is not empty")
        if next(storage_files(target.storage), None) is not None:
            raise BackupError("the target storage is not empty")

        member = archive.extractfile(manifest["database"]["member"])
        assert member is not None
        with tempfile.TemporaryDirectory(prefix="zhicheng-restore-") as work:
            dump = Path(work) / "database"
            with dump.open("wb") as handle:
                shutil.copyfileobj(member, handle, CHUNK)
            if vendor == "postgresql":
                result = subprocess.run(
                    [
                        pg_bin("pg_restore"),
                        "--no-owner",
                        "--no-privileges",
                        "--exit-on-error",
                        "--single-transaction",
                        "-d",
                        str(db["NAME"]),
                        str(dump),
                    ],
                    env=pg_env(db),
                    capture_output=True,
                    text=True,
                )
                if result.returncode != 0:
                    raise BackupError(f"pg_restore failed: {result.stderr.strip()}")
            else:
                target_path = Path(str(db["NAME"]))
                target_path.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(dump, target_path)

        files = manifest["media"]["files"]
        for name in files:
            source = archive.extractfile(f"media/{name}")
            assert source is not None
            saved = target.storage.save(name, File(source, name=name))
            if saved != name:
                raise BackupError(f"storage stored {name} as {saved}")

    counts = _target_cursor_counts(db)
    if counts != manifest["database"]["tables"]:
        raise BackupError("row counts after the restore differ from the manifest")
    for name, entry in files.items():
        with target.storage.open(name, "rb") as handle:
            if sha256_of(handle) != (entry["sha256"], entry["size"]):
                raise BackupError(f"file differs after the restore: {name}")
    return RestoreResult(tables=len(counts), rows=sum(counts.values()), files=len(files))


def database_url_of_default() -> str:
    """The configured default database as a URL (for restoring into it)."""
    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    netloc = db.get("HOST") or "localhost"
    if db.get("PORT"):
        netloc += f":{db['PORT']}"
    user = quote(str(db.get("USER") or ""), safe="")
    if user:
        password = f":{quote(str(db['PASSWORD']), safe='')}" if db.get("PASSWORD") else ""
        netloc = f"{user}{password}@{netloc}"
    return f"postgres://{netloc}/{quote(str(db['NAME']), safe='')}"
