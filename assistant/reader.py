"""The reader: every read of the index on behalf of one person, at one generation.

Built once per request (web) or per command (CLI) from (generation, identity). Each method applies
the reader's clearance inside retrieval and writes the audit line, so no caller can forget either:
routes and commands never touch the store themselves (tests/test_clearance_routes.py walks every
route to prove it).
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from assistant.assistant import Assistant
from assistant.records import Answer, Turn
from index.audit import Audit
from index.clearance import Levels
from index.generation import Generation, Manifest
from index.records import Hit, Letter, LetterDetail, LetterList, Passage, SearchFilters, SearchResult
from index.search import search

GONE = "The letters this answer quoted are no longer in the index, or not for you to see; ask again."


class NotVisible(LookupError):
    """No such letter for this reader: absent, or above their clearance (the two look the same)."""

    MESSAGE = "There is no letter with that id in the index; it may have been removed."

    def __init__(self) -> None:
        super().__init__(self.MESSAGE)


CHANGED_SINCE_INDEXED = (
    "The original file has changed since it was indexed; download it again after the next `letters index`."
)


class NotAvailable(LookupError):
    """A visible letter whose original file cannot be served; the message says why."""


@dataclass(frozen=True)
class Original:
    """A letter's original bytes as indexed, with the file name to save them under."""

    name: str
    media_type: str
    data: bytes


class CrossSite(PermissionError):
    """An audited read started by another site: it would write the audit log in the reader's name."""

    MESSAGE = (
        "This link was opened from another site, and reading it would be recorded in your name. "
        "If you meant to open it, paste its address into the address bar."
    )

    def __init__(self) -> None:
        super().__init__(self.MESSAGE)


@dataclass(frozen=True)
class Identity:
    """Who reads: the name the audit log records, the clearance, and how and from where they came in."""

    name: str
    clearance: str
    via: str = "web"  # "web", "api", "sso", "cli"
    address: str = ""  # the socket peer of a web request (the proxy's, behind one)
    cross_site: bool = False  # the browser says another site started the request: no audited reads


