"""An invented data set for the verdicts and the reorganisation: a passed deadline, a merged province
and a district-level target that ended with the districts (every figure fictional, said in its text)."""
from __future__ import annotations

from pathlib import Path

from .conftest import write_dataset

TEXT = (
    "VÍ DỤ THỬ NGHIỆM - SỐ LIỆU HƯ CẤU.\n"
    "Năm 2024, tỷ lệ hồ sơ công việc cấp tỉnh xử lý trên môi trường mạng của Lào Cai đạt 85%.\n"
    "6 tháng đầu năm 2025, tỷ lệ hồ sơ công việc cấp tỉnh đạt 88%, cấp huyện đạt 82%.\n"
    "Năm 2025, tỉnh Lào Cai mới có tỷ lệ hồ sơ công việc cấp tỉnh đạt 92%.\n"
    "Quý I/2026, tỷ lệ hồ sơ công việc cấp tỉnh đạt 94%.\n"
    "Năm 2024, Lai Châu có 70% hộ gia đình có cáp quang.\n"
    "Năm 2025, Lai Châu có 78% hộ gia đình có cáp quang.\n"
)

_SOURCES = [
    dict(id="bao-a", title="Bài thử nghiệm", publisher="Báo A", published="2026-03-31", url="", file="sources/a.txt",
         language="vi", note="fictional"),
    dict(id="qd-749-2020", title="Quyết định 749/QĐ-TTg", publisher="Thủ tướng Chính phủ", published="2020-06-03",
         url="", file="", language="vi", note=""),
    dict(id="luat-72", title="Luật Tổ chức chính quyền địa phương số 72/2025/QH15", publisher="Quốc hội",
         published="2025-06-16", url="", file="", language="vi", note=""),
]
_UNITS = [
    dict(id="vietnam", name_vi="Việt Nam", name_en="Vietnam", level="nation", parent="", aliases="Viet Nam",
         valid_from="", valid_to="", successor="", gso_code=""),
    dict(id="lao-cai", name_vi="Lào Cai", name_en="Lào Cai", level="province", parent="vietnam", aliases="Lao Cai",
         valid_from="", valid_to="2025-06-30", successor="lao-cai-2025", gso_code=""),
    dict(id="lao-cai-2025", name_vi="Lào Cai", name_en="Lào Cai (2025)", level="province", parent="vietnam",
         aliases="Lào Cai (2025)", valid_from="2025-07-01", valid_to="", successor="", gso_code=""),
    dict(id="lai-chau", name_vi="Lai Châu", name_en="Lai Châu", level="province", parent="vietnam",
         aliases="Lai Chau", valid_from="", valid_to="", successor="", gso_code=""),
]
_IND = dict(pillar="government", unit="percent", higher_is_better="true", concept="", method="", aliases="",
            headline="", levels="", applies_until="", applies_until_source="", applies_until_note="")
_INDICATORS = [
    dict(_IND, id="dossiers_online_province_pct", name_vi="Hồ sơ công việc cấp tỉnh", name_en="Province work records",
         definition="Share of province-level work records processed online.", headline="true"),
    dict(_IND, id="dossiers_online_district_pct", name_vi="Hồ sơ công việc cấp huyện", name_en="District work records",
         definition="Share of district-level work records processed online.", applies_until="2025-06-30",
         applies_until_source="luat-72", applies_until_note="districts ended on 1 July 2025 (Law 72/2025/QH15)"),
    dict(_IND, id="households_fibre_pct", pillar="infrastructure", name_vi="Hộ gia đình có cáp quang",
         name_en="Households with fibre", definition="Share of households with a fibre connection.", headline="true"),
]


def _obs(unit, indicator, as_of, period, value, quote):
    return dict(unit=unit, indicator=indicator, as_of=as_of, period=period, value=value, qualifier="", source="bao-a",
                quote=quote, note="fictional", rank_of="")


_OBSERVATIONS = [
    _obs("lao-cai", "dossiers_online_province_pct", "2024-12-31", "năm 2024", "85",
         "Năm 2024, tỷ lệ hồ sơ công việc cấp tỉnh xử lý trên môi trường mạng của Lào Cai đạt 85%."),
    _obs("lao-cai", "dossiers_online_province_pct", "2025-06-30", "6 tháng đầu năm 2025", "88",
         "6 tháng đầu năm 2025, tỷ lệ hồ sơ công việc cấp tỉnh đạt 88%, cấp huyện đạt 82%."),
    _obs("lao-cai", "dossiers_online_district_pct", "2025-06-30", "6 tháng đầu năm 2025", "82",
         "6 tháng đầu năm 2025, tỷ lệ hồ sơ công việc cấp tỉnh đạt 88%, cấp huyện đạt 82%."),
    _obs("lao-cai-2025", "dossiers_online_province_pct", "2025-12-31", "năm 2025", "92",
         "Năm 2025, tỉnh Lào Cai mới có tỷ lệ hồ sơ công việc cấp tỉnh đạt 92%."),
    _obs("lao-cai-2025", "dossiers_online_province_pct", "2026-03-31", "quý I/2026", "94",
         "Quý I/2026, tỷ lệ hồ sơ công việc cấp tỉnh đạt 94%."),
    _obs("lai-chau", "households_fibre_pct", "2024-12-31", "năm 2024", "70",
         "Năm 2024, Lai Châu có 70% hộ gia đình có cáp quang."),
    _obs("lai-chau", "households_fibre_pct", "2025-12-31", "năm 2025", "78",
         "Năm 2025, Lai Châu có 78% hộ gia đình có cáp quang."),
]


def _target(unit, indicator, deadline, value, instrument="Quyết định 749/QĐ-TTg"):
    return dict(unit=unit, indicator=indicator, deadline=deadline, value=value, comparator=">=", source="qd-749-2020",
                instrument=instrument, quote="", note="", rank_of="")


_TARGETS = [
    _target("vietnam", "dossiers_online_province_pct", "2025-12-31", "90"),
    _target("vietnam", "dossiers_online_province_pct", "2030-12-31", "100"),
    _target("vietnam", "dossiers_online_district_pct", "2025-12-31", "80"),
    _target("vietnam", "households_fibre_pct", "2025-12-31", "80"),
    _target("lao-cai", "dossiers_online_province_pct", "2024-12-31", "90", "Kế hoạch của tỉnh Lào Cai năm 2024"),
]

TABLES = {"sources": _SOURCES, "units": _UNITS, "indicators": _INDICATORS, "observations": _OBSERVATIONS,
          "targets": _TARGETS}
AS_OF = "2026-03-31"


def write_reorg_dataset(folder: Path) -> Path:
    """Write the invented data set to ``folder``; return it."""
    return write_dataset(folder, TABLES, TEXT)
