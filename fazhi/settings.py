"""Settings for every deployment: everything that differs comes from the environment."""

from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

from fazhi.core.choices import Role
from fazhi.env import ConfigurationError, env_bool, env_int, env_list, env_path, env_rate, env_str

PACKAGE_DIR = Path(__file__).resolve().parent
BASE_DIR = PACKAGE_DIR.parent
DATA_DIR = env_path("FAZHI_DATA_DIR", BASE_DIR / "var")
DATA_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = env_bool("FAZHI_DEBUG", False)
SECRET_KEY = env_str("FAZHI_SECRET_KEY")
if not SECRET_KEY:
    # The embedded default keeps a generated key in the data directory, so sessions survive restarts.
    key_file = DATA_DIR / "secret_key"
    if not key_file.exists():
        from django.core.management.utils import get_random_secret_key

        key_file.write_text(get_random_secret_key())
        key_file.chmod(0o600)
    SECRET_KEY = key_file.read_text().strip()

ALLOWED_HOSTS = env_list("FAZHI_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("FAZHI_CSRF_TRUSTED_ORIGINS", [])
HTTPS = env_bool("FAZHI_HTTPS", False)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "axes",
    "csp",
    "fazhi.core",
    "fazhi.clock",
    "fazhi.numbering",
    "fazhi.portal",
    "fazhi.procedures",
    "fazhi.documents",
    "fazhi.texts",
    "fazhi.obligations",
    "fazhi.powers",
    "fazhi.rules",
    "fazhi.decisions",
    "fazhi.enforcement",
    "fazhi.inspections",
    "fazhi.disclosure",
    "fazhi.intake",
    "fazhi.petitions",
    "fazhi.reconsideration",
    "fazhi.litigation",
    "fazhi.capacity",
    "fazhi.oversight",
    "fazhi.reports",
    "fazhi.assessment",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "fazhi.core.pagecache.PortalCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "fazhi.core.locale.ChineseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "fazhi.core.errors.RejectNullCharactersMiddleware",
    "fazhi.core.errors.FazhiErrorMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "fazhi.urls"
WSGI_APPLICATION = "fazhi.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "fazhi.core.context_processors.platform",
            ],
        },
    },
]

# Database: SQLite in the data directory unless DATABASE_URL says otherwise.
_database_url = env_str("DATABASE_URL") or f"sqlite:///{DATA_DIR / 'fazhi.sqlite3'}"
try:
    DATABASES = {"default": dj_database_url.parse(_database_url, conn_max_age=env_int("FAZHI_DB_CONN_MAX_AGE", 0))}
except ValueError as exc:
    raise ConfigurationError(f"DATABASE_URL 无法解析：{exc}") from None
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": env_int("FAZHI_SQLITE_BUSY_TIMEOUT", 30, minimum=1),
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
    }
    DATABASES["default"]["TEST"] = {"NAME": str(DATA_DIR / "test.sqlite3")}
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    pass
else:
    raise ConfigurationError("DATABASE_URL 只支持 sqlite:/// 与 postgres:// 两种数据库")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

_redis_url = env_str("FAZHI_REDIS_URL")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": _redis_url}
        if _redis_url
        else {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "fazhi_cache"}
    )
}

AUTH_USER_MODEL = "core.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "core:login"
LOGIN_REDIRECT_URL = "core:office-home"
LOGOUT_REDIRECT_URL = "portal:home"