class Reader:
    def __init__(
        self,
        generation: Generation,
        identity: Identity,
        *,
        assistant: Assistant | None,
        levels: Levels,
        audit: Audit | None,
    ) -> None:
        self.generation = generation
        self.identity = identity
        self._assistant = assistant
        self._levels = levels
        self._audit = audit
        self._rank = levels.level(identity.clearance)

    @property
    def manifest(self) -> Manifest:
        return self.generation.manifest

    @property
    def assistant(self) -> Assistant:
        if self._assistant is None:
            raise RuntimeError("this reader was built without the model; it can list letters only")
        return self._assistant

    # --- clearance ----------------------------------------------------------------------
    def _cleared(self, filters: SearchFilters | None) -> SearchFilters:
        """`filters` narrowed to the markings this reader may see, applied inside retrieval."""
        filters = filters or SearchFilters()
        present = self.generation.markings()
        allowed = self._levels.allowed(present, self.identity.clearance)
        # Cleared for every marking this index holds: nothing to narrow, and no id filter to apply.
        return dataclasses.replace(filters, markings=None if len(allowed) == len(set(present)) else allowed)

    def _may_see(self, letter: Letter) -> bool:
        return self._levels.of_marking(letter.marking) <= self._rank

    def _check_origin(self) -> None:
        """Before any audited read: no work, and no audit line, for a request another site started."""
        if self.identity.cross_site:
            raise CrossSite

    def _record(self, event: str, letters: Sequence[str], **details: object) -> None:
        self._check_origin()
        if self._audit is not None:
            where = {"address": self.identity.address} if self.identity.address else {}
            self._audit.record(
                self.identity.name, event, via=self.identity.via, letters=list(letters), **where, **details
            )

    # --- reads --------------------------------------------------------------------------
    def letters(self, filters: SearchFilters | None = None, *, sort: str = "date") -> LetterList:
        """Letters by date ("date" oldest first, "-date" newest first); undated ones last either way."""
        store = self.generation.store
        found = store.letters(self._cleared(filters))
        dated = sorted((lt for lt in found if lt.date), key=lambda lt: lt.date or "", reverse=sort == "-date")
        shown = {lt.id for lt in found}
        attachments: dict[str, list[str]] = {}
        carried_by: dict[str, list[str]] = {}
        for attachment_id, email_id, _ in store.carrier_pairs():
            if attachment_id in shown and email_id in shown:
                attachments.setdefault(email_id, []).append(attachment_id)
                carried_by.setdefault(attachment_id, []).append(email_id)
        return LetterList(
            letters=(*dated, *(lt for lt in found if not lt.date)),
            generation=self.generation.name,
            attachments={k: tuple(v) for k, v in attachments.items()},
            carried_by={k: tuple(v) for k, v in carried_by.items()},
        )

    def letter(self, letter_id: str) -> Letter:
        """The letter's metadata (not audited: no text of it is shown); NotVisible if it may not be seen."""
        found = self.generation.store.letter(letter_id)
        if found is None or not self._may_see(found):
            raise NotVisible
        return found

    def letter_text(self, letter_id: str) -> str | None:
        """A visible letter's extracted text, for checking quotes against it (not audited)."""
        try:
            self.letter(letter_id)
        except NotVisible:
            return None
        return self.generation.store.letter_text(letter_id)

    def detail(self, letter_id: str) -> LetterDetail:
        """The letter with its text and passages: a view, audited."""
        self._check_origin()
        try:
            letter = self.letter(letter_id)
        except NotVisible:
            self._record("view denied", [], letter=letter_id[:64])
            raise
        store = self.generation.store
        self._record("view", [letter_id])
        cleared = self._cleared(None)
        return LetterDetail(
            letter=letter,
            text=store.letter_text(letter_id) or "",
            passages=tuple(store.letter_passages(letter_id)),
            generation=self.generation.name,
            attachments=tuple(lt for lt, _ in store.attachments(letter_id, cleared)),
            carried_by=tuple(store.carriers(letter_id, cleared)),
        )

    def original(self, letter_id: str) -> Original:
        """The bytes the letter was read from, as they were indexed; audited as a download.

        One message of a mailbox is its own bytes, never its neighbours'; a file is served only while
        its bytes are the indexed ones (a file re-marked and not yet re-indexed is not), and only when
        every letter read from those bytes (an email's attachments) is one this reader may see.
        """
        self._check_origin()
        letter = self.letter(letter_id)
        store = self.generation.store
        own = store.original(letter_id)
        inside = [
            lt
            for lt in store.file_letters(letter.path)
            if own is None or lt.id == letter.id or lt.label.startswith(f"{letter.label}/")
        ]
        if not all(self._may_see(lt) for lt in inside):
            raise NotAvailable(
                "The original holds attachments you are not cleared to see; open the letter instead."
            )
        if own is not None:
            self._record("download", [letter_id])
            name = f"{Path(letter.path).name.split('.')[0]}-{letter.label.replace('/', '-')}.eml"
            return Original(name, "message/rfc822", data=own)
        root = self.generation.manifest.corpus_dir
        base = Path(root).resolve() if root else None
        path = (base / letter.path).resolve() if base else None
        if base is None or path is None or not path.is_relative_to(base) or not path.is_file():
            raise NotAvailable("The original file is no longer in the corpus folder.")
        data = path.read_bytes()
        if hashlib.sha256(data).hexdigest() != letter.sha256:
            raise NotAvailable(CHANGED_SINCE_INDEXED)
        self._record("download", [letter_id])
        return Original(path.name, "application/octet-stream", data=data)

    def search(self, query: str, *, k: int = 10, filters: SearchFilters | None = None) -> SearchResult:
        self._check_origin()
        settings = self.assistant.settings
        hits = search(
            self.generation,
            self.assistant.embedder,
            query,
            k=k,
            filters=self._cleared(filters),
            **settings.search_options(),
        )
        self._record("search", _letters_of(hits), query=query)
        return SearchResult(query=query, hits=tuple(hits), generation=self.generation.name)

    def ask(
        self,
        question: str,
        *,
        history: Sequence[Turn] = (),
        filters: SearchFilters | None = None,
        k: int | None = None,
        event: str = "ask",
        **details: object,
    ) -> Answer:
        """An answer from the letters this reader may see; `event` "export" for a briefing download."""
        self._check_origin()
        cleared = self._cleared(filters)
        # Only the letters this reader may see are searched; a refusal says so, no more.
        answer = self.assistant.ask(self.generation, question, history=history, filters=cleared, k=k)
        letters = [c.letter.id for c in answer.citations] + _letters_of(answer.related)
        self._record(
            event,
            list(dict.fromkeys(letters)),
            question=question,
            history=[t.question for t in history],
            **details,
        )
        # The answer shows the filters the reader chose, not the clearance applied under them.
        return dataclasses.replace(answer, filters=dataclasses.replace(answer.filters, markings=None))

    # --- answers kept from before (conversations) ----------------------------------------
    def visible_answer(self, answer: Answer, *, event: str = "reopen") -> Answer:
        """A stored answer as this reader may see it now: citations re-checked against the current
        index (a letter they may no longer see, or whose text changed, is dropped with the statements
        resting on it); letters refreshed, so a marking changed since is the one shown. Audited."""
        return self.visible_answers([answer], event=event)[0]

    def visible_answers(self, answers: Sequence[Answer], *, event: str = "reopen") -> list[Answer]:
        """`visible_answer` for each answer of a conversation shown or exported at once: one audit
        line names every letter shown, as one reading of the conversation."""
        shown = [self._visible(a) for a in answers]
        letters = [lid for a in shown for lid in [c.letter.id for c in a.citations] + _letters_of(a.related)]
        self._record(event, list(dict.fromkeys(letters)))
        return shown

    def _visible(self, answer: Answer) -> Answer:
        kept = [
            dataclasses.replace(c, letter=lt)
            for c in answer.citations
            if (lt := self._unchanged(c.letter.id, c.start, c.end, c.quote))
        ]
        shown = {c.n for c in kept}
        statements = tuple(s for s in answer.statements if set(s.cites) <= shown)
        related = tuple(
            dataclasses.replace(h, letter=lt)
            for h in answer.related
            if (lt := self._unchanged(h.letter.id, h.passage.start, h.passage.end, h.passage.text))
        )
        answered = answer.answered and bool(statements)
        text = answer.text
        if answer.answered and len(kept) < len(answer.citations):
            text = "\n\n".join(s.text for s in statements) if answered else GONE
        return dataclasses.replace(
            answer,
            answered=answered,
            text=text,
            statements=statements,
            citations=tuple(kept),
            related=related,
        )

    def _unchanged(self, letter_id: str, start: int, end: int, quote: str) -> Letter | None:
        """The letter as it is now, if this reader may see it and its text still holds the quote there."""
        try:
            letter = self.letter(letter_id)
        except NotVisible:
            return None
        text = self.generation.store.letter_text(letter_id)
        return letter if text is not None and text[start:end] == quote else None

    def passages_of(self, answer: Answer) -> dict[int, Passage]:
        """The passage around each quote of an answer (the paragraph shown on demand), by citation n."""
        found = self.generation.store.passages([c.passage_id for c in answer.citations])
        out = {}
        for c in answer.citations:
            passage, letter = found.get(c.passage_id, (None, None))
            # A passage id from an older generation may now name another passage: check it holds the quote.
            holds = passage is not None and passage.start <= c.start and c.end <= passage.end
            if holds and letter and self._may_see(letter) and passage and passage.letter_id == c.letter.id:
                out[c.n] = passage
        return out

    def highest_marking(self, letters: Sequence[Letter]) -> str | None:
        """The most protective marking among `letters` (what a briefing quoting them must carry)."""
        marked = [lt.marking for lt in letters if lt.marking and lt.marking.strip()]
        return max(marked, key=self._levels.of_marking) if marked else None

    def parties(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """Senders and recipients of the letters this reader may see, for the filters' suggestions."""
        found = self.generation.store.letters(self._cleared(None))
        senders = sorted({lt.sender.short for lt in found if lt.sender.short}, key=str.lower)
        recipients = sorted({lt.recipient.short for lt in found if lt.recipient.short}, key=str.lower)
        return tuple(senders), tuple(recipients)


def _letters_of(hits: Sequence[Hit]) -> list[str]:
    return list(dict.fromkeys(h.letter.id for h in hits))
