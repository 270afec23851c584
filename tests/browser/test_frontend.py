"""The page furniture every test relies on: GOV.UK Frontend starts under the strict Content Security
Policy, the styles are ours (Arial, no crown), and the accessibility check really catches violations."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import check_accessibility


def test_govuk_frontend_starts_under_the_content_security_policy(page, live_server):
    # The page fixture fails the test on any console error, so a CSP violation fails it too.
    response = page.goto(f"{live_server.url}/sign-in/")
    assert response is not None
    policy = response.headers["content-security-policy"]
    assert "'unsafe-inline'" not in policy
    assert re.search(r"script-src 'self' 'nonce-[^']+'", policy), policy

    # GOV.UK Frontend's inline script marks the body, and initAll() starts the components only then.
    expect(page.locator("body")).to_have_class(re.compile(r"\bjs-enabled\b.*\bgovuk-frontend-supported\b"))
    expect(page.locator('[data-module="govuk-button"]').first).to_have_attribute("data-govuk-button-init", "")


def test_pages_use_arial_and_no_crown(page, live_server):
    page.goto(f"{live_server.url}/")

    # This is not a GOV.UK service: no GDS Transport font and no crown (ENGINEERING.md, "front-end assets").
    font = page.get_by_role("heading", level=1).evaluate("e => getComputedStyle(e).fontFamily")
    assert font.split(",")[0].strip("\"' ").lower() == "arial", font
    header = page.locator("header")
    expect(header.locator("svg, img, .govuk-logo, .govuk-header__logotype")).to_have_count(0)
    expect(header.get_by_role("link", name="throughgate")).to_be_visible()
    # The stylesheet loaded: the header is dark, not the browser's default white.
    header_background = page.locator(".govuk-generic-header").evaluate("e => getComputedStyle(e).backgroundColor")
    assert header_background not in ("rgba(0, 0, 0, 0)", "rgb(255, 255, 255)"), header_background


def test_check_accessibility_reports_violations(page):
    page.set_content(
        "<!doctype html><html><head><title>Broken</title></head><body><main>"
        '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">'
        '<input type="text" id="unlabelled"></main></body></html>'
    )

    with pytest.raises(AssertionError) as failure:
        check_accessibility(page, "a page built to fail")

    message = str(failure.value)
    assert "image-alt" in message
    assert "html-has-lang" in message
    assert "label" in message
    assert "#unlabelled" in message
