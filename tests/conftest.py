"""Fixtures: a small hand-made data set written to a temporary folder, and the shipped one."""
from __future__ import annotations

import csv
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

import dtlib
from dtlib.data.vocab import all_columns

SOURCE_TEXT = (
    "Tỷ lệ hồ sơ công việc tại cấp tỉnh được xử lý trên môi trường mạng đạt 87%.\n"
    "Đến nay, tỷ lệ hồ sơ công việc tại cấp tỉnh đạt 93%, toàn tỉnh có 1.545 tổ công nghệ số cộng đồng.\n"
    "Lào Cai đạt 0,3081 điểm và đứng thứ 52 trong số 63 tỉnh, thành.\n"
    "Huyện Bảo Thắng có 95% người dân trưởng thành có thiết bị thông minh.\n"
    "Mục tiêu năm 2025 là 90% hồ sơ công việc tại cấp tỉnh.\n"
    "Tỉnh Lào Cai xếp thứ 14/34 tỉnh, thành phố về mức độ chuyển đổi số năm 2024, đạt 0,7167 điểm.\n"
)

MINI = {
    "sources": [
        dict(id="bao-a", title="Bài A", publisher="Báo A", published="2023-10-20", url="", file="sources/a.txt",
             language="vi", note=""),
        dict(id="qd-749-2020", title="Quyết định 749/QĐ-TTg", publisher="Thủ tướng Chính phủ",
             published="2020-06-03", url="https://example.org/749", file="", language="vi", note=""),
    ],
    "units": [
        dict(id="vietnam", name_vi="Việt Nam", name_en="Vietnam", level="nation", parent="", aliases="Viet Nam",
             valid_from="", valid_to="", successor="", gso_code=""),
        dict(id="lao-cai", name_vi="Lào Cai", name_en="Lao Cai", level="province", parent="vietnam",
             aliases="Lao Cai|tỉnh Lào Cai", valid_from="", valid_to="2025-06-30", successor="lao-cai-2025",
             gso_code="10"),
        dict(id="lao-cai-2025", name_vi="Lào Cai", name_en="Lao Cai (2025)", level="province", parent="vietnam",
             aliases="Lào Cai (2025)", valid_from="2025-07-01", valid_to="", successor="", gso_code=""),
        dict(id="lai-chau", name_vi="Lai Châu", name_en="Lai Chau", level="province", parent="vietnam",
             aliases="Lai Chau", valid_from="", valid_to="", successor="", gso_code="12"),
        dict(id="bao-thang", name_vi="Bảo Thắng", name_en="Bao Thang", level="district", parent="lao-cai",
             aliases="huyện Bảo Thắng", valid_from="", valid_to="", successor="", gso_code=""),
    ],
    "indicators": [
        dict(id="dossiers_online_province_pct", pillar="government", name_vi="Hồ sơ công việc cấp tỉnh",
             name_en="Province work records online", unit="percent", higher_is_better="true",
             definition="Share of province-level work records processed online."),
        dict(id="community_digital_teams", pillar="society", name_vi="Tổ công nghệ số cộng đồng",
             name_en="Community digital teams", unit="count", higher_is_better="true",
             definition="Number of community digital technology teams."),
        dict(id="dti_score", pillar="government", name_vi="Điểm DTI", name_en="DTI score", unit="score_0_1",
             higher_is_better="true", definition="Provincial DTI score, 0 to 1."),
        dict(id="dti_rank", pillar="government", name_vi="Xếp hạng DTI", name_en="DTI rank", unit="rank",
             higher_is_better="false", definition="Provincial DTI rank."),
        dict(id="adults_smart_device_pct", pillar="society", name_vi="Người trưởng thành có thiết bị thông minh",
             name_en="Adults with a smart device", unit="percent", higher_is_better="true",
             definition="Share of adults owning a smart device."),
    ],
    "observations": [
        dict(unit="lao-cai", indicator="dossiers_online_province_pct", as_of="2022-09-30", period="9 tháng năm 2022",
             value="87", qualifier="", source="bao-a",
             quote="Tỷ lệ hồ sơ công việc tại cấp tỉnh được xử lý trên môi trường mạng đạt 87%.", note="", rank_of=""),
        dict(unit="lao-cai", indicator="dossiers_online_province_pct", as_of="2023-10-20", period="đến nay",
             value="93", qualifier="", source="bao-a", quote="tỷ lệ hồ sơ công việc tại cấp tỉnh đạt 93%",
             note="", rank_of=""),
        dict(unit="lao-cai", indicator="community_digital_teams", as_of="2023-10-20", period="đến nay",
             value="1545", qualifier="", source="bao-a", quote="toàn tỉnh có 1.545 tổ công nghệ số cộng đồng",
             note="", rank_of=""),
        dict(unit="lao-cai", indicator="dti_score", as_of="2021-12-31", period="DTI 2021", value="0.3081",
             qualifier="", source="bao-a", quote="Lào Cai đạt 0,3081 điểm", note="", rank_of=""),
        dict(unit="lao-cai", indicator="dti_rank", as_of="2021-12-31", period="DTI 2021", value="52",
             qualifier="", source="bao-a", quote="đứng thứ 52 trong số 63 tỉnh, thành", note="", rank_of="63"),
        dict(unit="bao-thang", indicator="adults_smart_device_pct", as_of="2023-10-20", period="đến nay",
             value="95", qualifier="", source="bao-a",
             quote="Huyện Bảo Thắng có 95% người dân trưởng thành có thiết bị thông minh.", note="", rank_of=""),
    ],
    "targets": [
        dict(unit="vietnam", indicator="dossiers_online_province_pct", deadline="2025-12-31", value="90",
             comparator=">=", source="qd-749-2020", instrument="Quyết định 749/QĐ-TTg", quote="", note="",
             rank_of=""),
        dict(unit="lai-chau", indicator="dti_rank", deadline="2025-12-31", value="45", comparator="<=",
             source="qd-749-2020", instrument="Đề án", quote="", note="", rank_of="63"),
        dict(unit="vietnam", indicator="adults_smart_device_pct", deadline="2025-12-31", value="80",
             comparator=">=", source="qd-749-2020", instrument="Quyết định 411/QĐ-TTg", quote="", note="",
             rank_of=""),
    ],
}


