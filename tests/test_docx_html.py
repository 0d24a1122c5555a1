"""Word and HTML letters: text in reading order, and the letter conventions (then the file's own
properties) for who wrote to whom and when."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx

from index.embedding.fake import HashEmbedder
from index.generation import open_current
from index.settings import Settings
from ingest.formats.document import ReadError, ReadOptions
from ingest.formats.registry import read_documents
from ingest.formats.webpage import html_to_text
from ingest.parse import ParseJob, parse_file
from ingest.pipeline import index_corpus

OPTIONS = ReadOptions(max_bytes=10**7)


def word_letter(path: Path, *, signed: bool = True, dated: bool = True) -> Path:
    document = docx.Document()
    for line in ("Children's Services", "Town Hall, Exampleton EX1 2AB"):
        document.add_paragraph(line)
    document.add_paragraph("")
    for line in ("Ms Jane Doe", "Director of Education", "Exampleton Borough Council"):
        document.add_paragraph(line)
    if dated:
        document.add_paragraph("12 March 2024")
    document.add_paragraph("Dear Ms Doe,")
    document.add_paragraph("Thank you for your letter about school transport for pupils with special needs.")
    document.add_paragraph("We propose the following changes to the transport policy:")
    for item in ("a new eligibility review every term", "travel training for older pupils"):
        document.add_paragraph(item, style="List Bullet")
    table = document.add_table(rows=2, cols=2)
    for r, row in enumerate((("Route", "Cost"), ("North", "£12,000"))):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    document.add_paragraph("Please let me know if you have any questions about the budget.")
    if signed:
        for line in ("Yours sincerely,", "Alan Smith", "Head of Transport"):
            document.add_paragraph(line)
    props = document.core_properties
    props.title, props.author, props.created = "Transport policy", "A. Clerk", dt.datetime(2024, 3, 1, 9, 0)
    document.save(str(path))
    return path


def test_docx_text_keeps_paragraphs_lists_and_tables_in_reading_order(tmp_path: Path) -> None:
    doc = read_documents(word_letter(tmp_path / "letter.docx"), OPTIONS)[0]
    text = doc.text
    assert "Children's Services\nTown Hall, Exampleton EX1 2AB" in text  # short lines keep together
    assert "- a new eligibility review every term\n- travel training for older pupils" in text
    assert "Route | Cost\nNorth | £12,000" in text
    order = [
        "Dear Ms Doe,",
        "transport policy:",
        "- a new",
        "Route | Cost",
        "Please let me know",
        "Alan Smith",
    ]
    assert [text.index(x) for x in order] == sorted(text.index(x) for x in order)


def test_docx_letter_conventions_win_and_core_properties_fill_gaps(tmp_path: Path) -> None:
    job = ParseJob(word_letter(tmp_path / "a.docx"), "a.docx", "sha", OPTIONS)
    letter = parse_file(job).letters[0].letter
    assert letter.date == "2024-03-12"  # the letter's own date line, not the file's creation
    assert "Alan Smith" in letter.sender.label  # the signatory, not the file's author
    assert "Jane Doe" in letter.recipient.label
    assert letter.title == "Transport policy"  # no subject line: the document title

    bare = ParseJob(word_letter(tmp_path / "b.docx", signed=False, dated=False), "b.docx", "sha", OPTIONS)
    letter = parse_file(bare).letters[0].letter
    assert letter.date == "2024-03-01" and letter.date_kind == "letter"
    assert letter.sender.names() == "A. Clerk"  # the author, beside the office the letterhead names


def test_damaged_docx_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "bad.docx"
    path.write_bytes(b"PK\x03\x04 this is not a zip archive" * 10)
    result = parse_file(ParseJob(path, "bad.docx", "sha", OPTIONS))
    assert result.error is not None and result.error.startswith("damaged Word file")


HTML = """<!doctype html>
<html><head><title>Library hours</title><meta name="author" content="Carol White">
<meta name="date" content="2024-05-02"><script>var tracking = 1;</script><style>p {}</style></head>
<body><nav><a href="/">Home</a></nav>
<p>Dear Mr Brown,</p>
<p>The library refurbishment will finish in the autumn<br>and the reading room reopens in October.</p>
<ul><li>New study desks</li><li>Longer hours</li></ul>
<table><tr><th>Day</th><th>Hours</th></tr><tr><td>Saturday</td><td>10–4</td></tr></table>
<!-- an editor's comment -->
<p>Yours sincerely,</p><p>Carol White<br>Library Manager</p>
</body></html>
"""


def test_html_becomes_paragraphs_lists_and_table_rows_without_scripts() -> None:
    text = html_to_text(HTML)
    assert "tracking" not in text and "editor's comment" not in text and "p {}" not in text
    assert "in the autumn\nand the reading room" in text
    assert "- New study desks\n- Longer hours" in text
    assert "Day | Hours\nSaturday | 10–4" in text
    assert "\n\nYours sincerely,\n\nCarol White\nLibrary Manager" in text


def test_html_letter_is_indexed_with_its_metadata(settings: Settings, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "hours.html").write_text(HTML, encoding="utf-8")
    word_letter(corpus / "transport.docx")
    report = index_corpus(settings, corpus, embedder=HashEmbedder)
    assert report.ok and sorted(report.added) == ["hours.html", "transport.docx"]
    letters = {lt.path: lt for lt in open_current(settings.data_dir).store.letters()}
    page = letters["hours.html"]
    assert page.title == "Library hours" and page.date == "2024-05-02"
    assert "Carol White" in page.sender.label and "Brown" in page.recipient.label
    assert letters["transport.docx"].source_kind == "letter"


def test_an_html_page_without_text_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "blank.htm"
    path.write_text("<html><head><title>x</title></head><body><script>1</script></body></html>")
    try:
        read_documents(path, OPTIONS)
    except ReadError as exc:
        assert str(exc).startswith("empty")
    else:
        raise AssertionError("an empty page was read")
