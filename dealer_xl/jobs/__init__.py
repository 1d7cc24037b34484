"""Scheduled delivery of report packs: the jobs file, timetables, email building and delivery.

``config`` reads the jobs file, ``timing`` says when a job is due, ``producers`` names what a job
can produce, ``mail`` renders templates and builds safe messages, ``delivery`` sends them (or keeps
them in the outbox) and remembers what was sent, ``runner`` runs one job or the scheduler loop and
delivers the demo company's reports to the outbox for the main job.
"""

from .runner import deliver_demo_reports

__all__ = ["deliver_demo_reports"]
