"""Errors for people: every problem names the file, the line, the field and a hint."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one cell (or row, or file) of a table.

    ``line`` is the physical line number in the file (the header is line 1);
    ``None`` when the problem concerns the whole file (a missing column).
    """

    file: str
    line: int | None
    field: str | None
    message: str
    hint: str = ""

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f" line {self.line}"
        if self.field:
            where += f", field '{self.field}'"
        text = f"{where}: {self.message}"
        if self.hint:
            text += f" ({self.hint})"
        return text


class ValidationError(ValueError):
    """Raised when a table does not satisfy its schema; carries every problem found.

    >>> str(ValidationError([Problem("data/units.csv", 3, "level", "'state' is not a level",
    ...                              "use one of: nation, province")]))
    "data/units.csv line 3, field 'level': 'state' is not a level (use one of: nation, province)"
    """

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=lambda p: (p.file, p.line or 0, p.field or ""))
        super().__init__("\n".join(str(p) for p in self.problems))

    def __len__(self) -> int:
        return len(self.problems)


class UsageError(ValueError):
    """A command cannot start: a missing file or folder, an argument it cannot use.

    The message is one line for a person, e.g. ``new.csv: no such file``.
    """


class StoreBusy(RuntimeError):
    """Another run kept the data folder locked for longer than this run was willing to wait."""
