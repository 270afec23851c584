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
def test_the_language_can_be_switched_to_welsh(client):
    response = client.post(reverse("set_language"), {"language": "cy", "next": "/"}, follow=True)
    assert '<html lang="cy"' in response.content.decode()


@pytest.mark.django_db
def test_healthcheck_reports_the_database_answers(client):
    assert client.get(reverse("common:healthcheck")).json() == {"status": "ok"}


def test_assets_are_built_from_npm_with_arial_and_no_gds_font():
    from pathlib import Path

    css = (Path(__file__).resolve().parents[2] / "frontend" / "build" / "css" / "application.css").read_text()
    assert "GDS Transport" not in css and "arial" in css
    assert ".govuk-button" in css and ".moj-badge" in css
