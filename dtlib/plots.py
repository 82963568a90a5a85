"""The house figure style and the chart functions.

Every chart function takes the frame to draw first, then what to draw in the domain's words
(``unit``, ``indicator``, ``as_of``), accepts ``ax=`` and returns the ``Axes`` it drew on;
without ``ax`` it makes a figure sized to what it draws. Colour never carries meaning alone:
every status colour comes with its label, every bar with its value and date.

>>> from dtlib import plots
>>> plots.set_theme()
>>> ax = plots.against_targets(dtlib.attainment_table(data, units=["lao-cai"]))   # doctest: +SKIP
>>> plots.finish(ax.figure, "Lào Cai against national targets, as of 30 Sep 2023", source=line)  # doctest: +SKIP
"""
from __future__ import annotations

import matplotlib.dates as mdates
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
import matplotlib.pyplot as plt
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Rectangle
from matplotlib.ticker import MaxNLocator

from .compare import coverage_grid
from .observations import STALE_AFTER_DAYS
from .targets import STATUS_LABELS, STATUSES
from .vocab import PILLARS, WINDOW_LABELS
from .style import (  # noqa: F401 - the style's public names are part of plots' API too
    FONT, OKABE_ITO, PALETTE, STATUS_COLOURS, STATUS_SHORT, count_of, finish, format_date, format_month,
    format_value, panels, save_figure, save_table, set_theme, source_line, table_csv,
    GREY, LIGHT_GREY, STALE_HATCH, TRACK, _label, _measure, _names, _new_ax, _stale, _text_colour, _value_label, _wrap,
)

__all__ = [
    "FONT", "PALETTE", "OKABE_ITO", "STATUS_COLOURS", "STATUS_SHORT", "set_theme", "format_value", "format_month",
    "format_date", "count_of", "against_targets", "compare_units", "attainment_heatmap", "trend", "coverage_matrix",
    "dti_history",
    "panels", "source_line", "finish", "save_figure", "save_table", "table_csv",
]


# ------------------------------------------------------------------------------------ charts

