"""Conversations as records (issue 16): kept per user beside the index, rebuilt from their URL,
private to their owner, re-checked against clearance on reopen, exported as marked briefings, and
the officers' "Wrong or incomplete?" notes reaching the admins as `letters eval` gold lines."""

from __future__ import annotations

import dataclasses
import io
import json
import stat

import docx
import pytest
from fastapi.testclient import TestClient

from assistant.evaluate import load_gold
from assistant.records import Citation
from index.embedding.base import Embedder
from index.generation import open_current
from index.settings import Settings
from ingest.pipeline import index_corpus
from tests.conftest import write_corpus
from tests.fixtures import PASSWORD, app_client, csrf, indexed_world, post_form, sign_in
from web.app import create_app
from web.conversations import Conversations
from web.routes.conversations import MAX_TURNS
from web.users import Users

BOARD = "What was proposed for the Improvement Board membership?"
L2009 = "003_3342f1d31a3cf50b.txt"
USERS = [
    ("adam", "admin", "CONFIDENTIAL"),
    ("carol", "officer", "CONFIDENTIAL"),
    ("olive", "officer", "OFFICIAL-SENSITIVE"),
]


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory, real_embedder: Embedder):
    settings = indexed_world(tmp_path_factory.mktemp("conversations"), real_embedder, users=USERS)
    app = create_app(settings, embedder=real_embedder)
    clients = {name: app_client(app, name) for name, _, _ in USERS}
    yield settings, app, clients
    for client in clients.values():
        client.__exit__(None, None, None)


def asked(client: TestClient, question: str = BOARD, **fields: str) -> str:
    """Asks as the no-script form does; returns the conversation's path (/c/…)."""
    page = post_form(client, "/ask", {"question": question, **fields})
    assert page.status_code == 200 and page.url.path.startswith("/c/"), page.text[:300]
    return page.url.path


def test_a_conversation_is_kept_and_rebuilt_from_its_url(world) -> None:
    _, _, clients = world
    adam = clients["adam"]
    path = asked(adam)
    asked(adam, "Who was proposed to chair it?", conversation=path.removeprefix("/c/"))
    page = adam.get(path)
    assert page.text.count('class="turn"') == 2 and "Mr Bill McCarthy" in page.text
    assert "Ask a follow-up question" in page.text
    listed = adam.get("/c").text
    assert f'href="{path}"' in listed and "2 questions" in listed and BOARD in listed


def test_conversations_live_beside_the_index_and_survive_re_indexing(world, real_embedder) -> None:
    settings, _, clients = world
    path = asked(clients["carol"])
    before = open_current(settings.data_dir).name
    write_corpus(settings.corpus_dir, {"snow.txt": "Dear Sir,\n\nThe snow ploughs arrive on Monday.\n"})
    assert index_corpus(settings, settings.corpus_dir, embedder=lambda: real_embedder).ok
    assert open_current(settings.data_dir).name != before
    page = clients["carol"].get(path)
    assert page.status_code == 200 and "an independent chair" in page.text
    db = settings.data_dir / "conversations.db"
    assert stat.S_IMODE(db.stat().st_mode) == 0o600  # questions can be as telling as the letters


def test_someone_elses_conversation_is_not_found_anywhere(world) -> None:
    _, _, clients = world
    path = asked(clients["carol"])
    cid = path.removeprefix("/c/")
    olive = clients["olive"]
    token = csrf(olive)
    assert olive.get(path).status_code == 404
    assert olive.get(f"{path}/briefing.md").status_code == 404
    actions = (("rename", {"title": "mine now"}), ("delete", {}), ("turns/1/feedback", {"note": "x"}))
    for action, data in actions:
        assert olive.post(f"{path}/{action}", data={"csrf_token": token, **data}).status_code == 404
    ask = olive.post("/ask", data={"csrf_token": token, "question": "And then?", "conversation": cid})
    assert ask.status_code == 404
    assert path not in olive.get("/c").text
    assert clients["carol"].get(path).status_code == 200  # still there for its owner


def test_clearance_is_applied_again_when_a_conversation_is_reopened(world) -> None:
    settings, app, _ = world
    users = Users.from_settings(settings)
    users.add("dora", "officer", "CONFIDENTIAL", PASSWORD)
    dora = app_client(app, "dora")
    try:
        path = asked(dora)
        assert "Primarolo" in dora.get(path).text
        users.remove("dora")  # her clearance is lowered: the letter is no longer hers to see
        users.add("dora", "officer", "OFFICIAL-SENSITIVE", PASSWORD)
        sign_in(dora, "dora")
        page = dora.get(path).text
        assert "Primarolo" not in page and "small strategic Board" not in page
        assert "no longer in the index, or not for you to see" in page
        assert "Primarolo" not in dora.get(f"{path}/briefing.md").text
    finally:
        dora.__exit__(None, None, None)


