"""The words of the notebooks: sentences, titles and captions built from the data, in the language in use.

Every sentence a notebook prints and every title, subtitle and caption it puts on a figure
comes from a function here, so that it is tested and translated in one place. The words come
from the catalogue (:mod:`dtlib.words.messages`, keys ``nb.*``) through :func:`dtlib.words.i18n.t`;
numbers and dates from :mod:`dtlib.words.i18n`; names of units and indicators from
``name_vi``/``name_en`` (:func:`unit_names`, :func:`indicator_names`). The functions return
plain text: a notebook shows it with :func:`dtlib.words.prose.say`, which escapes it for Markdown.

>>> from dtlib import captions, i18n
>>> with i18n.use_language("en"):
...     captions.report_date_line("2026-03-31")
'Report date: **31 Mar 2026**; only figures known by then count.'
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from . import i18n
from ..data.dataset import Dataset
from .i18n import t
from .names import followed_names as named
from .names import unit_labels as unit_names  # the one naming of units, by its name here
from .prose import escape_markdown
from ..analysis.targets import STATUSES
from ..analysis.verdicts import VERDICTS, WINDOW_MONTHS
from ..data.vocab import PROVINCE_COUNTS

__all__ = [
    "unit_names", "indicator_names", "count", "span", "listing", "report_date_line", "merger_sentence",
    "followed_names", "nothing_to_draw", "profile_summary", "nothing_against_targets", "pillars_title",
    "pillars_subtitle", "profiled_successor", "no_peer_figures", "peers_title", "peers_subtitle", "targets_summary",
    "former_targets", "reorganisation_columns",
    "changes_summary", "left_out", "followed_across_mergers", "no_figures_from", "reported_by_none",
    "indicators_to_compare", "no_shared_indicator", "compare_title", "compare_subtitle", "chart_subject",
    "dates_differ", "rank_notes", "coverage_title", "coverage_subtitle", "no_coverage_chart", "dti_title",
    "dti_subtitle", "no_dti", "attainment_summary", "no_target", "heatmap_title", "heatmap_subtitle",
    "verdict_summary", "ended_summary", "reorganisation_title", "reorganisation_subtitle",
    "worked_example", "no_trend_for", "no_trend", "trend_panels_title",
    "trend_panels_subtitle", "trend_figures_line", "holdings_summary",
    "coverage_by", "holdings_title",
]

# ------------------------------------------------------------------------------ names and small words


def indicator_names(data: Dataset, lang: str | None = None) -> dict[str, str]:
    """Indicator id → its name in the language (``name_vi``/``name_en`` of ``indicators.csv``)."""
    return i18n.names(data.indicators, lang)


def count(n: int, noun: str, lang: str | None = None) -> str:
    """``1 indicator``, ``3 indicators``; ``3 chỉ tiêu``: a count with its noun (``nb.noun.<noun>``)."""
    return t(f"nb.noun.{noun}.{'one' if n == 1 else 'other'}", lang, n=i18n.number(n, 0, lang))


def span(first, last, lang: str | None = None, *, months: bool = False) -> str:
    """One date, or "from ... to ..." when ``first`` and ``last`` differ."""
    write = i18n.month if months else i18n.date
    a, b = write(first, lang), write(last, lang)
    return a if a == b else t("nb.span", lang, first=a, last=b)


listing = i18n.listing


def report_date_line(as_of) -> str:
    """The first sentence of every notebook: the report date and what it means."""
    return t("nb.report_date", date=i18n.date(as_of))


def merger_sentence(data: Dataset, brk: Mapping, names: Mapping[str, str] | None = None) -> str:
    """What a break of :func:`dtlib.analysis.lineage.breaks` means, in the language: who merged into whom, and when."""
    names = names or unit_names(data)
    merged = list(data.units.loc[data.units["successor"] == brk["after"], "id"]) or [brk["before"]]
    return t("nb.merger", date=i18n.date(brk["date"]), merged=listing(names.get(u, u) for u in merged),
             after=names.get(brk["after"], brk["after"]))


def followed_names(data: Dataset, followed: pd.DataFrame, names: Mapping[str, str]) -> dict[str, str]:
    """Names for followed units whose figures include another unit's of their line
    (:func:`dtlib.words.names.followed_names`, with the names in the language)."""

    return named(data, followed, names)


def nothing_to_draw() -> str:
    """The sentence in place of a figure that has no data."""
    return t("nb.nothing_to_draw")


def rows_shown(shown: int, total: int, csv: str | None = None) -> str:
    """The sentence under a table cut to its first ``shown`` rows: how many it has, and the CSV that holds them all.

    >>> from dtlib import i18n
    >>> with i18n.use_language("en"):
    ...     rows_shown(100, 2041, "compare_ranked")
    'The table above shows the first 100 of 2,041 rows; the whole table is in tables/compare_ranked.csv in the pack.'
    """
    counts = {"shown": i18n.number(shown, 0), "total": i18n.number(total, 0)}
    if csv:
        return t("nb.rows_shown", csv=f"tables/{csv}.csv", **counts)
    return t("nb.rows_shown_unsaved", **counts)


# ------------------------------------------------------------------------------ 01 profile


def profile_summary(name: str, latest: pd.DataFrame, table: pd.DataFrame, as_of) -> str:
    """What the province reports: how many indicators, dated when, and how many of its targets have a figure.

    ``latest`` is :func:`dtlib.latest_as_of` for the province, ``table`` its attainment table.
    """
    if latest.empty:
        return t("nb.profile.no_figures", name=name, date=i18n.date(as_of))
    return t("nb.profile.summary", name=name, indicators=count(len(latest), "indicator"),
             span=span(latest["as_of"].min(), latest["as_of"].max()),
             n=i18n.number(int(table["value"].notna().sum()), 0), targets=count(len(table), "indicator"))


def nothing_against_targets(name: str, has_figures: bool) -> str:
    """Why there is no figure of the province against its targets."""
    return t("nb.profile.no_figure_with_target" if has_figures else "nb.profile.nothing_to_draw", name=name)


def pillars_title(name: str, as_of, part: int = 1, parts: int = 1) -> str:
    """Title of the province's figure against its targets, pillar by pillar (and which page, when
    they take more than one)."""
    return t("nb.profile.pillars_title", name=name, date=i18n.date(as_of), part=_part(part, parts))


def pillars_subtitle(reported: int, targets: int) -> str:
    """Subtitle: how many indicators with a target have a figure, and the method of the status."""
    return t("nb.profile.pillars_subtitle", n=i18n.number(reported, 0), targets=count(targets, "indicator"))


def profiled_successor(data: Dataset, asked: str | None, unit: str, names: Mapping[str, str]) -> str:
    """Why a profile is of another unit than the one asked for: it had ended and this is what it became.

    Empty when the profile is of the unit asked for (``asked`` is ``None``).
    """
    if not asked:
        return ""
    ended = data.units.set_index("id").loc[asked, "valid_to"]
    return t("nb.profile.became", asked=names.get(asked, asked), name=names.get(unit, unit), ended=i18n.date(ended))


def no_peer_figures(name: str, has_figures: bool) -> str:
    """Why the province is not set beside the other provinces."""
    return t("nb.profile.no_shared" if has_figures else "nb.profile.no_peers", name=name)


def peers_title(name: str, as_of, part: int = 1, parts: int = 1) -> str:
    """Title of the province beside the other provinces (and which page, when they take more than one)."""
    return t("nb.profile.peers_title", name=name, date=i18n.date(as_of), part=_part(part, parts))


def peers_subtitle(followed: bool = True) -> str:
    """Subtitle of the province beside the other provinces: whose figures it shows.

    ``followed``: each province is followed across the 2025 mergers (:func:`dtlib.briefing.notebook.beside_peers`).
    """
    return t("nb.profile.peers_subtitle" if followed else "nb.profile.peers_subtitle_own")


def targets_summary(name: str, targets: pd.DataFrame, unit: str) -> str:
    """How many targets apply to the province, how many of its own and how many set above it."""
    if targets.empty:
        return t("nb.profile.no_target", name=name)
    own = int((targets["target_unit"] == unit).sum())
    return t("nb.profile.targets", name=name, n=i18n.number(len(targets), 0), own=i18n.number(own, 0),
             above=i18n.number(len(targets) - own, 0))


def former_targets(former: pd.DataFrame, name: str, names: Mapping[str, str]) -> str:
    """Which targets of a merged province's predecessors no longer apply, and what does instead.

    ``former`` is :func:`dtlib.analysis.lineage.inherited_targets` output; ``""`` when it is empty.
    """
    if former.empty:
        return ""
    parts = [t("nb.profile.former_owner", owner=names.get(unit, unit),
               instruments="; ".join(dict.fromkeys(group["instrument"])), date=i18n.date(group["deadline"].max()))
             for unit, group in former.groupby("unit", sort=True)]
    form = "one" if len(former) == 1 else "other"
    return t(f"nb.profile.former_targets.{form}", count=count(len(former), "target"), owners=listing(parts),
             name=name)


def changes_summary(name: str, changes: pd.DataFrame) -> str:
    """What changed since the province's previous report (:func:`dtlib.analysis.compare.changes_since_previous`)."""
    if changes.empty:
        return t("nb.profile.no_changes", name=name)
    again = changes[changes["direction"] != "first figure"]
    counts = again["direction"].value_counts()
    directions = ", ".join(f"{i18n.number(n, 0)} {t('nb.direction.' + d.replace(' ', '_'))}"
                           for d, n in counts.items())
    return t("nb.profile.changes", count=count(len(changes), "indicator"), again=i18n.number(len(again), 0),
             directions=f" ({directions})" if directions else "", once=i18n.number(len(changes) - len(again), 0))


