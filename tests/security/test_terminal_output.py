"""What `letters` prints for people shows control characters as escapes; the audit log cannot be forged."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from assistant.assistant import Assistant
from cli.main import cli, print_answer, print_hits, print_report
from index.audit import Audit
from index.audit import read as read_audit
from index.embedding.fake import HashEmbedder
from index.generation import open_current
from index.search import search
from index.settings import Settings
from ingest.pipeline import index_corpus
from tests.conftest import write_corpus
from web.users import UserError, Users

# What a terminal acts on: C0 but tab and newline (the line ends we print ourselves), DEL, C1,
# the bidi controls and the Unicode line separators.
RAW_CONTROL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]"
)
OSC_TITLE = "\x1b]0;you have been owned\x07"
CLEAR = "\x1b[2J\x1b[H"
FORGED = "olive\n2026-12-01T10:00:00+00:00  adam             sign-in"
EVIL_LETTER = f"""# Budget {OSC_TITLE}review

Dear Ms Doe{CLEAR},

The library budget \u202eteg rof\u202c is agreed and the reading room reopens in October \x9b31m.

Yours sincerely,

Alan {CLEAR}Smith
Head of Libraries
"""


def lines_of(output: str) -> list[str]:
    return output.rstrip("\n").split("\n")


def test_a_newline_or_line_separator_in_a_user_name_cannot_forge_an_audit_line(tmp_path: Path) -> None:
    path = tmp_path / "audit.jsonl"
    audit = Audit(path)
    for name in (FORGED, "olive\u2028forged", "olive\x85forged", "olive\rforged"):
        audit.record(name, "sign-in-failed")
    text = path.read_text(encoding="utf-8")
    # However a reader splits lines (Python's splitlines breaks at U+2028 and NEL too), one per entry.
    assert len(text.splitlines()) == 4 and text.isascii()
    users = [e["user"] for e in read_audit(path)]
    assert users == [FORGED, "olive\u2028forged", "olive\x85forged", "olive\rforged"]


def test_letters_audit_prints_control_characters_as_escapes(settings: Settings, tmp_path: Path) -> None:
    audit = Audit(settings.audit_path())
    audit.record(FORGED, "sign-in-failed")
    audit.record("adam", "ask", question=f"What is {OSC_TITLE}{CLEAR} the \u202eplan?", letters=["x\x1b[31m"])
    result = CliRunner().invoke(cli, ["audit", "--data-dir", str(settings.data_dir)])
    assert result.exit_code == 0, result.output
    shown = lines_of(result.output)
    assert len(shown) == 2 and not RAW_CONTROL.search(result.output)
    assert "olive\\x0a2026-12-01" in shown[0] and "\\x1b]0;you have been owned\\x07" in shown[1]
    assert "\\u202e" in shown[1]
    as_json = CliRunner().invoke(cli, ["audit", "--json", "--data-dir", str(settings.data_dir)])
    rows = [json.loads(line) for line in lines_of(as_json.output)]
    assert [r["user"] for r in rows] == [FORGED, "adam"] and as_json.output.isascii()


@pytest.fixture
def evil_index(settings: Settings, tmp_path: Path) -> Settings:
    corpus = write_corpus(tmp_path / "corpus", {f"budget{CLEAR}.md": EVIL_LETTER, "notes\x1b[31m.xyz": "x"})
    model = HashEmbedder()
    report = index_corpus(settings, corpus, embedder=lambda: model)
    assert report.letters == 1
    return settings


def test_letters_documents_prints_letter_fields_as_escapes(evil_index: Settings) -> None:
    env = {"LETTERS_MODEL": evil_index.model}
    result = CliRunner().invoke(cli, ["documents", "--data-dir", str(evil_index.data_dir)], env=env)
    assert result.exit_code == 0, result.output
    assert not RAW_CONTROL.search(result.output)
    # Control characters in a letter's text are blanked when it is read (ingest.parse); those of a
    # file name are shown as escapes.
    assert "you have been owned" in result.output and "budget\\x1b[2J" in result.output


def test_search_results_print_letter_text_as_escapes(
    evil_index: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    generation = open_current(evil_index.data_dir)
    hits = search(generation, HashEmbedder(), "library budget", k=5, **evil_index.search_options())
    assert hits
    print_hits(f"library {OSC_TITLE}budget", hits)
    out = capsys.readouterr().out
    assert not RAW_CONTROL.search(out) and "\\u202e" in out and "\\x1b]0;" in out


def test_answers_and_index_reports_print_as_escapes(
    evil_index: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    generation = open_current(evil_index.data_dir)
    answer = Assistant(evil_index, HashEmbedder()).ask(generation, f"When does the {CLEAR}room reopen?")
    print_answer(answer)
    corpus = tmp_path / "corpus"
    (corpus / f"late{OSC_TITLE}.xyz").write_text("x")
    model = HashEmbedder()
    print_report(index_corpus(evil_index, corpus, embedder=lambda: model))
    out = capsys.readouterr().out
    assert not RAW_CONTROL.search(out) and "\\x1b[2J" in out and "late\\x1b]0;" in out


def test_users_list_prints_names_as_escapes(settings: Settings) -> None:
    users = Users(settings.users_path(), settings.levels())
    with pytest.raises(UserError):  # such a name is refused now; an older users.db may still hold one
        users.add(f"ad{CLEAR}min", "admin", "SECRET", "correct horse battery")
    users.add("admin", "admin", "SECRET", "correct horse battery")
    with sqlite3.connect(settings.users_path()) as db:
        db.execute("UPDATE users SET name = ? WHERE name = 'admin'", (f"ad{CLEAR}min",))
    result = CliRunner().invoke(cli, ["users", "list", "--data-dir", str(settings.data_dir)])
    assert result.exit_code == 0 and not RAW_CONTROL.search(result.output) and "ad\\x1b[2J" in result.output
