import unicodedata

import pytest

from dtlib.text import fold, nearest, nfc, read_vietnamese_number, resolve_unit


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
    from dtlib.io import read_table
    units = read_table(mini_dir / "units.csv")
    assert resolve_unit("Lào Cai", units, on="2022-01-01") == "lao-cai"
    assert resolve_unit("Lào Cai", units, on="2026-01-01") == "lao-cai-2025"
    with pytest.raises(KeyError, match="may mean any of"):
        resolve_unit("Lào Cai", units)


def test_unknown_unit_suggests_the_nearest_id(mini_dir):
    from dtlib.io import read_table
    units = read_table(mini_dir / "units.csv")
    with pytest.raises(KeyError, match="did you mean 'lao-cai'"):
        resolve_unit("lao-kai", units)
