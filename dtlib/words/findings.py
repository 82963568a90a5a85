"""Key findings and caveats: a few sentences built from the data at the report date, each tied to a figure.

The briefing pack opens with five to ten sentences (``summary.md``, the front page, the deck):
which targets each province meets (the attainment table, :func:`dtlib.analysis.targets.attainment_table`),
the largest gaps, DTI rank moves (:func:`dtlib.analysis.compare.dti_history`), what is new since the last
pack (:func:`dtlib.analysis.changes.since_last_pack`) and figures a later publication revised. A
:class:`Finding` keeps its sentence, the figure it refers to and the values it was built from,
so a test can check that every number in the sentence is one of the data's. Every word comes from
the catalogue (:func:`dtlib.words.i18n.t`), every number and date from :mod:`dtlib.words.i18n`; nothing is
typed. :func:`caveats` says what a reader must keep in mind: stale values, targets without
figures, two methods of one concept, ranks out of different totals, the 2025 mergers.

Examples
--------
>>> import dtlib
>>> from dtlib import findings
>>> data = dtlib.load()
>>> found = findings.key_findings(data, "2026-03-31", lang="en")    # doctest: +SKIP
>>> found[0].text                                                    # doctest: +SKIP
'Lào Cai (with former Yên Bái) meets 0 of the 17 targets that apply on 31 Mar 2026; 17 with no figure reported.'
"""
from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field

import pandas as pd

from . import i18n
from ..analysis.changes import RANK_NOISE_PLACES
from .formats import format_value
from .names import unit_labels  # the one naming of units (re-exported: findings.unit_labels)
from .i18n import t
from ..analysis.compare import dti_history
from ..analysis.lineage import comparison_set, follow_latest, lineage_chain, predecessors
from ..analysis.observations import STALE_AFTER_DAYS, latest_as_of
from ..analysis.targets import attainment_table
from ..analysis.verdicts import ended_targets, verdict_table

__all__ = ["Finding", "Labels", "unit_labels", "format_value", "attainment_findings", "gap_findings",
           "rank_findings", "change_findings", "revision_findings", "key_findings", "caveats", "ended_caveat",
           "latest_ranks",
           "MAX_FINDINGS"]

#: The most sentences the pack opens with.
MAX_FINDINGS = 10

#: The figures a kind of finding refers to, when the pack has them.
HEATMAP, DTI_FIGURE = "targets_heatmap", "compare_dti_history"
REORGANISATION_FIGURE = "targets_reorganisation"
BEHIND = ("acceleration_needed", "limited_progress", "deterioration")


@dataclass(frozen=True)
class Finding:
    """One sentence of the briefing: its text, the figure it refers to, the values it was built from.

    ``kind`` is ``attainment``, ``gaps``, ``rank_move``, ``since_last_pack``, ``revisions`` or
    ``caveat``; ``figure`` a figure name of the pack (``None``: no figure; ``table`` then names
    the table, a path inside the pack).
    """

    kind: str
    text: str
    figure: str | None = None
    values: dict = field(default_factory=dict)
    table: str | None = None

    def as_record(self) -> dict:
        """``{"text": ..., "figure": ...}``: what the manifest keeps (``manifest["findings"]``)."""
        return {"text": self.text, "figure": self.figure}


@dataclass(frozen=True)
class Labels:
    """Names in the pack's language: units, indicators, and each indicator's unit of measure."""

    units: dict = field(default_factory=dict)
    indicators: dict = field(default_factory=dict)
    measures: dict = field(default_factory=dict)

    @classmethod
    def from_data(cls, data, lang: str | None = None) -> Labels:
        """The names of ``data``'s units (merged provinces named for what they absorbed) and indicators."""
        ind = data.indicators
        return cls(unit_labels(data, lang), i18n.names(ind, lang), dict(zip(ind["id"], ind["unit"])))

    def unit(self, uid: str) -> str:
        return self.units.get(uid, uid)

    def indicator(self, iid: str) -> str:
        return self.indicators.get(iid, iid)


def _missing(value) -> bool:
    return value is None or (not isinstance(value, str) and pd.isna(value))


