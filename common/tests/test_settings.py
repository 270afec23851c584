import importlib
import types

import pytest
from django.core.exceptions import ImproperlyConfigured

from config import env as config_env


def test_a_local_secret_key_is_generated_once_and_kept(tmp_path, monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    first = config_env.secret_key(production=False, var_dir=tmp_path)
    assert len(first) > 40
    assert config_env.secret_key(production=False, var_dir=tmp_path) == first
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0  # readable by its owner only


def test_production_refuses_to_start_without_a_secret_key(tmp_path, monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY"):
        config_env.secret_key(production=True, var_dir=tmp_path)
    assert not (tmp_path / "secret_key").exists()


def test_the_environment_key_wins(tmp_path, monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "from-the-environment")
    assert config_env.secret_key(production=True, var_dir=tmp_path) == "from-the-environment"


def _reload_settings(monkeypatch, **environ):
    for key, value in environ.items():
        monkeypatch.setenv(key, value)
    import config.settings

    try:
        # A copy: the module object itself is reloaded again below.
        return types.SimpleNamespace(**vars(importlib.reload(config.settings)))
    finally:
        for key in environ:
            monkeypatch.delenv(key)
        importlib.reload(config.settings)


def test_debug_is_off_unless_asked(monkeypatch):
    monkeypatch.delenv("DEBUG", raising=False)
    assert _reload_settings(monkeypatch).DEBUG is False
    assert _reload_settings(monkeypatch, DEBUG="true").DEBUG is True


def test_database_url_switches_to_postgresql(monkeypatch):
    settings = _reload_settings(monkeypatch, DATABASE_URL="postgres://someone@db.example:5432/tg")
    assert settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
    assert settings.DATABASES["default"]["NAME"] == "tg"


def test_tasks_run_in_process_locally_and_through_the_database_when_asked(monkeypatch):
    monkeypatch.delenv("TASKS_BACKEND", raising=False)
    assert _reload_settings(monkeypatch).TASKS["default"]["BACKEND"].endswith("ImmediateBackend")
    assert (
        _reload_settings(monkeypatch, TASKS_BACKEND="database").TASKS["default"]["BACKEND"]
        == "django_tasks_db.DatabaseBackend"
    )


def test_an_empty_database_url_means_the_default(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "")
    assert config_env.database_url().startswith("sqlite:///")
