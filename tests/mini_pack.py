"""A small briefing pack written by hand from the mini data set, for the briefing-output tests.

Two figures (a PNG, its JSON and the CSV of the values it draws, naming their sources), the
attainment table computed from the data, and a table with cells a spreadsheet would run as
formulas. Building it takes a fraction of a second, unlike a real pack (``built_pack``).
"""
from __future__ import annotations

import csv
import json
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

import dtlib  # noqa: E402
from dtlib.data.io import neutralise_formula, write_export  # noqa: E402

AS_OF = "2023-12-31"
UNITS = ["lao-cai", "lai-chau"]
#: Cells a spreadsheet would run, and one that only looks like a sign (a number).
PLANTED = ["=HYPERLINK(\"http://x\",\"y\")", "+SUM(1,2)", "-2+3", "@cmd", "\tTAB", "\rCR", "-5"]


def _figure(out: Path, name: str, caption: str, values: pd.DataFrame, aspect=(6, 3)) -> None:
    fig, ax = plt.subplots(figsize=aspect, dpi=50)
    ax.plot([0, 1], [0, 1])
    fig.savefig(out / f"{name}.png")
    plt.close(fig)
    write_export(values, out / f"{name}.csv")
    (out / f"{name}.json").write_text(json.dumps(
        {"name": name, "caption": caption, "source": "Source: fallback line", "png": f"{name}.png",
         "svg": f"{name}.svg", "csv": f"{name}.csv"}, ensure_ascii=False), encoding="utf-8")


def write_mini_pack(out: Path, data: dtlib.Dataset, lang: str = "vi") -> dict:
    """Write the pack into ``out``; return its manifest (as the runner would pass it on)."""
    from dtlib.analysis.compare import dti_history

    out.mkdir(parents=True, exist_ok=True)
    attainment = dtlib.attainment_table(data, AS_OF, units=["vietnam", *UNITS, "bao-thang"])
    write_export(attainment, out / "tables" / "attainment.csv")
    # quoted, so that the carriage return stays inside its cell (export_csv leaves it unquoted)
    pd.DataFrame({"unit": ["lao-cai"] * len(PLANTED), "note": [neutralise_formula(c) for c in PLANTED],
                  "value": range(len(PLANTED))}).to_csv(out / "tables" / "planted.csv", index=False,
                                                        quoting=csv.QUOTE_NONNUMERIC)
    write_export(pd.DataFrame({"unit": ["lao-cai"], "indicator": ["dossiers_online_province_pct"],
                               "as_of": ["2023-10-20"], "value": [93.0], "source": ["bao-a"]}),
                 out / "tables" / "pack_observations.csv")
    # the heat-map's values as the notebook writes them (dtlib.briefing.notebook.attainment): with the
    # indicators' metadata and the names in the pack's language
    from dtlib.words import captions
    from dtlib.analysis.compare import with_indicators

    drawn = with_indicators(attainment, data)
    drawn = drawn.assign(unit_name=drawn["unit"].map(captions.unit_names(data, lang)),
                         indicator_name=drawn["indicator"].map(captions.indicator_names(data, lang)))
    _figure(out, "targets_heatmap", "Attainment, mini", drawn, aspect=(3, 5))
    dti = dti_history(data, UNITS, AS_OF)
    _figure(out, "compare_dti_history", "DTI, mini", dti)
    params = {"as_of": AS_OF, "data_dir": str(data.root), "lang": lang}
    runs = [
        {"name": "02_compare", "notebook": "02_compare.ipynb", "status": "ok", "seconds": 1.0,
         "parameters": {**params, "units": UNITS, "follow_mergers": True}, "figures": ["compare_dti_history"]},
        {"name": "03_targets", "notebook": "03_targets.ipynb", "status": "ok", "seconds": 1.0,
         "parameters": {**params, "units": ["vietnam", *UNITS, "bao-thang"]}, "figures": ["targets_heatmap"]},
    ]
    return {"built": "2024-01-15T10:00:00", "as_of": AS_OF, "lang": lang, "ok": True, "runs": runs}
