"""The extraction assistant: every pattern on sentences composed for these tests.

None of these sentences comes from the five source articles or from the reference of later
figures, so that ``benchmarks/extract_eval.py`` measures text the rules were not written on.
"""
import csv
import shutil
from pathlib import Path

import pandas as pd
import pytest

import dtlib
from dtlib.cli import main
from dtlib.intake.extract import CANDIDATE_COLUMNS, QUOTE_MAX, extract, extract_file
from dtlib.intake.extract_patterns import find_dates, find_periods, find_quantities, fold_keep_length, split_sentences
from dtlib.intake.ingest import add
from dtlib.data.io import read_table
from dtlib.data.text import states_value

DATA = Path(__file__).resolve().parent.parent / "data"


@pytest.fixture(scope="module")
def catalogue():
    return read_table(DATA / "units.csv"), read_table(DATA / "indicators.csv")


def rows(text, catalogue, **kwargs) -> pd.DataFrame:
    units, indicators = catalogue
    return extract(text, units, indicators, **kwargs)


def one(text, catalogue, value, **kwargs) -> pd.Series:
    """The single candidate row of ``text`` whose value is ``value``."""
    frame = rows(text, catalogue, **kwargs)
    hits = frame[frame["value"] == value]
    assert len(hits) == 1, frame[["value", "kind", "indicator"]]
    return hits.iloc[0]


def kinds(sentence: str) -> list[tuple[str, float]]:
    return [(q.kind, q.value) for q in find_quantities(sentence)]


# ------------------------------------------------------------------------------------ numbers

def test_percentages_are_read_with_the_decimal_comma():
    assert kinds("Tỷ lệ hộ dùng ví điện tử đạt 64,3%, tăng so với 58 % năm trước.") == [
        ("percent", 64.3), ("percent", 58.0)]


def test_thousands_dots_are_not_decimals_and_a_scale_word_multiplies():
    found = find_quantities("Tỉnh cấp 12.450 chữ ký số và tiếp nhận 3,5 triệu hồ sơ.")
    assert [(q.kind, q.value) for q in found] == [("count", 12450.0), ("count", 3500000.0)]
    assert found[1].note == "computed: 3,5 triệu = 3500000"


def test_a_ratio_is_two_counts_whichever_way_it_is_written():
    for sentence in ("Đã số hóa 127/140 bộ hồ sơ lưu trữ.", "Đã số hóa 127 trong số 140 bộ hồ sơ lưu trữ."):
        found = find_quantities(sentence)
        assert [(q.kind, q.value, q.role) for q in found] == [("count", 127.0, "numerator"),
                                                             ("count", 140.0, "denominator")], sentence


def test_a_rank_keeps_the_number_of_units_ranked():
    assert [(q.kind, q.value, q.rank_of) for q in find_quantities("Huyện đứng thứ 17/63 cả nước.")] == [
        ("rank", 17.0, 63)]
    assert [(q.kind, q.value, q.rank_of) for q in find_quantities("Tỉnh xếp thứ 21 trong số 63 địa phương.")] == [
        ("rank", 21.0, 63)]


def test_scores_money_and_speeds_have_their_own_kinds():
    assert kinds("Tỉnh đạt 0,4512 điểm, giảm 0,0137 điểm.") == [("score", 0.4512), ("score", -0.0137)]
    assert kinds("Doanh thu số ước đạt 3,2 tỷ USD, tốc độ mạng 88,4 Mbps.") == [("usd_billion", 3.2), ("mbps", 88.4)]
    assert find_quantities("giảm 0,0137 điểm")[0].change


@pytest.mark.parametrize("sentence, qualifier", [
    ("Có trên 500 điểm phát wifi.", ">"), ("Có hơn 500 điểm phát wifi.", ">"), ("Vượt 500 điểm phát wifi.", ">"),
    ("Có khoảng 500 điểm phát wifi.", "~"), ("Có gần 500 điểm phát wifi.", "~"),
    ("Ước đạt 500 điểm phát wifi.", "~"), ("Tối thiểu 500 điểm phát wifi.", ">="),
    ("Có 500 điểm phát wifi.", ""), ("Cao hơn mức 500 điểm phát wifi.", ""),
])
def test_qualifiers_follow_the_words_just_before_the_number(sentence, qualifier):
    assert [q.qualifier for q in find_quantities(sentence)] == [qualifier]


