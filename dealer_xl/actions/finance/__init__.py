"""财务部's wing: the reconciliation of each manufacturer's account (余额调节表).

A wing imports no other wing (only ``close`` orchestrates the others).
"""
