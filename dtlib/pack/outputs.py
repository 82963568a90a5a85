"""The briefing outputs of a pack: ``summary.md``, ``briefing.pptx`` and ``tables.xlsx``.

Written by the runner (:func:`dtlib.pack.report.build_pack`) once the notebooks have run and the
pack's tables are in place, before the front page. Each is built from the data at the report
date (:mod:`dtlib.words.findings`, :mod:`dtlib.pack.deck`, :mod:`dtlib.pack.workbook`), in the pack's
language, and written atomically (a temporary file beside it, then a rename).

One output failing does not stop the others nor lose the pack: the failure is recorded in the
manifest (``manifest["outputs"][name]``: ``status``, ``error``, and whether the previous
pack's file was kept, as a failing notebook keeps its last good output), the console names it,
and the build fails (``manifest["ok"]`` is false, the exit status non-zero).
"""
from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from pathlib import Path

import pandas as pd

from . import deck, workbook
from ..words import i18n  # as modules: the writers are looked up when called
from ..words.i18n import t
from ..data.io import atomic_path, write_text
from ..words.prose import escape_markdown
from ..data.dataset import load
from ..analysis.compare import dti_history, units_in_order
from ..words.findings import HEATMAP, caveats, key_findings
from ..analysis.lineage import comparison_set
from ..analysis.targets import attainment_table

__all__ = ["OUTPUTS", "write_briefing", "save_atomic", "pack_context", "report_date_of", "summary_markdown",
           "write_summary"]

#: The files a pack gets beside its figures and tables.
OUTPUTS = ("summary.md", "briefing.pptx", "tables.xlsx")


def save_atomic(document, path: str | Path) -> Path:
    """``document.save`` to a temporary file beside ``path``, then a rename (as :mod:`dtlib.data.io` writes).

    For a python-pptx presentation and an openpyxl workbook alike; the file gets the
    permissions a new file gets under the umask, and a failure leaves no temporary file.
    """
    with atomic_path(path) as tmp:
        document.save(tmp)
    return Path(path)


def _run(manifest: dict, notebook: str) -> dict | None:
    return next((r for r in manifest.get("runs", []) if r.get("notebook", "").startswith(notebook)
                 or r.get("name", "").startswith(notebook)), None)


def _attainment(out: Path, manifest: dict, data, when: pd.Timestamp, units: list[str]) -> pd.DataFrame:
    """The attainment table the pack's heat-map shows (``tables/attainment.csv`` of a successful run),
    else computed from the data on ``when``."""
    run = _run(manifest, "03_targets")
    path = out / "tables" / "attainment.csv"
    if run and run.get("status") == "ok" and path.exists():
        table = pd.read_csv(path, dtype={"unit": str, "indicator": str, "source": str})
        for column in ("as_of", "deadline"):
            table[column] = pd.to_datetime(table[column], errors="coerce")
        return table

    nation = list(data.units.loc[data.units["level"] == "nation", "id"])
    return attainment_table(data, when, units=[*nation, *units])


def report_date_of(manifest: dict) -> str | None:
    """The pack's report date: the manifest's ``as_of``, else the runs' ``as_of`` parameter; ``None`` if neither."""
    runs = manifest.get("runs", [])
    return manifest.get("as_of") or next((r.get("parameters", {}).get("as_of") for r in runs
                                          if r.get("parameters", {}).get("as_of")), None)


def pack_context(out: str | Path, manifest: dict, changes: pd.DataFrame | None = None,
                 revised: pd.DataFrame | None = None, data=None) -> dict:
    """What the three outputs are built from: the data, the report date, the provinces compared,
    the figures of the pack, the attainment table, the DTI history, the findings and the caveats."""

    out = Path(out)
    runs = manifest.get("runs", [])
    params = runs[0].get("parameters", {}) if runs else {}
    if data is None:
        data = load(params.get("data_dir"))
    when = pd.Timestamp(report_date_of(manifest))
    compare = (_run(manifest, "02_compare") or {}).get("parameters", {})
    units = list(compare.get("units") or comparison_set(data, when))
    figures = figure_contents(out, [f for r in runs for f in r.get("figures", []) if (out / f"{f}.json").exists()])
    attainment = _attainment(out, manifest, data, when, units)
    dti = dti_history(data, units, when, follow=compare.get("follow_mergers", True))
    found = key_findings(data, when, units, attainment=attainment, dti=dti, changes=changes, revised=revised,
                         figures=figures)
    notes = caveats(data, when, units, attainment=attainment, dti=dti)
    shown = attainment[attainment["unit"].isin(units) | attainment["unit"].isin(
        data.units.loc[data.units["level"] == "nation", "id"])]
    headline = list(dict.fromkeys(shown.loc[shown["value"].notna(), "indicator"]))
    return {"data": data, "as_of": when, "units": units, "figures": figures, "attainment": attainment, "dti": dti,
            "findings": found, "caveats": notes, "headline": headline}


def figure_contents(out: Path, names: Iterable[str]) -> dict[str, set[tuple[str, str]]]:
    """Each figure's name → the ``(unit, indicator)`` pairs it draws, from the CSV beside it
    (a unit's predecessor counts too, from a ``segment`` column: a followed series)."""
    contents = {}
    for name in dict.fromkeys(names):
        pairs: set[tuple[str, str]] = set()
        try:
            drawn = pd.read_csv(out / f"{name}.csv", dtype=str, keep_default_na=False)
        except (OSError, ValueError):
            drawn = pd.DataFrame()
        if {"unit", "indicator"} <= set(drawn.columns):
            pairs |= set(zip(drawn["unit"], drawn["indicator"]))
            if "segment" in drawn:
                pairs |= set(zip(drawn["segment"], drawn["indicator"]))
        contents[name] = pairs
    return contents


