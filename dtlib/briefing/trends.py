"""The trend figures of a run: which indicators and units each small-multiple figure holds, and the headline.

:func:`trend_figures` cuts a run's series into figures of at most
:data:`dtlib.figures.trend_panels.MAX_PANELS` panels and :data:`dtlib.figures.trend_panels.MAX_LINES` units:
the headline indicators first (``headline`` in ``indicators.csv``, :func:`headline_indicators`),
then one figure per pillar; :func:`headline_latest` is the table the front page leads with.
:func:`dtlib.figures.trend_panels.trend_panels` draws each figure.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..words import captions
from ..data.dataset import Dataset
from ..analysis.lineage import breaks as breaks_of
from .run import Run
from ..analysis.targets import attainment_table
from ..figures.trend_panels import MAX_LINES, MAX_PANELS, chunks
from ..data.vocab import PILLARS

__all__ = ["TrendFigure", "headline_indicators", "headline_latest", "trend_figures"]


@dataclass
class TrendFigure:
    """One small-multiple trend figure to draw: its panels, its lines, its targets and breaks, its words."""

    name: str
    indicators: list[str]
    units: list[str]
    series: pd.DataFrame
    targets: pd.DataFrame
    breaks: pd.DataFrame
    title: str
    subtitle: str
    sources: list
    drawn: pd.DataFrame


def headline_indicators(data: Dataset) -> list[str]:
    """The indicators marked ``headline`` in ``indicators.csv``, in the table's order."""
    table = data.indicators
    if "headline" not in table:
        return []
    return table.loc[table["headline"].astype(str).str.strip().str.lower() == "true", "id"].tolist()


def headline_latest(run: Run, obs: pd.DataFrame) -> pd.DataFrame:
    """The latest figure of each compared unit on each headline indicator (``obs``: :func:`followed_observations`).

    Returns ``indicator, unit, as_of, value, rank_of, measure, source`` (and ``segment`` when followed):
    what the front page leads with (``tables/headline.csv``).
    """
    headline = headline_indicators(run.data)
    rows = obs[obs["indicator"].isin(headline) & obs["unit"].isin(run.units) & obs["value"].notna()]
    rows = rows.sort_values("as_of").groupby(["unit", "indicator"], sort=False).tail(1)
    order = {i: k for k, i in enumerate(headline)}
    where = {u: k for k, u in enumerate(run.units)}
    rows = rows.assign(_i=rows["indicator"].map(order), _u=rows["unit"].map(where)).sort_values(["_i", "_u"])
    columns = [c for c in ("indicator", "unit", "segment", "as_of", "value", "qualifier", "rank_of", "measure",
                           "source") if c in rows]
    return rows[columns].reset_index(drop=True)


def _merger_breaks(run: Run, obs: pd.DataFrame) -> pd.DataFrame:
    """``unit, indicator, date``: each 2025 merger a followed series crosses (figures on both sides)."""
    out = []
    if not run.follow_mergers or "segment" not in obs:
        return pd.DataFrame(columns=["unit", "indicator", "date"])
    segments = obs.groupby(["unit", "indicator"])["segment"].agg(set)
    for unit in run.units:
        for brk in breaks_of(run.data, unit):
            for (who, indicator), held in segments[segments.index.get_level_values(0) == unit].items():
                if {brk["before"], brk["after"]} <= held:
                    out.append({"unit": who, "indicator": indicator, "date": brk["date"]})
    return pd.DataFrame(out, columns=["unit", "indicator", "date"])


#: Units that are not provinces: the nation is drawn where it has a figure, never listed as missing.
_NATION = ("vietnam",)


