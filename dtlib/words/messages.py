"""The message catalogue: every word of the pack that is not a name or a quote, in both languages.

``MESSAGES[key] = {"vi": ..., "en": ...}``; fields in braces are filled by
:func:`dtlib.words.i18n.t`. Keys are grouped by where the words appear; a test checks that every key
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
    "source.publisher_unknown": {"vi": "không rõ đơn vị đăng", "en": "publisher not named"},
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
    "merged_label": {"vi": "{name} (gồm cả {absorbed} cũ)", "en": "{name} (with former {absorbed})"},
    "and": {"vi": "và", "en": "and"},
    "lineage.break": {"vi": "{date}: {names} hợp nhất thành {after}; số liệu từ ngày này mô tả đơn vị mới, lớn hơn",
                      "en": "{date}: {names} merged into {after}; figures from this date describe the larger unit"},
    "lineage.before": {"vi": "trước {date}", "en": "before {date}"},
    "lineage.earlier": {"vi": "trước đó", "en": "earlier"},
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
    # ------------------------------------------------------------------ verdicts at the deadline (dtlib/analysis/verdicts.py)
    "verdict.met": {"vi": "Đạt đúng hạn", "en": "Met by the deadline"},
    "verdict.not_met": {"vi": "Không đạt đúng hạn", "en": "Not met by the deadline"},
    "verdict.no_figure": {"vi": "Không có số liệu đúng hạn", "en": "No figure at the deadline"},
    "verdict_short.met": {"vi": "hạn: đạt", "en": "due: met"},
    "verdict_short.not_met": {"vi": "hạn: không đạt", "en": "due: not met"},
    "verdict_short.no_figure": {"vi": "hạn: không rõ", "en": "due: unknown"},
    "reorg.column_former": {"vi": "{name} (đến {date})", "en": "{name} (to {date})"},
    "reorg.column_now": {"vi": "{name}, {date}", "en": "{name}, {date}"},
    "ended.reason": {"vi": "không còn áp dụng sau {date}: đối tượng của chỉ tiêu không còn tồn tại ({instruments})",
                     "en": "no longer applies after {date}: what the indicator measures no longer exists "
                           "({instruments})"},
    "caveats.ended": {"vi": "{n} mục tiêu về {indicators} không còn áp dụng cho đơn vị nào sau {date}: đối tượng "
                            "của chỉ tiêu không còn tồn tại ({instruments}); chúng không được tính là \"chưa có số "
                            "liệu\".",
                      "en": "{n} targets on {indicators} apply to no unit after {date}: what the indicator measures "
                            "no longer exists ({instruments}); they are not counted as \"no figure\"."},
    # ------------------------------------------------------------------ values (dtlib/words/formats.py: figures, tables, findings, slides)
    "value.not_reported": {"vi": "chưa báo cáo", "en": "not reported"},
    "value.over": {"vi": "trên {value}", "en": "over {value}"},
    "value.at_least": {"vi": "ít nhất {value}", "en": "at least {value}"},
    "value.under": {"vi": "dưới {value}", "en": "under {value}"},
    "value.at_most": {"vi": "tối đa {value}", "en": "at most {value}"},
    "value.about": {"vi": "khoảng {value}", "en": "about {value}"},
    "value.rank_of": {"vi": "{rank}/{of}", "en": "{rank} of {of}"},
    "value.rank_label": {"vi": "hạng {rank}", "en": "{rank}"},
    "value.rank_of_label": {"vi": "hạng {rank}/{of}", "en": "{rank} of {of}"},
    "value.rank_or_lower": {"vi": "{rank} trở xuống", "en": "{rank} or lower"},
    "value.usd_billion": {"vi": "{value} tỷ USD", "en": "US${value} bn"},
    # ------------------------------------------------------------------ figures (dtlib/figures/plots.py, dtlib/figures/style.py)
    "fig.value_when": {"vi": "{value} ({when})", "en": "{value} ({when})"},
    "fig.value_when_stale": {"vi": "{value} ({when}, cũ)", "en": "{value} ({when}, stale)"},
    "fig.source_line": {"vi": "Nguồn: {sources}{stop} Dữ liệu: dtlib, tính đến {date}",
                        "en": "Source: {sources}{stop} Data: dtlib, as of {date}"},
    "fig.measure.percent": {"vi": "phần trăm", "en": "percent"},
    "fig.measure.rank": {"vi": "thứ hạng (1 = tốt nhất)", "en": "rank (1 = best)"},
    "fig.measure.rank_bars": {"vi": "thứ hạng (1 = tốt nhất; thanh càng ngắn càng tốt)",
                              "en": "rank (1 = best; a shorter bar is better)"},
    "fig.measure.count": {"vi": "số lượng", "en": "count"},
    "fig.measure.score_0_1": {"vi": "điểm (0–1)", "en": "score (0–1)"},
    "fig.measure.score_0_100": {"vi": "điểm (0–100)", "en": "score (0–100)"},
    "fig.measure.score_0_1000": {"vi": "điểm (0–1000)", "en": "score (0–1000)"},
    "fig.measure.mbps": {"vi": "tốc độ (Mbps)", "en": "speed (Mbps)"},
    "fig.measure.usd_billion": {"vi": "tỷ USD", "en": "US$ billion"},
    "fig.measure.percent_change": {"vi": "thay đổi (%)", "en": "change (%)"},
    "fig.measure.score_change": {"vi": "thay đổi điểm", "en": "change in score"},
    "fig.target_line": {"vi": "mục tiêu", "en": "target"},
    "fig.target_by": {"vi": "mục tiêu {sign} {goal} đến {month}{whose}",
                      "en": "target {sign} {goal} by {month}{whose}"},
    "fig.own_target": {"vi": "mục tiêu riêng", "en": "own target"},
    "fig.rank_lower_better": {"vi": "(thứ hạng: càng thấp càng tốt)", "en": "(rank: lower is better)"},
    "fig.stale_over": {"vi": "cũ: quá {days} ngày", "en": "stale: over {days} days old"},
    "fig.stale_cell": {"vi": "cũ", "en": "stale"},
    "fig.stale_legend": {"vi": "cũ: số liệu đã quá {days} ngày tính đến ngày báo cáo",
                         "en": "stale: the figure is over {days} days old on the report date"},
    "fig.no_target": {"vi": "không có mục tiêu", "en": "no target"},
    "fig.no_target_legend": {"vi": "không có mục tiêu: không mục tiêu nào của chỉ tiêu này áp dụng cho đơn vị",
                             "en": "no target: none of this indicator applies to the unit"},
    "fig.status_key": {"vi": "{short}: {label}", "en": "{short}: {label}"},
    "fig.name_not_reported": {"vi": "{name}: chưa báo cáo", "en": "{name}: not reported"},
    "fig.name_rank_apart": {"vi": "{name}: {value}, không vẽ cạnh thứ hạng trên {n}",
                            "en": "{name}: {value}, not drawn beside ranks out of {n}"},
    "fig.name_value": {"vi": "{name}: {value}", "en": "{name}: {value}"},
    "fig.dates_differ": {"vi": "Số liệu ở các thời điểm khác nhau ({first} đến {last}); mỗi số liệu ghi thời điểm "
                               "của nó.",
                         "en": "Figures describe different dates ({first} to {last}); each is labelled with its own."},
    "fig.hatched_stale": {"vi": "Gạch chéo: số liệu cũ, quá {days} ngày tính đến ngày báo cáo.",
                          "en": "Hatched: stale, over {days} days old on the report date."},
    "fig.window.year": {"vi": "năm", "en": "year"},
    "fig.window.nine_months": {"vi": "chín tháng", "en": "nine months"},
    "fig.window.half": {"vi": "nửa năm", "en": "half-year"},
    "fig.window.quarter": {"vi": "quý", "en": "quarter"},
    "fig.window.month": {"vi": "tháng", "en": "month"},
    "fig.window.to_date": {"vi": "mức tại một thời điểm", "en": "level at a date"},
    "fig.figures_n": {"vi": "{n} số liệu", "en": "{n} figures"},
    "fig.figure_1": {"vi": "1 số liệu", "en": "1 figure"},
    "fig.figures_3_plus": {"vi": "từ 3 số liệu", "en": "3 or more figures"},
    "fig.dti_score_title": {"vi": "Điểm (0–1), bên cạnh các mức tham chiếu quốc gia",
                            "en": "Score (0–1), with the national yardsticks"},
    "fig.dti_score_axis": {"vi": "điểm DTI (0–1)", "en": "DTI score (0–1)"},
    "fig.dti_rank_title": {"vi": "Thứ hạng trong số các tỉnh được xếp hạng (1 = tốt nhất)",
                           "en": "Rank among the provinces ranked (1 = best)"},
    "fig.dti_rank_axis": {"vi": "thứ hạng", "en": "rank"},
    "fig.dti_before": {"vi": "tỉnh trước ngày 1/7/2025 (xếp hạng trên 63)",
                       "en": "the province as it was before 1 Jul 2025 (63 ranked)"},
    "fig.dti_merged": {"vi": "* tỉnh sau hợp nhất, tính trên 34 tỉnh, thành ngày 1/7/2025",
                       "en": "* the merged province, computed on the 34 provinces of 1 Jul 2025"},
    "fig.dti_province_mean": {"vi": "trung bình các tỉnh", "en": "provincial mean"},
    "fig.dti_national": {"vi": "DTI quốc gia", "en": "national DTI"},
    "fig.trends.target": {"vi": "mục tiêu của đơn vị (ô vuông tại hạn); nét đứt: con đường thẳng từ số liệu mới "
                                "nhất tới mục tiêu",
                          "en": "the unit's target (a square at its deadline); dashed: the straight path from the "
                                "latest figure to it"},
    "fig.trends.more_sources": {"vi": "Cùng {n} nguồn khác, liệt kê trong tệp CSV của hình.",
                                "en": "And {n} more sources, listed in the figure's CSV."},
    "fig.trends.break": {"vi": "hợp nhất tỉnh ngày 1/7/2025: đường không nối qua",
                         "en": "provinces merged on 1 July 2025: lines not joined across"},
    "fig.trends.recomputed": {"vi": "tính lại theo địa giới ngày 1/7/2025",
                              "en": "recomputed on the boundaries of 1 July 2025"},
    "fig.trends.ranked_among": {"vi": "{name} (xếp hạng trong {of} tỉnh, thành phố)",
                                "en": "{name} (ranked among {of} provinces)"},
    "fig.trends.last_value": {"vi": "ghi giá trị mới nhất của mỗi đường", "en": "latest value of each line written"},
    # ------------------------------------------------------------------ notebooks and their tables (dtlib/words/prose.py)
    # sentences and titles (dtlib/words/captions.py)
    "nb.report_date": {"vi": "Ngày báo cáo: **{date}**; chỉ tính các số liệu đã công bố đến ngày này.",
                       "en": "Report date: **{date}**; only figures known by then count."},
    "nb.span": {"vi": "từ {first} đến {last}", "en": "{first} to {last}"},
    "nb.yes": {"vi": "có", "en": "yes"},
    "nb.nothing_to_draw": {"vi": "Không có gì để vẽ.", "en": "There is nothing to draw."},
    "nb.rows_shown": {"vi": "Bảng trên chỉ hiện {shown} dòng đầu trong {total} dòng; toàn bộ bảng ở tệp {csv} của bộ tài liệu.",
                      "en": "The table above shows the first {shown} of {total} rows; the whole table is in {csv} in the pack."},
    "nb.rows_shown_unsaved": {"vi": "Bảng trên chỉ hiện {shown} dòng đầu trong {total} dòng.",
                              "en": "The table above shows the first {shown} of {total} rows."},
    "nb.noun.indicator.one": {"vi": "{n} chỉ tiêu", "en": "{n} indicator"},
    "nb.noun.indicator.other": {"vi": "{n} chỉ tiêu", "en": "{n} indicators"},
    "nb.noun.target.one": {"vi": "{n} mục tiêu", "en": "{n} target"},
    "nb.noun.target.other": {"vi": "{n} mục tiêu", "en": "{n} targets"},
    "nb.noun.unit.one": {"vi": "{n} đơn vị", "en": "{n} unit"},
    "nb.noun.unit.other": {"vi": "{n} đơn vị", "en": "{n} units"},
    "nb.noun.figure.one": {"vi": "{n} số liệu", "en": "{n} figure"},
    "nb.noun.figure.other": {"vi": "{n} số liệu", "en": "{n} figures"},
    "nb.noun.source.one": {"vi": "{n} nguồn", "en": "{n} source"},
    "nb.noun.source.other": {"vi": "{n} nguồn", "en": "{n} sources"},
    "nb.noun.pair.one": {"vi": "{n} cặp đơn vị – mục tiêu", "en": "{n} unit-target pair"},
    "nb.noun.pair.other": {"vi": "{n} cặp đơn vị – mục tiêu", "en": "{n} unit-target pairs"},
    "nb.merger": {"vi": "{date}: {merged} hợp nhất thành {after}; số liệu từ ngày này mô tả đơn vị mới",
                  "en": "{date}: {merged} merged into {after}; figures from this date describe the larger unit"},
    "nb.direction.better": {"vi": "tốt hơn", "en": "better"},
    "nb.direction.worse": {"vi": "kém hơn", "en": "worse"},
    "nb.direction.unchanged": {"vi": "không đổi", "en": "unchanged"},
    "nb.direction.not_comparable": {"vi": "không so sánh được", "en": "not comparable"},
    "nb.direction.first_figure": {"vi": "số liệu đầu tiên", "en": "first figure"},
    "nb.profile.no_figures": {
        "vi": "{name} chưa báo cáo số liệu nào trong bộ dữ liệu này (tính đến {date}); các mục tiêu áp dụng được liệt "
              "kê bên dưới.",
        "en": "{name} has reported no figures in this data set (as of {date}); its targets are listed below."},
    "nb.profile.summary": {
        "vi": "{name}: có số liệu về {indicators}, thời điểm {span}; có số liệu về {n} trong {targets} có mục tiêu.",
        "en": "{name}: figures on {indicators}, dated {span}; figures on {n} of the {targets} with a target."},
    "nb.profile.nothing_to_draw": {"vi": "Không có gì để vẽ: {name} chưa báo cáo số liệu nào.",
                                   "en": "Nothing to draw: {name} has reported no figures."},
    "nb.profile.no_figure_with_target": {
        "vi": "{name} chưa có số liệu về chỉ tiêu nào có mục tiêu, nên không có gì để vẽ; các mục tiêu được liệt kê "
              "bên dưới.",
        "en": "{name} has no reported figure on any indicator with a target, so there is nothing to draw; its "
              "targets are listed below."},
    "nb.profile.pillars_title": {"vi": "{name}: các chỉ tiêu chuyển đổi số so với mục tiêu, tính đến {date}{part}",
                                 "en": "{name}: digital-transformation indicators against their targets, as of {date}{part}"},
    "nb.profile.pillars_subtitle": {
        "vi": "Có số liệu về {n} trong {targets} có mục tiêu; tình trạng theo phương pháp đo tiến độ của Thống kê "
              "Canada / Open SDG",
        "en": "Figures on {n} of the {targets} with a target; status by the Statistics Canada / Open SDG progress "
              "measure"},
    "nb.profile.became": {
        "vi": "{asked} đã kết thúc vào ngày {ended} (hợp nhất); hồ sơ này là của {name}, đơn vị mà {asked} đã trở "
              "thành vào ngày báo cáo. Để xem {asked} như trước khi hợp nhất, đặt as_of từ ngày {ended} trở về trước.",
        "en": "{asked} ended on {ended} (merged); this profile is of {name}, what {asked} had become by the report "
              "date. To profile {asked} as it was, set as_of to {ended} or earlier."},
    "nb.profile.no_peers": {"vi": "{name} chưa báo cáo số liệu nào, nên không có gì để đặt cạnh các tỉnh khác.",
                            "en": "{name} has reported no figures, so there is nothing to set beside the other "
                                  "provinces."},
    "nb.profile.no_shared": {"vi": "Không tỉnh nào khác được so sánh báo cáo chỉ tiêu nào mà {name} báo cáo.",
                             "en": "No other compared province reports any of the indicators {name} reports."},
    "nb.profile.peers_title": {
        "vi": "{name} bên cạnh các tỉnh khác: các chỉ tiêu cùng báo cáo, tính đến {date}{part}",
        "en": "{name} beside the other provinces: the indicators they share, as of {date}{part}"},
    "nb.profile.peers_subtitle": {
        "vi": "Số liệu mới nhất của chính tỉnh bên cạnh số liệu của mỗi tỉnh khác, ghi kèm tháng của từng số liệu; "
              "các tỉnh khác được theo qua lần hợp nhất ngày 1/7/2025 như phần so sánh (số liệu do tỉnh cũ báo cáo "
              "ghi tên tỉnh cũ)",
        "en": "The province's own latest figures beside each other province's, each labelled with its month; the "
              "others followed across the mergers of 1 Jul 2025 as in the comparison (a figure a former province "
              "reported names it)"},
    "nb.profile.peers_subtitle_own": {
        "vi": "Số liệu mới nhất của chính mỗi tỉnh, ghi kèm tháng mà số liệu phản ánh; không gồm số liệu tỉnh cũ "
              "báo cáo trước ngày 1/7/2025",
        "en": "Latest figure of each province itself, labelled with the month it describes; not those its former "
              "province reported before 1 Jul 2025"},
    "nb.profile.no_target": {"vi": "Không có mục tiêu nào trong bộ dữ liệu này áp dụng cho {name}.",
                             "en": "No target in this data set applies to {name}."},
    "nb.profile.targets": {"vi": "Số mục tiêu áp dụng cho {name}: {n} ({own} do tỉnh tự đặt, {above} do cấp trên đặt).",
                           "en": "Targets that apply to {name}: {n} ({own} of its own, {above} set above it)."},
    "nb.profile.former_owner": {"vi": "{owner} cũ ({instruments}; hạn cuối {date})",
                                "en": "the former {owner} ({instruments}; the last due {date})"},
    "nb.profile.former_targets.one": {
        "vi": "{count} do {owners} tự đặt không chuyển sang {name}: không văn bản nào trong bộ dữ liệu này gia hạn "
              "mục tiêu đó, nên mục tiêu quốc gia được áp dụng.",
        "en": "The {count} that {owners} set for itself does not carry over to {name}: no instrument in this data "
              "set extends it, so the national target applies."},
    "nb.profile.former_targets.other": {
        "vi": "{count} do {owners} tự đặt không chuyển sang {name}: không văn bản nào trong bộ dữ liệu này gia hạn "
              "các mục tiêu đó, nên các mục tiêu quốc gia được áp dụng.",
        "en": "The {count} that {owners} set for itself do not carry over to {name}: no instrument in this data "
              "set extends them, so the national targets apply."},
    "nb.profile.no_changes": {"vi": "{name} chưa báo cáo số liệu nào, nên chưa có gì thay đổi.",
                              "en": "{name} has reported no figures, so nothing has changed."},
    "nb.profile.changes": {
        "vi": "Đã báo cáo {count}: {again} có số liệu trước đó{directions}, {once} mới báo cáo một lần.",
        "en": "{count} reported: {again} with an earlier figure{directions}, {once} reported once."},
    "nb.compare.left_out": {"vi": "Không có trong bộ dữ liệu, bỏ qua: {units}.",
                            "en": "Not in this data set, left out: {units}."},
    "nb.compare.followed": {"vi": "Theo dõi qua đợt hợp nhất năm 2025: {sentences}",
                            "en": "Followed across the 2025 mergers: {sentences}"},
    "nb.compare.silent": {"vi": "Chưa có số liệu: {names}.", "en": "No figures reported by: {names}."},
    "nb.compare.reported_by_none": {"vi": "Không đơn vị nào trong số này báo cáo: {indicators}.",
                                    "en": "Reported by none of these units: {indicators}."},
    "nb.compare.to_compare": {"vi": "{indicators} để so sánh giữa {units}.",
                              "en": "{indicators} to compare across {units}."},
    "nb.compare.no_shared": {
        "vi": "Không chỉ tiêu nào được từ hai đơn vị trở lên báo cáo, nên không có biểu đồ so sánh; bảng độ phủ bên "
              "dưới cho thấy mỗi đơn vị báo cáo những gì.",
        "en": "No indicator is reported by two or more of these units, so there is no side-by-side chart; the "
              "coverage table below shows what each reports."},
    "nb.compare.percentages": {"vi": "{pillar}: các tỷ lệ", "en": "{pillar}: percentages"},
    "nb.compare.title": {"vi": "{what}: {names}, số liệu mới nhất tính đến {date}",
                         "en": "{what}: {names}, latest figures as of {date}"},
    "nb.compare.subtitle": {
        "vi": "Mỗi giá trị ghi kèm tháng mà nó phản ánh; giá trị gạch chéo đã cũ hơn một năm tính đến ngày báo cáo",
        "en": "Each value is labelled with the month it describes; hatched values are over a year old on the report "
              "date"},
    "nb.compare.dates_differ": {
        "vi": "Ở {n} trong {count}, các số liệu phản ánh những thời điểm khác nhau: {indicators}. Cần đọc kèm thời "
              "điểm của từng số liệu.",
        "en": "On {n} of {count} the figures describe different dates: {indicators}. Read them with their dates."},
    "nb.rank.not_reported": {"vi": "chưa báo cáo", "en": "not reported"},
    "nb.rank.not_comparable": {"vi": "xếp hạng trên {of}: không so sánh được với các đơn vị khác",
                               "en": "rank out of {of}: not comparable with the others"},
    "nb.rank.stale": {"vi": "số liệu cũ (quá một năm)", "en": "stale (over a year old)"},
    "nb.rank.reported_by": {"vi": "số liệu của {name}", "en": "reported by {name}"},
    "nb.compare.coverage_title": {
        "vi": "Tỉnh nào báo cáo các chỉ tiêu được so sánh, và vào thời điểm nào: tính đến {date}",
        "en": "Which province reports the compared indicators, and when: as of {date}"},
    "nb.compare.no_coverage": {"vi": "Không chỉ tiêu được so sánh nào có số liệu, nên không có biểu đồ độ phủ.",
                               "en": "None of the compared indicators has a figure, so there is no coverage chart."},
    "nb.dti.title": {"vi": "Chỉ số chuyển đổi số (DTI) {first}–{last}: {names}",
                     "en": "Digital Transformation Index (DTI) {first}–{last}: {names}"},
    "nb.dti.subtitle": {
        "vi": "Mỗi kỳ phản ánh năm của kỳ đó; thứ hạng tính trên số tỉnh được xếp hạng năm đó ({before}, hoặc {after} "
              "theo địa giới từ {date})",
        "en": "Each edition describes its year; ranks are out of the provinces ranked that year ({before}, or "
              "{after} on the boundaries of {date})"},
    "nb.dti.none": {"vi": "Chưa có điểm hay thứ hạng DTI nào của các tỉnh này tính đến ngày báo cáo.",
                    "en": "No DTI score or rank of these provinces is known on the report date."},
    "nb.targets.summary": {"vi": "{pairs}: {statuses}.", "en": "{pairs}: {statuses}."},
    "nb.targets.none": {"vi": "Không có mục tiêu nào áp dụng cho đơn vị nào trong bộ dữ liệu này.",
                        "en": "No target applies to any unit in this data set."},
    "nb.targets.none_due": {"vi": "Không có mục tiêu nào đến hạn ngày {date} trong bộ dữ liệu này.",
                            "en": "No target falls due on {date} in this data set."},
    "nb.targets.title": {"vi": "Mức độ đạt mục tiêu chuyển đổi số theo đơn vị, tính đến {date}",
                         "en": "Attainment of digital-transformation targets by unit, as of {date}"},
    "nb.targets.subtitle": {"vi": "Tình trạng theo phương pháp đo tiến độ của Thống kê Canada / Open SDG; {due}",
                            "en": "Status by the Statistics Canada / Open SDG progress measure; {due}"},
    "nb.targets.due": {"vi": "các mục tiêu đến hạn {date}", "en": "targets due {date}"},
    "nb.targets.heatmap_verdicts": {"vi": "ô có mục tiêu đã đến hạn ghi thêm kết quả tại hạn",
                                    "en": "a cell whose target has fallen due also says whether it was met on time"},
    "nb.verdicts.summary": {"vi": "{n} mục tiêu đã đến hạn tính đến ngày báo cáo được đánh giá cho từng đơn vị áp "
                                  "dụng: {verdicts}. Mỗi kết quả dựa trên số liệu gần hạn nhất trong vòng {months} tháng "
                                  "trước hạn (hoặc trước ngày cuối cùng của một tỉnh đã hợp nhất).",
                            "en": "{n} unit–target pairs whose deadline has passed by the report date are judged: "
                                  "{verdicts}. Each verdict rests on the figure closest to the deadline within the {months} "
                                  "months before it (or before the last day of a province that merged)."},
    "nb.verdicts.none": {"vi": "Chưa có mục tiêu nào đến hạn tính đến ngày báo cáo.",
                         "en": "No target has fallen due by the report date."},
    "nb.ended.summary": {"vi": "{n} cặp đơn vị – mục tiêu không còn áp dụng: {reason}.",
                         "en": "{n} unit–target pairs no longer apply: {reason}."},
    "nb.reorg.title": {"vi": "Bốn tỉnh khi sắp xếp lại ({day}) và tỉnh mà mỗi tỉnh đã trở thành, tính đến {date}",
                       "en": "The four provinces at the reorganisation ({day}) and what each became, as of {date}"},
    "nb.reorg.subtitle": {"vi": "Cột trái của mỗi cặp: tỉnh cũ với số liệu của chính nó đến {day} và kết quả tại ngày "
                                "đó; cột phải: tỉnh mới tại ngày báo cáo",
                          "en": "Left of each pair: the former province, its own figures to {day} and its verdicts "
                                "on that day; right: the province it became, on the report date"},
    "nb.targets.left_out": {"vi": "{n} chỉ tiêu có mục tiêu nhưng chưa đơn vị nào có số liệu không được vẽ (liệt kê "
                                  "dưới hình, có trong tables/attainment.csv)",
                            "en": "{n} indicators with a target but no figure for any unit are not drawn (listed under "
                                  "the figure, and in tables/attainment.csv)"},
    "nb.targets.unreported": {"vi": "Chưa đơn vị nào trong hình có số liệu cho {n} chỉ tiêu có mục tiêu sau: "
                                    "{indicators}.",
                              "en": "No unit in the figure has a figure for these {n} indicators with a target: "
                                    "{indicators}."},
    "nb.reorg.left_out": {"vi": "{n} chỉ tiêu có mục tiêu nhưng không tỉnh nào có số liệu không được vẽ (có trong "
                                "tables/reorganisation.csv)",
                          "en": "{n} indicators with a target but no figure in any column are not drawn (they are in "
                                "tables/reorganisation.csv)"},
    "nb.reorg.none": {"vi": "Chưa có tỉnh nào trong bốn tỉnh được sắp xếp lại tính đến ngày báo cáo.",
                      "en": "None of the four provinces had been reorganised by the report date."},
    "nb.targets.nearest": {"vi": "mục tiêu có hạn gần nhất phía trước", "en": "the target with the nearest deadline ahead"},
    "nb.example.none": {"vi": "Không đơn vị nào có số liệu về chỉ tiêu có mục tiêu, nên không có ví dụ tính toán.",
                        "en": "No unit has a figure on an indicator with a target, so there is no worked example."},
    "nb.example.target": {"vi": "mục tiêu {sign} {target} đến {deadline} ({owner}, {instrument})",
                          "en": "the target {sign} {target} by {deadline} ({owner}, {instrument})"},
    "nb.example.ratio": {
        "vi": "**{unit}**, *{indicator}*: số liệu đầu tiên y<sub>0</sub> = {base} ngày {base_as_of}, mới nhất y<sub>t</sub> = {value} "
              "ngày {as_of}, so với {target}.\n\n"
              "* t − t<sub>0</sub> = {observed_years} năm; T − t<sub>0</sub> = {required_years} năm\n"
              "* CAGR<sub>o</sub> = ({y_t} / {y_0})<sup>1/{observed_years}</sup> − 1 = {cagr_o}\n"
              "* CAGR<sub>r</sub> = ({y_T} / {y_0})<sup>1/{required_years}</sup> − 1 = {cagr_r}\n"
              "* R = {d} × {cagr_o_factor} / |{cagr_r}| = {ratio} → **{status_from_ratio}**",
        "en": "**{unit}**, *{indicator}*: first figure y<sub>0</sub> = {base} on {base_as_of}, latest y<sub>t</sub> = {value} on "
              "{as_of}, against {target}.\n\n"
              "* t − t<sub>0</sub> = {observed_years} years; T − t<sub>0</sub> = {required_years} years\n"
              "* CAGR<sub>o</sub> = ({y_t} / {y_0})<sup>1/{observed_years}</sup> − 1 = {cagr_o}\n"
              "* CAGR<sub>r</sub> = ({y_T} / {y_0})<sup>1/{required_years}</sup> − 1 = {cagr_r}\n"
              "* R = {d} × {cagr_o_factor} / |{cagr_r}| = {ratio} → **{status_from_ratio}**"},
    "nb.example.illustration": {
        "vi": "Số liệu mới nhất đã đạt mục tiêu, nên tình trạng trong bảng là **{status}** và không cần tỷ số; không "
              "dòng nào của bảng có tỷ số được tính, nên dòng này minh họa cách tính.",
        "en": "The latest figure already meets the target, so the table's status is **{status}** and needs no ratio; "
              "no row of this table has a computed ratio, so this one shows the arithmetic."},
    "nb.example.required": {
        "vi": "**{unit}**, *{indicator}*: một số liệu, {value} ngày {as_of}, so với {target}. Khoảng cách là {gap}. "
              "Để đạt mục tiêu đúng hạn từ số liệu này, đơn vị cần CAGR<sub>r</sub> = ({y_T} / {y_t})<sup>1/{required_years}</sup> "
              "− 1 = {cagr_r} mỗi năm{rank}. Tốc độ đã đạt, CAGR<sub>o</sub>, cần số liệu thứ "
              "hai có ngày, nên tình trạng là **{status}**; khi có số liệu đó, R = d · CAGR<sub>o</sub> / "
              "|CAGR<sub>r</sub>| cho tình trạng. Chưa dòng nào của bảng có hai số liệu có ngày mà chưa đạt mục "
              "tiêu, nên dữ liệu chưa cho phép tính tỷ số.",
        "en": "**{unit}**, *{indicator}*: one figure, {value} on {as_of}, against {target}. The gap is {gap}. To reach "
              "the target by the deadline from this figure the unit needs CAGR<sub>r</sub> = ({y_T} / {y_t})<sup>1/{required_years}</sup> "
              "− 1 = {cagr_r} a year{rank}. The growth it achieves, CAGR<sub>o</sub>, needs a "
              "second dated figure, so the status is **{status}**; with one, R = d · CAGR<sub>o</sub> / "
              "|CAGR<sub>r</sub>| gives the status. No row of this table has two dated figures short of the "
              "target, so the data do not yet allow a computed ratio."},
    "nb.example.rank_falls": {"vi": " (âm: thứ hạng tốt lên khi con số giảm)",
                              "en": " (negative: a rank improves by falling)"},
    "nb.example.gap": {
        "vi": "**{unit}**, *{indicator}*: {value} ngày {as_of} so với {target}: khoảng cách là {gap} (bằng hoặc nhỏ "
              "hơn 0: đã đạt), nên tình trạng là **{status}**. Không dòng nào của bảng có số liệu chưa đạt mục tiêu, "
              "nên không có tốc độ tăng để minh họa.",
        "en": "**{unit}**, *{indicator}*: {value} on {as_of} against {target}: the gap is {gap} (zero or less: met), "
              "so the status is **{status}**. No row of this table has a figure short of its target, so there is no "
              "growth rate to show."},
    "nb.trends.no_figures": {"vi": "{name}: chưa báo cáo số liệu nào.", "en": "{name}: no figures reported."},
    "nb.trends.one_date": {
        "vi": "{name}: đã báo cáo {count}, không chỉ tiêu nào có từ hai số liệu có ngày trở lên, nên không vẽ được xu "
              "hướng.",
        "en": "{name}: {count} reported, none with two or more dated figures, so no trend can be drawn."},
    "nb.trends.none": {
        "vi": "Không đơn vị nào ở đây có từ hai số liệu có ngày trở lên cho một chỉ tiêu: không có xu hướng để vẽ.",
        "en": "No unit here has two or more dated figures for any indicator: there is no trend to draw."},
    "nb.trends.panels_title": {"vi": "{pillar}: số liệu {years}, tính đến {date}{part}",
                               "en": "{pillar}: figures {years}, as of {date}{part}"},
    "nb.trends.panels_title_targets": {"vi": "{pillar}: số liệu {years}, mục tiêu đến {until}, tính đến {date}{part}",
                                       "en": "{pillar}: figures {years}, targets to {until}, as of {date}{part}"},
    "nb.trends.headline_title": {"vi": "Chỉ tiêu chính: số liệu {years}, tính đến {date}{part}",
                                 "en": "Headline indicators: figures {years}, as of {date}{part}"},
    "nb.trends.headline_title_targets": {"vi": "Chỉ tiêu chính: số liệu {years}, mục tiêu đến {until}, tính đến "
                                               "{date}{part}",
                                         "en": "Headline indicators: figures {years}, targets to {until}, as of "
                                               "{date}{part}"},
    "nb.trends.missing": {"vi": ". Không vẽ {names}: chưa có số liệu nào của các chỉ tiêu này",
                          "en": ". Not drawn: {names}, with no figure on any of these indicators"},
    "nb.trends.part": {"vi": " ({k}/{n})", "en": " ({k} of {n})"},
    "nb.trends.panels_subtitle": {
        "vi": "Mỗi ô một chỉ tiêu, mỗi đường một đơn vị; các số liệu không so sánh được (địa giới khác, kỳ báo cáo "
              "khác, xếp hạng trên số tỉnh khác) là các đường riêng, không nối với nhau",
        "en": "One panel per indicator, one line per unit; figures that cannot be compared (other boundaries, another "
              "reporting window, a rank out of another number of provinces) are separate lines, never joined"},
    "nb.trends.figures": {
        "vi": "{figures} cho {units} và {indicators}: chỉ tiêu chính trước, rồi từng trụ cột; "
              "toàn bộ chuỗi số liệu ở bảng trends_series.csv.",
        "en": "{figures} for {units} and {indicators}: the headline indicators first, then each pillar; "
              "every series in full in the table trends_series.csv."},
    "nb.noun.chart.one": {"vi": "{n} biểu đồ", "en": "{n} chart"},
    "nb.noun.chart.other": {"vi": "{n} biểu đồ", "en": "{n} charts"},
    "nb.headline.title": {"vi": "Chỉ tiêu chính", "en": "Headline indicators"},
    "nb.headline.text": {
        "vi": "Số liệu mới nhất của mỗi tỉnh cho các chỉ tiêu chính (cột headline của indicators.csv), dưới mỗi "
              "giá trị là tháng mà nó mô tả; ô trống: chưa báo cáo.",
        "en": "Each province's latest figure on the headline indicators (the headline column of indicators.csv), "
              "under each value the month it describes; an empty cell: not reported."},
    "nb.headline.indicator": {"vi": "Chỉ tiêu", "en": "Indicator"},
    "nb.trends.recomputed": {
        "vi": "; hình thoi là số liệu của một năm trước được tính lại theo địa giới ngày 1/7/2025, không nối với "
              "đường của tỉnh cũ",
        "en": "; a diamond is a figure recomputed on the boundaries of 1 July 2025 for an earlier year, never joined "
              "to the old province's line"},
    "nb.coverage.empty": {"vi": "Bộ dữ liệu không có số liệu nào đã công bố đến ngày báo cáo.",
                          "en": "The data set holds no figures known on the report date."},
    "nb.coverage.summary": {
        "vi": "{figures} về {indicators} của {units} từ {sources}, thời điểm {span}; {targets} từ {target_sources}.",
        "en": "{figures} on {indicators} for {units} from {sources}, dated {span}; {targets} from {target_sources}."},
    "nb.coverage.title": {"vi": "Bộ dữ liệu có gì: số liệu theo đơn vị và chỉ tiêu, tính đến {date}",
                          "en": "What the data set holds: figures by unit and indicator, as of {date}"},
    "nb.coverage.subtitle": {"vi": "Mỗi ô: số số liệu · tháng của số liệu mới nhất; ô trống: chưa có số liệu",
                             "en": "Each cell: number of figures · month of the latest; blank: no figure"},
    "nb.coverage.followed": {
        "vi": "một tỉnh được theo dõi qua đợt hợp nhất ngày 1/7/2025 gồm cả các số liệu tỉnh cũ của nó đã báo cáo",
        "en": "a province followed across the mergers of 1 Jul 2025 includes the figures its former province "
              "reported"},
    "nb.coverage.part": {"vi": "{pillar}, phần {part}/{parts}", "en": "{pillar}, part {part} of {parts}"},
    "nb.coverage.by_unit": {"vi": "Theo đơn vị", "en": "By unit"},
    "nb.coverage.by_pillar": {"vi": "Theo trụ cột", "en": "By pillar"},
    "nb.coverage.by_period": {"vi": "Theo kỳ báo cáo", "en": "By reporting period"},
    "nb.coverage.by_source": {"vi": "Theo nguồn", "en": "By source"},
    # tables shown to readers (dtlib/words/tables.py): headers and value words
    "nb.column.unit": {"vi": "Đơn vị", "en": "Unit"},
    "nb.column.target_unit": {"vi": "Mục tiêu của", "en": "Target set by"},
    "nb.column.lineage": {"vi": "Tỉnh / mốc tham chiếu", "en": "Province / yardstick"},
    "nb.column.segment": {"vi": "Đơn vị được xếp hạng", "en": "Unit ranked"},
    "nb.column.reported_by": {"vi": "Đơn vị báo cáo", "en": "Reported by"},
    "nb.column.indicator": {"vi": "Chỉ tiêu", "en": "Indicator"},
    "nb.column.pillar": {"vi": "Trụ cột", "en": "Pillar"},
    "nb.column.as_of": {"vi": "Thời điểm", "en": "As of"},
    "nb.column.previous_as_of": {"vi": "Thời điểm trước", "en": "Previous as of"},
    "nb.column.base_as_of": {"vi": "Thời điểm đầu", "en": "First as of"},
    "nb.column.first_as_of": {"vi": "Số liệu sớm nhất", "en": "Earliest figure"},
    "nb.column.latest_as_of": {"vi": "Số liệu mới nhất", "en": "Latest figure"},
    "nb.column.deadline": {"vi": "Hạn", "en": "Deadline"},
    "nb.column.published": {"vi": "Ngày công bố", "en": "Published"},
    "nb.column.basis": {"vi": "Tính theo địa giới ngày", "en": "On the boundaries of"},
    "nb.column.value": {"vi": "Giá trị", "en": "Value"},
    "nb.column.previous_value": {"vi": "Giá trị trước", "en": "Previous value"},
    "nb.column.base_value": {"vi": "Giá trị đầu", "en": "First value"},
    "nb.column.target": {"vi": "Mục tiêu", "en": "Target"},
    "nb.column.change": {"vi": "Thay đổi", "en": "Change"},
    "nb.column.gap": {"vi": "Khoảng cách tới mục tiêu", "en": "Gap to target"},
    "nb.column.ratio": {"vi": "Tỷ số R", "en": "Ratio R"},
    "nb.column.status": {"vi": "Tình trạng", "en": "Status"},
    "nb.column.verdict": {"vi": "Kết quả tại hạn", "en": "Verdict at the deadline"},
    "nb.column.judged_on": {"vi": "Ngày đánh giá", "en": "Judged on"},
    "nb.column.on": {"vi": "Ngày đánh giá", "en": "Judged on"},
    "nb.column.direction": {"vi": "Chiều thay đổi", "en": "Direction"},
    "nb.column.n": {"vi": "Số số liệu", "en": "Figures"},
    "nb.column.figures": {"vi": "Số số liệu", "en": "Figures"},
    "nb.column.indicators": {"vi": "Số chỉ tiêu", "en": "Indicators"},
    "nb.column.units": {"vi": "Số đơn vị", "en": "Units"},
    "nb.column.sources": {"vi": "Số nguồn", "en": "Sources"},
    "nb.column.n_units": {"vi": "Số đơn vị báo cáo", "en": "Units reporting"},
    "nb.column.n_dates": {"vi": "Số thời điểm", "en": "Dated figures"},
    "nb.column.place": {"vi": "Vị trí", "en": "Place"},
    "nb.column.edition": {"vi": "Kỳ DTI", "en": "DTI edition"},
    "nb.column.stale": {"vi": "Số liệu cũ", "en": "Stale"},
    "nb.column.applies_now": {"vi": "Đang áp dụng", "en": "Applies now"},
    "nb.column.dates_differ": {"vi": "Khác thời điểm", "en": "Dates differ"},
    "nb.column.source": {"vi": "Nguồn", "en": "Source"},
    "nb.column.previous_source": {"vi": "Nguồn trước", "en": "Previous source"},
    "nb.column.target_source": {"vi": "Nguồn mục tiêu", "en": "Target source"},
    "nb.column.instrument": {"vi": "Văn bản", "en": "Instrument"},
    "nb.column.publisher": {"vi": "Cơ quan công bố", "en": "Publisher"},
    "nb.column.title": {"vi": "Tiêu đề", "en": "Title"},
    "nb.column.period": {"vi": "Kỳ báo cáo", "en": "Reporting period"},
    "nb.column.note": {"vi": "Ghi chú", "en": "Note"},
    "nb.column.quote": {"vi": "Trích dẫn", "en": "Quote"},
    # headings and narration of the notebooks (Run.section): Markdown, fields escaped, braces doubled
    "nb.section.profile.title": {"vi": "Hồ sơ tỉnh: {name}", "en": "Province profile: {name}"},
    "nb.section.profile.text": {
        "vi": "Tỉnh đang ở đâu trên lộ trình chuyển đổi số? Phần này đặt các số liệu mới nhất của tỉnh cạnh các mục "
              "tiêu áp dụng cho tỉnh (mục tiêu riêng, nếu không có thì mục tiêu quốc gia), theo từng trụ cột, với tình "
              "trạng tiến độ theo phương pháp của Thống kê Canada / Open SDG; đặt chúng cạnh số liệu của các tỉnh khác "
              "về cùng chỉ tiêu; liệt kê các mục tiêu; và cho thấy những gì thay đổi so với báo cáo trước. Mỗi giá trị "
              "đều ghi kèm thời điểm mà nó phản ánh và nguồn.",
        "en": "Where does the province stand on digital transformation? This notebook sets its latest figures against "
              "the targets that apply to it (its own, else the national ones), pillar by pillar, with the progress "
              "status of the Statistics Canada / Open SDG method; puts them beside the other provinces' figures for "
              "the same indicators; lists its targets; and shows what changed since its previous report. Every value "
              "carries the date it describes and its source."},
    "nb.section.profile.pillars.title": {"vi": "So với mục tiêu, theo từng trụ cột",
                                         "en": "Against its targets, pillar by pillar"},
    "nb.section.profile.pillars.text": {
        "vi": "Mỗi chỉ tiêu có mục tiêu là một thanh, trên thang đo của chính chỉ tiêu đó (0–100 với tỷ lệ phần trăm; "
              "số tỉnh được xếp hạng với thứ hạng). Vạch đen là mục tiêu; màu của thanh và chữ bên cạnh cho biết tình "
              "trạng; mỗi giá trị ghi kèm tháng mà nó phản ánh. Chỉ tiêu chưa có số liệu được ghi \"chưa báo cáo\", "
              "không bao giờ vẽ thành số 0.",
        "en": "One bar per indicator with a target, on that indicator's own scale (0–100 for a percentage; the number "
              "of ranked provinces for a rank). The black mark is the target; the bar's colour and the words beside it "
              "give the status; each value is labelled with the month it describes. An indicator without a figure is "
              "marked \"not reported\", never drawn as zero."},
    "nb.section.profile.peers.title": {"vi": "Bên cạnh các tỉnh khác", "en": "Beside the other provinces"},
    "nb.section.profile.peers.text": {
        "vi": "Số liệu mới nhất của tỉnh về mỗi chỉ tiêu mà một tỉnh khác cũng báo cáo, kèm thời điểm của từng số "
              "liệu. Số liệu khác thời điểm chỉ được đặt cạnh nhau khi có ghi thời điểm.",
        "en": "The province's latest figure on each indicator that another province also reports, with each figure's "
              "date. Figures of different dates are set side by side only with their dates shown."},
    "nb.section.profile.targets.title": {"vi": "Các mục tiêu của tỉnh", "en": "Its targets"},
    "nb.section.profile.targets.text": {
        "vi": "Mọi mục tiêu áp dụng cho tỉnh: mục tiêu riêng nếu tỉnh đã đặt, nếu không thì mục tiêu quốc gia. Cột "
              "\"Đang áp dụng\" đánh dấu mục tiêu được đánh giá vào ngày báo cáo.",
        "en": "Every target that applies to the province: its own where it set one, else the national one. The "
              "column \"Applies now\" marks the one assessed on the report date."},
    "nb.section.profile.changes.title": {"vi": "Thay đổi so với báo cáo trước",
                                         "en": "What changed since its previous report"},
    "nb.section.profile.changes.text": {
        "vi": "Với mỗi chỉ tiêu: số liệu mới nhất và số liệu liền trước, mỗi số liệu kèm thời điểm và nguồn. \"Số "
              "liệu đầu tiên\" nghĩa là bộ dữ liệu chưa có số liệu nào trước đó.",
        "en": "For each indicator: the latest figure and the one before it, each with its date and source. \"First "
              "figure\" means no earlier figure is in the data set."},
    "nb.section.compare.title": {"vi": "So sánh các tỉnh", "en": "Comparing provinces"},
    "nb.section.compare.text": {
        "vi": "Các tỉnh so với nhau thế nào trên những chỉ tiêu cùng báo cáo? Phần này đặt số liệu mới nhất của mỗi "
              "tỉnh cạnh nhau, xếp hạng, và cho thấy tỉnh nào báo cáo gì, vào lúc nào: mỗi giá trị ghi kèm tháng mà "
              "nó phản ánh, giá trị cũ hơn một năm tính đến ngày báo cáo được gạch chéo và đánh dấu \"cũ\", và tỉnh "
              "không báo cáo một chỉ tiêu được ghi \"chưa báo cáo\", không bao giờ vẽ thành số 0.",
        "en": "How do the provinces compare on the indicators they report in common? This notebook draws the latest "
              "figure of each province side by side, ranks them, and shows which province reports what and when: "
              "every value is labelled with the month it describes, values over a year old on the report date are "
              "hatched and flagged \"stale\", and a province that does not report an indicator is written \"not "
              "reported\", never drawn as zero."},
    "nb.section.compare.side.title": {"vi": "Đặt cạnh nhau", "en": "Side by side"},
    "nb.section.compare.side.text": {
        "vi": "Một biểu đồ cho mỗi trụ cột với các tỷ lệ phần trăm, và một biểu đồ cho mỗi chỉ tiêu có thước đo khác "
              "(một số đếm hay một thứ hạng không thể chung trục với một tỷ lệ). Mỗi thanh ghi tỉnh, giá trị và thời "
              "điểm.",
        "en": "One chart per pillar for percentages, and one per indicator for any other measure (a count or a rank "
              "cannot share an axis with a percentage). Each bar is labelled with its province, value and date."},
    "nb.section.compare.ranked.title": {"vi": "Xếp thứ tự", "en": "Ranked"},
    "nb.section.compare.ranked.text": {
        "vi": "Các tỉnh được xếp 1, 2, ... trên mỗi chỉ tiêu theo chiều tốt của chỉ tiêu (với thứ hạng, số nhỏ hơn là "
              "tốt hơn). Thứ hạng tính trên một số tỉnh khác thì không được xếp cùng.",
        "en": "The provinces placed 1, 2, ... on each indicator by its direction (for a rank, lower is better). A rank "
              "out of a different number of provinces is not placed."},
    "nb.section.compare.coverage.title": {"vi": "Tỉnh nào báo cáo gì, vào lúc nào",
                                          "en": "Who reports what, and when"},
    "nb.section.compare.coverage.text": {
        "vi": "Bảng đếm mọi số liệu của mỗi tỉnh theo trụ cột; biểu đồ cho thấy, với các chỉ tiêu được so sánh, mỗi "
              "tỉnh báo cáo bao nhiêu số liệu và tháng của số liệu mới nhất. Như các thanh ở trên, một tỉnh được theo "
              "dõi qua đợt hợp nhất gồm cả số liệu của tỉnh cũ của nó.",
        "en": "The table counts every province's figures, pillar by pillar; the chart shows, for the compared "
              "indicators, how many figures each province reports and the month of the latest. As in the bars "
              "above, a province followed across the mergers includes its former province's figures."},
    "nb.section.compare.dti.title": {"vi": "Chỉ số chuyển đổi số (DTI) qua từng kỳ",
                                     "en": "The Digital Transformation Index, edition by edition"},
    "nb.section.compare.dti.text": {
        "vi": "Chỉ số DTI cấp tỉnh của Bộ qua mọi kỳ có trong bộ dữ liệu, cho mỗi tỉnh và, sau ngày 30/6/2025, cho "
              "tỉnh mới mà tỉnh đó hợp thành. Điểm được đặt cạnh các mức tham chiếu quốc gia mà Bộ công bố cùng mỗi kỳ "
              "(trung bình điểm các tỉnh và DTI quốc gia). Mỗi thứ hạng ghi trên tổng số tỉnh được xếp hạng. Kỳ 2024 "
              "được tính hai lần, theo 63 tỉnh cũ và theo 34 tỉnh mới; giá trị tính theo địa giới mới là hình thoi "
              "có dấu `*` và không bao giờ nối với đường của tỉnh cũ.",
        "en": "The ministry's provincial DTI for every edition in the data set, for each province and, on a date after "
              "30 June 2025, for the province it became. Scores sit beside the national yardsticks the ministry "
              "publishes with each edition (the mean of the provinces' scores and the national index). Each rank is "
              "written out of the number of provinces ranked. The 2024 edition was computed twice, on the 63 old "
              "provinces and on the 34 new ones; a value computed on the new boundaries is a diamond marked `*` and "
              "is never joined to the old line."},
    "nb.section.targets.title": {"vi": "Mức độ đạt mục tiêu", "en": "Attainment of the targets"},
    "nb.section.targets.text": {
        "vi": "Mỗi đơn vị đã đạt, đúng tiến độ hay đang chậm so với các mục tiêu áp dụng cho mình? Phần này đánh giá "
              "mọi đơn vị so với mọi mục tiêu áp dụng (mục tiêu riêng, nếu không có thì của tỉnh, nếu không thì quốc "
              "gia) vào ngày báo cáo, thể hiện kết quả bằng bản đồ nhiệt có ghi tình trạng trong từng ô, lưu bảng đánh "
              "giá đầy đủ, và giải thích phương pháp bằng một ví dụ tính từ dữ liệu.",
        "en": "Is each unit meeting, on track for, or falling behind the targets that apply to it? This notebook "
              "assesses every unit against every applicable target (its own, else its province's, else the national "
              "one) on the report date, draws the result as a heat map with the status written in every cell, writes "
              "the full attainment table, and explains the method with a worked example from the data."},
    "nb.section.targets.heatmap.title": {"vi": "Bản đồ nhiệt", "en": "Heat map"},
    "nb.section.targets.heatmap.text": {
        "vi": "Hàng là các chỉ tiêu có mục tiêu, cột là các đơn vị. Màu của mỗi ô là tình trạng, và ô cũng ghi tình "
              "trạng bằng chữ, cùng giá trị và tháng mà giá trị phản ánh. \"Không có mục tiêu\" nghĩa là không mục "
              "tiêu nào của chỉ tiêu đó áp dụng cho đơn vị.",
        "en": "Rows are indicators with a target, columns are units. Each cell's colour is its status, and the cell "
              "says it in words too, with the value and the month it describes. \"No target\" means no target of that "
              "indicator applies to the unit."},
    "nb.section.targets.verdicts.title": {"vi": "Kết quả tại hạn", "en": "Verdicts at the deadline"},
    "nb.section.targets.verdicts.text": {
        "vi": "Mục tiêu đã đến hạn có đạt đúng hạn không? Mỗi mục tiêu có hạn từ ngày báo cáo trở về trước được đánh "
              "giá một lần, tách khỏi tình trạng tiến độ: **đạt**, **không đạt** hoặc **không có số liệu đúng hạn**, "
              "theo số liệu gần hạn nhất trong vòng sáu tháng trước hạn. Một tỉnh đã hợp nhất được đánh giá tại ngày "
              "cuối cùng của nó (30/06/2025), và kết quả là của tỉnh cũ, không phải của tỉnh mới.",
        "en": "Were the targets that have fallen due met on time? Each target whose deadline is on or before the "
              "report date is judged once, apart from the progress status: **met**, **not met** or **no figure at "
              "the deadline**, from the figure closest to the deadline within the six months before it. A province "
              "that merged is judged on its last day (30 June 2025), and the verdict is the former province's, "
              "never its successor's."},
    "nb.section.targets.reorganisation.title": {"vi": "Khi sắp xếp lại đơn vị hành chính",
                                                "en": "At the reorganisation"},
    "nb.section.targets.reorganisation.text": {
        "vi": "Bốn tỉnh ban đầu đứng ở đâu so với mục tiêu của mình vào ngày cuối cùng trước khi hợp nhất, với số liệu "
              "của chính chúng, và tỉnh mà mỗi tỉnh đã trở thành đứng ở đâu hôm nay? Mỗi tỉnh cũ được ghi là tỉnh cũ; "
              "tỉnh mới nằm ngay bên cạnh.",
        "en": "Where did each of the four original provinces stand against its targets on its last day before the "
              "merger, by its own figures, and where does the province it became stand now? Each former province is "
              "labelled as such; its successor stands beside it."},
    "nb.section.targets.method.title": {"vi": "Phương pháp", "en": "The method"},
    "nb.section.targets.method.text": {
        "vi": "Tình trạng theo phương pháp đo tiến độ do Thống kê Canada xây dựng, được các nền tảng báo cáo quốc gia "
              "dựa trên Open SDG sử dụng:\n\n"
              "1. Mục tiêu đã đạt theo số liệu mới nhất: **đã đạt mục tiêu**.\n"
              "2. Đơn vị chỉ có một số liệu có ngày: **chỉ có một số liệu, chưa rõ xu hướng**; không có số liệu nào: "
              "**chưa có số liệu**.\n"
              "3. Nếu không, so sánh tốc độ tăng đã đạt với tốc độ tăng cần có. Từ số liệu đầu tiên y<sub>0</sub> (tại t<sub>0</sub>) "
              "đến số liệu mới nhất y<sub>t</sub> (tại t), tốc độ tăng kép hằng năm đã quan sát là "
              "CAGR<sub>o</sub> = (y<sub>t</sub> / y<sub>0</sub>)<sup>1/(t − t<sub>0</sub>)</sup> − 1; để đạt mục tiêu y<sub>T</sub> vào hạn T cần "
              "CAGR<sub>r</sub> = (y<sub>T</sub> / y<sub>0</sub>)<sup>1/(T − t<sub>0</sub>)</sup> − 1 (thời gian tính bằng năm).\n"
              "4. Tỷ số R = d · CAGR<sub>o</sub> / |CAGR<sub>r</sub>|, với d = +1 khi cao hơn là tốt hơn "
              "và −1 với thứ hạng, cho tình trạng: **đúng tiến độ** (R ≥ 0,95), **cần tăng tốc** "
              "(0,60 ≤ R &lt; 0,95), **tiến bộ hạn chế** (0 ≤ R &lt; 0,60), **đi xuống** (R &lt; 0).\n"
              "5. Thứ hạng tính trên một số tỉnh khác với số tỉnh của mục tiêu: **không so sánh được**.\n\n"
              "Ví dụ dưới đây lấy số liệu từ bảng đánh giá.",
        "en": "The status follows the progress measure that Statistics Canada developed and national reporting "
              "platforms built on Open SDG use:\n\n"
              "1. A target already met by the latest figure is **met**.\n"
              "2. A unit with one dated figure only has **one figure only: trend unknown**; with none, **no figure "
              "reported**.\n"
              "3. Otherwise compare the growth the unit achieved with the growth it needs. From its first figure "
              "y<sub>0</sub> (at t<sub>0</sub>) to its latest y<sub>t</sub> (at t), the observed compound annual growth rate is "
              "CAGR<sub>o</sub> = (y<sub>t</sub> / y<sub>0</sub>)<sup>1/(t − t<sub>0</sub>)</sup> − 1; to reach the target y<sub>T</sub> by the deadline T "
              "it needs CAGR<sub>r</sub> = (y<sub>T</sub> / y<sub>0</sub>)<sup>1/(T − t<sub>0</sub>)</sup> − 1 (time in years).\n"
              "4. The ratio R = d · CAGR<sub>o</sub> / |CAGR<sub>r</sub>|, with d = +1 when higher is "
              "better and −1 for a rank, gives the status: **on track** (R ≥ 0.95), **acceleration needed** "
              "(0.60 ≤ R &lt; 0.95), **limited progress** (0 ≤ R &lt; 0.60), **deterioration** (R &lt; 0).\n"
              "5. A rank out of a different number of provinces than the target's is **not comparable**.\n\n"
              "The worked example below takes its numbers from the attainment table."},
    "nb.section.trends.title": {"vi": "Xu hướng", "en": "Trends"},
    "nb.section.trends.text": {
        "vi": "Số liệu của mỗi tỉnh đã thay đổi thế nào theo thời gian, so với mục tiêu và hạn của nó? Các chỉ tiêu "
              "chính được vẽ trước, rồi đến từng trụ cột: mỗi ô một chỉ tiêu, mỗi đường một đơn vị, cùng màu với "
              "đơn vị đó trong cả bộ tài liệu. Thứ hạng được vẽ với vị trí tốt nhất ở trên cùng, và chỉ nối các "
              "thứ hạng tính trên cùng một số tỉnh. Toàn bộ chuỗi số liệu có trong bảng kèm theo.",
        "en": "How has each province's figure moved over time, against its target and deadline? The headline "
              "indicators come first, then each pillar: one panel per indicator, one line per unit, in the unit's "
              "colour throughout the pack. Ranks are drawn with the best place at the top, and only ranks out of "
              "the same number of provinces are joined. Every series is in full in the table that goes with it."},
    "nb.section.trends.headline.title": {"vi": "Chỉ tiêu chính", "en": "Headline indicators"},
    "nb.section.trends.headline.text": {
        "vi": "Số liệu mới nhất của mỗi đơn vị cho các chỉ tiêu mà bản tóm tắt bắt đầu bằng (cột headline của "
              "bảng chỉ tiêu); diễn biến của chúng được vẽ đầu tiên ở phần dưới.",
        "en": "Each unit's latest figure on the indicators a briefing leads with (the headline column of the "
              "indicators table); their course over time is drawn first below."},
    "nb.section.trends.series.title": {"vi": "Chuỗi số liệu", "en": "Series"},
    "nb.section.trends.series.text": {
        "vi": "Mỗi ô thể hiện các số liệu đã báo cáo, giá trị mới nhất của mỗi đường được ghi bên cạnh; mục tiêu "
              "của một đơn vị là đường nét đứt cùng màu, kết thúc bằng ô vuông tại hạn. Các số liệu trước và sau "
              "khi hợp nhất tỉnh ngày 1/7/2025 (đường dọc xám), của các kỳ báo cáo khác nhau hay tính lại theo địa "
              "giới mới là những đường riêng.",
        "en": "Each panel shows the reported figures, the latest value of each line written beside it; a unit's "
              "target is a dashed line in its colour ending in a square at the deadline. Figures before and after "
              "the reorganisation of the provinces on 1 July 2025 (the grey vertical line), of different reporting "
              "windows, or recomputed on the new boundaries are separate lines."},
    "nb.section.coverage.title": {"vi": "Độ phủ của bộ dữ liệu", "en": "Coverage of the data set"},
    "nb.section.coverage.text": {
        "vi": "Bộ dữ liệu có những gì? Số liệu được đếm theo đơn vị, chỉ tiêu, kỳ báo cáo và nguồn, cùng một ma trận "
              "cho biết đơn vị nào báo cáo chỉ tiêu nào, bao nhiêu lần và gần đây đến đâu. Hãy đọc các phần khác cùng "
              "với phần này: một ô trống ở đây là số liệu chưa ai báo cáo, không phải số 0.",
        "en": "What does the data set hold? Figures counted by unit, indicator, reporting period and source, and a "
              "matrix of which unit reports which indicator, how often, and how recently. Read the other notebooks "
              "with it: a blank here is a figure nobody reported, not a zero."},
    "nb.section.coverage.by.title": {"vi": "Theo đơn vị, trụ cột, kỳ báo cáo và nguồn",
                                     "en": "By unit, pillar, period and source"},
    "nb.section.coverage.matrix.title": {"vi": "Ma trận độ phủ", "en": "Coverage matrix"},
    "nb.section.coverage.matrix.text": {
        "vi": "Hàng là các chỉ tiêu, nhóm theo trụ cột; cột là các đơn vị. Mỗi ô có số liệu ghi số số liệu và tháng "
              "của số liệu mới nhất; ô trống nghĩa là đơn vị chưa báo cáo số liệu nào.",
        "en": "Rows are indicators grouped by pillar, columns are units. Each filled cell gives the number of figures "
              "and the month of the latest one; an empty cell means the unit has reported no figure."},
    # ------------------------------------------------------------------ briefing outputs (summary, deck, workbook)
    "findings.title": {"vi": "Những điểm chính", "en": "Key findings"},
    "findings.standing": {"vi": "{unit} đạt {met}/{assessed} mục tiêu đã có số liệu tại ngày {date} (trong {total} "
                                "mục tiêu áp dụng)",
                          "en": "{unit} meets {met} of the {assessed} targets with a figure on {date} ({total} "
                                "apply)"},
    "findings.standing_ranks": {"vi": "{unit} xếp {ranks}", "en": "{unit} ranks {ranks}"},
    "findings.rank_clause": {"vi": "{value} ({indicator}, {month})", "en": "{value} ({indicator}, {month})"},
    "findings.part.no_target_figure": {"vi": "chưa có số liệu cho mục tiêu nào trong {total} mục tiêu áp dụng tại "
                                             "ngày {date}",
                                       "en": "no figure yet for any of the {total} targets that apply on {date}"},
    "findings.standing_verdicts": {"vi": "{unit}, mục tiêu đến hạn năm {year}: {verdicts}",
                                   "en": "{unit}, targets due in {year}: {verdicts}"},
    "findings.part.farthest": {"vi": "xa mục tiêu nhất: {indicator}, {value} ({month}) so với {target} vào "
                                     "{deadline}, còn thiếu {gap}",
                               "en": "farthest behind: {indicator}, {value} ({month}) against {target} by "
                                     "{deadline}, {gap} short"},
    "findings.part.verdicts": {"vi": "mục tiêu đến hạn năm {year}: {verdicts}",
                               "en": "targets due in {year}: {verdicts}"},
    "findings.part.former_verdicts": {"vi": "{unit} trước khi hợp nhất (tại {date}): {verdicts}",
                                      "en": "{unit} before the merger (on {date}): {verdicts}"},
    "findings.verdict.met": {"vi": "đạt {n}", "en": "{n} met"},
    "findings.verdict.not_met": {"vi": "không đạt {n}", "en": "{n} not met"},
    "findings.verdict.no_figure": {"vi": "{n} không có số liệu đúng hạn", "en": "{n} with no figure at the deadline"},
    "findings.verdict.met_list": {"vi": "đạt: {indicators}", "en": "met: {indicators}"},
    "findings.verdict.not_met_list": {"vi": "không đạt: {indicators}", "en": "not met: {indicators}"},
    "findings.part.met_list": {"vi": "đã đạt: {indicators}", "en": "met: {indicators}"},
    "findings.part.on_track": {"vi": "{n} đúng tiến độ", "en": "{n} on track"},
    "findings.part.behind": {"vi": "{n} chậm so với tiến độ cần có", "en": "{n} behind the pace needed"},
    "findings.part.one_figure": {"vi": "{n} mới có một số liệu (chưa rõ xu hướng)",
                                 "en": "{n} with one figure only (trend unknown)"},
    "findings.part.not_comparable": {"vi": "{n} không so sánh được (xếp hạng trên số tỉnh khác)",
                                     "en": "{n} not comparable (ranked among a different number of provinces)"},
    "findings.part.no_data": {"vi": "{n} chưa có số liệu", "en": "{n} with no figure reported"},
    "findings.largest_gaps": {"vi": "Khoảng cách lớn nhất so với mục tiêu: {gaps}.",
                              "en": "The largest gaps to targets: {gaps}."},
    "findings.gap_item": {"vi": "{unit}, {indicator}: {value} ({month}) so với mục tiêu {target} vào {deadline}, "
                                "còn thiếu {gap}",
                          "en": "{unit}, {indicator}: {value} ({month}) against {target} by {deadline}, {gap} short"},
    "findings.gap_points": {"vi": "{gap} điểm phần trăm", "en": "{gap} percentage points"},
    "findings.gap_places": {"vi": "{gap} bậc", "en": "{gap} places"},
    "findings.rank_move": {"vi": "Xếp hạng DTI của {unit} từ {old} năm {old_edition} đến {new} năm {new_edition}: "
                                 "{move}",
                           "en": "{unit}'s DTI rank went from {old} in {old_edition} to {new} in {new_edition}: "
                                 "{move}"},
    "findings.rank_up": {"vi": "tăng {n} bậc", "en": "up {n} places"},
    "findings.rank_down": {"vi": "giảm {n} bậc", "en": "down {n} places"},
    "findings.rank_same": {"vi": "không đổi", "en": "unchanged"},
    "findings.rank_noise": {"vi": "trong phạm vi dao động của chỉ số", "en": "within the noise of the index"},
    "findings.rank_single": {"vi": "{unit} xếp {rank} trong DTI {edition}", "en": "{unit} ranked {rank} in DTI {edition}"},
    "findings.rank_rebased": {"vi": "{unit} xếp {rank} trong DTI {edition}, tính trên địa giới từ {date}; "
                                    "xếp hạng trên {of} và trên {old_of} tỉnh không so sánh với nhau",
                              "en": "{unit} ranked {rank} in DTI {edition}, computed on the boundaries of {date}; "
                                    "ranks out of {of} and out of {old_of} provinces are not compared"},
    "findings.since_last_pack": {"vi": "So với bộ tài liệu trước: {parts}.", "en": "Since the last pack, {parts}."},
    "findings.since_last_pack_none": {"vi": "So với bộ tài liệu trước: không có số liệu mới hay được điều chỉnh, "
                                            "không có thay đổi tình trạng hay thứ hạng.",
                                      "en": "Since the last pack: no new or revised figures, status changes or "
                                            "rank moves."},
    "findings.change.new_value": {"vi": "{n} số liệu mới", "en": "new figures: {n}"},
    "findings.change.new_value_units": {"vi": "{n} số liệu mới ({units})", "en": "new figures: {n} ({units})"},
    "findings.change.revised_value": {"vi": "{n} số liệu được điều chỉnh", "en": "revised figures: {n}"},
    "findings.change.dropped_value": {"vi": "{n} số liệu không còn trong bộ này",
                                      "en": "figures no longer in the pack: {n}"},
    "findings.change.status_change": {"vi": "{n} thay đổi tình trạng", "en": "status changes: {n}"},
    "findings.change.rank_move": {"vi": "{n} thay đổi thứ hạng", "en": "rank moves: {n}"},
    "findings.revisions": {"vi": "{n} số liệu đã được một công bố sau điều chỉnh: {items}.",
                           "en": "{n} figures were revised by a later publication: {items}."},
    "findings.revision_item": {"vi": "{indicator} của {unit} ({month}) từ {old} thành {new} (công bố {date})",
                               "en": "{indicator} of {unit} ({month}) from {old} to {new} (published {date})"},
    "caveats.title": {"vi": "Lưu ý khi đọc", "en": "Caveats"},
    "caveats.stale": {"vi": "{n}/{total} số liệu mới nhất của các tỉnh được so sánh đã quá {days} ngày tính đến "
                            "ngày báo cáo (ghi \"cũ\" và gạch chéo trên hình).",
                      "en": "{n} of the {total} latest figures of the provinces compared are over {days} days old "
                            "on the report date (marked \"stale\" and hatched in the figures)."},
    "caveats.missing": {"vi": "{n}/{total} cặp tỉnh – mục tiêu chưa có số liệu nào được báo cáo; chưa có số liệu "
                              "không có nghĩa là bằng không.",
                        "en": "{n} of the {total} province–target pairs have no figure reported; a missing figure "
                              "is not a zero."},
    "caveats.no_figures": {"vi": "Chưa có số liệu cho mục tiêu nào: {units}.",
                           "en": "No figure for any target: {units}."},
    "caveats.methods": {"vi": "Hai phương pháp của cùng một khái niệm là hai chỉ tiêu riêng, không bao giờ so sánh "
                              "hay nối với nhau: {names}.",
                        "en": "Two methods of one concept are two indicators, never compared or joined: {names}."},
    "caveats.ranks": {"vi": "Xếp hạng tính trên {totals} tỉnh tùy năm (trước và sau khi sắp xếp lại đơn vị hành "
                            "chính); xếp hạng trên các tổng số khác nhau không so sánh với nhau.",
                      "en": "Ranks are out of {totals} provinces depending on the year (before and after the "
                            "reorganisation of the provinces); ranks out of different totals are never compared."},
    "caveats.mergers": {"vi": "Từ ngày {date}: {merges}. Số liệu trước đó của tỉnh hợp nhất mô tả địa bàn nhỏ hơn: "
                              "có trong xu hướng, không tính vào tình trạng.",
                        "en": "From {date}: {merges}. A merged province's earlier figures describe a smaller "
                              "territory: they appear in its trends, not in its status."},
    "caveats.merge_item": {"vi": "{former} hợp nhất thành {unit}", "en": "{former} became {unit}"},
    "summary.title": {"vi": "Chuyển đổi số các tỉnh: những điểm chính, ngày {date}",
                      "en": "Digital transformation in the provinces: key findings, {date}"},
    "summary.intro": {"vi": "Ngày báo cáo {date}; lập ngày {built}. Mỗi điểm dẫn tới hình minh họa trong "
                            "index.html và tệp PNG của hình.",
                      "en": "Report date {date}; built {built}. Each finding links to its figure in index.html "
                            "and to the figure's PNG."},
    "summary.figure": {"vi": "hình", "en": "figure"},
    "summary.no_findings": {"vi": "Dữ liệu chưa có số liệu nào được biết tại ngày báo cáo, nên chưa có điểm chính nào.",
                            "en": "The data hold no figure known on the report date, so there is no finding yet."},
    "summary.table": {"vi": "bảng", "en": "table"},
    "deck.title": {"vi": "Chuyển đổi số các tỉnh so với mục tiêu quốc gia",
                   "en": "Digital transformation in the provinces against the national targets"},
    "deck.subtitle": {"vi": "Tài liệu tóm tắt · ngày báo cáo {date}\nLập ngày {built} · Ngôn ngữ: {language}",
                      "en": "Briefing · report date {date}\nBuilt {built} · Language: {language}"},
    "deck.language": {"vi": "Tiếng Việt", "en": "English"},
    "deck.heatmap_table": {"vi": "{pillar}: mức độ đạt mục tiêu, tính đến {date}",
                           "en": "{pillar}: attainment of targets, as of {date}"},
    "deck.heatmap_other": {"vi": "Chỉ tiêu khác", "en": "Other indicators"},
    "deck.heatmap_indicator": {"vi": "Chỉ tiêu", "en": "Indicator"},
    "deck.sources": {"vi": "Nguồn số liệu", "en": "Sources of the values shown"},
    "deck.more_publishers": {"vi": "và {n} cơ quan công bố khác (danh sách đầy đủ trong ghi chú của trang)",
                             "en": "and {n} more publishers (full list in the speaker notes)"},
    "deck.source_item": {"vi": "{publisher} ({date}), {title}", "en": "{publisher} ({date}), {title}"},
    "deck.notes.figure": {"vi": "Hình", "en": "Figure"},
    "deck.notes.findings": {"vi": "Điểm chính về hình này", "en": "Findings on this figure"},
    "deck.notes.no_sources": {"vi": "Tệp CSV của hình không ghi nguồn nào.",
                              "en": "The figure's CSV names no source."},
    "deck.notes.caveats": {"vi": "Lưu ý khi đọc hình này", "en": "Caveats of this figure"},
    "deck.notes.no_caveats": {"vi": "Không có lưu ý riêng cho hình này.",
                              "en": "No caveat specific to this figure."},
    "deck.notes.general_caveats": {"vi": "Lưu ý chung của bộ tài liệu", "en": "Caveats of the whole pack"},
    "workbook.about": {"vi": "Giới thiệu", "en": "About"},
    "workbook.sources_sheet": {"vi": "Nguồn", "en": "Sources"},
    "workbook.title": {"vi": "Chuyển đổi số các tỉnh: các bảng của bộ tài liệu",
                       "en": "Digital transformation in the provinces: the tables of the briefing pack"},
    "workbook.report_date": {"vi": "Ngày báo cáo", "en": "Report date"},
    "workbook.built": {"vi": "Ngày lập", "en": "Built"},
    "workbook.language": {"vi": "Ngôn ngữ", "en": "Language"},
    "workbook.note": {"vi": "Mỗi trang là một bảng trong thư mục tables/ của bộ tài liệu (tệp CSV giữ nguyên mã "
                            "gốc). Ô bắt đầu bằng =, +, - hoặc @ được lưu dưới dạng văn bản.",
                      "en": "Each sheet is one table of the pack's tables/ folder (the CSV files keep the raw "
                            "codes). A cell starting with =, +, - or @ is stored as text."},
    "workbook.sheet": {"vi": "Trang", "en": "Sheet"},
    "workbook.file": {"vi": "Tệp", "en": "File"},
    "workbook.rows": {"vi": "Số dòng", "en": "Rows"},
    "workbook.col.source_publisher": {"vi": "Cơ quan công bố", "en": "Publisher"},
    "workbook.col.source_title": {"vi": "Tiêu đề nguồn", "en": "Source title"},
    "workbook.col.source_url": {"vi": "Địa chỉ nguồn", "en": "Source URL"},
    "workbook.col.measure": {"vi": "Đơn vị đo", "en": "Unit of measure"},
    "workbook.col.id": {"vi": "Mã", "en": "Id"},
    "workbook.col.title": {"vi": "Tiêu đề", "en": "Title"},
    "workbook.col.publisher": {"vi": "Cơ quan công bố", "en": "Publisher"},
    "workbook.col.published": {"vi": "Ngày công bố", "en": "Published"},
    "workbook.col.url": {"vi": "Địa chỉ", "en": "URL"},
    "workbook.col.unit": {"vi": "Đơn vị", "en": "Unit"},
    "workbook.col.unit_name": {"vi": "Tên đơn vị", "en": "Unit name"},
    "workbook.col.indicator": {"vi": "Chỉ tiêu", "en": "Indicator"},
    "workbook.col.indicator_en": {"vi": "Tên chỉ tiêu (tiếng Anh)", "en": "Indicator name (English)"},
    "workbook.col.indicator_vi": {"vi": "Tên chỉ tiêu", "en": "Indicator name (Vietnamese)"},
    "workbook.col.as_of": {"vi": "Thời điểm", "en": "As of"},
    "workbook.col.period": {"vi": "Kỳ báo cáo", "en": "Period"},
    "workbook.col.value": {"vi": "Giá trị", "en": "Value"},
    "workbook.col.qualifier": {"vi": "Định tính", "en": "Qualifier"},
    "workbook.col.source": {"vi": "Mã nguồn", "en": "Source id"},
    "workbook.col.quote": {"vi": "Trích dẫn", "en": "Quote"},
    "workbook.col.note": {"vi": "Ghi chú", "en": "Note"},
    "workbook.col.rank_of": {"vi": "Trên tổng số", "en": "Ranked out of"},
    "workbook.col.target_unit": {"vi": "Đơn vị đặt mục tiêu", "en": "Target set by"},
    "workbook.col.target_unit_name": {"vi": "Tên đơn vị đặt mục tiêu", "en": "Target set by (name)"},
    "workbook.col.target": {"vi": "Mục tiêu", "en": "Target"},
    "workbook.col.comparator": {"vi": "So sánh", "en": "Comparator"},
    "workbook.col.deadline": {"vi": "Hạn", "en": "Deadline"},
    "workbook.col.gap": {"vi": "Khoảng cách", "en": "Gap"},
    "workbook.col.status": {"vi": "Tình trạng", "en": "Status"},
    "workbook.col.target_rank_of": {"vi": "Mục tiêu trên tổng số", "en": "Target ranked out of"},
    "workbook.col.base_value": {"vi": "Giá trị gốc", "en": "Base value"},
    "workbook.col.base_as_of": {"vi": "Thời điểm gốc", "en": "Base as of"},
    "workbook.col.ratio": {"vi": "Tỷ số tiến độ R", "en": "Progress ratio R"},
    "workbook.col.target_source": {"vi": "Nguồn mục tiêu", "en": "Target source"},
    "workbook.col.instrument": {"vi": "Văn bản", "en": "Instrument"},
    "workbook.col.pillar": {"vi": "Trụ cột", "en": "Pillar"},
    "workbook.col.higher_is_better": {"vi": "Càng cao càng tốt", "en": "Higher is better"},
    "workbook.col.figures": {"vi": "Số số liệu", "en": "Figures"},
    "workbook.col.indicators": {"vi": "Số chỉ tiêu", "en": "Indicators"},
    "workbook.col.units": {"vi": "Số đơn vị", "en": "Units"},
    "workbook.col.sources": {"vi": "Số nguồn", "en": "Sources"},
    "workbook.col.first_as_of": {"vi": "Thời điểm đầu", "en": "First as of"},
    "workbook.col.latest_as_of": {"vi": "Thời điểm mới nhất", "en": "Latest as of"},
    "workbook.col.lineage": {"vi": "Dòng đơn vị", "en": "Lineage"},
    "workbook.col.segment": {"vi": "Đơn vị báo cáo", "en": "Reported by"},
    "workbook.col.edition": {"vi": "Kỳ", "en": "Edition"},
    "workbook.col.basis": {"vi": "Địa giới từ ngày", "en": "Boundaries of"},
    "workbook.col.place": {"vi": "Vị trí", "en": "Place"},
    "workbook.col.age": {"vi": "Độ cũ", "en": "Age"},
    "workbook.col.stale": {"vi": "Cũ", "en": "Stale"},
    "workbook.col.dates_differ": {"vi": "Khác thời điểm", "en": "Dates differ"},
    "workbook.col.n": {"vi": "Số lượng", "en": "Count"},
    "workbook.col.kind": {"vi": "Loại thay đổi", "en": "Kind of change"},
    "workbook.col.old_value": {"vi": "Giá trị cũ", "en": "Old value"},
    "workbook.col.new_value": {"vi": "Giá trị mới", "en": "New value"},
    "workbook.col.old_source": {"vi": "Nguồn cũ", "en": "Old source"},
    "workbook.col.new_source": {"vi": "Nguồn mới", "en": "New source"},
    "workbook.col.old_status": {"vi": "Tình trạng cũ", "en": "Old status"},
    "workbook.col.new_status": {"vi": "Tình trạng mới", "en": "New status"},
    "workbook.col.old_known_on": {"vi": "Biết từ ngày (cũ)", "en": "Known on (old)"},
    "workbook.col.known_on": {"vi": "Biết từ ngày", "en": "Known on"},
    "workbook.col.change": {"vi": "Thay đổi", "en": "Change"},
    "workbook.col.previous_as_of": {"vi": "Thời điểm trước", "en": "Previous as of"},
    "workbook.col.previous_value": {"vi": "Giá trị trước", "en": "Previous value"},
    "workbook.col.previous_source": {"vi": "Nguồn trước", "en": "Previous source"},
    "workbook.col.direction": {"vi": "Chiều", "en": "Direction"},
    "workbook.col.applies_now": {"vi": "Đang áp dụng", "en": "Applies now"},
    "workbook.col.window": {"vi": "Kỳ tính", "en": "Window"},
    # the workbook's readable sheet names, id and name columns, and its sheet of definitions (issue 19)
    "workbook.id_of": {"vi": "{column} (mã)", "en": "{column} (id)"},
    "workbook.note_names": {"vi": "Cột ghi “(mã)” giữ mã gốc như trong tệp CSV (để nối các bảng với nhau); cột ngay "
                                  "bên cạnh ghi tên. Trang “Định nghĩa” giải thích từng chỉ tiêu.",
                            "en": "A column marked “(id)” keeps the code of the CSV file (to join tables on); the "
                                  "column beside it gives the name. The “Definitions” sheet explains each indicator."},
    "workbook.definitions_sheet": {"vi": "Định nghĩa", "en": "Definitions"},
    "workbook.definition_header": {"vi": "Định nghĩa (như trong data/indicators.csv)",
                                   "en": "Definition (as in data/indicators.csv)"},
    "workbook.in_english": {"vi": "(bằng tiếng Anh: chưa có bản tiếng Việt)", "en": "(in English)"},
    "workbook.higher_better": {"vi": "càng cao càng tốt", "en": "higher is better"},
    "workbook.lower_better": {"vi": "càng thấp càng tốt", "en": "lower is better"},
    "workbook.side.former": {"vi": "trước sáp nhập", "en": "before the merger"},
    "workbook.side.now": {"vi": "hiện nay", "en": "now"},
    "workbook.sheet.attainment": {"vi": "Mức độ đạt mục tiêu", "en": "Attainment of targets"},
    "workbook.sheet.compare_coverage": {"vi": "So sánh – phạm vi số liệu", "en": "Compare – coverage"},
    "workbook.sheet.compare_dti_history": {"vi": "So sánh – DTI qua các năm", "en": "Compare – DTI history"},
    "workbook.sheet.compare_ranked": {"vi": "So sánh – xếp thứ tự", "en": "Compare – ranked"},
    "workbook.sheet.coverage": {"vi": "Phạm vi số liệu", "en": "Coverage"},
    "workbook.sheet.coverage_periods": {"vi": "Phạm vi – kỳ báo cáo", "en": "Coverage – periods"},
    "workbook.sheet.coverage_pillars": {"vi": "Phạm vi – trụ cột", "en": "Coverage – pillars"},
    "workbook.sheet.coverage_sources": {"vi": "Phạm vi – nguồn", "en": "Coverage – sources"},
    "workbook.sheet.coverage_units": {"vi": "Phạm vi – đơn vị", "en": "Coverage – units"},
    "workbook.sheet.headline": {"vi": "Chỉ tiêu chính", "en": "Headline indicators"},
    "workbook.sheet.not_applicable": {"vi": "Mục tiêu không còn áp dụng", "en": "Targets that no longer apply"},
    "workbook.sheet.pack_observations": {"vi": "Số liệu của bộ tài liệu", "en": "Figures of the pack"},
    "workbook.sheet.reorganisation": {"vi": "Sắp xếp địa giới 2025", "en": "The 2025 reorganisation"},
    "workbook.sheet.revisions": {"vi": "Số liệu được điều chỉnh", "en": "Revised figures"},
    "workbook.sheet.trends_pairs": {"vi": "Xu hướng – số thời điểm", "en": "Trends – dates per series"},
    "workbook.sheet.trends_series": {"vi": "Xu hướng – chuỗi số liệu", "en": "Trends – series"},
    "workbook.sheet.verdicts": {"vi": "Kết quả tại hạn", "en": "Verdicts at the deadlines"},
    "workbook.sheet.profile_changes": {"vi": "Hồ sơ {name} – thay đổi", "en": "Profile {name} – changes"},
    "workbook.sheet.profile_peers": {"vi": "Hồ sơ {name} – so sánh", "en": "Profile {name} – peers"},
    "workbook.sheet.profile_targets": {"vi": "Hồ sơ {name} – mục tiêu", "en": "Profile {name} – targets"},
    "workbook.sheet.profile_other": {"vi": "Hồ sơ {name} – {part}", "en": "Profile {name} – {part}"},
    # headers of columns the notebook tables and the workbook share (dtlib.words.tables.header)
    "nb.column.comparator": {"vi": "So sánh", "en": "Comparator"},
    "nb.column.rank_of": {"vi": "Trên tổng số", "en": "Ranked out of"},
    "nb.column.target_rank_of": {"vi": "Mục tiêu trên tổng số", "en": "Target ranked out of"},
    "nb.column.indicator_en": {"vi": "Tên chỉ tiêu (tiếng Anh)", "en": "Indicator name (English)"},
    "nb.column.indicator_vi": {"vi": "Tên chỉ tiêu (tiếng Việt)", "en": "Indicator name (Vietnamese)"},
    "nb.column.indicator_name": {"vi": "Tên chỉ tiêu", "en": "Indicator name"},
    "nb.column.unit_name": {"vi": "Tên đơn vị", "en": "Unit name"},
    "nb.column.target_unit_name": {"vi": "Tên đơn vị đặt mục tiêu", "en": "Target set by (name)"},
    "nb.column.measure": {"vi": "Đơn vị đo", "en": "Unit of measure"},
    "nb.column.higher_is_better": {"vi": "Càng cao càng tốt", "en": "Higher is better"},
    "nb.column.qualifier": {"vi": "Từ chỉ mức (trên, dưới, khoảng)", "en": "Qualifier (over, under, about)"},
    "nb.column.age": {"vi": "Độ cũ", "en": "Age"},
    "nb.column.applies_until": {"vi": "Áp dụng đến", "en": "Applies until"},
    "nb.column.reason": {"vi": "Lý do", "en": "Reason"},
    "nb.column.province": {"vi": "Tỉnh", "en": "Province"},
    "nb.column.side": {"vi": "Trước / sau sáp nhập", "en": "Before / after the merger"},
    "nb.column.column": {"vi": "Cột của bảng so sánh", "en": "Column of the side-by-side table"},
    "nb.column.former": {"vi": "Tỉnh cũ (trước sáp nhập)", "en": "Former unit (before the merger)"},
    "nb.column.successor": {"vi": "Đơn vị kế thừa", "en": "Successor"},
    "nb.column.vintage": {"vi": "Phiên bản số liệu", "en": "Vintage"},
    "nb.column.window": {"vi": "Kỳ tính", "en": "Window"},
    "nb.column.kind": {"vi": "Loại thay đổi", "en": "Kind of change"},
    "nb.column.old_value": {"vi": "Giá trị cũ", "en": "Old value"},
    "nb.column.new_value": {"vi": "Giá trị mới", "en": "New value"},
    "nb.column.old_source": {"vi": "Nguồn cũ", "en": "Old source"},
    "nb.column.new_source": {"vi": "Nguồn mới", "en": "New source"},
    "nb.column.old_status": {"vi": "Tình trạng cũ", "en": "Old status"},
    "nb.column.new_status": {"vi": "Tình trạng mới", "en": "New status"},
    "nb.column.old_known_on": {"vi": "Biết từ ngày (cũ)", "en": "Known on (old)"},
    "nb.column.known_on": {"vi": "Biết từ ngày", "en": "Known on"},
    "nb.column.source_publisher": {"vi": "Nguồn: cơ quan công bố", "en": "Source: publisher"},
    "nb.column.source_title": {"vi": "Nguồn: tiêu đề", "en": "Source: title"},
    "nb.column.source_url": {"vi": "Nguồn: địa chỉ", "en": "Source: URL"},
    "nb.column.id": {"vi": "Mã", "en": "Id"},
    "nb.column.url": {"vi": "Địa chỉ", "en": "URL"},
    "nb.column.definition": {"vi": "Định nghĩa", "en": "Definition"},
    "nb.column.good_direction": {"vi": "Chiều tốt", "en": "Better when"},
    "nb.column.reporting_sources": {"vi": "Nguồn có số liệu trong bộ tài liệu", "en": "Sources reporting it in the pack"},
    # ------------------------------------------------------------------ front page (dtlib/pack/front_page.py)
    "front.title": {"vi": "Chuyển đổi số của các tỉnh: bộ tài liệu báo cáo",
                    "en": "Digital transformation in Vietnamese provinces: briefing pack"},
    "front.report_date": {"vi": "Ngày báo cáo {date}", "en": "Report date {date}"},
    "front.why.describes": {
        "vi": "ngày gần nhất mà một số liệu phản ánh: {indicator}, {unit}; nguồn: {source}",
        "en": "the latest date a figure describes: {indicator}, {unit}; source: {source}"},
    "front.why.published": {
        "vi": "ngày công bố gần nhất của một nguồn có số liệu: {indicator}, {unit}; nguồn: {source}",
        "en": "the latest publication date of a figure's source: {indicator}, {unit}; source: {source}"},
    "front.why.today": {"vi": "ngày hôm nay (dữ liệu chưa có số liệu nào)",
                        "en": "today's date (the data hold no figures)"},
    "front.why.as_of": {"vi": "ngày được chọn bằng --as-of", "en": "given with --as-of"},
    "front.built": {"vi": "Lập lúc {time} ngày {date}.", "en": "Built {date} at {time}."},
    "front.provenance": {
        "vi": "Mỗi biểu đồ dưới đây có liên kết tới dữ liệu được vẽ (CSV) và ghi rõ nguồn; mỗi số liệu trong "
              "bộ dữ liệu đều kèm câu trích nguyên văn từ nguồn (data/observations.csv).",
        "en": "Every figure below links to the data it draws (CSV) and names its sources; every value in the "
              "data set carries the sentence it was taken from (data/observations.csv)."},
    "front.contents": {"vi": "Mục lục", "en": "Contents"},
    "front.findings.title": {"vi": "Những điểm chính", "en": "Key findings"},
    "front.findings.see_figure": {"vi": "xem biểu đồ", "en": "see the figure"},
    "front.downloads": {"vi": "Tải về", "en": "Downloads"},
    "front.download.summary": {"vi": "Bản tóm tắt", "en": "Summary"},
    "front.download.deck": {"vi": "Bài trình chiếu", "en": "Slides"},
    "front.download.workbook": {"vi": "Bảng tính", "en": "Workbook"},
    "front.changes.title": {"vi": "Thay đổi so với bộ tài liệu trước", "en": "Since the last pack"},
    "front.changes.none": {
        "vi": "Không có số liệu mới hoặc được điều chỉnh, không có thay đổi về tình trạng hay thứ hạng.",
        "en": "No new or revised figures, status changes or rank moves."},
    "front.changes.intro": {
        "vi": "Số liệu mới và được điều chỉnh, tình trạng thay đổi và biến động thứ hạng so với bộ tài liệu "
              "lập trước ({csv}). Thứ hạng thay đổi từ {noise} bậc trở xuống nằm trong sai số của chỉ số; "
              "thứ hạng trên tổng số đơn vị khác nhau không được so sánh.",
        "en": "New and revised figures, statuses that changed, and rank moves since the pack this one was "
              "built over ({csv}). A rank move of {noise} places or fewer is within the noise of the index; "
              "ranks out of different numbers of units are not compared."},
    "front.changes.kind": {"vi": "Thay đổi", "en": "Change"},
    "front.changes.unit": {"vi": "Đơn vị", "en": "Unit"},
    "front.changes.indicator": {"vi": "Chỉ tiêu", "en": "Indicator"},
    "front.changes.as_of": {"vi": "Thời điểm", "en": "As of"},
    "front.changes.old_value": {"vi": "Giá trị cũ", "en": "Old value"},
    "front.changes.new_value": {"vi": "Giá trị mới", "en": "New value"},
    "front.changes.old_status": {"vi": "Tình trạng cũ", "en": "Old status"},
    "front.changes.new_status": {"vi": "Tình trạng mới", "en": "New status"},
    "front.changes.sources": {"vi": "Nguồn", "en": "Sources"},
    "front.changes.note": {"vi": "Ghi chú", "en": "Note"},
    "front.kind.new_value": {"vi": "Số liệu mới", "en": "New figure"},
    "front.kind.revised_value": {"vi": "Số liệu điều chỉnh", "en": "Revised figure"},
    "front.kind.dropped_value": {"vi": "Số liệu không còn", "en": "Figure dropped"},
    "front.kind.status_change": {"vi": "Đổi tình trạng", "en": "Status changed"},
    "front.kind.rank_move": {"vi": "Đổi thứ hạng", "en": "Rank move"},
    "front.note.revised": {"vi": "số liệu của thời điểm này đã được điều chỉnh",
                           "en": "the figure for this date was revised"},
    "front.note.dropped": {
        "vi": "có trong bộ tài liệu trước, không có trong bộ này (ngày báo cáo sớm hơn, hoặc dòng số liệu đã rút)",
        "en": "in the previous pack, not in this one (an earlier as-of date, or a withdrawn row)"},
    "front.note.rank_not_comparable": {
        "vi": "thứ hạng trên {old} và trên {new} đơn vị không so sánh được; không tính biến động",
        "en": "ranks out of {old} and {new} units are not comparable; no move is computed"},
    "front.note.rank_up": {"vi": "tăng {places} bậc", "en": "up {places} place(s)"},
    "front.note.rank_up_noise": {"vi": "tăng {places} bậc; trong phạm vi sai số",
                                 "en": "up {places} place(s); within noise"},
    "front.note.rank_down": {"vi": "giảm {places} bậc", "en": "down {places} place(s)"},
    "front.note.rank_down_noise": {"vi": "giảm {places} bậc; trong phạm vi sai số",
                                   "en": "down {places} place(s); within noise"},
    "front.note.rank_unchanged": {"vi": "không đổi", "en": "unchanged"},
    "front.revised.title": {"vi": "Số liệu được điều chỉnh", "en": "Revised figures"},
    "front.revised.intro": {
        "vi": "Những số liệu đã được một công bố sau điều chỉnh, tính đến ngày báo cáo ({csv}). Bộ tài liệu dùng "
              "giá trị đã điều chỉnh; bộ tài liệu lập với {as_of} là một ngày trước lần điều chỉnh thì dùng giá "
              "trị được biết lúc đó.",
        "en": "Figures that a later publication revised, as known on the report date ({csv}). The pack uses the "
              "revised value; a pack built {as_of} a date before the revision shows the value known then."},
    "front.revised.unit": {"vi": "Đơn vị", "en": "Unit"},
    "front.revised.indicator": {"vi": "Chỉ tiêu", "en": "Indicator"},
    "front.revised.as_of": {"vi": "Thời điểm", "en": "Date"},
    "front.revised.first": {"vi": "Công bố lần đầu", "en": "First published"},
    "front.revised.revised": {"vi": "Điều chỉnh thành", "en": "Revised"},
    "front.revised.on": {"vi": "Ngày điều chỉnh", "en": "Revised on"},
    "front.notebooks.title": {"vi": "Các notebook đã chạy", "en": "Notebooks"},
    "front.run.name": {"vi": "Lần chạy", "en": "Run"},
    "front.run.shows": {"vi": "Nội dung", "en": "Shows"},
    "front.run.status": {"vi": "Tình trạng", "en": "Status"},
    "front.run.seconds": {"vi": "Giây", "en": "Seconds"},
    "front.run.parameters": {"vi": "Tham số", "en": "Parameters"},
    "front.run.ok": {"vi": "hoàn thành", "en": "ok"},
    "front.run.failed": {"vi": "lỗi", "en": "failed"},
    "front.notebook.01_profile": {"vi": "Hồ sơ tỉnh: {unit}", "en": "Province profile: {unit}"},
    "front.notebook.02_compare": {"vi": "So sánh các tỉnh", "en": "The provinces compared"},
    "front.notebook.03_targets": {"vi": "Mức độ đạt mục tiêu", "en": "Attainment of the targets"},
    "front.notebook.04_trends": {"vi": "Xu hướng", "en": "Trends"},
    "front.notebook.05_coverage": {"vi": "Phạm vi dữ liệu", "en": "What the data cover"},
    "front.figure.data": {"vi": "dữ liệu (CSV)", "en": "data (CSV)"},
    "front.tables.title": {"vi": "Bảng số liệu", "en": "Tables"},
    # the front page's figures opened full size, and its definitions of the indicators (issue 19)
    "front.figure.full_size": {"vi": "PNG cỡ đầy đủ", "en": "full-size PNG"},
    "front.figure.open": {"vi": "Mở biểu đồ cỡ đầy đủ", "en": "Open the figure full size"},
    "front.definitions.title": {"vi": "Định nghĩa các chỉ tiêu", "en": "Definitions"},
    "front.definitions.intro": {
        "vi": "Mỗi chỉ tiêu có trong các biểu đồ và bảng của bộ tài liệu: định nghĩa, đơn vị đo, chiều nào là tốt, "
              "và các nguồn có số liệu của chỉ tiêu trong bộ tài liệu.",
        "en": "Each indicator the pack's figures and tables show: its definition, its unit of measure, which way is "
              "better, and the sources that report it in the pack."},
    "front.definitions.in_english": {"vi": "(bằng tiếng Anh: chưa có định nghĩa tiếng Việt)", "en": "(in English)"},
    "front.definitions.none": {"vi": "Chưa có định nghĩa trong data/indicators.csv.",
                               "en": "No definition in data/indicators.csv yet."},
    "front.definitions.measure": {"vi": "Đơn vị đo", "en": "Unit of measure"},
    "front.definitions.direction": {"vi": "Chiều tốt", "en": "Which way is better"},
    "front.definitions.sources": {"vi": "Nguồn có số liệu trong bộ tài liệu", "en": "Sources reporting it in the pack"},
    "front.definitions.no_sources": {"vi": "không có nguồn nào trong bộ tài liệu", "en": "none in the pack"},
    "front.definitions.of_figure": {"vi": "Định nghĩa", "en": "Definitions"},
    "front.definitions.of_figure_n": {"vi": "Định nghĩa {n} chỉ tiêu trong biểu đồ",
                                      "en": "Definitions of the {n} indicators drawn"},
}
