"""Test settings: the production settings with test-only secrets filled in."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-secret-key")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("SECURE_COOKIES", "false")
# Tests log users in with force_login; tests/test_two_factor.py switches this on.
os.environ.setdefault("TWO_FACTOR_REQUIRED", "false")

from .settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = BASE_DIR / "media-test"  # noqa: F405
ANNEX_CACHE_DIR = MEDIA_ROOT / "annex-cache"
if not S3_BUCKET:  # noqa: F405
    STORAGES["annex_cache"]["OPTIONS"]["location"] = ANNEX_CACHE_DIR  # noqa: F405
# Tests run without collectstatic: serve from the finders, as in development.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# On SQLite the test database is a file, not memory: the browser tests' live server answers
# from threads of its own, which cannot share an in-memory connection safely.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    import tempfile

    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": str(Path(tempfile.gettempdir()) / f"nap-portal-test-{os.getpid()}.sqlite3")  # noqa: F405
    }
