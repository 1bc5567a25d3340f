"""A throwaway PostgreSQL server for the tests: a new cluster in a temporary folder, started on a
free loopback port, stopped and removed afterwards. The server programs come from Debian's
postgresql package (`make test` installs it when it is missing); as root the cluster runs as the
postgres user, since PostgreSQL refuses to run as root."""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tools.app_server import free_port

USER = "fashion"


def server_programs() -> Path:
    """The folder with initdb and pg_ctl, newest version first; a clear error when there is none."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    if found:
        return Path(found[-1]).parent
    if shutil.which("initdb"):
        return Path(shutil.which("initdb")).parent
    raise RuntimeError(
        "PostgreSQL's server programs (initdb, pg_ctl) are not installed: `make test` installs "
        "Debian's postgresql package when run as root; otherwise run `sudo apt-get install postgresql`"
    )


def _as_server_user(command: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


@contextmanager
def postgres_server() -> Iterator[str]:
    """Yield the URL of a new, empty PostgreSQL (user ``fashion``, trusted on loopback)."""
    programs = server_programs()
    folder = Path(tempfile.mkdtemp(prefix="fashion-lab-postgres-"))
    if os.geteuid() == 0:
        entry = pwd.getpwnam("postgres")
        os.chown(folder, entry.pw_uid, entry.pw_gid)
    data, port = folder / "data", free_port()
    run = lambda *command: subprocess.run(_as_server_user(list(command)), check=True, capture_output=True)  # noqa: E731
    try:
        run(str(programs / "initdb"), "-D", str(data), "-A", "trust", "-U", USER, "--no-sync", "-E", "UTF8")
        options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        run(
            str(programs / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(folder / "log"), "-w", "start"
        )
        try:
            yield f"postgresql://{USER}@127.0.0.1:{port}/postgres"
        finally:
            run(str(programs / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def new_database(url: str, name: str) -> str:
    """Create the database ``name`` on the server at ``url``; its URL."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    return url.rsplit("/", 1)[0] + f"/{name}"
