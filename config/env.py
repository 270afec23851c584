"""Reads the environment (12-factor): every setting that differs between machines comes from here."""

from __future__ import annotations

import base64
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


# A fixed key for tests only, so their sealed rows open the same in every process (common/sealing.py).
TEST_SEAL_KEY = "dGhyb3VnaGdhdGUtdGVzdHMtb25seS1zZWFsLWtleSE="


def seal_key(*, production: bool = PRODUCTION, testing: bool = False, var_dir: Path = VAR_DIR) -> str:
    """THROUGHGATE_SEAL_KEY (32 random bytes, base64) from the environment; in tests a fixed key;
    on a local run, one generated once and kept in var/seal_key, beside but outside the database.

    It seals answers, ballots and ratings until they are mixed (decisions 19, 22, 23): it must not
    be in the database or its backups, nor derived from SECRET_KEY (rotating that key must not
    make sealed rows unreadable). Production must be given it, like SECRET_KEY: a key generated
    on one server would not open rows sealed on the next."""
    from common.sealing import key_decode

    key = env.str("THROUGHGATE_SEAL_KEY", default="")
    if not key and testing:
        key = TEST_SEAL_KEY
    if not key and production:
        raise ImproperlyConfigured(
            "THROUGHGATE_SEAL_KEY must be set in the environment when THROUGHGATE_ENV=production: 32 random bytes"
            " in base64, kept outside the database and its backups (docs/decisions.md, decision 19)."
        )
    if not key:
        path = var_dir / "seal_key"
        if not path.exists():
            var_dir.mkdir(parents=True, exist_ok=True)
            path.write_text(base64.b64encode(secrets.token_bytes(32)).decode())
            path.chmod(0o600)
        key = path.read_text().strip()
    try:
        key_decode(key)
    except ValueError as error:
        raise ImproperlyConfigured(f"THROUGHGATE_SEAL_KEY: {error}.") from None
    return key
