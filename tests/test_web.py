"""The web app through TestClient: every page and API route, errors, exports, escaping, index swaps."""

from __future__ import annotations

import io
import re
import shutil
import threading
from pathlib import Path

import docx
import httpx
import pytest
from fastapi.testclient import TestClient

from index.embedding.base import Embedder
from index.generation import open_current
from index.settings import Settings
from ingest.pipeline import index_corpus
from tests.conftest import CORPUS, write_corpus
from tests.fixtures import csrf, indexed_world, make_app_client, post_form
from tests.live_server import LiveServer
from web.app import create_app

BOARD = "What was proposed for the Improvement Board membership?"
HOSTILE = """Dear Ms Evil,

Please see <script>alert("pwned")</script> and <img src=x onerror=alert(1)>
in the minutes of the gritting review.

Yours sincerely,

Mallory Jones
Winter Services Manager
"""


@pytest.fixture(scope="module")
def web_settings(tmp_path_factory: pytest.TempPathFactory, real_embedder: Embedder) -> Settings:
    return indexed_world(tmp_path_factory.mktemp("web"), real_embedder, extra={"hostile.txt": HOSTILE})


@pytest.fixture(scope="module")
def client(web_settings: Settings, real_embedder: Embedder):
    test_client = make_app_client(web_settings, real_embedder)
    yield test_client
    test_client.__exit__(None, None, None)


def post_ask(client: TestClient, data: dict, path: str = "/ask"):
    """The chat form as a browser sends it: with the page's CSRF token."""
    return post_form(client, path, data)


def letter_id(client: TestClient, path: str) -> str:
    letters = client.get("/api/letters").json()["letters"]
    return next(lt["id"] for lt in letters if lt["path"] == path)


L2009 = "003_3342f1d31a3cf50b.txt"


# --- pages -------------------------------------------------------------------------------------
def test_chat_page_has_a_labelled_question_box_and_filters(client) -> None:
    page = client.get("/")
    assert page.status_code == 200
    assert '<label for="question">' in page.text and 'id="question"' in page.text
    for name in ("sender", "recipient", "since", "until"):
        assert f'name="{name}"' in page.text


def test_asking_without_javascript_shows_the_cited_answer(client) -> None:
    page = post_ask(client, {"question": BOARD})
    assert page.status_code == 200
    html = page.text
    assert "a small strategic Board consisting of:" in html and "an independent chair" in html
    assert '<a class="marker" href="#cite-1-1"' in html
    assert 'id="cite-1-1"' in html
    assert "4 December 2009, para 7 [CONFIDENTIAL]" in html
    to = '<span aria-hidden="true">→</span><span class="visually-hidden">to</span>'
    assert f"Brett (Leeds City Council) {to} Rt Hon Dawn Primarolo MP" in html
    assert re.search(r'href="/letters/\w+\?c=[\w-]+&amp;t=1&amp;start=\d+&amp;end=\d+#cited"', html)
    # The quote is shown once: in the answer, not again in its source line.
    assert html.split('<div class="actions">')[0].count("a small strategic Board consisting of:") == 1
    # The page has the conversation's own URL, and the form goes on with it.
    assert page.url.path.startswith("/c/")
    assert f'name="conversation" value="{page.url.path.removeprefix("/c/")}"' in html


def test_follow_up_in_the_same_conversation(client) -> None:
    first = post_ask(client, {"question": BOARD})
    cid = first.url.path.removeprefix("/c/")
    page = post_ask(client, {"question": "Who was proposed to chair it?", "conversation": cid})
    assert page.status_code == 200 and page.url.path == f"/c/{cid}"
    assert page.text.count('class="turn"') == 2
    assert "Mr Bill McCarthy" in page.text


