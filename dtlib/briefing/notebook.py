"""One call that opens every notebook, and the few verbs a notebook cell uses to show things.

:func:`setup` loads the data, fixes the report date, sets the language and the figure theme,
and names the units in that language; the :class:`Run` it returns carries all of it, and shows
what a cell has to show: a section's heading and narration from the catalogue
(:meth:`Run.section`), a sentence built from the data (:meth:`Run.say`), a figure with its
title, subtitle and source line, saved beside its data (:meth:`Run.figure`), a table formatted
for readers and saved raw (:meth:`Run.table`).

>>> import dtlib.briefing.notebook as nb
>>> from dtlib import captions
>>> run = nb.setup("02_compare", lang="en", out_dir="/tmp/scratch")     # doctest: +SKIP
>>> run.section("compare")                          # heading, what it answers, the report date  # doctest: +SKIP
>>> run.say(captions.indicators_to_compare(9, len(run.units)))                          # doctest: +SKIP
"""
from __future__ import annotations

import os
import warnings
from collections.abc import Sequence

import pandas as pd

from ..words import captions, i18n
from ..figures.phone import narrow, redrawable
from .run import TABLE_ROWS_SHOWN, Run, section_markdown  # noqa: F401 - the run context, re-exported
from .trends import TrendFigure, headline_indicators, headline_latest, trend_figures  # noqa: F401 - verbs of a run
from ..analysis import lineage
from ..figures import plots
from ..data.dataset import load
from ..analysis.observations import known_observations, latest_as_of, report_date
from ..analysis.targets import attainment_table
from ..data.text import resolve_unit
from ..analysis.compare import peer_units, peer_values, with_indicators
from ..figures.heatmaps import unreported_indicators
from ..analysis.lineage import follow
from ..words.names import reporter_names
from ..data.periods import as_date
from ..analysis.reorganisation import reorganisation_table
from ..analysis.verdicts import ended_targets, verdict_table
from ..data.vocab import PILLARS

__all__ = ["Run", "setup", "section_markdown", "attainment", "verdicts", "ended", "reorganisation",
           "compared_latest", "beside_peers",
           "draw_pillars", "draw_peers", "coverage_by_pillar", "indicators_by_pillar", "followed_observations",
           "TrendFigure", "trend_figures", "headline_indicators", "headline_latest", "PILLAR_COLUMNS",
           "PEER_COLUMNS", "PEER_PANELS", "peer_pages", "COVERAGE_ROWS", "coverage_pages"]

#: What the CSV beside the profile's figure against its targets holds.
PILLAR_COLUMNS = ["unit", "pillar", "indicator", "indicator_en", "indicator_vi", "as_of", "value", "rank_of",
                  "target_unit", "target", "comparator", "deadline", "gap", "status", "source", "target_source"]

#: What the profile's table of the province beside the others shows (``reported_by`` when followed).
PEER_COLUMNS = ["indicator", "unit", "reported_by", "value", "as_of", "stale", "source"]


def reader_warning(message, category, filename, lineno, line=None) -> str:
    """A warning as a notebook page shows it: its kind and its words, never the file and line of
    the code that raised it (a path of the machine that built the pack).

    >>> reader_warning(UserWarning("too tall"), UserWarning, "/tmp/x/dtlib/notebook.py", 155)
    'UserWarning: too tall\\n'
    """
    return f"{category.__name__}: {message}\n"


def setup(notebook: str, *, data_dir: str | os.PathLike | None = None, as_of=None, lang: str = i18n.DEFAULT_LANGUAGE,
          out_dir: str | os.PathLike = "figures", units: Sequence[str] | None = None, unit: str | None = None,
          follow_mergers: bool = True) -> Run:
    """Open a notebook run: language, theme, data, report date, names, the provinces compared.

    Parameters
    ----------
    notebook
        The notebook's name, with or without ``.ipynb`` (``"01_profile"``).
    data_dir
        Folder of the data tables; ``None``: the repository's ``data/``.
    as_of
        Report date; ``None``: :func:`dtlib.report_date`.
    lang
        ``"vi"`` or ``"en"``: set for the whole run (:func:`dtlib.words.i18n.set_language`).
    out_dir
        Where figures and tables are written.
    units
        Provinces to compare; ``None``: the four of the brief. Each is replaced by what it had
        become by the report date (:func:`dtlib.analysis.lineage.comparison_set`).
    unit
        The unit a profile is about: an id or a name (:func:`dtlib.resolve_unit`). A unit that
        had ended by the report date is replaced by what it became (``lao-cai`` on 31 Mar 2026
        by ``lao-cai-2025``), as the pack's profiles are; ``Run.asked`` keeps the one asked for
        (:func:`dtlib.words.captions.profiled_successor` says so).
    follow_mergers
        Follow each province across the 2025 mergers.
    """
    i18n.set_language(lang)
    warnings.formatwarning = reader_warning   # a notebook page never shows a path of the code or the build
    plots.set_theme()
    data = load(data_dir)
    when = as_date(as_of) or report_date(data)
    asked = list(units or lineage.STUDY_UNITS)
    known = set(data.units["id"])
    run = Run(notebook=notebook if notebook.endswith(".ipynb") else f"{notebook}.ipynb", data=data, as_of=when,
              lang=lang, names=captions.unit_names(data, lang), out_dir=str(out_dir), follow_mergers=follow_mergers,
              units=lineage.comparison_set(data, when, [u for u in asked if u in known]),
              missing=[u for u in units or () if u not in known])      # the default set is what the data holds
    if unit is not None:
        run.unit = resolve_unit(unit, data.units, when)
        ended = data.units.set_index("id").loc[run.unit, "valid_to"]
        became = lineage.unit_on(data, run.unit, when) if pd.notna(ended) and ended < when else None
        if became:
            run.asked, run.unit = run.unit, became
    return run