@pytest.mark.parametrize("sentence", [
    "Sáng 12/3, Ban Chỉ đạo họp.", "Ngày 14/9/2023 tỉnh ban hành Quyết định số 127/QĐ-UBND.",
    "Thực hiện Nghị quyết 05-NQ/TU trong năm 2023.", "Sau 9 tháng triển khai cuộc cách mạng công nghiệp 4.0.",
    "Mạng 3G, 4G và 5G.", "Dịch vụ công trực tuyến mức độ 4.", "Phiên họp lúc 15:30.",
    "Liên hệ: Số 27, đường Trần Phú, điện thoại 0214 3822 910.", "Người từ 18 tuổi trở lên.",
    "Đăng ngày 2024-03-05 09:12.",
])
def test_dates_years_document_numbers_durations_and_versions_are_not_figures(sentence):
    assert find_quantities(sentence) == []


# ------------------------------------------------------------------------------------ windows and dates

@pytest.mark.parametrize("phrase, period, as_of", [
    ("trong 9 tháng năm 2022", "9 tháng năm 2022", "2022-09-30"),
    ("trong 6 tháng đầu năm", "6 tháng đầu năm 2024", "2024-06-30"),
    ("đến hết quý III/2023", "đến hết quý III/2023", "2023-09-30"),
    ("trong quý II năm 2023", "quý II/2023", "2023-06-30"),
    ("cả năm 2023", "năm 2023", "2023-12-31"),
    ("riêng tháng 11/2023", "tháng 11/2023", "2023-11-30"),
    ("tính đến hết tháng 6", "6 tháng năm 2024", "2024-06-30"),
    ("tính đến ngày 12/7", "đến 12/07/2024", "2024-07-12"),
    ("đến nay", "đến nay", "2024-07-20"),
])
def test_reporting_windows_end_on_the_day_they_describe(phrase, period, as_of):
    [found] = find_periods(f"Kết quả {phrase}, tỉnh đạt 50%.", pd.Timestamp("2024-07-20"))
    assert (found.period, f"{found.as_of:%Y-%m-%d}") == (period, as_of)


def test_a_month_reported_to_a_day_names_both(catalogue):
    text = "Tính đến ngày 20/11, tỷ lệ hồ sơ tiếp nhận trực tuyến tháng 11/2023 của tỉnh Lai Châu đạt 61,2%."
    row = one(text, catalogue, "61.2", as_of="2023-11-28")
    assert (row["period"], row["as_of"]) == ("tháng 11/2023 (đến 20/11/2023)", "2023-11-20")


def test_the_article_date_is_the_meeting_else_the_stamp():
    assert find_dates("Hội nghị tổng kết năm 2024\nSáng 12/3, Ban Chỉ đạo họp.")[0] == pd.Timestamp("2024-03-12")
    meeting, stamped = find_dates("Tin tức\n2023-05-04 10:00:00\nBan Chỉ đạo họp.")
    assert meeting is None and stamped == pd.Timestamp("2023-05-04")


def test_sentences_are_split_without_cutting_numbers():
    line = "Tỉnh có 1.204 thôn. 98,5% hộ có điện. Mục tiêu là 100%."
    assert [line[a:b] for a, b in split_sentences(line)] == ["Tỉnh có 1.204 thôn.", "98,5% hộ có điện.",
                                                              "Mục tiêu là 100%."]


def test_folding_keeps_every_position():
    text = "Đạt 98,7% ở Lào Cai"
    assert len(fold_keep_length(text)) == len(text) and fold_keep_length(text) == "dat 98,7% o lao cai"


# ------------------------------------------------------------------------------------ rows

