from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The read-only ../shared folder beside the project (seeds and benchmarks)."""
    if not SHARED.is_dir():
        pytest.fail(f"{SHARED} is missing: the tests need ../shared beside the project")
    return SHARED


@pytest.fixture(scope="session")
def seeds_dir(shared_dir: Path) -> Path:
    return shared_dir / "seeds"


@pytest.fixture(scope="session")
def benchmarks_dir(shared_dir: Path) -> Path:
    return shared_dir / "benchmarks"


@pytest.fixture(scope="session")
def nlp():
    from storyline.annotate.models import load_nlp

    return load_nlp()


def _pg_bin(name: str) -> str | None:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return found[-1] if found else shutil.which(name)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_postgres(args: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return args
    return ["runuser", "-u", "postgres", "--", *args]


@pytest.fixture(scope="session")
def postgres_url():
    initdb, pg_ctl = _pg_bin("initdb"), _pg_bin("pg_ctl")
    if not (initdb and pg_ctl):
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL server binaries are missing (make system-deps installs them)")
        pytest.skip("PostgreSQL server binaries not installed")
    pytest.importorskip("psycopg")
    root = tempfile.mkdtemp(prefix="storyline-pg-")
    os.chmod(root, 0o777)
    data = os.path.join(root, "data")
    port = _free_port()
    subprocess.run(_as_postgres([initdb, "-D", data, "-U", "postgres", "-A", "trust"]),
                   check=True, capture_output=True)
    subprocess.run(_as_postgres([pg_ctl, "-D", data, "-l", os.path.join(root, "log"), "-w",
                                 "-o", f"-p {port} -k {root} -c listen_addresses=127.0.0.1",
                                 "start"]), check=True, capture_output=True)
    time.sleep(0.2)
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(_as_postgres([pg_ctl, "-D", data, "-m", "immediate", "stop"]),
                       capture_output=True, check=False)
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(params=["sqlite", "postgres"])
def sqlite_or_postgres_store(request, tmp_path):
    """A new store: a SQLite file, or a new database on the throw-away PostgreSQL server
    (dropped afterwards)."""
    import uuid

    from sqlalchemy import create_engine, make_url, text

    from storyline.store import open_store

    if request.param == "sqlite":
        opened = open_store(str(tmp_path / "store.db"))
        yield opened
        opened.close()
        return
    server = make_url(request.getfixturevalue("postgres_url"))
    name = f"test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    opened = open_store(server.set(database=name).render_as_string(hide_password=False))
    yield opened
    opened.close()
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
    admin.dispose()
