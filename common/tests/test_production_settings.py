"""Production is HTTPS by default (issue 15, break 10; docs/decisions.md, "Production is HTTPS by
default"). Settings are read once, when Django starts, so each case starts Django afresh in a
process of its own with the environment an operator would give it, and runs `check --deploy`
there: the same command an operator runs."""

from __future__ import annotations

import base64
import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# Starts Django under the environment given and prints the deployment checks' ids and the settings
# that matter, as JSON.
PROBE = """
import json, django
from django.conf import settings
from django.core import checks
django.setup()
found = checks.run_checks(include_deployment_checks=True)
print(json.dumps({
    # The security checks' findings (others, such as a front end not yet built, are not this test's).
    "ids": sorted(m.id for m in found if m.level >= checks.WARNING and m.id.startswith("security.")),
    "ssl_redirect": settings.SECURE_SSL_REDIRECT,
    "hsts": settings.SECURE_HSTS_SECONDS,
    "subdomains": settings.SECURE_HSTS_INCLUDE_SUBDOMAINS,
    "preload": settings.SECURE_HSTS_PRELOAD,
    "cookies": [settings.SESSION_COOKIE_SECURE, settings.CSRF_COOKIE_SECURE],
    "proxy": settings.SECURE_PROXY_SSL_HEADER,
}))
"""


def _settings(tmp_path: Path, **environment: str) -> dict:
    env = {
        key: value
        for key, value in os.environ.items()
        # Nothing of the test run's own configuration leaks into the process under test.
        if not key.startswith(("SECURE_", "THROUGHGATE_", "DJANGO_", "DATABASE_URL", "SECRET_KEY", "ALLOWED_"))
        and key not in ("DEBUG", "CSRF_TRUSTED_ORIGINS")
    }
    env.update({"DJANGO_SETTINGS_MODULE": "config.settings", "PYTHONPATH": str(ROOT)}, **environment)
    done = subprocess.run(  # noqa: S603 - our own interpreter, our own code
        [sys.executable, "-c", PROBE], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def _production(tmp_path: Path, **overrides: str) -> dict:
    return _settings(
        tmp_path,
        THROUGHGATE_ENV="production",
        SECRET_KEY=secrets.token_urlsafe(50),
        THROUGHGATE_SEAL_KEY=base64.b64encode(secrets.token_bytes(32)).decode(),
        DATABASE_URL=f"sqlite:///{tmp_path / 'production.sqlite3'}",
        ALLOWED_HOSTS="throughgate.example.org",
        **overrides,
    )


@pytest.mark.slow
def test_production_passes_the_deployment_checks_with_nothing_but_its_required_settings(tmp_path):
    found = _production(tmp_path)
    # W004 (no HSTS) and W008 (no redirect to HTTPS) were what an operator got by default.
    assert "security.W004" not in found["ids"] and "security.W008" not in found["ids"]
    # The one warning left is preloading, which binds the operator's whole domain: theirs to choose.
    assert found["ids"] == ["security.W021"]
    assert found["ssl_redirect"] is True
    assert found["hsts"] == 365 * 24 * 60 * 60 and found["subdomains"] is True
    assert found["cookies"] == [True, True]
    # No proxy header is trusted unless the operator says there is a proxy that sets it.
    assert found["proxy"] is None


@pytest.mark.slow
def test_an_operator_choosing_preload_clears_every_deployment_warning(tmp_path):
    assert _production(tmp_path, SECURE_HSTS_PRELOAD="true")["ids"] == []


@pytest.mark.slow
def test_behind_a_tls_terminating_proxy_the_operator_names_its_header(tmp_path):
    found = _production(tmp_path, SECURE_PROXY_SSL_HEADER="X-Forwarded-Proto")
    assert found["proxy"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert found["ssl_redirect"] is True


@pytest.mark.slow
def test_an_operator_can_turn_each_one_off_and_the_checks_say_so(tmp_path):
    found = _production(tmp_path, SECURE_SSL_REDIRECT="false", SECURE_HSTS_SECONDS="0")
    assert {"security.W004", "security.W008"} <= set(found["ids"])


@pytest.mark.slow
def test_a_local_run_keeps_plain_http(tmp_path):
    found = _settings(tmp_path, DATABASE_URL=f"sqlite:///{tmp_path / 'local.sqlite3'}", THROUGHGATE_TESTING="1")
    assert found["ssl_redirect"] is False
    assert found["hsts"] == 0 and found["subdomains"] is False
    assert found["cookies"] == [False, False]
    assert found["proxy"] is None


def test_the_test_run_itself_is_plain_http(settings):
    """This process runs as a local run does: the test client's plain-HTTP requests are not
    redirected."""
    assert settings.SECURE_SSL_REDIRECT is False and settings.SECURE_HSTS_SECONDS == 0