# Failed logins: locked per user name and address after this many attempts, for this long.
AXES_FAILURE_LIMIT = env_int("FAZHI_LOGIN_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = env_int("FAZHI_LOGIN_COOLOFF_MINUTES", 15, minimum=1) / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "core/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("简体中文")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
STATICFILES_DIRS = [
    (f"vendor/{name}", BASE_DIR / "node_modules" / package / "dist")
    for name, package in (("htmx", "htmx.org"), ("echarts", "echarts"))
    if (BASE_DIR / "node_modules" / package / "dist").is_dir()
]
WHITENOISE_USE_FINDERS = True
MEDIA_ROOT = DATA_DIR / "media"
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

# Uploads: the limit applies to each file; the type is checked from the content.
FAZHI_UPLOAD_MAX_BYTES = env_int("FAZHI_UPLOAD_MAX_BYTES", 20 * 1024 * 1024, minimum=1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = FAZHI_UPLOAD_MAX_BYTES + 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

# Public submissions: per client and kind, through the shared cache.
FAZHI_SUBMISSION_RATE = env_rate("FAZHI_SUBMISSION_RATE", "10/h")
FAZHI_DUPLICATE_WINDOW_SECONDS = env_int("FAZHI_DUPLICATE_WINDOW_SECONDS", 600, minimum=0)
# Full-text search: totals are counted up to this many records and then said to be "more than".
# Open deadlines are announced to their body this many days before they fall due (clock.reminders).
FAZHI_DEADLINE_REMINDER_DAYS = env_int("FAZHI_DEADLINE_REMINDER_DAYS", 5, minimum=0)
# 政府信息公开目录的索引号: {body} is the body code, then the year and the serial within it.
FAZHI_DISCLOSURE_INDEX_FORMAT = env_str("FAZHI_DISCLOSURE_INDEX_FORMAT", "{body}/{year}-{serial:05d}")
# Enforcement certificates expiring within this many days are listed and announced (enforcement.certificates).
FAZHI_CERTIFICATE_WARNING_DAYS = env_int("FAZHI_CERTIFICATE_WARNING_DAYS", 90, minimum=1)
FAZHI_SEARCH_COUNT_CAP = env_int("FAZHI_SEARCH_COUNT_CAP", 1000, minimum=1)
# Anonymous portal pages are served from the shared cache until any change commits, at most this
# long (seconds); 0 turns the cache off (core/pagecache.py).
FAZHI_PORTAL_CACHE_SECONDS = env_int("FAZHI_PORTAL_CACHE_SECONDS", 300, minimum=0)
# Where the city government files its normative documents above it: the province keeps no records here.
FAZHI_PROVINCIAL_GOVERNMENT = env_str("FAZHI_PROVINCIAL_GOVERNMENT", "广东省人民政府")
# Number of reverse proxies in front of the app whose X-Forwarded-For is trusted.
FAZHI_TRUSTED_PROXIES = env_int("FAZHI_TRUSTED_PROXIES", 0, minimum=0)

EMAIL_BACKEND = env_str("FAZHI_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_FILE_PATH = str(env_path("FAZHI_EMAIL_FILE_PATH", DATA_DIR / "mail"))
EMAIL_HOST = env_str("FAZHI_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("FAZHI_EMAIL_PORT", 25, minimum=1)
DEFAULT_FROM_EMAIL = env_str("FAZHI_EMAIL_FROM", "fazhi@localhost")
FAZHI_SITE_URL = env_str("FAZHI_SITE_URL", "http://127.0.0.1:8000")
# The law corpus `fazhi laws import` reads by default (beside the repository in development and CI).
FAZHI_LAW_CORPUS = env_path("FAZHI_LAW_CORPUS", BASE_DIR.parent / "shared" / "corpus" / "laws")

# Security headers from the first template on.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = HTTPS
if HTTPS:
    SECURE_SSL_REDIRECT = env_bool("FAZHI_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("FAZHI_HSTS_SECONDS", 31536000, minimum=0)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "fazhi.core.errors.api_exception_handler",
    "DEFAULT_THROTTLE_RATES": {"login": env_str("FAZHI_TOKEN_LOGIN_RATE", "10/min")},
    "DATETIME_FORMAT": "iso-8601",
    "DATE_FORMAT": "iso-8601",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "依法行政综合管理平台 API",
    "DESCRIPTION": "Fazhi — 江府办〔2018〕7号所设各项制度的运行平台。错误统一返回 {code, detail, errors}。",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # One tag per resource (bodies, assessment, …), collapsed: 600 operations open at once
    # take the browser seconds to draw and a reader minutes to scroll.
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "SWAGGER_UI_SETTINGS": {"docExpansion": "none", "filter": True, "deepLinking": True},
    # Every app has a `status`; each choices class gets its own schema name.
    "ENUM_NAME_OVERRIDES": {
        "SubmissionStatusEnum": "fazhi.core.choices.SubmissionStatus",
        "DisclosureCategoryEnum": "fazhi.disclosure.choices.Category",
        "DisclosureGroundEnum": "fazhi.disclosure.choices.Ground",
        "DecisionAccountabilityGroundEnum": "fazhi.decisions.choices.AccountabilityGround",
        "NumberStatusEnum": "fazhi.numbering.choices.NumberStatus",
        "DocumentKindEnum": "fazhi.documents.choices.DocumentKind",
        "PowerStatusEnum": "fazhi.powers.choices.PowerStatus",
        "PowerListVersionStatusEnum": "fazhi.powers.choices.VersionStatus",
        "FilingStatusEnum": "fazhi.documents.filing_choices.FilingStatus",
        "FilingOutcomeEnum": "fazhi.documents.filing_choices.FilingOutcome",
        "IncidentalReviewStatusEnum": "fazhi.documents.filing_choices.IncidentalStatus",
        "IncidentalReviewOutcomeEnum": "fazhi.documents.filing_choices.IncidentalOutcome",
        "DecisionCatalogStatusEnum": "fazhi.decisions.choices.CatalogStatus",
        "DecisionCategoryEnum": "fazhi.decisions.choices.DecisionCategory",
        "PowerCategoryEnum": "fazhi.powers.choices.PowerCategory",
        "LegalAdviserKindEnum": "fazhi.decisions.choices.AdviserKind",
        "MeetingOutcomeEnum": "fazhi.procedures.choices.MeetingOutcome",
        "CertificateStatusEnum": "fazhi.enforcement.choices.CertificateStatus",
        "BenchmarkStatusEnum": "fazhi.enforcement.choices.BenchmarkStatus",
        "HarmEnum": "fazhi.enforcement.choices.Harm",
        "PenaltyKindEnum": "fazhi.enforcement.choices.PenaltyKind",
        "BodyKindEnum": "fazhi.core.choices.BodyKind",
        "InspectionItemStatusEnum": "fazhi.inspections.choices.ItemStatus",
        "InspectionPlanStatusEnum": "fazhi.inspections.choices.PlanStatus",
        "InspectionTaskStatusEnum": "fazhi.inspections.choices.TaskStatus",
        "InspectionTaskOutcomeEnum": "fazhi.inspections.choices.TaskOutcome",
        "InspectionItemOutcomeEnum": "fazhi.inspections.choices.ItemOutcome",
        "InspectionEntityKindEnum": "fazhi.inspections.choices.EntityKind",
        "InspectionMethodEnum": "fazhi.inspections.choices.InspectionMethod",
        "IntakeKindEnum": "fazhi.intake.choices.IntakeKind",
        "IntakeRouteEnum": "fazhi.intake.choices.Route",
        "FilingRouteEnum": "fazhi.documents.filing_choices.FilingRoute",
        "IntakeChannelKindEnum": "fazhi.intake.choices.ChannelKind",
        "IntakeCaseStatusEnum": "fazhi.intake.choices.CaseStatus",
        "IntakeResultEnum": "fazhi.intake.choices.Result",
        "IntakeSatisfactionEnum": "fazhi.intake.choices.Satisfaction",
        "BoardStatusEnum": "fazhi.obligations.choices.BoardStatus",
    },
}

# --- Production (decision 38): several app servers, Celery workers and beat -------------------
# Sessions read from the shared cache once there is one, and written through to the database, so
# that any app server reads them and a Redis restart logs no one out.
if _redis_url:
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
# Uploads: a directory every app server mounts (NFS and the like), or S3-compatible storage.
MEDIA_ROOT = env_path("FAZHI_MEDIA_ROOT", MEDIA_ROOT)
_s3_bucket = env_str("FAZHI_S3_BUCKET")
if _s3_bucket:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": _s3_bucket,
            "endpoint_url": env_str("FAZHI_S3_ENDPOINT_URL") or None,
            "region_name": env_str("FAZHI_S3_REGION") or None,
            "access_key": env_str("FAZHI_S3_ACCESS_KEY") or None,
            "secret_key": env_str("FAZHI_S3_SECRET_KEY") or None,
            "location": env_str("FAZHI_S3_PREFIX"),
            "default_acl": "private",
            "file_overwrite": False,
        },
    }
if HTTPS:
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("FAZHI_HSTS_INCLUDE_SUBDOMAINS", False)
    SECURE_HSTS_PRELOAD = env_bool("FAZHI_HSTS_PRELOAD", False)
# The platform usually runs on one host name under a government domain whose other sites it must
# not force onto HTTPS for a year: subdomains and the preload list are the operator's choice.
SILENCED_SYSTEM_CHECKS = ["security.W005", "security.W021"]

# Celery: without a broker, nothing is queued (a task called runs at once) and cron runs
# `fazhi sweep`; with one, workers run the jobs beat schedules (fazhi/core/celery_tasks.py).
FAZHI_CELERY_BROKER_URL = env_str("FAZHI_CELERY_BROKER_URL")
CELERY_BROKER_URL = FAZHI_CELERY_BROKER_URL or "memory://"
CELERY_TASK_ALWAYS_EAGER = not FAZHI_CELERY_BROKER_URL
# One queue per installation, so that two sharing a broker never take each other's work.
CELERY_TASK_DEFAULT_QUEUE = env_str("FAZHI_CELERY_QUEUE", "fazhi")
# A message is acknowledged when its task ends: a worker that dies mid-task leaves it to be
# delivered again, and takes one message at a time so that none waits behind a long task.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_WORKER_CANCEL_LONG_RUNNING_TASKS_ON_CONNECTION_LOSS = True
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_IGNORE_RESULT = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE_FILENAME = str(DATA_DIR / "celerybeat-schedule")
FAZHI_CELERY_BEAT_SECONDS = env_int("FAZHI_CELERY_BEAT_SECONDS", 300, minimum=1)
# --- end of production -----------------------------------------------------------------------

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("FAZHI_LOG_LEVEL", "WARNING")},
}