def _count(n: int) -> str:
    return i18n.number(n, 0)


def _gap_text(gap: float, measure: str, lang: str | None) -> str:
    if measure == "percent":
        return t("findings.gap_points", lang, gap=i18n.number(gap, 2, lang))
    if measure == "rank":
        return t("findings.gap_places", lang, gap=i18n.number(gap, 0, lang))
    return format_value(gap, measure, lang=lang)


def _figure(name: str | None, figures: Collection[str] | None) -> str | None:
    """``name`` when the pack has that figure (or no list of figures is given), else ``None``."""
    return name if name and (figures is None or name in figures) else None


def _trend(unit: str, indicator: str, figures: Collection[str] | Mapping[str, Collection] | None) -> str | None:
    """The trend figure that draws ``indicator`` for ``unit``.

    ``figures`` may map each figure's name to the ``(unit, indicator)`` pairs it draws (read
    from its CSV: see :func:`dtlib.pack.outputs.figure_contents`); the first ``trend_*`` figure
    drawing the pair is taken. With a plain list of names, ``trend_<unit>_<indicator>``.
    """
    if isinstance(figures, Mapping):
        return next((name for name, pairs in figures.items()
                     if name.startswith("trend_") and (unit, indicator) in pairs), None)
    return _figure(f"trend_{unit}_{indicator}", figures)


def _measure(row, labels: Labels) -> str:
    measure = row.get("measure") if hasattr(row, "get") else None
    return measure if isinstance(measure, str) and measure else labels.measures.get(row["indicator"], "")


def _join(items: list[str], lang: str | None) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {t('and', lang)} " + items[-1]


# ------------------------------------------------------------------------------ findings

def _relative_gaps(rows: pd.DataFrame) -> pd.DataFrame:
    """Rows short of their target, the largest gap relative to its target first."""
    rows = rows[rows["status"].ne("met") & (pd.to_numeric(rows["gap"], errors="coerce") > 0)]
    rows = rows.assign(_relative=[g / abs(tg) if tg else g for g, tg in zip(rows["gap"], rows["target"])])
    return rows.sort_values(["_relative", "unit", "indicator"], ascending=[False, True, True])


def _gap_fields(r, labels: Labels, lang: str | None) -> dict:
    measure = _measure(r, labels)
    return {"indicator": labels.indicator(r["indicator"]),
            "value": format_value(r["value"], measure, rank_of=r.get("rank_of"), lang=lang),
            "month": i18n.month(r["as_of"], lang),
            "target": format_value(r["target"], measure, rank_of=r.get("target_rank_of"), lang=lang),
            "deadline": i18n.date(r["deadline"], lang), "gap": _gap_text(r["gap"], measure, lang)}


def _verdict_counts(rows: pd.DataFrame, labels: Labels, lang: str | None, *, names: bool = True) -> tuple[str, dict]:
    """``đạt 2 (A, B), không đạt 1 (C), 3 không có số liệu đúng hạn`` and the counts it says."""
    counts = {v: int((rows["verdict"] == v).sum()) for v in ("met", "not_met", "no_figure")}
    parts = []
    for verdict in ("met", "not_met"):
        chosen = list(dict.fromkeys(labels.indicator(i) for i in rows.loc[rows["verdict"] == verdict, "indicator"]))
        if not counts[verdict]:
            continue
        text = t(f"findings.verdict.{verdict}", lang, n=_count(counts[verdict]))
        if names and 0 < len(chosen) <= 2:
            text += f" ({_join(chosen, lang)})"
        parts.append(text)
    if counts["no_figure"]:
        parts.append(t("findings.verdict.no_figure", lang, n=_count(counts["no_figure"])))
    return ", ".join(parts), counts