def test_partial_turn_for_the_page_script(client) -> None:
    part = post_ask(client, {"question": BOARD}, "/ask?partial=true")
    assert part.status_code == 200
    assert part.text.lstrip().startswith('<article class="turn"') and "<html" not in part.text
    assert part.headers["x-conversation"].startswith("/c/")
    # One announcement for the answer, naming its writers (how many quotes it takes is the assistant's).
    ready = r'data-announce="Answer ready: (?:one quotation|\d quotations) from ([^"]+)'
    announced = re.search(ready, part.text)
    assert announced and announced.group(1).startswith("Cllr Andrew Carter")


def test_not_in_the_correspondence_lists_related_passages(client) -> None:
    page = post_ask(client, {"question": "What is the council's policy on bin collections?"})
    assert "Not in the correspondence." in page.text
    assert "Closest passages" in page.text and 'class="sources"' not in page.text
    assert "search the letters for these words" in page.text  # a next step, not a dead end


def test_filters_narrow_the_chat(client) -> None:
    page = post_ask(client, {"question": "What progress has been made?", "sender": "Graham Archer"})
    assert "Graham Archer (DfE)" in page.text and "Dawn Primarolo" not in page.text.split("<form")[0]


def test_letter_view_highlights_the_cited_span_with_paragraph_numbers(client) -> None:
    answer = client.post("/api/ask", json={"question": BOARD}).json()
    cite = answer["citations"][0]
    page = client.get(f"/letters/{cite['letter']['id']}?start={cite['start']}&end={cite['end']}")
    assert page.status_code == 200
    html = page.text
    mark = re.search(r'<mark class="cited" id="cited" tabindex="-1">(.*?)</mark>', html, re.S)
    assert mark and mark.group(1).startswith("As regards membership of the Improvement Board")
    assert '<span class="pno"><span class="visually-hidden">Paragraph </span>7</span>' in html
    for fact in ("CONFIDENTIAL", "4 December 2009", "Leader&#39;s Office", "Rt Hon Dawn Primarolo MP"):
        assert fact in html
    assert f"/letters/{cite['letter']['id']}/original" in html


def test_original_file_is_served_and_paths_cannot_escape(client) -> None:
    lid = letter_id(client, L2009)
    original = client.get(f"/letters/{lid}/original")
    assert original.status_code == 200 and original.content == (CORPUS / L2009).read_bytes()
    for probe in (
        "/letters/..%2F..%2Fetc%2Fpasswd/original",
        "/static/..%2F..%2Fapp.py",
        "/static/../app.py",
    ):
        assert client.get(probe).status_code == 404


def test_unknown_letter_is_a_404_page_and_404_json(client) -> None:
    page = client.get("/letters/does-not-exist")
    assert page.status_code == 404 and "<h1>Not found</h1>" in page.text
    api = client.get("/api/letters/does-not-exist")
    assert api.status_code == 404 and "no letter" in api.json()["detail"]


def test_letters_list_sorts_by_date_and_filters(client) -> None:
    oldest = client.get("/letters?sort=date").text
    newest = client.get("/letters").text  # newest first unless asked otherwise
    assert oldest.index("4 December 2009") < oldest.index("20 May 2011")
    assert newest.index("20 May 2011") < newest.index("4 December 2009")
    assert 'aria-sort="descending"' in newest and 'aria-sort="ascending"' in oldest
    dated = client.get("/letters?since=2011-01-01").text
    assert "20 May 2011" in dated and "4 December 2009" not in dated
    assert "Dated from 1 January 2011" in dated  # the filter shows as a chip
    only = client.get("/letters?sender=Carter").text
    assert "4 December 2009" in only and "20 May 2011" not in only
    assert client.get("/letters?recipient=nigel").text.count("<tr>") == 2  # header + one letter
    assert client.get("/letters?sort=title").status_code == 422


def test_search_page_highlights_matched_terms_and_links_to_the_passage(client) -> None:
    page = client.get("/search", params={"q": "independent chairs", "sender": "Carter"})
    assert page.status_code == 200
    assert "<mark>independent</mark>" in page.text and "<mark>chair</mark>" in page.text
    assert re.search(r'href="/letters/\w+\?start=\d+&amp;end=\d+#cited"', page.text)


