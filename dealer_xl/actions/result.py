"""The one shape every user action returns, so the CLI and the ribbon each need one adapter.

:class:`Result` is a protocol: ``summary()`` gives the Chinese lines a person reads, ``records()``
the rows a program reads (``--format json``: keys as the issues name them, money under ``*_fen``
keys in integer fen where an issue says so), ``problems`` the data problems found on the way (an
错误 among them makes the CLI exit 1). Optional: ``paths`` (or ``workbook``/``snapshot``) the files
written, which the ribbon offers to open; ``as_json()`` when an issue names an object rather than a
list for ``--format json``; ``problems_in_summary = True`` when ``summary()`` already lists the
problems (the CLI then does not list them again).

The two adapters: :func:`dealer_xl.console.emit` (the CLI: summary or JSON on stdout, exit code from
the problems) and :func:`dealer_xl.actions.adapters.result_of` (the ribbon: one
:class:`~dealer_xl.actions.book.ActionResult`). :class:`Outcome` is the plain implementation a new
action can return when it needs nothing more; :class:`DocumentsResult` that of a batch of documents.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from ..problems import Code, Problem, Severity


@runtime_checkable
class Result(Protocol):
    """What an action did (see the module docstring)."""

    problems: list[Problem]

    def summary(self) -> list[str]: ...

    def records(self) -> list[dict[str, Any]]: ...


@dataclass
class Outcome:
    """A plain :class:`Result`.

    Attributes:
        lines: the Chinese summary lines.
        rows: the records (``--format json``).
        problems: data problems found.
        paths: files written.
    """

    lines: list[str] = field(default_factory=list)
    rows: list[dict[str, Any]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    paths: list[Path] = field(default_factory=list)

    def summary(self) -> list[str]:
        """The Chinese lines a person reads."""
        return list(self.lines)

    def records(self) -> list[dict[str, Any]]:
        """The rows a program reads."""
        return list(self.rows)

    @property
    def errors(self) -> int:
        """How many 错误 are among the problems."""
        return sum(p.severity is Severity.ERROR for p in self.problems)


@dataclass
class DocumentsResult:
    """A batch of documents (contracts, letters, notices): what was written and what was not, and why.

    Attributes:
        written: the documents written (each with its ``docx`` and ``pdf``).
        errors: one Chinese line per document not written (the missing data named).
    """

    written: list[Any] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    problems_in_summary = True

    @property
    def problems(self) -> list[Problem]:
        """Each document not written, as an 错误 (so the command exits 1)."""
        return [Problem("", "", None, "", "", Severity.ERROR, Code.REQUIRED, e) for e in self.errors]

    @property
    def paths(self) -> list[Path]:
        return [p for d in self.written for p in (d.docx, d.pdf) if p]

    def summary(self) -> list[str]:
        lines = [f"已生成 {d.docx}" + (f"（PDF：{d.pdf.name}）" if d.pdf else "") for d in self.written]
        lines += [f"未生成：{e}" for e in self.errors]
        return lines or ["没有需要生成的文书"]

    def records(self) -> list[dict[str, Any]]:
        return [{"docx": str(d.docx), "pdf": str(d.pdf) if d.pdf else None} for d in self.written]


class Refusing:
    """What a result whose ``refused`` maps each unit (a contract, a salesperson, a claim …) to the 错误
    that stopped it (the input gate) shares: those 错误 as its ``problems`` (so the command exits 1) and
    the ``--format json`` record of each refused unit."""

    refused: dict[str, tuple[Problem, ...]]

    @property
    def problems(self) -> list[Problem]:
        return [p for found in self.refused.values() for p in found]

    def refusal_records(self, key: str) -> list[dict[str, Any]]:
        """``{key: unit, "refused": True, "problems": [...]}`` per refused unit."""
        from ..ledger.gate import problem_record

        return [{key: unit, "refused": True, "problems": [problem_record(p) for p in found]}
                for unit, found in self.refused.items()]

