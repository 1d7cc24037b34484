"""The demo pipeline (``dealer-xl main``, what ``make demo`` runs): every step of dealer_xl on the
embedded demo company, in ``main_job``; one module per department's steps. Only the CLI imports it.
"""
