"""Settings for every deployment, driven by ``SOLIDARITY_*`` environment variables.

Defaults give a private single-organiser instance on SQLite under ``./var/`` served on loopback. A box on the
internet sets at least ``SOLIDARITY_SECRET_KEY`` (or ``_FILE``), ``SOLIDARITY_ALLOWED_HOSTS`` and
``SOLIDARITY_HTTPS=1``; a bigger one sets ``DATABASE_URL`` to PostgreSQL.
"""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Any

import dj_database_url
from django.utils.translation import gettext_lazy as _

from solidarity.lib.env import code_fingerprint, env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(env_str("SOLIDARITY_DATA_DIR", str(BASE_DIR / "var"))).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)


def _secret_key() -> str:
    """Use the configured key, else one generated once and kept (mode 600) beside the data."""
    configured = env_str("SOLIDARITY_SECRET_KEY")
    if configured:
        return configured
    path = DATA_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50), encoding="utf-8")
        path.chmod(0o600)
    return path.read_text(encoding="utf-8").strip()


SECRET_KEY = _secret_key()
DEBUG = env_bool("SOLIDARITY_DEBUG", False)
ALLOWED_HOSTS = env_list("SOLIDARITY_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("SOLIDARITY_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",  # intcomma: counts grouped as each language writes them (1,234 · 1 234 · 1.234)
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_tasks",
    "django_tasks_db",
    "solidarity.lib",
    "solidarity.places",
    "solidarity.registry",
    "solidarity.campaigns",
    "solidarity.events",
    "solidarity.newsroom",
    "solidarity.reports",
    "solidarity.intake",
    "solidarity.pages",
    "solidarity.reminders",
    "solidarity.demo",
    "solidarity.api",
    "ninja",  # only for the API docs page's templates and its Swagger UI files, served from our own origin
]

MIDDLEWARE = [
    "solidarity.lib.logs.RequestLogMiddleware",
    "solidarity.lib.headers.SecurityHeadersMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "solidarity.urls"
WSGI_APPLICATION = "solidarity.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "solidarity" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "solidarity.lib.context.site",
            ],
        },
    }
]

# --- database -------------------------------------------------------------------------------------------
_default_db = f"sqlite:///{DATA_DIR / 'db.sqlite3'}"
# Connections are kept for a minute and checked before reuse, so a restarted database costs no failed request.
DATABASES = {
    "default": dj_database_url.parse(env_str("DATABASE_URL", _default_db), conn_max_age=60, conn_health_checks=True)
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers run while one writer commits; IMMEDIATE transactions take the write lock up front so
    # concurrent submissions queue on the busy timeout instead of failing with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 30,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
    }
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # PostgreSQL's planner assumes a random read costs 4x a sequential one (spinning disks); on SSDs or a
    # cached working set 1.1 is the usual figure, and it picks index reads where they are faster (people list
    # at 100k: charge filter 38 → 32 ms, no filter 28 → 23 ms p95, bench/registry.py). Added to any options
    # the DATABASE_URL gives; SOLIDARITY_PG_RANDOM_PAGE_COST overrides the figure.
    _page_cost = float(env_str("SOLIDARITY_PG_RANDOM_PAGE_COST", "1.1"))
    _options = DATABASES["default"].setdefault("OPTIONS", {})
    _options["options"] = f"{_options.get('options', '')} -c random_page_cost={_page_cost}".strip()
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# backups keep times to the microsecond (solidarity/lib/exact_jsonl.py)
SERIALIZATION_MODULES = {"exact-jsonl": "solidarity.lib.exact_jsonl"}

# --- background work (lib/jobs.py): a queue in the database, run by `solidarity worker` on any box -----
# The database backend claims each job with SELECT ... FOR UPDATE SKIP LOCKED, so however many workers run
# on however many boxes, no job runs twice. Nothing depends on a worker for correctness: jobs only do early
# what a request would otherwise do when asked.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# --- cache (rate limits, tally) -------------------------------------------------------------------------
_cache = env_str("SOLIDARITY_CACHE", "locmem")
if _cache == "locmem":
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "solidarity"}}
elif _cache == "db":
    # Django culls a third of the table past MAX_ENTRIES (default 300): far too few for the rate-limit counters and
    # snapshot tokens of a busy day. Expired rows (hashed rate-limit keys among them) go at each cull.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "cache",
            "OPTIONS": {"MAX_ENTRIES": 100_000},
        }
    }
elif _cache.startswith("redis://"):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": _cache}}
else:
    raise ValueError("SOLIDARITY_CACHE must be 'locmem', 'db' or a redis:// URL")

