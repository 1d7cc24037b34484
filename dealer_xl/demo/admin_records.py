"""Records of the demo's 综合管理台账: one frozen dataclass per sheet with exactly its fields.

:data:`RECORDS` is built from :mod:`dealer_xl.schema.admin`, so the records follow the schema's
fields and order; :func:`record` makes one with the given values and every other field None.
"""

from __future__ import annotations

from dataclasses import make_dataclass

from ..schema import book

RECORDS = {spec.key: make_dataclass(f"Admin_{spec.key}", spec.fields, frozen=True, slots=True)
           for spec in book("admin").sheets}


def record(sheet: str, **values):
    """A record of ``sheet`` with ``values`` (every other field None)."""
    cls = RECORDS[sheet]
    unknown = set(values) - set(cls.__dataclass_fields__)
    if unknown:
        raise KeyError(f"{sheet} has no field {sorted(unknown)}")
    return cls(**{f: values.get(f) for f in cls.__dataclass_fields__})
