"""Readers: text encodings, refused binaries, and PDFs (pages, encryption, no text layer, damage)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.formats.document import ReadError
from ingest.formats.registry import read_document
from tests.conftest import SHARED, pdf_bytes

MB = 1_000_000
PYPDF = SHARED / "data" / "pdf-pypdf-resources"


def read(path: Path):
    return read_document(path, max_bytes=50 * MB)


def test_utf8_text_is_read_with_crlf_normalised(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes("Dear Sir,\r\n\r\nThe café’s rent is £5.\r\n".encode())
    doc = read(path)
    assert doc.text == "Dear Sir,\n\nThe café’s rent is £5.\n"
    assert doc.page_starts == (0,)


def test_cp1252_text_falls_back_and_keeps_smart_quotes(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes("It\u2019s \u00a3120 \u2013 paid.".encode("cp1252"))
    assert read(path).text == "It’s £120 – paid."


def test_latin1_text_is_read(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    # 0x81 is undefined in cp1252, so only latin-1 decodes this file.
    path.write_bytes(b"Caf\xe9 \x81 na\xefve")
    assert read(path).text == "Café \x81 naïve"


@pytest.mark.parametrize("content", [b"\x00\x01\x02binary\x00data" * 50, bytes(range(256)) * 8])
def test_binary_content_is_refused(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "blob.txt"
    path.write_bytes(content)
    with pytest.raises(ReadError, match="binary content"):
        read(path)


@pytest.mark.parametrize("content", [b"", b"   \n\n  \t\n"])
def test_empty_files_are_refused(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    with pytest.raises(ReadError, match="empty"):
        read(path)


def test_oversized_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("x" * 2000)
    with pytest.raises(ReadError, match="too large"):
        read_document(path, max_bytes=1000)


def test_pdf_text_is_extracted_per_page_with_page_offsets(tmp_path: Path) -> None:
    path = tmp_path / "two.pdf"
    path.write_bytes(pdf_bytes([["Dear Minister,", "First page text."], ["Second page text."]]))
    doc = read(path)
    assert doc.pages == 2
    first, second = doc.page_starts
    assert first == 0
    assert "First page text." in doc.text[first:second]
    assert doc.text[second:].startswith("Second page text.")


def test_garbage_bytes_named_pdf_are_reported_as_damaged(tmp_path: Path) -> None:
    path = tmp_path / "garbage.pdf"
    path.write_bytes(b"this is not a pdf at all \x00\x01\x02" * 100)
    with pytest.raises(ReadError, match="damaged PDF"):
        read(path)


def test_pdf_without_text_layer_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "blank.pdf"
    path.write_bytes(pdf_bytes([[]]))
    with pytest.raises(ReadError, match=r"no text layer \(scanned\?\)"):
        read(path)


@pytest.mark.skipif(not PYPDF.exists(), reason="../shared/data is not beside the project")
def test_pdf_encrypted_with_a_password_is_refused() -> None:
    with pytest.raises(ReadError, match="encrypted"):
        read(PYPDF / "encryption" / "r4-aes-user-password.pdf")


@pytest.mark.skipif(not PYPDF.exists(), reason="../shared/data is not beside the project")
def test_pdf_encrypted_with_the_empty_password_is_opened() -> None:
    doc = read(PYPDF / "encryption" / "r6-empty-password.pdf")
    assert doc.text.strip()


@pytest.mark.skipif(not PYPDF.exists(), reason="../shared/data is not beside the project")
def test_real_pdf_text_matches_pypdf_ground_truth() -> None:
    doc = read(PYPDF / "crazyones.pdf")
    assert "to the crazy ones. The misfits" in doc.text.replace("\ufb01", "fi")
