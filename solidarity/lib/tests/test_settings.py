"""Settings come from the environment; the database is the one DATABASE_URL names, tuned for concurrency."""

from __future__ import annotations

import os

import pytest
from django.db import connection

from solidarity.lib.env import env_bool, env_int, env_list, env_str


@pytest.mark.django_db
def test_database_is_the_one_database_url_names():
    url = os.environ.get("DATABASE_URL", "sqlite")
    expected = "postgresql" if url.startswith(("postgres://", "postgresql://")) else "sqlite"
    assert connection.vendor == expected


@pytest.mark.django_db
def test_sqlite_runs_in_wal_mode_with_a_busy_timeout(settings):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        mode = cursor.fetchone()[0]
    # the in-memory test database cannot use WAL; the configured pragma is what production gets
    assert mode in ("wal", "memory")
    options = settings.DATABASES["default"]["OPTIONS"]
    assert "journal_mode=WAL" in options["init_command"] and options["timeout"] >= 5
    assert options["transaction_mode"] == "IMMEDIATE"


@pytest.mark.django_db
def test_postgresql_plans_for_cheap_random_reads():
    """Every connection gets random_page_cost 1.1, the planner figure the registry's list was measured with."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    with connection.cursor() as cursor:
        cursor.execute("SHOW random_page_cost")
        assert float(cursor.fetchone()[0]) == pytest.approx(1.1)


def test_env_helpers(monkeypatch, tmp_path):
    monkeypatch.setenv("X_BOOL", "yes")
    assert env_bool("X_BOOL") is True
    monkeypatch.setenv("X_BOOL", "maybe")
    with pytest.raises(ValueError, match="X_BOOL"):
        env_bool("X_BOOL")
    monkeypatch.setenv("X_INT", "twelve")
    with pytest.raises(ValueError, match="X_INT must be an integer"):
        env_int("X_INT", 1)
    monkeypatch.setenv("X_LIST", "a, b,,c")
    assert env_list("X_LIST", []) == ["a", "b", "c"]
    secret = tmp_path / "secret"
    secret.write_text("from-a-file\n")
    monkeypatch.setenv("X_SECRET", "from-env")
    monkeypatch.setenv("X_SECRET_FILE", str(secret))
    assert env_str("X_SECRET") == "from-a-file"


def test_system_checks_name_an_unwritable_data_folder(settings, tmp_path, monkeypatch):
    from django.core.management import call_command
    from django.core.management.base import SystemCheckError

    locked = tmp_path / "locked"
    locked.mkdir()
    settings.MEDIA_ROOT = locked / "media"
    real_access = os.access
    # the suite runs as root, who may write anywhere; pretend this folder is read-only for the server user
    monkeypatch.setattr("solidarity.lib.checks.os.access", lambda p, mode: p != locked and real_access(p, mode))
    with pytest.raises(SystemCheckError, match="solidarity.E001"):
        call_command("check")


def test_deploy_checks_warn_about_a_generated_secret_key(monkeypatch):
    from solidarity.lib.checks import check_production_settings

    monkeypatch.delenv("SOLIDARITY_SECRET_KEY", raising=False)
    monkeypatch.delenv("SOLIDARITY_SECRET_KEY_FILE", raising=False)
    assert [w.id for w in check_production_settings(None)] == ["solidarity.W001"]
    monkeypatch.setenv("SOLIDARITY_SECRET_KEY", "x" * 50)
    assert check_production_settings(None) == []


def test_missing_front_end_libraries_warn_without_stopping_commands(settings, tmp_path):
    from solidarity.lib.checks import check_vendor_assets

    assert check_vendor_assets(None) == []
    settings.VENDOR_ASSETS = {**settings.VENDOR_ASSETS, "vendor/leaflet": tmp_path / "absent"}
    assert [w.id for w in check_vendor_assets(None)] == ["solidarity.W003"]


def test_deploy_checks_ask_for_the_public_address_when_several_hosts_serve(settings):
    from solidarity.lib.checks import check_public_url

    settings.ALLOWED_HOSTS = ["solidarity.example.org", "localhost"]
    assert check_public_url(None) == []
    settings.ALLOWED_HOSTS = ["solidarity.example.org", "abcdefghij.onion"]
    assert [w.id for w in check_public_url(None)] == ["solidarity.W004"]
    settings.SOLIDARITY = {**settings.SOLIDARITY, "PUBLIC_URL": "https://solidarity.example.org"}
    assert check_public_url(None) == []


def test_production_settings_pass_djangos_deploy_checks(tmp_path):
    """With the environment docs/deploy.md sets, `check --deploy` finds nothing: HTTPS redirect, HSTS, secure
    cookies, a real secret key, a public address."""
    import subprocess
    import sys

    inherited = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}  # the browser tests' own
    env = {
        **inherited,
        "SOLIDARITY_HTTPS": "1",
        "SOLIDARITY_SECRET_KEY": "k" * 20 + "-production-like-secret-key-of-fifty-chars",
        "SOLIDARITY_ALLOWED_HOSTS": "solidarity.example.org",
        "SOLIDARITY_PUBLIC_URL": "https://solidarity.example.org",
        "SOLIDARITY_MAIL_FROM": "reminders@solidarity.example.org",
        "SOLIDARITY_DATA_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    done = subprocess.run(
        [sys.executable, "-m", "solidarity", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "System check identified no issues" in done.stdout
