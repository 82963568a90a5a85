"""A SYNTHETIC data set at the scale of the whole country, for benchmarks: never real figures.

``write_synthetic(folder)`` writes a complete data folder that ``dtlib.load`` reads and
``python -m dtlib validate --data FOLDER`` accepts: the nation and Vietnam's 34 provinces
(the names of the provinces since 1 July 2025, as labels only), 60 indicators across the four
pillars, 20 quarters of figures (about 18,000 rows with the defaults) and national and provincial
targets. Every value is drawn at random. Every id starts with ``syn-`` (``syn_`` for
indicators), every source, note and instrument says SYNTHETIC, and the folder holds a
``README.md`` that says so; the function refuses to write into the repository's ``data/``.

Run ``python benchmarks/synthetic.py OUT_FOLDER [--provinces 34] [--indicators 60] [--quarters 20]
[--seed 0]``.
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dtlib.data.dataset import default_data_dir  # noqa: E402
from dtlib.data.io import write_table, write_text  # noqa: E402
from dtlib.data.text import fold  # noqa: E402
from dtlib.data.vocab import MEASURES, PILLARS, all_columns, provinces_on  # noqa: E402

__all__ = ["PROVINCES", "MARK", "write_synthetic", "is_synthetic"]

#: Vietnam's 34 provinces and centrally run cities since 1 July 2025 (Resolution 202/2025/QH15),
#: used as labels only: no figure of this data set is theirs.
PROVINCES = (
    "Hà Nội", "Huế", "Lai Châu", "Điện Biên", "Sơn La", "Lạng Sơn", "Quảng Ninh", "Thanh Hóa", "Nghệ An",
    "Hà Tĩnh", "Cao Bằng", "Tuyên Quang", "Lào Cai", "Thái Nguyên", "Phú Thọ", "Bắc Ninh", "Hưng Yên",
    "Hải Phòng", "Ninh Bình", "Quảng Trị", "Đà Nẵng", "Quảng Ngãi", "Gia Lai", "Khánh Hòa", "Lâm Đồng",
    "Đắk Lắk", "Hồ Chí Minh", "Đồng Nai", "Tây Ninh", "Cần Thơ", "Vĩnh Long", "Đồng Tháp", "Cà Mau", "An Giang",
)

#: The word every synthetic source, note and instrument carries, and the folder's README title.
MARK = "SYNTHETIC"

#: The last quarter of the series (fixed, so that a seed always gives the same files).
LAST_QUARTER = pd.Period("2025Q4", freq="Q")

#: The measures the indicators cycle through, with how a value in each is drawn:
#: (start low, start high, quarterly drift, decimals).
DRAWS: dict[str, tuple[float, float, float, int]] = {
    "percent": (20, 80, 1.5, 1),
    "count": (100, 5000, 60, 0),
    "score_0_1": (0.3, 0.8, 0.01, 4),
    "score_0_100": (30, 80, 0.8, 2),
    "mbps": (20, 120, 3, 1),
    "usd_billion": (0.5, 20, 0.3, 2),
    "percent_change": (-5, 15, 0, 1),
    "rank": (1, 1, 0, 0),
}
MEASURE_CYCLE = ("percent", "percent", "count", "score_0_1", "percent", "score_0_100", "mbps", "usd_billion",
                 "percent_change", "percent", "count", "rank", "percent", "score_0_100", "count")

PILLAR_VI = {"government": "chính quyền số", "economy": "kinh tế số", "society": "xã hội số",
             "infrastructure": "hạ tầng số"}
QUARTER_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}

README = f"""# {MARK} DATA: not real figures

