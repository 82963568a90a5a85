"""What changed since the last pack: new and revised values, statuses that moved, rank moves."""
from __future__ import annotations

import pandas as pd

__all__ = ["since_last_pack", "CHANGE_COLUMNS", "RANK_NOISE_PLACES"]

#: A rank move of this many places or fewer is within the noise of the index.
RANK_NOISE_PLACES = 3

CHANGE_COLUMNS = ["kind", "unit", "indicator", "as_of", "old_value", "new_value", "old_source", "new_source",
                  "old_status", "new_status", "note"]
KEY = ["unit", "indicator", "as_of"]


def _dates(frame: pd.DataFrame, *columns: str) -> pd.DataFrame:
    frame = frame.copy()
    for column in columns:
        if column in frame:
            frame[column] = pd.to_datetime(frame[column])
    return frame


def since_last_pack(old_obs: pd.DataFrame, new_obs: pd.DataFrame, old_att: pd.DataFrame | None = None,
                    new_att: pd.DataFrame | None = None) -> pd.DataFrame:
    """Compare two packs' observations (and attainment tables).

    Parameters
    ----------
    old_obs, new_obs
        The observations each pack used: ``unit, indicator, as_of, value, source`` and, for
        rank moves, ``measure`` and ``rank_of``.
    old_att, new_att
        The packs' ``tables/attainment.csv`` (``unit, indicator, status``), if any.

    Returns
    -------
    DataFrame
        One row per change, columns :data:`CHANGE_COLUMNS`; ``kind`` is ``new_value``,
        ``revised_value``, ``dropped_value`` (in the old pack, not in this one: a pack built as
        of an earlier date, or a row withdrawn from the data), ``status_change`` or ``rank_move``.
    """
    old_obs, new_obs = _dates(old_obs, "as_of"), _dates(new_obs, "as_of")
    rows = []
    merged = new_obs.merge(old_obs, on=KEY, how="left", suffixes=("", "_old"), indicator="presence")
    for r in merged.itertuples(index=False):
        if r.presence == "left_only":
            rows.append({"kind": "new_value", "unit": r.unit, "indicator": r.indicator, "as_of": r.as_of,
                         "new_value": r.value, "new_source": r.source})
        elif r.value != r.value_old or r.source != r.source_old:
            rows.append({"kind": "revised_value", "unit": r.unit, "indicator": r.indicator, "as_of": r.as_of,
                         "old_value": r.value_old, "new_value": r.value, "old_source": r.source_old,
                         "new_source": r.source, "note": "the figure for this date was revised"})
    gone = old_obs.merge(new_obs[KEY], on=KEY, how="left", indicator="presence")
    for r in gone[gone["presence"] == "left_only"].itertuples(index=False):
        rows.append({"kind": "dropped_value", "unit": r.unit, "indicator": r.indicator, "as_of": r.as_of,
                     "old_value": r.value, "old_source": r.source,
                     "note": "in the previous pack, not in this one (an earlier as-of date, or a withdrawn row)"})
    if old_att is not None and new_att is not None and len(old_att) and len(new_att):
        att = new_att.merge(old_att, on=["unit", "indicator"], suffixes=("", "_old"))
        for r in att[att["status"] != att["status_old"]].itertuples(index=False):
            rows.append({"kind": "status_change", "unit": r.unit, "indicator": r.indicator,
                         "as_of": pd.to_datetime(r.as_of), "old_value": r.value_old, "new_value": r.value,
                         "old_status": r.status_old, "new_status": r.status})
    rows += _rank_moves(old_obs, new_obs)
    return pd.DataFrame(rows, columns=CHANGE_COLUMNS).sort_values(["kind", "unit", "indicator"]).reset_index(drop=True)


def _rank_moves(old_obs: pd.DataFrame, new_obs: pd.DataFrame) -> list[dict]:
    if "measure" not in new_obs or "measure" not in old_obs:
        return []
    latest = lambda f: (f[f["measure"] == "rank"].sort_values("as_of")  # noqa: E731
                        .groupby(["unit", "indicator"]).tail(1).set_index(["unit", "indicator"]))
    old, new = latest(old_obs), latest(new_obs)
    rows = []
    for key in new.index.intersection(old.index):
        a, b = old.loc[key], new.loc[key]
        if a["as_of"] == b["as_of"]:
            continue
        row = {"kind": "rank_move", "unit": key[0], "indicator": key[1], "as_of": b["as_of"],
               "old_value": a["value"], "new_value": b["value"], "old_source": a["source"], "new_source": b["source"]}
        if pd.notna(a.get("rank_of")) and pd.notna(b.get("rank_of")) and a["rank_of"] != b["rank_of"]:
            row["note"] = (f"ranks out of {int(a['rank_of'])} and {int(b['rank_of'])} units are not comparable; "
                           "no move is computed")
        else:
            places = int(a["value"] - b["value"])
            direction = "up" if places > 0 else "down" if places < 0 else "unchanged"
            row["note"] = f"{direction} {abs(places)} place(s)" + (
                f"; within noise (a move of {RANK_NOISE_PLACES} places or fewer)" if abs(places) <= RANK_NOISE_PLACES
                else "")
        rows.append(row)
    return rows
