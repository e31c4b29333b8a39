"""Django settings, read from environment variables.

Every setting a deployment may change is read through the small typed helpers below;
a malformed value stops start-up with a message that names the variable.
"""

import datetime as dt
import os
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    lowered = raw.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}.")


def _env_number(name: str, default, read, what: str):
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return read(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be {what}, not {raw!r}.") from None


def env_int(name: str, default: int) -> int:
    return _env_number(name, default, int, "a whole number")


def env_float(name: str, default: float) -> float:
    return _env_number(name, default, float, "a number")


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_int_list(name: str, default: list[int]) -> list[int]:
    raw = env_list(name, [])
    if not raw:
        return default
    try:
        return [int(item) for item in raw]
    except ValueError:
        raise ImproperlyConfigured(
            f"{name} must be whole numbers separated by commas, not {os.environ[name]!r}."
        ) from None


def default_data_dir() -> Path:
    xdg = os.environ.get("XDG_DATA_HOME")
    base = Path(xdg) if xdg else Path.home() / ".local" / "share"
    return base / "serviceguiden"


DATA_DIR = Path(env_str("SERVICEGUIDEN_DATA_DIR") or default_data_dir()).expanduser()


def load_secret_key() -> str:
    """The secret key comes from SECRET_KEY or a file created once in the data directory."""
    configured = env_str("SECRET_KEY")
    if configured:
        return configured
    key_file = DATA_DIR / "secret_key"
    if key_file.exists():
        return key_file.read_text().strip()
    DATA_DIR.mkdir(mode=0o700, parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    key_file.write_text(key)
    key_file.chmod(0o600)
    return key


SECRET_KEY = load_secret_key()
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# The city profile (TOML) every policy check runs against; the Gothenburg profile by default.
SERVICEGUIDEN_PROFILE = env_str("SERVICEGUIDEN_PROFILE", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "simple_history",
    "serviceguiden.core",
    "serviceguiden.directory",
    "django_tasks",
    "django_tasks_db",
    "ninja",  # serves the API docs' Swagger UI from our own static files, not a CDN
    "serviceguiden.publishing",
    "axes",
    "serviceguiden.web",
    "serviceguiden.checker",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy on every page: scripts, styles and frames from this site only.
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "serviceguiden.publishing.middleware.read_cors",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "serviceguiden.web.middleware.swedish_by_default",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Brute-force protection of every sign-in (editor and admin); last, as django-axes asks.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "serviceguiden.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # Project-wide overrides of other apps' templates (the admin's base: its stylesheet).
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    },
]

WSGI_APPLICATION = "serviceguiden.wsgi.application"

DATABASE_URL = env_str("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": DATA_DIR / "serviceguiden.sqlite3",
            "OPTIONS": {
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                "transaction_mode": "IMMEDIATE",
            },
        }
    }

# The registry (serviceguiden.directory).
# Months until a function is due for review after it was created or last reviewed.
SERVICEGUIDEN_REVIEW_MONTHS = env_int("SERVICEGUIDEN_REVIEW_MONTHS", 12)
# Days past its review date after which a function is no longer shown (its organisation's
# general mailbox or the contact center is shown instead of possibly stale details).
SERVICEGUIDEN_REVIEW_GRACE_DAYS = env_int("SERVICEGUIDEN_REVIEW_GRACE_DAYS", 90)
# Longest allowed exception to the personal-details rule (P3), in days.
SERVICEGUIDEN_EXCEPTION_MAX_DAYS = env_int("SERVICEGUIDEN_EXCEPTION_MAX_DAYS", 365)
# `remind` warns this many days before a review date or an exception's end.
SERVICEGUIDEN_REMIND_DAYS_AHEAD = env_int("SERVICEGUIDEN_REMIND_DAYS_AHEAD", 30)
# Restoring versions goes through the registry's own validation, not simple-history's revert.
SIMPLE_HISTORY_REVERT_DISABLED = True

