"""Officers' flows in Debian's Chromium through Playwright: ask, read, open the citation, copy, follow up."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from index.embedding.base import Embedder
from tests.conftest import ROOT
from tests.fixtures import PASSWORD, indexed_world
from tests.live_server import LiveServer
from web.app import create_app

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = ROOT / "test-artifacts"
BOARD = "What was proposed for the Improvement Board membership?"

if not CHROMIUM.exists():
    if os.environ.get("CI"):
        raise RuntimeError("CI must run the browser tests: install Debian's chromium (see .ci/run)")
    pytest.skip("Debian's chromium is not installed (apt-get install chromium)", allow_module_level=True)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, real_embedder: Embedder) -> Iterator[LiveServer]:
    users = [("officer", "admin", "CONFIDENTIAL")]
    settings = indexed_world(tmp_path_factory.mktemp("browser"), real_embedder, users=users)
    with LiveServer(create_app(settings, embedder=real_embedder)) as live:
        yield live


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        yield chromium
        chromium.close()


def sign_in(page, server: LiveServer) -> None:
    """Every browser test starts at the sign-in page, as an officer would."""
    page.goto(server.url + "/")
    assert "/login" in page.url
    page.get_by_label("User name").fill("officer")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(server.url + "/")


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server.url)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.errors = errors  # type: ignore[attr-defined]
    sign_in(page, server)
    yield page
    context.close()


def ask(page, question: str, turns: int) -> None:
    page.get_by_label(question_label(page)).fill(question)
    page.get_by_role("button", name="Ask").click()
    page.locator("article.turn").nth(turns - 1).wait_for(timeout=60_000)


def question_label(page) -> str:
    return page.locator("label[for=question]").inner_text()


def test_ask_read_open_citation_copy_and_follow_up(page, server) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    url_before = page.url
    ask(page, BOARD, 1)
    assert page.url == url_before  # answered without a page load
    turn = page.locator("article.turn").first
    assert "an independent chair" in turn.locator(".statement").first.inner_text()
    card = turn.locator("#cite-1-1")
    assert "4 December 2009, para 7 [CONFIDENTIAL]" in card.inner_text()
    page.screenshot(path=str(ARTIFACTS / "chat-improvement-board.png"), full_page=True)

    turn.get_by_role("button", name="Copy as briefing").click()
    page.get_by_text("Copied to the clipboard.").wait_for()
    clipboard = page.evaluate("navigator.clipboard.readText()")
    assert clipboard.startswith(f"# {BOARD}")
    assert "[1] Letter from Cllr Andrew Carter and Cllr Richard Brett (Leeds City Council)" in clipboard
    assert "- an independent chair" in clipboard and "Source: Letters index gen-" in clipboard

    ask(page, "Who was proposed to chair it?", 2)
    follow_up = page.locator("article.turn").nth(1)
    assert "Mr Bill McCarthy" in follow_up.inner_text()

    turn.locator("a.marker").first.click()  # [1] jumps to its citation card
    assert page.url.endswith("#cite-1-1")
    card.get_by_role("link", name="Open in the letter").click()
    page.wait_for_url("**/letters/**#cited")
    cited = page.locator("mark#cited")
    assert cited.inner_text().startswith("As regards membership of the Improvement Board")
    assert cited.is_visible()
    box = cited.bounding_box()
    assert box is not None and 0 <= box["y"] < 900  # scrolled into view
    page.screenshot(path=str(ARTIFACTS / "letter-highlighted.png"))
    assert page.errors == []  # type: ignore[attr-defined]  (no script error, no CSP violation)


def test_chat_works_without_javascript(browser, server) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    sign_in(page, server)
    page.fill("#question", BOARD)
    page.get_by_role("button", name="Ask").click()
    page.wait_for_load_state()
    assert "an independent chair" in page.locator("article.turn").inner_text()
    context.close()


def test_readable_on_a_phone(browser, server) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    sign_in(page, server)
    page.fill("#question", BOARD)
    page.get_by_role("button", name="Ask").click()
    page.locator("article.turn").wait_for(timeout=60_000)
    assert page.evaluate("document.documentElement.scrollWidth") <= 391  # no sideways scrolling
    page.screenshot(path=str(ARTIFACTS / "chat-phone.png"), full_page=True)
    context.close()


def test_keyboard_only_ask(page, server) -> None:
    page.keyboard.press("Tab")  # skip link
    page.keyboard.press("Tab")
    page.locator("#question").focus()
    page.keyboard.type("Who signed the 2009 letter?")
    page.keyboard.press("Enter")
    page.locator("article.turn").wait_for(timeout=60_000)
    assert "Councillor Richard Brett" in page.locator("article.turn").inner_text()
