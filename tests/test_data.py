"""The shipped data set: raw texts unchanged, every quote verbatim in its source, every id resolves."""
import hashlib
import unicodedata
from pathlib import Path

import pandas as pd
import pytest

from dtlib.data.periods import period_end
from dtlib.data.text import read_vietnamese_number

DATA = Path(__file__).resolve().parent.parent / "data"
SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "sources"

CORE = ["online_public_services_full_pct", "online_reporting_pct", "einvoice_enterprises_pct",
        "dossiers_online_province_pct", "dossiers_online_district_pct", "dossiers_online_commune_pct",
        "ocop_ecommerce_pct", "community_digital_teams", "digital_economy_grdp_pct", "dti_score", "dti_rank"]


ORIGINALS = ["000_f62c20e1c3b11097.txt", "001_29e71f5f8bbb5334.txt", "002_94f021437548c670.txt",
             "003_3e0695ef231f7ec0.txt", "004_3b92cbf78e0ddd00.txt"]


def test_every_source_text_named_is_shipped_and_the_five_originals_are_among_them(shipped):
    """A property, not a count: the quarterly routine adds texts, and the suite must still pass."""
    files = set(ds_file for ds_file in shipped.sources["file"] if ds_file)
    assert all((DATA / f).is_file() for f in files)
    assert {f"sources/{name}" for name in ORIGINALS} <= files


@pytest.mark.skipif(not SHARED.exists(), reason="shared/ sources not beside the clone")
def test_raw_texts_are_byte_identical_to_the_originals():
    for original in SHARED.glob("*.txt"):
        copy = DATA / "sources" / original.name
        assert hashlib.sha256(copy.read_bytes()).digest() == hashlib.sha256(original.read_bytes()).digest()


def test_every_quote_occurs_verbatim_in_its_source(shipped):
    for table in (shipped.observations, shipped.targets):
        for row in table.itertuples():
            if row.source in shipped.texts:
                assert row.quote and row.quote in shipped.texts[row.source], (row._asdict())
            else:
                assert shipped.sources.set_index("id").loc[row.source, "file"] == ""


def test_every_quote_states_its_number(shipped):
    """The value appears in the quote as the source writes it (unless the note says it was computed)."""
    languages = dict(zip(shipped.sources["id"], shipped.sources["language"]))
    for row in shipped.observations.itertuples():
        if not row.quote or row.note.startswith("computed:"):
            continue
        numbers = [n for n in (_english_numbers_in(row.quote) if languages[row.source] == "en"
                               else _numbers_in(row.quote))]
        # a fall ("giảm 0,0052") is stored as a negative change
        assert any(abs(n - abs(row.value)) < 1e-9 for n in numbers), (row.quote, row.value)


def _english_numbers_in(text):
    """Numbers as English writes them (a source in English): 4,017 is 4017, 99.3 is 99.3."""
    import re
    for token in re.findall(r"\d[\d.,]*\d|\d", text):
        token = token.rstrip(".,")
        if re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d+)?|\d+(\.\d+)?", token):
            yield float(token.replace(",", ""))


def _numbers_in(text):
    import re
    for token in re.findall(r"\d[\d.,]*\d|\d", text):
        for candidate in (token, token.rstrip(".,")):
            try:
                yield read_vietnamese_number(candidate)
            except ValueError:
                pass
            if re.fullmatch(r"0\d+", candidate):   # "08/08 huyện"
                yield float(candidate)


def test_every_id_resolves(shipped):
    units, inds, srcs = set(shipped.units["id"]), set(shipped.indicators["id"]), set(shipped.sources["id"])
    for table in (shipped.observations, shipped.targets):
        assert set(table["unit"]) <= units and set(table["indicator"]) <= inds and set(table["source"]) <= srcs
    assert set(shipped.units["parent"]) - {""} <= units and set(shipped.units["successor"]) - {""} <= units


def test_core_indicator_ids_exist(shipped):
    assert set(CORE) <= set(shipped.indicators["id"])


def test_coverage_is_broad(shipped):
    assert len(shipped.observations) > 60
    assert set(shipped.observations["unit"]) >= {"lao-cai", "quang-binh", "thai-nguyen", "vietnam"}
    assert {"bao-thang", "gia-phu"} <= set(shipped.observations["unit"])   # never folded into the province


def test_each_as_of_is_the_end_of_its_period(shipped):
    for row in shipped.observations.itertuples():
        assert period_end(row.period) == row.as_of, (row.period, row.as_of)


def test_text_is_nfc(shipped):
    for table in shipped:
        for column in table.select_dtypes(include=["object", "string"]).columns:
            assert all(unicodedata.is_normalized("NFC", str(v)) for v in table[column])


def test_ranks_carry_their_denominator(shipped):
    ranks = shipped.observations.merge(shipped.indicators[["id", "unit"]].rename(
        columns={"id": "indicator", "unit": "measure"}), on="indicator")
    ranks = ranks[ranks["measure"] == "rank"]
    assert len(ranks) >= 5 and ranks["rank_of"].notna().all()