# Sign-in (serviceguiden.web): Django accounts behind django-axes, and OpenID Connect for a
# city's single sign-on when every OIDC_* variable below is set (README, "The editor").
LOGIN_URL = "web:login"
LOGIN_REDIRECT_URL = "web:editor"
LOGOUT_REDIRECT_URL = "web:home"
# Failed sign-ins per user name and address before a lock-out of AXES_COOLOFF_MINUTES.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = dt.timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "web/locked_out.html"
AXES_VERBOSE = False  # no "AXES: BEGIN version" banner on every command
OIDC_RP_CLIENT_ID = env_str("OIDC_RP_CLIENT_ID")
OIDC_RP_CLIENT_SECRET = env_str("OIDC_RP_CLIENT_SECRET")
OIDC_OP_AUTHORIZATION_ENDPOINT = env_str("OIDC_OP_AUTHORIZATION_ENDPOINT")
OIDC_OP_TOKEN_ENDPOINT = env_str("OIDC_OP_TOKEN_ENDPOINT")
OIDC_OP_USER_ENDPOINT = env_str("OIDC_OP_USER_ENDPOINT")
OIDC_OP_JWKS_ENDPOINT = env_str("OIDC_OP_JWKS_ENDPOINT")
OIDC_RP_SIGN_ALGO = env_str("OIDC_RP_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = env_str("OIDC_RP_SCOPES", "openid email profile")
# New accounts from the city's sign-on start with no organisation (they see nothing to edit).
OIDC_CREATE_USER = env_bool("OIDC_CREATE_USER", True)
OIDC_ENABLED = bool(OIDC_RP_CLIENT_ID)
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    *(["mozilla_django_oidc.auth.OIDCAuthenticationBackend"] if OIDC_ENABLED else []),
]

# Publishing (serviceguiden.publishing): the published store, caching, webhooks.
# The rendered read model; the app serves it and so can any static server (see README).
SERVICEGUIDEN_PUBLISHED_DIR = Path(
    env_str("SERVICEGUIDEN_PUBLISHED_DIR") or DATA_DIR / "published"
).expanduser()
# Several servers on one PostgreSQL database: each keeps its own copy of the store and applies
# what the others publish (publishing/replica.py). auto: on with PostgreSQL; on; off.
SERVICEGUIDEN_SHARED_STORE = env_str("SERVICEGUIDEN_SHARED_STORE", "auto")
if SERVICEGUIDEN_SHARED_STORE.lower() not in ("auto", "on", "off"):
    raise ImproperlyConfigured(
        f"SERVICEGUIDEN_SHARED_STORE={SERVICEGUIDEN_SHARED_STORE!r}: use auto, on or off."
    )
# Cache-Control for public reads: fresh for max-age, then served stale while revalidating.
SERVICEGUIDEN_CACHE_MAX_AGE = env_int("SERVICEGUIDEN_CACHE_MAX_AGE", 60)
SERVICEGUIDEN_CACHE_STALE = env_int("SERVICEGUIDEN_CACHE_STALE", 86400)
# Webhooks: seconds to wait for a subscriber, and the delays between retries (then give up).
SERVICEGUIDEN_WEBHOOK_TIMEOUT = env_int("SERVICEGUIDEN_WEBHOOK_TIMEOUT", 10)
SERVICEGUIDEN_WEBHOOK_RETRY_DELAYS = env_int_list(
    "SERVICEGUIDEN_WEBHOOK_RETRY_DELAYS", [10, 60, 300, 1800, 7200, 21600, 43200]
)
# Host names that webhooks may reach although they resolve to private or loopback addresses.
SERVICEGUIDEN_WEBHOOK_PRIVATE_HOSTS = env_list("SERVICEGUIDEN_WEBHOOK_PRIVATE_HOSTS", [])
# Where-used counts are buffered in each server process and written at most this often.
SERVICEGUIDEN_USAGE_FLUSH_SECONDS = env_int("SERVICEGUIDEN_USAGE_FLUSH_SECONDS", 10)

