"""The one shape every user action returns, so the CLI and the ribbon each need one adapter.

:class:`Result` is a protocol: ``summary()`` gives the Chinese lines a person reads, ``records()``
the rows a program reads (``--format json``: keys as the issues name them, money under ``*_fen``
keys in integer fen where an issue says so), ``problems`` the data problems found on the way (an
错误 among them makes the CLI exit 1) and ``paths`` the files written. :class:`Outcome` is the
plain implementation a new action can return when it needs nothing more.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from ..problems import Problem, Severity


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
