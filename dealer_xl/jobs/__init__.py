"""Scheduled delivery of report packs: the jobs file, timetables and the runner (an edge, like the CLI).

``config`` reads the jobs file, ``timing`` says when a job is due, ``producers`` names what a job
can produce, ``runner`` runs one job or the scheduler loop; messages are built and delivered by
:mod:`dealer_xl.mail` (below the actions, so an action that mails — payslips — needs no front end).
"""