# Searches that found nothing, for the editors (publishing/missed_searches.py): at most this
# many distinct queries are kept (the oldest least-searched go first), each for this many days
# after it was last searched (`forgetsearches` deletes older ones), and each server process
# adds at most this many new queries a minute (a bot's flood of made-up words adds no more).
# A search whose best hit scores below the weak score (the search module's scale: an exact
# name 10-20, a one-word synonym about 9-10, a typo or a part of a compound 4-6) counts as
# found nothing useful; 0 records only searches with no hit at all.
SERVICEGUIDEN_MISSED_SEARCHES_MAX = env_int("SERVICEGUIDEN_MISSED_SEARCHES_MAX", 5000)
SERVICEGUIDEN_MISSED_SEARCHES_KEEP_DAYS = env_int("SERVICEGUIDEN_MISSED_SEARCHES_KEEP_DAYS", 180)
SERVICEGUIDEN_MISSED_SEARCHES_NEW_PER_MINUTE = env_int(
    "SERVICEGUIDEN_MISSED_SEARCHES_NEW_PER_MINUTE", 60
)
SERVICEGUIDEN_MISSED_SEARCHES_WEAK_SCORE = env_float(
    "SERVICEGUIDEN_MISSED_SEARCHES_WEAK_SCORE", 5.5
)

# Background jobs (webhook delivery, site scans, spreadsheet imports from the editor) through
# Django's tasks API, stored in the database; `serviceguiden worker` runs them.
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default", "webhooks", "scans", "imports"],
    }
}

# Site scans (serviceguiden.checker, `serviceguiden scan` and the editor's "Granskning").
# The scanner's User-Agent; its robots.txt token is "serviceguiden".
SERVICEGUIDEN_SCAN_USER_AGENT = env_str(
    "SERVICEGUIDEN_SCAN_USER_AGENT", f"Serviceguiden-granskning/1.0 (+{SITE_URL})"
)
# Seconds to wait for a connection and between bytes of an answer.
SERVICEGUIDEN_SCAN_TIMEOUT = env_int("SERVICEGUIDEN_SCAN_TIMEOUT", 15)
# Bytes read at most of one page and of one linked document (PDF, DOCX, ODT).
SERVICEGUIDEN_SCAN_MAX_PAGE_BYTES = env_int("SERVICEGUIDEN_SCAN_MAX_PAGE_BYTES", 5_000_000)
SERVICEGUIDEN_SCAN_MAX_DOCUMENT_BYTES = env_int("SERVICEGUIDEN_SCAN_MAX_DOCUMENT_BYTES", 25_000_000)
# CSS selectors of a page's main content, tried in order; the rest of the page is chrome.
SERVICEGUIDEN_SCAN_CONTENT_SELECTORS = env_list(
    "SERVICEGUIDEN_SCAN_CONTENT_SELECTORS", ["main", "[role=main]", "article"]
)
# A block with findings on at least this many pages is reported once, as a site template.
SERVICEGUIDEN_SCAN_TEMPLATE_MIN_PAGES = env_int("SERVICEGUIDEN_SCAN_TEMPLATE_MIN_PAGES", 3)
# Scans started from the editor may read loopback and private addresses (a local test site).
SERVICEGUIDEN_SCAN_ALLOW_PRIVATE = env_bool("SERVICEGUIDEN_SCAN_ALLOW_PRIVATE", False)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Swedish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env_str("TIME_ZONE", "Europe/Stockholm")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "serviceguiden@localhost")
# SMTP, when EMAIL_BACKEND is django.core.mail.backends.smtp.EmailBackend (review reminders).
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)

SESSION_COOKIE_HTTPONLY = True
# Served over https (SITE_URL says so): cookies only over https, and browsers told to keep to
# https for a year (HSTS). SECURE_COOKIES overrides the first.
HTTPS = SITE_URL.startswith("https://")
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", HTTPS)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = env_int("HSTS_SECONDS", 31_536_000 if HTTPS else 0)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'"],
        "frame-ancestors": ["'self'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
# Forms: no request may carry more fields than the longest editor form needs.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}
