"""综合管理部's wing: one reminder list of everything due (``admin reminders``), the fixed-asset
register with depreciation and the asset count (``admin assets``), vehicle costs (``admin vehicles``)
and the archives with their destruction list (``admin archives``); ``ribbon`` adapts them to the
综合 buttons. The figures they show are computed in :mod:`dealer_xl.ledger` (reminders, assets,
vehicle_costs, archives), so the GM pack and ``finance pnl`` use the same definitions.

A wing imports no other wing (only ``close`` orchestrates the others).
"""
