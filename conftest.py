import os

import pytest

os.environ.setdefault("THROUGHGATE_TESTING", "1")
# Playwright's sync API runs an event loop in the test thread; the ORM calls the tests make
# alongside it are synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en-gb"