def attainment(run: Run, units: Sequence[str] | None = None, deadline=None) -> pd.DataFrame:
    """The attainment table with indicator metadata and names in the language (``unit_name``,
    ``target_unit_name``, ``indicator_name``)."""
    table = with_indicators(attainment_table(run.data, run.as_of, units=units, deadline=deadline), run.data)
    return table.assign(unit_name=table["unit"].map(run.names), target_unit_name=table["target_unit"].map(run.names),
                        indicator_name=table["indicator"].map(run.indicator_names))


def verdicts(run: Run, units: Sequence[str] | None = None) -> pd.DataFrame:
    """The verdict of every target due by the report date, for each unit assessed and each province
    it absorbed (:func:`dtlib.analysis.verdicts.verdict_table`), with names in the language."""

    table = with_indicators(verdict_table(run.data, run.as_of, units=list(units) if units else None), run.data)
    return table.assign(unit_name=table["unit"].map(run.names), indicator_name=table["indicator"].map(
        run.indicator_names))


def ended(run: Run, units: Sequence[str]) -> pd.DataFrame:
    """The targets that would apply to ``units`` but whose object had ended by the report date, with the reason."""

    return ended_targets(run.data, run.as_of, list(units))


def reorganisation(run: Run) -> tuple[pd.DataFrame, dict[str, str], list[str], list[str]]:
    """The four provinces on their last day beside what they became (:func:`dtlib.analysis.reorganisation.reorganisation_table`).

    Returns the table (with indicator metadata), the name of each of its columns for the
    figure, the columns in order (each former province, then what it became) and the
    indicators to draw: those with a figure in at least one column, by pillar (the others are
    in the table, not the figure).
    """

    table = with_indicators(reorganisation_table(run.data, run.as_of), run.data)
    names = captions.reorganisation_columns(table, run.names, run.lang)
    reported = table[table["indicator"].isin(table.loc[table["value"].notna(), "indicator"])]
    return table, names, list(dict.fromkeys(table["column"])), indicators_by_pillar(reported)


def compared_latest(run: Run) -> tuple[pd.DataFrame, dict[str, str], list[str]]:
    """The latest figure of each compared province, followed across the mergers when the run does.

    Returns
    -------
    tuple
        ``latest`` (with ``unit`` = the province compared and, when followed, ``reported_by``;
        ``unit_name`` names each figure, and who reported it when another unit of its line did:
        :func:`dtlib.words.names.reporter_names`), the names to print for each province (a followed
        province is named for every unit whose figures it shows), and the sentences of the
        mergers crossed (empty when none is).
    """

    latest = _latest_named(run, run.units)
    if not run.follow_mergers:
        return latest, dict(run.names), []
    names = {**run.names, **captions.followed_names(run.data, latest, run.names)}
    reporting = set(latest["reported_by"])
    mergers = [captions.merger_sentence(run.data, b, run.names) for unit in run.units
               for b in lineage.breaks(run.data, unit) if b["date"] <= run.as_of and b["before"] in reporting]
    return latest, names, mergers


def _latest_named(run: Run, units: Sequence[str], own: Sequence[str] = ()) -> pd.DataFrame:
    """The latest figure of each of ``units`` on each indicator, ``unit_name`` naming each figure.

    When the run follows the mergers, each unit but those in ``own`` is followed across them
    (:func:`dtlib.analysis.lineage.follow_latest`: ``reported_by`` is the unit of its line whose figure it
    is, and the name says so, :func:`dtlib.words.names.reporter_names`); otherwise, and for ``own``,
    a unit's own figures only.
    """
    if not run.follow_mergers:
        latest = latest_as_of(run.data, run.as_of, units=list(units))
        return latest.assign(unit_name=latest["unit"].map(run.names))
    chain = [m for u in units for m in ([u] if u in own else lineage.lineage_chain(run.data, u))]
    latest = lineage.follow_latest(run.data, latest_as_of(run.data, run.as_of, units=chain), list(units))
    return latest.assign(unit_name=reporter_names(run.data, latest, run.names))