# --- API ---------------------------------------------------------------------------------------
def test_api_ask_returns_the_cli_answer_object(client) -> None:
    body = {"question": "Who was proposed to chair it?", "history": [{"question": BOARD}]}
    answer = client.post("/api/ask", json=body).json()
    assert {"question", "answered", "text", "citations", "related", "generation"} <= set(answer)
    citation = answer["citations"][0]
    assert {"n", "quote", "start", "end", "page", "paragraph", "reference", "letter"} <= set(citation)
    assert "Mr Bill McCarthy" in citation["quote"]


def test_api_search_letters_and_letter(client) -> None:
    hits = client.get("/api/search", params={"q": "Ofsted inspection", "k": 3, "since": "2011-01-01"}).json()
    assert len(hits["hits"]) == 3 and {h["letter"]["date"] for h in hits["hits"]} == {"2011-05-20"}
    letters = client.get("/api/letters").json()["letters"]
    assert len(letters) == 3
    detail = client.get(f"/api/letters/{letter_id(client, L2009)}").json()
    assert detail["letter"]["marking"] == "CONFIDENTIAL"
    assert all(detail["text"][p["start"] : p["end"]] == p["text"] for p in detail["passages"])


def test_openapi_documents_the_api(client) -> None:
    spec = client.get("/openapi.json").json()
    assert {"/api/ask", "/api/search", "/api/letters", "/api/letters/{letter_id}"} <= set(spec["paths"])
    assert not any(path == "/" or path.startswith("/letters") for path in spec["paths"])  # pages are HTML
    # FastAPI's /docs page loads its scripts from a CDN, which an offline CSP blocks: not served.
    assert client.get("/docs").status_code == 404


@pytest.mark.parametrize(
    ("method", "url", "kwargs", "status", "says"),
    [
        ("post", "/api/ask", {"json": {}}, 422, "question"),
        ("post", "/api/ask", {"json": {"question": ""}}, 422, "question"),
        ("post", "/api/ask", {"json": {"question": "why " * 600}}, 422, "question"),
        ("post", "/api/ask", {"json": {"question": "x", "filters": {"since": "May 2009"}}}, 422, "since"),
        ("post", "/api/ask", {"json": {"question": "x", "k": 0}}, 422, "k"),
        ("post", "/api/ask", {"content": b"{" + b" " * 100_000 + b"}"}, 413, "KiB"),
        ("get", "/api/search", {}, 422, "q"),
        ("get", "/api/search?q=x&since=yesterday", {}, 422, "since"),
        ("get", "/api/search?q=x&k=1000", {}, 422, "k"),
        ("get", "/api/nothing-here", {}, 404, "Not Found"),
        ("post", "/ask", {"data": {"question": "why " * 600}}, 422, "question"),
        ("get", "/search?q=x&until=31/12/2010", {}, 422, "until"),
    ],
)
def test_errors_are_4xx_with_a_clear_message(client, method, url, kwargs, status, says) -> None:
    if url == "/ask":
        kwargs = {"data": {**kwargs["data"], "csrf_token": csrf(client)}}
    response = getattr(client, method)(url, **kwargs)
    assert response.status_code == status
    assert says in response.text


# --- exports -----------------------------------------------------------------------------------
def test_briefing_markdown_has_question_quotes_references_and_index_date(client) -> None:
    md = client.get("/export/briefing.md", params={"question": BOARD})
    assert md.status_code == 200 and md.headers["content-type"].startswith("text/markdown")
    assert "attachment" in md.headers["content-disposition"]
    text = md.text
    assert text.startswith(f"CONFIDENTIAL\n\n# {BOARD}") and text.endswith("CONFIDENTIAL\n")
    assert "“As regards membership of the Improvement Board" in text and "- an independent chair" in text
    assert "[1] Letter from Cllr Andrew Carter and Cllr Richard Brett (Leeds City Council)" in text
    assert re.search(r"Source: Letters index gen-\d+, built \d+ \w+ \d{4}", text)


