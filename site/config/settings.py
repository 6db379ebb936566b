"""Settings for the whole site, read from environment variables.

With no environment at all this is a local development site on SQLite. Production is
`DJANGO_DEBUG=0`, which refuses to start without a secret key, allowed hosts and the site's
public address rather than run insecurely or point every link at itself. `DATABASE_URL`
selects PostgreSQL, `REDIS_URL` a shared Redis cache.
"""

import os
import re
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

SITE_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = SITE_DIR.parent

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off"}


def env_str(name, default=""):
    return os.environ.get(name, default).strip()


def env_bool(name, default):
    value = env_str(name).lower()
    if not value:
        return default
    if value in TRUE_WORDS:
        return True
    if value in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(f"{name} must be one of 1/0, true/false, yes/no, on/off; got {value!r}.")


def env_int(name, default):
    value = env_str(name)
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number; got {value!r}.") from None


def env_phone(name, default):
    value = env_str(name, default)
    if not re.fullmatch(r"\+?[0-9][0-9 ]*", value):
        raise ImproperlyConfigured(f"{name} must be a phone number: digits and spaces; got {value!r}.")
    return value


def env_list(name, default=()):
    value = env_str(name)
    if not value:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", True)

SECRET_KEY = env_str("DJANGO_SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. Production mode (DJANGO_DEBUG=0) needs a long random "
            'secret key, for example from: python -c "import secrets; print(secrets.token_urlsafe(50))"'
        )
    SECRET_KEY = "insecure-key-for-local-development-only"  # noqa: S105 (DEBUG only)

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"] if DEBUG else [])
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "DJANGO_ALLOWED_HOSTS is not set. Production mode (DJANGO_DEBUG=0) needs the host names "
        "the site answers to, comma-separated, for example: DJANGO_ALLOWED_HOSTS=b12facts.example.org"
    )

# The public address: canonical links, the sitemap, robots.txt and every kiosk QR code are
# built on it, never on the request's Host. `check --deploy` also checks what it points at.
SITE_URL = (env_str("SITE_URL") or ("http://127.0.0.1:8000" if DEBUG else "")).rstrip("/")
if not SITE_URL:
    raise ImproperlyConfigured(
        "SITE_URL is not set. Production mode (DJANGO_DEBUG=0) needs the site's public address, "
        "for links, the sitemap and the kiosk's QR codes, for example: SITE_URL=https://b12facts.example.org"
    )
SITE_NAME = "B12 Facts"
EMERGENCY_NUMBER = env_str("EMERGENCY_NUMBER", "999")
# Help the same day when the doctor's surgery is closed (NHS 111 in England).
URGENT_CARE_NUMBER = env_phone("URGENT_CARE_NUMBER", "111")
# A line to talk to for anyone with thoughts of self-harm, written "name: number".
_crisis_name, _, _crisis_number = env_str("CRISIS_LINE", "Samaritans: 116 123").rpartition(":")
if not _crisis_name.strip() or not re.fullmatch(r"\+?[0-9][0-9 ]*", _crisis_number.strip()):
    raise ImproperlyConfigured(
        f"CRISIS_LINE must be a name and a number, like 'Samaritans: 116 123'; got {env_str('CRISIS_LINE')!r}."
    )
CRISIS_LINE = {"name": _crisis_name.strip(), "number": _crisis_number.strip()}
CONTENT_DIR = Path(env_str("CONTENT_DIR") or BASE_DIR / "content")

# The waiting-room kiosk (/kiosk/): seconds without a touch before the "still there?" dialog,
# then seconds of countdown before the screen starts over. WCAG 2.2.1 asks for at least 20
# seconds to respond to a time-out warning, so a shorter countdown is refused.
KIOSK_IDLE_SECONDS = env_int("KIOSK_IDLE_SECONDS", 90)
KIOSK_COUNTDOWN_SECONDS = env_int("KIOSK_COUNTDOWN_SECONDS", 20)
if KIOSK_IDLE_SECONDS < 10:
    raise ImproperlyConfigured(f"KIOSK_IDLE_SECONDS must be at least 10; got {KIOSK_IDLE_SECONDS}.")
if KIOSK_COUNTDOWN_SECONDS < 20:
    raise ImproperlyConfigured(
        f"KIOSK_COUNTDOWN_SECONDS must be at least 20 (WCAG 2.2.1); got {KIOSK_COUNTDOWN_SECONDS}."
    )
# Show a "Print this page" button on the kiosk (only where a printer is attached).
KIOSK_PRINTING = env_bool("KIOSK_PRINTING", False)

