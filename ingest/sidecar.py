"""Sidecar files: `NAME.meta.json` beside `NAME.pdf` corrects any field the heuristics got wrong."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from index.records import LetterMeta, Party, Person
from ingest.conventions.dates import parse_iso
from ingest.conventions.markings import GRAMMAR_HINT, normalise_marking
from ingest.conventions.references import normalise_label

SUFFIX = ".meta.json"
FIELDS = ("title", "date", "date_kind", "sender", "recipient", "marking", "references")
_PARTY_KEYS = ("people", "organisation", "office", "display")
_PERSON_KEYS = ("name", "title", "organisation")


class SidecarError(ValueError):
    """A sidecar file that cannot be applied; the message names the file, the field and the fix."""


def sidecar_path(letter_path: Path) -> Path:
    """`letter.txt` → `letter.meta.json`, beside it."""
    return letter_path.with_name(letter_path.stem + SUFFIX)


def is_sidecar(path: Path) -> bool:
    """A sidecar describes a letter and is never indexed as one."""
    return path.name.endswith(SUFFIX)


def apply_sidecar(meta: LetterMeta, path: Path) -> LetterMeta:
    """`meta` with the sidecar's fields on top; `path` is the sidecar or its letter. No sidecar, no change."""
    side = path if is_sidecar(path) else sidecar_path(path)
    if side.is_symlink():  # like a linked letter (ingest.changes.refusal): it may point anywhere
        raise SidecarError(f"{side}: a symbolic link (not followed); put the sidecar file itself here.")
    if not side.is_file():
        return meta
    data = _load(side)
    changes: dict[str, Any] = {name: _PARSERS[name](side, value) for name, value in data.items()}
    if "date" in changes and changes["date"] and "date_kind" not in changes and not meta.date_kind:
        changes["date_kind"] = "letter"  # a date an admin gives is the letter's own unless they say so
    return dataclasses.replace(meta, **changes)


def _load(side: Path) -> dict[str, Any]:
    try:
        data = json.loads(side.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise SidecarError(
            f"{side}: not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno}); "
            "fix the file or delete it to use what the letter itself says."
        ) from exc
    except UnicodeDecodeError as exc:
        raise SidecarError(f"{side}: not UTF-8 text; save it as UTF-8 JSON.") from exc
    if not isinstance(data, dict):
        kind = type(data).__name__
        raise SidecarError(f'{side}: must hold a JSON object such as {{"title": "…"}}, not a {kind}.')
    unknown = sorted(set(data) - set(FIELDS))
    if unknown:
        names = ", ".join(repr(u) for u in unknown)
        raise SidecarError(f"{side}: unknown field {names}; allowed fields are {', '.join(FIELDS)}.")
    return data


def _fail(side: Path, name: str, must: str, value: Any) -> SidecarError:
    shown = json.dumps(value, ensure_ascii=False)
    return SidecarError(f"{side}: field '{name}' must be {must}, not {shown}; correct it in the file.")


def _title(side: Path, value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise _fail(side, "title", "a non-empty string", value)
    return value.strip()


def _date(side: Path, value: Any) -> str | None:
    if value is None:
        return None
    iso = parse_iso(value) if isinstance(value, str) else None
    if not iso:
        raise _fail(side, "date", "an ISO date like 2024-03-12 (or null to clear it)", value)
    return iso


def _date_kind(side: Path, value: Any) -> str | None:
    if value is not None and value not in ("letter", "event", "received"):
        raise _fail(side, "date_kind", '"letter", "event" or "received"', value)
    return value


def _marking(side: Path, value: Any) -> str | None:
    if value is None:
        return None
    marking = normalise_marking(value) if isinstance(value, str) else None
    if not marking:
        raise _fail(side, "marking", f"{GRAMMAR_HINT} (or null to clear it)", value)
    return marking


def _references(side: Path, value: Any) -> tuple[tuple[str, str], ...]:
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        raise _fail(side, "references", 'an object of strings like {"Our ref": "AB/123"}', value)
    return tuple((normalise_label(k), v.strip()) for k, v in value.items())


def _party(name: str) -> Callable[[Path, Any], Party]:
    def parse(side: Path, value: Any) -> Party:
        if value is None:
            return Party()
        if isinstance(value, str):
            return Party(display=value.strip())
        must = 'a string or an object like {"people": [{"name": "…", "title": "…"}], "organisation": "…"}'
        if not isinstance(value, dict) or set(value) - set(_PARTY_KEYS):
            raise _fail(side, name, must, value)
        people = value.get("people", [])
        if not isinstance(people, list) or not all(_is_person(p) for p in people):
            raise _fail(side, name, must + ' (each person with a "name")', value)
        if not all(isinstance(value.get(k, ""), str) for k in _PARTY_KEYS[1:]):
            raise _fail(side, name, must, value)
        return Party(
            people=tuple(Person(**{k: p[k].strip() for k in _PERSON_KEYS if k in p}) for p in people),
            organisation=value.get("organisation", "").strip(),
            office=value.get("office", "").strip(),
            display=value.get("display", "").strip(),
        )

    return parse


def _is_person(value: Any) -> bool:
    return (
        isinstance(value, dict)
        and isinstance(value.get("name"), str)
        and bool(value["name"].strip())
        and not set(value) - set(_PERSON_KEYS)
        and all(isinstance(v, str) for v in value.values())
    )


_PARSERS = {
    "title": _title,
    "date": _date,
    "date_kind": _date_kind,
    "sender": _party("sender"),
    "recipient": _party("recipient"),
    "marking": _marking,
    "references": _references,
}