# --- Hardening (decision 40): passwords, two-factor sign-in, sessions, public rate limit, logs ---
# Passwords: at least 12 characters of three kinds (the demo's fazhi-demo-2026 passes).
AUTH_PASSWORD_VALIDATORS[1]["OPTIONS"] = {"min_length": env_int("FAZHI_PASSWORD_MIN_LENGTH", 12, minimum=12)}
AUTH_PASSWORD_VALIDATORS.append({"NAME": "fazhi.core.security.CharacterClassesValidator"})
# TOTP two-factor sign-in: offered to the office and legal reviewers, mandatory for the roles named.
INSTALLED_APPS += ["django_otp", "django_otp.plugins.otp_totp"]
MIDDLEWARE[MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1 : 0] = [
    "django_otp.middleware.OTPMiddleware",
    "fazhi.core.security.TwoFactorMiddleware",
]
FAZHI_REQUIRE_2FA_ROLES = env_list("FAZHI_REQUIRE_2FA_ROLES", [])
_unknown_roles = sorted(set(FAZHI_REQUIRE_2FA_ROLES) - set(Role.values))
if _unknown_roles:
    raise ConfigurationError(
        f"环境变量 FAZHI_REQUIRE_2FA_ROLES 含未知角色 {', '.join(_unknown_roles)}；可选：{', '.join(Role.values)}"
    )
