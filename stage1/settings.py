"""Stage 1 settings: one file, configured through environment variables.

Development works with no variables at all (SQLite, debug off unless asked,
a development-only secret key). Production sets DJANGO_SECRET_KEY,
DJANGO_ALLOWED_HOSTS and DATABASE_URL; see README.md.
"""

from datetime import timedelta
from pathlib import Path

from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.text import format_lazy
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from stage1.database import database_from_url
from stage1.env import env_bool, env_email, env_int, env_list, env_str, env_url

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DJANGO_DEBUG", False)

# Only ever used with debug on; production refuses to start without its own key.
_DEV_SECRET_KEY = "dev-only-insecure-key-never-use-in-production"  # nosec B105
SECRET_KEY = env_str("DJANGO_SECRET_KEY") or ""
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY is required when DJANGO_DEBUG is off (set DJANGO_DEBUG=1 to run locally).")
    SECRET_KEY = _DEV_SECRET_KEY
elif len(SECRET_KEY) < 32:
    raise ImproperlyConfigured("DJANGO_SECRET_KEY must be at least 32 characters long.")

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]", "testserver"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Before the admin, as its documentation requires: it patches the admin's forms.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_forms_gds",
    "csp",
    "axes",
    "simple_history",
    "django_tasks",
    "django_tasks_db",
    "stage1.core",
    "stage1.methodology",
    "stage1.projects",
    "stage1.evaluation",
    "stage1.charter",
    "stage1.exchange",
    "stage1.members",
    "stage1.history",
    "stage1.review",
    "stage1.demo",
]

MIDDLEWARE = [
    "stage1.core.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Above the session and the user, which live in the database: when it does
    # not answer, the request ends here with a 503 instead of waiting again.
    "stage1.core.outage.DatabaseOutageMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "stage1.core.sessions.SessionExpiryMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "stage1.core.middleware.SignInLanguageMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "stage1.core.middleware.KeepExpiredPostMiddleware",
    # Axes last: it turns a locked-out login into its lockout response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "stage1.urls"
WSGI_APPLICATION = "stage1.wsgi.application"

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
                "stage1.core.context_processors.service",
                "stage1.core.context_processors.languages",
                "stage1.core.context_processors.frontend",
                "csp.context_processors.nonce",
            ],
        },
    },
]

