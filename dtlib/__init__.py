"""dtlib: Vietnamese provincial digital-transformation indicators against the state's targets.

>>> import dtlib
>>> ds = dtlib.load()                      # the five tables of data/, validated
>>> latest = dtlib.latest_as_of(ds, "2023-12-31")
>>> table = dtlib.attainment_table(ds, "2023-12-31")
"""
from .dataset import Dataset, load
from .errors import Problem, ValidationError
from .observations import known_observations, latest_as_of, report_date, series
from .periods import age_label, period_end
from .targets import (STATUS_LABELS, STATUSES, applicable_target, attainment, attainment_table, gap,
                      trajectory)
from .text import nfc, read_vietnamese_number, resolve_unit

__all__ = [
    "Dataset", "load", "Problem", "ValidationError", "known_observations", "latest_as_of",
    "report_date", "series", "age_label", "period_end", "STATUS_LABELS", "STATUSES",
    "applicable_target", "attainment", "attainment_table", "gap", "trajectory", "nfc",
    "read_vietnamese_number", "resolve_unit",
]
__version__ = "0.1.0"
