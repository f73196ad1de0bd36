"""After the whole suite: the log of the run (this process, every server and command the tests started) holds
no personal data. Tests plant canary values in every private field (reporters' names and contacts, senders of
messages, hidden people, raw e-mails) and send requests from documentation-range addresses; none of it may
appear in a log line, which is what a seized server's logs would give away."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

PLANTED = re.compile(r"canary|192\.0\.2\.|198\.51\.100\.|203\.0\.113\.", re.IGNORECASE)
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
IPV4 = re.compile(r"(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}(?![\w.])")


def test_the_logs_of_the_whole_run_hold_no_personal_data(tests_before_logs):
    if tests_before_logs < 100:
        pytest.skip("meaningful only after the whole suite (run `make test`)")
    log = Path(os.environ["SOLIDARITY_LOG_FILE"])
    lines = log.read_text(encoding="utf-8", errors="replace").splitlines()
    entries = [json.loads(line) for line in lines if line.startswith("{")]
    requests = [entry for entry in entries if entry["logger"] == "solidarity.request"]
    assert len(requests) > 500, "the run logged too few requests for this search to mean anything"
    assert {entry["status"] for entry in requests} >= {200, 302, 400, 404}
    leaks = [line for line in lines if PLANTED.search(line) or EMAIL.search(line) or IPV4.search(line)]
    assert leaks == [], f"{len(leaks)} log lines hold personal data, e.g. {leaks[:3]}"
