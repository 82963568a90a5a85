"""Each kind of bad input is refused with a message naming file, line and field, and a hint."""
import unicodedata

import pandas as pd

import pytest

import dtlib
from dtlib import ValidationError

from .conftest import mini_tables, write_dataset


def load_spoiled(tmp_path, table, index, **changes):
    tables = mini_tables()
    tables[table][index].update(changes)
    return dtlib.load(write_dataset(tmp_path / "data", tables))


def only_problem(err: ValidationError):
    assert len(err.problems) == 1, str(err)
    return err.problems[0]


def assert_names(err, file, line, field, *phrases):
    p = only_problem(err)
    assert p.file.endswith(file) and p.line == line and p.field == field, str(p)
    text = str(p)
    assert f"{file} line {line}, field '{field}'" in text
    for phrase in phrases:
        assert phrase in text, text


def test_unknown_unit_names_the_nearest_id(tmp_path):
    with pytest.raises(ValidationError) as e:
        load_spoiled(tmp_path, "observations", 2, unit="lao-kai")
    assert_names(e.value, "observations.csv", 4, "unit", "'lao-kai' is not a known unit", "did you mean 'lao-cai'")


def test_unknown_indicator_names_the_nearest_id(tmp_path):
    with pytest.raises(ValidationError) as e:
        load_spoiled(tmp_path, "observations", 0, indicator="dossiers_online_provinces_pct")
    assert_names(e.value, "observations.csv", 2, "indicator", "not a known indicator",
                 "did you mean 'dossiers_online_province_pct'")


def test_an_empty_indicator_gets_a_hint_without_a_stray_separator(tmp_path):
    """Probe 2's helper saw "'' is not a known indicator (; ids are listed in indicators.csv)"."""
    with pytest.raises(ValidationError) as e:
        load_spoiled(tmp_path, "observations", 0, indicator="zzzzqqqq")
    assert "(ids are listed in indicators.csv)" in str(only_problem(e.value))
    with pytest.raises(ValidationError) as e:
        load_spoiled(tmp_path / "empty", "observations", 0, indicator="")
    text = str(e.value)
    assert "(ids are listed in indicators.csv)" in text and "(;" not in text


def test_unknown_source_is_refused(tmp_path):
    with pytest.raises(ValidationError) as e:
        load_spoiled(tmp_path, "targets", 1, source="qd-794-2020")
    assert_names(e.value, "targets.csv", 3, "source", "not a known source", "did you mean 'qd-749-2020'")


@pytest.mark.parametrize("bad", ["30/09/2022", "2022-13-01", "2022-02-30", "9 tháng năm 2022"])
def test_a_date_that_is_not_a_date_is_refused(tmp_path, bad):
    with pytest.raises(ValidationError) as e:
        load_spoiled(tmp_path, "observations", 0, as_of=bad)
    assert_names(e.value, "observations.csv", 2, "as_of", "is not a date", "YYYY-MM-DD")


def test_a_deadline_that_is_not_a_date_is_refused(tmp_path):
    with pytest.raises(ValidationError) as e:
        load_spoiled(tmp_path, "targets", 0, deadline="2025")
    assert_names(e.value, "targets.csv", 2, "deadline", "'2025' is not a date")


def test_a_number_written_the_vietnamese_way_is_refused_with_the_reading(tmp_path):
    with pytest.raises(ValidationError) as e:
        load_spoiled(tmp_path, "observations", 0, value="98,7")
    assert_names(e.value, "observations.csv", 2, "value", "'98,7' is not a number", "write 98.7")


def test_a_share_above_100_is_out_of_range(tmp_path):
    with pytest.raises(ValidationError) as e:
        load_spoiled(tmp_path, "observations", 0, value="870")
    assert_names(e.value, "observations.csv", 2, "value", "870 is out of range", "percent (0–100)")


def test_a_score_above_one_is_out_of_range(tmp_path):
    with pytest.raises(ValidationError) as e:
        load_spoiled(tmp_path, "observations", 3, value="3081")
    assert_names(e.value, "observations.csv", 5, "value", "score_0_1 (0–1)")


