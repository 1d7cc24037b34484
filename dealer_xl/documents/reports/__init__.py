"""The reports built on :mod:`dealer_xl.documents.packs`; importing this package registers them."""

from . import daily, finance, gm, receivables, sales, service, worklist

__all__ = ["daily", "finance", "gm", "receivables", "sales", "service", "worklist"]