def summary_markdown(findings: list, as_of, built, notes: list = (),
                     lang: str | None = None) -> str:
    """``summary.md``: a heading with the report date, the findings as a list, each linked to its figure.

    With no finding (a store with no figure) the section says so instead of standing empty.
    A finding links to its figure on the front page (``index.html#<figure>``) and to the
    figure's PNG; one without a figure links to its table. Every sentence is escaped for
    Markdown (:func:`dtlib.words.prose.escape_markdown`): data text never becomes markup.
    """
    def item(f: Finding) -> str:
        links = []
        if f.figure:
            links = [f"[{t('summary.figure', lang)}](index.html#{f.figure})", f"[PNG]({f.figure}.png)"]
        elif f.table:
            links = [f"[{t('summary.table', lang)}]({f.table})"]
        return f"- {escape_markdown(f.text)}" + (f" ({' · '.join(links)})" if links else "")

    date = i18n.date(as_of, lang)
    lines = [f"# {escape_markdown(t('summary.title', lang, date=date))}", "",
             escape_markdown(t("summary.intro", lang, date=date, built=i18n.date(built, lang))), "",
             f"## {t('findings.title', lang)}", "",
             *([item(f) for f in findings] or [escape_markdown(t("summary.no_findings", lang))])]
    if notes:
        lines += ["", f"## {t('caveats.title', lang)}", "", *[item(f) for f in notes]]
    return "\n".join(lines) + "\n"


def write_summary(path: str | Path, findings: list, as_of, built, notes: list = (),
                  lang: str | None = None) -> Path:
    """Write :func:`summary_markdown` to ``path`` atomically; return the path."""
    write_text(path, summary_markdown(findings, as_of, built, notes, lang))
    return Path(path)


def _heatmap_units(out: Path, data) -> list[str] | None:
    """The heat-map's columns in the figure's order (nation, then provinces by name), for the deck."""

    path = out / f"{HEATMAP}.csv"
    if not path.exists():
        return None
    return units_in_order(data, pd.read_csv(path, usecols=["unit"], dtype=str)["unit"])


def _writers(out: Path, manifest: dict, ctx: dict) -> dict[str, Callable[[], object]]:

    data, lang = ctx["data"], i18n.language()
    return {
        "summary.md": lambda: write_summary(out / "summary.md", ctx["findings"], ctx["as_of"], manifest.get("built"),
                                            ctx["caveats"], lang),
        "briefing.pptx": lambda: save_atomic(deck.build_deck(
            out, manifest, ctx["findings"], ctx["caveats"], deck.key_figures(ctx["figures"], ctx["findings"],
                                                                        ctx["headline"]),
            data.sources, lang, units=_heatmap_units(out, data)), out / "briefing.pptx"),
        "tables.xlsx": lambda: save_atomic(workbook.build_workbook(out, manifest, data, lang), out / "tables.xlsx"),
    }


def write_briefing(out: str | Path, manifest: dict, changes: pd.DataFrame | None = None,
                   revised: pd.DataFrame | None = None, data=None) -> dict:
    """Write :data:`OUTPUTS` into the pack ``out``; return what the manifest keeps of them.

    Parameters
    ----------
    out
        The pack being built (its figures and ``tables/`` written).
    manifest
        ``lang``, ``as_of``, ``built`` and ``runs`` (each run's parameters and figures).
    changes, revised
        ``tables/since_last_pack.csv`` and ``tables/revisions.csv`` as frames, if any.
    data
        The data set; default: loaded from the runs' ``data_dir``.

    Returns
    -------
    dict
        ``findings`` (``[{"text", "figure"}, ...]``), ``outputs`` (file name → ``status``
        ``ok`` with ``seconds``, or ``failed`` with ``error`` and ``kept_previous``), ``ok``
        and ``seconds`` (all three). Runs without a report date (not the data set's notebooks)
        get none of the outputs: each is ``skipped``, and ``ok`` stays true.
    """
    out = Path(out)
    start = time.perf_counter()
    outputs: dict[str, dict] = {}
    found: list[dict] = []
    if not report_date_of(manifest):
        # runs that are not the data set's notebooks (the runner's own tests): nothing to brief on
        skipped = {"status": "skipped", "reason": "no report date: the runs are not a briefing of the data set"}
        return {"findings": [], "outputs": {name: dict(skipped) for name in OUTPUTS}, "ok": True, "seconds": 0.0}
    with i18n.use_language(manifest.get("lang") or i18n.DEFAULT_LANGUAGE):
        try:
            ctx = pack_context(out, manifest, changes, revised, data)
            found = [f.as_record() for f in ctx["findings"]]
            writers = _writers(out, manifest, ctx)
        except Exception as err:  # noqa: BLE001 - recorded in the manifest; the pack is kept
            writers = {name: _raiser(err) for name in OUTPUTS}
        for name, write in writers.items():
            began = time.perf_counter()
            try:
                write()
                outputs[name] = {"status": "ok", "seconds": round(time.perf_counter() - began, 2)}
            except Exception as err:  # noqa: BLE001 - one output failing must not lose the others
                outputs[name] = {"status": "failed", "error": f"{type(err).__name__}: {err}",
                                 "kept_previous": (out / name).exists()}
    return {"findings": found, "outputs": outputs, "ok": all(o["status"] == "ok" for o in outputs.values()),
            "seconds": round(time.perf_counter() - start, 2)}


def _raiser(err: Exception) -> Callable[[], None]:
    def fail() -> None:
        raise err
    return fail
