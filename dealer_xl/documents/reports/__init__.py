"""The reports built on :mod:`dealer_xl.documents.packs`; importing this package registers them."""

from . import daily, receivables, sales, worklist

__all__ = ["daily", "receivables", "sales", "worklist"]