# ------------------------------------------------------------------------------ 02 compare


def left_out(units: list[str]) -> str:
    """Units asked for that the data set does not hold; ``""`` when none."""
    return t("nb.compare.left_out", units=", ".join(units)) if units else ""


def followed_across_mergers(sentences: list[str]) -> str:
    """The mergers a comparison follows its provinces across; ``""`` when none."""
    return t("nb.compare.followed", sentences=" ".join(s + "." for s in sentences)) if sentences else ""


def no_figures_from(names: list[str]) -> str:
    """Units that report nothing; ``""`` when none."""
    return t("nb.compare.silent", names=", ".join(names)) if names else ""


def reported_by_none(indicators: list[str]) -> str:
    """Indicators asked for that none of the units reports; ``""`` when none."""
    return t("nb.compare.reported_by_none", indicators=", ".join(indicators)) if indicators else ""


def indicators_to_compare(n_indicators: int, n_units: int) -> str:
    """How many indicators are compared across how many units (or why there is no comparison)."""
    if n_indicators == 0:
        return no_shared_indicator()
    return t("nb.compare.to_compare", indicators=count(n_indicators, "indicator"), units=count(n_units, "unit"))


def no_shared_indicator() -> str:
    """Why there is no side-by-side chart."""
    return t("nb.compare.no_shared")


