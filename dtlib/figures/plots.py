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

import functools

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
import matplotlib.pyplot as plt
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter, MaxNLocator

from ..words import i18n
from .colours import text_colour
from ..analysis.observations import STALE_AFTER_DAYS
from .heatmaps import attainment_heatmap, coverage_matrix  # noqa: F401 - part of plots' API
from .trend_panels import trend_panels  # noqa: F401 - part of plots' API
from .phone import chars_across, figure_width, name_rows, narrow, redrawable
from .style import (FIGURE_WIDTH, FONT, OKABE_ITO, PALETTE, STATUS_COLOURS, STATUS_SHORT, count_of, finish,
                     format_date, format_month, format_value, measure_label, panels, save_figure, save_table,
                     set_theme, source_line, status_label, status_short, table_csv, theme, unit_colour, unit_colours,
                     GREY, STALE_HATCH, TRACK, _label, _measure, _names, _new_ax, _stale, _text_colour, _value_label,
                     _wrap, indicator_column)
from ..analysis.compare import DTI_REFERENCES

__all__ = [
    "FONT", "PALETTE", "OKABE_ITO", "STATUS_COLOURS", "STATUS_SHORT", "set_theme", "theme", "format_value",
    "format_month", "format_date", "count_of", "unit_colour", "unit_colours", "against_targets", "compare_units",
    "attainment_heatmap", "trend_panels", "coverage_matrix", "dti_history",
    "panels", "source_line", "finish", "save_figure", "save_table", "table_csv",
]

_SIGNS = {">=": "≥", "<=": "≤"}


def _sign(comparator: str) -> str:
    return _SIGNS.get(str(comparator), str(comparator))


# ------------------------------------------------------------------------------------ charts

@redrawable
def against_targets(table: pd.DataFrame, *, unit: str | None = None, as_of=None, ax: Axes | None = None) -> Axes:
    """Latest value per indicator against its target: a bar on the indicator's own scale, the target marked.

    Parameters
    ----------
    table
        Rows of :func:`dtlib.attainment_table` (``indicator, as_of, value, target, comparator,
        deadline, status``; ``measure``, ``indicator_vi``/``indicator_en``, ``rank_of``,
        ``target_unit`` if known).
    unit
        Draw only this unit's rows.
    as_of
        Report date, to hatch stale values (when ``table`` has no ``stale`` column).

    Each bar is coloured by status and labelled with its value and date ("87% (09/2022)"),
    the target ("target ≥ 90% by 12/2025") and the status in words. A missing value is
    written "not reported", never drawn as zero. The scale of each row is the measure's
    range (0–100 for a percent, 1–63 for a rank of 63), else the larger of value and target.
    Drawn with matplotlib: seaborn has no bar-against-target chart. Words in the language in use.
    """
    rows = table if unit is None else table[table["unit"] == unit]
    rows = rows.reset_index(drop=True)
    phone = narrow()    # on a phone (dtlib.figures.phone): the name above each bar, the target and status under it
    pitch = PHONE_PITCH if phone else 1.0
    ax = ax or _new_ax(None, (PHONE_ROW if phone else 0.42) * len(rows) + 1.0)
    stale = _stale(rows, as_of)
    n = len(rows)
    column = indicator_column(rows)
    labels = [_label(r, column, "indicator", 44) + ("\n" + i18n.t("fig.rank_lower_better")
                                                     if r.get("measure") == "rank" else "") for _, r in rows.iterrows()]
    for i, row in rows.iterrows():
        y = (n - 1 - i) * pitch
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
        goal = format_value(target, measure, rank_of=row.get("target_rank_of", row.get("rank_of")), label=True)
        whose = ""
        if isinstance(row.get("target_unit"), str):
            owner = row.get("target_unit_name") if isinstance(row.get("target_unit_name"), str) else row["target_unit"]
            whose = f" ({i18n.t('fig.own_target')})" if row["target_unit"] == row.get("unit") else f" ({owner})"
        goal_line = i18n.t("fig.target_by", sign=_sign(row["comparator"]), goal=goal,
                           month=format_month(row["deadline"]), whose=whose)
        if phone:
            _under_bar(ax, y, goal_line, status_label(row["status"]))
            continue
        ax.text(1.03, y + 0.14, goal_line, va="center", fontsize=7.5, color=GREY)
        ax.text(1.03, y - 0.2, status_label(row["status"]), va="center", fontsize=7.5, fontweight="bold")
    if phone:
        ax.set_xlim(0, 1.0)
        ax.set_ylim(-1.5, (n - 1) * pitch + 1.8)
        name_rows(ax, [(n - 1 - i) * pitch + 0.42 for i in range(n)],
                  [_wrap(label.replace("\n", " "), 54) for label in labels], va="bottom")
    else:
        ax.set_xlim(0, 1.9)
        ax.set_ylim(-0.7, n - 0.3)
        ax.set_yticks(range(n))
        ax.set_yticklabels(labels[::-1])
    ax.tick_params(axis="y", length=0)
    ax.set_xticks([])
    for side in ("left", "bottom"):
        ax.spines[side].set_visible(False)
    handles = [Line2D([], [], color="black", lw=1.8, label=i18n.t("fig.target_line"))]
    if stale.any():
        handles.append(Patch(facecolor="white", edgecolor=GREY, hatch=STALE_HATCH,
                             label=i18n.t("fig.stale_over", days=STALE_AFTER_DAYS)))
    if n:
        ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(0, 0), ncol=1 if phone else 2, fontsize=7.5)
    return ax


