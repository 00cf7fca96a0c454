"""Django settings for Gongkai, read from the environment.

Environment variables (all optional):

``GONGKAI_DATA_DIR``
    Where the platform keeps its data: the SQLite database, uploaded files, the
    generated secret key, collected static files. Defaults to ``var/`` in a source
    checkout, ``~/.local/share/gongkai`` otherwise.
``DATABASE_URL``
    ``sqlite:////abs/path/db.sqlite3`` or ``postgres://user:pass@host:5432/name``.
    Defaults to ``<data dir>/gongkai.sqlite3``. SQLite runs in WAL mode with
    ``BEGIN IMMEDIATE`` transactions so concurrent writers queue instead of failing.
``SECRET_KEY``
    Generated once and kept in ``<data dir>/secret_key`` when absent.
``ALLOWED_HOSTS``
    Comma-separated; defaults to loopback names.
``DEBUG``
    ``1`` to enable Django's debug mode (never in production).
``EMAIL_HOST``, ``EMAIL_PORT``, ``EMAIL_HOST_USER``, ``EMAIL_HOST_PASSWORD``,
``EMAIL_USE_TLS``, ``EMAIL_USE_SSL``, ``DEFAULT_FROM_EMAIL``
    SMTP settings. Without ``EMAIL_HOST`` every mail is kept as a file in
    ``<data dir>/mail/`` (a local capture: the demo's reminders can be read there).
``GONGKAI_BASE_URL``
    The public address, used in mails and feeds (default ``http://127.0.0.1:8000``).
``GONGKAI_IDENTITY_KEY_FILE``, ``GONGKAI_IDENTITY_KEYS``
    The SM4 keys that seal applicants' and letter writers' identity data (docs/crypto.md):
    a file (default ``<data dir>/identity.keys``, made at the first save when nothing is
    sealed yet; never in backups), or its text in the variable.
"""

from __future__ import annotations

import os
import sys
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url

PACKAGE_DIR = Path(__file__).resolve().parent
SOURCE_ROOT = PACKAGE_DIR.parent


def _env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _default_data_dir() -> Path:
    # A source checkout keeps its data beside the code (ignored by git); an installed
    # package must not write into site-packages.
    if (SOURCE_ROOT / "pyproject.toml").exists():
        return SOURCE_ROOT / "var"
    return Path.home() / ".local" / "share" / "gongkai"


DATA_DIR = Path(os.environ.get("GONGKAI_DATA_DIR") or _default_data_dir()).resolve()
if os.environ.get("PYTEST_XDIST_WORKER") and "pytest" in sys.modules:
    # Each process of a parallel test run (scripts/test.sh) keeps its files apart (not the
    # commands its tests start, which inherit the variable and are given their own).
    DATA_DIR = DATA_DIR / os.environ["PYTEST_XDIST_WORKER"]
DATA_DIR.mkdir(parents=True, exist_ok=True)
(DATA_DIR / "static").mkdir(exist_ok=True)  # WhiteNoise expects STATIC_ROOT to exist


