"""Where the folders shipped with dealer_xl are: ``templates/``, ``macros/`` and ``examples/``.

In a checkout (and an editable install) they are the top-level folders of the repository; an
installed wheel carries the same files as ``dealer_xl/_shipped/<name>`` (see pyproject.toml).
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
NAMES = ("templates", "macros", "examples")


def folder(name: str) -> Path:
    """The folder ``name`` (one of :data:`NAMES`) from the checkout, else from the installed wheel."""
    if name not in NAMES:
        raise ValueError(f"unknown resource folder {name!r}")
    checkout = _PACKAGE.parent / name
    if checkout.is_dir():
        return checkout
    return _PACKAGE / "_shipped" / name
