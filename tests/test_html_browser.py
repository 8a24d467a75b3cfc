"""The HTML report in a real browser: headless Chromium driven over the DevTools protocol.

Skipped when Chromium (or the websocket-client package) is missing, except in CI (CI=true),
where a missing browser is a failure.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from qa.report import render

from .report_sample import ARTICLE, sample_run

SCRIPTS = Path(__file__).resolve().parent.parent / "scripts"
sys.path.insert(0, str(SCRIPTS))
from screenshot_report import Chromium, find_chromium, main as screenshot_main  # noqa: E402

TEXT = "pre.text"


def _missing(what: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"{what} is required in CI")
    pytest.skip(f"{what} is not available")


@pytest.fixture(scope="module")
def executable() -> str:
    found = find_chromium()
    if not found:
        _missing("chromium (apt-get install chromium)")
    try:
        import websocket  # noqa: F401
    except ImportError:
        _missing("websocket-client (pip install -e '.[test]')")
    return found


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("report") / "report.html"
    path.write_text(render("html", sample_run()), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def browser(executable):
    with Chromium(executable, width=1280, height=900) as chromium:
        yield chromium


@pytest.fixture
def page(browser, report):
    """The report, freshly loaded: no edit or filter carries over from another test."""
    browser.open(report)
    return browser


def text_of(page) -> str:
    return page.evaluate(f"document.querySelector('#article-0 {TEXT}').textContent")


def test_script_runs_under_the_page_policy(page):
    assert page.evaluate("typeof window.mtlint") == "object"
    assert page.evaluate("document.querySelector('#article-0 .changes').textContent") == "0 accepted, 0 rejected of 7"


def test_highlights_render_with_their_category_colour(page):
    backgrounds = page.evaluate("Array.from(document.querySelectorAll('.hl'), e => getComputedStyle(e).backgroundColor)")
    assert len(backgrounds) >= 8
    assert all(bg not in ("rgba(0, 0, 0, 0)", "transparent") for bg in backgrounds)
    colours = page.evaluate(
        "['c-quote-case', 'c-name'].map(c => getComputedStyle(document.querySelector('.hl.' + c)).backgroundColor)")
    assert colours[0] != colours[1]


def test_the_article_text_is_shown_whole(page):
    assert text_of(page) == ARTICLE


def test_accepting_a_suggestion_changes_the_article(page):
    page.click("#article-0 li.finding[data-f='1'] button.accept")  # Poutine → Putin
    shown = text_of(page)
    assert "Vladimir Putin" in shown and "Poutine" not in shown
    assert page.evaluate("window.mtlint.corrected(0)") == ARTICLE.replace("Poutine", "Putin")
    assert page.evaluate("document.querySelector('#article-0 li.finding[data-f=\"1\"]').classList.contains('accepted')")


def test_undo_restores_the_original_text(page):
    page.click("#article-0 li.finding[data-f='1'] button.accept")
    page.click("#article-0 li.finding[data-f='1'] button[data-act=undo]")
    assert text_of(page) == ARTICLE
    assert page.evaluate("window.mtlint.corrected(0)") == ARTICLE


def test_grouped_findings_are_accepted_together_and_offsets_survive_an_emoji(page):
    first = page.evaluate("Array.from(document.querySelectorAll('#article-0 li.finding')).findIndex("
                          "li => li.textContent.includes('MT102'))")
    page.click(f"#article-0 li.finding[data-f='{first}'] button.accept")
    expected = ARTICLE.replace("not to \u201d to aim \u201c civilians", "not to \u201c to aim \u201d civilians")
    assert page.evaluate("window.mtlint.corrected(0)") == expected
    assert page.evaluate("document.querySelector('#article-0 .changes').textContent").startswith("2 accepted")


def test_overlapping_suggestion_is_blocked_once_one_is_accepted(page):
    calque = page.evaluate("Array.from(document.querySelectorAll('#article-0 li.finding')).findIndex("
                           "li => li.textContent.includes('MT301'))")
    page.click(f"#article-0 li.finding[data-f='{calque}'] button.accept")
    assert "urged them not to" in text_of(page)
    state = "document.querySelector('#article-0 li.finding[data-f=\"{}\"] .state').textContent"
    assert page.evaluate(state.format(calque)) == "accepted"
    garbled = page.evaluate("Array.from(document.querySelectorAll('#article-0 li.finding')).findIndex("
                            "li => li.textContent.includes('MT401'))")
    assert page.evaluate(state.format(garbled)) == "overlaps an accepted change"


def test_accept_all_safe_fixes(page):
    page.click("#article-0 button[data-act=accept-safe]")
    expected = (ARTICLE.replace("\u201cDeeply", "\u201cdeeply")
                .replace("not to \u201d to aim \u201c civilians", "not to \u201c to aim \u201d civilians")
                .replace("Read also: <b>Markets</b> & more\n", ""))
    assert page.evaluate("window.mtlint.corrected(0)") == expected
    assert page.evaluate("document.querySelector('#article-0 .changes').textContent").startswith("4 accepted")


def test_rejecting_removes_the_highlight(page):
    before = page.evaluate("document.querySelectorAll('#article-0 .hl.c-name').length")
    page.click("#article-0 li.finding[data-f='1'] button.reject")
    assert before == 1
    assert page.evaluate("document.querySelectorAll('#article-0 .hl.c-name').length") == 0
    assert text_of(page) == ARTICLE


def test_filters_hide_a_category(page):
    page.click("input[data-filter=cat][value=quote-case]")
    assert page.evaluate("document.querySelectorAll('.hl.c-quote-case').length") == 0
    hidden = page.evaluate("Array.from(document.querySelectorAll('li.finding'), li => li.hidden)")
    assert hidden.count(True) == 1
    page.click("input[data-filter=sev][value=minor]")
    assert page.evaluate("document.querySelectorAll('li.finding:not([hidden])').length") == 4


def test_download_offers_the_corrected_article(page):
    page.evaluate("window.__saved = []; URL.createObjectURL = (b => { window.__saved.push(b); return 'blob:x'; });"
                  "HTMLAnchorElement.prototype.click = function () { window.__saved.push(this.download); };")
    page.click("#article-0 li.finding[data-f='1'] button.accept")
    page.click("#article-0 button[data-act=download]")
    name = page.evaluate("window.__saved[1]")
    body = page.evaluate("window.__saved[0].text()")
    assert name == "article.corrected.txt"
    assert body == ARTICLE.replace("Poutine", "Putin")


def test_screenshot_script_writes_a_png(executable, report, tmp_path, monkeypatch):
    monkeypatch.setenv("CHROMIUM", executable)
    out = tmp_path / "shot.png"
    assert screenshot_main([str(report), str(out), "--height", "600"]) == 0
    data = out.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = (int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big"))
    assert (width, height) == (1280, 600)


def test_a_missing_browser_fails_in_ci_and_skips_elsewhere(monkeypatch):
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception):
        _missing("chromium")
    monkeypatch.delenv("CI")
    with pytest.raises(pytest.skip.Exception):
        _missing("chromium")