def compare_title(what: str, names: list[str], as_of) -> str:
    """Title of a side-by-side chart: what it shows, of whom, and when."""
    return t("nb.compare.title", what=what, names=", ".join(names), date=i18n.date(as_of))


def compare_subtitle(mergers: Sequence[str] = ()) -> str:
    """Subtitle of a side-by-side chart: dates and stale values, and the mergers followed (sentences)."""
    return t("nb.compare.subtitle") + "".join(f". {s}" for s in mergers)


def chart_subject(key: str, group: Sequence[str], indicator_names: Mapping[str, str]) -> str:
    """What a chart of :func:`dtlib.analysis.compare.chart_groups` shows: the indicator, or a pillar's percentages."""
    if len(group) == 1:
        return indicator_names.get(group[0], group[0])
    return t("nb.compare.percentages", pillar=t(f"pillar.{key}"))


def dates_differ(ranked: pd.DataFrame, indicator_names: Mapping[str, str]) -> str:
    """Which ranked indicators set figures of different dates beside each other; ``""`` when none."""
    if ranked.empty:
        return ""
    differ = ranked.loc[ranked["dates_differ"].astype(bool), "indicator"].unique()
    if not len(differ):
        return ""
    return t("nb.compare.dates_differ", n=i18n.number(len(differ), 0),
             count=count(ranked["indicator"].nunique(), "indicator"),
             indicators="; ".join(indicator_names.get(i, i) for i in differ))