# --- auth -----------------------------------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "admin:login"
OTP_TOTP_ISSUER = env_str("SOLIDARITY_SITE_NAME", "Solidarity")
SESSION_COOKIE_AGE = 60 * 60 * 12
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

# --- internationalisation -------------------------------------------------------------------------------
LANGUAGE_CODE = "en"
# Every language here has a complete catalogue in locale/ (lib/tests/test_i18n.py fails otherwise); `make messages`
# extracts for all of them.
LANGUAGES = [
    ("en", _("English")),
    ("ru", _("Russian")),
    ("uk", _("Ukrainian")),
    ("de", _("German")),
    ("fr", _("French")),
    ("es", _("Spanish")),
    ("nl", _("Dutch")),
    ("tr", _("Turkish")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates are written with the language's own format (DATE_FORMAT in templates, never a fixed pattern); English is
# adjusted in solidarity/formats/en.
FORMAT_MODULE_PATH = ["solidarity.formats"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"

# --- files ----------------------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
# Front-end libraries come from the npm registry (package.json, installed by `make` into node_modules/) and are
# served from our own origin under /static/vendor/: no public page loads anything from another host.
NODE_MODULES = BASE_DIR / "node_modules"
VENDOR_ASSETS = {
    "vendor/leaflet": NODE_MODULES / "leaflet" / "dist",
    "vendor/markercluster": NODE_MODULES / "leaflet.markercluster" / "dist",
    "vendor/topojson-client": NODE_MODULES / "topojson-client" / "dist",
    "vendor/world-atlas": NODE_MODULES / "world-atlas",
}
STATICFILES_DIRS = [BASE_DIR / "solidarity" / "static"] + [
    (prefix, path) for prefix, path in VENDOR_ASSETS.items() if path.is_dir()
]
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
# After `collectstatic` (as `make run` does) files get hashed names and long caching; before it (tests, a
# fresh checkout) they are served straight from the source tree.
_COLLECTED = (STATIC_ROOT / "staticfiles.json").exists()
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if _COLLECTED
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Uploaded photos live in MEDIA_ROOT on this box (local) or in one S3-compatible bucket that several app boxes
# share (s3; docs/media-storage.md). The bucket stays private: objects are written without an ACL (private to
# the bucket's owner; a "private" ACL header would be refused by buckets with ACLs disabled), no address of the
# bucket is ever handed out, signed or not, and photos reach browsers only through our views, which check
# publication and consent. solidarity.lib.checks refuses an unknown choice or a bucket without a name.
MEDIA_STORAGE = env_str("SOLIDARITY_MEDIA_STORAGE", "local").strip().lower()
if MEDIA_STORAGE == "s3":
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env_str("SOLIDARITY_S3_BUCKET"),
            "endpoint_url": env_str("SOLIDARITY_S3_ENDPOINT_URL") or None,
            "region_name": env_str("SOLIDARITY_S3_REGION") or None,
            # empty: boto3's own chain (an instance role, AWS_* variables)
            "access_key": env_str("SOLIDARITY_S3_ACCESS_KEY_ID") or None,
            "secret_key": env_str("SOLIDARITY_S3_SECRET_ACCESS_KEY") or None,
            # "path" for servers without a wildcard host name per bucket (a MinIO or Garage on one name)
            "addressing_style": env_str("SOLIDARITY_S3_ADDRESSING_STYLE") or None,
            "default_acl": None,
            "querystring_auth": False,
            "file_overwrite": False,
            "custom_domain": None,
        },
    }
WHITENOISE_USE_FINDERS = not _COLLECTED
# Media is never served as a directory: photos go through a view that checks publication and consent.
# Several app boxes share one media store: a mounted folder named here, or S3-compatible storage (docs/deploy.md).
MEDIA_ROOT = Path(env_str("SOLIDARITY_MEDIA_ROOT", str(DATA_DIR / "media"))).resolve()
MEDIA_URL = "/media/"
# One folder per copy of the code, so an upgrade never serves pages rendered by the old templates (lib/env.py).
SNAPSHOT_ROOT = DATA_DIR / "snapshots" / code_fingerprint(BASE_DIR / "solidarity", BASE_DIR / "locale")
# Rendered summary PDFs, one per campaign version and language. On several boxes, a folder they share lets the
# worker's early rendering serve every box; a folder per box works too (each renders on its first request).
SUMMARY_ROOT = Path(env_str("SOLIDARITY_SUMMARY_DIR", str(DATA_DIR / "summaries"))).resolve()
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FILES = 10

# --- security -------------------------------------------------------------------------------------------
HTTPS = env_bool("SOLIDARITY_HTTPS", False)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS and env_bool("SOLIDARITY_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = 31536000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
# Preloading bakes HTTPS-only into browsers for the whole domain and takes months to undo: the operator's call,
# so off unless asked for, and Django's reminder about it (security.W021) silenced.
SECURE_HSTS_PRELOAD = HTTPS and env_bool("SOLIDARITY_HSTS_PRELOAD", False)
SILENCED_SYSTEM_CHECKS = ["security.W021"]
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS else None
SECURE_CONTENT_TYPE_NOSNIFF = True
# "same-origin": other sites never learn which page a visitor came from, while our own form posts keep their
# Origin header, which Django's CSRF check needs ("no-referrer" makes browsers send "Origin: null").
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# --- logging: no personal data, no IP addresses (lib/logs.py) -------------------------------------------
# JSON lines on stderr by default (SOLIDARITY_LOG_FORMAT=plain for prose); SOLIDARITY_LOG_FILE also appends them
# to a file. django.request and django.security lines carry the request path only; the server access log is off.
_log_format = env_str("SOLIDARITY_LOG_FORMAT", "json")
if _log_format not in ("json", "plain"):
    raise ValueError("SOLIDARITY_LOG_FORMAT must be 'json' or 'plain'")
_log_handlers: dict[str, dict[str, Any]] = {
    "console": {"class": "logging.StreamHandler", "formatter": _log_format, "filters": ["paths"]}
}
if env_str("SOLIDARITY_LOG_FILE"):
    _log_handlers["file"] = {
        "class": "logging.FileHandler",
        "filename": env_str("SOLIDARITY_LOG_FILE"),
        "formatter": "json",
        "encoding": "utf-8",
        "filters": ["paths"],
    }
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "solidarity.lib.logs.JsonFormatter"},
        "plain": {
            "()": "solidarity.lib.logs.PlainFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(message)s",
        },
    },
    "filters": {"paths": {"()": "solidarity.lib.logs.RequestPathFilter"}},
    "handlers": _log_handlers,
    "root": {"handlers": list(_log_handlers), "level": env_str("SOLIDARITY_LOG_LEVEL", "INFO")},
    "loggers": {
        "django.server": {"level": "WARNING"},
        # one line per request from lib/logs.py; SOLIDARITY_REQUEST_LOG=0 silences them on a busy box
        "solidarity.request": {"level": "INFO" if env_bool("SOLIDARITY_REQUEST_LOG", True) else "WARNING"},
    },
}

