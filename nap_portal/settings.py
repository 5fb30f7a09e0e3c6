"""Settings for the NAP1325 portal, read from environment variables.

Embedded defaults give a first run on SQLite, eager Celery and console e-mail.
With DEBUG off (production) SECRET_KEY and ALLOWED_HOSTS must be set.
"""

from datetime import timedelta
from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from .object_storage import s3_storages

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

DEBUG = env.bool("DEBUG", default=False)

if DEBUG:
    SECRET_KEY = env.str("SECRET_KEY", default="insecure-development-key-never-use-in-production")
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
else:
    SECRET_KEY = env.str("SECRET_KEY", default="")
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
    if not SECRET_KEY or not ALLOWED_HOSTS:
        raise ImproperlyConfigured(
            "With DEBUG off, set SECRET_KEY and ALLOWED_HOSTS in the environment."
        )

CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")

INSTALLED_APPS = [
    "nap_portal.apps.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rules",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "simple_history",
    "django_prose_editor",
    "signatories",
    "indicators",
    "reporting",
    "outbox",
    "operations",
    "monitor",
    "ninja",
    "audit",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # HTML compressed (the editor's page is 90 KB): after WhiteNoise, which serves static
    # files precompressed. BREACH: the CSRF token in pages is masked anew per response.
    "nap_portal.middleware.CompressPages",
    # A full login queue or a database in overload: a Dutch 503 with Retry-After.
    "nap_portal.overload.Overload",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "signatories.idle.IdleTimeoutMiddleware",
    "signatories.twofactor.RequireTwoFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "nap_portal.urls"
WSGI_APPLICATION = "nap_portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "csp.context_processors.nonce",
                "signatories.idle.context",
            ],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=0))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}
# The open data API (monitor/api.py): requests per anonymous caller (django-ninja's syntax).
API_RATE = env.str("API_RATE", default="120/m")

AUTH_USER_MODEL = "signatories.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # refuses a locked-out login before the others
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# PBKDF2 (Django's, 1,000,000 iterations) unless PASSWORD_HASHER=argon2id (hashers.py). The
# first hashes new passwords; the other still checks old ones, which are then re-hashed.
HASHERS = {
    "pbkdf2": "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "argon2id": "nap_portal.hashers.Argon2idPasswordHasher",
}
PASSWORD_HASHER = env("PASSWORD_HASHER", default="pbkdf2")
if PASSWORD_HASHER not in HASHERS:
    raise ImproperlyConfigured(f"PASSWORD_HASHER: one of {', '.join(HASHERS)}")
PASSWORD_HASHERS = [HASHERS[PASSWORD_HASHER]]
PASSWORD_HASHERS += [path for path in HASHERS.values() if path not in PASSWORD_HASHERS]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Brute-force protection (django-axes): after 5 wrong passwords, the e-mail address is locked
# for 15 minutes *from that IP address only*, so one ministry's proxy cannot lock a ministry
# out and an attacker elsewhere cannot lock out a user.
AXES_FAILURE_LIMIT = 5
LOGIN_COOLOFF_MINUTES = env.int("LOGIN_COOLOFF_MINUTES", default=15)
# A burst of logins waits in turn (signatories/login_queue.py): passwords checked at once per
# web process, and how long a login waits for its turn before the "busy" page.
LOGIN_CONCURRENCY = env.int("LOGIN_CONCURRENCY", default=1)
LOGIN_QUEUE_SECONDS = env.float("LOGIN_QUEUE_SECONDS", default=20)
# Seconds a "busy" answer (503) asks the browser to wait before trying again.
OVERLOAD_RETRY_AFTER = env.int("OVERLOAD_RETRY_AFTER", default=10)
AXES_COOLOFF_TIME = timedelta(minutes=LOGIN_COOLOFF_MINUTES)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "signatories.views.locked_out"
AXES_USERNAME_CALLABLE = "signatories.views.login_name"
AXES_HTTP_RESPONSE_CODE = 429
# Behind a reverse proxy, set TRUSTED_PROXY_COUNT so the client's address is read from
# X-Forwarded-For; without one, that header is not trusted.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
AXES_IPWARE_PROXY_COUNT = TRUSTED_PROXY_COUNT or None
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"] if TRUSTED_PROXY_COUNT else ["REMOTE_ADDR"]
)

# Two-factor authentication (TOTP): required for coordinators and administrators in
# production; in development (DEBUG) only for whoever set it up, so the demo stays simple.
# An invitation link works once, for this many days (signatories.invitations).
INVITATION_DAYS = env.int("INVITATION_DAYS", default=14)
TWO_FACTOR_REQUIRED = env.bool("TWO_FACTOR_REQUIRED", default=not DEBUG)
OTP_TOTP_ISSUER = "NAP1325-portaal"

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "nl"
# Dutch first; English for whoever asks for it (browser or the switch in the header).
# The framework's texts and the annex stay Dutch: they are the plan's own words.
LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
MEDIA_URL = "/media/"
# Rendered annex sections, by content hash (reporting/annex/cache.py); safe to empty.
ANNEX_CACHE_DIR = Path(env.str("ANNEX_CACHE_DIR", default=str(Path(MEDIA_ROOT) / "annex-cache")))
STORAGES["annex_cache"] = {
    "BACKEND": "django.core.files.storage.FileSystemStorage",
    "OPTIONS": {"location": ANNEX_CACHE_DIR, "allow_overwrite": True},
}
# With several worker machines, edition files and the section cache live in S3-compatible
# object storage that all of them reach (django-storages), under two prefixes of one bucket.
S3_BUCKET = env.str("S3_BUCKET", default="")
if S3_BUCKET:
    STORAGES |= s3_storages(
        bucket=S3_BUCKET,
        endpoint_url=env.str("S3_ENDPOINT_URL", default=""),
        region=env.str("S3_REGION", default=""),
        access_key=env.str("S3_ACCESS_KEY_ID", default=""),
        secret_key=env.str("S3_SECRET_ACCESS_KEY", default=""),
    )
