"""The month-end close: runs the month's steps of the other wings (``steps``), archives the books and
reports (``archive``), locks the month and records it (``log``); ``ribbon`` is the 月末结账 button.

The only wing that imports others: it orchestrates them.
"""