def attainment_findings(attainment: pd.DataFrame, units: Iterable[str], labels: Labels, as_of,
                        figures: Collection[str] | None = None, lang: str | None = None,
                        verdicts: pd.DataFrame | None = None, ranks: pd.DataFrame | None = None) -> list[Finding]:
    """One sentence per unit on where it stands: what it meets, how far behind it is, its verdicts.

    ``attainment`` is :func:`dtlib.analysis.targets.attainment_table` output (``unit, indicator, status``);
    the statuses are counted as met, on track, behind (acceleration needed, limited progress,
    deterioration), one figure only, not comparable and no figure, and the target the unit is
    farthest from is named. ``verdicts`` (:func:`dtlib.analysis.verdicts.verdict_table`) adds the
    verdicts of the targets due in the latest year whose deadlines have passed, the unit's
    own, then those of the provinces it absorbed, judged on their last day and named as the
    former provinces. A sentence opens with a status or a verdict. A unit with neither (no
    figure for any target) opens with where it ranks among the provinces (``ranks``: its latest
    figures of rank indicators, :func:`latest_ranks`), then says it has no figure for a target;
    with no rank either it gets no sentence here, and :func:`caveats` says so.
    """
    out = []
    verdicts = verdicts if verdicts is not None else pd.DataFrame(columns=["unit", "verdict", "deadline"])
    for unit in units:
        rows = attainment[attainment["unit"] == unit]
        status = rows["status"]
        assessed = rows[status.ne("no_data")]
        own = verdicts[(verdicts["unit"] == unit) & ~verdicts.get("former", pd.Series(False, index=verdicts.index))
                       .astype(bool)]
        year = int(pd.to_datetime(own["deadline"]).dt.year.max()) if len(own) else None
        due = own[pd.to_datetime(own["deadline"]).dt.year == year] if year else own
        judged = due["verdict"].isin(["met", "not_met"]).any()
        placed = _ranks_of(ranks, unit)
        if assessed.empty and not judged and placed.empty:
            continue
        counts = {"met": int((status == "met").sum()), "on_track": int((status == "on_track").sum()),
                  "behind": int(status.isin(BEHIND).sum()),
                  "one_figure": int((status == "insufficient_data").sum()),
                  "not_comparable": int((status == "not_comparable").sum()),
                  "no_data": int((status == "no_data").sum())}
        values = {"unit": unit, "total": len(rows), "assessed": len(assessed), **counts, "as_of": pd.Timestamp(as_of)}
        parts = []
        if len(assessed):
            met = [labels.indicator(i) for i in rows.loc[status == "met", "indicator"]]
            text = t("findings.standing", lang, unit=labels.unit(unit), met=_count(counts["met"]),
                     assessed=_count(len(assessed)), total=_count(len(rows)), date=i18n.date(as_of, lang))
            parts += [t("findings.part.met_list", lang, indicators=_join(met, lang))] if 0 < len(met) <= 3 else []
            parts += [t(f"findings.part.{k}", lang, n=_count(n)) for k, n in counts.items()
                      if k not in ("met", "no_data") and n]
            farthest = _relative_gaps(rows)
            if len(farthest):
                parts.append(t("findings.part.farthest", lang, **_gap_fields(farthest.iloc[0], labels, lang)))
                values["farthest"] = farthest.iloc[0].reindex(["indicator", "value", "as_of", "target", "gap",
                                                              "deadline", "rank_of", "target_rank_of"]).to_dict()
            if judged:
                said, values["verdicts"] = _verdict_counts(due, labels, lang)
                parts.append(t("findings.part.verdicts", lang, year=year, verdicts=said))
        elif judged:
            said, values["verdicts"] = _verdict_counts(due, labels, lang)
            text = t("findings.standing_verdicts", lang, unit=labels.unit(unit), year=year, verdicts=said)
        else:       # no figure for any of its targets: where it ranks, then the absence
            text = t("findings.standing_ranks", lang, unit=labels.unit(unit),
                     ranks=_join([_rank_clause(r, labels, lang) for _, r in placed.iterrows()], lang))
            parts.append(t("findings.part.no_target_figure", lang, total=_count(len(rows)),
                           date=i18n.date(as_of, lang)))
            values["ranks"] = placed[["indicator", "value", "rank_of", "as_of"]].to_dict("records")
        if year is not None:
            values["verdict_year"] = year
        for former in verdicts.loc[verdicts.get("successor", pd.Series("", index=verdicts.index)) == unit, "unit"] \
                .drop_duplicates():
            theirs = verdicts[(verdicts["unit"] == former) & (pd.to_datetime(verdicts["deadline"]).dt.year == year)]
            if theirs["verdict"].isin(["met", "not_met"]).any():
                said, counted = _verdict_counts(theirs, labels, lang, names=False)
                parts.append(t("findings.part.former_verdicts", lang, unit=labels.unit(former),
                               date=i18n.date(theirs["judged_on"].iloc[0], lang), verdicts=said))
                values.setdefault("former_verdicts", {})[former] = counted
                values.setdefault("former_judged_on", {})[former] = pd.Timestamp(theirs["judged_on"].iloc[0])
        out.append(Finding("attainment", text + ("; " + "; ".join(parts) if parts else "") + ".",
                           _figure(HEATMAP, figures), values))
    return out