def test_a_negative_count_is_out_of_range(tmp_path):
    with pytest.raises(ValidationError) as e:
        load_spoiled(tmp_path, "observations", 2, value="-5")
    assert_names(e.value, "observations.csv", 4, "value", "out of range", "at least 0")


def test_conflicting_duplicate_key_is_refused(tmp_path):
    tables = mini_tables()
    tables["observations"].append(dict(tables["observations"][0], value="88", note="computed: a conflicting value"))
    with pytest.raises(ValidationError) as e:
        dtlib.load(write_dataset(tmp_path / "data", tables))
    lines = sorted(p.line for p in e.value.problems)
    assert lines == [2, 8]
    assert all(p.field == "value" and "conflicts with another row" in p.message for p in e.value.problems)


def test_an_exact_repeat_is_refused(tmp_path):
    tables = mini_tables()
    tables["observations"].append(dict(tables["observations"][1]))
    with pytest.raises(ValidationError) as e:
        dtlib.load(write_dataset(tmp_path / "data", tables))
    assert_names(e.value, "observations.csv", 8, "value", "repeats an earlier row", "delete one")


def test_a_quote_not_in_the_source_is_refused_showing_where_it_differs(tmp_path):
    with pytest.raises(ValidationError) as e:
        load_spoiled(tmp_path, "observations", 2, quote="toàn tỉnh có 1.545 tổ công nghệ số công đồng")
    assert_names(e.value, "observations.csv", 4, "quote", "does not occur verbatim", "'bao-a'",
                 "the first 36 characters match")


def test_an_empty_quote_for_a_shipped_source_is_refused(tmp_path):
    with pytest.raises(ValidationError) as e:
        load_spoiled(tmp_path, "observations", 2, quote="")
    assert_names(e.value, "observations.csv", 4, "quote", "is empty")


def test_a_rank_without_its_denominator_is_refused(tmp_path):
    with pytest.raises(ValidationError) as e:
        load_spoiled(tmp_path, "observations", 4, rank_of="")
    assert_names(e.value, "observations.csv", 6, "rank_of", "needs the number of units ranked", "63")


def test_a_rank_beyond_its_denominator_is_refused(tmp_path):
    with pytest.raises(ValidationError) as e:
        load_spoiled(tmp_path, "observations", 4, rank_of="40", quote="đứng thứ 52 trong số 63 tỉnh, thành")
    assert_names(e.value, "observations.csv", 6, "value", "rank 52 is beyond the 40 units ranked")


def test_rank_of_column_may_be_absent(tmp_path):
    tables = mini_tables()
    for name in ("observations", "targets"):
        for row in tables[name]:
            del row["rank_of"]
    ds = dtlib.load(write_dataset(tmp_path / "data", tables))
    assert ds.observations["rank_of"].isna().all()


def test_a_bad_qualifier_is_refused_with_the_valid_ones(tmp_path):
    with pytest.raises(ValidationError) as e:
        load_spoiled(tmp_path, "observations", 0, qualifier="trên")
    assert_names(e.value, "observations.csv", 2, "qualifier", "'trên' is not a qualifier", "'>'", "'~'")


def test_a_bad_level_is_refused(tmp_path):
    with pytest.raises(ValidationError) as e:
        load_spoiled(tmp_path, "units", 3, level="provice")
    assert_names(e.value, "units.csv", 5, "level", "'provice' is not an administrative level",
                 "did you mean 'province'")


def test_an_unknown_parent_is_refused(tmp_path):
    with pytest.raises(ValidationError) as e:
        load_spoiled(tmp_path, "units", 4, parent="lao-cay")
    assert_names(e.value, "units.csv", 6, "parent", "'lao-cay' is not a known unit", "lao-cai")