OTP_TOTP_ISSUER = env_str("FAZHI_OTP_ISSUER", "依法行政综合管理平台")
# Sessions and cookies: never readable by scripts (htmx takes the CSRF token from the page), sent
# over HTTPS only when the site is served so, ended after hours or when the browser closes.
FAZHI_SECURE_COOKIES = env_bool("FAZHI_SECURE_COOKIES", HTTPS)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = FAZHI_SECURE_COOKIES
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = env_int("FAZHI_SESSION_HOURS", 12, minimum=1) * 3600
SESSION_EXPIRE_AT_BROWSER_CLOSE = env_bool("FAZHI_SESSION_BROWSER_CLOSE", True)
# Every write of the anonymous public and every look-up by receipt secret, per client and URL.
FAZHI_PUBLIC_FORM_RATE = env_rate("FAZHI_PUBLIC_FORM_RATE", "30/h")
MIDDLEWARE.insert(
    MIDDLEWARE.index("fazhi.core.errors.FazhiErrorMiddleware"), "fazhi.core.security.PublicRateLimitMiddleware"
)
# No personal data in the logs: every handler masks ID-card and phone numbers and e-mail addresses.
LOGGING.setdefault("filters", {})["personal_data"] = {"()": "fazhi.core.log_masking.PersonalDataFilter"}
for _handler in LOGGING["handlers"].values():
    _handler.setdefault("filters", []).append("personal_data")
# --- end of hardening ------------------------------------------------------------------------