def latest_ranks(data, as_of, units: Iterable[str]) -> pd.DataFrame:
    """Each unit's latest figure of each rank indicator (DTI, service index...) known on ``as_of``:
    ``unit, indicator, value, rank_of, qualifier, as_of``, the newest first."""

    latest = latest_as_of(data, as_of, units=list(units))
    ranks = latest[latest["measure"] == "rank"] if "measure" in latest else latest.iloc[0:0]
    columns = [c for c in ("unit", "indicator", "value", "rank_of", "qualifier", "as_of") if c in ranks]
    return ranks.sort_values("as_of", ascending=False)[columns].reset_index(drop=True)


def _ranks_of(ranks: pd.DataFrame | None, unit: str) -> pd.DataFrame:
    if ranks is None or ranks.empty:
        return pd.DataFrame(columns=["unit", "indicator", "value", "rank_of", "as_of"])
    return ranks[ranks["unit"] == unit].head(3)


def _rank_clause(r, labels: Labels, lang: str | None) -> str:
    qualifier = r.get("qualifier") if isinstance(r.get("qualifier"), str) else ""
    return t("findings.rank_clause", lang, value=format_value(r["value"], "rank", rank_of=r.get("rank_of"), qualifier=qualifier, lang=lang),
             indicator=labels.indicator(r["indicator"]), month=i18n.month(r["as_of"], lang))


def gap_findings(attainment: pd.DataFrame, units: Iterable[str], labels: Labels,
                 figures: Collection[str] | None = None, lang: str | None = None, top: int = 3) -> list[Finding]:
    """The largest gaps to targets among ``units``: the largest of each unit first, then the next largest.

    Gaps are compared relative to their target (15.98 points short of 30 % is a larger gap than
    8 places short of rank 45), so percentages and ranks can be ranked together.
    """
    rows = _relative_gaps(attainment[attainment["unit"].isin(list(units))])
    if rows.empty:
        return []
    first = rows.groupby("unit", sort=False).head(1)
    chosen = pd.concat([first, rows.drop(first.index)]).head(top)
    items, used = [], []
    for _, r in chosen.iterrows():
        items.append(t("findings.gap_item", lang, unit=labels.unit(r["unit"]), **_gap_fields(r, labels, lang)))
        used.append({"unit": r["unit"], "indicator": r["indicator"], "value": r["value"], "as_of": r["as_of"],
                     "target": r["target"], "deadline": r["deadline"], "gap": r["gap"], "measure": _measure(r, labels),
                     "rank_of": r.get("rank_of"), "target_rank_of": r.get("target_rank_of")})
    return [Finding("gaps", t("findings.largest_gaps", lang, gaps="; ".join(items)), _figure(HEATMAP, figures),
                    {"gaps": used})]


def _edition(row) -> str:
    return str(int(row["edition"]))


def _rank(row, lang) -> str:
    return format_value(row["value"], "rank", rank_of=row.get("rank_of"), qualifier=row.get("qualifier") or "", lang=lang)


