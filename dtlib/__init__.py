"""dtlib: Vietnamese provincial digital-transformation indicators against the state's targets.

>>> import dtlib
>>> ds = dtlib.load()                      # the five tables of data/, validated
>>> latest = dtlib.latest_as_of(ds, "2023-12-31")
>>> table = dtlib.attainment_table(ds, "2023-12-31")
"""
import importlib
import importlib.abc
import importlib.util
import sys

#: Each module's package (its layer, ARCHITECTURE.md). The flat names of before issue 22
#: (``dtlib.targets``, ``import dtlib.notebook as nb``) stay importable for one release: they are
#: the same module objects as ``dtlib.analysis.targets`` and ``dtlib.briefing.notebook``.
LAYOUT = {
    "data": ("errors", "text", "vocab", "paths", "io", "locks", "periods", "schema", "store", "dataset"),
    "analysis": ("observations", "verdict_rules", "targets", "verdicts", "lineage", "compare", "reorganisation",
                 "changes"),
    "intake": ("inputs", "ingest", "extract", "extract_context", "extract_match", "extract_patterns"),
    "words": ("messages", "i18n", "formats", "names", "prose", "captions", "findings", "tables"),
    "figures": ("colours", "style", "plots", "heatmaps", "trend_panels", "figure_files", "font_subsets", "glyphs",
                "phone", "text_metrics"),
    "briefing": ("run", "trends", "notebook"),
    "pack": ("report", "worker", "outputs", "front_page", "deck", "workbook", "rebuild", "publish"),
}
_MOVED = {f"{__name__}.{module}": f"{__name__}.{package}.{module}"
          for package, modules in LAYOUT.items() for module in modules}


class _Alias(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Imports ``dtlib.<module>`` (the flat layout) as the module of its layer, the same object."""

    def find_spec(self, fullname, path=None, target=None):
        return importlib.util.spec_from_loader(fullname, self) if fullname in _MOVED else None

    def create_module(self, spec):
        return importlib.import_module(_MOVED[spec.name])

    def exec_module(self, module):
        pass


if not any(isinstance(finder, _Alias) for finder in sys.meta_path):
    sys.meta_path.insert(0, _Alias())

# The public names, imported when first used (PEP 562), so that `python -m dtlib` starts in its
# own code: a Ctrl-C while pandas loads then ends in one line, not a traceback (dtlib/__main__.py).
_FROM = {"data.dataset": ("Dataset", "load"), "data.errors": ("Problem", "ValidationError"),
         "analysis.observations": ("known_observations", "latest_as_of", "report_date", "series"),
         "data.periods": ("age_label", "period_end"),
         "words.formats": ("STATUS_LABELS",),
         "analysis.targets": ("STATUSES", "applicable_target", "attainment", "attainment_table", "gap",
                              "trajectory"),
         "data.text": ("nfc", "read_vietnamese_number", "resolve_unit")}
_MODULE_OF = {name: module for module, names in _FROM.items() for name in names}


def __getattr__(name: str):
    """A public name (``dtlib.load``) or a module (``dtlib.targets``, ``dtlib.analysis``), imported on first use."""
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