def rank_notes(ranked: pd.DataFrame, names: Mapping[str, str] | None = None) -> pd.Series:
    """The note of each row of :func:`dtlib.analysis.compare.rank_units` in the language: not reported, not comparable,
    stale; and, for a province followed across the mergers, the unit that reported the figure when another
    (named by ``names``).

    >>> from dtlib import i18n
    >>> ranked = pd.DataFrame({"unit": ["quang-tri-2025"], "reported_by": ["quang-binh"], "value": [80.0],
    ...                        "place": [1.0], "rank_of": [pd.NA], "stale": [True]})
    >>> with i18n.use_language("en"):
    ...     rank_notes(ranked, {"quang-binh": "Quảng Bình"}).iloc[0]
    'stale (over a year old); reported by Quảng Bình'
    """
    names = names or {}

    def note(row) -> str:
        if pd.isna(row["value"]):
            return t("nb.rank.not_reported")
        if pd.isna(row["place"]):
            words = [t("nb.rank.not_comparable", of=i18n.number(row["rank_of"], 0))]
        else:
            stale = row.get("stale")
            words = [t("nb.rank.stale")] if stale is not None and not pd.isna(stale) and bool(stale) else []
        by = row.get("reported_by")
        if isinstance(by, str) and by and by != row["unit"]:
            words.append(t("nb.rank.reported_by", name=names.get(by, by)))
        return "; ".join(words)
    return ranked.apply(note, axis=1) if len(ranked) else pd.Series(dtype=object)


def coverage_title(as_of) -> str:
    """Title of the coverage chart of the compared indicators."""
    return t("nb.compare.coverage_title", date=i18n.date(as_of))


def coverage_subtitle(followed: bool = False) -> str:
    """Subtitle of a coverage chart: what a cell says (and, for provinces ``followed`` across the
    mergers, that a province's cells count its former province's figures)."""
    return t("nb.coverage.subtitle") + (f"; {t('nb.coverage.followed')}" if followed else "")


def no_coverage_chart() -> str:
    """Why there is no coverage chart of the compared indicators."""
    return t("nb.compare.no_coverage")


def dti_title(dti: pd.DataFrame, names: list[str]) -> str:
    """Title of the DTI history: the editions it spans and the provinces."""
    return t("nb.dti.title", first=str(int(dti["edition"].min())), last=str(int(dti["edition"].max())),
             names=", ".join(names))


def dti_subtitle() -> str:
    """Subtitle of the DTI history: how many provinces a rank is out of (:data:`dtlib.data.vocab.PROVINCE_COUNTS`)."""

    (start, after), (_, before) = PROVINCE_COUNTS[0], PROVINCE_COUNTS[-1]
    return t("nb.dti.subtitle", before=str(before), after=str(after), date=i18n.date(start))


def no_dti() -> str:
    """Why there is no DTI figure."""
    return t("nb.dti.none")


# ------------------------------------------------------------------------------ 03 targets


