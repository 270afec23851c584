"""One settings module for every environment, driven by config.env (no production-only settings)."""

from __future__ import annotations

from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from config.env import BASE_DIR, PRODUCTION, VAR_DIR, database_url, env, seal_key, secret_key

SECRET_KEY = secret_key()
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[] if PRODUCTION else ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "simple_history",
    "axes",
    "django_tasks_db",
    "common",
    "audit",
    "organisations",
    "accounts",
    "people",
    "resettlement",
    "referrals",
    "mentoring",
    "work",
    "release",
    "myplan",
    "insight",
    "voice",
    "councils",
    "yousaid",
    "involvement",
    "accountability",
    "bench",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Every page a signed-in member of staff is sent is no-store (docs/decisions.md 27).
    "common.middleware.StaffPagesNoStore",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

_context_processors = [
    "django.template.context_processors.request",
    "django.template.context_processors.csp",
    "django.contrib.messages.context_processors.messages",
]
TEMPLATES = [
    {
        # The service's pages: Jinja2 with the GOV.UK Frontend macros.
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "templates" / "jinja2"],
        "APP_DIRS": True,
        "OPTIONS": {
            "environment": "config.jinja2.environment",
            "context_processors": _context_processors,
            "autoescape": True,
        },
    },
    {
        # Django's admin only.
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {"default": env.db_url_config(database_url())}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE takes the write lock at BEGIN, so two writers queue instead of one failing with
    # "database is locked" half-way through a transaction; WAL lets readers carry on meanwhile.
    # secure_delete overwrites deleted rows, so sealed ballots leave no bytes in free pages once
    # they are mixed into the count (councils.models.Ballot; decision 22).
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA secure_delete=ON;"
        ),
    }
# Connections are kept between requests (checked before reuse): opening one per request cost more
# than a kiosk submission's whole write, and on SQLite closing the last connection checkpoints the
# write-ahead log every time (make bench, "kiosk submissions"). CONN_MAX_AGE=0 closes each one.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Background work through Django's tasks API. Locally tasks run in-process once the transaction
# that enqueued them commits; in production set TASKS_BACKEND=database and run `throughgate db_worker`,
# so a job is stored in the same transaction as the data it needs and is never lost.
_TASK_BACKENDS = {
    "immediate": "django.tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}
TASKS = {
    "default": {"BACKEND": _TASK_BACKENDS[env.str("TASKS_BACKEND", default="database" if PRODUCTION else "immediate")]}
}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # django-axes first, so repeated wrong passwords lock the account before any check runs.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:sign-in"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:signed-out"

AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = 0.25  # hours: 15 minutes
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True

# Staff sessions end with the browser and after 8 hours at most (one shift).
SESSION_COOKIE_AGE = 8 * 60 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# HTTPS. Production is secure by default (issue 15, break 10; docs/decisions.md, "Production is
# HTTPS by default"): cookies only over HTTPS, plain HTTP redirected, and browsers told by HSTS to
# use nothing but HTTPS for a year, subdomains included. Each can be turned off from the
# environment where the operator knows why (README, Configuration); a local run keeps plain HTTP.
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=PRODUCTION)
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=PRODUCTION)
SECURE_REDIRECT_EXEMPT = env.list("SECURE_REDIRECT_EXEMPT", default=[])
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=365 * 24 * 60 * 60 if PRODUCTION else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=PRODUCTION)
# Preloading binds the whole domain to HTTPS in browsers for months after it is undone: the
# operator's choice for their domain, never a default (check --deploy's W021 says so until chosen).
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
# The request header that says a request reached the proxy over HTTPS, only when the operator
# names one (X-Forwarded-Proto behind a TLS-terminating proxy that sets it on every request): were
# it trusted by default, a client reaching the server directly could send it over plain HTTP and
# be taken for HTTPS.
_proxy_ssl_header = env.str("SECURE_PROXY_SSL_HEADER", default="").strip()
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_" + _proxy_ssl_header.upper().replace("-", "_").removeprefix("HTTP_"), "https")
    if _proxy_ssl_header
    else None
)
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Strict Content Security Policy: our own scripts only, and the one inline line of the GOV.UK
# template by nonce. Django's admin needs inline styles, which style-src allows from self only.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}

LANGUAGE_CODE = "en-gb"
LOCALE_PATHS = [BASE_DIR / "locale"]
# Every string is marked for translation, and Welsh is offered as soon as its catalogue exists:
# offering it before would serve English text marked lang="cy", which screen readers mispronounce
# (WCAG 3.1.1). A catalogue is locale/<code>/LC_MESSAGES/django.po, compiled at install.
LANGUAGES = [("en", _("English"))] + [
    (code, name)
    for code, name in (("cy", _("Welsh")),)
    if (BASE_DIR / "locale" / code / "LC_MESSAGES" / "django.po").exists()
]
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "frontend" / "build"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
if env.bool("THROUGHGATE_TESTING", default=False):
    # Tests render pages without running collectstatic first.
    STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    WHITENOISE_USE_FINDERS = True
    WHITENOISE_AUTOREFRESH = True
    # Tests see each anonymous response in the results as soon as it is given; the mixing tests
    # (voice/tests/test_mixing.py) set the batch themselves.
    VOICE_MIX_BATCH = 1
    INVOLVEMENT_MIX_BATCH = 1

# Sealed answers, ballots and ratings wait to be mixed encrypted under this key, held outside the
# database (common/sealing.py; decisions 19, 22, 23). Old keys (comma-separated) still open rows
# sealed before a rotation, until those rows are mixed.
THROUGHGATE_SEAL_KEY = seal_key(testing=env.bool("THROUGHGATE_TESTING", default=False))
THROUGHGATE_SEAL_OLD_KEYS = env.list("THROUGHGATE_SEAL_OLD_KEYS", default=[])

# An alert unread for more than this many days is shown to the whole safer custody team (voice
# selectors; decision 28). Alerts keep only their day, so this counts whole days.
SAFER_CUSTODY_ESCALATE_AFTER_DAYS = env.int("SAFER_CUSTODY_ESCALATE_AFTER_DAYS", default=1)

SERVICE_NAME = "throughgate"
PHASE = "alpha"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

# Lockout is by username only: a whole prison's staff share one outbound IP address, and locking
# that address would sign out every officer in the establishment.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