def against_targets(table: pd.DataFrame, *, unit: str | None = None, as_of=None, ax: Axes | None = None) -> Axes:
    """Latest value per indicator against its target: a bar on the indicator's own scale, the target marked.

    Parameters
    ----------
    table
        Rows of :func:`dtlib.attainment_table` (``indicator, as_of, value, target, comparator,
        deadline, status``; ``measure``, ``indicator_en``, ``rank_of``, ``target_unit`` if known).
    unit
        Draw only this unit's rows.
    as_of
        Report date, to hatch stale values (when ``table`` has no ``stale`` column).

    Each bar is coloured by status and labelled with its value and date ("87% (09/2022)"),
    the target ("target ≥ 90% by 12/2025") and the status in words. A missing value is
    written "not reported", never drawn as zero. The scale of each row is the measure's
    range (0–100 for a percent, 1–63 for a rank of 63), else the larger of value and target.
    """
    rows = table if unit is None else table[table["unit"] == unit]
    rows = rows.reset_index(drop=True)
    ax = ax or _new_ax(8.5, 0.55 * len(rows) + 1.2)
    stale = _stale(rows, as_of)
    n = len(rows)
    for i, row in rows.iterrows():
        y = n - 1 - i
        measure = str(row.get("measure") or "")
        value, target = row["value"], row["target"]
        scale = {"percent": 100.0, "score_0_1": 1.0, "score_0_1000": 1000.0}.get(measure)
        if measure == "rank":
            scale = float(row.get("rank_of") if not pd.isna(row.get("rank_of", np.nan)) else
                          np.nanmax([value, target]) * 1.1)
        scale = scale or float(np.nanmax([value, target, 1e-9]) * 1.15)
        ax.barh(y, 1, height=0.62, color=TRACK, gid="track")
        if not pd.isna(value):
            colour = STATUS_COLOURS[row["status"]]
            ax.barh(y, min(value / scale, 1), height=0.62, color=colour, edgecolor=GREY, linewidth=0.4,
                    hatch=STALE_HATCH if stale.iloc[i] else None, gid="value")
        if not pd.isna(target):
            ax.plot([target / scale] * 2, [y - 0.42, y + 0.42], color="black", lw=1.8, solid_capstyle="butt")
        label = _value_label(row, measure, bool(stale.iloc[i]))
        inside = not pd.isna(value) and value / scale > 0.6
        # The label sits above the target marker: a box in the track's colour interrupts the line.
        ax.text(0.02 if inside else (0 if pd.isna(value) else value / scale) + 0.015, y, label, va="center",
                ha="left", fontsize=8, color=_text_colour(STATUS_COLOURS[row["status"]]) if inside else "#222222",
                style="italic" if pd.isna(value) else "normal", zorder=5,
                bbox=None if inside else {"boxstyle": "square,pad=0.1", "facecolor": TRACK, "edgecolor": "none"})
        goal = format_value(target, measure, rank_of=row.get("target_rank_of", row.get("rank_of")))
        whose = ""
        if isinstance(row.get("target_unit"), str):
            owner = row.get("target_unit_name") if isinstance(row.get("target_unit_name"), str) else row["target_unit"]
            whose = " (own target)" if row["target_unit"] == row.get("unit") else f" ({owner})"
        ax.text(1.03, y + 0.14, f"target {row['comparator'].replace('>=', '≥').replace('<=', '≤')} {goal} "
                f"by {format_month(row['deadline'])}{whose}", va="center", fontsize=7.5, color=GREY)
        ax.text(1.03, y - 0.2, STATUS_LABELS[row["status"]], va="center", fontsize=7.5, fontweight="bold")
    ax.set_xlim(0, 1.9)
    ax.set_ylim(-0.7, n - 0.3)
    ax.set_yticks(range(n))
    labels = [_label(r, "indicator_en", "indicator", 34) + ("\n(rank: lower is better)" if r.get("measure") == "rank"
                                                            else "") for _, r in rows.iterrows()]
    ax.set_yticklabels(labels[::-1])
    ax.tick_params(axis="y", length=0)
    ax.set_xticks([])
    for side in ("left", "bottom"):
        ax.spines[side].set_visible(False)
    handles = [Line2D([], [], color="black", lw=1.8, label="target")]
    if stale.any():
        handles.append(Patch(facecolor="white", edgecolor=GREY, hatch=STALE_HATCH,
                             label=f"stale: over {STALE_AFTER_DAYS} days old"))
    if n:
        ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(0, 0), ncol=2, fontsize=7.5)
    return ax


