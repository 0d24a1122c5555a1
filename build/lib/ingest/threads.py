"""Email threads: which conversation each message belongs to, from the index as it now stands.

A thread is named by the Message-ID of its first message. Replies are linked by In-Reply-To and
References (RFC 5322); a reply whose headers name no parent (Lotus Notes exports such as the Enron
mail have none) joins the latest earlier message with the same subject, less its "Re:"/"Fw:"
prefixes, that shares a correspondent with it — the subject rule of jwz's threading algorithm,
made safer by asking for a shared address.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from index.records import Letter

_PREFIX = re.compile(r"^(?:\s*(?:re|fw|fwd|aw|sv|antw)\s*(?:\[\d+\])?\s*:\s*)+", re.I)


def base_subject(subject: str) -> tuple[str, bool]:
    """The subject without reply/forward prefixes, and whether it had any."""
    stripped = _PREFIX.sub("", subject)
    return " ".join(stripped.lower().split()), stripped != subject


def thread_ids(emails: Sequence[tuple[Letter, str | None]]) -> dict[str, str | None]:
    """letter id → thread id for every (letter, References root) given."""
    by_message = {letter.message_id: letter for letter, _ in emails if letter.message_id}
    roots = {letter.id: root for letter, root in emails}
    out: dict[str, str | None] = {}
    for letter, _ in emails:
        top = letter
        seen = {top.id}
        while top.in_reply_to in by_message and by_message[top.in_reply_to].id not in seen:
            top = by_message[top.in_reply_to]
            seen.add(top.id)
        out[letter.id] = roots[top.id] or top.in_reply_to or top.message_id
    _by_subject(emails, roots, out)
    return out


def _addresses(letter: Letter) -> set[str]:
    return {p.email.lower() for p in (*letter.sender.people, *letter.recipient.people) if p.email}


def _by_subject(
    emails: Sequence[tuple[Letter, str | None]], roots: dict[str, str | None], out: dict[str, str | None]
) -> None:
    ordered = sorted(
        (letter for letter, _ in emails),
        key=lambda lt: (lt.date or "", base_subject(lt.title)[1], lt.id),
    )
    seen: dict[str, list[Letter]] = {}
    for letter in ordered:
        subject, is_reply = base_subject(letter.title)
        if not subject:
            continue
        earlier = seen.setdefault(subject, [])
        if is_reply and not letter.in_reply_to and not roots[letter.id]:
            mine = _addresses(letter)
            parent = next((e for e in reversed(earlier) if _addresses(e) & mine), None)
            if parent is not None:
                out[letter.id] = out[parent.id]
        earlier.append(letter)