def test_briefing_docx_carries_the_same_references(client) -> None:
    response = client.get(
        "/export/briefing.docx", params={"question": "Who was proposed to chair it?", "history": [BOARD]}
    )
    assert response.status_code == 200
    document = docx.Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Mr Bill McCarthy" in text and "[1] Letter from Cllr Andrew Carter" in text
    assert "Follow-up to: " + BOARD in text
    assert client.get("/export/briefing.pdf", params={"question": BOARD}).status_code == 404


# --- safety ------------------------------------------------------------------------------------
def test_markup_in_a_letter_stays_inert(client) -> None:
    lid = letter_id(client, "hostile.txt")
    for html in (
        client.get(f"/letters/{lid}").text,
        client.get("/search", params={"q": "gritting review minutes"}).text,
        post_ask(client, {"question": "What is in the minutes of the gritting review?"}).text,
    ):
        assert '<script>alert("pwned")</script>' not in html and "<img src=x" not in html
        assert "&lt;script&gt;" in html


def test_markup_in_a_question_stays_inert(client) -> None:
    question = '<script>alert(1)</script><b onmouseover="x()">Improvement Board</b>?'
    for html in (
        post_ask(client, {"question": question}).text,
        client.get("/search", params={"q": question}).text,
    ):
        assert "<script>alert(1)</script>" not in html and "<b onmouseover" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_every_page_has_a_strict_csp_and_only_local_assets(client) -> None:
    lid = letter_id(client, L2009)
    for url in ("/", "/letters", f"/letters/{lid}", "/search?q=chair", "/letters/nope"):
        response = client.get(url)
        csp = response.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "default-src 'self'" in csp
        assert response.headers["x-content-type-options"] == "nosniff"
        html = response.text
        assert not re.search(r"<script(?![^>]*\bsrc=)", html)  # no inline script
        assert " style=" not in html and "<style" not in html  # no inline style either
        assert not re.search(r'(src|href)="(https?:)?//', html)  # nothing from outside the app
    assert (
        client.get("/static/app.js").status_code == 200 and client.get("/static/app.css").status_code == 200
    )


# --- index swaps -------------------------------------------------------------------------------
def test_a_new_index_is_served_without_restart_or_failed_requests(
    web_settings: Settings, real_embedder: Embedder, tmp_path: Path
) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(web_settings.corpus_dir, corpus)
    settings = web_settings.model_copy(update={"data_dir": tmp_path / "data", "corpus_dir": corpus})
    assert index_corpus(settings, corpus, embedder=lambda: real_embedder).ok
    app = create_app(settings, embedder=real_embedder)
    with LiveServer(app) as server:
        failures: list[str] = []
        seen: set[str] = set()
        stop = threading.Event()

        def hammer() -> None:
            with httpx.Client(base_url=server.url, timeout=30) as http:
                while not stop.is_set():
                    for response in (
                        http.get("/api/letters"),
                        http.get("/api/search", params={"q": "gritting"}),
                    ):
                        if response.status_code != 200:
                            failures.append(f"{response.status_code} {response.text[:200]}")
                        elif "letters" in response.json():
                            seen.add(response.json()["generation"])

        workers = [threading.Thread(target=hammer) for _ in range(3)]
        for worker in workers:
            worker.start()
        write_corpus(
            corpus,
            {"new.txt": "Dear Sir,\n\nThe snow ploughs arrive on Monday.\n\nYours faithfully,\n\nAmy Lee\n"},
        )
        for i in range(3):  # several swaps while requests are in flight
            (corpus / f"more{i}.txt").write_text(
                f"Dear Sir,\n\nGritting route {i} changes.\n", encoding="utf-8"
            )
            assert index_corpus(settings, corpus, embedder=lambda: real_embedder).ok
        latest = open_current(settings.data_dir).name
        with httpx.Client(base_url=server.url) as http:
            letters = http.get("/api/letters").json()
        stop.set()
        for worker in workers:
            worker.join()
        assert failures == []
        assert letters["generation"] == latest and any(lt["path"] == "new.txt" for lt in letters["letters"])
        assert len(seen) >= 2  # requests were answered from more than one generation