DATABASES = {
    "default": database_from_url(
        env_str("DATABASE_URL") or "sqlite:///db.sqlite3",
        base_dir=BASE_DIR,
        pool_max_size=env_int("DATABASE_POOL_MAX_SIZE", 4, minimum=0),
        pool_timeout=env_int("DATABASE_POOL_TIMEOUT", 1, minimum=1),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# "derived": values computed from a project's saved content (item tables, findings, progress), keyed by
# everything they derive from (project, revision, methodology version, language, code): the same in every
# process, so each process may keep its own. Local memory costs no query a read, where the database cache
# would cost one; bounded, the least recently used entries go first. See stage1/projects/derived.py.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "derived": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "stage1-derived",
        "TIMEOUT": None,
        "OPTIONS": {"MAX_ENTRIES": env_int("STAGE1_DERIVED_CACHE_ENTRIES", 300, minimum=10), "CULL_FREQUENCY": 4},
    },
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    # Axes first, so a locked-out username and address is refused before the password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("STAGE1_LOGIN_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("STAGE1_LOGIN_COOLOFF_MINUTES", 15, minimum=1))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# Behind a proxy, Axes must read the client address the proxy forwards.
AXES_IPWARE_PROXY_COUNT = env_int("STAGE1_PROXY_COUNT", 0, minimum=0) or None
AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"] if AXES_IPWARE_PROXY_COUNT else ["REMOTE_ADDR"]

LOGIN_URL = "login"
# People sign in to work on their projects; a `next` address still wins.
LOGIN_REDIRECT_URL = "projects:list"
LOGOUT_REDIRECT_URL = "home"

LANGUAGE_CODE = "en"
# The interface, the method and the charter in four languages; English is
# the language of the source guide and the fallback for anything untranslated.
LANGUAGES = [("en", _("English")), ("pt", _("Portuguese")), ("fr", _("French")), ("el", _("Greek"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["stage1.formats"]
# The language cookie is the interface's memory of a choice: a year, sent only
# over HTTPS in production, never read by JavaScript.
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
# The method's text (stage1/methodology/translation.py) is written per language in the admin;
# a text not yet translated is read in English.
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
# "Guidance (Português)" rather than "guidance [pt]": labels in the admin name the language in itself.
MODELTRANSLATION_BUILD_LOCALIZED_VERBOSE_NAME = lambda verbose_name, lang: format_lazy(  # noqa: E731
    "{} ({})", verbose_name, get_language_info(lang)["name_local"]
)
TIME_ZONE = env_str("DJANGO_TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env_str("DJANGO_STATIC_ROOT") or BASE_DIR / "staticfiles")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

CRISPY_ALLOWED_TEMPLATE_PACKS = ["gds"]
CRISPY_TEMPLATE_PACK = "gds"

# With debug on and no mail server named, emails (invitations, notifications) are printed on the console.
EMAIL_BACKEND = env_str("DJANGO_EMAIL_BACKEND") or (
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG and not env_str("DJANGO_EMAIL_HOST")
    else "django.core.mail.backends.smtp.EmailBackend"
)
EMAIL_HOST = env_str("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("DJANGO_EMAIL_PORT", 25, minimum=1)
EMAIL_HOST_USER = env_str("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DJANGO_DEFAULT_FROM_EMAIL", "stage1@localhost")

# The address people reach the service at, for the links in emails sent outside a request
# (notifications). Unset: http://localhost:8000 with debug on, else https:// and the first allowed host.
STAGE1_SITE_URL = env_url("STAGE1_SITE_URL", schemes=("https", "http"))
if STAGE1_SITE_URL is None:
    if DEBUG:
        STAGE1_SITE_URL = "http://localhost:8000"
    elif ALLOWED_HOSTS and not ALLOWED_HOSTS[0].startswith((".", "*")):
        STAGE1_SITE_URL = f"https://{ALLOWED_HOSTS[0]}"
    else:
        raise ImproperlyConfigured("STAGE1_SITE_URL is required when the first of DJANGO_ALLOWED_HOSTS is not a host name.")
STAGE1_SITE_URL = STAGE1_SITE_URL.rstrip("/")

# PDFs are rendered by a worker process (`manage.py charter_worker`), never in a
# request; the queue is a table of the same database, so no other server is needed.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# After a save, the charter is rendered once nobody has saved for this long:
# a burst of saves renders once, for the last of them.
STAGE1_CHARTER_QUIET_SECONDS = env_int("STAGE1_CHARTER_QUIET_SECONDS", 5, minimum=0)
# A failed render is tried this many times in all, waiting longer each time
# (the delay times the attempt number), before the page offers "Try again".
STAGE1_RENDER_ATTEMPTS = env_int("STAGE1_RENDER_ATTEMPTS", 3, minimum=1)
STAGE1_RENDER_RETRY_SECONDS = env_int("STAGE1_RENDER_RETRY_SECONDS", 20, minimum=0)
# How far the worker lowers its own CPU priority (os.nice), so pages stay fast beside it.
STAGE1_WORKER_NICE = env_int("STAGE1_WORKER_NICE", 10, minimum=0)
# On Linux the worker also runs in the idle scheduling class: only when the web server leaves the CPU free.
STAGE1_WORKER_IDLE = env_bool("STAGE1_WORKER_IDLE", True)
# How often the "Preparing your charter" page checks again (HTTP Refresh).
STAGE1_PREPARING_REFRESH_SECONDS = 3

# How long an invitation link to join a project stays valid.
STAGE1_INVITATION_DAYS = env_int("STAGE1_INVITATION_DAYS", 7, minimum=1)

# Security. Behind a TLS-terminating proxy set DJANGO_SECURE_PROXY_SSL_HEADER=1
# (the proxy must set X-Forwarded-Proto) and, if the proxy redirects to HTTPS
# itself, DJANGO_SECURE_SSL_REDIRECT=0.
_PRODUCTION = not DEBUG
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", _PRODUCTION)
if env_bool("DJANGO_SECURE_PROXY_SSL_HEADER", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env_int("DJANGO_SECURE_HSTS_SECONDS", 31536000 if _PRODUCTION else 0, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", _PRODUCTION)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", _PRODUCTION)
SESSION_COOKIE_SECURE = env_bool("DJANGO_SESSION_COOKIE_SECURE", _PRODUCTION)
CSRF_COOKIE_SECURE = env_bool("DJANGO_CSRF_COOKIE_SECURE", _PRODUCTION)
SESSION_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_AGE = env_int("STAGE1_SESSION_IDLE_SECONDS", 30 * 60, minimum=60)
# The idle timeout starts again on a request only when it last did more than this many seconds
# ago, so most requests write no session (stage1/core/sessions.py); at most half the timeout.
SESSION_ENGINE = "stage1.core.sessions"
STAGE1_SESSION_REFRESH_SECONDS = min(env_int("STAGE1_SESSION_REFRESH_SECONDS", 5 * 60, minimum=0), SESSION_COOKIE_AGE // 2)
CSRF_FAILURE_VIEW = "stage1.core.views.csrf_failure"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Scripts only from our own files or with this response's nonce; no inline
# script, no plugin, no framing, no <base> hijack.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "stage1.core.logging.RequestIdFilter"}},
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["request_id"]}},
    "root": {"handlers": ["console"], "level": env_str("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # Django adds its own console handler to these; ours is enough.
        "django": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
        # WeasyPrint reports every render step at INFO; keep its warnings only.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        # Security events (sign-ins, lock-outs, refusals, exports): one JSON object per line.
        "stage1.security": {"level": "INFO"},
    },
}

# Each organisation running the service may name it in its own words; the default is translated.
SERVICE_NAME = env_str("STAGE1_SERVICE_NAME") or _("Define a digital public service")
SERVICE_PHASE = _("Beta")
# Where the phase banner's feedback link goes (mailto: or https://); unset, it goes to the
# service's own "Give feedback" page.
STAGE1_FEEDBACK_URL = env_url("STAGE1_FEEDBACK_URL", schemes=("mailto", "https"))
# Who answers questions about this instance (feedback, accessibility, personal data); unset,
# the pages send people to whoever gave them access.
STAGE1_CONTACT_EMAIL = env_email("STAGE1_CONTACT_EMAIL")