# --- the product ----------------------------------------------------------------------------------------
SOLIDARITY = {
    "SITE_NAME": env_str("SOLIDARITY_SITE_NAME", "Solidarity"),
    "MAX_PHOTOS": 5,
    "MAX_PHOTO_BYTES": env_int("SOLIDARITY_MAX_PHOTO_MB", 15) * 1024 * 1024,
    "MAX_PHOTO_PIXELS": env_int("SOLIDARITY_MAX_PHOTO_MEGAPIXELS", 50) * 1_000_000,
    "PHOTO_LONG_SIDE": 2000,  # ≤ half a phone photo, so JPEGs decode at half size (lib/images.py)
    "THUMB_LONG_SIDE": 480,
    "MIN_FILL_SECONDS": env_int("SOLIDARITY_MIN_FILL_SECONDS", 3),
    # Reports per client per window; 0 turns the limit off (benchmarks on loopback).
    "REPORT_RATE_LIMIT": env_int("SOLIDARITY_REPORT_RATE_LIMIT", 10),
    "REPORT_RATE_WINDOW": env_int("SOLIDARITY_REPORT_RATE_WINDOW", 600),
    # The API (docs/api.md): reads per client address, and reports (and photo uploads) per API key, per window
    # in seconds; 0 turns a limit off.
    "API_READ_RATE_LIMIT": env_int("SOLIDARITY_API_READ_RATE_LIMIT", 120),
    "API_READ_RATE_WINDOW": env_int("SOLIDARITY_API_READ_RATE_WINDOW", 60),
    "API_SUBMIT_RATE_LIMIT": env_int("SOLIDARITY_API_SUBMIT_RATE_LIMIT", 60),
    "API_SUBMIT_RATE_WINDOW": env_int("SOLIDARITY_API_SUBMIT_RATE_WINDOW", 600),
    # days after a campaign ends (or a message is decided) before `solidarity purge-private` forgets contacts
    "RETENTION_DAYS": env_int("SOLIDARITY_RETENTION_DAYS", 90),
    # staff sign-in: failures allowed per client and per account in a window (seconds), lib/login_guard.py
    "LOGIN_CLIENT_LIMIT": env_int("SOLIDARITY_LOGIN_CLIENT_LIMIT", 10),
    "LOGIN_ACCOUNT_LIMIT": env_int("SOLIDARITY_LOGIN_ACCOUNT_LIMIT", 20),
    "LOGIN_WINDOW": env_int("SOLIDARITY_LOGIN_WINDOW", 900),
    "SNAPSHOTS": env_bool("SOLIDARITY_SNAPSHOTS", True),
    # invalidate snapshots on every box through the shared cache (lib/snapshots.py); needs a db or redis cache
    "SNAPSHOT_TOKENS": _cache != "locmem",
    # seconds a publication waits before the worker re-renders the summary PDFs (bursts of moderation coalesce)
    "SUMMARY_PRERENDER_DELAY": env_int("SOLIDARITY_SUMMARY_PRERENDER_DELAY", 20),
    # behind a proxy: the header it sets to the visitor's address (X-Real-IP), for rate limits only (docs/deploy.md)
    "CLIENT_IP_HEADER": env_str("SOLIDARITY_CLIENT_IP_HEADER"),
    "REQUIRE_OTP": env_bool("SOLIDARITY_REQUIRE_OTP", True),
    # The map draws country shapes from our own files; a tile server is an operator's opt-in, since every tile
    # request tells that server who is looking at which campaign. E.g. https://{s}.tile.example.org/{z}/{x}/{y}.png
    "TILE_URL": env_str("SOLIDARITY_TILE_URL", ""),
    "TILE_ATTRIBUTION": env_str("SOLIDARITY_TILE_ATTRIBUTION", ""),
    # The public address (https://example.org), for links that leave the site: social previews, feeds, e-mails.
    # Unset, the address of the request is used.
    "PUBLIC_URL": env_str("SOLIDARITY_PUBLIC_URL", "").rstrip("/"),
    # The seed articles the demo registry cites (`solidarity demo`): read at load time into its sources and
    # quotes, never copied into the repository. Absent, the demo loads without the articles' text.
    "SEEDS_DIR": env_str("SOLIDARITY_SEEDS_DIR", str(BASE_DIR.parent / "shared" / "seeds")),
}

