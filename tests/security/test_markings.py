"""Protective markings: read by a grammar, never downgraded, taken as the highest found anywhere.

Every letter here is a real file read by the real parser (ingest.parse.parse_file); its marking is
ranked by the one place that ranks markings (index.clearance.Levels).
"""

from __future__ import annotations

import hashlib
import json
from email.message import EmailMessage
from pathlib import Path

import docx
import pytest

from index.clearance import DEFAULT_LEVELS, Levels
from index.records import LetterMeta
from ingest.conventions.markings import marking_of, subject_markings
from ingest.formats.document import ReadOptions
from ingest.parse import ParsedLetter, ParseJob, parse_file
from ingest.sidecar import SidecarError, apply_sidecar

LEVELS = Levels(DEFAULT_LEVELS)
OFFICIAL, SENSITIVE, CONFIDENTIAL, SECRET, TOP = (
    LEVELS.level(name) for name in ("OFFICIAL", "OFFICIAL-SENSITIVE", "CONFIDENTIAL", "SECRET", "TOP SECRET")
)
BODY = (
    "Dear Ms Doe,\n\nThank you for your letter about the library budget. We will reply in full next week.\n\n"
    "Yours sincerely,\n\nAlan Smith\nHead of Libraries\n"
)


def letters_of(path: Path) -> list[ParsedLetter]:
    job = ParseJob(path, path.name, hashlib.sha256(path.read_bytes()).hexdigest(), ReadOptions(10**7))
    parsed = parse_file(job)
    assert parsed.error is None, parsed.error
    return list(parsed.letters)


def marking_of_file(path: Path) -> str | None:
    [letter] = letters_of(path)
    return letter.letter.marking


def letter_file(tmp_path: Path, top: str, body: str = BODY, name: str = "letter.txt") -> Path:
    path = tmp_path / name
    path.write_text(f"{top}\n\n{body}", encoding="utf-8")
    return path


# --- the grammar (finding: markings downgraded or missed) ---------------------------------------
@pytest.mark.parametrize(
    ("line", "normal", "level"),
    [
        ("OFFICIAL–SENSITIVE", "OFFICIAL-SENSITIVE", SENSITIVE),
        ("OFFICIAL—SENSITIVE", "OFFICIAL-SENSITIVE", SENSITIVE),
        ("OFFICIAL-SENSITIVE COMMERCIAL", "OFFICIAL-SENSITIVE – COMMERCIAL", SENSITIVE),
        ("OFFICIAL: SENSITIVE", "OFFICIAL-SENSITIVE", SENSITIVE),
        ("OFFICIAL-SENSITIVE [PERSONAL]", "OFFICIAL-SENSITIVE – PERSONAL", SENSITIVE),
        ("Official Sensitive – Locsen", "OFFICIAL-SENSITIVE – LOCSEN", SENSITIVE),
        ("TOP SECRET - STRAP 1", "TOP SECRET – STRAP 1", TOP),
        ("TOP SECRET STRAP2 UK EYES ONLY", "TOP SECRET – STRAP 2 – UK EYES ONLY", TOP),
        ("SECRET UK EYES ONLY", "SECRET – UK EYES ONLY", SECRET),
        ("SECRET (UK EYES ONLY)", "SECRET – UK EYES ONLY", SECRET),
        ("SECRET//NOFORN", "SECRET – NOFORN", SECRET),
        ("NATO SECRET", "NATO SECRET", SECRET),
        ("UK SECRET", "UK SECRET", SECRET),
        ("Classification: SECRET", "SECRET", SECRET),
        ("Protective marking: OFFICIAL-SENSITIVE", "OFFICIAL-SENSITIVE", SENSITIVE),
        ("ＳＥＣＲＥＴ", "SECRET", SECRET),
        ("SE\u200bCRET", "SECRET", SECRET),
        ("**Private & Confidential**", "PRIVATE AND CONFIDENTIAL", CONFIDENTIAL),
        ("RESTRICTED – STAFF", "RESTRICTED – STAFF", SENSITIVE),
        ("PROTECT – PERSONAL", "PROTECT – PERSONAL", OFFICIAL),
        ("[CONFIDENTIAL]", "CONFIDENTIAL", CONFIDENTIAL),
    ],
)
def test_markings_are_read_by_the_grammar_at_their_full_level(
    tmp_path: Path, line: str, normal: str, level: int
) -> None:
    marking = marking_of_file(letter_file(tmp_path, f"Town Hall, Exampleton\n\n{line}"))
    assert marking == normal
    assert LEVELS.of_marking(marking) == level


