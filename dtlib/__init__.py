"""dtlib: Vietnamese provincial digital-transformation indicators against the state's targets.

>>> import dtlib
>>> ds = dtlib.load()                      # the five tables of data/, validated
>>> latest = dtlib.latest_as_of(ds, "2023-12-31")
>>> table = dtlib.attainment_table(ds, "2023-12-31")
"""
import importlib

# The public names, imported when first used (PEP 562), so that `python -m dtlib` starts in its
# own code: a Ctrl-C while pandas loads then ends in one line, not a traceback (dtlib/__main__.py).
_FROM = {"dataset": ("Dataset", "load"), "errors": ("Problem", "ValidationError"),
         "observations": ("known_observations", "latest_as_of", "report_date", "series"),
         "periods": ("age_label", "period_end"),
         "formats": ("STATUS_LABELS",),
         "targets": ("STATUSES", "applicable_target", "attainment", "attainment_table", "gap",
                     "trajectory"),
         "text": ("nfc", "read_vietnamese_number", "resolve_unit")}
_MODULE_OF = {name: module for module, names in _FROM.items() for name in names}


def __getattr__(name: str):
    """A public name (``dtlib.load``) or a module (``dtlib.targets``), imported on first use."""
    if name in _MODULE_OF:
        value = getattr(importlib.import_module(f".{_MODULE_OF[name]}", __name__), name)
        globals()[name] = value
        return value
    if not name.startswith("__"):
        try:
            return importlib.import_module(f".{name}", __name__)
        except ModuleNotFoundError as err:
            if err.name != f"{__name__}.{name}":
                raise
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


__all__ = [
    "Dataset", "load", "Problem", "ValidationError", "known_observations", "latest_as_of",
    "report_date", "series", "age_label", "period_end", "STATUS_LABELS", "STATUSES",
    "applicable_target", "attainment", "attainment_table", "gap", "trajectory", "nfc",
    "read_vietnamese_number", "resolve_unit",
]
__version__ = "0.1.0"
