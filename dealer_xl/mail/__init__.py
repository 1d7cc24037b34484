"""Mail below the actions: safe messages (:mod:`.message`) and delivery with an outbox and a sent
log (:mod:`.delivery`). Actions that send mail (payslips) and the scheduled jobs both use it; it
imports nothing of dealer_xl above ``problems``.
"""
