"""Browser tests: Debian's Chromium driven by Playwright against pytest-django's live server.

Registered from the project's conftest.py (`pytest_plugins`). One browser per test session,
a fresh context (cookies, storage) per test, the Jiangmen demo loaded into the test database.

Every page a test opens is watched: a console error, an uncaught script error, a violation of
the content-security policy or a 5xx response fails the test, unless the test said it expects
it (`browser_problems.allow(...)`). A missing /usr/bin/chromium fails the tests; it never skips
them, so a CI machine without the browser cannot pass by running nothing.

Playwright's sync API keeps an asyncio loop "running" on the test thread for as long as it is
started, which makes Django refuse ORM calls there (SynchronousOnlyOperation). The session
fixture sets DJANGO_ALLOW_ASYNC_UNSAFE only while Playwright is started, and browser tests are
moved to the end of the run (in each xdist worker too), so no other test runs under it.
"""

import contextlib
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-gpu",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
_CSP_BINDING = "__fazhiReportCspViolation"
_CSP_LISTENER = f"""
document.addEventListener("securitypolicyviolation", (event) => {{
  window.{_CSP_BINDING}(JSON.stringify({{
    directive: event.violatedDirective, blocked: event.blockedURI, source: event.sourceFile,
    line: event.lineNumber, sample: event.sample
  }}));
}});
"""


def pytest_collection_modifyitems(config, items):
    """Browser tests run last, so that Playwright's event loop never overlaps another test."""
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)


@dataclass
class BrowserProblems:
    """What went wrong in the browser during one test, as a user (or the console) would see it."""

    problems: list[str] = field(default_factory=list)
    allowed: list[re.Pattern] = field(default_factory=list)

    def allow(self, pattern: str) -> None:
        """Accept problems matching `pattern` (a regex) in this test, e.g. an expected 404."""
        self.allowed.append(re.compile(pattern))

    def add(self, text: str) -> None:
        if not any(pattern.search(text) for pattern in self.allowed):
            self.problems.append(text)

    def watch(self, page) -> None:
        page.on(
            "console",
            lambda message: (
                message.type == "error"
                and self.add(f"控制台错误：{message.text}（{message.location.get('url') or page.url}）")
            ),
        )
        page.on("pageerror", lambda error: self.add(f"脚本错误：{error}"))
        page.on(
            "response",
            lambda response: (
                response.status >= 500
                and self.add(f"服务器错误 {response.status}：{response.request.method} {response.url}")
            ),
        )

    def report_csp(self, source, payload: str) -> None:
        self.add(f"违反内容安全策略：{json.loads(payload)}")


def require_chromium(path: Path = CHROMIUM) -> None:
    """Fail (never skip) without the browser: a machine without it must not pass by running nothing."""
    if not path.is_file() or not os.access(path, os.X_OK):
        pytest.fail(
            f"浏览器测试需要 {path}（Debian 的 chromium 软件包）：apt-get install chromium fonts-noto-cjk",
            pytrace=False,
        )


@pytest.fixture(scope="session")
def browser():
    """One Chromium for the session; fails if Debian's Chromium is not installed."""
    require_chromium()
    from playwright.sync_api import sync_playwright

    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
    finally:
        playwright.stop()
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def demo(transactional_db):
    """The Jiangmen demo in the test database: bodies by code, users by name, the password."""
    from fazhi.core import demo as demo_data
    from fazhi.core.models import Body, User

    result = demo_data.load()
    return {
        "password": result["password"],
        "bodies": {body.code: body for body in Body.objects.all()},
        "users": {user.username: user for user in User.objects.all()},
    }


@pytest.fixture
def browser_problems(request):
    problems = BrowserProblems()
    request.node._browser_problems = problems
    return problems


@pytest.fixture
def context(browser, live_server, browser_problems):
    """A fresh browser context per test, in Chinese, in Shanghai time, on the live server."""
    context = browser.new_context(
        base_url=live_server.url,
        locale="zh-CN",
        timezone_id="Asia/Shanghai",
        viewport={"width": 1280, "height": 800},
    )
    context.set_default_timeout(10_000)
    context.expose_binding(_CSP_BINDING, browser_problems.report_csp)
    context.add_init_script(_CSP_LISTENER)
    context.on("page", browser_problems.watch)
    yield context
    context.close()


@pytest.fixture
def page(context):
    return context.new_page()


@pytest.fixture
def login(page, demo):
    """Log in through the login form as a demo user; returns the page on the office home."""

    def log_in(username: str, password: str | None = None):
        page.goto("/office/login/")
        page.get_by_label("用户名").fill(username)
        page.get_by_label("密码").fill(password or demo["password"])
        page.get_by_role("button", name="登录").click()
        page.wait_for_load_state()
        return page

    return log_in


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    """Fail the test itself (not its teardown) when the browser saw a problem."""
    from playwright.sync_api import Error as PlaywrightError

    result = yield
    problems = getattr(item, "_browser_problems", None)
    if problems is not None:
        context = item.funcargs.get("context")
        for open_page in context.pages if context is not None else []:
            # A round trip delivers console and CSP events still in flight.
            if not open_page.is_closed():
                with contextlib.suppress(PlaywrightError):
                    open_page.evaluate("() => new Promise((resolve) => setTimeout(resolve, 50))")
        if problems.problems:
            pytest.fail("浏览器中出现问题：\n" + "\n".join(problems.problems), pytrace=False)
    return result