def compare_units(latest: pd.DataFrame, *, indicator: str | list[str] | None = None, units: list[str] | None = None,
                  as_of=None, unit_names: dict[str, str] | None = None, ax: Axes | None = None) -> Axes:
    """Grouped bars: for each indicator, one bar per unit, every value labelled with its unit and date.

    Parameters
    ----------
    latest
        Latest figures (:func:`dtlib.latest_as_of`, with ``measure`` and ``stale``).
    indicator
        The indicator(s) to draw; they must share a measure (a percent beside a rank means nothing).
    units
        The units, in drawing order (their colours follow :data:`PALETTE` in this order). A
        unit without a figure is written "not reported", never drawn as zero.
    as_of
        Report date, to hatch stale values when ``latest`` has no ``stale`` column.
    unit_names
        Unit id → name to print (default: the ``unit_name`` column, else the id).

    When the drawn figures describe different months, the axes say so above the bars.
    """
    indicators = [indicator] if isinstance(indicator, str) else list(indicator or latest["indicator"].unique())
    units = list(units or latest["unit"].unique())
    rows = latest[latest["indicator"].isin(indicators) & latest["unit"].isin(units)]
    measures = rows.groupby("measure")["indicator"].unique() if "measure" in rows else pd.Series(dtype=object)
    if len(measures) > 1:
        listed = "; ".join(f"{m} ({', '.join(v)})" for m, v in measures.items())
        raise ValueError(f"compare_units draws indicators of one measure at a time; got {listed}: draw them apart")
    measure = _measure(rows)
    stale = _stale(rows, as_of)
    per = len(units)
    ax = ax or _new_ax(8.5, 0.32 * per * len(indicators) + 0.4 * len(indicators) + 1.4)
    top = float(rows["value"].max()) if rows["value"].notna().any() else 1.0
    top = 100.0 if measure == "percent" and top > 60 else top
    names = _names(latest, unit_names)
    ticks, ticklabels = [], []
    for g, ind in enumerate(indicators):
        base = -g * (per + 1)
        for k, unit in enumerate(units):
            y = base - k
            hit = rows[(rows["indicator"] == ind) & (rows["unit"] == unit)]
            name = names.get(unit, unit)
            if hit.empty or pd.isna(hit["value"].iloc[0]):
                ax.text(top * 0.01, y, f"{name}: not reported", va="center", fontsize=8, style="italic",
                        color=GREY, gid="missing")
                continue
            row = hit.iloc[0]
            old = bool(stale.loc[hit.index[0]])
            ax.barh(y, row["value"], height=0.8, color=PALETTE[k % len(PALETTE)], edgecolor="white",
                    hatch=STALE_HATCH if old else None, gid="value")
            ax.text(row["value"] + top * 0.01, y, f"{name}: {_value_label(row, measure, old)}", va="center",
                    fontsize=8)
        ticks.append(base - (per - 1) / 2)
        first = rows[rows["indicator"] == ind]
        ticklabels.append(_label(first.iloc[0], "indicator_en", "indicator", 30) if len(first) else ind)
    ax.set_yticks(ticks)
    ax.set_yticklabels(ticklabels)
    ax.tick_params(axis="y", length=0)
    ax.set_xlim(0, top / 0.58)
    ax.set_xticks([t for t in ax.get_xticks() if 0 <= t <= top * 1.0001])
    ax.spines["bottom"].set_bounds(0, top)
    ax.spines["left"].set_visible(False)
    ax.xaxis.grid(True)
    ax.set_axisbelow(True)
    ax.set_xlabel({"percent": "percent", "rank": "rank (1 = best; a shorter bar is better)"}.get(measure, measure))
    dates = rows.loc[rows["value"].notna(), "as_of"]
    notes = []
    if dates.dt.to_period("M").nunique() > 1:
        notes.append(f"Figures describe different dates ({format_month(dates.min())} to {format_month(dates.max())});"
                     " each is labelled with its own.")
    if stale.any():
        notes.append(f"Hatched: stale, over {STALE_AFTER_DAYS} days old on the report date.")
    if notes:
        ax.set_title("\n".join(notes), fontsize=8, fontweight="normal", color=GREY)
    return ax