INSTALLED_APPS = [
    # Site-wide system checks (config.checks).
    "config.apps.SiteConfig",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "axes",
    "simple_history",
    "markdownx",
    "django.contrib.sitemaps",
    "articles",
    "pagecache",
    "search",
    "seo",
    "editorial",
    "feedback",
    "kiosk",
    "selfcheck",
    "explainer",
    "ratelimit",
]

MIDDLEWARE = [
    "config.middleware.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "config.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before everything that renders, caches or rewrites a page: the path names its language.
    "config.languages.PathLanguageMiddleware",
    # Outside the page cache, session, CSRF and messages middleware, so every kiosk answer
    # (a cached one too) gets its no-store header and no cookie escapes it.
    "kiosk.middleware.KioskMiddleware",
    # Answers cached public pages before the session, CSRF and auth machinery (see pagecache).
    "pagecache.middleware.PageCacheMiddleware",
    # Inside the page cache: a kiosk page's links are kept on the kiosk before it is stored.
    "kiosk.middleware.KioskLinksMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Records who made each change in the revision history.
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "config.middleware.RateLimitMiddleware",
    # Last, as django-axes asks: it turns a lockout raised during login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
                "config.context_processors.site",
                "config.context_processors.language_versions",
            ],
        },
    },
]

# Databases: SQLite next to the project unless DATABASE_URL names another.
DATABASE_URL = env_str("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": env_str("SQLITE_PATH") or BASE_DIR / "db.sqlite3",
            # Keep each thread's connection: opening one costs more than a cached page.
            "CONN_MAX_AGE": 60,
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Caches: one shared Redis for every app instance when REDIS_URL is set, else per-process memory.
# Redis is a cache, never a dependency: the backend answers a miss, skips a write and logs one
# line while Redis is away (config.cache), and gives up on a call after half a second rather
# than hold a request up behind a Redis that does not answer.
REDIS_URL = env_str("REDIS_URL")
CACHE_KEY_PREFIX = env_str("CACHE_KEY_PREFIX", "b12")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "config.cache.FailSoftRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": CACHE_KEY_PREFIX,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    # Sessions (editors' logins) read from Redis and are written through to the database, so
    # a Redis outage or restart signs nobody out: reads then come from the database.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# How long a rendered public page is kept. A publish never waits for this: it moves the
# content version on, and pages are stored under the version (see pagecache.middleware).
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 60 * 60 * 24)
# How long a shared cache in front of the site (nginx, a CDN) may answer with a public page
# before it checks the ETag with us: what absorbs a surge. 0: it checks every time.
SHARED_CACHE_SECONDS = env_int("SHARED_CACHE_SECONDS", 60)

# Logins: django-axes counts failed sign-ins and locks the username (from that address) out
# for a while after too many. Its backend must come first; it never signs anyone in itself.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 30))
# Username and address together: a stranger cannot lock an editor out from elsewhere.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "editorial/lockout.html"
AXES_CLIENT_IP_CALLABLE = "ratelimit.client.client_ip"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
# The interface's languages. The path names the language (docs/adr/004-languages.md), so no
# LocaleMiddleware: it would add Vary: Accept-Language, which the page cache refuses.
LANGUAGES = [("en-gb", "English"), ("es", "Español")]
# The interface strings' translations: locale/<language>/LC_MESSAGES/django.po, compiled to
# .mo by `make` (tools/compilemessages.py).
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env_str("TIME_ZONE", "Europe/London")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT") or BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT") or BASE_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# The editors' admin: markdown preview through the site's own renderer, image uploads
# through the site's own checks (editorial.uploads). markdownx's own URLs are never routed.
MARKDOWNX_MARKDOWNIFY_FUNCTION = "editorial.preview.markdownify"
MARKDOWNX_URLS_PATH = "/admin/editor/markdownify/"
MARKDOWNX_UPLOAD_URLS_PATH = "/admin/editor/upload/"
MARKDOWNX_EDITOR_RESIZABLE = True
EDITOR_UPLOAD_MAX_BYTES = env_int("EDITOR_UPLOAD_MAX_MB", 5) * 1024 * 1024
MARKDOWNX_UPLOAD_MAX_SIZE = EDITOR_UPLOAD_MAX_BYTES
EDITOR_UPLOAD_DIR = "uploads"
# The live preview renders in a separate process and gives up after this long, so a text that
# would take minutes to render never holds a worker (editorial.preview).
PREVIEW_SECONDS = 3
# Serve uploaded images from Django (with nosniff); production leaves /media/ to the web server.
SERVE_MEDIA = env_bool("DJANGO_SERVE_MEDIA", DEBUG)
# Months from a clinical reviewer's sign-off to the next review.
REVIEW_INTERVAL_MONTHS = env_int("REVIEW_INTERVAL_MONTHS", 12)
if REVIEW_INTERVAL_MONTHS < 1:
    raise ImproperlyConfigured(f"REVIEW_INTERVAL_MONTHS must be at least 1; got {REVIEW_INTERVAL_MONTHS}.")