def test_the_same_form_submitted_twice_is_answered_once(world) -> None:
    _, _, clients = world
    olive = clients["olive"]
    fields = {"question": "Who inspected the services in 2011?", "submit_key": "k-twice-1"}
    first = post_form(olive, "/ask", fields).url.path
    again = post_form(olive, "/ask", fields).url.path
    partial = post_form(olive, "/ask?partial=true", fields)
    assert first == again and partial.headers["x-conversation"] == first
    assert olive.get(first).text.count('class="turn"') == 1


def test_the_follow_up_limit_ends_gently_in_a_new_conversation(world) -> None:
    _, app, clients = world
    carol = clients["carol"]
    path = asked(carol)
    cid = path.removeprefix("/c/")
    store: Conversations = app.state.conversations
    turn = store.get("carol", cid).turns[0]  # type: ignore[union-attr]
    for i in range(MAX_TURNS - 1):
        store.add_turn("carol", cid, f"filled-{i}", turn.answer, turn.filters)
    page = carol.get(path).text
    assert f"has reached its {MAX_TURNS} questions" in page and 'name="conversation"' not in page
    # A form still holding the full conversation (another tab) continues in a new one, question kept.
    moved = post_form(carol, "/ask", {"question": "Who was proposed to chair it?", "conversation": cid})
    assert moved.status_code == 200 and moved.url.path != path and "continued=1" in str(moved.url)
    assert "Mr Bill McCarthy" in moved.text or "Not in the correspondence" in moved.text
    assert "this one continues it afresh" in moved.text


def test_rename_delete_and_export_a_conversation_as_a_marked_briefing(world) -> None:
    _, _, clients = world
    adam = clients["adam"]
    path = asked(adam)
    asked(adam, "Who was proposed to chair it?", conversation=path.removeprefix("/c/"))
    renamed = post_form(adam, f"{path}/rename", {"title": "Leeds board, for the DCS"}, page="/c")
    assert renamed.status_code == 200 and "Leeds board, for the DCS" in renamed.text
    md = adam.get(f"{path}/briefing.md").text
    assert md.startswith("CONFIDENTIAL\n\n# Leeds board, for the DCS") and md.endswith("CONFIDENTIAL\n")
    assert f"## 1. {BOARD}" in md and "## 2. Who was proposed to chair it?" in md
    assert "Source: Letters index gen-" in md
    one = adam.get(f"{path}/briefing.md", params={"turn": 2}).text
    assert "Follow-up to: " + BOARD in one and "Mr Bill McCarthy" in one
    document = docx.Document(io.BytesIO(adam.get(f"{path}/briefing.docx").content))
    section = document.sections[0]
    assert section.header.paragraphs[0].text == "CONFIDENTIAL" == section.footer.paragraphs[0].text
    gone = post_form(adam, f"{path}/delete", {}, page="/c")
    assert gone.status_code == 200 and path not in gone.text
    assert adam.get(path).status_code == 404


def test_filters_show_as_chips_on_the_answer_and_in_its_briefing(world) -> None:
    _, _, clients = world
    adam = clients["adam"]
    path = asked(adam, "What progress has been made?", sender="Archer", since="2010-01-01")
    page = adam.get(path).text
    assert "Only letters from &#39;Archer&#39;" in page and "Dated from 1 January 2010" in page
    assert 'list="sender-names"' in page and '<option value="Graham Archer (DfE)">' in page
    assert "Clear filters" in page and 'value="Archer"' in page  # follow-ups keep the filters
    assert 'value="Archer"' not in adam.get(path, params={"clear": 1}).text
    md = adam.get(f"{path}/briefing.md").text
    assert "Filters: Only letters from 'Archer'; Dated from 1 January 2010" in md
    assert md.startswith("No protective marking on the letters quoted")