#: A phone rendering of :func:`against_targets`: the rows' pitch (data units, a bar being 0.62 tall) and
#: the inches a row takes (name, bar, target and status).
PHONE_PITCH, PHONE_ROW = 3.3, 0.92


def _under_bar(ax: Axes, y: float, goal: str, status: str) -> None:
    """Under the bar at ``y``: the target, then the status in bold (on a line of its own when both are long)."""
    below = ax.text(0, y - 0.42, goal, va="top", fontsize=7.5, color=GREY)
    if len(goal) + len(status) <= 56:
        ax.annotate(status, xy=(1, 0.5), xycoords=below, xytext=(5, 0), textcoords="offset points", va="center",
                    fontsize=7.5, fontweight="bold")
    else:
        ax.text(0, y - 0.95, status, va="top", fontsize=7.5, fontweight="bold")


@redrawable
def compare_units(latest: pd.DataFrame, *, indicator: str | list[str] | None = None, units: list[str] | None = None,
                  as_of=None, unit_names: dict[str, str] | None = None, ax: Axes | None = None) -> Axes:
    """Grouped bars (seaborn): for each indicator, one bar per unit, every value labelled with its unit and date.

    Parameters
    ----------
    latest
        Latest figures (:func:`dtlib.latest_as_of`, with ``measure`` and ``stale``).
    indicator
        The indicator(s) to draw; they must share a measure (a percent beside a rank means nothing).
    units
        The units, in drawing order. Each has its colour of the whole pack
        (:func:`dtlib.figures.colours.unit_colour`), whatever its place here. A unit without a figure
        is written "not reported", never drawn as zero.
    as_of
        Report date, to hatch stale values when ``latest`` has no ``stale`` column.
    unit_names
        Unit id → name to print (default: the ``unit_name`` column, else the id). A bar is named
        by its row's ``unit_name`` when there is one: a province followed across the mergers
        names, figure by figure, the unit that reported it
        (:func:`dtlib.briefing.notebook.compared_latest`).

    When the drawn figures describe different months, the axes say so above the bars.
    """
    import seaborn as sns

    indicators = [indicator] if isinstance(indicator, str) else list(indicator or latest["indicator"].unique())
    units = list(units or latest["unit"].unique())
    rows = latest[latest["indicator"].isin(indicators) & latest["unit"].isin(units)]
    measures = rows.groupby("measure")["indicator"].unique() if "measure" in rows else pd.Series(dtype=object)
    if len(measures) > 1:
        listed = "; ".join(f"{m} ({', '.join(v)})" for m, v in measures.items())
        raise ValueError(f"compare_units draws indicators of one measure at a time; got {listed}: draw them apart")
    measure = _measure(rows)
    rows, apart, commons = _ranks_apart(rows, measure)
    stale = _stale(rows, as_of)
    per = len(units)
    phone = narrow()    # on a phone (dtlib.figures.phone): each indicator named above its bars, each bar's label above it
    drawn = rows[rows["value"].notna()].assign(
        _slot=lambda f: [f"{indicators.index(i)}\x1f{u}" for i, u in zip(f["indicator"], f["unit"])])
    slots = _slots(len(indicators), units, set(drawn["_slot"]), phone)
    if phone:
        ax = ax or _new_ax(None, 0.27 * len(slots) + 0.1 * len(indicators) + 1.0)
        fit = functools.partial(_wrap, width=chars_across(ax.figure.get_size_inches()[0], 8))
    else:
        ax = ax or _new_ax(None, 0.27 * per * len(indicators) + 0.35 * len(indicators) + 1.0)
        fit = str
    top = float(rows["value"].max()) if rows["value"].notna().any() else 1.0
    top = 100.0 if measure == "percent" and top > 60 else top
    names = _names(latest, unit_names)
    colours = unit_colours(units)
    if len(drawn):
        sns.barplot(data=drawn, x="value", y="_slot", hue="unit", order=slots, hue_order=units, palette=colours,
                    dodge=False, width=0.8, orient="h", errorbar=None, legend=False, saturation=1,
                    edgecolor="white", linewidth=0.6, ax=ax)
    else:
        ax.set_ylim(len(slots) - 0.5, -0.5)
    position = {slot: k for k, slot in enumerate(slots)}
    by_slot = {slot: idx for idx, slot in zip(drawn.index, drawn["_slot"])}
    for bar in ax.patches:
        if not np.isfinite(bar.get_width()) or bar.get_height() <= 0:
            continue
        k = int(round(bar.get_y() + bar.get_height() / 2))
        idx = by_slot.get(slots[k]) if 0 <= k < len(slots) else None
        if idx is None:
            continue
        bar.set_gid("value")
        if stale.loc[idx]:
            bar.set_hatch(STALE_HATCH)
    for g, ind in enumerate(indicators):
        for unit in units:
            slot = f"{g}\x1f{unit}"
            name = names.get(unit, unit)
            if slot not in by_slot:
                here = apart[(apart["indicator"] == ind) & (apart["unit"] == unit)]
                if len(here):       # a rank out of another number of units: written, never a bar on this axis
                    row = here.iloc[0]
                    own = row.get("unit_name")
                    text = i18n.t("fig.name_rank_apart", name=own if isinstance(own, str) and own else name,
                                  value=_value_label(row, measure, False), n=int(commons[ind]))
                    ax.text(top * 0.01, position[slot], fit(text), va="center", fontsize=8, style="italic",
                            color=GREY, gid="apart")
                    continue
                ax.text(top * 0.01, position[slot], fit(i18n.t("fig.name_not_reported", name=name)), va="center",
                        fontsize=8, style="italic", color=GREY, gid="missing")
                continue
            idx = by_slot[slot]
            row = rows.loc[idx]
            own = row.get("unit_name")
            name = own if isinstance(own, str) and own else name     # the figure's own name: who reported it
            x, y = (0, position[slot + "\x1d"]) if phone else (row["value"] + top * 0.01, position[slot])
            ax.text(x, y, fit(i18n.t("fig.name_value", name=name, value=_value_label(row, measure,
                                                                                      bool(stale.loc[idx])))),
                    va="center", fontsize=8)
    column = indicator_column(rows)
    ticks, ticklabels = [], []
    for g, ind in enumerate(indicators):
        ticks.append(g * (per + 1) + (per - 1) / 2)
        first = rows[rows["indicator"] == ind]
        ticklabels.append(_label(first.iloc[0], column, "indicator", 30) if len(first) else ind)
    if phone:
        name_rows(ax, [position[f"{g}\x1f\x1e"] for g in range(len(indicators))],
                  [_wrap(label.replace("\n", " "), 52) for label in ticklabels])
    else:
        ax.set_yticks(ticks)
        ax.set_yticklabels(ticklabels)
    ax.set_ylabel("")
    ax.tick_params(axis="y", length=0)
    ax.set_xlim(0, top * 1.05 if phone else _room_for_labels(ax, top, ax.texts))
    ax.set_xticks([t for t in ax.get_xticks() if 0 <= t <= top * 1.0001])
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: i18n.number(v, 2)))
    ax.spines["bottom"].set_bounds(0, top)
    ax.spines["left"].set_visible(False)
    ax.xaxis.grid(True)
    ax.set_axisbelow(True)
    ax.set_xlabel(measure_label(measure, bars=True))
    dates = rows.loc[rows["value"].notna(), "as_of"]
    notes = []
    if dates.dt.to_period("M").nunique() > 1:
        notes.append(i18n.t("fig.dates_differ", first=format_month(dates.min()), last=format_month(dates.max())))
    if stale.any():
        notes.append(i18n.t("fig.hatched_stale", days=STALE_AFTER_DAYS))
    if notes:
        ax.set_title("\n".join(_wrap(note, 56) if phone else note for note in notes), fontsize=8,
                     fontweight="normal", color=GREY)
    return ax


