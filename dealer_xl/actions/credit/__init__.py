"""信审债权部's credit wing: credit grades, the 呆死帐追缴 list, write-offs and the repossession papers;
``ribbon`` adapts them to the buttons.

A wing imports no other wing (only ``close`` orchestrates the others).
"""