def trend_figures(run: Run, obs: pd.DataFrame, pairs: pd.DataFrame) -> list[TrendFigure]:
    """The small-multiple trend figures of a run: the headline indicators first, then each pillar.

    A figure holds at most :data:`dtlib.figures.trend_panels.MAX_PANELS` panels (one per indicator of
    ``pairs``, on its own axis labelled with its measure, those of one measure side by side) and
    :data:`dtlib.figures.trend_panels.MAX_LINES` units: the number of figures grows with the units and
    the pillars (and a pillar's indicators by twelves), never with units × indicators.
    Each line keeps what :func:`dtlib.figures.plots.trend` keeps apart (segments, ranking sizes,
    windows, boundaries); the targets are those of :func:`dtlib.attainment_table`.
    """
    indicators = list(dict.fromkeys(pairs["indicator"]))
    units = [u for u in run.units if u in set(pairs["unit"])]
    meta = run.data.indicators.set_index("id")
    # the headline figure answers "where does each stand": every compared unit with any figure of a
    # headline indicator, a single figure drawn as a dot; the others are named in its subtitle
    known = obs[obs["unit"].isin(run.units) & obs["value"].notna()]
    headline = [i for i in headline_indicators(run.data) if i in set(known["indicator"])]
    head_units = [u for u in run.units if (known["indicator"].isin(headline) & (known["unit"] == u)).any()]
    if not (indicators and units) and not headline:
        return []
    everyone = list(dict.fromkeys([*head_units, *units]))
    drawn = known[(known["indicator"].isin(indicators) & known["unit"].isin(units))
                  | (known["indicator"].isin(headline) & known["unit"].isin(head_units))]
    drawn = drawn.assign(measure=drawn["indicator"].map(meta["unit"]))
    table = attainment_table(run.data, run.as_of, units=everyone)
    names = getattr(run, "names", None) or {}
    missing = [names.get(u, u) for u in run.units if u not in head_units and u not in _NATION]
    targets = table.loc[table["target"].notna() & table["indicator"].isin([*indicators, *headline]),
                        ["unit", "indicator", "target", "comparator", "deadline", "target_unit", "target_rank_of",
                         "target_source"]]
    breaks = _merger_breaks(run, drawn)
    groups = [("headline", None, headline)]
    rest = [i for i in indicators if i not in headline and i in set(pairs["indicator"])]
    for pillar in PILLARS:
        # each panel has its own axis, labelled with its measure; panels of one measure sit together
        mine = sorted((i for i in rest if meta.loc[i, "pillar"] == pillar), key=lambda i: (meta.loc[i, "unit"], i))
        groups.append((pillar, pillar, mine))
    figures = []
    for stem, pillar, members in groups:
        if not members:
            continue
        lines = head_units if pillar is None else units
        parts = [(us, ins) for us in chunks(lines, MAX_LINES) for ins in chunks(members, MAX_PANELS)]
        for k, (us, ins) in enumerate(parts, start=1):
            series = drawn[drawn["indicator"].isin(ins) & drawn["unit"].isin(us)]
            if series.empty:
                continue
            held = targets[targets["indicator"].isin(ins) & targets["unit"].isin(us)]
            # a target is drawn where its unit has a figure on that panel (dtlib.figures.trend_panels.trend_panels)
            pairs_drawn = set(zip(series["unit"], series["indicator"]))
            held = held.loc[[k in pairs_drawn for k in zip(held["unit"], held["indicator"])]]
            crossed = breaks[breaks["indicator"].isin(ins) & breaks["unit"].isin(us)]
            columns = [c for c in ("unit", "segment", "indicator", "as_of", "value", "rank_of", "window", "basis",
                                   "source") if c in series]
            rows = [series[columns].assign(kind="reported")]
            if len(held):
                rows.append(held.rename(columns={"target": "value", "deadline": "as_of", "target_rank_of": "rank_of",
                                                 "target_source": "source"})
                            .assign(kind="target " + held["comparator"])
                            [["unit", "indicator", "as_of", "value", "rank_of", "source", "kind", "target_unit"]])
            recomputed = "basis" in series and bool(series["basis"].notna().any())
            figures.append(TrendFigure(
                name=f"trend_{stem}" + (f"_{k}" if len(parts) > 1 else ""), indicators=ins, units=us,
                series=series, targets=held, breaks=crossed,
                title=captions.trend_panels_title(pillar, series, run.as_of, k, len(parts), targets=held),
                subtitle=captions.trend_panels_subtitle(recomputed=recomputed,
                                                        missing=missing if pillar is None else ()),
                sources=[*series["source"], *held["target_source"]],
                drawn=pd.concat(rows, ignore_index=True)))
    return figures