def write_dataset(folder: Path, tables: dict | None = None, text: str = SOURCE_TEXT) -> Path:
    """Write the mini data set (or ``tables``) as CSV files to ``folder``; return it."""
    tables = tables or MINI
    (folder / "sources").mkdir(parents=True, exist_ok=True)
    (folder / "sources" / "a.txt").write_text(text, encoding="utf-8")
    for name, rows in tables.items():
        with open(folder / f"{name}.csv", "w", encoding="utf-8", newline="") as handle:
            columns = list(rows[0]) if rows else all_columns(name)
            writer = csv.DictWriter(handle, fieldnames=columns)
            writer.writeheader()
            writer.writerows(rows)
    return folder


def mini_tables() -> dict:
    """A deep copy of the mini tables, to spoil in a test."""
    return {name: [dict(r) for r in rows] for name, rows in MINI.items()}


@pytest.fixture(scope="session", autouse=True)
def font_cache(tmp_path_factory) -> Iterator[Path]:
    """The font subsets of the session (:mod:`dtlib.figures.font_subsets`) are kept in a folder of its own."""
    folder = tmp_path_factory.mktemp("dtlib-cache")
    previous = os.environ.get("DTLIB_CACHE_DIR")
    os.environ["DTLIB_CACHE_DIR"] = str(folder)
    yield folder
    if previous is None:
        os.environ.pop("DTLIB_CACHE_DIR", None)
    else:
        os.environ["DTLIB_CACHE_DIR"] = previous


@pytest.fixture
def mini_dir(tmp_path: Path) -> Path:
    return write_dataset(tmp_path / "data")


@pytest.fixture
def mini(mini_dir: Path) -> dtlib.Dataset:
    return dtlib.load(mini_dir)


@pytest.fixture
def english_theme():
    """The house theme for one test only, in English (the words the figure tests check); pyplot left empty."""
    import matplotlib.pyplot as plt

    from dtlib.figures import plots

    from dtlib.words import i18n

    with plots.theme(), i18n.use_language("en"):
        yield
    plt.close("all")


@pytest.fixture(scope="session")
def shipped() -> dtlib.Dataset:
    return dtlib.load()


_PACKS: dict[str, Path] = {}


@pytest.fixture(scope="session")
def built_pack(tmp_path_factory):
    """``built_pack(lang)``: the shipped data's briefing pack in ``lang``, built once per session.

    Tests that read a whole pack (languages, the deck, the workbook, the front page in a
    browser, figure sizes) share these builds; none of them may change the pack.
    """
    from dtlib.cli import main

    def build(lang: str = "vi") -> Path:
        if lang not in _PACKS:
            out = tmp_path_factory.mktemp(f"pack-{lang}") / "pack"
            code = main(["report", "--out", str(out), "--lang", lang, "--quiet", "--jobs", "2"])
            assert code == 0, f"the {lang} pack failed to build: see {out}/manifest.json"
            _PACKS[lang] = out
        return _PACKS[lang]

    return build
