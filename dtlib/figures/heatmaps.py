"""The heat-maps, drawn with ``seaborn.heatmap``: attainment of targets and coverage of indicators.

Both put indicators in rows and units in columns, write in each cell what it means (value,
month and status in words; number of figures and month of the latest) and leave a cell empty
where there is nothing to colour (no target, no figure). Words in the language in use.

Drawn for a phone (:func:`dtlib.figures.phone.narrow`), each indicator (and, in the coverage matrix, each
pillar) is named in a row above its cells rather than beside them, the cells' words are at
least :data:`dtlib.figures.phone.MIN_PHONE_POINTS`, and a column keeps :data:`PHONE_COLUMN` inches: a
grid of more columns than 4.2 inches hold is drawn wider (the front page lets it scroll).
"""
from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.colors import ListedColormap
from matplotlib.patches import Patch, Rectangle

from ..words import i18n
from ..analysis.compare import coverage_grid
from ..analysis.observations import STALE_AFTER_DAYS
from .phone import MIN_PHONE_POINTS, chars_across, figure_width, name_rows, narrow, redrawable
from .style import (GREY, LIGHT_GREY, OKABE_ITO, STATUS_COLOURS, _label, _names, _new_ax, _stale, _wrap,
                     format_month, format_value, indicator_column, status_label, status_short)
from ..analysis.targets import STATUSES
from ..data.vocab import PILLARS

__all__ = ["attainment_heatmap", "attainment_cell", "unreported_indicators", "coverage_matrix"]


def _cells(ax: Axes):
    """The seaborn heat-map's mesh of cells (gid ``cells``)."""
    return next(c for c in ax.collections if c.get_gid() == "cells")


#: Inches a column of cells takes on a phone (dtlib.figures.phone): a grid of more columns than 4.2 in hold
#: is drawn wider, and scrolls sideways on the page.
PHONE_COLUMN = {"attainment": 0.8, "coverage": 0.46}


def _phone_width(n_columns: int, kind: str) -> float:
    return max(figure_width(), n_columns * PHONE_COLUMN[kind] + 0.3)


