"""Settings for Newsroom: one module, configured by environment variables.

With nothing set, the site runs as a local demo on SQLite. Production is what you get with
DJANGO_SECRET_KEY and DJANGO_ALLOWED_HOSTS set; it fails loudly when either is missing.
"""

import hashlib
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

# The local demo is the default only while no secret key is configured; `make run` also asks for
# it explicitly. Outside it, a missing secret or an empty host list raises ImproperlyConfigured.
LOCAL_DEMO = env.bool("DJANGO_LOCAL_DEMO", default="DJANGO_SECRET_KEY" not in env.ENVIRON)
DEBUG = env.bool("DJANGO_DEBUG", default=False)


def _host_names(names):
    """DJANGO_ALLOWED_HOSTS as people write it: "news.example.se, www.news.example.se"."""
    return [name.strip() for name in names if name.strip()]


if LOCAL_DEMO:
    SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="local-demo-only-not-secret")
    ALLOWED_HOSTS = _host_names(
        env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]", "testserver"])
    )
else:
    SECRET_KEY = env.str("DJANGO_SECRET_KEY")
    ALLOWED_HOSTS = _host_names(env.list("DJANGO_ALLOWED_HOSTS"))
    if not ALLOWED_HOSTS:
        # Set but empty (an unset variable in an env file): every request would get a 400.
        raise ImproperlyConfigured("DJANGO_ALLOWED_HOSTS names no host name.")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sites",
    "django.contrib.redirects",
    "django.contrib.sitemaps",
    # Full-text search fields and expressions (used on PostgreSQL; harmless on SQLite).
    "django.contrib.postgres",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "cookie_consent",
    "simple_history",
    "articles",
    "consent",
    # After django.contrib.auth and .redirects: newsroom/admin.py guards their admins too.
    "newsroom",
]

MIDDLEWARE = [
    # First: everything after it (redirects, the page cache's key) sees the address without them.
    "newsroom.middleware.CampaignParametersMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # The security headers go on every response: static files and early 400s too.
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "newsroom.middleware.RejectNullBytesMiddleware",
    # ETags and 304s for every page, cached or not.
    "newsroom.middleware.ConditionalGetMiddleware",
    # Before anything reads the Host header: probes ask each server by its own address.
    "newsroom.middleware.HealthCheckMiddleware",
    "newsroom.cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Before LocaleMiddleware: takes back its Vary: Accept-Language where a view says so.
    "newsroom.middleware.LanguageIndependentMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Before the CSRF check: a method the page has no handler for is a 405, not a 403.
    "newsroom.middleware.MethodNotAllowedMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "newsroom.middleware.RedirectsMiddleware",
    "consent.middleware.consent_vary_middleware",
    "newsroom.middleware.DatabaseUnavailableMiddleware",
]

SESSION_ENGINE = "newsroom.sessions"
# Staff sign in through the admin, and land there.
LOGIN_URL = "admin:login"
LOGIN_REDIRECT_URL = "admin:index"

# contrib.redirects keeps the old addresses of renamed articles working.
SITE_ID = 1

ROOT_URLCONF = "newsroom.urls"
WSGI_APPLICATION = "newsroom.wsgi.application"

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
                "articles.context_processors.site",
            ],
        },
    },
]

# The site runs on PostgreSQL (psycopg 3) or SQLite. django-environ knows other schemes, but
# for an empty or misspelt URL it fails with a KeyError, for MySQL with a missing driver.
if "DATABASE_URL" in env.ENVIRON and urlsplit(env.str("DATABASE_URL")).scheme not in (
    "postgres",
    "postgresql",
    "pgsql",
    "psql",
    "sqlite",
):
    raise ImproperlyConfigured(
        "DATABASE_URL is no postgres://user:password@host:5432/name "
        "or sqlite:////absolute/path address."
    )
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several gunicorn workers write (consent records, page views): take the write lock at the
    # start of a transaction, wait for it rather than fail, and let readers go on alongside.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
# Each worker keeps its connection between requests rather than opening one per page view
# (gunicorn.conf.py closes the master's before it forks); PostgreSQL's is checked before reuse.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DJANGO_CONN_MAX_AGE", default=60)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

# "default" keeps page copies and memos; "generation" keeps the one value that makes all of them
# stale at once when an editor changes something (newsroom/cache.py). Every worker, and with
# Redis every server, must read the same generation.
if "REDIS_URL" in env.ENVIRON:
    if urlsplit(env.str("REDIS_URL")).scheme not in ("redis", "rediss", "unix"):
        # Redis's client would refuse it on every request: each page a server error.
        raise ImproperlyConfigured("REDIS_URL is no redis://, rediss:// or unix:// address.")
    _REDIS = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": env.str("REDIS_URL"),
        # A stopped Redis must not stall pages: they are served from the database.
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    }
    CACHES = {"default": _REDIS, "generation": _REDIS}