def _slots(groups: int, units: list[str], bars: set[str], phone: bool) -> list[str]:
    """The rows of :func:`compare_units`, top down: ``"<group>\x1f<unit>"`` for each indicator's units, an
    empty row between indicators. On a phone, each indicator's name in a row of its own above its units
    (``"<group>\x1f\x1e"``), and each bar's label in a row above it (``"<group>\x1f<unit>\x1d"``)."""
    slots = []
    for g in range(groups):
        slots += [f"{g}\x1f\x1e"] if phone else []
        for unit in units:
            slot = f"{g}\x1f{unit}"
            slots += [slot + "\x1d", slot] if phone and slot in bars else [slot]
        slots.append(f"{g}\x1f")
    return slots[:-1]


def compare_rows(latest: pd.DataFrame, indicator: str, units: list[str]) -> int:
    """How many rows of bars and labels :func:`compare_units` draws for one ``indicator`` and ``units`` (for
    :func:`panels`): one a unit, and on a phone (:func:`dtlib.figures.phone.narrow`) one more for the indicator's
    name and one above each bar for its label."""
    if not narrow():
        return len(units)
    rows = latest[(latest["indicator"] == indicator) & latest["unit"].isin(units)]
    rows, _, _ = _ranks_apart(rows, _measure(rows))
    bars = {f"0\x1f{u}" for u in rows.loc[rows["value"].notna(), "unit"]}
    return len(_slots(1, units, bars, True))