#: The most indicators a page of the province against its targets draws: so that the figure fits
#: an A4 text block (at 0.45 in a bar, 22 indicators made a figure 10 x 16 in).
PILLAR_ROWS = 12


def pillar_pages(name: str, table: pd.DataFrame, rows: int = PILLAR_ROWS) -> list[tuple[str, int, int, pd.DataFrame]]:
    """The province against its targets cut into pages of at most ``rows`` indicators: whole pillars
    together while they fit, a pillar of more than ``rows`` cut into equal parts.

    Returns ``(name, part, parts, rows of table)`` per page, named ``name``, ``name_2`` ...;
    none when ``table`` is empty.

    >>> t = pd.DataFrame({"indicator": list("abcdefg"), "pillar": ["government"] * 5 + ["society"] * 2})
    >>> [(n, k, parts, "".join(p["indicator"])) for n, k, parts, p in pillar_pages("p", t, rows=4)]
    [('p', 1, 2, 'abc'), ('p_2', 2, 2, 'defg')]
    """

    pages: list[list[str]] = []
    for pillar in [p for p in PILLARS if p in set(table["pillar"])] + sorted(set(table["pillar"]) - set(PILLARS)):
        ids = list(dict.fromkeys(table.loc[table["pillar"] == pillar, "indicator"]))
        for part in _equal_parts(ids, rows):
            if pages and len(pages[-1]) + len(part) <= rows:
                pages[-1] += part
            else:
                pages.append(list(part))
    return [(name + (f"_{k + 1}" if k else ""), k + 1, len(pages), table[table["indicator"].isin(ids)])
            for k, ids in enumerate(pages)]


@redrawable
def draw_pillars(table: pd.DataFrame, as_of):
    """One panel per pillar of the province's indicators against their targets; returns the figure
    (drawn again for a phone by :func:`dtlib.figures.phone.phone_rendering`)."""

    pillars = [p for p in PILLARS if p in set(table["pillar"])]
    fig, axes = plots.panels([int((table["pillar"] == p).sum()) for p in pillars],
                             per_row=plots.PHONE_ROW if narrow() else 0.45)
    for ax, pillar in zip(axes, pillars):
        plots.against_targets(table[table["pillar"] == pillar], as_of=as_of, ax=ax)
        ax.set_title(i18n.t(f"pillar.{pillar}"), loc="left")
    return fig


