"""Reads the environment (12-factor): every setting that differs between machines comes from here."""

from __future__ import annotations

import secrets
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()

# "local" for a developer's machine and tests; "production" anywhere real people's data lives.
ENVIRONMENT = env.str("THROUGHGATE_ENV", default="local")
PRODUCTION = ENVIRONMENT == "production"


def secret_key(*, production: bool = PRODUCTION, var_dir: Path = VAR_DIR) -> str:
    """SECRET_KEY from the environment; on a local run, one generated once and kept under var/.

    Production must be given its key: a key generated on one web server would not match the
    next server's, and would silently sign everyone out on every deploy.
    """
    key = env.str("SECRET_KEY", default="")
    if key:
        return key
    if production:
        raise ImproperlyConfigured("SECRET_KEY must be set in the environment when THROUGHGATE_ENV=production.")
    path = var_dir / "secret_key"
    if not path.exists():
        var_dir.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


def database_url() -> str:
    default = f"sqlite:///{VAR_DIR / 'throughgate.sqlite3'}"
    if PRODUCTION and not env.str("DATABASE_URL", default=""):
        raise ImproperlyConfigured("DATABASE_URL must be set when THROUGHGATE_ENV=production.")
    # An empty DATABASE_URL (as `DATABASE_URL= make ...` sets) means the default too.
    return env.str("DATABASE_URL", default="") or default