def attainment_summary(table: pd.DataFrame) -> str:
    """How many unit-target pairs have each status (or why there is none)."""
    counts = table["status"].value_counts()
    statuses = ", ".join(f"{i18n.number(counts[s], 0)} {t('status.' + s).lower()}" for s in STATUSES if s in counts)
    return t("nb.targets.summary", pairs=count(len(table), "pair"), statuses=statuses)


def no_target(deadline=None) -> str:
    """Why the attainment table is empty."""
    if deadline is not None and not pd.isna(deadline):
        return t("nb.targets.none_due", date=i18n.date(deadline))
    return t("nb.targets.none")


def verdict_summary(verdicts: pd.DataFrame) -> str:
    """How many unit–target pairs due by the report date were met, not met or had no figure."""

    if verdicts.empty:
        return t("nb.verdicts.none")
    counts = verdicts["verdict"].value_counts()
    said = ", ".join(f"{i18n.number(counts[v], 0)} {t('verdict.' + v).lower()}" for v in VERDICTS if v in counts)
    return t("nb.verdicts.summary", n=i18n.number(len(verdicts), 0), verdicts=said,
             months=i18n.number(WINDOW_MONTHS, 0))


def ended_summary(ended: pd.DataFrame, data) -> str:
    """Why the targets on an object that ended apply to no unit (empty when there are none)."""
    if ended.empty:
        return ""
    ind = data.indicators.set_index("id")
    titles = dict(zip(data.sources["id"], data.sources["title"]))
    cited = [s for i in ended["indicator"].unique()
             for s in str(ind.loc[i].get("applies_until_source", "") or "").split("|") if s]
    reason = t("ended.reason", date=i18n.date(ended["applies_until"].max()),
               instruments="; ".join(dict.fromkeys(titles.get(s, s) for s in cited)))
    return t("nb.ended.summary", n=i18n.number(len(ended), 0), reason=reason)


def reorganisation_title(day, as_of) -> str:
    """Title of the figure "at the reorganisation"."""
    return t("nb.reorg.title", day=i18n.date(day), date=i18n.date(as_of))


def reorganisation_subtitle(day, left_out: int = 0) -> str:
    """Subtitle of the figure "at the reorganisation": which column is which, and how many targets
    without a figure in any column it leaves to the table."""
    text = t("nb.reorg.subtitle", day=i18n.date(day))
    return text + ("; " + t("nb.reorg.left_out", n=i18n.number(left_out, 0)) if left_out else "")


def heatmap_title(as_of) -> str:
    """Title of the attainment heat-map."""
    return t("nb.targets.title", date=i18n.date(as_of))


def heatmap_subtitle(deadline=None, left_out: int = 0) -> str:
    """Subtitle of the attainment heat-map: the method, which deadline is assessed, and how many
    indicators with a target but no figure for any unit it leaves out (:func:`unreported_targets`)."""
    due = t("nb.targets.due", date=i18n.date(deadline)) if deadline is not None and not pd.isna(deadline) \
        else t("nb.targets.nearest")
    text = t("nb.targets.subtitle", due=due) + "; " + t("nb.targets.heatmap_verdicts")
    return text + ("; " + t("nb.targets.left_out", n=i18n.number(left_out, 0)) if left_out else "")


def unreported_targets(names: list[str], lang: str | None = None) -> str:
    """The sentence under the attainment heat-map naming the indicators it leaves out: a target
    applies, and no unit of the figure has a figure for it ("" when there are none). The deck
    says it in the notes of the heat-map's tables."""
    if not names:
        return ""
    return t("nb.targets.unreported", lang, n=i18n.number(len(names), 0, lang),
             indicators=i18n.listing(names, lang))


def _fixed(value: float, decimals: int = 4) -> str:
    return i18n.number(value, decimals, trim=False)


def _factor(value: float) -> str:
    """A rate in a product: in brackets when negative."""
    return _fixed(value) if value >= 0 else f"({_fixed(value)})"


def _plain(value: float) -> str:
    return i18n.number(value, 4)


