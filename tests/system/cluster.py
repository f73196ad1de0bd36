"""Real processes on loopback standing in for boxes: a PostgreSQL server of the test's own (so a test may stop
it), app servers run as production runs them (granian, ``solidarity.wsgi``), workers, and nginx in front.

Each piece is started and stopped by the test that needs it; nothing listens on anything but 127.0.0.1.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import requests

BIN = Path(sys.executable).parent
PG_BIN = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: [int(x) for x in p.parent.name.split(".")])
NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
SECRET = "system-test-secret-key-that-is-long-enough-for-django-checks"


def missing_tools() -> str | None:
    """Why these tests cannot run here, or None (``scripts/system-deps.sh`` installs everything)."""
    if not PG_BIN:
        return "PostgreSQL server binaries are not installed"
    if NGINX is None:
        return "nginx is not installed"
    return None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(check: Any, what: str, timeout: float = 30.0) -> Any:
    deadline = time.monotonic() + timeout
    while True:
        try:
            result = check()
            if result:
                return result
        except (OSError, requests.RequestException):
            pass
        if time.monotonic() > deadline:
            raise TimeoutError(f"{what} did not happen within {timeout} s")
        time.sleep(0.1)


class Postgres:
    """A throwaway PostgreSQL cluster; ``stop``/``start`` simulate an outage, ``close`` deletes it.

    Its folder is made directly under /tmp: when the tests run as root the server runs as ``postgres``, which
    cannot enter pytest's private temporary folders.
    """

    def __init__(self) -> None:
        self.folder = folder = Path(tempfile.mkdtemp(prefix="solidarity-system-pg."))
        self.port = free_port()
        self.bin = PG_BIN[-1]
        self.as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if self.as_postgres:
            shutil.chown(folder, "postgres", "postgres")
        self._pg(
            "initdb", "-D", str(folder / "data"), "-U", "solidarity", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"
        )
        self.start()
        self._pg("createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "solidarity", "solidarity")

    @property
    def url(self) -> str:
        return f"postgres://solidarity@127.0.0.1:{self.port}/solidarity"

    def _pg(self, tool: str, *args: str) -> None:
        subprocess.run([*self.as_postgres, str(self.bin / tool), *args], check=True, capture_output=True)

    def start(self) -> None:
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=60"
        self._pg(
            "pg_ctl", "-D", str(self.folder / "data"), "-l", str(self.folder / "log"), "-w", "-o", options, "start"
        )

    def stop(self) -> None:
        """Stop at once, as a crash or a failover would (clients see their connections drop)."""
        self._pg("pg_ctl", "-D", str(self.folder / "data"), "-m", "immediate", "stop")

    def close(self) -> None:
        subprocess.run(
            [*self.as_postgres, str(self.bin / "pg_ctl"), "-D", str(self.folder / "data"), "-m", "immediate", "stop"],
            capture_output=True,
        )
        shutil.rmtree(self.folder, ignore_errors=True)


def instance_env(folder: Path, database_url: str, **extra: str) -> dict[str, str]:
    """The environment of one box: its own data folder, the shared database, and whatever ``extra`` adds."""
    folder.mkdir(parents=True, exist_ok=True)
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update(
        DATABASE_URL=database_url,
        SOLIDARITY_DATA_DIR=str(folder),
        SOLIDARITY_SECRET_KEY=SECRET,
        SOLIDARITY_MIN_FILL_SECONDS="0",
        PYTHONPATH=str(Path(__file__).resolve().parents[2]),
        **extra,
    )
    return env


def solidarity(env: dict[str, str], *args: str, check: bool = True) -> subprocess.CompletedProcess:
    done = subprocess.run([sys.executable, "-m", "solidarity", *args], env=env, capture_output=True, text=True)
    if check:
        assert done.returncode == 0, done.stderr[-3000:]
    return done


class Process:
    """A long-running child with its output in a file, killed with its whole process group at the end."""

    def __init__(self, command: list[str], env: dict[str, str], log: Path) -> None:
        self.log = log
        with open(log, "ab") as out:
            self.child = subprocess.Popen(
                command, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
            )

    def kill(self) -> None:
        """``kill -9`` the process and its children: no chance to clean up, as in a power cut."""
        if self.child.poll() is None:
            os.killpg(self.child.pid, signal.SIGKILL)
            self.child.wait(timeout=10)

    def stop(self) -> None:
        if self.child.poll() is None:
            os.killpg(self.child.pid, signal.SIGTERM)
            try:
                self.child.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()

    def output(self) -> str:
        return self.log.read_text(errors="replace")


class AppServer(Process):
    """One app box: granian serving ``solidarity.wsgi:application`` on its own port."""

    def __init__(self, env: dict[str, str], log: Path, *, workers: int = 1) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        command = [
            str(BIN / "granian"),
            "--interface",
            "wsgi",
            "solidarity.wsgi:application",
            "--host",
            "127.0.0.1",
            "--port",
            str(self.port),
            "--workers",
            str(workers),
            "--blocking-threads",
            "1",
            "--no-ws",
        ]
        super().__init__(command, env, log)
        wait_for(lambda: requests.get(f"{self.url}/healthz", timeout=2).ok, f"app server on {self.port}")


class Worker(Process):
    def __init__(self, env: dict[str, str], log: Path, worker_id: str, *extra: str) -> None:
        command = [sys.executable, "-m", "solidarity", "worker", "--worker-id", worker_id, "--interval", "0.2", *extra]
        super().__init__(command, env, log)


class Proxy(Process):
    """nginx balancing over the app servers, as in docs/deploy.md (round robin, no sticky sessions)."""

    def __init__(self, folder: Path, upstreams: list[str]) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        servers = "\n".join(f"    server {re.sub(r'^https?://', '', url)};" for url in upstreams)
        user = "user root;" if os.geteuid() == 0 else ""
        (folder / "nginx.conf").write_text(
            f"""{user}