def attainment_heatmap(table: pd.DataFrame, *, units: list[str] | None = None, indicators: list[str] | None = None,
                       as_of=None, unit_names: dict[str, str] | None = None, ax: Axes | None = None) -> Axes:
    """Indicators (rows) by units (columns); each cell coloured by status and written with value, date and status.

    A unit to which no target of the indicator applies gets an empty cell ("no target").
    With ``as_of`` (the report date) a value over :data:`STALE_AFTER_DAYS` old says "stale".
    ``unit_names`` maps ids to printed names (default: the ``unit_name`` column, else the id).
    """
    units = list(units or table["unit"].unique())
    indicators = list(indicators or table["indicator"].unique())
    ax = ax or _new_ax(2.2 + 1.15 * len(units), 0.52 * len(indicators) + 2.2)
    table = table.assign(_stale=_stale(table, as_of) & table["value"].notna())
    cells = table.set_index(["indicator", "unit"])
    names = _names(table, unit_names)
    gaps = False
    for i, ind in enumerate(indicators):
        for j, unit in enumerate(units):
            if (ind, unit) not in cells.index:
                gaps = True
                ax.add_patch(Rectangle((j, i), 1, 1, facecolor="white", edgecolor="#E0E0E0", gid="no-target"))
                ax.text(j + 0.5, i + 0.5, "no target", ha="center", va="center", fontsize=6.5, color=LIGHT_GREY)
                continue
            row = cells.loc[(ind, unit)]
            row = row.iloc[0] if isinstance(row, pd.DataFrame) else row
            colour = STATUS_COLOURS[row["status"]]
            ax.add_patch(Rectangle((j, i), 1, 1, facecolor=colour, edgecolor="white", lw=1.5, gid="cell"))
            measure = str(row.get("measure") or "")
            text = STATUS_SHORT[row["status"]]
            if not pd.isna(row["value"]):
                when = format_month(row["as_of"]) + (" · stale" if row["_stale"] else "")
                text = f"{format_value(row['value'], measure)}\n{when}\n{text}"
            ax.text(j + 0.5, i + 0.5, text, ha="center", va="center", fontsize=6.8, color=_text_colour(colour),
                    linespacing=1.15)
    ax.set_xlim(0, len(units))
    ax.set_ylim(len(indicators), 0)
    ax.set_xticks(np.arange(len(units)) + 0.5)
    ax.set_xticklabels([_wrap(names.get(u, u), 14) for u in units])
    ax.xaxis.tick_top()
    ind_names = table.drop_duplicates("indicator").set_index("indicator")
    ax.set_yticks(np.arange(len(indicators)) + 0.5)
    ax.set_yticklabels([_label(ind_names.loc[i], "indicator_en", "indicator", 34) if i in ind_names.index
                        else i for i in indicators])
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    shown = [s for s in STATUSES if s in set(table["status"])]
    handles = [Patch(facecolor=STATUS_COLOURS[s], edgecolor=GREY, lw=0.4,
                     label=f"{STATUS_SHORT[s]}: {STATUS_LABELS[s]}") for s in shown]
    if table["_stale"].any():
        handles.append(Patch(facecolor="white", edgecolor="white",
                             label=f"stale: the figure is over {STALE_AFTER_DAYS} days old on the report date"))
    if gaps:
        handles.append(Patch(facecolor="white", edgecolor=LIGHT_GREY, lw=0.8,
                             label="no target: none of this indicator applies to the unit"))
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(0, -0.01), ncol=2, fontsize=7.5)
    return ax


