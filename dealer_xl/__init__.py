"""dealer_xl — 经销商助手: validate, compute and report on a machinery dealer's Excel books."""

__version__ = "0.1.0"