Every figure, target and source in this folder was drawn at random by `benchmarks/synthetic.py`
(seed {{seed}}) to time `dtlib` at the scale of the whole country: {{provinces}} provinces, {{indicators}}
indicators, {{quarters}} quarters, {{rows}} observations. The province names are labels only.
Every id starts with `syn-` (`syn_` for indicators). Never copy anything from here into `data/`.
"""


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(name)).strip("-")


def _vietnamese(value: float, decimals: int) -> str:
    """``value`` written the Vietnamese way: ``.`` groups thousands, ``,`` marks decimals."""
    whole, _, frac = f"{abs(value):.{decimals}f}".partition(".")
    frac = frac.rstrip("0")
    grouped = f"{int(whole):,}".replace(",", ".")
    return grouped + ("," + frac if frac else "")


def _plain(value: float, decimals: int) -> str:
    text = f"{value:.{decimals}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def is_synthetic(folder: str | Path) -> bool:
    """Whether ``folder`` is a data folder this module wrote (its README says :data:`MARK`)."""
    readme = Path(folder) / "README.md"
    return readme.is_file() and readme.read_text(encoding="utf-8").startswith(f"# {MARK}")


def _refuse_real(folder: Path) -> None:
    real = default_data_dir().resolve()
    target = folder.resolve()
    if target == real or real in target.parents:
        raise ValueError(f"{folder}: synthetic data never go into the repository's data/ folder")
    if target.exists() and any(target.iterdir()) and not is_synthetic(target):
        raise ValueError(f"{folder}: not empty and not a synthetic data folder; choose a new folder")


def _units(provinces: int) -> pd.DataFrame:
    names = [PROVINCES[i] if i < len(PROVINCES) else f"Tỉnh tổng hợp {i + 1}" for i in range(provinces)]
    rows = [{"id": "syn-vietnam", "name_vi": "Việt Nam", "name_en": "Vietnam", "level": "nation",
             "note": f"{MARK}: a label only"}]
    rows += [{"id": f"syn-{_slug(name)}", "name_vi": name, "name_en": fold(name).title(), "level": "province",
              "parent": "syn-vietnam", "note": f"{MARK}: a label only, no figure is this province's"}
             for name in names]
    return _complete(pd.DataFrame(rows), "units")


def _indicators(count: int, provinces: int = 34) -> pd.DataFrame:
    rows = []
    for k in range(count):
        pillar = PILLARS[k % len(PILLARS)]
        measure = MEASURE_CYCLE[k % len(MEASURE_CYCLE)]
        rows.append({"id": f"syn_{pillar}_{measure}_{k + 1:02d}", "pillar": pillar,
                     "name_vi": f"Chỉ tiêu tổng hợp số {k + 1} về {PILLAR_VI[pillar]}",
                     "name_en": f"Synthetic indicator {k + 1} ({pillar})", "unit": measure,
                     "higher_is_better": "false" if measure == "rank" else "true",
                     "definition": f"{MARK}: an invented {measure} indicator for benchmarks; it measures nothing.",
                     # a ranking of other than all 34 or 63 provinces is a regional one (dtlib.data.schema)
                     "method": "" if measure != "rank" or provinces in (34, 63)
                     else f"{MARK}: a regional ranking of the {provinces} synthetic provinces"})
    return _complete(pd.DataFrame(rows), "indicators")


def _quarters(count: int) -> list[pd.Period]:
    return list(pd.period_range(end=LAST_QUARTER, periods=count, freq="Q"))


def _sources(quarters: list[pd.Period]) -> pd.DataFrame:
    rows = [{"id": "syn-plan", "title": f"Kế hoạch chuyển đổi số tổng hợp ({MARK})", "publisher": f"{MARK}",
             "published": f"{quarters[0].start_time:%Y-%m-%d}", "language": "vi",
             "note": f"{MARK}: invented; sets the synthetic targets"}]
    for q in quarters:
        published = q.end_time.normalize() + pd.Timedelta(days=20)
        rows.append({"id": f"syn-report-{q.year}-q{q.quarter}",
                     "title": f"Báo cáo chuyển đổi số quý {QUARTER_ROMAN[q.quarter]}/{q.year} ({MARK})",
                     "publisher": MARK, "published": f"{published:%Y-%m-%d}", "language": "vi",
                     "note": f"{MARK}: invented, no file"})
    return _complete(pd.DataFrame(rows), "sources")


def _complete(frame: pd.DataFrame, table: str) -> pd.DataFrame:
    for column in all_columns(table):
        if column not in frame.columns:
            frame[column] = ""
    return frame[all_columns(table)].fillna("")


def _series(rng: np.random.Generator, measure: str, length: int, provinces: int) -> np.ndarray:
    """One unit's values of one indicator over ``length`` quarters, inside the measure's range."""
    if measure == "rank":
        return np.clip(rng.integers(1, provinces + 1) + np.cumsum(rng.integers(-2, 3, length)), 1, provinces)
    low, high, drift, _ = DRAWS[measure]
    walk = rng.uniform(low, high) + np.cumsum(rng.normal(drift, abs(drift) + (high - low) * 0.03, length))
    lo, hi = MEASURES[measure]
    return np.clip(walk, lo if lo is not None else -np.inf, hi if hi is not None else np.inf)


def _observations(rng: np.random.Generator, units: pd.DataFrame, indicators: pd.DataFrame,
                  quarters: list[pd.Period], coverage: float) -> pd.DataFrame:
    provinces = int((units["level"] == "province").sum())
    rows = []
    for unit, name, level in zip(units["id"], units["name_vi"], units["level"]):
        for ind, measure, ind_name in zip(indicators["id"], indicators["unit"], indicators["name_vi"]):
            if level == "nation" and measure == "rank":
                continue   # the nation is not ranked
            if level != "nation" and rng.random() > coverage:
                continue   # this province does not report this indicator
            start = 0 if level == "nation" else int(rng.integers(0, max(1, len(quarters) // 2)))
            decimals = DRAWS[measure][3]
            values = _series(rng, measure, len(quarters) - start, provinces)
            for q, value in zip(quarters[start:], values):
                as_of = q.end_time.normalize()
                rank_of = basis = ""
                if measure == "rank":
                    rank_of = str(provinces)
                    if provinces in (34, 63) and provinces_on(as_of) != provinces:
                        if provinces != 34:
                            continue   # no 63-province ranking after the mergers
                        basis = "2025-07-01"   # a ranking of the 34 provinces recomputed for earlier years
                period = f"quý {QUARTER_ROMAN[q.quarter]}/{q.year}"
                said = _vietnamese(value, decimals)
                verb = ("giảm" if value < 0 else "tăng") if measure == "percent_change" else "đạt"
                suffix = "%" if measure in ("percent", "percent_change") else ""
                quote = (f"Trong {period}, {name} xếp thứ {said}/{rank_of} về chỉ tiêu “{ind_name}” "
                         f"(số liệu tổng hợp)." if measure == "rank" else
                         f"Trong {period}, chỉ tiêu “{ind_name}” của {name} {verb} {said}{suffix} "
                         f"(số liệu tổng hợp).")
                rows.append({
                    "unit": unit, "indicator": ind, "as_of": f"{as_of:%Y-%m-%d}", "period": period,
                    "value": _plain(round(float(value), decimals) + 0.0, decimals),
                    "source": f"syn-report-{q.year}-q{q.quarter}", "quote": quote,
                    "note": f"{MARK}: drawn at random", "rank_of": rank_of, "basis": basis, "window": "quarter"})
    return _complete(pd.DataFrame(rows), "observations")


def _targets(rng: np.random.Generator, units: pd.DataFrame, indicators: pd.DataFrame,
             quarters: list[pd.Period], own_share: float = 1 / 3) -> pd.DataFrame:
    provinces = int((units["level"] == "province").sum())
    deadlines = sorted({f"{quarters[-1].year}-12-31", f"{quarters[-1].year + 5}-12-31"})
    rows = []
    for unit, level in zip(units["id"], units["level"]):
        for ind, measure, better in zip(indicators["id"], indicators["unit"], indicators["higher_is_better"]):
            if level != "nation" and rng.random() > own_share:
                continue   # a province sets targets for some indicators only
            for deadline in (deadlines if level == "nation" else deadlines[:1]):
                low, high, drift, decimals = DRAWS[measure]
                if measure == "rank":
                    value = float(rng.integers(1, max(2, provinces // 2) + 1))
                else:
                    ceiling = MEASURES[measure][1]
                    value = high + abs(drift) * rng.uniform(2, 8)
                    value = min(value, ceiling) if ceiling is not None else value
                said = _vietnamese(round(value, decimals), decimals)
                rows.append({
                    "unit": unit, "indicator": ind, "deadline": deadline,
                    "value": _plain(round(value, decimals) + 0.0, decimals),
                    "comparator": ">=" if better == "true" else "<=", "source": "syn-plan",
                    "instrument": f"Kế hoạch chuyển đổi số tổng hợp ({MARK})",
                    "quote": f"Phấn đấu đến {deadline[:4]} chỉ tiêu này đạt {said} (số liệu tổng hợp).",
                    "note": f"{MARK}: drawn at random",
                    "rank_of": str(provinces) if measure == "rank" else ""})
    return _complete(pd.DataFrame(rows), "targets")


def write_synthetic(folder: str | Path, provinces: int = 34, indicators: int = 60, quarters: int = 20,
                    seed: int = 0, coverage: float = 0.55) -> Path:
    """Write a SYNTHETIC, valid data folder of ``provinces`` provinces, ``indicators`` indicators
    and ``quarters`` quarters (ending with the fourth quarter of 2025).

    Parameters
    ----------
    folder
        Where to write: a new or empty folder, or one this function wrote before (never the
        repository's ``data/``).
    provinces, indicators, quarters
        The size. Provinces beyond Vietnam's 34 are named "Tỉnh tổng hợp 35" ...
    seed
        The random seed: one seed, one set of files.
    coverage
        The share of (province, indicator) series a province reports; each series starts in
        one of the first half of the quarters. The nation reports every indicator that is not a
        rank, every quarter. With the defaults, about 18,000 observations.

    Returns
    -------
    Path
        The folder, holding ``units.csv``, ``indicators.csv``, ``sources.csv``,
        ``observations.csv``, ``targets.csv`` and ``README.md`` (which says SYNTHETIC).

    Examples
    --------
    >>> import dtlib
    >>> data = dtlib.load(write_synthetic("/tmp/syn", provinces=3, indicators=5, quarters=4))  # doctest: +SKIP
    """
    folder = Path(folder)
    if provinces < 1 or indicators < 1 or quarters < 1:
        raise ValueError("provinces, indicators and quarters must each be at least 1")
    _refuse_real(folder)
    rng = np.random.default_rng(seed)
    periods = _quarters(quarters)
    units = _units(provinces)
    inds = _indicators(indicators, provinces)
    obs = _observations(rng, units, inds, periods, coverage)
    tables = {"units": units, "indicators": inds, "sources": _sources(periods), "observations": obs,
              "targets": _targets(rng, units, inds, periods)}
    folder.mkdir(parents=True, exist_ok=True)
    write_text(folder / "README.md", README.format(seed=seed, provinces=provinces, indicators=indicators,
                                                   quarters=quarters, rows=len(obs)))
    for name, frame in tables.items():
        write_table(frame, folder / f"{name}.csv")
    return folder


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write a SYNTHETIC data folder for benchmarks.")
    parser.add_argument("folder", help="a new folder (never data/)")
    parser.add_argument("--provinces", type=int, default=34)
    parser.add_argument("--indicators", type=int, default=60)
    parser.add_argument("--quarters", type=int, default=20)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--coverage", type=float, default=0.55,
                        help="share of (province, indicator) series reported (default 0.55)")
    args = parser.parse_args(argv)
    try:
        folder = write_synthetic(args.folder, args.provinces, args.indicators, args.quarters, args.seed,
                                 args.coverage)
    except ValueError as err:
        print(err, file=sys.stderr)
        return 2
    rows = len(pd.read_csv(folder / "observations.csv", dtype=str))
    print(f"wrote {MARK} data to {folder}: {args.provinces} provinces, {args.indicators} indicators, "
          f"{args.quarters} quarters, {rows} observations")
    return 0


if __name__ == "__main__":
    sys.exit(main())
