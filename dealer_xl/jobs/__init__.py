"""Scheduled delivery of report packs: the jobs file, timetables and the runner (an edge, like the CLI).

``config`` reads the jobs file, ``timing`` says when a job is due, ``producers`` names what a job
can produce (``desk`` adds the lists that cross departments), ``runner`` runs one job or the scheduler
loop; messages are built and delivered by :mod:`dealer_xl.mail` (below the actions, so an action that mails — payslips — needs no front end).
"""

from . import desk  # noqa: E402,F401  (registers the producers of the lists that cross departments, #29)
