"""Small-multiple trends: one panel per indicator, one line per unit, one legend per figure.

A briefing pack at any size: instead of one chart per unit and indicator, a figure holds the
indicators of one pillar and measure (at most :data:`MAX_PANELS` panels) with a line per unit
in the unit's colour of the whole pack (:func:`dtlib.figures.colours.unit_colours`). What is never
joined in :func:`dtlib.figures.plots.trend` is never joined here either: a line is one unit, one
segment (the unit that reported the figure, across the 2025 mergers), one ranking size, one
reporting window and one set of boundaries; and ranks among different numbers of provinces (63
before the mergers, 34 after) never share an axis: such an indicator gets a panel per number
(:func:`rank_panels`). Each line's latest value is written beside it; the
target a unit is held to is a square at its deadline, reached by a dashed line in the unit's
colour: the straight path from the latest figure to the target while the deadline is ahead (the
pace the unit needs; none when the latest figure already meets it), the target's level when the
deadline has passed.

>>> fig = trend_panels(series, indicators=["dti_rank", "households_fibre_pct"],     # doctest: +SKIP
...                    units=["lao-cai-2025", "lai-chau"], targets=targets)
"""
from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import FuncFormatter, MaxNLocator

from ..words import i18n
from .colours import GREY, PALETTE, text_colour, unit_colours
from .phone import MIN_PHONE_POINTS, chars_across, figure_width, narrow, redrawable
from .style import _value_label, _wrap, measure_label

__all__ = ["MAX_PANELS", "MAX_LINES", "COLUMNS", "trend_panels", "rank_panels", "line_keys", "distinct_colours", "chunks"]

#: Panels in one figure at most: four rows of three fit an A4 page and stay readable.
MAX_PANELS = 12
#: Units (lines of distinct colours) in one figure at most.
MAX_LINES = 6
#: Panels per row.
COLUMNS = 3
_PANEL_HEIGHT = 2.25
_KEY_ROW = 0.2     # inches per row of the legend


def chunks(items: Sequence, size: int) -> list[list]:
    """``items`` cut into consecutive lists of at most ``size``, as even as possible (11 by 6: 6 and 5)."""
    items = list(items)
    if not items:
        return []
    n = math.ceil(len(items) / size)
    step = math.ceil(len(items) / n)
    return [items[i:i + step] for i in range(0, len(items), step)]


def distinct_colours(units: Sequence[str]) -> dict[str, str]:
    """The units' colours of the whole pack; two that would still share one in a figure take free palette colours.

    The study's provinces keep their fixed colours; only units outside the fixed set can move,
    and only when the figure would otherwise draw two of them alike.
    """
    colours = unit_colours(units)
    seen: set[str] = set()
    free = [c for c in PALETTE if c not in set(colours.values())]
    for unit in units:
        if colours[unit] in seen and free:
            colours[unit] = free.pop(0)
        seen.add(colours[unit])
    return colours


def line_keys(series: pd.DataFrame) -> pd.Series:
    """One key per line: unit, segment, ranking size, reporting window and boundaries (never joined to another)."""
    def text(column: str, fmt=str) -> pd.Series:
        if column not in series:
            return pd.Series("", index=series.index)
        return series[column].map(lambda v: "" if pd.isna(v) else fmt(v))

    return (text("unit") + "|" + text("segment") + "|" + text("rank_of", lambda v: f"{float(v):g}") + "|" +
            text("window") + "|" + text("basis", lambda d: f"{pd.Timestamp(d):%Y-%m-%d}"))


def _measure(panel: pd.DataFrame, indicator: str, measures: Mapping[str, str] | None) -> str:
    """The measure of ``indicator``: from ``measures``, else the panel's ``measure`` column, else ``""``."""
    return (measures or {}).get(indicator) or (str(panel["measure"].dropna().iloc[0])
                                               if "measure" in panel and panel["measure"].notna().any() else "")


