"""售后服务部's wing: warranty claims, claim and old-parts deadlines, settlement against the
manufacturer's statement, callbacks and technician piece pay; ``ribbon`` adapts them to the 售后 buttons.

A wing imports no other wing (only ``close`` orchestrates the others).
"""
