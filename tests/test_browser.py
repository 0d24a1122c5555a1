"""Officers' flows in Debian's Chromium through Playwright: ask, read, open the citation, copy, follow
up, come back; accessibility checked by axe-core (npm, tests/browser) at desktop, phone and 200% zoom."""

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
AXE = ROOT / "tests" / "browser" / "node_modules" / "axe-core" / "axe.min.js"
# Three ways an officer sees the app. 200% zoom: Chromium at 200% on a 1280x720 window lays the page
# out in a 640x360 CSS-pixel viewport drawn with 2 device pixels per CSS pixel, which is what this
# context is (media queries, sticky form and reflow see exactly what zoom gives them).
SIZES = {
    "desktop": {"viewport": {"width": 1280, "height": 720}},
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
    "zoom200": {"viewport": {"width": 640, "height": 360}, "device_scale_factor": 2},
}
BOARD = "What was proposed for the Improvement Board membership?"

if not CHROMIUM.exists():
    if os.environ.get("CI"):
        raise RuntimeError("CI must run the browser tests: install Debian's chromium (see .ci/run)")
    pytest.skip("Debian's chromium is not installed (apt-get install chromium)", allow_module_level=True)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, real_embedder: Embedder) -> Iterator[LiveServer]:
    users = [("officer", "admin", "CONFIDENTIAL"), ("olive", "officer", "OFFICIAL-SENSITIVE")]
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


def sign_in(page, server: LiveServer, name: str = "officer") -> None:
    """Every browser test starts at the sign-in page, as an officer would."""
    page.goto(server.url + "/")
    assert "/login" in page.url
    page.get_by_label("User name").fill(name)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(server.url + "/")


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 720})
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
    page.get_by_role("button", name="Ask", exact=True).click()
    page.locator("article.turn:not(.pending)").nth(turns - 1).wait_for(timeout=60_000)


def question_label(page) -> str:
    return page.locator("label[for=question]").inner_text()


def turns(page) -> int:
    return page.locator("article.turn").count()