def _with_name_rows(codes: np.ndarray, words: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """On a phone: an empty row above each row of cells (rows ``0, 2, 4`` ...), to write its name in."""
    spaced = np.full((2 * codes.shape[0], codes.shape[1]), np.nan)
    spaced[1::2] = codes
    texts = np.full(spaced.shape, "", dtype=object)
    texts[1::2] = words
    return spaced, texts


def unreported_indicators(table: pd.DataFrame) -> list[str]:
    """The indicators of an attainment table that no unit has a figure for, in the table's order.

    The heat-map leaves them out when some indicator has a figure, and names them instead
    (:func:`dtlib.words.captions.unreported_targets`); the deck's tables of it do the same.

    >>> unreported_indicators(pd.DataFrame({"indicator": ["a", "b", "a"], "value": [None, None, 3.0]}))
    ['b']
    """
    reported = set(table.loc[table["value"].notna(), "indicator"])
    return [i for i in dict.fromkeys(table["indicator"]) if i not in reported]


def _qualifier(row) -> str:
    qualifier = row.get("qualifier")
    return qualifier if isinstance(qualifier, str) else ""


def attainment_cell(row, stale: bool = False, lang: str | None = None) -> str:
    """The words of one cell of the attainment heat-map: value, month ("stale" when over a year
    old), status, and the verdict of a target fallen due (also the deck's table of it).

    >>> attainment_cell({"status": "met", "value": 100.0, "as_of": "2025-12-31", "measure": "percent",
    ...                  "verdict": "met"}, lang="en")
    '100%\\n12/2025\\nmet\\ndue: met'
    """
    text = status_short(str(row["status"]), lang)
    value = row.get("value")
    if value is not None and not pd.isna(value):
        when = format_month(row.get("as_of"), lang) + (f" · {i18n.t('fig.stale_cell', lang)}" if stale else "")
        shown = format_value(float(value), str(row.get("measure") or ""), rank_of=row.get("rank_of"),
                             qualifier=_qualifier(row), lang=lang, label=True)
        text = f"{shown}\n{when}\n{text}"
    verdict = row.get("verdict")
    if isinstance(verdict, str) and verdict:
        text += "\n" + i18n.t(f"verdict_short.{verdict}", lang)
    return text


@redrawable
def attainment_heatmap(table: pd.DataFrame, *, units: list[str] | None = None, indicators: list[str] | None = None,
                       as_of=None, unit_names: dict[str, str] | None = None, ax: Axes | None = None) -> Axes:
    """Indicators (rows) by units (columns), drawn with ``seaborn.heatmap``: each cell coloured by status
    and written with value, date and status in words.

    A unit to which no target of the indicator applies gets an empty cell ("no target"). A row
    with a ``verdict`` (its target has fallen due) says it on a last line ("due: met").
    With ``as_of`` (the report date) a value over :data:`STALE_AFTER_DAYS` old says "stale".
    ``unit_names`` maps ids to printed names (default: the ``unit_name`` column, else the id).
    The cells are one mesh with gid ``cells``; its unmasked entries are the unit-target pairs.
    """
    import seaborn as sns

    units = list(units or table["unit"].unique())
    indicators = list(indicators or table["indicator"].unique())
    judged = "verdict" in table and table["verdict"].fillna("").astype(str).ne("").any()
    phone = narrow()    # on a phone (dtlib.figures.phone): each indicator named in a row above its cells
    if phone:
        ax = ax or _new_ax(_phone_width(len(units), "attainment"), 2 * (0.6 if judged else 0.5) * len(indicators) + 1.9)
    else:
        ax = ax or _new_ax(None, (0.54 if judged else 0.44) * len(indicators) + 1.9)
    table = table.assign(_stale=_stale(table, as_of) & table["value"].notna())
    cells = table.drop_duplicates(["indicator", "unit"]).set_index(["indicator", "unit"])
    names = _names(table, unit_names)
    codes = np.full((len(indicators), len(units)), np.nan)
    words = np.full(codes.shape, "", dtype=object)
    for i, ind in enumerate(indicators):
        for j, unit in enumerate(units):
            if (ind, unit) not in cells.index:
                continue
            row = cells.loc[(ind, unit)]
            codes[i, j] = STATUSES.index(row["status"])
            words[i, j] = attainment_cell(row, bool(row["_stale"]))
    palette = ListedColormap([STATUS_COLOURS[s] for s in STATUSES])
    crowded = len(units) > 6 and not phone  # eight columns (the reorganisation's pairs): smaller words, narrower names
    empty = np.isnan(codes)
    if phone:
        codes, words = _with_name_rows(codes, words)
    sns.heatmap(codes, mask=np.isnan(codes), cmap=palette, vmin=-0.5, vmax=len(STATUSES) - 0.5, cbar=False,
                annot=words, fmt="", annot_kws={"fontsize": MIN_PHONE_POINTS if phone else 5.9 if crowded else 6.8,
                                                "linespacing": 1.15},
                linewidths=1.5,
                linecolor="white", ax=ax)
    ax.collections[-1].set_gid("cells")
    gaps = False
    for i, j in zip(*np.where(empty)):
        gaps = True
        y = 2 * i + 1 if phone else i
        ax.add_patch(Rectangle((j, y), 1, 1, facecolor="white", edgecolor="#E0E0E0", gid="no-target"))
        ax.text(j + 0.5, y + 0.5, _wrap(i18n.t("fig.no_target"), 10) if phone else i18n.t("fig.no_target"),
                ha="center", va="center",
                fontsize=MIN_PHONE_POINTS if phone else 5.5 if crowded else 6.5, color=LIGHT_GREY)
    ax.set_xticks(np.arange(len(units)) + 0.5)
    ax.set_xticklabels([_wrap(names.get(u, u), 11 if phone else 12 if crowded else 16) for u in units], rotation=0,
                       fontsize=7.5 if phone else 7 if crowded else 8)
    ax.xaxis.tick_top()
    ind_names = table.drop_duplicates("indicator").set_index("indicator")
    column = indicator_column(table)
    width = ax.figure.get_size_inches()[0]
    if phone:
        name_rows(ax, np.arange(len(indicators)) * 2 + 0.92,       # just above the row's cells
                  [_label(ind_names.loc[i], column, "indicator", chars_across(width)) if i in ind_names.index else i
                   for i in indicators], va="bottom")
    else:
        ax.set_yticks(np.arange(len(indicators)) + 0.5)
        ax.set_yticklabels([_label(ind_names.loc[i], column, "indicator", 48) if i in ind_names.index else i
                            for i in indicators], rotation=0, fontsize=8)
    ax.tick_params(length=0)
    shown = [s for s in STATUSES if s in set(table["status"])]
    key = min(56, chars_across(width - 0.4, 7.5))
    handles = [Patch(facecolor=STATUS_COLOURS[s], edgecolor=GREY, lw=0.4,
                     label=_wrap(i18n.t("fig.status_key", short=status_short(s), label=status_label(s)), key))
               for s in shown]
    if table["_stale"].any():
        handles.append(Patch(facecolor="white", edgecolor="white",
                             label=_wrap(i18n.t("fig.stale_legend", days=STALE_AFTER_DAYS), key)))
    if gaps:
        handles.append(Patch(facecolor="white", edgecolor=LIGHT_GREY, lw=0.8,
                             label=_wrap(i18n.t("fig.no_target_legend"), key)))
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(0, -0.01), ncol=1 if phone else 2, fontsize=7.5)
    return ax