def test_a_bad_pillar_and_measure_are_refused(tmp_path):
    tables = mini_tables()
    tables["indicators"][0].update(pillar="governance", unit="percentage")
    with pytest.raises(ValidationError) as e:
        dtlib.load(write_dataset(tmp_path / "data", tables))
    fields = {(p.line, p.field) for p in e.value.problems}
    assert fields == {(2, "pillar"), (2, "unit")}
    assert "did you mean 'government'" in str(e.value) and "did you mean 'percent" in str(e.value)


def test_a_missing_source_file_is_refused(tmp_path):
    with pytest.raises(ValidationError) as e:
        load_spoiled(tmp_path, "sources", 0, file="sources/missing.txt")
    p = [p for p in e.value.problems if p.file.endswith("sources.csv")]
    assert p and p[0].line == 2 and p[0].field == "file" and "cannot be read" in p[0].message


def test_a_missing_column_is_named(tmp_path):
    tables = mini_tables()
    for row in tables["observations"]:
        del row["period"]
    with pytest.raises(ValidationError) as e:
        dtlib.load(write_dataset(tmp_path / "data", tables))
    assert_names(e.value, "observations.csv", 1, "period", "column is missing")


def test_a_figure_after_a_merger_names_the_successor(tmp_path):
    with pytest.raises(ValidationError) as e:
        load_spoiled(tmp_path, "observations", 2, as_of="2025-09-30")
    assert_names(e.value, "observations.csv", 4, "unit", "'lao-cai' did not exist on 2025-09-30",
                 "successor 'lao-cai-2025'")


def test_a_file_that_is_not_utf8_names_the_line(tmp_path):
    folder = write_dataset(tmp_path / "data")
    path = folder / "observations.csv"
    path.write_bytes(path.read_bytes().replace("Tỷ lệ".encode(), "Tỷ lệ".encode("utf-16-le"), 1)[:-1] + b"\xff\n")
    with pytest.raises(ValidationError) as e:
        dtlib.load(folder)
    p = e.value.problems[0]
    assert p.file.endswith("observations.csv") and p.line is not None and "UTF-8" in str(p)


def test_every_problem_is_reported_at_once(tmp_path):
    tables = mini_tables()
    tables["observations"][0].update(value="abc")
    tables["observations"][1].update(unit="lao-kai")
    tables["observations"][3].update(as_of="2021-31-12")
    with pytest.raises(ValidationError) as e:
        dtlib.load(write_dataset(tmp_path / "data", tables))
    assert {(p.line, p.field) for p in e.value.problems} == {(2, "value"), (3, "unit"), (5, "as_of")}


def test_names_aliases_and_nfd_text_are_accepted_as_unit_ids(tmp_path):
    tables = mini_tables()
    tables["observations"][0]["unit"] = unicodedata.normalize("NFD", "tỉnh Lào Cai")
    tables["observations"][1]["unit"] = "Lao Cai"
    tables["observations"][5]["unit"] = "huyện Bảo Thắng"
    tables["observations"][5]["quote"] = unicodedata.normalize("NFD", tables["observations"][5]["quote"])
    ds = dtlib.load(write_dataset(tmp_path / "data", tables))
    assert list(ds.observations["unit"]) == ["lao-cai"] * 5 + ["bao-thang"]


# ------------------------------------------------------------- boundaries, windows, editions, stated values

DTI_2024 = "Tỉnh Lào Cai xếp thứ 14/34 tỉnh, thành phố về mức độ chuyển đổi số năm 2024, đạt 0,7167 điểm."


def with_dti_2024(tmp_path, **changes):
    """The mini data set plus Lào Cai's DTI 2024 rank from a source published after the edition."""
    tables = mini_tables()
    tables["sources"].append(dict(tables["sources"][0], id="bao-b", published="2025-10-25"))
    row = dict(unit="lao-cai-2025", indicator="dti_rank", as_of="2024-12-31", period="DTI 2024", value="14",
               qualifier="", source="bao-b", quote=DTI_2024, note="", rank_of="34", basis="2025-07-01", window="")
    for other in tables["observations"]:
        other.setdefault("basis", "")
        other.setdefault("window", "")
    tables["observations"].append({**row, **changes})
    return dtlib.load(write_dataset(tmp_path / "data", tables))