def worked_example(example: dict | None, higher_is_better: Mapping[str, bool], value_text) -> str:
    """The progress measure worked through on one row of the attainment table, as Markdown ready to show.

    The formulas are written with ``<sub>``/``<sup>`` (they read in the pack's HTML offline,
    where no formula renderer loads); the data values in it (names, the instrument) are
    escaped here with :func:`dtlib.words.prose.escape_markdown`, so show it as it is
    (:meth:`dtlib.briefing.notebook.Run.markdown`), not through ``say``.

    Parameters
    ----------
    example
        :func:`dtlib.analysis.compare.worked_example` output (``None``: no row has a figure); its row
        needs ``unit_name``, ``indicator_name`` and ``target_unit_name``.
    higher_is_better
        Indicator id → its direction.
    value_text
        ``f(value, row) -> str``: a value of the row written as the tables write it.
    """
    if example is None:
        return t("nb.example.none")
    r, kind = example["row"], example["kind"]
    sign = {">=": "≥", "<=": "≤"}[r["comparator"]]
    fields = dict(unit=escape_markdown(r["unit_name"]), indicator=escape_markdown(r["indicator_name"]),
                  value=value_text(r["value"], r), as_of=i18n.date(r["as_of"]), status=t("status." + r["status"]),
                  target=t("nb.example.target", sign=sign, target=value_text(r["target"], r),
                           deadline=i18n.date(r["deadline"]), owner=escape_markdown(r["target_unit_name"]),
                           instrument=escape_markdown(r["instrument"])))
    if kind in ("ratio", "illustration"):
        d = "+1" if higher_is_better.get(r["indicator"], True) else "−1"
        text = t("nb.example.ratio", **fields, base=value_text(r["base_value"], r),
                 base_as_of=i18n.date(r["base_as_of"]),
                 observed_years=_fixed(example["observed_years"], 3),
                 required_years=_fixed(example["required_years"], 3),
                 y_t=_plain(r["value"]), y_0=_plain(r["base_value"]), y_T=_plain(r["target"]),
                 cagr_o=_fixed(example["cagr_observed"]), cagr_r=_fixed(example["cagr_required"]), d=d,
                 cagr_o_factor=_factor(example["cagr_observed"]), ratio=_fixed(example["ratio"], 3),
                 status_from_ratio=t("status." + example["status_from_ratio"]))
        return text + ("" if kind == "ratio" else "\n\n" + t("nb.example.illustration", **fields))
    if kind == "required":
        rank = "" if higher_is_better.get(r["indicator"], True) else t("nb.example.rank_falls")
        return t("nb.example.required", **fields, gap=_plain(r["gap"]), y_t=_plain(r["value"]),
                 y_T=_plain(r["target"]), required_years=_fixed(example["required_years"], 3),
                 cagr_r=_fixed(example["cagr_required"]), rank=rank)
    return t("nb.example.gap", **fields, gap=_plain(r["gap"]))


# ------------------------------------------------------------------------------ 04 trends


def no_trend_for(name: str, indicators: int) -> str:
    """Why a unit gets no trend: no figure at all, or none with two dated figures."""
    if indicators == 0:
        return t("nb.trends.no_figures", name=name)
    return t("nb.trends.one_date", name=name, count=count(indicators, "indicator"))


def no_trend() -> str:
    """Why there is no trend at all."""
    return t("nb.trends.none")


def _part(k: int, n: int) -> str:
    return t("nb.trends.part", k=i18n.number(k, 0), n=i18n.number(n, 0)) if n > 1 else ""


def _years(first: int, last: int) -> str:
    return f"{first}" if first == last else f"{first}–{last}"