def _ranks_apart(rows: pd.DataFrame, measure: str) -> tuple[pd.DataFrame, pd.DataFrame, dict]:
    """Ranks out of different numbers of units never share an axis: of a rank indicator's figures,
    those out of the most common ``rank_of`` (as :func:`dtlib.analysis.compare.ranked` places them; on a tie
    the smaller, i.e. the 34 provinces since July 2025) are drawn; the others are returned apart,
    to be written beside their slot. Returns ``(drawn, apart, {indicator: rank_of drawn})``."""
    empty = rows.iloc[0:0]
    if measure != "rank" or "rank_of" not in rows:
        return rows, empty, {}
    keep, apart, commons = [], [], {}
    for indicator, group in rows.groupby("indicator", sort=False):
        known = group.loc[group["value"].notna(), "rank_of"].dropna()
        if known.nunique() <= 1:
            keep.append(group)
            continue
        commons[indicator] = known.mode().iloc[0]
        other = group["value"].notna() & group["rank_of"].notna() & (group["rank_of"] != commons[indicator])
        keep.append(group[~other])
        apart.append(group[other])
    drawn = pd.concat(keep) if keep else empty
    return drawn, (pd.concat(apart) if apart else empty), commons


def _room_for_labels(ax: Axes, top: float, texts: list) -> float:
    """The right end of a bar axis at which every label written after its bar ends inside the axes.

    A label at ``x`` (data) ``w`` pixels wide ends inside when ``x / xmax * W + w <= W`` for
    the axes' width ``W``; bars keep at least a third of the width.
    """
    renderer = ax.figure.canvas.get_renderer()
    width = ax.get_window_extent(renderer).width
    xmax = top * 1.05
    for text in texts:
        x, w = text.get_position()[0], text.get_window_extent(renderer).width * 1.04 + 4
        xmax = max(xmax, x * width / max(width - w, width / 3))
    return xmax