def test_a_figure_recomputed_on_the_new_boundaries_belongs_to_the_new_unit_with_its_basis(tmp_path):
    data = with_dti_2024(tmp_path)
    row = data.observations.iloc[-1]
    assert row["unit"] == "lao-cai-2025" and row["basis"] == pd.Timestamp("2025-07-01") and row["window"] == "year"


def test_a_rank_out_of_34_given_to_a_province_that_was_one_of_63_is_refused(tmp_path):
    with pytest.raises(ValidationError) as e:
        with_dti_2024(tmp_path, unit="lao-cai", basis="")
    assert_names(e.value, "observations.csv", 8, "rank_of", "a rank out of 34 does not fit the boundaries of "
                 "2024-12-31, when Vietnam had 63 provinces", "belongs under 'lao-cai-2025' with basis 2025-07-01")


def test_the_merged_unit_before_it_existed_is_refused_unless_the_figure_was_recomputed(tmp_path):
    with pytest.raises(ValidationError) as e:
        with_dti_2024(tmp_path, basis="")
    p = [p for p in e.value.problems if p.field == "unit"]
    assert len(p) == 1 and "'lao-cai-2025' did not exist on 2024-12-31" in str(p[0])
    assert "predecessors (lao-cai)" in str(p[0]) and "set basis 2025-07-01" in str(p[0])


def test_a_name_resolves_to_the_unit_of_the_figures_boundaries(tmp_path):
    data = with_dti_2024(tmp_path, unit="Lào Cai")     # on 2024-12-31 "Lào Cai" was lao-cai; on the basis, lao-cai-2025
    assert data.observations.iloc[-1]["unit"] == "lao-cai-2025"


def test_an_edition_labelled_by_the_year_it_was_released_is_refused(tmp_path):
    """A 2023 article's "DTI 2023" is the 2022 edition: an edition cannot be published within its own year."""
    with pytest.raises(ValidationError) as e:
        with_dti_2024(tmp_path, source="bao-a")       # published 2023-10-20
    assert_names(e.value, "observations.csv", 8, "period", "DTI 2024 cannot come from a source published on "
                 "2023-10-20", "record the edition the figures belong to")


def test_a_period_that_contradicts_as_of_is_refused(tmp_path):
    with pytest.raises(ValidationError) as e:
        load_spoiled(tmp_path, "observations", 0, period="9 tháng năm 2023")
    assert_names(e.value, "observations.csv", 2, "period", "'9 tháng năm 2023' ends on 2023-09-30, not on as_of "
                 "2022-09-30")


def test_a_window_that_contradicts_the_period_is_refused(tmp_path):
    with pytest.raises(ValidationError) as e:
        load_spoiled(tmp_path, "observations", 0, window="month")
    assert_names(e.value, "observations.csv", 2, "window", "'month' is not the window of the period "
                 "'9 tháng năm 2022' (nine_months)")


def test_a_period_in_no_known_form_is_refused(tmp_path):
    with pytest.raises(ValidationError) as e:
        load_spoiled(tmp_path, "observations", 0, period="mùa thu 2022")
    assert_names(e.value, "observations.csv", 2, "period", "'mùa thu 2022' is not a reporting window")


def test_a_value_the_quote_does_not_state_is_refused_with_the_numbers_it_does(tmp_path):
    """1.761 for a count whose quote says 1.761 (one thousand seven hundred ...): the Vietnamese thousands dot."""
    with pytest.raises(ValidationError) as e:
        load_spoiled(tmp_path, "observations", 2, value="1.545")
    assert_names(e.value, "observations.csv", 4, "value", "1.545 is not a number the quote states (it states 1545)",
                 "1.761 is 1761")


def test_a_percentage_stored_as_a_fraction_is_refused(tmp_path):
    with pytest.raises(ValidationError) as e:
        load_spoiled(tmp_path, "observations", 0, value="0.87")
    assert_names(e.value, "observations.csv", 2, "value", "it states 87", "85, not 0.85")