@pytest.mark.parametrize(
    "line",
    [
        "SECRET – BANANA",
        "SECRET//FOOBAR",
        "OFFICIAL-SENSITIVE [HR STAFF ONLY]",
        "TOP SECRET UMBRA",
        "Classification: RESTREINT UE",
        "Protective marking: Hush",
        "OFFICIAL – SECRET",
    ],
)
def test_a_marking_the_grammar_does_not_understand_ranks_highest(tmp_path: Path, line: str) -> None:
    marking = marking_of_file(letter_file(tmp_path, line))
    assert marking is not None
    assert LEVELS.of_marking(marking) == LEVELS.top


@pytest.mark.parametrize(
    "marking", ["OFFICIAL – BANANA", "PROTECT – ANYTHING", "RESTRICTED//FOO", "EYES ONLY", "SECRET SQUIRREL"]
)
def test_levels_rank_a_stored_marking_by_its_parsed_level_never_a_word_inside_it(marking: str) -> None:
    # Substring search ranked "OFFICIAL – BANANA" as OFFICIAL: an unknown caveat must not lower it.
    assert LEVELS.of_marking(marking) == LEVELS.top
    assert LEVELS.of_marking("OFFICIAL-SENSITIVE – COMMERCIAL") == SENSITIVE
    assert LEVELS.of_marking("NATO SECRET") == SECRET


@pytest.mark.parametrize(
    "line",
    [
        "Official opening of the new library",
        "Secret Santa",
        "OFFICIAL OPENING OF THE NEW LIBRARY",
        "This is not confidential, nor is it secret.",
        "Classification: Minor works",
        "Confidential: this e-mail and any files sent with it are intended only for the addressee",
        "Secretary of State for Education",
    ],
)
def test_words_of_prose_are_not_markings(line: str) -> None:
    assert marking_of(line) is None


def test_sidecar_markings_go_through_the_same_grammar(tmp_path: Path) -> None:
    path = letter_file(tmp_path, "Town Hall")
    side = tmp_path / "letter.meta.json"
    side.write_text(json.dumps({"marking": "secret (uk eyes only)"}), encoding="utf-8")
    assert marking_of_file(path) == "SECRET – UK EYES ONLY"
    side.write_text(json.dumps({"marking": "OFFICIAL–SENSITIVE"}), encoding="utf-8")
    assert marking_of_file(path) == "OFFICIAL-SENSITIVE"
    side.write_text(json.dumps({"marking": "SECRET – BANANA"}), encoding="utf-8")
    job = ParseJob(path, path.name, "0", ReadOptions(10**7))
    error = parse_file(job).error
    assert error is not None and "letter.meta.json" in error and "'marking'" in error
    with pytest.raises(SidecarError, match="marking"):
        apply_sidecar(LetterMeta(title="x"), side)


# --- where documents carry markings (finding: first line wins, headers never read) ---------------
def test_an_official_letter_with_a_secret_annex_is_secret(tmp_path: Path) -> None:
    annex = "\n\nANNEX A\n\nSECRET\n\nThe detailed figures are held separately.\n"
    path = letter_file(tmp_path, "OFFICIAL\n\nTown Hall", BODY + annex)
    assert LEVELS.of_marking(marking_of_file(path)) == SECRET


def test_the_first_marking_line_does_not_win_over_a_higher_one(tmp_path: Path) -> None:
    path = letter_file(tmp_path, "OFFICIAL-SENSITIVE", BODY + "\nTOP SECRET – STRAP 1\n")
    assert marking_of_file(path) == "TOP SECRET – STRAP 1"


def email_bytes(*, subject: str, body: str, headers: dict[str, str] | None = None) -> bytes:
    msg = EmailMessage()
    msg["From"] = "Alan Smith <alan.smith@example.gov.uk>"
    msg["To"] = "Jane Doe <jane.doe@example.gov.uk>"
    msg["Date"] = "Tue, 12 Mar 2024 09:00:00 +0000"
    msg["Subject"] = subject
    msg["Message-ID"] = f"<{hashlib.sha1(subject.encode()).hexdigest()}@example.gov.uk>"
    for name, value in (headers or {}).items():
        msg[name] = value
    msg.set_content(body)
    return bytes(msg)


REPLY = "Thanks, agreed - see the figures below.\n\nAlan\n"