def rank_findings(dti: pd.DataFrame, units: Iterable[str], labels: Labels,
                  figures: Collection[str] | None = None, lang: str | None = None) -> list[Finding]:
    """One sentence per province with two or more DTI ranks: its latest move, and a rank on new boundaries.

    ``dti`` is :func:`dtlib.analysis.compare.dti_history` output. Only ranks out of the same number of
    provinces are compared; a move of :data:`dtlib.analysis.changes.RANK_NOISE_PLACES` places or fewer is
    said to be within the noise of the index. A rank out of another total (DTI 2024 on the 34
    provinces of 1 July 2025) is given beside the move, never set against it.
    """
    out = []
    for unit in units:
        ranks = dti[(dti["lineage"] == unit) & (dti["indicator"] == "dti_rank")].sort_values(["edition", "as_of"])
        if len(ranks) < 2:
            continue
        latest = ranks.iloc[-1]
        same_total = ranks["rank_of"].eq(latest["rank_of"]) | (ranks["rank_of"].isna() & pd.isna(latest["rank_of"]))
        same, other = ranks[same_total], ranks[~same_total]
        pair, rebased = (same, None) if len(same) >= 2 else (other, latest)
        clauses, values = [], {"lineage": unit}
        if len(pair) >= 2:
            old, new = pair.iloc[-2], pair.iloc[-1]
            places = int(old["value"] - new["value"])
            move = t("findings.rank_up" if places > 0 else "findings.rank_down", lang, n=_count(abs(places))) \
                if places else t("findings.rank_same", lang)
            if abs(places) <= RANK_NOISE_PLACES:
                move += f" ({t('findings.rank_noise', lang)})"
            clauses.append(t("findings.rank_move", lang, unit=labels.unit(new["segment"]), old=_rank(old, lang),
                             old_edition=_edition(old), new=_rank(new, lang), new_edition=_edition(new), move=move))
            values.update(old=old.to_dict(), new=new.to_dict(), places=places)
        elif len(pair) == 1:
            clauses.append(t("findings.rank_single", lang, unit=labels.unit(pair.iloc[0]["segment"]),
                             rank=_rank(pair.iloc[0], lang), edition=_edition(pair.iloc[0])))
            values.update(old=pair.iloc[0].to_dict())
        if rebased is not None and len(pair):
            basis = rebased.get("basis")
            clauses.append(t("findings.rank_rebased", lang, unit=labels.unit(rebased["segment"]),
                             rank=_rank(rebased, lang), edition=_edition(rebased),
                             date=i18n.date(basis if not _missing(basis) else rebased["as_of"], lang),
                             of=int(rebased["rank_of"]), old_of=int(pair.iloc[-1]["rank_of"])))
            values.update(rebased=rebased.to_dict())
        if not clauses:
            continue
        text = "; ".join(clauses)
        figure = _figure(DTI_FIGURE, figures) or _trend(unit, "dti_rank", figures)
        out.append(Finding("rank_move", text[:1].upper() + text[1:] + ".", figure, values))
    return out


def change_findings(changes: pd.DataFrame | None, labels: Labels, lang: str | None = None) -> list[Finding]:
    """One sentence on what changed since the last pack (``tables/since_last_pack.csv``); none without one."""
    if changes is None:
        return []
    table = "tables/since_last_pack.csv"
    if changes.empty:
        return [Finding("since_last_pack", t("findings.since_last_pack_none", lang), None, {"counts": {}}, table)]
    counts = changes["kind"].value_counts()
    parts = []
    for kind in ("new_value", "revised_value", "status_change", "rank_move", "dropped_value"):
        n = int(counts.get(kind, 0))
        if not n:
            continue
        if kind == "new_value":
            units = list(dict.fromkeys(changes.loc[changes["kind"] == kind, "unit"]))
            parts.append(t("findings.change.new_value_units", lang, n=_count(n),
                           units=_join([labels.unit(u) for u in units], lang)))
        else:
            parts.append(t(f"findings.change.{kind}", lang, n=_count(n)))
    return [Finding("since_last_pack", t("findings.since_last_pack", lang, parts="; ".join(parts)), None,
                    {"counts": {k: int(v) for k, v in counts.items()}}, table)]