def test_a_figure_gets_its_indicator_unit_window_and_verbatim_quote(catalogue):
    text = ("Hội nghị Ban Chỉ đạo chuyển đổi số tỉnh Lai Châu\n"
            "Chiều 5/4/2024, Ban Chỉ đạo họp đánh giá kết quả quý I/2024.\n"
            "Đến hết quý I/2024, tỷ lệ hộ gia đình có kết nối Internet cáp quang của tỉnh Lai Châu đạt 64,3%.")
    row = one(text, catalogue, "64.3")
    assert row[["kind", "unit", "indicator", "as_of", "period", "qualifier"]].tolist() == [
        "observation", "lai-chau", "households_fibre_pct", "2024-03-31", "đến hết quý I/2024", ""]
    assert row["quote"] in text and states_value(row["quote"], float(row["value"]))
    assert 0 < float(row["confidence"]) <= 1 and "indicator:" in row["why"]


def test_a_figure_without_a_window_is_dated_by_the_meeting_as_up_to_now(catalogue):
    text = "Sáng 9/5/2024, Ban Chỉ đạo tỉnh Lai Châu họp.\nHiện nay toàn tỉnh có 1.317 tổ công nghệ số cộng đồng."
    row = one(text, catalogue, "1317")
    assert row[["unit", "indicator", "as_of", "period"]].tolist() == [
        "lai-chau", "community_digital_teams", "2024-05-09", "đến nay (09/05/2024)"]


def test_a_district_or_commune_named_in_the_paragraph_owns_its_figures_until_the_province_returns(catalogue):
    text = ("Sáng 2/10/2023, tỉnh Lào Cai sơ kết 9 tháng năm 2023.\n"
            "Tại huyện Bảo Thắng, 97% người dân trưởng thành có thiết bị thông minh.\n"
            "Xã Gia Phú là xã thông minh đầu tiên.\n"
            "Xã đã lắp 26 camera giám sát an ninh.\n"
            "Toàn tỉnh Lào Cai có 2.140 tổ công nghệ số cộng đồng.")
    frame = rows(text, catalogue)
    assert dict(zip(frame["value"], frame["unit"])) == {"97": "bao-thang", "26": "gia-phu", "2140": "lao-cai"}


def test_national_figures_go_to_vietnam_but_a_ranking_field_does_not(catalogue):
    text = ("Sáng 3/6/2024, tỉnh Lai Châu họp.\n"
            "Cả nước có 71,4% hộ gia đình có kết nối Internet cáp quang.\n"
            "Lai Châu đứng thứ 48/63 cả nước về chỉ số chuyển đổi số.")
    frame = rows(text, catalogue)
    assert dict(zip(frame["value"], frame["unit"])) == {"71.4": "vietnam", "48": "lai-chau"}


def test_another_province_is_nobody_in_the_data_set(catalogue):
    text = "Sáng 3/6/2024, tỉnh Lai Châu họp.\nTrong khi đó, Sơn La có 1.020 tổ công nghệ số cộng đồng."
    assert one(text, catalogue, "1020")["unit"] == ""


def test_a_name_shared_across_the_2025_merger_is_settled_by_the_date(catalogue):
    before = one("Năm 2024, Lào Cai có 2.210 tổ công nghệ số cộng đồng.", catalogue, "2210", as_of="2025-01-10")
    after = one("Đến hết quý III/2025, Lào Cai có 3.900 tổ công nghệ số cộng đồng.", catalogue, "3900",
                as_of="2025-10-15")
    assert (before["unit"], after["unit"]) == ("lao-cai", "lao-cai-2025")


def test_an_undated_article_settles_a_shared_name_by_the_window_the_sentence_names(catalogue):
    text = "Thái Nguyên tăng tốc chuyển đổi số\n\nTrong quý II/2026, Thái Nguyên cấp 4.120 chữ ký số cá nhân.\n" \
           "Năm 2024, Thái Nguyên cấp 2.760 chữ ký số cá nhân."
    assert one(text, catalogue, "4120")["unit"] == "thai-nguyen-2025"
    assert one(text, catalogue, "2760")["unit"] == "thai-nguyen"


def test_an_undated_figure_takes_the_unit_in_force_on_the_latest_date_the_article_mentions(catalogue):
    text = ("Quảng Trị họp bàn về chuyển đổi số\n\nToàn tỉnh Quảng Trị có 915 tổ công nghệ số cộng đồng.\n"
            "Báo cáo này được trình tại phiên họp tháng 4/2026.")
    row = one(text, catalogue, "915")
    assert row["unit"] == "quang-tri-2025"
    assert "latest date the text mentions (30/04/2026)" in row["why"]