@redrawable
def dti_history(frame: pd.DataFrame, *, units: list[str], unit_names: dict[str, str] | None = None,
                references: dict[str, str] | None = None) -> Figure:
    """The provinces' DTI, edition by edition: scores beside the national yardsticks, and ranks.

    Parameters
    ----------
    frame
        :func:`dtlib.analysis.compare.dti_history` output.
    units
        The lineages to draw, in legend order; each has its colour of the whole pack in both panels.
    references
        Indicator id → label of the yardsticks drawn as grey reference lines on the score
        panel (default: the two of :data:`dtlib.analysis.compare.DTI_REFERENCES`, named in the language in use).

    Lines per unit are drawn with ``seaborn.lineplot`` (``hue`` the unit, ``units`` the line:
    points are joined only within one unit, one ranking size and one set of boundaries). Each
    rank is written with the number of provinces ranked ("14/34"), and a figure recomputed on
    later boundaries is drawn as a diamond and marked "*".
    """
    import seaborn as sns

    words = {"dti_province_mean_score": i18n.t("fig.dti_province_mean"),
             "dti_national_score": i18n.t("fig.dti_national")}
    references = {k: words.get(k, v) for k, v in DTI_REFERENCES.items()} if references is None else references
    names = unit_names or {}
    if narrow():        # on a phone (dtlib.figures.phone): the two panels one under the other, the key in one column
        fig = plt.figure(figsize=(figure_width(), 7.4))
        grid = fig.add_gridspec(3, 1, height_ratios=(1, 1, 0.55))
        left, right, key = fig.add_subplot(grid[0]), fig.add_subplot(grid[1]), fig.add_subplot(grid[2])
    else:
        fig = plt.figure(figsize=(FIGURE_WIDTH, 3.8))
        grid = fig.add_gridspec(2, 2, height_ratios=(1, 0.16))
        left, right, key = fig.add_subplot(grid[0, 0]), fig.add_subplot(grid[0, 1]), fig.add_subplot(grid[1, :])
    key.axis("off")
    colours = unit_colours(units)
    for ax, indicator in ((left, "dti_score"), (right, "dti_rank")):
        rows = frame[(frame["indicator"] == indicator) & frame["lineage"].isin(units)]
        if rows.empty:
            continue
        rank_of = rows["rank_of"].astype("Float64").fillna(-1).astype(str)
        rows = rows.assign(_new=np.where(rows["basis"].notna(), "new", "old"),
                           _line=rows["lineage"] + "|" + rows["segment"].astype(str) + "|" + rank_of + "|" +
                           rows["basis"].notna().astype(str), value=rows["value"].astype(float))
        before = len(ax.lines)
        sns.lineplot(data=rows, x="edition", y="value", hue="lineage", hue_order=units, palette=colours,
                     units="_line", estimator=None, style="_new", markers={"old": "o", "new": "D"},
                     dashes={"old": "", "new": ""}, style_order=["old", "new"], markersize=6, linewidth=1.8,
                     legend=False, sort=True, ax=ax)
        for line in ax.lines[before:]:
            line.set_gid("series")
        # a label goes above right of its point, or below right where its line leaves the point upwards (on screen:
        # ranks are drawn 1 on top), so that the line does not run through it
        rows = rows.sort_values(["_line", "edition"])
        following = rows.groupby("_line")["value"].shift(-1)
        rises = following < rows["value"] if indicator == "dti_rank" else following > rows["value"]
        for (_, r), up in zip(rows.iterrows(), rises):
            new = r["_new"] == "new"
            if indicator == "dti_rank":
                text = f"{int(r['value'])}/{int(r['rank_of'])}" if pd.notna(r["rank_of"]) else f"{r['value']:g}"
                text = ("≥" if r["qualifier"] == ">=" else "") + text
            else:
                text = i18n.number(r["value"], 4)
            ax.annotate(text + ("*" if new else ""), (r["edition"], r["value"]), xytext=(5, -4) if up else (5, 3),
                        textcoords="offset points", va="top" if up else "baseline", fontsize=7.5,
                        color=text_colour(colours[r["lineage"]]))
    for k, (indicator, label) in enumerate(references.items()):
        ref = frame[frame["indicator"] == indicator].sort_values("edition")
        if len(ref):
            left.plot(ref["edition"], ref["value"], color=GREY, lw=1.2, ls=("--" if k == 0 else ":"), marker="s",
                      ms=4, label=label, gid="reference")
            for _, r in ref.iterrows():
                left.annotate(i18n.number(r["value"], 4, trim=False), (r["edition"], r["value"]), xytext=(5, -10),
                              textcoords="offset points", fontsize=7, color=GREY)
    years = sorted(set(frame["edition"].dropna().astype(int))) or [2020, 2024]
    for ax in (left, right):
        ax.set_xticks(range(min(years), max(years) + 1))
        ax.set_xticklabels([f"DTI\n{y}" for y in range(min(years), max(years) + 1)], fontsize=8)
        ax.set_xlim(min(years) - 0.4, max(years) + 0.6)
        ax.set_xlabel("")
        ax.yaxis.grid(True)
        ax.set_axisbelow(True)
    fit = functools.partial(_wrap, width=chars_across(figure_width(), 10)) if narrow() else str
    left.set_title(fit(i18n.t("fig.dti_score_title")), loc="left", fontsize=10)
    left.set_ylabel(i18n.t("fig.dti_score_axis"))
    left.yaxis.set_major_formatter(FuncFormatter(lambda v, _: i18n.number(v, 2)))
    right.set_title(fit(i18n.t("fig.dti_rank_title")), loc="left", fontsize=10)
    right.set_ylabel(i18n.t("fig.dti_rank_axis"))
    right.yaxis.set_major_locator(MaxNLocator(integer=True))
    low, high = right.get_ylim()
    right.set_ylim(max(high, low) + 3, 0)
    handles = [Line2D([], [], color=colours[u], lw=1.8, marker="o", ms=6, label=names.get(u, u)) for u in units
               if (frame["lineage"] == u).any()]
    handles += [h for h in left.get_legend_handles_labels()[0] if h.get_gid() == "reference"]
    handles += [Line2D([], [], marker="o", ls="", color=GREY, label=i18n.t("fig.dti_before")),
                Line2D([], [], marker="D", ls="", color=GREY, label=i18n.t("fig.dti_merged"))]
    # in a row of its own under the panels, so that the layout keeps it clear of the source line
    key.legend(handles=handles, loc="upper left", ncol=1 if narrow() else 3, fontsize=7.5, frameon=False)
    return fig
