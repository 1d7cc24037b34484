"""信审债权部's receivables wing: repayment schedules, aging and the five-level class, the collection
worklist and the monthly collection plan; ``ribbon`` adapts them to the 应收 buttons.

A wing imports no other wing (only ``close`` orchestrates the others).
"""
