"""dtlib.words.i18n and dtlib.words.messages: the language in use, the catalogue, numbers and dates."""
from __future__ import annotations

import string

import pandas as pd
import pytest

from dtlib.words import i18n
from dtlib.words.messages import MESSAGES


def _fields(text: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(text) if f}


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_every_message_has_both_languages_with_the_same_fields(key):
    entry = MESSAGES[key]
    assert set(entry) == set(i18n.LANGUAGES), key
    assert all(entry[lang].strip() for lang in i18n.LANGUAGES), key
    assert _fields(entry["vi"]) == _fields(entry["en"]), key


def test_vietnamese_messages_differ_from_english_ones_except_for_formats():
    same = [k for k, e in MESSAGES.items() if e["vi"] == e["en"] and any(c.isalpha() for c in e["en"].format(
        **{f: "" for f in _fields(e["en"])}))]
    assert not same


@pytest.mark.parametrize("value, decimals, vi, en", [
    (98.7, 1, "98,7", "98.7"), (1545, 0, "1.545", "1,545"), (1545.25, 2, "1.545,25", "1,545.25"),
    (0.3081, 4, "0,3081", "0.3081"), (-2.5, 1, "\u22122,5", "\u22122.5"), (12.0, 2, "12", "12"),
])
def test_numbers_are_written_as_each_language_writes_them(value, decimals, vi, en):
    assert i18n.number(value, decimals, "vi") == vi
    assert i18n.number(value, decimals, "en") == en


def test_percent_date_and_month_per_language_and_missing_values_are_empty():
    assert (i18n.percent(98.7, 1, "vi"), i18n.percent(98.7, 1, "en")) == ("98,7%", "98.7%")
    assert (i18n.date("2022-09-30", "vi"), i18n.date("2022-09-30", "en")) == ("30/09/2022", "30 Sep 2022")
    assert (i18n.month(pd.Timestamp("2022-09-30"), "vi"), i18n.month("2022-09-30", "en")) == ("09/2022", "Sep 2022")
    assert i18n.date(pd.NaT) == i18n.month(None) == i18n.number(float("nan")) == i18n.percent(pd.NA) == ""


def test_the_language_in_use_is_set_scoped_and_checked():
    assert i18n.language() == i18n.DEFAULT_LANGUAGE == "vi"
    with i18n.use_language("en"):
        assert i18n.t("status.met") == "Target met"
        assert i18n.number(1.5) == "1.5"
    assert i18n.t("status.met") == "Đã đạt mục tiêu"
    with pytest.raises(ValueError, match="'fr' is not one the pack is written in"):
        i18n.set_language("fr")
    with pytest.raises(KeyError, match="'no.such.key'"):
        i18n.t("no.such.key")


def test_names_come_from_the_name_columns_of_the_language():
    row = {"id": "quang-binh", "name_vi": "Quảng Bình", "name_en": "Quang Binh"}
    assert (i18n.name(row, "vi"), i18n.name(row, "en")) == ("Quảng Bình", "Quang Binh")
    assert i18n.name({"id": "x", "name_vi": "Xã X", "name_en": ""}, "en") == "Xã X"
