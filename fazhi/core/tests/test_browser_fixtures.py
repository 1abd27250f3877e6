"""The browser-test machinery itself, without a browser."""

from pathlib import Path

import pytest

from fazhi.core.testing.browser import BrowserProblems, pytest_collection_modifyitems, require_chromium


def test_missing_chromium_fails_rather_than_skips(tmp_path):
    with pytest.raises(pytest.fail.Exception, match="chromium"):
        require_chromium(tmp_path / "chromium")
    not_executable = tmp_path / "chromium-file"
    not_executable.write_text("")
    with pytest.raises(pytest.fail.Exception):
        require_chromium(not_executable)


def test_debian_chromium_is_there():
    require_chromium(Path("/usr/bin/chromium"))


def test_problems_are_kept_unless_the_test_allowed_them():
    problems = BrowserProblems()
    problems.allow(r"status of 404")

    problems.add("控制台错误：Failed to load resource: the server responded with a status of 404 (Not Found)")
    problems.add("违反内容安全策略：{'directive': 'script-src-elem', 'blocked': 'inline'}")

    assert problems.problems == ["违反内容安全策略：{'directive': 'script-src-elem', 'blocked': 'inline'}"]


class _Item:
    def __init__(self, name, browser):
        self.name, self.browser = name, browser

    def get_closest_marker(self, name):
        return object() if name == "browser" and self.browser else None


def test_browser_tests_run_after_all_others():
    items = [_Item("a", True), _Item("b", False), _Item("c", True), _Item("d", False)]

    pytest_collection_modifyitems(None, items)

    assert [item.name for item in items] == ["b", "d", "a", "c"]