def revision_findings(revised: pd.DataFrame | None, labels: Labels, figures: Collection[str] | None = None,
                      lang: str | None = None, top: int = 2) -> list[Finding]:
    """One sentence on figures a later publication revised (:func:`dtlib.analysis.observations.revisions`)."""
    if revised is None or revised.empty:
        return []
    rows = revised.sort_values(["known_on", "unit", "indicator", "as_of"], ascending=[False, True, True, True])
    items = []
    for _, r in rows.head(top).iterrows():
        measure = labels.measures.get(r["indicator"], "")
        items.append(t("findings.revision_item", lang, indicator=labels.indicator(r["indicator"]),
                       unit=labels.unit(r["unit"]), month=i18n.month(r["as_of"], lang),
                       old=format_value(r["old_value"], measure, lang=lang),
                       new=format_value(r["value"], measure, lang=lang), date=i18n.date(r["known_on"], lang)))
    first = rows.iloc[0]
    figure = _trend(first["unit"], first["indicator"], figures)
    return [Finding("revisions", t("findings.revisions", lang, n=_count(len(revised)), items="; ".join(items)),
                    figure, {"n": len(revised), "rows": rows.head(top).to_dict("records")}, "tables/revisions.csv")]


def key_findings(data, as_of, units: list[str] | None = None, *, attainment: pd.DataFrame | None = None,
                 dti: pd.DataFrame | None = None, changes: pd.DataFrame | None = None,
                 revised: pd.DataFrame | None = None, figures: Collection[str] | None = None,
                 limit: int = MAX_FINDINGS, lang: str | None = None,
                 verdicts: pd.DataFrame | None = None) -> list[Finding]:
    """The pack's key findings on ``as_of``, at most ``limit``, in reading order.

    Parameters
    ----------
    data
        The data set.
    as_of
        The report date.
    units
        The provinces compared (default :func:`dtlib.analysis.lineage.comparison_set`); the nation is
        added to the attainment sentences.
    attainment, dti
        :func:`dtlib.analysis.targets.attainment_table` and :func:`dtlib.analysis.compare.dti_history` on
        ``as_of``; computed when not given.
    changes, revised
        ``tables/since_last_pack.csv`` and :func:`dtlib.analysis.observations.revisions`, if any.
    verdicts
        :func:`dtlib.analysis.verdicts.verdict_table` on ``as_of`` (computed when not given).
    figures
        The pack's figure names: a finding refers to a figure only if the pack has it; or a
        mapping of each name to the ``(unit, indicator)`` pairs the figure draws, so that a
        finding on one series refers to the small multiple that holds it.

    Returns
    -------
    list of Finding
        Attainment of each province and of the nation, the largest gaps, what is new since the
        last pack, rank moves, revisions; trimmed to ``limit`` in that order of priority, then
        shown as attainment, gaps, rank moves, what is new.
    """

    when = pd.Timestamp(as_of)
    units = list(units) if units is not None else comparison_set(data, when)
    nation = list(data.units.loc[data.units["level"] == "nation", "id"])
    if attainment is None:
        attainment = attainment_table(data, when, units=[*nation, *units])
    if dti is None:
        dti = dti_history(data, units, when)
    if verdicts is None:

        verdicts = verdict_table(data, when, units=[*nation, *units])
    labels = Labels.from_data(data, lang)
    groups = [
        attainment_findings(attainment, [*units, *[n for n in nation if n not in units]], labels, when, figures, lang,
                            verdicts, latest_ranks(data, when, units)),
        gap_findings(attainment, [*units, *nation], labels, figures, lang),
        change_findings(changes, labels, lang),
        rank_findings(dti, units, labels, figures, lang),
        revision_findings(revised, labels, figures, lang),
    ]
    chosen = [f for group in groups for f in group][:limit]
    order = {"attainment": 0, "gaps": 1, "rank_move": 2, "since_last_pack": 3, "revisions": 4}
    return sorted(chosen, key=lambda f: order.get(f.kind, 9))


# ------------------------------------------------------------------------------ caveats