def _secret_key() -> str:
    if os.environ.get("SECRET_KEY"):
        return os.environ["SECRET_KEY"]
    key_file = DATA_DIR / "secret_key"
    if not key_file.exists():
        # O_EXCL: two processes starting together must not write two different keys.
        try:
            fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(fd, "w") as fh:
                fh.write(secrets.token_urlsafe(50))
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = _env_bool("DEBUG")
ALLOWED_HOSTS = [
    h.strip()
    for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]").split(",")
    if h.strip()
]
BASE_URL = os.environ.get("GONGKAI_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
GONGKAI_IDENTITY_KEY_FILE = Path(os.environ.get("GONGKAI_IDENTITY_KEY_FILE") or DATA_DIR / "identity.keys")
CSRF_TRUSTED_ORIGINS = [BASE_URL]

INSTALLED_APPS = [
    # Gongkai's own apps, one per domain.
    "gongkai.org",
    "gongkai.events",
    "gongkai.catalog",
    "gongkai.publishing",
    "gongkai.portal",
    "gongkai.demo",
    "gongkai.edge",
    "gongkai.ops",
    "gongkai.privacy",
    "gongkai.workdays",
    "gongkai.analyzer",
    "gongkai.applications",
    "gongkai.search",
    "gongkai.mailbox",
    "gongkai.oversight",
    "gongkai.evaluation",
    "gongkai.annual",
    "gongkai.monitoring",
    "gongkai.worklog",
    "gongkai.returns",
    "gongkai.wording",
    "gongkai.workbench",
    "captcha",
    # Wagtail
    "django_cas_ng",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "django.contrib.sitemaps",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_q",
    "django_filters",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "gongkai.edge.headers.ContentSecurityPolicyMiddleware",
    "gongkai.search.stats.SearchStatsMiddleware",             # counts searches, from the cache too
    "gongkai.edge.pagecache.PublicPageCacheMiddleware",
    "gongkai.edge.sites.SiteMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "gongkai.org.accounts.IdleSessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "gongkai.edge.headers.AnonymousPostLimitMiddleware",      # password reset and every anonymous POST
    "gongkai.publishing.visibility.ItemBoundaryMiddleware",   # other departments' items: 404 in the admin
    "gongkai.edge.badrequest.MissingFieldMiddleware",          # a missing upload field: 400, not 500
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "gongkai.org.second_factor.SecondFactorMiddleware",
    "gongkai.org.accounts.PasswordAgeMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "gongkai.urls"
WSGI_APPLICATION = "gongkai.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]


def _database() -> dict:
    url = os.environ.get("DATABASE_URL") or f"sqlite:///{DATA_DIR / 'gongkai.sqlite3'}"
    # Connections are kept by each worker thread (no connect and PRAGMAs per request) and
    # checked before reuse, so a restarted database server costs one failed check, not errors.
    config = dj_database_url.parse(url, conn_max_age=600, conn_health_checks=True)
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config["OPTIONS"] = {
            # WAL lets readers work while one writer writes; IMMEDIATE takes the write
            # lock at BEGIN, so two writers queue on busy_timeout instead of one of them
            # failing with "database is locked" half-way through a transaction.
            "init_command": (
                "PRAGMA journal_mode=WAL;"
                "PRAGMA synchronous=NORMAL;"
                "PRAGMA foreign_keys=ON;"
                # A 32 MB page cache per connection (SQLite's default is 2 MB): at a million
                # items the search's pages stay in memory between requests.
                "PRAGMA cache_size=-32768;"
            ),
            "transaction_mode": "IMMEDIATE",
            "timeout": 30,
        }
        # Tests use a file, not shared-cache memory: the browser tests' live server and
        # the test thread use the database at once, and in-memory SQLite takes table
        # locks that ignore the busy timeout ("database table is locked").
        config["TEST"] = {"NAME": str(DATA_DIR / "test-gongkai.sqlite3")}
    else:
        config.setdefault("OPTIONS", {})
        config["OPTIONS"].setdefault("connect_timeout", 5)
    return config


DATABASES = {"default": _database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "gongkai.org.accounts.CharacterClassesValidator"},
]
# Accounts (gongkai.org.accounts): password age, lockout, idle sessions.
GONGKAI_PASSWORD_MAX_AGE_DAYS = int(os.environ.get("GONGKAI_PASSWORD_MAX_AGE_DAYS", "180"))
GONGKAI_LOGIN_FAILURE_LIMIT = int(os.environ.get("GONGKAI_LOGIN_FAILURE_LIMIT", "5"))
GONGKAI_LOGIN_LOCKOUT_MINUTES = int(os.environ.get("GONGKAI_LOGIN_LOCKOUT_MINUTES", "30"))
GONGKAI_SESSION_IDLE_MINUTES = int(os.environ.get("GONGKAI_SESSION_IDLE_MINUTES", "30"))
SESSION_COOKIE_AGE = GONGKAI_SESSION_IDLE_MINUTES * 60
# The age counts from the last request (an idle timeout); gongkai.org.accounts.IdleSessionMiddleware
# saves a session at most once a minute when nothing in it changed.
IDLE_SESSION_REFRESH = 60
AXES_FAILURE_LIMIT = GONGKAI_LOGIN_FAILURE_LIMIT
AXES_COOLOFF_TIME = timedelta(minutes=GONGKAI_LOGIN_LOCKOUT_MINUTES)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "gongkai.org.accounts.client_ip"
AXES_USERNAME_CALLABLE = "gongkai.org.accounts.axes_username"
AXES_LOCKOUT_CALLABLE = "gongkai.org.accounts.lockout_response"
AXES_VERBOSE = False
# Second factor for staff (gongkai.org.second_factor): optional per person, or required.
GONGKAI_REQUIRE_TOTP = _env_bool("GONGKAI_REQUIRE_TOTP")
OTP_TOTP_ISSUER = os.environ.get("GONGKAI_OTP_ISSUER", "信息公开平台")
LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"
AUTHENTICATION_BACKENDS = [
    # Lockout after repeated failures (django-axes) is asked first.
    "gongkai.org.accounts.LockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
    # Admin access (wagtailadmin.access_admin) comes from the permission policy.
    "gongkai.org.backends.PolicyBackend",
    # Campus single sign-on (统一身份认证) when GONGKAI_CAS_SERVER_URL is set.
    "django_cas_ng.backends.CASBackend",
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True
WAGTAIL_I18N_ENABLED = False
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
# Chinese for what Wagtail's own catalogues leave in English (gongkai/locale).
LOCALE_PATHS = [PACKAGE_DIR / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = DATA_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        # Production sets GONGKAI_STATIC_MANIFEST=1 and runs `gongkai collectstatic`:
        # hashed, compressed files that nginx or WhiteNoise serve with far-future caching.
        # Without it (demo, tests) files are served as they are, no collectstatic needed.
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if _env_bool("GONGKAI_STATIC_MANIFEST")
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# WhiteNoise finds static files in the apps when they were not collected.
WHITENOISE_USE_FINDERS = not _env_bool("GONGKAI_STATIC_MANIFEST")
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

if os.environ.get("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["EMAIL_HOST"]
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = _env_bool("EMAIL_USE_TLS")
    EMAIL_USE_SSL = _env_bool("EMAIL_USE_SSL")
    EMAIL_TIMEOUT = 20
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = str(DATA_DIR / "mail")
# The public page cache (gongkai.edge.pagecache): per process in memory by default, Redis
# when GONGKAI_REDIS_URL is set (shared by every process and machine).
GONGKAI_PAGE_CACHE_SECONDS = int(os.environ.get("GONGKAI_PAGE_CACHE_SECONDS", "300"))
_REDIS = os.environ.get("GONGKAI_REDIS_URL")
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "default"},
    "pages": ({"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": _REDIS,
               "KEY_PREFIX": "gongkai"} if _REDIS else
              {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages",
               "OPTIONS": {"MAX_ENTRIES": 5000}}),
}

# Link checking (monitoring): pause between two requests to one host; whether hosts on
# private networks may be checked (an intranet's own sites; the tests' local server).
# Scanned pages that the privacy gate recognises within a web request (about 1–2 s each on
# two cores); the rest are read by the worker, which then scans the item again.
GONGKAI_OCR_PAGES_PER_REQUEST = int(os.environ.get("GONGKAI_OCR_PAGES_PER_REQUEST", "10"))
# 浏览次数: how often each process writes the view beacons it kept (gongkai.portal.readership).
GONGKAI_VIEW_FLUSH_SECONDS = float(os.environ.get("GONGKAI_VIEW_FLUSH_SECONDS", "10"))
GONGKAI_LINKCHECK_HOST_DELAY = float(os.environ.get("GONGKAI_LINKCHECK_HOST_DELAY", "1.0"))
GONGKAI_LINKCHECK_ALLOW_PRIVATE = _env_bool("GONGKAI_LINKCHECK_ALLOW_PRIVATE")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "gongkai@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if BASE_URL.startswith("https://"):
    # Served over TLS (nginx terminates it and says so in X-Forwarded-Proto): secure
    # cookies, HSTS for a year, and plain-HTTP requests redirected.
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("GONGKAI_HSTS_SECONDS", "31536000"))
    # HSTS covers the portal's own subdomains (none is served over plain HTTP) and allows
    # preloading; GONGKAI_HSTS_SUBDOMAINS=0 / GONGKAI_HSTS_PRELOAD=0 turn either off.
    SECURE_HSTS_INCLUDE_SUBDOMAINS = _env_bool("GONGKAI_HSTS_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = _env_bool("GONGKAI_HSTS_PRELOAD", True)
    SECURE_SSL_REDIRECT = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# The public pages' Content-Security-Policy (gongkai.edge.headers): scripts only from this
# site, never inline; no plugins; no framing.
GONGKAI_CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
               "img-src 'self' data:; font-src 'self'; object-src 'none'; base-uri 'self'; "
               "form-action 'self'; frame-ancestors 'none'")
# The admin's: Wagtail's inline start-up scripts allowed (it has no nonces), the rest as
# strict (see gongkai.edge.headers).
GONGKAI_ADMIN_CSP = ("default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
                     "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; frame-src 'self'; "
                     "worker-src 'self' blob:; object-src 'none'; base-uri 'self'; form-action 'self'; "
                     "frame-ancestors 'self'")
# Posts by visitors who are not signed in, per address: (posts, seconds).
GONGKAI_PASSWORD_RESET_LIMIT = (5, 900)
GONGKAI_ANONYMOUS_POST_LIMIT = (120, 600)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # A database that is down or not migrated is one line in the log, not a stack trace.
    "filters": {"database_error_line": {"()": "gongkai.edge.unavailable.DatabaseErrorLine"}},
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    # Only the web requests' records (the ones answered with 503), nobody else's.
    "loggers": {"django.request": {"filters": ["database_error_line"]}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Wagtail
WAGTAIL_SITE_NAME = "公开 Gongkai"
WAGTAILADMIN_BASE_URL = BASE_URL
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_MAX_UPLOAD_SIZE = 50 * 1024 * 1024
# Uploads are checked for type, size and zip bombs before they are stored.
WAGTAILDOCS_DOCUMENT_FORM_BASE = "gongkai.publishing.document_forms.SafeDocumentForm"
# Documents are always served through Django, where publishing's before_serve_document
# hook checks who may read them (never a direct file URL).
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "txt", "html", "htm", "jpg", "jpeg", "png"]   # pictures are read by OCR
# Passing every review step is what allows publishing (see publishing/finish.py).
WAGTAIL_FINISH_WORKFLOW_ACTION = "gongkai.publishing.finish.publish_reviewed"
WAGTAIL_ENABLE_UPDATE_CHECK = False  # nothing is fetched from the internet at run time
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False

# --- Gongkai's own rules (one place each) -------------------------------------------
# 即时公开: new or changed information goes out within this many working days
# (教办函〔2014〕23号). Read through `gongkai.catalog.rules.timely_working_days()`.
GONGKAI_TIMELY_WORKING_DAYS = int(os.environ.get("GONGKAI_TIMELY_WORKING_DAYS", "20"))
# Campus networks (校园网) whose visitors read 校内公开 items without signing in:
# comma-separated CIDR ranges, e.g. "10.0.0.0/8,202.114.0.0/16". Empty: none.
GONGKAI_CAMPUS_NETWORKS = os.environ.get("GONGKAI_CAMPUS_NETWORKS", "")
# Reverse proxies (CIDR) whose X-Real-IP header names the visitor; behind nginx on the
# same machine: "127.0.0.1/32". Empty: REMOTE_ADDR is the visitor.
GONGKAI_TRUSTED_PROXIES = os.environ.get("GONGKAI_TRUSTED_PROXIES", "")

# Background jobs (django-q2): the database is the broker by default, so one machine
# needs nothing else; set GONGKAI_REDIS_URL to use Redis when scaling out. The worker is
# `gongkai qcluster` (scripts/demo.sh starts one).
Q_CLUSTER = {
    "name": "gongkai",
    "workers": int(os.environ.get("GONGKAI_JOB_WORKERS", "2")),
    "timeout": 300,
    "retry": 600,
    "catch_up": False,
    "max_attempts": 3,
    "orm": "default",
}
if os.environ.get("GONGKAI_REDIS_URL"):
    Q_CLUSTER.pop("orm")
    Q_CLUSTER["redis"] = os.environ["GONGKAI_REDIS_URL"]

# 依申请公开 deadlines, in working days (教育部令第29号: 15 + 15; supplement notice: 7).
GONGKAI_REPLY_WORKING_DAYS = int(os.environ.get("GONGKAI_REPLY_WORKING_DAYS", "15"))
GONGKAI_EXTENSION_WORKING_DAYS = int(os.environ.get("GONGKAI_EXTENSION_WORKING_DAYS", "15"))
GONGKAI_SUPPLEMENT_NOTICE_WORKING_DAYS = int(os.environ.get("GONGKAI_SUPPLEMENT_NOTICE_WORKING_DAYS", "7"))
# Days to pay the information-processing fee (regulations.md §3 marks 20 as unverified).
GONGKAI_FEE_PAYMENT_WORKING_DAYS = int(os.environ.get("GONGKAI_FEE_PAYMENT_WORKING_DAYS", "20"))

# The CAPTCHA on public forms is drawn here (django-simple-captcha, its own font): no
# outside service.
CAPTCHA_LENGTH = 4
# Only for load and crash tests (every answer "passed" is accepted); `gongkai check` warns.
CAPTCHA_TEST_MODE = _env_bool("GONGKAI_CAPTCHA_TEST_MODE")
CAPTCHA_CHALLENGE_FUNCT = "captcha.helpers.random_char_challenge"
CAPTCHA_LETTER_ROTATION = (-20, 20)

# Campus single sign-on (统一身份认证, CAS). Set GONGKAI_CAS_SERVER_URL (e.g.
# https://cas.example.edu.cn/cas/) to show “统一身份认证登录” on the portal. Users who sign
# in this way are campus users (they read 校内公开 items); roles are granted separately.
CAS_SERVER_URL = os.environ.get("GONGKAI_CAS_SERVER_URL") or None
CAS_VERSION = os.environ.get("GONGKAI_CAS_VERSION", "3")
CAS_CREATE_USER = True
CAS_REDIRECT_URL = "/"
CAS_LOGIN_MSG = None
CAS_LOGGED_MSG = None
CAS_IGNORE_REFERER = True