def trend_panels_title(pillar: str | None, series: pd.DataFrame, as_of, part: int = 1, parts: int = 1,
                       targets: pd.DataFrame | None = None) -> str:
    """Title of a small-multiple trend figure: the pillar (or "Headline indicators"), the years of the
    figures drawn, the last deadline of the targets drawn (when one is later), the report date, and
    "(2 of 3)" when the pillar's figure is split: "Headline indicators: figures 2021–2025, targets
    to 2030, as of 31 Mar 2026"."""
    first, last = int(series["as_of"].min().year), int(series["as_of"].max().year)
    years = {"years": _years(first, last), "date": i18n.date(as_of), "part": _part(part, parts)}
    until = None
    if targets is not None and len(targets) and "deadline" in targets:
        until = int(pd.to_datetime(targets["deadline"]).max().year)
    key = "nb.trends.headline_title" if pillar is None else "nb.trends.panels_title"
    if until is not None and until > last:
        key += "_targets"
        years["until"] = str(until)
    return t(key, pillar=t(f"pillar.{pillar}") if pillar else "", **years)


def trend_panels_subtitle(*, recomputed: bool = False, missing: Sequence[str] = ()) -> str:
    """Subtitle of a small-multiple trend figure: a panel per indicator, a line per unit, what is never
    joined; and the compared units it cannot draw (no figure of any of its indicators)."""
    text = t("nb.trends.panels_subtitle") + (t("nb.trends.recomputed") if recomputed else "")
    if missing:
        text += t("nb.trends.missing", names=i18n.listing(missing), n=len(missing))
    return text


def trend_figures_line(figures: int, units: int, indicators: int) -> str:
    """How many trend figures the notebook draws, for how many units and indicators; empty when none."""
    if not figures:
        return ""
    return t("nb.trends.figures", figures=count(figures, "chart"), units=count(units, "unit"),
             indicators=count(indicators, "indicator"))


# ------------------------------------------------------------------------------ 05 coverage


def holdings_summary(cov: pd.DataFrame, targets: pd.DataFrame) -> str:
    """What the data set holds: figures, indicators, units, sources, dates; targets and their sources."""
    if cov.empty:
        return t("nb.coverage.empty")
    return t("nb.coverage.summary", figures=count(int(cov["n"].sum()), "figure"),
             indicators=count(cov["indicator"].nunique(), "indicator"), units=count(cov["unit"].nunique(), "unit"),
             sources=count(cov["source"].nunique(), "source"), span=span(cov["as_of"].min(), cov["as_of"].max()),
             targets=count(len(targets), "target"), target_sources=count(targets["source"].nunique(), "source"))


def coverage_by(by: str) -> str:
    """Caption of a coverage table: "By unit", "By source" ..."""
    return t(f"nb.coverage.by_{by}")


def coverage_part(pillar: str, part: int, parts: int) -> str:
    """Subtitle of one page of the coverage matrix: the pillar (and which part of it when it takes
    several), then what a cell says."""
    name = t(f"pillar.{pillar}")
    page = name if parts == 1 else t("nb.coverage.part", pillar=name, part=part, parts=parts)
    return f"{page}. {coverage_subtitle()}"


def holdings_title(as_of) -> str:
    """Title of the coverage matrix of the whole data set."""
    return t("nb.coverage.title", date=i18n.date(as_of))


def reorganisation_columns(table: pd.DataFrame, names: dict[str, str], lang: str | None = None) -> dict[str, str]:
    """Each column of :func:`dtlib.analysis.reorganisation.reorganisation_table` named for the figure: the province and the date judged.

    ``lao-cai@2025-06-30`` is "Lào Cai (đến 30/06/2025)" (vi), ``lao-cai-2025@2026-03-31``
    "Lào Cai (gồm cả Yên Bái cũ), 31/03/2026".
    """

    out = {}
    for column, unit, side, on in table[["column", "unit", "side", "on"]].drop_duplicates("column").itertuples(
            index=False):
        key = "reorg.column_former" if side == "former" else "reorg.column_now"
        out[column] = i18n.t(key, lang, name=names.get(unit, unit), date=i18n.date(on, lang))
    return out
