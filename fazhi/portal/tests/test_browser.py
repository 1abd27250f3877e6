"""The public portal as a member of the public sees it in Chromium."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_portal_home_shows_the_body_tree_in_chinese(page, demo):
    page.goto("/")

    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")
    expect(page).to_have_title("依法行政综合管理平台")
    expect(page.get_by_role("heading", name="依法行政综合管理平台", level=1)).to_be_visible()
    tree = page.locator(".tree")
    root = tree.locator(":scope > ul > li").first
    expect(root).to_contain_text("江门市人民政府")
    expect(root.get_by_text("蓬江区人民政府", exact=True)).to_be_visible()
    expect(root.get_by_text("江门市司法局", exact=True)).to_be_visible()
    # Bodies abolished in the 2019 reform are history, not part of today's tree.
    expect(tree.get_by_text("江门市法制局")).to_have_count(0)
    expect(page.get_by_role("link", name="工作人员登录")).to_be_visible()
    expect(page.locator("footer")).to_contain_text("江府办〔2018〕7号")


def test_portal_page_is_served_with_a_strict_content_security_policy(page, demo):
    response = page.goto("/")

    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    # The page's own scripts load under that policy: htmx is there to drive the back office.
    assert page.evaluate("() => typeof window.htmx") == "object"


def test_api_docs_render_under_the_content_security_policy(page, demo):
    """Swagger UI loads its start-up script as a file (no inline script), from local assets."""
    page.goto("/api/docs/")

    expect(page.locator(".swagger-ui .info .title")).to_contain_text("依法行政综合管理平台 API")
    # One collapsed section per resource; opening one lists its operations.
    bodies = page.locator('h3.opblock-tag[data-tag="bodies"]')
    expect(page.locator('h3.opblock-tag[data-tag="assessment"]')).to_be_visible()
    expect(page.locator(".opblock-summary-path")).to_have_count(0)
    bodies.click()
    expect(page.locator(".opblock-summary-path", has_text="/api/v1/bodies/").first).to_be_visible()