else:
    CACHES = {
        # Each gunicorn worker's own memory: one copy of a page per worker.
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        # A file all workers on this machine read; one checkout's never mixes with another's.
        "generation": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": env.path(
                "DJANGO_CACHE_DIR",
                default=Path(tempfile.gettempdir())
                / f"newsroom-{hashlib.sha256(bytes(BASE_DIR)).hexdigest()[:12]}",
            ),
        },
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Swedish first, English second.
LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Swedish")), ("en", _("English"))]
# The second catalog translates django-cookie-consent, which ships no Swedish.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "consent" / "vendor_locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = env.path("DJANGO_STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", default=BASE_DIR / "media")
# Django serves uploaded media itself only where no web server or object store does (the demo).
SERVE_MEDIA = env.bool("DJANGO_SERVE_MEDIA", default=LOCAL_DEMO)

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Uploads: refuse oversized bodies before they reach a view.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

# Uploaded images: larger files or more pixels than this are refused with a message.
NEWSROOM_IMAGE_MAX_BYTES = env.int("NEWSROOM_IMAGE_MAX_BYTES", default=20 * 1024 * 1024)
NEWSROOM_IMAGE_MAX_PIXELS = env.int("NEWSROOM_IMAGE_MAX_PIXELS", default=50_000_000)

# Renditions made of every image when it is saved (CSS pixels wide).
NEWSROOM_RENDITION_WIDTHS = [400, 800, 1200, 1600]

# Consent (django-cookie-consent's settings name the consent cookie; consent/ adds the rest).
COOKIE_CONSENT_NAME = "nr_consent"
# A choice is kept for twelve months, then the banner asks again.
COOKIE_CONSENT_MAX_AGE = env.int("NEWSROOM_CONSENT_MAX_AGE_DAYS", default=365) * 24 * 60 * 60
COOKIE_CONSENT_SAMESITE = "Lax"
COOKIE_CONSENT_SECURE = not LOCAL_DEMO
# Proof of consent is kept in consent.ConsentRecord, not in the package's LogItem.
COOKIE_CONSENT_LOG_ENABLED = False
COOKIE_CONSENT_SUCCESS_URL = "/"
# Consent records older than this are deleted by `manage.py consent_prune`.
NEWSROOM_CONSENT_RETENTION_DAYS = env.int("NEWSROOM_CONSENT_RETENTION_DAYS", default=396)
# The log of who opened or exported consent data (consent.AccessLogEntry), pruned by the same
# command: as long as the records, so that a visitor can ask who read theirs while it is kept.
NEWSROOM_CONSENT_ACCESS_LOG_DAYS = env.int("NEWSROOM_CONSENT_ACCESS_LOG_DAYS", default=396)
# An external analytics provider's script (e.g. Matomo's), gated exactly like the built-in one.
NEWSROOM_ANALYTICS_SCRIPT = env.str("NEWSROOM_ANALYTICS_SCRIPT", default="")

# Anonymous pages are kept this long in the page cache (newsroom/cache.py), unless an editor's
# change or a scheduled publication makes them stale sooner; shared caches keep them briefly.
NEWSROOM_PAGE_CACHE_SECONDS = env.int("NEWSROOM_PAGE_CACHE_SECONDS", default=300)
NEWSROOM_SHARED_CACHE_SECONDS = env.int("NEWSROOM_SHARED_CACHE_SECONDS", default=60)

# Content Security Policy (Django's own): scripts only from this site, never inline or eval.
# The one analytics script allowed is the consent-gated one (an external provider's origin is
# added only when NEWSROOM_ANALYTICS_SCRIPT names one).
_ANALYTICS_ORIGIN = (
    "{0.scheme}://{0.netloc}".format(urlsplit(NEWSROOM_ANALYTICS_SCRIPT))
    if NEWSROOM_ANALYTICS_SCRIPT.startswith("https://")
    else None
)
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, *filter(None, [_ANALYTICS_ORIGIN])],
    "connect-src": [CSP.SELF, *filter(None, [_ANALYTICS_ORIGIN])],
    # Style attributes carry images' focal points; no script can run from a style.
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
PERMISSIONS_POLICY = {
    "accelerometer": [],
    "camera": [],
    "geolocation": [],
    "gyroscope": [],
    "interest-cohort": [],
    "magnetometer": [],
    "microphone": [],
    "payment": [],
    "usb": [],
}

SECURE_CONTENT_TYPE_NOSNIFF = True
# Health probes reach gunicorn directly, over plain HTTP (newsroom.middleware.HealthCheckMiddleware).
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True

if not LOCAL_DEMO:
    # HTTPS is assumed in production; a proxy terminating TLS sets X-Forwarded-Proto.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "newsroom.logging.JSONFormatter"}},
    "filters": {
        "client_error": {"()": "newsroom.logging.ClientErrorWarning"},
        "health_probe": {"()": "newsroom.logging.HealthProbeWarning"},
        "database_unavailable": {"()": "newsroom.logging.DatabaseUnavailableLogged"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json"}},
    "root": {"handlers": ["console"], "level": env.str("DJANGO_LOG_LEVEL", default="WARNING")},
    "loggers": {
        # gunicorn's access log already has one line per request; Django adds lines for
        # errors only (its 4xx warnings would repeat the access log).
        # A failing /healthz probe (every few seconds in an outage) is a warning, not an error.
        # A 503 while the database is down: the one line newsroom.middleware logs, with why.
        "django.request": {"level": "ERROR", "filters": ["health_probe", "database_unavailable"]},
        # A Host header not in ALLOWED_HOSTS: a 400, one warning line with the host named.
        "django.security.DisallowedHost": {"filters": ["client_error"]},
    },
}

FORMAT_MODULE_PATH = ["newsroom.formats"]