# The author in the Word and PDF properties of a compiled annex.
ANNEX_AUTHOR = env.str("ANNEX_AUTHOR", default="Ministerie van Buitenlandse Zaken / WO=MEN")
# Worker processes rendering the annex's sections side by side (default: one per core).
ANNEX_WORKERS = env.int("ANNEX_WORKERS", default=0) or None
# A compilation whose worker has not reported progress for this long has lost its worker
# (killed, out of memory, machine gone): it is marked failed, to be retried.
EDITION_STALE_SECONDS = env.int("EDITION_STALE_SECONDS", default=300)
# A compilation may run this long before Celery stops it (the hard time limit).
EDITION_TIME_LIMIT = env.int("EDITION_TIME_LIMIT", default=1800)
FIXTURE_DIRS = [BASE_DIR / "fixtures"]

# A 10 MB POST is refused before a view sees it (issue: nothing stored half).
DATA_UPLOAD_MAX_MEMORY_SIZE = env.int("DATA_UPLOAD_MAX_MEMORY_SIZE", default=2_621_440)

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="NAP1325-portaal <noreply@nap1325.nl>")

CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="")
# Without a broker, tasks run in the web process (the embedded default).
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
if not CELERY_BROKER_URL:
    CELERY_BROKER_URL = "memory://"
# Results are kept only for the annex's fan-out (a chord waits for its sections): on the
# broker's Redis unless set otherwise.
CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default="") or (
    CELERY_BROKER_URL if CELERY_BROKER_URL.startswith("redis") else None
)
CELERY_RESULT_EXPIRES = timedelta(days=1)
# A compile's PDF sections are Celery tasks of their own, spread over the workers, when
# there is a broker with results; else they render in local processes (reporting/annex).
ANNEX_FANOUT = env.bool(
    "ANNEX_FANOUT", default=not CELERY_TASK_ALWAYS_EAGER and bool(CELERY_RESULT_BACKEND)
)
# One section at a time per worker process, and a process replaced after this many tasks,
# so WeasyPrint's memory does not accumulate.
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_WORKER_MAX_TASKS_PER_CHILD = env.int("CELERY_WORKER_MAX_TASKS_PER_CHILD", default=32)
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
# A web request never hangs on a broker that is down: mails wait in the outbox instead.
# (Kombu retries a publish forever by default: celery/celery#4627.)
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.5,
    "socket_connect_timeout": 2,
    "socket_timeout": 5,
}
CELERY_BEAT_SCHEDULE = {
    "send-reminders": {
        "task": "reporting.send_reminders",
        "schedule": crontab(hour=8, minute=0),
    },
    "sweep-outbox": {"task": "outbox.sweep", "schedule": 300.0},
    # Editions queued while the broker was down, and compilations that lost their worker.
    "sweep-editions": {"task": "reporting.sweep_editions", "schedule": 60.0},
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=8 * 60 * 60)
# Logged out after this long without activity; the page warns this long before (idle.py).
SESSION_IDLE_TIMEOUT = env.int("SESSION_IDLE_TIMEOUT", default=30 * 60)
SESSION_IDLE_WARNING = 120
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
CSRF_FAILURE_VIEW = "operations.views.csrf_failure"
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^health/$"]  # asked over plain HTTP inside the container
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# The SHA-256 of the <style> Tiptap injects (django-prose-editor 0.28.0). After an upgrade,
# the browser console names the new hash if it changed.
TIPTAP_STYLE = "'sha256-PlumsSlvJ7vvWzjqibGAYKq92O3y/4JTxWWsWJvyUYA='"
# Only our own files; the one inline script (the prose editor's import map) carries a nonce.
# No 'unsafe-inline', no 'unsafe-eval'; htmx runs with allowEval off (base.html).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        # The prose editor (Tiptap) adds one fixed <style> of its own; only that one is allowed.
        "style-src": [SELF, TIPTAP_STYLE],
        "img-src": [SELF, "data:"],  # Bootstrap draws its icons as data: SVGs
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        # One JSON object per line, for the log collector (python-json-logger).
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s %(process)d",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": env.str("LOG_FORMAT", default="plain" if DEBUG else "json"),
        }
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    # WeasyPrint logs every page it lays out at INFO.
    "loggers": {"weasyprint": {"level": "WARNING"}, "fontTools": {"level": "WARNING"}},
}
