from pathlib import Path

import pandas as pd
import pytest

from dtlib.data.periods import age_label, period_end, years_between


@pytest.mark.parametrize("phrase, end", [
    ("9 tháng năm 2022", "2022-09-30"), ("6 tháng đầu năm 2022", "2022-06-30"), ("quý III/2023", "2023-09-30"),
    ("Quý II/2022", "2022-06-30"), ("năm 2021", "2021-12-31"), ("2025", "2025-12-31"),
    ("9 tháng năm 2023", "2023-09-30"), ("11 tháng năm 2023", "2023-11-30"),
    ("đến nay (23/10/2022)", "2022-10-23"), ("DTI 2021", "2021-12-31"), ("6 tháng năm 2022", "2022-06-30"),
])
def test_period_phrases_end_on_the_last_day_of_the_window(phrase, end):
    assert period_end(phrase) == pd.Timestamp(end)


def test_up_to_now_means_the_report_date():
    assert period_end("đến nay", "2022-10-23") == pd.Timestamp("2022-10-23")
    with pytest.raises(ValueError, match="report_date"):
        period_end("Đến nay")


def test_unknown_phrase_is_refused():
    with pytest.raises(ValueError, match="not a reporting window"):
        period_end("mùa xuân")


def test_years_between_uses_365_25_days():
    assert years_between(pd.Timestamp("2020-01-01"), pd.Timestamp("2024-01-01")) == 4


def test_age_labels():
    on = pd.Timestamp("2023-12-31")
    assert age_label(pd.Timestamp("2023-12-31"), on) == "current"
    assert age_label(pd.Timestamp("2023-09-30"), on) == "3 months old"
    assert age_label(pd.Timestamp("2022-06-30"), on) == "1.5 years old"


@pytest.mark.parametrize("phrase, end, window", [
    ("9 tháng năm 2022", "2022-09-30", "nine_months"), ("6 tháng đầu năm 2024", "2024-06-30", "half"),
    ("quý I/2026", "2026-03-31", "quarter"), ("năm 2024", "2024-12-31", "year"),
    ("cuối năm 2023", "2023-12-31", "year"), ("DTI 2024", "2024-12-31", "year"),
    ("EBI 2025", "2024-12-31", "year"),                  # VECOM's edition is named for the year it appears
    ("tháng 11/2025", "2025-11-30", "month"), ("tháng 10/2025 (đến 26/10/2025)", "2025-10-26", "month"),
    ("đến nay (29/08/2025)", "2025-08-29", "to_date"), ("đến hết quý III/2025", "2025-09-30", "to_date"),
    ("đến 14/11/2024", "2024-11-14", "to_date"), ("11 tháng năm 2023", "2023-11-30", "to_date"),
])
def test_window_of_reads_the_end_and_the_kind_of_window(phrase, end, window):
    from dtlib.data.periods import window_of
    assert window_of(phrase) == (pd.Timestamp(end), window)


def test_an_undated_up_to_now_has_no_end_without_the_report_date():
    from dtlib.data.periods import window_of
    assert window_of("đến nay") == (None, "to_date")
    assert window_of("đến nay", "2025-08-29") == (pd.Timestamp("2025-08-29"), "to_date")


def _texts():
    root = Path(__file__).resolve().parent.parent
    return sorted({*root.glob("data/sources/*.txt"), *root.glob("benchmarks/extract_set/*.txt")})


def test_every_period_the_extractor_finds_is_one_the_data_set_reads_with_the_same_end():
    # issue 22: one period grammar: what find_periods writes for extract, window_of reads for validation
    from dtlib.data.periods import find_periods, window_of

    seen, wrong = 0, []
    for path in _texts():
        for line in path.read_text(encoding="utf-8").splitlines():
            for p in find_periods(line, pd.Timestamp("2026-12-07")):
                seen += 1
                end, _ = window_of(p.period, report_date=p.as_of if p.kind == "now" else None)
                if end != p.as_of:
                    wrong.append((path.name, p.period, p.as_of, end))
    assert seen > 100 and not wrong, wrong[:5]        # 147 periods in 28 texts on 7 Dec 2026