def test_a_deadline_is_not_a_date_the_article_reports_on(catalogue):
    text = ("Lào Cai họp bàn về chuyển đổi số\n\nToàn tỉnh Lào Cai có 615 tổ công nghệ số cộng đồng.\n"
            "Phấn đấu đến năm 2030, mỗi thôn có một tổ; mục tiêu năm 2028 là 900 tổ.")
    row = one(text, catalogue, "615", today="2026-11-25")
    # 2028 and 2030 are deadlines, not days the text reports on: the text stays undated
    assert row["unit"] == ""
    assert "lao-cai (to 30/06/2025) or lao-cai-2025 (since 01/07/2025)" in row["why"]


def test_an_undated_name_shared_across_the_mergers_gets_no_unit_not_the_unit_of_today(catalogue):
    # issue 21: "the unit the name means today" gave a 2024 plan of Quảng Trị to the merged province
    text = "Toàn tỉnh Quảng Trị có 1.205 tổ công nghệ số cộng đồng."
    for today in ("2026-11-25", "2024-03-01", None):
        row = one(text, catalogue, "1205", today=today)
        assert row["unit"] == ""
        assert "give the day it was published (--date)" in row["why"]
        assert float(row["confidence"]) < 0.3
    # the day of publication (sources.csv's published, or --date) settles it
    assert one(text, catalogue, "1205", published="2024-03-01")["unit"] == "quang-tri"
    assert one(text, catalogue, "1205", published="2025-10-02")["unit"] == "quang-tri-2025"
    # a name with one unit means it, dated or not
    assert one("Toàn tỉnh Lai Châu có 105 tổ công nghệ số cộng đồng.", catalogue, "105")["unit"] == "lai-chau"


def test_a_rank_among_63_provinces_makes_an_undated_name_the_unit_before_the_mergers(catalogue):
    text = "Thái Nguyên xếp thứ 17/63 tỉnh, thành phố về mức độ hài lòng; 2.480 hộ kinh doanh dùng ví điện tử."
    frame = rows(text, catalogue, today="2026-11-25")
    assert set(frame["unit"]) == {"thai-nguyen"}
    assert all("63 provinces" in why for why in frame["why"])


def test_a_dti_edition_from_2024_on_is_a_rank_among_the_34_provinces(catalogue):
    row = one("Theo Chỉ số DTI năm 2024, Chính quyền số của Thái Nguyên đứng thứ 6.", catalogue, "6",
              today="2026-11-25")
    assert (row["unit"], row["basis"], row["rank_of"]) == ("thai-nguyen-2025", "2025-07-01", "34")
    earlier = one("Theo Chỉ số DTI năm 2023, Chính quyền số của Thái Nguyên đứng thứ 8.", catalogue, "8",
                  today="2026-11-25")
    assert (earlier["unit"], earlier["basis"]) == ("thai-nguyen", "")


def test_the_publisher_names_the_province_a_text_does_not(catalogue):
    text = "Đến nay, tỉnh đã có 1.330 tổ công nghệ số cộng đồng."
    row = one(text, catalogue, "1330", as_of="2023-06-20", publisher="Cổng Thông tin điện tử tỉnh Quảng Bình")
    assert row["unit"] == "quang-binh"
    assert "publisher" in row["why"]
    # a national newspaper's name is not the article's province; a province the text names wins
    assert one(text, catalogue, "1330", as_of="2023-06-20", publisher="Báo Pháp luật Việt Nam")["unit"] != "quang-binh"
    named = one("Đến nay, Lai Châu đã có 1.330 tổ công nghệ số cộng đồng.", catalogue, "1330", as_of="2023-06-20",
                publisher="Báo Lào Cai")
    assert named["unit"] == "lai-chau"