def beside_peers(run: Run) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The profiled unit's own latest figures beside those of the other compared provinces of its level.

    Returns ``everyone`` (:func:`dtlib.latest_as_of` of the unit and its peers, ``unit_name``
    naming each figure) and ``side`` (:func:`dtlib.analysis.compare.peer_values`: only the indicators
    the unit itself reports and a peer too). The profile is of the unit itself: its figures are
    its own, as in its attainment. When the run follows the mergers, each peer's latest figure
    may be one a former province of its line reported, as in the comparison
    (:func:`dtlib.analysis.lineage.follow_latest`; ``reported_by`` says which, and the figure's name
    too, :func:`dtlib.words.names.reporter_names`), so a peer is never said to have reported
    nothing on an indicator the comparison shows a figure for.
    """

    compared = lineage.comparison_set(run.data, run.as_of)
    peers = [p for p in peer_units(run.data, run.unit, run.as_of, follow=run.follow_mergers) if p in compared]
    if run.follow_mergers:      # Lào Cai (2025) is no peer of the Lào Cai before it
        line = lineage.lineage_chain(run.data, run.unit)
        peers = [p for p in peers if p not in line]
    everyone = _latest_named(run, [run.unit, *peers], own=[run.unit])
    return everyone, peer_values(everyone, run.unit, peers)


#: Panels of a page of the province beside the others: at four bars a panel, a page stays within an A4
#: text block's proportions with its title and source line.
PEER_PANELS = 5


def peer_pages(name: str, side: pd.DataFrame, panels: int = PEER_PANELS) -> list[tuple[str, int, int, pd.DataFrame]]:
    """The province beside the others cut into pages of at most ``panels`` indicators, in equal parts.

    Returns ``(name, part, parts, rows of side)`` per page, named ``name`` and ``name_2``,
    ``name_3`` ... for further parts; none when ``side`` is empty.

    >>> side = pd.DataFrame({"indicator": list("aabbcdefgh"), "unit": list("xyxyxxxxxx")})
    >>> [(n, k, parts, "".join(dict.fromkeys(p["indicator"]))) for n, k, parts, p in peer_pages("p", side)]
    [('p', 1, 2, 'abcd'), ('p_2', 2, 2, 'efgh')]
    """
    parts = _equal_parts(list(dict.fromkeys(side["indicator"])), panels)
    return [(name + (f"_{k + 1}" if k else ""), k + 1, len(parts), side[side["indicator"].isin(indicators)])
            for k, indicators in enumerate(parts)]


@redrawable
def draw_peers(run: Run, everyone: pd.DataFrame, side: pd.DataFrame):
    """One panel per shared indicator: the profiled unit's bar beside its peers'; returns the figure
    (drawn again for a phone by :func:`dtlib.figures.phone.phone_rendering`: each indicator's name in a row above its bars)."""

    units = [run.unit, *[u for u in dict.fromkeys(everyone["unit"]) if u != run.unit]]
    shared = list(dict.fromkeys(side["indicator"]))
    fig, axes = plots.panels([plots.compare_rows(everyone, i, units) for i in shared], per_row=0.32, extra=0.6)
    for ax, indicator in zip(axes, shared):
        plots.compare_units(everyone, indicator=indicator, units=units, as_of=run.as_of, unit_names=run.names, ax=ax)
    return fig


#: Rows of a page of the coverage matrix: at 0.25 in a row, a page stays within an A4 text block.
COVERAGE_ROWS = 40


def coverage_pages(obs: pd.DataFrame, indicators: pd.DataFrame, rows: int = COVERAGE_ROWS
                   ) -> list[tuple[str, str, int, int, pd.DataFrame]]:
    """The coverage matrix cut into pages: by pillar, and a pillar of more than ``rows``
    indicators into equal parts. Returns ``(name, pillar, part, parts, observations)`` per page,
    named ``coverage_matrix_<pillar>`` (``_2``, ``_3`` ... for further parts)."""

    pillar_of = dict(zip(indicators["id"], indicators["pillar"]))
    pages = []
    for pillar in PILLARS:
        here = obs[obs["indicator"].map(pillar_of) == pillar]
        parts = _equal_parts(sorted(here["indicator"].unique()), rows)
        for k, names in enumerate(parts):
            pages.append((f"coverage_matrix_{pillar}" + (f"_{k + 1}" if k else ""), pillar, k + 1, len(parts),
                          here[here["indicator"].isin(names)]))
    return pages


def _equal_parts(items: list, most: int) -> list[list]:
    """``items`` cut into the fewest parts of at most ``most``, of sizes as equal as the order allows."""
    if not items:
        return []
    size = -(-len(items) // -(-len(items) // most))
    return [items[k:k + size] for k in range(0, len(items), size)]


def coverage_by_pillar(cov: pd.DataFrame) -> pd.DataFrame:
    """:func:`dtlib.analysis.compare.coverage` summed by unit and pillar: figures, indicators, first and latest date."""
    return (cov.groupby(["unit", "pillar"]).agg(figures=("n", "sum"), indicators=("indicator", "nunique"),
                                                first_as_of=("as_of", "min"), latest_as_of=("as_of", "max"))
            .reset_index())


def heatmap_rows(table: pd.DataFrame) -> tuple[list[str], list[str]]:
    """The rows of the attainment heat-map and those it leaves out.

    Drawn: the indicators with a figure for at least one unit of ``table`` (an attainment
    table), by pillar (:func:`indicators_by_pillar`). Left out: those that have a target and no
    figure for any unit, a row of nothing but "no figure"; the page names them under the figure
    (:func:`dtlib.words.captions.unreported_targets`) and ``tables/attainment.csv`` keeps their rows.
    """

    left = set(unreported_indicators(table))
    order = indicators_by_pillar(table)
    return [i for i in order if i not in left], [i for i in order if i in left]


def indicators_by_pillar(table: pd.DataFrame) -> list[str]:
    """The indicators of ``table`` in the order of the pillars, then by id: the rows of a heat-map."""

    order = table.drop_duplicates("indicator")
    order = order.assign(_p=order["pillar"].map({p: i for i, p in enumerate(PILLARS)}))
    return order.sort_values(["_p", "indicator"])["indicator"].tolist()


def followed_observations(run: Run) -> pd.DataFrame:
    """Figures known on the report date; followed across the mergers, each under its province's line.

    When the run follows the mergers, ``unit`` is the compared province (``lineage``) and
    ``segment`` the unit that reported the figure.
    """
    obs = known_observations(run.data, run.as_of)
    if not run.follow_mergers:
        return obs
    obs = pd.concat([follow(run.data, obs, u) for u in run.units], ignore_index=True)
    return obs.assign(unit=obs["lineage"])