def trend(series: pd.DataFrame, target: pd.Series | None = None, projection: pd.DataFrame | None = None, *,
          unit: str | None = None, indicator: str | None = None, measure: str | None = None,
          breaks: list[dict] | None = None, ax: Axes | None = None) -> Axes:
    """A unit's dated figures for one indicator as markers and a line, with target, deadline and projection.

    Parameters
    ----------
    series
        :func:`dtlib.series` output (``as_of``, ``value``, ``rank_of``, ``measure``), or
        any frame with these columns; ``unit``/``indicator`` select rows when given.
    target
        The applicable target (:func:`dtlib.applicable_target`): a horizontal line at its
        value and a vertical one at its deadline, both labelled.
    projection
        :func:`dtlib.trajectory` output, drawn dashed from the latest figure.
    breaks
        Administrative breaks (:func:`dtlib.lineage.breaks`): each drawn as a vertical marker
        with its sentence. A series followed across a merger (:func:`dtlib.lineage.follow`,
        column ``segment``) is drawn one line per unit: never joined across the break.

    Ranks are drawn with the best (1) at the top, and only figures out of the same number
    of units (``rank_of``) are joined by a line.
    """
    if unit is not None and "unit" in series:
        series = series[series["unit"] == unit]
    if indicator is not None and "indicator" in series:
        series = series[series["indicator"] == indicator]
    series = series.sort_values("as_of")
    measure = _measure(series, measure)
    ax = ax or _new_ax(8.5, 4.5)
    rank_key = series["rank_of"].astype("Float64").fillna(-1) if "rank_of" in series \
        else pd.Series(-1.0, index=series.index)
    blank = pd.Series("", index=series.index)
    segment_key = series["segment"] if "segment" in series else blank
    window_key = series["window"].fillna("") if "window" in series else blank
    basis_key = series["basis"].map(lambda d: "" if pd.isna(d) else f"{pd.Timestamp(d):%Y-%m-%d}") \
        if "basis" in series else blank
    colour = PALETTE[0]
    # one line per unit, ranking size, kind of window and boundaries: none of them is ever joined to another
    groups = list(series.groupby([segment_key, rank_key, window_key, basis_key], sort=False))
    for k, ((segment, rank_of, window, basis), group) in enumerate(groups):
        parts = [f"rank of {int(rank_of)}" if rank_of != -1 else "",
                 f"per {WINDOW_LABELS.get(window, window)}" if window_key.nunique() > 1 else "",
                 f"recomputed on the boundaries of {format_date(basis)}" if basis else ""]
        label = "reported figures" + "".join(f" ({p})" for p in parts if p) + \
            (f": {segment}" if segment_key.nunique() > 1 else "")
        ax.plot(group["as_of"], group["value"], marker="o" if not basis else "D", ms=6, lw=1.8,
                color=PALETTE[k % len(PALETTE)], label=label, gid="series")
    for brk in breaks or []:
        ax.axvline(brk["date"], color=PALETTE[5 % len(PALETTE)], lw=2, ls="-", gid="break")
        ax.annotate(_wrap(brk["label"], 38), (brk["date"], 0.02), xycoords=("data", "axes fraction"),
                    xytext=(-5, 0), textcoords="offset points", ha="right", va="bottom", fontsize=7.5,
                    color=PALETTE[5 % len(PALETTE)])
    if projection is not None and len(projection):
        ax.plot(projection["as_of"], projection["value"], ls=(0, (4, 3)), lw=1.5, color=colour,
                label="projection at the observed growth rate", gid="projection")
    if target is not None:
        goal = format_value(target["value"], measure, rank_of=target.get("rank_of"))
        sign = str(target["comparator"]).replace(">=", "≥").replace("<=", "≤")
        ax.axhline(target["value"], color="black", lw=1.2, ls=(0, (1, 1.5)), label=f"target {sign} {goal}")
        ax.axvline(target["deadline"], color=GREY, lw=1, ls=(0, (6, 3)))
        # above the plot, where no data or other label can be
        ax.annotate(f"deadline {format_date(target['deadline'])}", (target["deadline"], 1),
                    xycoords=("data", "axes fraction"), xytext=(0, 3), textcoords="offset points",
                    ha="center", va="bottom", fontsize=7.5, color=GREY)
        ax.annotate(f"target {sign}\n{goal}", (1, target["value"]), xycoords=("axes fraction", "data"),
                    xytext=(4, 0), textcoords="offset points", va="center", fontsize=7.5)
    if measure == "rank":
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        low, high = ax.get_ylim()
        ax.set_ylim(max(high, low) + 1, max(0.5, min(high, low) - 3))   # best (1) at the top
    else:
        low, high = ax.get_ylim()
        ax.set_ylim(low - (high - low) * 0.15, high + (high - low) * 0.15)   # room for labels below and above
    start = series["as_of"].min()
    end = max([d for d in (series["as_of"].max(), None if target is None else target["deadline"],
                           *[b["date"] for b in breaks or []],
                           None if projection is None or not len(projection) else projection["as_of"].max())
               if d is not None and not pd.isna(d)])
    pad = pd.Timedelta(days=max(120, (end - start).days * 0.1))   # a centred label must not reach the y axis
    ax.set_xlim(start - pad, end + pad)
    for _, group in groups:
        _label_points(ax, group, measure)
    short = (end - start).days < 3 * 365
    ax.xaxis.set_major_locator(mdates.MonthLocator(bymonth=(1, 7)) if short else mdates.YearLocator())
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%b %Y"))   # "Jan 2022": a 31 Dec 2021 figure sits before it
    ax.yaxis.grid(True)
    ax.set_axisbelow(True)
    ax.set_ylabel({"percent": "percent", "rank": "rank (1 = best)"}.get(measure, measure))
    longest = max((len(t) for t in ax.get_legend_handles_labels()[1]), default=0)
    ax.legend(loc="upper left", bbox_to_anchor=(0, -0.08), ncol=1 if longest > 45 else 3, fontsize=7.5)
    return ax


def _label_points(ax: Axes, group: pd.DataFrame, measure: str) -> None:
    """Write value and month by each point, below it when the line leaves it upwards (on screen) on both sides."""
    screen = ax.transData.transform(np.column_stack([mdates.date2num(group["as_of"]), group["value"].astype(float)]))
    for i, (_, row) in enumerate(group.iterrows()):
        ys = [screen[j][1] for j in (i - 1, i + 1) if 0 <= j < len(group)]
        below = bool(ys) and all(y > screen[i][1] for y in ys)
        ax.annotate(_value_label(row, measure), (row["as_of"], row["value"]), xytext=(0, -10 if below else 8),
                    textcoords="offset points", ha="center", va="top" if below else "baseline", fontsize=8)