def axe_violations(page) -> list[dict]:
    """axe-core's violations on the page as it is (the file is evaluated: the CSP allows no inline script)."""
    if not AXE.exists():
        pytest.fail("axe-core is missing: run `npm install --prefix tests/browser` (make test does)")
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate("axe.run(document)")
    assert len(result["passes"]) >= 10, "axe did not run its checks"  # the check is not vacuous
    return [
        {"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
    ]


def test_ask_read_open_citation_copy_and_follow_up(page, server) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    ask(page, BOARD, 1)
    assert "/c/" in page.url  # answered without a page load, at the conversation's own address
    turn = page.locator("article.turn").first
    statement = turn.locator(".statement").first.inner_text()
    assert "an independent chair" in statement
    # The quote appears once: in the answer; its source is one compact line.
    assert turn.inner_text().count("a small strategic Board consisting of:") == 1
    source = turn.locator("#cite-1-1")
    line = source.inner_text()
    for part in ("[1]", "CONFIDENTIAL", "Rt Hon Dawn Primarolo MP", "4 December 2009", "para 7"):
        assert part in line
    assert "Open in the letter" in line
    announced = page.locator("#announce").inner_text()
    assert announced.startswith("Answer ready: one quotation from Cllr Andrew Carter")
    # [1] previews its source on focus.
    turn.locator("a.marker").first.focus()
    preview = turn.locator(".preview").first
    assert preview.is_visible() and "paragraph 7" in preview.inner_text()
    page.keyboard.press("Escape")  # dismissible without moving focus (WCAG 1.4.13)
    assert not preview.is_visible()
    page.screenshot(path=str(ARTIFACTS / "answer-desktop.png"), full_page=True)

    turn.get_by_role("button", name="Copy as briefing").click()
    page.get_by_text("Copied to the clipboard.").wait_for()
    clipboard = page.evaluate("navigator.clipboard.readText()")
    assert clipboard.startswith(f"CONFIDENTIAL\n\n# {BOARD}") and clipboard.rstrip().endswith("CONFIDENTIAL")
    assert "[1] Letter from Cllr Andrew Carter and Cllr Richard Brett (Leeds City Council)" in clipboard
    assert "- an independent chair" in clipboard and "Source: Letters index gen-" in clipboard

    ask(page, "Who was proposed to chair it?", 2)
    follow_up = page.locator("article.turn").nth(1)
    assert "Mr Bill McCarthy" in follow_up.inner_text()

    turn.locator("a.marker").first.click()  # [1] jumps to its source line
    assert page.url.endswith("#cite-1-1")
    source.get_by_role("link", name="Open in the letter").click()
    page.wait_for_url("**/letters/**#cited")
    cited = page.locator("mark#cited")
    assert cited.inner_text().startswith("As regards membership of the Improvement Board")
    box = cited.bounding_box()
    assert box is not None and 0 <= box["y"] < 720  # scrolled into view
    assert page.evaluate("document.activeElement.id") == "cited"
    assert "Letter from Cllr Andrew Carter" in page.locator(".cited-ref").first.inner_text()
    page.screenshot(path=str(ARTIFACTS / "letter-from-answer-desktop.png"))
    page.get_by_role("link", name="Back to your answer").click()
    page.locator("article.turn").nth(1).wait_for()
    assert turns(page) == 2 and "#turn-1" in page.url
    page.goto(server.url + "/letters")
    page.screenshot(path=str(ARTIFACTS / "letters-desktop.png"), full_page=True)
    assert page.errors == []  # type: ignore[attr-defined]  (no script error, no CSP violation)


def test_reload_and_back_restore_the_conversation(page, server) -> None:
    ask(page, BOARD, 1)
    ask(page, "Who was proposed to chair it?", 2)
    address = page.url
    page.reload()
    assert turns(page) == 2 and page.url == address
    assert question_label(page) == "Ask a follow-up question"
    page.locator("#cite-2-1").get_by_role("link", name="Open in the letter").click()
    page.wait_for_url("**/letters/**")
    page.go_back()
    page.locator("article.turn").nth(1).wait_for()
    assert turns(page) == 2 and page.url.split("#")[0] == address.split("#")[0]
    # The conversation is listed under "My conversations" and reopens from there.
    page.get_by_role("link", name="My conversations").click()
    page.get_by_role("link", name=BOARD).first.click()
    page.locator("article.turn").nth(1).wait_for()
    assert turns(page) == 2


def test_pressing_enter_twice_asks_once(page, server) -> None:
    posts: list[str] = []
    page.on("request", lambda r: posts.append(r.url) if r.method == "POST" and "/ask" in r.url else None)
    box = page.locator("#question")
    box.fill(BOARD)
    # The question shows at once, waiting, and the conversation says it is busy: recorded by the page
    # itself the moment the pending turn appears (a warm server may answer before a test could look).
    page.evaluate(
        """() => { window.seenPending = null; new MutationObserver(() => {
            const h = document.querySelector('article.pending h2');
            if (h && !window.seenPending) window.seenPending =
                [h.textContent, document.getElementById('conversation').getAttribute('aria-busy')];
        }).observe(document.body, {subtree: true, childList: true, attributes: true}); }"""
    )
    box.press("Enter")
    box.press("Enter")  # while the first is in flight
    page.wait_for_function("window.seenPending !== null", timeout=5_000)
    waiting = page.evaluate("window.seenPending")
    assert waiting == [BOARD, "true"]
    page.locator("article.turn:not(.pending)").first.wait_for(timeout=60_000)
    assert page.locator("#conversation").get_attribute("aria-busy") == "false"
    page.wait_for_timeout(500)
    assert turns(page) == 1 and len(posts) == 1
    page.reload()
    assert turns(page) == 1  # and one turn was kept


def test_copy_falls_back_to_selectable_text_without_the_clipboard_api(browser, server) -> None:
    context = browser.new_context()
    context.add_init_script("Object.defineProperty(Navigator.prototype, 'clipboard', {get: () => undefined})")
    page = context.new_page()
    sign_in(page, server)
    ask(page, BOARD, 1)
    page.get_by_role("button", name="Copy as briefing").click()
    box = page.locator("textarea.briefing")
    assert box.is_visible() and page.evaluate("document.activeElement.classList.contains('briefing')")
    assert page.evaluate("window.getSelection().toString() || document.activeElement.value").startswith(
        "CONFIDENTIAL"
    )
    assert "press Ctrl+C" in page.locator(".actions .copied").inner_text()
    context.close()


def test_focused_controls_are_never_covered_by_the_sticky_form(browser, server) -> None:
    # 1280x900 is tall enough for the form to stick to the bottom; 1280x720 and zoom leave it in flow.
    for viewport in ({"width": 1280, "height": 900}, {"width": 1280, "height": 720}):
        context = browser.new_context(viewport=viewport)
        page = context.new_page()
        sign_in(page, server)
        ask(page, BOARD, 1)
        ask(page, "Who was proposed to chair it?", 2)
        page.locator("article.turn").first.locator("a.marker").first.focus()
        page.evaluate("window.scrollTo(0, 0)")
        form = page.locator("#ask-form")
        stops = 0
        for _ in range(60):
            page.keyboard.press("Tab")
            focused = page.evaluate_handle("document.activeElement")
            if page.evaluate("(el) => el.closest('#ask-form') !== null", focused):
                break
            box = focused.as_element().bounding_box()
            held = form.bounding_box()
            assert box is not None and held is not None
            covered = box["y"] + box["height"] > held["y"] and box["y"] < held["y"] + held["height"]
            what = page.evaluate("(el) => el.outerHTML.slice(0, 120)", focused)
            ring = page.evaluate(RING_CONTRAST, focused)
            assert ring >= 3, (ring, what)  # WCAG 2.2 focus appearance: the ring against what is behind it
            assert not covered, (viewport, stops, what)
            assert box["y"] >= 0 and box["y"] + box["height"] <= viewport["height"], (viewport, what)
            stops += 1
        assert stops >= 8  # the turns' links, previews, buttons and summaries were all walked
        context.close()


# The focused element's outline against the nearest opaque background behind it (WCAG contrast ratio).
RING_CONTRAST = """(el) => {
  const style = getComputedStyle(el);
  if (style.outlineStyle === 'none' || parseFloat(style.outlineWidth) < 2) return 0;
  const rgb = (c) => c.match(/[\\d.]+/g).map(Number);
  const lum = ([r, g, b]) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  let node = el.parentElement, back = [255, 255, 255];
  while (node) {
    const c = rgb(getComputedStyle(node).backgroundColor);
    if (c.length < 4 || c[3] > 0) { back = c.slice(0, 3); break; }
    node = node.parentElement;
  }
  const [a, b] = [lum(rgb(style.outlineColor)), lum(back)].sort((x, y) => y - x);
  return (a + 0.05) / (b + 0.05);
}"""


def _states(page, server):
    """Every page state an officer meets, as (name, url-or-action) steps, axe-checked in turn."""
    yield "login"
    sign_in(page, server)
    yield "chat empty"
    page.locator("#ask-form .filters summary").click()
    yield "filters open"
    page.locator("#ask-form .filters summary").click()
    ask(page, BOARD, 1)
    yield "with an answer"
    ask(page, "What is the council's policy on bin collections?", 2)
    yield "refusal"
    page.locator("#cite-1-1").get_by_role("link", name="Open in the letter").click()
    page.wait_for_url("**/letters/**")
    yield "letter view from an answer"
    page.goto(server.url + "/letters")
    yield "letters list"
    page.goto(server.url + "/search?q=independent+chair")
    yield "search results"
    page.goto(server.url + "/c")
    yield "conversations list"
    page.goto(server.url + "/admin")
    yield "admin"


@pytest.mark.parametrize("size", list(SIZES))
def test_axe_finds_no_violations_on_any_page_state(browser, server, size: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    context = browser.new_context(**SIZES[size])
    page = context.new_page()
    page.goto(server.url + "/")
    found = {}
    for state in _states(page, server):
        page.wait_for_load_state()
        violations = axe_violations(page)
        if violations:
            found[state] = violations
        if size == "phone" and state in ("with an answer", "letter view from an answer", "letters list"):
            name = state.replace(" ", "-")
            # The letter is long: its screenshot is the screen the officer lands on, the cited span in view.
            whole = state != "letter view from an answer"
            page.screenshot(path=str(ARTIFACTS / f"{name}-phone.png"), full_page=whole)
        if size == "phone":
            assert page.evaluate("document.documentElement.scrollWidth") <= 391, state  # no sideways scroll
    context.close()
    assert found == {}


def test_a_signed_in_officer_below_the_marking_meets_no_violations(browser, server) -> None:
    context = browser.new_context(**SIZES["desktop"])
    page = context.new_page()
    sign_in(page, server, "olive")
    ask(page, BOARD, 1)
    assert axe_violations(page) == []
    assert "Primarolo" not in page.locator("#conversation").inner_text()
    context.close()


def test_chat_works_without_javascript(browser, server) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    sign_in(page, server)
    page.fill("#question", BOARD)
    page.get_by_role("button", name="Ask", exact=True).click()
    page.wait_for_load_state()
    assert "/c/" in page.url and "an independent chair" in page.locator("article.turn").inner_text()
    page.fill("#question", "Who was proposed to chair it?")
    page.get_by_role("button", name="Ask", exact=True).click()
    page.wait_for_load_state()
    assert page.locator("article.turn").count() == 2
    page.reload()
    assert page.locator("article.turn").count() == 2
    context.close()


def test_keyboard_only_ask(page, server) -> None:
    page.keyboard.press("Tab")  # skip link
    page.keyboard.press("Tab")
    page.locator("#question").focus()
    page.keyboard.type("Who signed the 2009 letter?")
    page.keyboard.press("Enter")
    page.locator("article.turn:not(.pending)").wait_for(timeout=60_000)
    assert "Councillor Richard Brett" in page.locator("article.turn").inner_text()