# --- outgoing e-mail (reminders, acknowledgements, answers to senders): one SMTP server -----------------------
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = env_str("SOLIDARITY_SMTP_HOST", "localhost")
EMAIL_PORT = env_int("SOLIDARITY_SMTP_PORT", 25)
EMAIL_HOST_USER = env_str("SOLIDARITY_SMTP_USER")
EMAIL_HOST_PASSWORD = env_str("SOLIDARITY_SMTP_PASSWORD")  # or SOLIDARITY_SMTP_PASSWORD_FILE
EMAIL_USE_TLS = env_bool("SOLIDARITY_SMTP_STARTTLS", False)  # port 587
EMAIL_USE_SSL = env_bool("SOLIDARITY_SMTP_TLS", False)  # port 465
EMAIL_TIMEOUT = env_int("SOLIDARITY_SMTP_TIMEOUT", 30)
DEFAULT_FROM_EMAIL = env_str("SOLIDARITY_MAIL_FROM", "webmaster@localhost")

# --- e-mail reminders (solidarity/reminders): opt-in, confirmed by e-mail, one click to leave -----------------
SOLIDARITY_REMINDERS = {
    # the "campaign starts soon" reminder goes this many days before the first day (9:00 in the campaign's zone)
    "DAYS_BEFORE": env_int("SOLIDARITY_REMINDER_DAYS_BEFORE", 3),
    # days a confirmation link works; an address never confirmed is deleted by `solidarity purge-private` after it
    "CONFIRM_DAYS": env_int("SOLIDARITY_REMINDER_CONFIRM_DAYS", 3),
    # sign-ups per client per window (seconds); 0 turns the limit off
    "RATE_LIMIT": env_int("SOLIDARITY_REMINDER_RATE_LIMIT", 5),
    "RATE_WINDOW": env_int("SOLIDARITY_REMINDER_RATE_WINDOW", 600),
}

# --- e-mail intake (solidarity/intake, docs/email.md) --------------------------------------------------------
SOLIDARITY_INTAKE = {
    # seconds between two reads of every mailbox by `solidarity fetch-mail --loop`
    "FETCH_INTERVAL": env_int("SOLIDARITY_INTAKE_FETCH_INTERVAL", 300),
    # days after a message's report is decided (or a not-report arrived) before `solidarity purge-mail` drops the
    # raw message and the sender's address from the intake record
    "RAW_RETENTION_DAYS": env_int("SOLIDARITY_INTAKE_RAW_RETENTION_DAYS", 30),
    # a CA bundle to trust for IMAP over TLS (a self-signed server); empty: the system's
    "IMAP_CA_FILE": env_str("SOLIDARITY_IMAP_CA_FILE", ""),
    "IMAP_TIMEOUT": env_int("SOLIDARITY_IMAP_TIMEOUT", 60),
}
