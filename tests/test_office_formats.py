"""Old office formats read natively: .doc (Word 6–2003), .rtf and .odt, with paragraphs, lists and tables
in reading order, headers and footers kept out of the body (and their marking found), clear reasons."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest

from ingest.formats.document import ReadError, ReadOptions
from ingest.formats.registry import read_documents, sniff_type
from ingest.parse import ParseJob, parse_file
from tests.conftest import SHARED

SAMPLES = SHARED / "data" / "office-mail-samples"
OPTIONS = ReadOptions(max_bytes=50_000_000)
needs_samples = pytest.mark.skipif(not SAMPLES.is_dir(), reason="office-mail-samples not present")


def read(path: Path) -> tuple[str, str]:
    doc = read_documents(path, OPTIONS)[0]
    return doc.text, doc.header_text


def parse(path: Path, rel: str):  # type: ignore[no-untyped-def]
    result = parse_file(ParseJob(path, rel, "0" * 64, OPTIONS))
    assert result.error is None, result.error
    return result.letters[0]


# --- .doc ------------------------------------------------------------------------------------
@needs_samples
def test_a_word_97_file_reads_its_body_in_order_with_headers_and_footers_apart() -> None:
    text, header = read(SAMPLES / "doc" / "testWORD.doc")
    assert text.startswith("Sample Word Document Title\n")
    assert text.index("This is a sample Microsoft Word Document.") < text.index(
        "This is back to the default again"
    )
    assert "Apache POI: http://poi.apache.org/ POI" in text  # a field shows its result, not its code
    assert "HYPERLINK" not in text and "header for our document" not in text
    assert header == "This is the header for our document\n\nThis is the footer for our document\n"


@needs_samples
def test_word_table_rows_read_as_cells_joined_in_reading_order() -> None:
    text, _ = read(SAMPLES / "doc" / "table-merges.doc")
    assert text.startswith("A | B\nC | D | E | F\nG | H | I\n")


@needs_samples
def test_word_6_95_files_are_read_and_cyrillic_ones_decoded() -> None:
    text, _ = read(SAMPLES / "doc" / "Word95.doc")
    assert "Paragraph 3. Has some RED text and some BLUE BOLD text in it." in text
    text, _ = read(SAMPLES / "doc" / "Bug49933.doc")
    assert text.startswith("Компания Аскат М")


@needs_samples
@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("PasswordProtected.doc", "encrypted (a password is needed to open it)"),
        ("password_tika_binaryrc4.doc", "encrypted (a password is needed to open it)"),
        ("testWORD_protected_drm.doc", "encrypted (a password or rights-management licence"),
        ("testWordPerfect_50.doc", "a WordPerfect file named .doc"),
        ("word2.doc", "a Word for Windows 1.x/2.0 file"),
        ("testIBMDisplayWrite40.doc", "not a Word document"),
        ("fuzzed-POIHWPFFuzzer-5074346559012864.doc", "damaged Word file"),
    ],
)
def test_encrypted_misnamed_and_broken_doc_files_give_a_reason_a_person_can_act_on(
    name: str, reason: str
) -> None:
    with pytest.raises(ReadError) as caught:
        read(SAMPLES / "doc" / name)
    assert str(caught.value).startswith(reason) and "\n" not in str(caught.value)


@needs_samples
def test_a_docx_or_word_xml_named_doc_is_read_for_what_it_is() -> None:
    assert read(SAMPLES / "doc" / "eng_spa_mult-actually-docx.doc")[0].startswith(
        "All human beings are born free"
    )
    assert "Second column" in read(SAMPLES / "doc" / "testWORDML_tableInsideParagraph.doc")[0]


def test_a_docx_header_marking_marks_the_letter_without_entering_its_text(tmp_path: Path) -> None:
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "OFFICIAL-SENSITIVE"
    document.add_paragraph("Dear Nigel,")
    document.add_paragraph("The review of the Improvement Board's work will report in April.")
    document.add_paragraph("Yours sincerely,")
    document.add_paragraph("Jane Doe")
    path = tmp_path / "marked.docx"
    document.save(str(path))
    item = parse(path, "marked.docx")
    assert item.letter.marking == "OFFICIAL-SENSITIVE"
    assert "OFFICIAL" not in item.text and item.header_text == "OFFICIAL-SENSITIVE"


# --- .rtf ------------------------------------------------------------------------------------
RTF = (
    r"{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0\fswiss Arial;}}"
    r"{\header \pard\plain CONFIDENTIAL\par}"
    r"{\footer \pard\plain Page 1 of 1\par}"
    r"\pard Leeds City Council\par Civic Hall\par\par 4 December 2009\par\par Dear Minister,\par\par "
    r"We propose an Improvement Board with an independent chair.\par\par"
    r"\trowd\cellx2000\cellx4000 Member\cell Role\cell\row"
    r"\trowd\cellx2000\cellx4000 Cllr Carter\cell Leader\cell\row"
    r"\pard\par Yours sincerely,\par\par Cllr Andrew Carter\par}"
)


def test_rtf_reads_paragraphs_and_table_rows_in_order_and_its_header_marks_it(tmp_path: Path) -> None:
    path = tmp_path / "board.rtf"
    path.write_bytes(RTF.encode("ascii"))
    item = parse(path, "board.rtf")
    assert "We propose an Improvement Board with an independent chair." in item.text
    assert "Member | Role\nCllr Carter | Leader" in item.text
    assert "CONFIDENTIAL" not in item.text and "Page 1 of 1" not in item.text
    assert item.letter.marking == "CONFIDENTIAL" and item.letter.date == "2009-12-04"
    assert "Andrew Carter" in item.letter.sender.names()


@needs_samples
def test_rtf_code_pages_and_unicode_escapes_decode() -> None:
    assert read(SAMPLES / "rtf" / "testRTFWindowsCodepage1250.rtf")[0].startswith("zażółć gęślą jaźń")
    assert "こんにちは" in read(SAMPLES / "rtf" / "testRTF-ms932.rtf")[0]
    text, header = read(SAMPLES / "rtf" / "testRTFVarious.rtf")
    assert "- Bullet 1\n- Bullet 2" in text and "header text" not in text
    assert "This is the header text." in header


def test_a_file_named_rtf_that_is_not_rtf_says_so(tmp_path: Path) -> None:
    path = tmp_path / "x.rtf"
    path.write_bytes(b"PK\x03\x04 not rtf at all")
    with pytest.raises(ReadError, match="not an RTF file"):
        read(path)


# --- .odt ------------------------------------------------------------------------------------
NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"'
)
CONTENT = f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document-content {NS}><office:body><office:text>
<text:p>4 December 2009</text:p>
<text:p>Dear Minister,</text:p>
<text:h text:outline-level="1">Improvement Board</text:h>
<text:p>We propose the following members:<text:note><text:note-body><text:p>A footnote.</text:p>
</text:note-body></text:note></text:p>
<text:list><text:list-item><text:p>an independent chair;</text:p></text:list-item>
<text:list-item><text:p>the Chief<text:s/>Executive.</text:p></text:list-item></text:list>
<table:table><table:table-row><table:table-cell><text:p>Meeting</text:p></table:table-cell>
<table:table-cell><text:p>January</text:p></table:table-cell></table:table-row></table:table>
<text:p>Yours sincerely,</text:p><text:p>Cllr Andrew Carter</text:p>
</office:text></office:body></office:document-content>"""
STYLES = f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document-styles {NS}><office:master-styles><style:master-page style:name="Standard">
<style:header><text:p>OFFICIAL-SENSITIVE</text:p></style:header>
<style:footer><text:p>Leeds City Council</text:p></style:footer>
</style:master-page></office:master-styles></office:document-styles>"""


def odt(content: str = CONTENT, *, encrypted: bool = False) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        package.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        package.writestr("content.xml", content)
        package.writestr("styles.xml", STYLES)
        entry = '<manifest:encryption-data manifest:checksum-type="SHA1"/>' if encrypted else ""
        package.writestr("META-INF/manifest.xml", f"<manifest:manifest>{entry}</manifest:manifest>")
    return out.getvalue()


def test_odt_reads_headings_lists_and_tables_in_order_without_notes_or_page_headers(tmp_path: Path) -> None:
    path = tmp_path / "board.odt"
    path.write_bytes(odt())
    item = parse(path, "board.odt")
    assert "We propose the following members:\n\n- an independent chair;\n- the Chief Executive." in item.text
    assert any(s.kind == "list" for s in item.segments)  # the list stays whole with its introduction
    assert "Meeting | January" in item.text and "A footnote." not in item.text
    assert item.text.index("Improvement Board") < item.text.index("Meeting | January")
    assert "OFFICIAL-SENSITIVE" not in item.text and item.letter.marking == "OFFICIAL-SENSITIVE"
    assert "Leeds City Council" in item.header_text


def test_encrypted_and_broken_odt_files_give_reasons(tmp_path: Path) -> None:
    locked, broken = tmp_path / "locked.odt", tmp_path / "broken.odt"
    locked.write_bytes(odt(encrypted=True))
    broken.write_bytes(b"this is not a zip")
    with pytest.raises(ReadError, match=r"^encrypted"):
        read(locked)
    with pytest.raises(ReadError, match=r"not a ZIP package"):
        read(broken)


# --- attachments without a telling name ------------------------------------------------------
def test_an_attachment_named_only_attachment_1_is_read_by_what_its_bytes_are() -> None:
    assert sniff_type(b"%PDF-1.4\n...") == ".pdf"
    assert sniff_type(b"{\\rtf1\\ansi hello}") == ".rtf"
    assert sniff_type(b"From: a@b\nTo: c@d\nSubject: x\n\nbody") == ".eml"
    assert sniff_type(b"Dear Nigel,\n\nThanks.\n") == ".txt"
    assert sniff_type(bytes(range(256))) is None


@needs_samples
def test_odd_docx_content_imported_html_text_boxes_and_tracked_insertions_is_read_once() -> None:
    for name in ("testAltChunkHTML.docx", "testAltChunkMHT.docx"):
        assert "Simple paragraph with a emphasized word." in read(SAMPLES / "docx" / name)[0]
    text, _ = read(SAMPLES / "docx" / "testWORD_text_box.docx")
    assert text.count("This text is inside of a text box in the body of the document.") == 1
    # A tracked insertion is in the document as it now reads (python-docx alone leaves it out).
    assert "Apache Tika 0.3 has been released." in read(SAMPLES / "docx" / "delins.docx")[0]
    with pytest.raises(ReadError, match="Strict Open XML"):
        read(SAMPLES / "docx" / "strict-format.docx")