def rank_panels(rows: pd.DataFrame, indicators: Sequence[str], measures: Mapping[str, str] | None = None
                ) -> list[tuple[str, float | None]]:
    """The panels of ``indicators``: ``(indicator, None)``, or for a rank reported among different numbers
    of provinces (63 before the 2025 mergers, 34 after), ``(indicator, n)`` for each number, most first:
    ranks of different denominators never share an axis.

    >>> rows = pd.DataFrame({"indicator": ["dti_rank", "dti_rank", "x_pct"], "rank_of": [63, 34, None],
    ...                      "measure": ["rank", "rank", "percent"]})
    >>> rank_panels(rows, ["x_pct", "dti_rank"])
    [('x_pct', None), ('dti_rank', 63.0), ('dti_rank', 34.0)]
    """
    panels: list[tuple[str, float | None]] = []
    for indicator in indicators:
        mine = rows[rows["indicator"] == indicator]
        counts = (sorted({float(n) for n in mine["rank_of"].dropna()}, reverse=True)
                  if _measure(mine, indicator, measures) == "rank" and "rank_of" in mine else [])
        panels.extend([(indicator, n) for n in counts] if len(counts) > 1 else [(indicator, None)])
    return panels


@redrawable
def trend_panels(series: pd.DataFrame, *, indicators: Sequence[str], units: Sequence[str],
                 targets: pd.DataFrame | None = None, breaks: pd.DataFrame | None = None,
                 indicator_names: Mapping[str, str] | None = None, unit_names: Mapping[str, str] | None = None,
                 measures: Mapping[str, str] | None = None) -> Figure:
    """One panel per indicator (per number of provinces ranked, for a rank: :func:`rank_panels`) (wrapped in rows of :data:`COLUMNS`; one under another when drawn for a phone,
    :func:`dtlib.figures.phone.narrow`), one line per unit, one legend below.

    Parameters
    ----------
    series
        Dated figures: ``unit, indicator, as_of, value`` and, when known, ``measure``,
        ``rank_of``, ``segment`` (the unit that reported it, for a series followed across a
        merger), ``window`` and ``basis``.
    indicators
        The panels, in order (at most :data:`MAX_PANELS`).
    units
        The lines, in legend order; each in its colour (:func:`distinct_colours`).
    targets
        The target each unit is held to: ``unit, indicator, target, deadline`` (rows of
        :func:`dtlib.attainment_table`); a dashed line in the unit's colour from its first
        figure to the deadline, a square at the deadline.
    breaks
        ``indicator, date``: the 2025 mergers a panel's lines cross, a grey vertical line.
    indicator_names, unit_names
        Ids → names to print.
    measures
        Indicator id → measure (else the ``measure`` column): ranks are drawn best on top.

    Returns
    -------
    Figure
        With a panel per indicator (titled with its name, its axis labelled with its measure)
        and, in a row of its own under the panels, the one legend of the figure.
    """
    import seaborn as sns

    indicators = list(indicators)
    if len(indicators) > MAX_PANELS:
        raise ValueError(f"trend_panels draws at most {MAX_PANELS} panels; got {len(indicators)}: split them "
                         "(dtlib.figures.trend_panels.chunks)")
    units = list(units)
    names = dict(unit_names or {})
    labels = dict(indicator_names or {})
    colours = distinct_colours(units)
    rows = series[series["indicator"].isin(indicators) & series["unit"].isin(units)].copy()
    rows = rows[rows["value"].notna()].sort_values("as_of")
    rows["as_of"] = pd.to_datetime(rows["as_of"])
    rows["value"] = rows["value"].astype(float)
    rows["_line"] = line_keys(rows)
    rows["_new"] = np.where(rows["basis"].notna(), "new", "old") if "basis" in rows else "old"
    targets = targets if targets is not None else pd.DataFrame(columns=["unit", "indicator", "target", "deadline"])
    targets = targets[targets["indicator"].isin(indicators) & targets["unit"].isin(units) & targets["target"].notna()]
    targets = targets[(targets["unit"] + "|" + targets["indicator"]).isin(rows["unit"] + "|" + rows["indicator"])]
    breaks = breaks if breaks is not None else pd.DataFrame(columns=["indicator", "date"])

    panels = rank_panels(rows, indicators, measures)
    n = max(len(panels), 1)
    ncol = min(1 if narrow() else COLUMNS, n)       # on a phone (dtlib.figures.phone): the panels one under another
    nrow = math.ceil(n / ncol)
    shown = [u for u in units if (rows["unit"] == u).any()]
    extra = [bool(len(targets)), bool(len(breaks) and breaks["indicator"].isin(indicators).any()),
             bool((rows["_new"] == "new").any())]
    key_columns = 1 if narrow() else 2
    key_rows = math.ceil((len(shown) + sum(extra) + 1) / key_columns)
    fig = plt.figure(figsize=(figure_width(), nrow * _PANEL_HEIGHT + key_rows * _KEY_ROW + 0.2))
    grid = fig.add_gridspec(nrow + 1, ncol, height_ratios=[_PANEL_HEIGHT] * nrow + [key_rows * _KEY_ROW + 0.1])
    start = min([rows["as_of"].min(), *pd.to_datetime(targets["deadline"])], default=pd.NaT)
    end = max([rows["as_of"].max(), *pd.to_datetime(targets["deadline"]), *pd.to_datetime(breaks["date"])],
              default=pd.NaT)
    first_ax = None
    drawn = []
    for k, (indicator, among) in enumerate(panels):
        ax = fig.add_subplot(grid[k // ncol, k % ncol], sharex=first_ax)
        first_ax = first_ax or ax
        panel = rows[rows["indicator"] == indicator]
        held = targets[targets["indicator"] == indicator]
        title = labels.get(indicator, indicator)
        if among is not None:         # one number of provinces ranked: its ranks, and the targets set among it
            panel = panel[panel["rank_of"].astype(float) == among]
            if "target_rank_of" in held:
                held = held[held["target_rank_of"].isna() | (held["target_rank_of"].astype(float) == among)]
            title = i18n.t("fig.trends.ranked_among", name=title, of=f"{among:g}")
        measure = _measure(panel, indicator, measures)
        if len(panel):
            before = len(ax.lines)
            sns.lineplot(data=panel, x="as_of", y="value", hue="unit", hue_order=[u for u in units
                                                                                   if u in set(panel["unit"])],
                         palette=colours, units="_line", estimator=None, style="_new",
                         markers={"old": "o", "new": "D"}, dashes={"old": "", "new": ""},
                         style_order=["old", "new"], markersize=4.5, linewidth=1.6, legend=False, sort=True, ax=ax)
            for line in ax.lines[before:]:
                line.set_gid("series")
        # a unit's target, only where the panel draws the unit. Ahead of its latest figure: the straight path
        # from that figure to the target at its deadline (the pace it needs); passed: the level, from its first
        # figure to the deadline
        for _, target in held[held["unit"].isin(panel["unit"])].iterrows():
            deadline = pd.Timestamp(target["deadline"])
            mine = panel[panel["unit"] == target["unit"]]
            latest = mine.iloc[-1]
            if deadline > latest["as_of"] and _reached(latest["value"], target):
                xs, ys = [], []             # already there: no path to draw, the square marks the target
            elif deadline > latest["as_of"]:
                xs, ys = [latest["as_of"], deadline], [latest["value"], target["target"]]
            else:
                xs, ys = [min(mine["as_of"].min(), deadline), deadline], [target["target"]] * 2
            if xs:
                ax.plot(xs, ys, ls=(0, (4, 2.5)), lw=1.1, color=colours[target["unit"]], gid="target")
            ax.plot([deadline], [target["target"]], marker="s", ms=5, ls="", markerfacecolor="white",
                    markeredgewidth=1.2, markeredgecolor=colours[target["unit"]], gid="deadline")
        for when in breaks.loc[breaks["indicator"] == indicator, "date"].drop_duplicates():
            ax.axvline(pd.Timestamp(when), color=GREY, lw=1.4, gid="break")
        _finish_panel(ax, measure, title)
        drawn.append((ax, panel, measure))
    if first_ax is not None and not pd.isna(start):
        pad = pd.Timedelta(days=max(90, (end - start).days * 0.06))
        first_ax.set_xlim(start - pad, end + pad * 3.2)    # room for the last values' labels on the right
        span = (end - start).days
        first_ax.xaxis.set_major_locator(mdates.YearLocator(1 if span < 6 * 365 else 2))
        first_ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    for ax, panel, measure in drawn:      # once the dates axis is final: a label's place depends on it
        _label_last_values(ax, panel, measure, colours)
    key = fig.add_subplot(grid[nrow, :])
    key.axis("off")
    handles = [Line2D([], [], color=colours[u], lw=1.8, marker="o", ms=5, label=names.get(u, u)) for u in shown]
    if extra[0]:
        handles.append(Line2D([0, 1], [0, 0], color=GREY, lw=1.1, ls=(0, (4, 2.5)), marker="s", ms=5,
                              markerfacecolor="white", markevery=[1], label=i18n.t("fig.trends.target")))
    if extra[1]:
        handles.append(Line2D([], [], color=GREY, lw=1.4, label=i18n.t("fig.trends.break")))
    if extra[2]:
        handles.append(Line2D([], [], color=GREY, marker="D", ls="", ms=5, label=i18n.t("fig.trends.recomputed")))
    handles.append(Line2D([], [], ls="", label=i18n.t("fig.trends.last_value")))
    if narrow():        # on a phone, a long entry on two lines rather than past the figure's edge
        for handle in handles:
            handle.set_label(_wrap(handle.get_label(), chars_across(figure_width() - 0.5, 7.5)))
    key.legend(handles=handles, loc="upper left", ncol=key_columns, fontsize=7.5, frameon=False, handlelength=2.6)
    return fig


def _reached(value: float, target: pd.Series) -> bool:
    """Whether ``value`` already meets ``target`` (its ``comparator``: ``<=``/``<`` for a rank or a
    share to bring down, anything else at least the target)."""
    comparator = str(target.get("comparator", ">=") or ">=")
    goal = float(target["target"])
    return value <= goal if comparator.startswith("<") else value >= goal


#: The thin line that joins a value's label, written away from its point, to the point.
_LEADER = {"arrowstyle": "-", "lw": 0.6, "alpha": 0.8, "shrinkA": 2.5, "shrinkB": 1}


def _label_last_values(ax, panel: pd.DataFrame, measure: str, colours: Mapping[str, str]) -> None:
    """The latest value of each line in the line's colour, labels spread apart and clear of the other lines.

    Labels are kept one line of text apart (in points, bottom to top) and inside the axes. A
    label goes right of its line's last point; where it would cover another line's point or
    segment (or a target's), it goes right of the panel's latest point instead, joined to its
    point by a thin line, when that covers less. A label that would hide a target's square moves a
    line or three up or down, where that is clear (:func:`_clear_of_squares`). Each label has a white backing, so a line it
    still crosses (a target at the same value, the mergers' date) passes under it.
    """
    from matplotlib.text import OffsetFrom

    last = panel.sort_values("as_of").groupby("_line", sort=False).tail(1)
    if last.empty:
        return
    fig = ax.figure
    to_points = 72 / fig.dpi
    screen = ax.transData.transform(np.column_stack([mdates.date2num(last["as_of"]), last["value"]]))[:, 1] * to_points
    box = ax.get_window_extent()
    bottom, top = box.y0 * to_points + 4, box.y1 * to_points - 4
    order = np.argsort(screen)
    size = MIN_PHONE_POINTS if narrow() else 6.5     # on a phone (dtlib.figures.phone), its smallest legible size
    gap = size + 2
    wanted = [float(np.clip(screen[i], bottom, top)) for i in order]
    placed: list[float] = []
    for y in wanted:                      # upwards, each at least a line above the one below
        placed.append(max(y, placed[-1] + gap) if placed else y)
    overflow = placed[-1] - top if placed else 0
    if overflow > 0:                      # the top one left the axes: push down only the ones in its way
        placed[-1] = top
        for k in range(len(placed) - 2, -1, -1):
            placed[k] = min(placed[k], placed[k + 1] - gap)
    latest = mdates.date2num(panel["as_of"].max())
    backing = {"boxstyle": "square,pad=0.15", "facecolor": "white", "edgecolor": "none", "alpha": 0.85}
    renderer = fig.canvas.get_renderer()
    obstacles = _obstacles(ax)
    written: list = []
    for y, i in zip(placed, order):
        row = last.iloc[i]
        colour = text_colour(colours.get(row["unit"], GREY))      # the line's hue, dark enough to read
        point, offset = (row["as_of"], row["value"]), (5, y - screen[i])
        look = {"ha": "left", "va": "center", "fontsize": size, "color": colour, "gid": "last_value", "bbox": backing}
        label = ax.annotate(_value_label(row, measure), point, xytext=offset, textcoords="offset points", **look)
        own = label.get_window_extent(renderer)
        when = mdates.date2num(row["as_of"])
        covered = obstacles.covered(own) if when < latest else 0
        if covered:
            (x_own, _), (x_latest, _) = ax.transData.transform([(when, row["value"]), (latest, row["value"])])
        if covered and obstacles.covered(own.translated(x_latest - x_own, 0)) < covered:
            label.remove()
            label = ax.annotate(_value_label(row, measure), point, xytext=offset,
                                textcoords=OffsetFrom(ax.transData, (latest, row["value"]), unit="points"), **look,
                                arrowprops={**_LEADER, "color": colour})
        written.append((label, look, colour))
    for k, (label, look, colour) in enumerate(written):   # once all are written: clear of every other label
        others = [other.get_window_extent(renderer) for j, (other, *_) in enumerate(written) if j != k]
        step = _clear_of_squares(label, obstacles, others, box, gap / to_points, renderer)
        if step:                          # moved off its point: joined to it by a thin line, as above
            x, y = label.xyann
            point = (mdates.date2num(pd.Timestamp(label.xy[0])), label.xy[1])
            moved = ax.annotate(label.get_text(), point, xytext=(x, y + step), textcoords=label.anncoords, **look,
                                arrowprops={**_LEADER, "color": colour})
            label.remove()
            written[k] = (moved, look, colour)


def _clear_of_squares(label, obstacles: "_Obstacles", others: list, box, step: float, renderer) -> float:
    """How far (points, up positive) to move ``label`` when it hides a target's square (the deadline),
    which its white backing would cover: a line or three up or down, inside ``box`` and clear of the
    ``others`` labels' boxes; 0 when it hides none, or no such place is free."""
    own = label.get_window_extent(renderer)
    if not obstacles.hides_square(own, step / 2):
        return 0.0
    for k in (1, -1, 2, -2, 3, -3):
        moved = own.translated(0, k * step)
        if (moved.y0 >= box.y0 and moved.y1 <= box.y1 and not obstacles.hides_square(moved, step / 2)
                and not any(moved.overlaps(other) for other in others)):
            return k * step * 72 / label.figure.dpi
    return 0.0


def _points_in(points: np.ndarray, box, margin: float) -> int:
    """How many of ``points`` (pixels) lie in ``box`` (a Bbox in pixels) grown by ``margin`` on every side."""
    if not len(points):
        return 0
    x0, y0, x1, y1 = box.x0 - margin, box.y0 - margin, box.x1 + margin, box.y1 + margin
    return int(((points[:, 0] >= x0) & (points[:, 0] <= x1) & (points[:, 1] >= y0) & (points[:, 1] <= y1)).sum())


class _Obstacles:
    """The points and segments a panel draws, in pixels: what a value's label should not cover; and,
    among the points, the targets' squares (the deadlines), which a label must not hide."""

    def __init__(self, points: np.ndarray, segments: list[tuple[np.ndarray, np.ndarray]], radius: float,
                 squares: np.ndarray):
        self.points, self.segments, self.radius, self.squares = points, segments, radius, squares

    def covered(self, box) -> int:
        """How many of the points (with their marker's radius) and segments fall in ``box`` (a Bbox in pixels)."""
        hits = _points_in(self.points, box, self.radius)
        return hits + sum(_crosses(a, b, (box.x0, box.y0, box.x1, box.y1)) for a, b in self.segments)

    def hides_square(self, box, margin: float) -> bool:
        """Whether ``box`` grown by ``margin`` holds a target's square."""
        return _points_in(self.squares, box, margin) > 0


def _obstacles(ax) -> _Obstacles:
    """What ``ax`` draws as data (the series, the targets and their deadlines), in pixels.

    A label starts right of its own line's last point, so its own line never counts against it.
    """
    points, segments, squares = [], [], []
    for line in ax.lines:
        if line.get_gid() not in ("series", "target", "deadline"):
            continue
        xy = line.get_transform().transform(np.asarray(line.get_xydata(), dtype=float))
        xy = xy[np.isfinite(xy).all(axis=1)]
        if line.get_marker() not in (None, "", "None", " ", "none"):
            points.extend(xy)
        if line.get_linestyle() not in ("", "None", " ", "none"):
            segments.extend(zip(xy[:-1], xy[1:]))
        if line.get_gid() == "deadline":
            squares.extend(xy)
    radius = 3 * ax.figure.dpi / 72
    return _Obstacles(np.array(points, dtype=float).reshape(-1, 2), segments, radius,
                      np.array(squares, dtype=float).reshape(-1, 2))


def _crosses(a: np.ndarray, b: np.ndarray, box: tuple[float, float, float, float]) -> bool:
    """Whether the segment from ``a`` to ``b`` passes through ``box`` (x0, y0, x1, y1): Liang-Barsky clipping."""
    x0, y0, x1, y1 = box
    dx, dy = b[0] - a[0], b[1] - a[1]
    low, high = 0.0, 1.0
    for p, q in ((-dx, a[0] - x0), (dx, x1 - a[0]), (-dy, a[1] - y0), (dy, y1 - a[1])):
        if p == 0:
            if q < 0:
                return False
            continue
        t = q / p
        if p < 0:
            low = max(low, t)
        else:
            high = min(high, t)
        if low > high:
            return False
    return True


def _finish_panel(ax, measure: str, title: str) -> None:
    ax.set_title(_wrap(title, 44), loc="left", fontsize=8, fontweight="bold")
    ax.set_xlabel("")
    ax.set_ylabel(measure_label(measure), fontsize=7.5)
    ax.tick_params(labelsize=7)
    if measure == "rank":
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        low, high = ax.get_ylim()
        span = abs(high - low)
        ax.set_ylim(max(high, low) + max(1, span * 0.12), max(0.5, min(high, low) - max(2, span * 0.12)))  # 1 on top
    else:
        low, high = ax.get_ylim()
        low, high = low - (high - low) * 0.1, high + (high - low) * 0.12
        if measure == "percent":      # a share stays near 0–100, and a flat share is drawn flat, not zoomed in
            low, high = max(low, -4.0), min(high, 104.0)
            low, high = min(low, high - 10), max(high, low + 10)
        ax.set_ylim(low, high)
        if measure == "percent":      # no tick above 100% or below 0%
            ax.set_yticks([t for t in ax.get_yticks() if 0 <= t <= 100 and low <= t <= high])
            ax.set_ylim(low, high)
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: i18n.number(v, 4)))
    ax.yaxis.grid(True)
    ax.set_axisbelow(True)
