"""A real S3 API on loopback for the tests: moto's server in its own process (``moto_server -H 127.0.0.1``).

The code under test talks HTTP to it exactly as to a bucket elsewhere, through django-storages and boto3, and
nothing leaves the box. Each test takes a bucket of its own, so one server serves the whole run.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ACCESS_KEY = "solidarity-test"
SECRET_KEY = "solidarity-test-secret"
REGION = "us-east-1"
LOOPBACK = "127.0.0.1"


@dataclass(frozen=True)
class S3Server:
    endpoint: str

    def client(self) -> Any:
        import boto3

        return boto3.client(
            "s3",
            endpoint_url=self.endpoint,
            region_name=REGION,
            aws_access_key_id=ACCESS_KEY,
            aws_secret_access_key=SECRET_KEY,
        )

    def new_bucket(self) -> str:
        name = f"media-{uuid.uuid4().hex[:12]}"
        self.client().create_bucket(Bucket=name)
        return name

    def keys(self, bucket: str) -> list[str]:
        pages = self.client().get_paginator("list_objects_v2").paginate(Bucket=bucket)
        return sorted(item["Key"] for page in pages for item in page.get("Contents", ()))

    def read(self, bucket: str, key: str) -> bytes:
        return self.client().get_object(Bucket=bucket, Key=key)["Body"].read()

    def objects(self, bucket: str) -> dict[str, str]:
        """Every object of ``bucket`` and the SHA-256 of its bytes, comparable with ``test_backup.files_in``."""
        return {key: hashlib.sha256(self.read(bucket, key)).hexdigest() for key in self.keys(bucket)}

    def anonymous_get(self, bucket: str, key: str) -> int:
        """The status a browser (no credentials, no signature) gets for an object, straight from the server."""
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        try:
            with opener.open(f"{self.endpoint}/{bucket}/{key}", timeout=10) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code

    def env(self, bucket: str) -> dict[str, str]:
        """The variables an operator sets to put an instance's media in ``bucket``."""
        return {
            "SOLIDARITY_MEDIA_STORAGE": "s3",
            "SOLIDARITY_S3_BUCKET": bucket,
            "SOLIDARITY_S3_ENDPOINT_URL": self.endpoint,
            "SOLIDARITY_S3_REGION": REGION,
            "SOLIDARITY_S3_ACCESS_KEY_ID": ACCESS_KEY,
            "SOLIDARITY_S3_SECRET_ACCESS_KEY": SECRET_KEY,
            "AWS_EC2_METADATA_DISABLED": "true",  # never ask a cloud's metadata address for credentials
            "NO_PROXY": f"{LOOPBACK},localhost",
        }

    def storage(self, bucket: str) -> dict[str, Any]:
        """The ``STORAGES["default"]`` entry settings.py builds from :meth:`env` (a test compares the two)."""
        return {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": bucket,
                "endpoint_url": self.endpoint,
                "region_name": REGION,
                "access_key": ACCESS_KEY,
                "secret_key": SECRET_KEY,
                "addressing_style": None,
                "default_acl": None,
                "querystring_auth": False,
                "file_overwrite": False,
                "custom_domain": None,
            },
        }


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind((LOOPBACK, 0))
        return probe.getsockname()[1]


def _executable() -> str:
    beside = Path(sys.executable).with_name("moto_server")
    found = str(beside) if beside.exists() else shutil.which("moto_server")
    if not found:
        raise FileNotFoundError("moto_server is not installed (pip install -e '.[test]')")
    return found


@contextmanager
def running(log: Path) -> Iterator[S3Server]:
    """Start moto's server on a free loopback port, wait until it answers, and stop it afterwards."""
    port = _free_port()
    env = {**os.environ, "NO_PROXY": f"{LOOPBACK},localhost"}
    with log.open("wb") as output:
        process = subprocess.Popen(
            [_executable(), "-H", LOOPBACK, "-p", str(port)], stdout=output, stderr=subprocess.STDOUT, env=env
        )
    server = S3Server(f"http://{LOOPBACK}:{port}")
    try:
        _wait_until_ready(server, process, log)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_until_ready(server: S3Server, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"moto_server stopped at start: {log.read_text(errors='replace')[-2000:]}")
        try:
            with socket.create_connection((LOOPBACK, int(server.endpoint.rsplit(":", 1)[1])), timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("moto_server did not answer within 30 seconds")