def ended_caveat(data, as_of, units: Iterable[str], labels: Labels, lang: str | None = None) -> Finding | None:
    """One sentence on the targets that apply to no unit any more because what they measure ended
    (:func:`dtlib.analysis.verdicts.ended_targets`), with the instruments that ended it; ``None`` if none."""

    ended = ended_targets(data, as_of, list(units))
    if ended.empty:
        return None
    ind = data.indicators.set_index("id")
    titles = dict(zip(data.sources["id"], data.sources["title"]))
    cited = [s for i in ended["indicator"].unique()
             for s in str(ind.loc[i].get("applies_until_source", "") or "").split("|") if s]
    instruments = "; ".join(dict.fromkeys(titles.get(s, s) for s in cited))
    until = pd.Timestamp(ended["applies_until"].max())
    targets = ended.drop_duplicates(["target_unit", "indicator", "deadline", "target"])
    text = t("caveats.ended", lang, n=_count(len(targets)),
             indicators=_join([labels.indicator(i) for i in targets["indicator"].unique()], lang),
             date=i18n.date(until, lang), instruments=instruments)
    return Finding("caveat", text, None, {"n": len(targets), "applies_until": until, "instruments": instruments,
                                          "indicators": list(targets["indicator"].unique())})


def caveats(data, as_of, units: list[str] | None = None, attainment: pd.DataFrame | None = None,
            dti: pd.DataFrame | None = None, lang: str | None = None) -> list[Finding]:
    """What a reader must keep in mind, from the data: stale values, targets without figures,
    two methods of one concept, ranks out of different totals, the 2025 mergers."""

    when = pd.Timestamp(as_of)
    units = list(units) if units is not None else comparison_set(data, when)
    labels = Labels.from_data(data, lang)
    out = []
    chain = [u for unit in units for u in lineage_chain(data, unit)]
    latest = follow_latest(data, latest_as_of(data, when, units=chain), units)
    if len(latest):
        n = int(latest["stale"].sum())
        out.append(Finding("caveat", t("caveats.stale", lang, n=_count(n), total=_count(len(latest)),
                                       days=_count(STALE_AFTER_DAYS)), None,
                           {"n": n, "total": len(latest), "days": STALE_AFTER_DAYS}))
    if attainment is None:
        attainment = attainment_table(data, when, units=units)
    mine = attainment[attainment["unit"].isin(units)]
    if len(mine):
        n = int((mine["status"] == "no_data").sum())
        text = t("caveats.missing", lang, n=_count(n), total=_count(len(mine)))
        silent = [u for u in units if len(mine[mine["unit"] == u]) and (mine.loc[mine["unit"] == u, "status"]
                                                                         == "no_data").all()]
        if silent:
            text += " " + t("caveats.no_figures", lang, units=_join([labels.unit(u) for u in silent], lang))
        out.append(Finding("caveat", text, HEATMAP, {"n": n, "total": len(mine), "silent": silent}))
    ended = ended_caveat(data, when, units, labels, lang)
    if ended is not None:
        out.append(ended)
    ind = data.indicators
    if "concept" in ind:
        concepts = ind[ind["concept"].fillna("").astype(str).str.len() > 0].groupby("concept")["id"].apply(list)
        for concept, ids in concepts.items():
            if len(ids) > 1:
                out.append(Finding("caveat", t("caveats.methods", lang, names=_join(
                    [labels.indicator(i) for i in ids], lang)), None, {"concept": concept, "indicators": ids}))
    if dti is None:
        dti = dti_history(data, units, when)
    totals = sorted({int(v) for v in dti.loc[dti["indicator"] == "dti_rank", "rank_of"].dropna()}, reverse=True)
    if len(totals) > 1:
        out.append(Finding("caveat", t("caveats.ranks", lang, totals=_join([str(n) for n in totals], lang)),
                           _figure(DTI_FIGURE, None), {"totals": totals}))
    merges, dates = [], []
    units_table = data.units.set_index("id")
    for unit in units:
        former = predecessors(data, unit)
        start = units_table.loc[unit, "valid_from"] if unit in units_table.index else pd.NaT
        if former and not _missing(start) and start <= when:
            merges.append(t("caveats.merge_item", lang, unit=labels.unit(unit),
                            former=_join([labels.unit(p) for p in former], lang)))
            dates.append(start)
    if merges:
        out.append(Finding("caveat", t("caveats.mergers", lang, date=i18n.date(min(dates), lang),
                                       merges="; ".join(merges)), None, {"units": units, "date": min(dates)}))
    return out