def _phone_rows(pillars: list) -> tuple[list[int], list[int], int]:
    """A phone's rows of the coverage matrix, for indicators of ``pillars`` (in order): each pillar's name
    in a row, then each indicator's name in a row above its cells. Returns the rows of the indicators'
    cells, the rows naming a pillar, and the number of rows."""
    cells, heads, row, last = [], [], 0, object()
    for pillar in pillars:
        if pillar != last:
            heads.append(row)
            row, last = row + 1, pillar
        cells.append(row + 1)
        row += 2
    return cells, heads, row


@redrawable
def coverage_matrix(obs: pd.DataFrame, *, units: list[str] | None = None, unit_names: dict[str, str] | None = None,
                    ax: Axes | None = None) -> Axes:
    """Indicators (rows) by units (columns), drawn with ``seaborn.heatmap``: how many figures each
    unit reports and the latest one's month.

    Parameters
    ----------
    obs
        Observations (:func:`dtlib.known_observations`): ``unit``, ``indicator``, ``as_of``,
        ``source``, and ``pillar``/``indicator_vi``/``indicator_en``/``unit_name`` when known.
    units
        Columns in this order (default: every unit with a figure).
    unit_names
        Unit id → name to print (default: the ``unit_name`` column, else the id).

    The cells are one mesh with gid ``cells``; its unmasked entries are the unit-indicator
    pairs with a figure. Pillars are named at the right, in the language in use.
    """
    import seaborn as sns

    grid = coverage_grid(obs)
    units = list(units or grid["unit"].unique())
    grid = grid[grid["unit"].isin(units)]
    labels = obs.drop_duplicates("indicator").set_index("indicator")
    column = indicator_column(labels)
    order = grid.drop_duplicates("indicator")
    order = order.assign(_p=order["pillar"].map({p: i for i, p in enumerate(PILLARS)}),
                         _l=order["indicator"].map(labels[column]) if column in labels
                         else order["indicator"]).sort_values(["_p", "pillar", "_l"])
    indicators = list(order["indicator"])
    phone = narrow()    # on a phone (dtlib.figures.phone): each pillar and each indicator named in a row above its cells
    at, pillar_rows, n_rows = _phone_rows(list(order["pillar"])) if phone else (list(range(len(indicators))), [],
                                                                                 len(indicators))
    if phone:
        ax = ax or _new_ax(_phone_width(len(units), "coverage"), 0.3 * n_rows + 1.5)
    else:
        ax = ax or _new_ax(None, 0.25 * len(indicators) + 1.3)
    shades = {1: "#CFE8F7", 2: OKABE_ITO["sky_blue"], 3: OKABE_ITO["blue"]}
    counts = np.full((max(1, n_rows), max(1, len(units))), np.nan)
    words = np.full(counts.shape, "", dtype=object)
    for _, row in grid.iterrows():
        i, j = at[indicators.index(row["indicator"])], units.index(row["unit"])
        counts[i, j] = min(int(row["n"]), 3)
        words[i, j] = f"{row['n']}{chr(10) if phone else ' · '}{format_month(row['latest_as_of'])}"
    size = MIN_PHONE_POINTS if phone else 6.5 if len(units) <= 8 else 5.5
    sns.heatmap(counts, mask=np.isnan(counts), cmap=ListedColormap(list(shades.values())), vmin=0.5, vmax=3.5,
                cbar=False, annot=words, fmt="", annot_kws={"fontsize": size, "linespacing": 1.1},
                linewidths=1, linecolor="white", ax=ax)
    ax.collections[-1].set_gid("cells")
    names = _names(obs, unit_names)
    ax.set_xticks(np.arange(len(units)) + 0.5)
    if phone and len(units) > 6:      # narrow columns: names upright
        ax.set_xticklabels([names.get(u, u) for u in units], fontsize=7.5, rotation=90, ha="center")
    elif phone:
        ax.set_xticklabels([_wrap(names.get(u, u), 11) for u in units], fontsize=7.5, rotation=0)
    elif len(units) > 6:     # many columns: names at an angle, so long ones do not run into each other
        ax.set_xticklabels([names.get(u, u) for u in units], fontsize=7.5, rotation=35, ha="left",
                           rotation_mode="anchor")
    else:
        ax.set_xticklabels([_wrap(names.get(u, u), 16) for u in units], fontsize=8, rotation=0)
    ax.xaxis.tick_top()
    ax.tick_params(length=0)
    if phone:
        width = ax.figure.get_size_inches()[0]
        name_rows(ax, [r - 0.08 for r in at], [_wrap(labels.loc[i, column], chars_across(width, 8))
                                                if column in labels else i for i in indicators],
                  va="bottom", fontsize=8, weight="normal")
        heads = [i18n.t(f"pillar.{p}") if p in PILLARS else p for p in dict.fromkeys(order["pillar"])]
        name_rows(ax, [r + 0.5 for r in pillar_rows], heads, fontsize=9, colour=GREY)
        for r in pillar_rows[1:]:
            ax.axhline(r, color=GREY, lw=0.8)
    else:
        ax.set_yticks(np.arange(len(indicators)) + 0.5)
        ax.set_yticklabels([_wrap(labels.loc[i, column], 60) if column in labels else i for i in indicators],
                           fontsize=7, rotation=0)
    for pillar, rows in ([] if phone else order.reset_index(drop=True).groupby("pillar", sort=False)):
        ax.axhline(rows.index.min(), color=GREY, lw=0.8)
        name = i18n.t(f"pillar.{pillar}") if pillar in PILLARS else pillar
        ax.text(len(units) + 0.08, rows.index.min() + 0.5, _wrap(name, 10), va="center", fontsize=8, color=GREY,
                fontweight="bold")
    keys = {1: i18n.t("fig.figure_1"), 2: i18n.t("fig.figures_n", n=2), 3: i18n.t("fig.figures_3_plus")}
    ax.legend(handles=[Patch(facecolor=c, label=keys[n]) for n, c in shades.items()], loc="upper left",
              bbox_to_anchor=(0, 0), ncol=1 if phone else 3, fontsize=7.5)
    return ax
