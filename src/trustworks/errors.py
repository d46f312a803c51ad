"""Every error Trustworks raises on purpose, in one tree.

TrustworksError                 base: the CLI prints its message and exits 2
├── InputError                  a conversation or message could not be read
│   ├── InputTooLargeError      larger than the configured size cap
│   ├── EncodingError           bytes that are not text in any encoding we accept
│   └── FormatError             text that is not valid in the detected/chosen format
├── CatalogueError              a signal catalogue file is invalid (names file and id)
├── UnknownSignalError          a signal id that is not in the catalogue
├── QuestionnaireError          an assessment questionnaire file is invalid (names file and item)
├── AnswersError                answers that are incomplete or name unknown items/options
├── OutputError                 a file could not be written (disk full...); nothing half-written
├── BatchError                  a batch run cannot start or resume (names the output and why)
├── MailboxError                a mailbox cannot be read (server, login, folder or .mbox file)
└── LedgerError                 the relationship ledger refused a request
    ├── DatabaseError           the database cannot be opened, is not ours, or failed a request
    │   ├── SchemaTooNewError   written by a newer Trustworks than this one
    │   ├── DatabaseBusyError   another process held the lock longer than we wait (try again)
    │   ├── DatabaseFullError   the disk is full or failing: the write was rolled back
    │   ├── ReadOnlyDatabaseError  the file, folder or server refuses writes
    │   └── CorruptDatabaseError   a damaged file, or a stored value that cannot be read
    ├── NotFoundError           an id or name that is not in the ledger
    ├── ConflictError           a duplicate name, or a change that breaks a rule of the ledger
    ├── NotAllowedError         a change only the record's owner or their manager may make
    ├── FieldError              a value that is not valid for its field (names the field)
    └── ImportFileError         an import file with bad rows (names every line and problem)
"""

from __future__ import annotations

from trustworks.plural import counted


class TrustworksError(Exception):
    """Base class of every error Trustworks raises on purpose."""


class InputError(TrustworksError):
    """A conversation could not be read; names the source, the line and the problem."""

    def __init__(self, source: str, problem: str, line: int | None = None) -> None:
        self.source = source
        self.problem = problem
        self.line = line
        where = f"{source}:{line}" if line is not None else source
        super().__init__(f"{where}: {problem}")


class InputTooLargeError(InputError):
    """The input is larger than the size cap."""


class EncodingError(InputError):
    """The bytes are not text in any accepted encoding."""


class FormatError(InputError):
    """The text is not valid in its format (malformed cue, bad JSON, unknown format...)."""


class CatalogueError(TrustworksError):
    """A catalogue file is invalid; names the file and the signal id."""

    def __init__(self, file: str, problem: str, signal_id: str | None = None) -> None:
        self.file = file
        self.signal_id = signal_id
        self.problem = problem
        where = f"{file} [{signal_id}]" if signal_id else file
        super().__init__(f"{where}: {problem}")


class UnknownSignalError(TrustworksError):
    """A signal id that is not in the catalogue."""


class QuestionnaireError(TrustworksError):
    """A questionnaire file is invalid; names the file and the item id."""

    def __init__(self, file: str, problem: str, item_id: str | None = None) -> None:
        self.file = file
        self.item_id = item_id
        self.problem = problem
        where = f"{file} [{item_id}]" if item_id else file
        super().__init__(f"{where}: {problem}")


class AnswersError(TrustworksError):
    """Answers to a questionnaire that cannot be scored; lists every "item: problem"."""

    def __init__(self, source: str, problems: list[tuple[str, str]]) -> None:
        self.source = source
        self.problems = problems
        lines = [f"{source} [{item}]: {problem}" for item, problem in problems]
        super().__init__(
            f"{counted(len(problems), 'problem')}, nothing recorded\n" + "\n".join(lines)
        )


class OutputError(TrustworksError):
    """A file could not be written (full disk, no permission); names the file and why."""

    def __init__(self, target: str, problem: str) -> None:
        self.target = target
        self.problem = problem
        super().__init__(f"{target}: {problem}")


class BatchError(TrustworksError):
    """A batch run cannot start or resume: no inputs, or an output written with other settings."""


class MailboxError(TrustworksError):
    """A mailbox cannot be read: bad host, refused login, no such folder, not an .mbox file."""


class LedgerError(TrustworksError):
    """The relationship ledger refused a request; nothing was changed."""


class DatabaseError(LedgerError):
    """The database cannot be opened, or is not a Trustworks ledger."""


class SchemaTooNewError(DatabaseError):
    """The database was written by a newer Trustworks than this one."""


class DatabaseBusyError(DatabaseError):
    """Another process held the database's lock for longer than we wait; nothing was written."""

    retry_after = 5  # seconds a client should wait before trying again


class DatabaseFullError(DatabaseError):
    """The disk is full or cannot be written; the whole write was rolled back."""


class ReadOnlyDatabaseError(DatabaseError):
    """The database file, its folder or the server refuses writes; reading still works."""


class CorruptDatabaseError(DatabaseError):
    """The database file is damaged, or a stored value cannot be read (names table, row, column)."""

    def __init__(self, message: str, problem: str | None = None) -> None:
        self.problem = problem or message  # what is damaged, without where or what to do
        super().__init__(message)


class NotFoundError(LedgerError):
    """An id or name that is not in the ledger."""


class ConflictError(LedgerError):
    """A duplicate name, or a change that would break one of the ledger's rules."""


class NotAllowedError(LedgerError):
    """A change to a record that only its owner (or their manager) may make."""


class FieldError(LedgerError):
    """A value that is not valid for its field; names the field and the problem."""

    def __init__(self, field: str, problem: str) -> None:
        self.field = field
        self.problem = problem
        super().__init__(f"{field}: {problem}")


class ImportFileError(LedgerError):
    """An import file with invalid rows; the message lists each "file:line: problem"."""

    def __init__(self, source: str, problems: list[tuple[int | None, str]]) -> None:
        self.source = source
        self.problems = problems
        lines = [
            f"{source}:{line}: {p}" if line is not None else f"{source}: {p}"
            for line, p in problems
        ]
        shown = lines[:20]
        if len(lines) > len(shown):
            shown.append(f"... and {len(lines) - len(shown)} more")
        super().__init__(
            f"{counted(len(problems), 'problem')}, nothing imported\n" + "\n".join(shown)
        )
