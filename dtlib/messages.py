"""The message catalogue: every word of the pack that is not a name or a quote, in both languages.

``MESSAGES[key] = {"vi": ..., "en": ...}``; fields in braces are filled by
:func:`dtlib.i18n.t`. Keys are grouped by where the words appear; a test checks that every key
has both languages and the same fields in each. Names of units and indicators are not here:
they come from ``name_vi``/``name_en`` in ``data/units.csv`` and ``data/indicators.csv``.

Vietnamese wording follows the administrative register of the sources (``tỷ lệ``, ``chỉ tiêu``,
``mục tiêu``, ``kế hoạch``); English wording follows the pack's earlier English captions.
"""
from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # ------------------------------------------------------------------ common words
    "source": {"vi": "Nguồn", "en": "Source"},
    "sources": {"vi": "Nguồn", "en": "Sources"},
    "data_as_of": {"vi": "Dữ liệu: dtlib, tính đến {date}", "en": "Data: dtlib, as of {date}"},
    "date_not_stated": {"vi": "không ghi ngày", "en": "date not stated"},
    "no_figure_drawn": {"vi": "không có số liệu được vẽ", "en": "no figure drawn"},
    "stale": {"vi": "cũ", "en": "stale"},
    "target": {"vi": "Mục tiêu", "en": "Target"},
    "value": {"vi": "Giá trị", "en": "Value"},
    "unit": {"vi": "Đơn vị", "en": "Unit"},
    "indicator": {"vi": "Chỉ tiêu", "en": "Indicator"},
    "as_of": {"vi": "Thời điểm", "en": "As of"},
    "deadline": {"vi": "Hạn", "en": "Deadline"},
    "status": {"vi": "Tình trạng", "en": "Status"},
    "quote": {"vi": "Trích dẫn", "en": "Quote"},
    "rank_of": {"vi": "{rank}/{of}", "en": "{rank} of {of}"},
    "merged_label": {"vi": "{name} (gồm cả {absorbed} cũ)", "en": "{name} (with former {absorbed})"},
    "and": {"vi": "và", "en": "and"},
    # ------------------------------------------------------------------ pillars
    "pillar.government": {"vi": "Chính quyền số", "en": "Digital government"},
    "pillar.economy": {"vi": "Kinh tế số", "en": "Digital economy"},
    "pillar.society": {"vi": "Xã hội số", "en": "Digital society"},
    "pillar.infrastructure": {"vi": "Hạ tầng số", "en": "Digital infrastructure"},
    # ------------------------------------------------------------------ attainment statuses
    "status.met": {"vi": "Đã đạt mục tiêu", "en": "Target met"},
    "status.on_track": {"vi": "Đúng tiến độ", "en": "On track"},
    "status.acceleration_needed": {"vi": "Có tiến bộ, cần tăng tốc", "en": "Progress, acceleration needed"},
    "status.limited_progress": {"vi": "Tiến bộ hạn chế", "en": "Limited progress"},
    "status.deterioration": {"vi": "Đi xuống", "en": "Deterioration"},
    "status.insufficient_data": {"vi": "Chỉ có một số liệu: chưa rõ xu hướng",
                                 "en": "One figure only: trend unknown"},
    "status.not_comparable": {"vi": "Không so sánh được (khác số đơn vị xếp hạng)",
                              "en": "Not comparable (different ranking size)"},
    "status.no_data": {"vi": "Chưa có số liệu", "en": "No figure reported"},
    "status_short.met": {"vi": "đạt", "en": "met"},
    "status_short.on_track": {"vi": "đúng tiến độ", "en": "on track"},
    "status_short.acceleration_needed": {"vi": "cần tăng tốc", "en": "accelerate"},
    "status_short.limited_progress": {"vi": "hạn chế", "en": "limited"},
    "status_short.deterioration": {"vi": "đi xuống", "en": "worse"},
    "status_short.insufficient_data": {"vi": "một số liệu", "en": "one figure"},
    "status_short.not_comparable": {"vi": "không so sánh", "en": "not compar."},
    "status_short.no_data": {"vi": "không có", "en": "no data"},
    # ------------------------------------------------------------------ figures (dtlib/plots.py, dtlib/style.py)
    # ------------------------------------------------------------------ notebooks and their tables (dtlib/prose.py)
    # ------------------------------------------------------------------ briefing outputs (summary, deck, workbook)
    # ------------------------------------------------------------------ front page (dtlib/report.py)
}