def test_a_computed_value_is_accepted_when_its_note_shows_the_arithmetic(tmp_path):
    data = load_spoiled(tmp_path, "observations", 0, value="88", note="computed: 87 + 1")
    assert data.observations.iloc[0]["value"] == 88


def test_a_rank_that_is_not_whole_is_refused(tmp_path):
    with pytest.raises(ValidationError) as e:
        load_spoiled(tmp_path, "observations", 4, value="52.5", note="computed: a test")
    assert_names(e.value, "observations.csv", 6, "value", "rank 52.5 is not a whole number")


def test_a_date_in_the_future_is_refused(tmp_path):
    with pytest.raises(ValidationError) as e:
        load_spoiled(tmp_path, "observations", 5, as_of="2203-10-20")
    assert_names(e.value, "observations.csv", 7, "as_of", "2203-10-20 is in the future", "a typo")


def test_a_quote_too_short_to_state_a_figure_is_refused(tmp_path):
    with pytest.raises(ValidationError) as e:
        load_spoiled(tmp_path, "observations", 0, quote="87")
    assert_names(e.value, "observations.csv", 2, "quote", "'87' is too short")


def test_two_methods_of_one_concept_must_each_name_their_method(tmp_path):
    tables = mini_tables()
    for row in tables["indicators"]:
        row.update(concept="", method="")
    tables["indicators"][0].update(concept="online_share", method="")
    with pytest.raises(ValidationError) as e:
        dtlib.load(write_dataset(tmp_path / "data", tables))
    assert_names(e.value, "indicators.csv", 2, "method", "names the concept 'online_share' but no method")


def test_the_headline_column_takes_true_false_or_empty_and_names_the_bad_row(tmp_path):
    tables = mini_tables()
    for k, row in enumerate(tables["indicators"]):
        row["headline"] = ["true", "false", ""][k % 3]
    ds = dtlib.load(write_dataset(tmp_path / "ok", tables))
    assert set(ds.indicators["headline"]) <= {"true", "false", ""}
    tables["indicators"][1]["headline"] = "yes"
    with pytest.raises(ValidationError) as e:
        dtlib.load(write_dataset(tmp_path / "bad", tables))
    assert [(p.line, p.field) for p in e.value.problems] == [(3, "headline")]


def test_the_shipped_data_marks_a_short_list_of_headline_indicators(shipped):
    headline = shipped.indicators.loc[shipped.indicators["headline"] == "true", "id"].tolist()
    assert 6 <= len(headline) <= 10
    provinces = ["lao-cai", "lao-cai-2025", "quang-binh", "quang-tri-2025", "lai-chau", "thai-nguyen",
                 "thai-nguyen-2025"]       # not the nation
    reported = set(shipped.observations.loc[shipped.observations["unit"].isin(provinces), "indicator"])
    assert set(headline) <= reported          # each is something the four provinces report


def test_not_before_is_a_date_for_an_undated_source_only(tmp_path):
    for when, published, expect in [("2023-13-01", "", "is not a date"),
                                     ("2023-01-01", "2023-10-20", "both a publication date and not_before")]:
        tables = mini_tables()
        for row in tables["sources"]:
            row["not_before"] = ""
        tables["sources"][0].update(not_before=when, published=published, note="published: not in the text")
        with pytest.raises(ValidationError, match=expect):
            dtlib.load(write_dataset(tmp_path / f"d{when}", tables))
    tables = mini_tables()
    for row in tables["sources"]:
        row["not_before"] = ""
    tables["sources"][0].update(not_before="2023-01-01", published="", note="published: not in the text")
    data = dtlib.load(write_dataset(tmp_path / "ok", tables))
    known = dtlib.known_observations(data, "2023-12-31")
    mine = known[known["source"] == tables["sources"][0]["id"]]
    assert len(mine) and (mine["known_on"] >= pd.Timestamp("2023-01-01")).all()
    assert not (dtlib.known_observations(data, "2022-12-31")["source"] == tables["sources"][0]["id"]).any()