def test_the_letter_view_from_an_answer_highlights_every_span_it_cites(world) -> None:
    _, app, clients = world
    adam = clients["adam"]
    path = asked(adam)
    cid = path.removeprefix("/c/")
    store: Conversations = app.state.conversations
    turn = store.get("adam", cid).turns[0]  # type: ignore[union-attr]
    first = turn.answer.citations[0]
    letter = adam.get(f"/api/letters/{first.letter.id}").json()
    other = next(p for p in letter["passages"] if p["kind"] == "body" and p["end"] <= first.start)
    second = Citation(
        n=2,
        letter=first.letter,
        passage_id=other["id"],
        quote=other["text"],
        start=other["start"],
        end=other["end"],
        page=other["page"],
        paragraph=other["paragraph"],
        kind="body",
        reference=first.reference.replace("para 7", f"para {other['paragraph']}"),
    )
    two = dataclasses.replace(turn.answer, citations=(first, second))
    store.add_turn("adam", cid, "two-spans", two, turn.filters)
    html = adam.get(f"/letters/{first.letter.id}", params={"c": cid, "t": 2}).text
    assert f'href="/c/{cid}#turn-2"' in html and "Back to your answer" in html
    assert html.count('<mark class="cited"') >= 2 and 'id="cited"' in html and 'id="cited-2"' in html
    assert "Cited passage 1 of 2" in html and 'href="#cited-2">Next' in html
    assert "Copy reference" in html and first.reference in html
    # Someone else's conversation id gives the plain letter view, not their answer.
    olive_view = clients["carol"].get(f"/letters/{first.letter.id}", params={"c": cid, "t": 2}).text
    assert "Back to your answer" not in olive_view


def test_wrong_or_incomplete_notes_reach_the_admins_and_become_gold_lines(world, tmp_path) -> None:
    _, _, clients = world
    carol, adam = clients["carol"], clients["adam"]
    path = asked(carol, "Who was proposed to chair it?", conversation=asked(carol).removeprefix("/c/"))
    sent = post_form(
        carol, f"{path}/turns/2/feedback", {"note": "It misses the vice chair", "expect": "Mr Bill McCarthy"}
    )
    assert sent.status_code == 200 and "your note is with the administrators" in sent.text
    assert carol.get("/admin").status_code == 403 and carol.get("/admin/feedback.jsonl").status_code == 403
    admin = adam.get("/admin").text
    assert "It misses the vice chair" in admin and "Who was proposed to chair it?" in admin
    note_id = int(admin.split("/admin/feedback/")[1].split("/")[0])
    assert adam.get("/admin/feedback.jsonl").text == ""  # only reviewed notes are exported
    reviewed = post_form(
        adam,
        f"/admin/feedback/{note_id}/review",
        {"letter": L2009, "expect": "Mr Bill McCarthy\nvice chair"},
        page="/admin",
    )
    assert reviewed.status_code == 200 and "Reviewed by adam" in reviewed.text
    gold = adam.get("/admin/feedback.jsonl").text
    line = json.loads(gold.splitlines()[0])
    assert line == {
        "question": "Who was proposed to chair it?",
        "letter": L2009,
        "expect": ["Mr Bill McCarthy", "vice chair"],
        "history": [BOARD],
    }
    saved = tmp_path / "gold.jsonl"
    saved.write_text(gold, encoding="utf-8")
    assert load_gold(saved)[0].letter == L2009  # a line `letters eval` reads as it is


def test_every_conversation_page_keeps_the_strict_csp(world) -> None:
    _, _, clients = world
    adam = clients["adam"]
    path = asked(adam)
    for url in (path, "/c", "/admin", "/"):
        response = adam.get(url)
        assert response.status_code == 200
        assert " style=" not in response.text and "<script>" not in response.text


def test_settings_are_not_needed_for_the_store(tmp_path) -> None:
    """The store is a plain file of the data directory (no index needed), created private."""
    store = Conversations.from_settings(Settings(data_dir=tmp_path / "d"))
    assert store.summaries("nobody") == []
    assert stat.S_IMODE((tmp_path / "d" / "conversations.db").stat().st_mode) == 0o600


def test_reopening_a_conversation_is_one_audit_line_naming_every_letter_shown(world) -> None:
    settings, app, clients = world
    olive = clients["olive"]
    path = asked(olive)
    follow = post_form(
        olive, "/ask", {"question": "Who inspected the services in 2011?", "conversation": path[3:]}
    )
    assert follow.url.path == path

    def reopens() -> list[dict]:
        lines = settings.audit_path().read_text().splitlines()
        return [e for e in map(json.loads, lines) if e.get("user") == "olive" and e.get("event") == "reopen"]

    before = len(reopens())
    assert olive.get(path).status_code == 200
    after = reopens()
    assert len(after) == before + 1  # two turns shown, one reading of the conversation
    turns = app.state.conversations.get("olive", path[3:]).turns
    cited = {c.letter.id for t in turns for c in t.answer.citations}
    assert cited and cited <= set(after[-1]["letters"])
