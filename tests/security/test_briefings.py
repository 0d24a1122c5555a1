"""Briefings carry letter text as data (issue 17): inert in any Markdown viewer, and a .docx whatever
characters a quote or question holds."""

from __future__ import annotations

import html
import io
import re

import docx
import pytest
from markdown_it import MarkdownIt

from index.embedding.base import Embedder
from tests.fixtures import indexed_world, make_app_client, post_form

HOSTILE = """Dear Ms Evil,

The gritting review minutes say <script>alert("pwned")</script> and [click here](javascript:alert(1)) and
![x](javascript:alert(2)) and <img src=x onerror=alert(3)>, with **bold** claims.

Yours sincerely,

Mallory Jones
Winter Services Manager
"""
QUESTION = "What do the gritting review minutes say?"


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory, real_embedder: Embedder):
    world = indexed_world(tmp_path_factory.mktemp("briefings"), real_embedder, extra={"hostile.txt": HOSTILE})
    test_client = make_app_client(world, real_embedder)
    yield test_client
    test_client.__exit__(None, None, None)


def rendered(markdown: str) -> str:
    """The briefing as a Markdown viewer shows it (CommonMark with raw HTML allowed, as many viewers do)."""
    return MarkdownIt("commonmark", {"html": True}).render(markdown)


def assert_inert(shown: str) -> None:
    assert "<script" not in shown and "<img" not in shown
    assert not re.search(r'(href|src)="javascript:', shown), shown


def test_the_markdown_briefing_quotes_markup_as_text(client) -> None:
    md = client.get("/export/briefing.md", params={"question": QUESTION})
    assert md.status_code == 200
    assert "gritting review minutes" in md.text and "javascript:alert(1)" in md.text  # quoted, not dropped
    assert_inert(rendered(md.text))


def test_copy_as_briefing_and_the_conversation_briefing_are_inert_too(client) -> None:
    page = post_form(client, "/ask", {"question": QUESTION})
    copied = re.search(r'<textarea id="briefing-1" class="briefing"[^>]*>(.*?)</textarea>', page.text, re.S)
    assert copied is not None
    assert_inert(rendered(html.unescape(copied.group(1))))
    conversation = page.url.path
    whole = client.get(f"{conversation}/briefing.md")
    assert whole.status_code == 200 and "javascript:alert(1)" in whole.text
    assert_inert(rendered(whole.text))


def test_a_control_character_in_a_question_or_quote_still_gives_a_docx(client) -> None:
    question = "What do the gritting\x01 review\x0b minutes say?\x1f"
    for response in (
        client.get("/export/briefing.docx", params={"question": question}),
        client.get(post_form(client, "/ask", {"question": question}).url.path + "/briefing.docx"),
    ):
        assert response.status_code == 200, response.text[:200]
        text = "\n".join(p.text for p in docx.Document(io.BytesIO(response.content)).paragraphs)
        assert "What do the gritting review minutes say?" in text
