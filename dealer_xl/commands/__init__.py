"""Command groups of the ``dealer-xl`` CLI, one module per area, discovered by :mod:`dealer_xl.cli`.

Each module defines ``register(sub)`` taking the argparse sub-parsers object and adding its
commands; each command function takes the parsed arguments and returns the exit code. Commands stay
a few lines over :mod:`dealer_xl.actions`; printing helpers live in :mod:`dealer_xl.cli`.
"""
