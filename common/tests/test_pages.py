import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_pages_carry_a_strict_content_security_policy_and_the_script_nonce(client):
    response = client.get(reverse("common:start"))
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy and "unsafe-inline" not in policy
    nonce = policy.split("'nonce-")[1].split("'")[0]
    assert f'<script nonce="{nonce}">' in response.content.decode()


@pytest.mark.django_db
def test_the_page_is_not_a_gov_uk_page(client):
    page = client.get(reverse("common:start")).content.decode()
    assert "throughgate" in page
    assert "govuk-header__logotype" not in page and "Crown copyright" not in page
    assert "govuk-phase-banner" in page


@pytest.mark.django_db
def test_not_found_is_a_service_page(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404 and "Page not found" in response.content.decode()


@pytest.mark.django_db
def test_welsh_is_not_offered_until_its_catalogue_exists(client):
    """English text marked lang="cy" would be read aloud with Welsh pronunciation (WCAG 3.1.1)."""
    from django.conf import settings

    assert [code for code, _ in settings.LANGUAGES] == ["en"]
    page = client.get(reverse("common:start"), headers={"accept-language": "cy"}).content.decode()
    assert '<html lang="en"' in page and "Cymraeg" not in page
    response = client.post(reverse("set_language"), {"language": "cy", "next": "/"}, follow=True)
    assert '<html lang="en"' in response.content.decode()


@pytest.mark.django_db
def test_healthcheck_reports_the_database_answers(client):
    assert client.get(reverse("common:healthcheck")).json() == {"status": "ok"}


def test_assets_are_built_from_npm_with_arial_and_no_gds_font():
    from pathlib import Path

    css = (Path(__file__).resolve().parents[2] / "frontend" / "build" / "css" / "application.css").read_text()
    assert "GDS Transport" not in css and "arial" in css
    assert ".govuk-button" in css and ".moj-badge" in css


@pytest.mark.django_db
@pytest.mark.slow
def test_pages_render_with_the_production_static_storage(client, settings, tmp_path):
    """Production serves hashed files from a manifest: a template naming a static path that
    collectstatic does not produce fails only there, so render a page against a real manifest."""
    from django.core.management import call_command

    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
    # (Changing these settings makes Django rebuild its static storage from them.)
    call_command("collectstatic", interactive=False, verbosity=0)
    for name in ("common:start", "accounts:sign-in", "common:accessibility"):
        response = client.get(reverse(name))
        assert response.status_code == 200, name
        assert "/static/css/application." in response.content.decode()
