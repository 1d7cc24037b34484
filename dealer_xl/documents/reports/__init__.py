"""The reports built on :mod:`dealer_xl.documents.packs`; importing this package registers them."""

from . import daily, gm, receivables, sales, service, worklist

__all__ = ["daily", "gm", "receivables", "sales", "service", "worklist"]