def coverage_matrix(obs: pd.DataFrame, *, units: list[str] | None = None, unit_names: dict[str, str] | None = None,
                    ax: Axes | None = None) -> Axes:
    """Indicators (rows) by units (columns): how many figures each unit reports and the latest one's month.

    Parameters
    ----------
    obs
        Observations (:func:`dtlib.known_observations`): ``unit``, ``indicator``, ``as_of``,
        ``source``, and ``pillar``/``indicator_en``/``unit_name`` when known.
    units
        Columns in this order (default: every unit with a figure).
    unit_names
        Unit id → name to print (default: the ``unit_name`` column, else the id).
    """
    grid = coverage_grid(obs)
    units = list(units or grid["unit"].unique())
    grid = grid[grid["unit"].isin(units)]
    labels = obs.drop_duplicates("indicator").set_index("indicator")
    order = grid.drop_duplicates("indicator")
    order = order.assign(_p=order["pillar"].map({p: i for i, p in enumerate(PILLARS)}),
                         _l=order["indicator"].map(labels["indicator_en"]) if "indicator_en" in labels
                         else order["indicator"]).sort_values(["_p", "pillar", "_l"])
    indicators = list(order["indicator"])
    ax = ax or _new_ax(3.6 + 1.1 * len(units), 0.24 * len(indicators) + 2.0)
    shades = {1: "#CFE8F7", 2: OKABE_ITO["sky_blue"], 3: OKABE_ITO["blue"]}
    for _, row in grid.iterrows():
        i, j = indicators.index(row["indicator"]), units.index(row["unit"])
        colour = shades[min(int(row["n"]), 3)]
        ax.add_patch(Rectangle((j, i), 1, 1, facecolor=colour, edgecolor="white", lw=1, gid="cell"))
        ax.text(j + 0.5, i + 0.5, f"{row['n']} · {format_month(row['latest_as_of'])}", ha="center", va="center",
                fontsize=6.5, color=_text_colour(colour))
    ax.set_xlim(0, max(1, len(units)))
    ax.set_ylim(max(1, len(indicators)), 0)
    names = _names(obs, unit_names)
    ax.set_xticks(np.arange(len(units)) + 0.5)
    ax.set_xticklabels([_wrap(names.get(u, u), 12) for u in units], fontsize=8)
    ax.xaxis.tick_top()
    ax.set_yticks(np.arange(len(indicators)) + 0.5)
    ax.set_yticklabels([str(labels.loc[i, "indicator_en"]) if "indicator_en" in labels else i for i in indicators],
                       fontsize=7)
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    for pillar, rows in order.reset_index(drop=True).groupby("pillar", sort=False):
        ax.axhline(rows.index.min(), color=GREY, lw=0.8)
        ax.text(len(units) + 0.08, rows.index.min() + 0.5, pillar, va="center", fontsize=8, color=GREY,
                fontweight="bold")
    ax.legend(handles=[Patch(facecolor=c, label=f"{n}{' or more' if n == 3 else ''} figure{'s' if n > 1 else ''}")
                       for n, c in shades.items()], loc="upper left", bbox_to_anchor=(0, 0), ncol=3, fontsize=7.5)
    return ax


