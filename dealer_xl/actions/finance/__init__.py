"""财务部's wing: the reconciliation of each manufacturer's account (余额调节表) and the finance figures
of issue #25 — expenses against budget, manufacturer rebates, unit margin, the management P&L and the
cash plan (their arithmetic is in :mod:`dealer_xl.ledger.finance`, shared with the report packs).

A wing imports no other wing (only ``close`` orchestrates the others).
"""