def test_extract_file_reads_the_publisher_of_a_registered_source(tmp_path, catalogue):
    data = tmp_path / "data"
    shutil.copytree(DATA, data, ignore=shutil.ignore_patterns(".*"))
    text = data / "sources" / "new_article.txt"
    text.write_text("Chuyển đổi số\n\nĐến nay, tỉnh đã có 1.330 tổ công nghệ số cộng đồng.\n", encoding="utf-8")
    with open(data / "sources.csv", "a", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerow(
            ["test-publisher", "Chuyển đổi số", "Báo Lai Châu", "2023-06-20", "", "sources/new_article.txt", "vi", ""])
    frame = extract_file(text, data)
    assert frame.loc[frame["value"] == "1330", "unit"].tolist() == ["lai-chau"]


def test_an_english_source_s_numbers_are_read_the_english_way(tmp_path, catalogue, capsys):
    """Sources 284 and 480 (English renderings) gave "2,028 services" as 2.028 and lost "43.4%":
    the text's language, from sources.csv or --lang, decides how its numbers are read."""
    data = tmp_path / "data"
    shutil.copytree(DATA, data, ignore=shutil.ignore_patterns(".*"))
    text = data / "sources" / "english.txt"
    text.write_text("Digital government\n\nBy October 15, 2025, Thai Nguyen province provided 2,028 online public "
                    "services; 29,560 dossiers were submitted online (accounting for 43.4%).\n", encoding="utf-8")
    with open(data / "sources.csv", "a", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerow(
            ["test-english", "Digital government", "VIR", "2025-10-15", "", "sources/english.txt", "en", ""])
    values = set(extract_file(text, data)["value"])
    assert {"2028", "29560", "43.4"} <= values and "2.028" not in values
    assert "2.028" in set(extract_file(text, data, lang="vi")["value"])          # read as Vietnamese, it is 2.028
    assert [q.text for q in find_quantities("provided 2,028 services", "en")] == ["2,028"]   # the source's words
    vietnamese = [q.value for q in find_quantities("Toàn tỉnh có 1.761 tổ, đạt 98,7%.", "vi")]
    assert vietnamese == [1761.0, 98.7]
    other = tmp_path / "unregistered.txt"
    other.write_text(text.read_text(encoding="utf-8"), encoding="utf-8")
    assert main(["extract", str(other), "--data", str(data), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert ",2028," in out and ",43.4," in out


def test_words_of_the_reorganisation_make_an_undated_shared_name_the_merged_unit(catalogue):
    for opening in ("Sau sáp nhập, toàn tỉnh Lào Cai", "Lào Cai là một trong 34 tỉnh, thành; toàn tỉnh"):
        row = one(f"{opening} có 2.340 tổ công nghệ số cộng đồng.", catalogue, "2340")
        assert row["unit"] == "lao-cai-2025", opening
        assert "reorganisation" in row["why"]


def test_the_province_unnamed_in_a_sentence_is_the_one_the_article_names_most(catalogue):
    text = ("Lai Châu: kết quả chuyển đổi số\n\nĐến nay, tỉnh ta đã cấp 5.400 chữ ký số cho người dân.\n"
            "Lãnh đạo Lai Châu cùng đoàn của Điện Biên dự họp.")
    assert one(text, catalogue, "5400", as_of="2024-09-05")["unit"] == "lai-chau"


def test_a_province_the_text_never_names_is_left_empty_unless_given(catalogue):
    text = "Nâng cao chỉ số chuyển đổi số của tỉnh\n\nĐến nay, toàn tỉnh có 730 tổ công nghệ số cộng đồng."
    row = one(text, catalogue, "730", as_of="2024-09-05")
    assert row["unit"] == "" and "give --unit" in row["why"]
    assert one(text, catalogue, "730", as_of="2024-09-05", unit="quang-binh")["unit"] == "quang-binh"
    assert one(text, catalogue, "730", as_of="2025-09-05", unit="quang-binh")["unit"] == "quang-tri-2025"


def test_places_listed_before_lan_luot_take_the_figures_in_order(catalogue):
    frame = rows("Năm 2024, Yên Bái và Bắc Kạn lần lượt có 71,5% và 64,2% hộ gia đình có điện thoại thông minh.",
                 catalogue, as_of="2025-02-01")
    assert dict(zip(frame["value"], frame["unit"])) == {"71.5": "yen-bai", "64.2": "bac-kan"}
    other = rows("Năm 2024, Yên Bái và Sơn La lần lượt có 71,5% và 64,2% hộ gia đình có điện thoại thông minh.",
                 catalogue, as_of="2025-02-01")
    assert dict(zip(other["value"], other["unit"])) == {"71.5": "yen-bai", "64.2": ""}


def test_a_rank_among_34_for_an_earlier_year_goes_to_the_merged_province_with_its_basis(catalogue):
    text = "Thái Nguyên xếp thứ 11/34 tỉnh, thành phố về chỉ số chuyển đổi số năm 2024."
    row = one(text, catalogue, "11", as_of="2025-10-30")
    assert row[["unit", "indicator", "period", "as_of", "basis", "rank_of"]].tolist() == [
        "thai-nguyen-2025", "dti_rank", "DTI 2024", "2024-12-31", "2025-07-01", "34"]


def test_an_index_edition_labelled_by_its_release_year_is_the_one_before(catalogue):
    row = one("Năm 2024, tỉnh Lai Châu đạt 0,4817 điểm chỉ số chuyển đổi số.", catalogue, "0.4817",
              as_of="2024-08-01")
    assert (row["indicator"], row["period"], row["as_of"]) == ("dti_score", "DTI 2023", "2023-12-31")
    assert "published 2024-08-01" in row["note"]


def test_targets_become_target_rows_with_deadline_and_comparator(catalogue):
    text = ("Sáng 3/6/2024, tỉnh Lai Châu họp.\n"
            "Phấn đấu đến năm 2027, 90% hộ gia đình có kết nối Internet cáp quang.\n"
            "Tỉnh phấn đấu đến năm 2027 đứng thứ 40/63 về chỉ số chuyển đổi số.")
    frame = rows(text, catalogue)
    fibre, rank = frame.iloc[0], frame.iloc[1]
    assert fibre[["kind", "unit", "indicator", "deadline", "comparator", "as_of"]].tolist() == [
        "target", "lai-chau", "households_fibre_pct", "2027-12-31", ">=", ""]
    assert rank[["kind", "indicator", "comparator", "rank_of"]].tolist() == ["target", "dti_rank", "<=", "63"]


def test_a_plan_in_brackets_is_a_target_beside_the_figure_reached(catalogue):
    text = "Sáng 3/6/2024, tỉnh Lai Châu họp.\nTỷ lệ hộ gia đình có Internet cáp quang đạt 68,2% (kế hoạch là 75%)."
    frame = rows(text, catalogue)
    assert frame[["value", "kind"]].values.tolist() == [["68.2", "observation"], ["75", "target"]]
    assert frame.iloc[1]["deadline"] == "2024-12-31" and "deadline inferred" in frame.iloc[1]["note"]


def test_targets_counted_as_met_are_observations(catalogue):
    text = "Sáng 3/6/2024, tỉnh Lai Châu họp.\nĐến nay có 9 trong số 15 mục tiêu của năm đã đạt kế hoạch."
    assert set(rows(text, catalogue)["kind"]) == {"observation"}


def test_a_long_sentence_is_quoted_by_its_clause(catalogue):
    head = "Sáng 3/6/2024, tỉnh Lai Châu họp. "
    clauses = [f"tỷ lệ {word} đạt {n}%" for word, n in (("hộ gia đình có Internet cáp quang", 61),
                                                         ("học sinh, sinh viên có học bạ điện tử", 88),
                                                         ("người dân có hồ sơ sức khỏe điện tử", 72))]
    text = head + "Về kết quả cụ thể của năm qua theo báo cáo tổng hợp của các sở, ngành: " + "; ".join(
        clauses * 3) + "."
    frame = rows(text, catalogue)
    assert (frame["quote"].str.len() <= QUOTE_MAX).all() and all(q in text for q in frame["quote"])
    assert frame["quote"].iloc[1] == "tỷ lệ học sinh, sinh viên có học bạ điện tử đạt 88%"


def test_figures_listed_respectively_get_their_years(catalogue):
    text = ("Sáng 3/6/2024, Ban Chỉ đạo họp.\nTỷ trọng kinh tế số trong GRDP của tỉnh Lai Châu các năm 2021 - 2023 "
            "lần lượt là 4,1%, 4,6% và 5,2%.")
    frame = rows(text, catalogue)
    assert frame[["value", "as_of"]].values.tolist() == [["4.1", "2021-12-31"], ["4.6", "2022-12-31"],
                                                          ["5.2", "2023-12-31"]]


# ------------------------------------------------------------------------------------ command line

TEXT = ("Ban Chỉ đạo chuyển đổi số tỉnh Lai Châu họp phiên quý II\n\n"
        "Chiều 8/7/2024, Ban Chỉ đạo chuyển đổi số tỉnh Lai Châu họp đánh giá 6 tháng đầu năm 2024.\n\n"
        "Trong 6 tháng đầu năm 2024, toàn tỉnh có 1.288 tổ công nghệ số cộng đồng; 66,4% hộ gia đình có kết nối "
        "Internet cáp quang.\n\n"
        "Phấn đấu đến năm 2025, 80% hộ gia đình có kết nối Internet cáp quang.\n")


@pytest.fixture
def store(tmp_path) -> Path:
    root = Path(shutil.copytree(DATA, tmp_path / "data"))
    (root / "sources" / "960_lai_chau_q2.txt").write_text(TEXT, encoding="utf-8")
    with open(root / "sources.csv", encoding="utf-8") as handle:
        header = handle.readline()
    (tmp_path / "src.csv").write_text(header + "lc-2024-q2,Ban Chỉ đạo chuyển đổi số tỉnh Lai Châu họp phiên quý II,"
                                      "không rõ,,,sources/960_lai_chau_q2.txt,vi,"
                                      "\"composed; publisher and publication date not in the text\"\n",
                                      encoding="utf-8")
    return root


def test_cli_extract_prints_candidates_or_writes_them(store, tmp_path, capsys):
    article = store / "sources" / "960_lai_chau_q2.txt"
    assert main(["extract", str(article), "--data", str(store), "--source", "lc-2024-q2"]) == 0
    printed = list(csv.DictReader(capsys.readouterr().out.splitlines()))
    assert list(printed[0]) == CANDIDATE_COLUMNS and [r["value"] for r in printed] == ["1288", "66.4", "80"]
    out = tmp_path / "candidates.csv"
    assert main(["extract", str(article), "--data", str(store), "--out", str(out)]) == 0
    assert "3 candidate row(s) (2 observation(s), 1 target(s))" in capsys.readouterr().out
    assert set(read_table(out)["source"]) == {""}   # the id is unknown until sources.csv lists the file


def test_cli_extract_refuses_a_date_that_is_not_iso(store, capsys):
    assert main(["extract", str(store / "sources" / "960_lai_chau_q2.txt"), "--as-of", "08/07/2024"]) == 2
    assert "is not a date" in capsys.readouterr().err


@pytest.mark.heavy
def test_the_reviewed_candidates_go_straight_back_in(store, tmp_path):
    """Extract, mark two rows, name the target's instrument, add: figures and targets in one change."""
    article = store / "sources" / "960_lai_chau_q2.txt"
    frame = extract_file(article, store, source="lc-2024-q2")
    frame.loc[frame["value"].isin(["1288", "80"]), "keep"] = "x"
    frame.loc[frame["kind"] == "target", "instrument"] = "Kế hoạch chuyển đổi số tỉnh Lai Châu (bài không nêu số)"
    reviewed = tmp_path / "reviewed.csv"
    frame.to_csv(reviewed, index=False)
    change = add(reviewed, store, sources_file=tmp_path / "src.csv")
    assert [(p.table, len(p.added)) for p in change.parts] == [("observations", 1), ("targets", 1)]
    assert change.left_out == 1
    ds = dtlib.load(store)
    new = ds.observations[ds.observations["source"] == "lc-2024-q2"].iloc[0]
    assert (new["unit"], new["indicator"], f"{new['as_of']:%Y-%m-%d}", new["period"]) == (
        "lai-chau", "community_digital_teams", "2024-06-30", "6 tháng đầu năm 2024")
    assert ds.targets.loc[ds.targets["source"] == "lc-2024-q2", "deadline"].dt.year.tolist() == [2025]