def test_a_marking_inside_quoted_email_history_counts(tmp_path: Path) -> None:
    quoted = "\n".join(
        "> " + line
        for line in ("From: Jane Doe", "SECRET", "", "The detailed figures for the review are attached.")
    )
    path = tmp_path / "reply.eml"
    path.write_bytes(email_bytes(subject="Re: figures", body=f"{REPLY}\n{quoted}\n"))
    [letter] = letters_of(path)
    assert "SECRET" in letter.text  # the quoted text is stored and served...
    assert letter.letter.marking == "SECRET"  # ...so its marking is the letter's


@pytest.mark.parametrize(
    ("subject", "marking"),
    [
        ("[SECRET] Library review", "SECRET"),
        ("Library review [SECRET]", "SECRET"),
        ("OFFICIAL-SENSITIVE: Library review", "OFFICIAL-SENSITIVE"),
        ("RE: OFFICIAL-SENSITIVE COMMERCIAL: contract", "OFFICIAL-SENSITIVE – COMMERCIAL"),
        ("Fwd: Library review (TOP SECRET)", "TOP SECRET"),
        ("Library review - CONFIDENTIAL", "CONFIDENTIAL"),
        ("OFFICIAL SENSITIVE Budget 2025", "OFFICIAL-SENSITIVE"),
    ],
)
def test_an_email_subject_carries_the_marking(tmp_path: Path, subject: str, marking: str) -> None:
    path = tmp_path / "message.eml"
    path.write_bytes(email_bytes(subject=subject, body=REPLY))
    assert marking_of_file(path) == marking


def test_an_ordinary_subject_carries_no_marking() -> None:
    assert subject_markings("Secret Santa on Friday") == []
    assert subject_markings("Official opening: new library") == []
    assert subject_markings("[EXTERNAL] Library review") == []


@pytest.mark.parametrize(
    ("header", "level"),
    [
        ("VER=2012; NS=UK; SEC=SECRET; ORIGIN=alan.smith@example.gov.uk", SECRET),
        ("VER=2018.1, NS=gov.uk, SEC=OFFICIAL-SENSITIVE, ORIGIN=alan.smith@example.gov.uk", SENSITIVE),
        ("TOP SECRET", TOP),
        ("VER=2012; NS=UK; SEC=HUSH-HUSH; ORIGIN=x", TOP),
    ],
)
def test_the_x_protective_marking_header_carries_the_marking(tmp_path: Path, header: str, level: int) -> None:
    data = email_bytes(subject="Library review", body=REPLY, headers={"X-Protective-Marking": header})
    path = tmp_path / "message.eml"
    path.write_bytes(data)
    assert LEVELS.of_marking(marking_of_file(path)) == level
    box = tmp_path / "box.mbox"
    plain = email_bytes(subject="Other", body=REPLY)
    envelope = b"From a@b Tue Mar 12 09:00:00 2024\n"
    box.write_bytes(envelope + plain + b"\n" + envelope + data)
    first, second = letters_of(box)
    assert first.letter.marking is None and LEVELS.of_marking(second.letter.marking) == level


def word_file(path: Path, *, header: str = "", footer: str = "", body_marking: str = "") -> Path:
    document = docx.Document()
    if body_marking:
        document.add_paragraph(body_marking)
    for line in BODY.split("\n\n"):
        document.add_paragraph(line)
    section = document.sections[0]
    if header:
        section.header.paragraphs[0].text = header
    if footer:
        section.footer.paragraphs[0].text = footer
    document.save(str(path))
    return path


def test_a_word_page_header_carries_the_marking(tmp_path: Path) -> None:
    path = word_file(tmp_path / "letter.docx", header="OFFICIAL-SENSITIVE")
    assert marking_of_file(path) == "OFFICIAL-SENSITIVE"


def test_a_word_footer_with_a_page_number_carries_the_marking(tmp_path: Path) -> None:
    path = word_file(tmp_path / "letter.docx", footer="SECRET\tPage 1 of 1", body_marking="OFFICIAL")
    assert marking_of_file(path) == "SECRET"


def test_a_word_first_page_header_counts_too(tmp_path: Path) -> None:
    path = word_file(tmp_path / "letter.docx", header="OFFICIAL")
    document = docx.Document(str(path))
    section = document.sections[0]
    section.different_first_page_header_footer = True
    section.first_page_header.paragraphs[0].text = "TOP SECRET"
    document.save(str(path))
    assert marking_of_file(path) == "TOP SECRET"