def dti_history(frame: pd.DataFrame, *, units: list[str], unit_names: dict[str, str] | None = None,
                references: dict[str, str] | None = None) -> Figure:
    """The provinces' DTI, edition by edition: scores beside the national yardsticks, and ranks.

    Parameters
    ----------
    frame
        :func:`dtlib.compare.dti_history` output.
    units
        The lineages to draw, in legend order; each keeps one colour in both panels.
    references
        Indicator id → label of the yardsticks drawn as grey reference lines on the score
        panel (default :data:`dtlib.compare.DTI_REFERENCES`).

    Each rank is written with the number of provinces ranked ("14/34"), a figure recomputed on
    later boundaries is drawn as a diamond and marked "new boundaries", and points are joined
    only within one unit, one ranking size and one set of boundaries.
    """
    from .compare import DTI_REFERENCES

    references = DTI_REFERENCES if references is None else references
    names = unit_names or {}
    fig = plt.figure(figsize=(11, 5.6))
    grid = fig.add_gridspec(2, 2, height_ratios=(1, 0.2))
    left, right, key = fig.add_subplot(grid[0, 0]), fig.add_subplot(grid[0, 1]), fig.add_subplot(grid[1, :])
    key.axis("off")
    colours = {u: PALETTE[i % len(PALETTE)] for i, u in enumerate(units)}
    for ax, indicator in ((left, "dti_score"), (right, "dti_rank")):
        rows = frame[(frame["indicator"] == indicator) & frame["lineage"].isin(units)]
        for unit in units:
            mine = rows[rows["lineage"] == unit]
            basis = mine["basis"].map(lambda d: "" if pd.isna(d) else "new boundaries")
            rank_of = mine["rank_of"].astype("Float64").fillna(-1)
            first = True
            for _, line in mine.groupby([mine["segment"], rank_of, basis], sort=False):
                new = bool(line["basis"].notna().any())
                ax.plot(line["edition"], line["value"], marker="D" if new else "o", ms=6, lw=1.8,
                        color=colours[unit], label=names.get(unit, unit) if first else None, gid="series")
                first = False
                for _, r in line.iterrows():
                    if indicator == "dti_rank":
                        text = f"{int(r['value'])}/{int(r['rank_of'])}" if pd.notna(r["rank_of"]) else f"{r['value']:g}"
                        text = ("≥" if r["qualifier"] == ">=" else "") + text
                    else:
                        text = f"{r['value']:.4f}".rstrip("0").rstrip(".")
                    ax.annotate(text + ("*" if new else ""), (r["edition"], r["value"]), xytext=(5, 3),
                                textcoords="offset points", fontsize=7.5, color=colours[unit])
    for k, (indicator, label) in enumerate(references.items()):
        ref = frame[frame["indicator"] == indicator].sort_values("edition")
        if len(ref):
            left.plot(ref["edition"], ref["value"], color=GREY, lw=1.2, ls=("--" if k == 0 else ":"), marker="s",
                      ms=4, label=label, gid="reference")
            for _, r in ref.iterrows():
                left.annotate(f"{r['value']:.4f}", (r["edition"], r["value"]), xytext=(5, -10),
                              textcoords="offset points", fontsize=7, color=GREY)
    years = sorted(set(frame["edition"].dropna().astype(int))) or [2020, 2024]
    for ax in (left, right):
        ax.set_xticks(range(min(years), max(years) + 1))
        ax.set_xticklabels([f"DTI\n{y}" for y in range(min(years), max(years) + 1)], fontsize=8)
        ax.set_xlim(min(years) - 0.4, max(years) + 0.6)
        ax.yaxis.grid(True)
        ax.set_axisbelow(True)
    left.set_title("Score (0–1), with the national yardsticks", loc="left", fontsize=10)
    left.set_ylabel("DTI score (0–1)")
    right.set_title("Rank among the provinces ranked (1 = best)", loc="left", fontsize=10)
    right.set_ylabel("rank")
    right.yaxis.set_major_locator(MaxNLocator(integer=True))
    low, high = right.get_ylim()
    right.set_ylim(max(high, low) + 3, 0)
    handles, labels = left.get_legend_handles_labels()
    extra, extra_labels = right.get_legend_handles_labels()
    for h, lab in zip(extra, extra_labels):
        if lab not in labels:
            handles.append(h)
            labels.append(lab)
    handles += [Line2D([], [], marker="o", ls="", color=GREY), Line2D([], [], marker="D", ls="", color=GREY)]
    labels += ["the province as it was before 1 Jul 2025 (63 ranked)",
               "* the merged province, computed on the 34 provinces of 1 Jul 2025"]
    # in a row of its own under the panels, so that the layout keeps it clear of the source line
    key.legend(handles, labels, loc="upper left", ncol=3, fontsize=7.5, frameon=False)
    return fig