worker_processes 1;
daemon off;
error_log {folder}/error.log;
pid {folder}/nginx.pid;
events {{ worker_connections 256; }}
http {{
  access_log off;
  client_body_temp_path {folder}/body;
  proxy_temp_path {folder}/proxy;
  fastcgi_temp_path {folder}/fastcgi;
  uwsgi_temp_path {folder}/uwsgi;
  scgi_temp_path {folder}/scgi;
  upstream app {{
{servers}
  }}
  server {{
    listen 127.0.0.1:{self.port};
    client_max_body_size 20m;
    location / {{
      proxy_pass http://app;
      proxy_set_header Host $http_host;
      proxy_set_header X-Real-IP $remote_addr;
      proxy_next_upstream error timeout;
    }}
  }}
}}
"""
        )
        super().__init__(
            [NGINX, "-c", str(folder / "nginx.conf"), "-p", str(folder)], os.environ.copy(), folder / "nginx.out"
        )
        wait_for(lambda: requests.get(f"{self.url}/healthz", timeout=2).ok, "nginx")


class Supporter:
    """Someone filling in the report form with a browser's cookies, without JavaScript."""

    def __init__(self) -> None:
        self.session = requests.Session()

    def open_form(self, base: str, slug: str) -> dict[str, str]:
        page = self.session.get(f"{base}/en/c/{slug}/report/", timeout=10)
        page.raise_for_status()
        fields = dict(re.findall(r'name="(csrfmiddlewaretoken|started)" value="([^"]*)"', page.text))
        assert {"csrfmiddlewaretoken", "started"} <= set(fields), page.text[:500]
        return fields

    def send(
        self,
        base: str,
        slug: str,
        form: dict[str, str],
        *,
        city: str,
        geonameid: int | None,
        contact: str,
        text: str,
        photos: list[bytes] = (),
        extra: dict[str, Any] | None = None,
    ) -> requests.Response:
        data = {
            **form,
            "held_on": time.strftime("%Y-%m-%d"),
            "city": city,
            "confirmed_place": "" if geonameid is None else str(geonameid),
            "action_type": "picket",
            "participants": "7",
            "public_text": text,
            "reporter_name": "Planted Canaryname",
            "reporter_contact": contact,
            **(extra or {}),
        }
        files = [("photos", (f"photo{n}.jpg", content, "image/jpeg")) for n, content in enumerate(photos)]
        return self.session.post(
            f"{base}/en/c/{slug}/report/", data=data, files=files or None, timeout=30, allow_redirects=False
        )


RUNNING_CAMPAIGN = """
import datetime
from django.utils import timezone
from solidarity.campaigns.models import Campaign
from solidarity.registry.models import Organisation
today = timezone.localdate()
organiser, _ = Organisation.objects.get_or_create(slug="rsd", defaults={"name": "RSD", "kind": "movement"})
Campaign.objects.get_or_create(slug=SLUG, defaults=dict(
    title="Week of action", organiser=organiser, language="en", summary="A week of pickets.", body="Hold a picket.",
    starts_on=today - datetime.timedelta(days=2), ends_on=today + datetime.timedelta(days=2), timezone="UTC",
    slogans=["Freedom!"], demands=["Release them."], action_types=["picket"], call_languages=["en"],
    report_email="reports@example.org", status=Campaign.Status.PUBLISHED))
"""

PUBLISH_ALL = """
from django.contrib.auth import get_user_model
from solidarity.reports import services
from solidarity.reports.models import Report
moderator, _ = get_user_model().objects.get_or_create(username="bob", defaults={"is_staff": True})
for report in Report.objects.filter(status__in=Report.REVIEW_STATUSES):
    services.report_publish(report=report, actor=moderator)
"""


def create_campaign(env: dict[str, str], slug: str) -> None:
    solidarity(env, "shell", "-c", f"SLUG = {slug!r}\n" + RUNNING_CAMPAIGN)


def publish_all(env: dict[str, str]) -> None:
    """A moderator on the box of ``env`` publishes every report waiting for review."""
    solidarity(env, "shell", "-c", PUBLISH_ALL)
