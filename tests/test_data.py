"""The shipped data set: raw texts unchanged, every quote verbatim in its source, every id resolves."""
import hashlib
import unicodedata
from pathlib import Path

import pandas as pd
import pytest

from dtlib.periods import period_end
from dtlib.text import read_vietnamese_number

DATA = Path(__file__).resolve().parent.parent / "data"
SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "sources"

CORE = ["online_public_services_full_pct", "online_reporting_pct", "einvoice_enterprises_pct",
        "dossiers_online_province_pct", "dossiers_online_district_pct", "dossiers_online_commune_pct",
        "ocop_ecommerce_pct", "community_digital_teams", "digital_economy_grdp_pct", "dti_score", "dti_rank"]


def test_the_five_raw_texts_are_shipped(shipped):
    files = set(ds_file for ds_file in shipped.sources["file"] if ds_file)
    assert len(files) == 5 and all((DATA / f).exists() for f in files)


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


def test_every_file_backed_quote_states_its_number(shipped):
    """The value appears in the quote as the source writes it (unless the note says it was computed)."""
    for row in shipped.observations.itertuples():
        if row.source not in shipped.texts or row.note.startswith("computed:"):
            continue
        numbers = [n for n in _numbers_in(row.quote)]
        # a fall ("giảm 0,0052") is stored as a negative change
        assert any(abs(n - abs(row.value)) < 1e-9 for n in numbers), (row.quote, row.value)


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
