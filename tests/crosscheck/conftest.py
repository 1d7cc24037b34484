"""The cross-check uses the receivables tests' demo books (generated once per session there)."""

from ..actions.conftest import aged_books, demo_books

__all__ = ["aged_books", "demo_books"]
