"""The payroll wing (财务部 with 综合管理部's attendance): the month's payroll by cumulative withholding
(``run``, with its inputs in ``inputs``) and the hand-on files — payslips, bank file, tax list,
summary (``outputs``, ``slips``); ``ribbon`` adapts them to the 工资 buttons.

A wing imports no other wing (only ``close`` orchestrates the others).
"""
