"""Sidecar files: NAME.meta.json beside a letter overrides what the heuristics found."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from index.records import LetterMeta, Party, Person
from ingest.sidecar import SidecarError, apply_sidecar, is_sidecar, sidecar_path

META = LetterMeta(
    title="letter",
    date="2009-12-04",
    date_kind="letter",
    sender=Party(people=(Person("Cllr Andrew Carter"),), organisation="Leeds City Council"),
    marking="CONFIDENTIAL",
    references=(("Our ref", "AC/1"),),
)


def write(tmp_path: Path, data: object, name: str = "letter.txt") -> Path:
    letter = tmp_path / name
    letter.write_text("Dear Sam,\n")
    sidecar_path(letter).write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return sidecar_path(letter)


def test_sidecar_sits_beside_the_letter_with_its_stem() -> None:
    assert sidecar_path(Path("a/letter.txt")) == Path("a/letter.meta.json")
    assert sidecar_path(Path("a/letter.pdf")) == Path("a/letter.meta.json")
    assert sidecar_path(Path("a/2011.05.20 note.docx")) == Path("a/2011.05.20 note.meta.json")


def test_sidecars_are_recognised_so_they_are_not_indexed_as_letters() -> None:
    assert is_sidecar(Path("letter.meta.json"))
    assert not is_sidecar(Path("letter.json"))
    assert not is_sidecar(Path("letter.txt"))


def test_missing_sidecar_leaves_meta_unchanged(tmp_path: Path) -> None:
    assert apply_sidecar(META, tmp_path / "letter.meta.json") is META


def test_fields_override_and_others_are_kept(tmp_path: Path) -> None:
    side = write(tmp_path, {"title": "Improvement Board", "date": "2009-12-05", "date_kind": "event"})
    meta = apply_sidecar(META, side)
    assert (meta.title, meta.date, meta.date_kind) == ("Improvement Board", "2009-12-05", "event")
    assert meta.sender == META.sender and meta.marking == "CONFIDENTIAL"


def test_a_received_date_kind_is_accepted(tmp_path: Path) -> None:
    meta = apply_sidecar(META, write(tmp_path, {"date": "1916-06-05", "date_kind": "received"}))
    assert (meta.date, meta.date_kind) == ("1916-06-05", "received")


def test_letter_path_finds_its_sidecar(tmp_path: Path) -> None:
    write(tmp_path, {"title": "From the sidecar"})
    assert apply_sidecar(META, tmp_path / "letter.txt").title == "From the sidecar"


def test_party_as_a_string_becomes_display(tmp_path: Path) -> None:
    meta = apply_sidecar(META, write(tmp_path, {"recipient": "Minister for Children"}))
    assert meta.recipient == Party(display="Minister for Children")


def test_party_as_an_object_gives_people_and_organisation(tmp_path: Path) -> None:
    sender = {
        "people": [
            {"name": "Cllr Andrew Carter", "title": "Leader of the Council"},
            {"name": "Cllr Richard Brett"},
        ],
        "organisation": "Leeds City Council",
        "office": "Leader's Office",
    }
    meta = apply_sidecar(META, write(tmp_path, {"sender": sender}))
    assert meta.sender == Party(
        people=(Person("Cllr Andrew Carter", "Leader of the Council"), Person("Cllr Richard Brett")),
        organisation="Leeds City Council",
        office="Leader's Office",
    )


def test_marking_is_normalised_and_null_clears_it(tmp_path: Path) -> None:
    assert (
        apply_sidecar(META, write(tmp_path, {"marking": "official sensitive"})).marking
        == "OFFICIAL-SENSITIVE"
    )
    assert apply_sidecar(META, write(tmp_path, {"marking": None})).marking is None


def test_references_labels_are_normalised(tmp_path: Path) -> None:
    meta = apply_sidecar(META, write(tmp_path, {"references": {"Our reference": "AB/1", "Your Ref": "Z"}}))
    assert meta.references == (("Our ref", "AB/1"), ("Your ref", "Z"))


def test_date_without_kind_is_the_letter_date_when_none_was_known(tmp_path: Path) -> None:
    bare = LetterMeta(title="x")
    meta = apply_sidecar(bare, write(tmp_path, {"date": "2024-03-12"}))
    assert (meta.date, meta.date_kind) == ("2024-03-12", "letter")


def test_invalid_json_names_the_file_and_line(tmp_path: Path) -> None:
    side = write(tmp_path, '{\n  "title": "x",\n  "date": \n}')
    with pytest.raises(SidecarError) as err:
        apply_sidecar(META, side)
    assert str(side) in str(err.value) and "line 4" in str(err.value)


def test_unknown_field_lists_the_allowed_fields(tmp_path: Path) -> None:
    side = write(tmp_path, {"titel": "x"})
    with pytest.raises(SidecarError, match=r"unknown field 'titel'.*allowed fields are title, date") as err:
        apply_sidecar(META, side)
    assert str(side) in str(err.value)


@pytest.mark.parametrize(
    ("data", "field", "hint"),
    [
        ({"date": "12/03/2024"}, "date", "ISO date like 2024-03-12"),
        ({"date": "2024-02-31"}, "date", "ISO date like 2024-03-12"),
        ({"date_kind": "meeting"}, "date_kind", '"letter", "event" or "received"'),
        ({"marking": "SECRETISH"}, "marking", "one of TOP SECRET"),
        ({"title": ""}, "title", "non-empty string"),
        ({"sender": {"people": [{"title": "no name"}]}}, "sender", '"name"'),
        ({"recipient": {"folks": []}}, "recipient", "a string or an object"),
        ({"references": ["AB/1"]}, "references", '{"Our ref": "AB/123"}'),
    ],
)
def test_bad_field_error_names_file_field_and_fix(tmp_path: Path, data: dict, field: str, hint: str) -> None:
    side = write(tmp_path, data)
    with pytest.raises(SidecarError) as err:
        apply_sidecar(META, side)
    message = str(err.value)
    assert str(side) in message and f"field '{field}' must be" in message and hint in message


def test_sidecar_must_be_an_object(tmp_path: Path) -> None:
    with pytest.raises(SidecarError, match="JSON object"):
        apply_sidecar(META, write(tmp_path, '["title"]'))
