"""销售部's wing: the stock count against the manufacturer's list and the branch count sheet;
``ribbon`` adapts the contract, daily and monthly sales reports to the 销售 buttons.

A wing imports no other wing (only ``close`` orchestrates the others).
"""