# E-mail, for the review reminders (manage.py send_review_reminders). Production sends by SMTP:
# through EMAIL_HOST (port 587 with TLS unless told otherwise), else through a mail server on
# this machine (localhost:25, as Django always has). A development site writes them to the
# console unless EMAIL_HOST is set.
_email_host = env_str("EMAIL_HOST")  # a plain name: Django's own EMAIL_* settings are deprecated
if _email_host or not DEBUG:
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": _email_host or "localhost",
                "port": env_int("EMAIL_PORT", 587 if _email_host else 25),
                "username": env_str("EMAIL_HOST_USER"),
                "password": env_str("EMAIL_HOST_PASSWORD"),
                "use_tls": env_bool("EMAIL_USE_TLS", bool(_email_host)),
                "timeout": 10,
            },
        }
    }
else:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", f"{SITE_NAME} <noreply@{urlsplit(SITE_URL).hostname}>")
# Comments on "Was this page helpful?" are at most this long.
FEEDBACK_COMMENT_MAX_LENGTH = 500

# Request bodies: nothing the public sends is large; a huge post gets a 400, not a crash.
DATA_UPLOAD_MAX_MEMORY_SIZE = 256 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 200

# Security headers. The policy allows nothing inline: every script and style is a static file.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# A kiosk form posted again after the screen started over goes back to the kiosk home page.
CSRF_FAILURE_VIEW = "config.views.csrf_failure"

# POSTs per client per window: {bucket: (path prefixes, requests, seconds)}. Counted in Redis
# when there is one, else (and while it is away) in the database, so every process and
# instance shares one count; keyed by a hash of the client address (ratelimit.counting).
RATE_LIMITS = {
    "selfcheck": (["/self-check/", "/kiosk/self-check/"], env_int("RATE_LIMIT_SELFCHECK", 120), 600),
    "feedback": (["/feedback/"], env_int("RATE_LIMIT_FEEDBACK", 20), 3600),
    "login": (["/admin/login/"], env_int("RATE_LIMIT_LOGIN", 30), 600),
}
RATE_LIMITS_IN_CACHE = bool(REDIS_URL)
# Never counted in the database: the self-check keeps nothing about who used it. Without
# Redis its limit is counted in each process's memory (each gunicorn worker allows it once).
RATE_LIMITS_NEVER_STORED = {"selfcheck"}
# The proxies in front of the site (nginx: 1; a CDN and nginx: 2). The client address is the
# X-Forwarded-For entry that many hops from the right, believed only from the proxies'
# own addresses (the same FORWARDED_ALLOW_IPS gunicorn reads). See ratelimit.client.
# DJANGO_TRUST_X_FORWARDED_FOR=1, the older setting, means one proxy.
TRUSTED_PROXY_COUNT = env_int(
    "DJANGO_TRUSTED_PROXY_COUNT", 1 if env_bool("DJANGO_TRUST_X_FORWARDED_FOR", False) else 0
)
if TRUSTED_PROXY_COUNT < 0:
    raise ImproperlyConfigured(f"DJANGO_TRUSTED_PROXY_COUNT cannot be negative; got {TRUSTED_PROXY_COUNT}.")
TRUSTED_PROXY_ADDRESSES = env_list("FORWARDED_ALLOW_IPS", ["127.0.0.1", "::1"])

if not DEBUG:
    # A TLS-terminating proxy in front says the original scheme in X-Forwarded-Proto.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", True)
    SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE

# Client errors Django reports through django.security.* (a disallowed host, too many fields,
# a body too large, a bad multipart form) are the client's mistake, not ours: one WARNING
# line each, without a traceback, so nobody can fill the error log by sending them.
CLIENT_ERROR_LOGGERS = [
    f"django.security.{name}"
    for name in (
        "DisallowedHost",
        "DisallowedRedirect",
        "RequestDataTooBig",
        "SuspiciousFileOperation",
        "SuspiciousMultipartForm",
        "SuspiciousOperation",
        "SuspiciousSession",
        "TooManyFieldsSent",
        "TooManyFilesSent",
    )
]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"client_error": {"()": "config.logs.ClientErrorFilter"}},
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        # Our own one-line request log replaces Django's, which repeats 4xx lines.
        "django.request": {"level": "ERROR"},
        "django.server": {"level": "ERROR"},
        **{name: {"filters": ["client_error"]} for name in CLIENT_ERROR_LOGGERS},
    },
}