def test_lai_chau_plan_targets_for_2025_and_2030(shipped):
    lc = shipped.targets[shipped.targets["unit"] == "lai-chau"]
    assert {pd.Timestamp("2025-12-31"), pd.Timestamp("2030-12-31")} <= set(lc["deadline"])
    rank = lc[lc["indicator"] == "dti_rank"].iloc[0]
    assert rank["value"] == 45 and rank["comparator"] == "<=" and rank["rank_of"] == 63


def test_national_decision_targets_are_cited(shipped):
    national = shipped.targets[shipped.targets["unit"] == "vietnam"]
    assert {"qd-749-2020", "qd-411-2022"} <= set(national["source"])


# ------------------------------------------------------------------ the real figures of 2023 to 2026

def test_the_real_figures_since_2023_are_in_with_their_sentences(shipped):
    obs = shipped.observations
    later = obs[obs["as_of"] >= "2023-10-01"]
    assert len(later) >= 80 and (later["quote"] != "").all()
    assert {"lao-cai-2025", "quang-tri-2025", "thai-nguyen-2025", "lai-chau", "vietnam"} <= set(later["unit"])
    sources = shipped.sources.set_index("id").loc[later["source"].unique()]
    assert sources["url"].str.match(r"^https?://").all()


def test_dti_2024_on_the_new_boundaries_belongs_to_the_merged_province(shipped):
    obs = shipped.observations
    dti = obs[(obs["indicator"] == "dti_rank") & (obs["as_of"] == "2024-12-31")].set_index("unit")
    assert dti.loc["lao-cai-2025", ["value", "rank_of"]].tolist() == [14, 34]
    assert dti.loc["lao-cai-2025", "basis"] == pd.Timestamp("2025-07-01")
    # no rank out of 34 on a unit that was one of the 63
    old = obs[obs["unit"].isin(["lao-cai", "quang-binh", "thai-nguyen", "quang-tri"])]
    assert not (old["rank_of"] == 34).any()


def test_two_methods_of_the_digital_economy_share_are_two_series_that_say_which(shipped):
    ind = shipped.indicators.set_index("id")
    methods = ind[ind["concept"] == "digital_economy_share"]
    assert set(methods.index) == {"digital_economy_grdp_pct", "digital_economy_grdp_mic_estimate_pct"}
    assert "GSO" in methods.loc["digital_economy_grdp_pct", "name_en"]
    assert "MIC" in methods.loc["digital_economy_grdp_mic_estimate_pct", "name_en"]
    obs = shipped.observations.set_index(["unit", "indicator", "as_of"])["value"]
    assert obs[("vietnam", "digital_economy_grdp_pct", pd.Timestamp("2023-12-31"))] == 12.87
    assert obs[("vietnam", "digital_economy_grdp_mic_estimate_pct", pd.Timestamp("2023-12-31"))] == 16.5
    assert not obs.index.duplicated().any()          # one indicator never carries two values for a date


def test_the_gso_revision_keeps_the_first_estimate_in_the_history(shipped):
    old = shipped.history.set_index(["indicator", "as_of"])["value"]
    assert old[("digital_economy_grdp_pct", pd.Timestamp("2023-12-31"))] == 12.33
    assert old[("digital_economy_grdp_pct", pd.Timestamp("2022-12-31"))] == 12.63


def test_an_edition_is_recorded_by_its_year_not_by_the_article_headline(shipped):
    """quangbinh.gov.vn (16/11/2023) writes "Năm 2023" for the DTI 2022 edition released in July 2023."""
    obs = shipped.observations
    pillars = obs[(obs["unit"] == "quang-binh") & obs["indicator"].isin(
        ["dti_government_rank", "dti_economy_rank", "dti_society_rank"]) & (obs["value"].isin([46, 38, 40]))]
    assert len(pillars) == 3 and set(pillars["period"]) == {"DTI 2022"}
    assert (pillars["as_of"] == "2022-12-31").all() and pillars["note"].str.contains("release year").all()
    assert "Năm 2023" in shipped.sources.set_index("id").loc["quangbinh-gov-2023-11-16-dti2022", "title"] or \
        pillars["note"].str.contains("Năm 2023").all()


def test_windows_are_kept_with_each_figure(shipped):
    obs = shipped.observations
    monthly = obs[(obs["unit"] == "vietnam") & (obs["indicator"] == "dossiers_fully_online_pct")]
    assert dict(zip(monthly["as_of"].dt.strftime("%Y-%m-%d"), monthly["window"])).items() >= {
        "2023-12-31": "year", "2024-06-30": "half", "2024-12-31": "year", "2025-06-30": "half",
        "2025-10-26": "month", "2025-11-26": "month"}.items()
    assert (obs["window"] != "").all()


def test_districts_and_the_merged_commune_end_on_30_june_2025_with_their_instruments(shipped):
    units = shipped.units.set_index("id")
    for unit in ("bao-thang", "gia-phu"):
        assert units.loc[unit, "valid_to"] == pd.Timestamp("2025-06-30")
    sources = set(shipped.sources["id"])
    assert {"nq-203-2025-qh15", "luat-72-2025-qh15", "nq-1673-2025-ubtvqh15"} <= sources
    assert "nq-203-2025-qh15" in units.loc["bao-thang", "note"] and "nq-1673" in units.loc["gia-phu", "note"]
