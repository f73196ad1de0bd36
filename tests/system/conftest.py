"""System tests start real servers (PostgreSQL, granian, nginx, workers) as separate processes.

They need no database of pytest-django's: each module starts its own PostgreSQL so it can stop it, and the
boxes talk to it over loopback exactly as separate machines would. They run in the suite's first pass (the one
without DATABASE_URL); the PostgreSQL pass would only start the same servers again.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.system.cluster import Postgres, missing_tools


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    reason = missing_tools()
    if os.environ.get("DATABASE_URL", "").startswith("postgres"):
        reason = "system tests run their own PostgreSQL; they ran in the SQLite pass"
    if reason:
        for item in items:
            if "tests/system" in str(item.fspath):
                item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("system")


@pytest.fixture(scope="module")
def postgres() -> Iterator[Postgres]:
    server = Postgres()
    yield server
    server.close()
