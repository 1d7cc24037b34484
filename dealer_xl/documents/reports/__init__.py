"""The reports built on :mod:`dealer_xl.documents.packs`; importing this package registers them."""

from . import admin_reminders, daily, finance, gm, receivables, sales, service, worklist

__all__ = ["admin_reminders", "daily", "finance", "gm", "receivables", "sales", "service", "worklist"]
