"""The comparison notebooks follow a province into its 2025 successor on request, and say so."""
import json
import shutil
from pathlib import Path

import nbformat
import pandas as pd
import papermill as pm
import pytest

from dtlib.intake.ingest import add

ROOT = Path(__file__).resolve().parent.parent
TEXT = "VÍ DỤ THỬ NGHIỆM - SỐ LIỆU HƯ CẤU.\nTỷ lệ hộ gia đình có internet cáp quang của tỉnh Quảng Trị mới đạt 70%.\n"


@pytest.fixture(scope="module")
def merged_store(tmp_path_factory) -> Path:
    """A copy of data/ with one invented post-merger figure for Quảng Trị (2025)."""
    base = tmp_path_factory.mktemp("merged")
    store = Path(shutil.copytree(ROOT / "data", base / "data"))
    (store / "sources" / "test-merger.txt").write_text(TEXT, encoding="utf-8")
    (base / "s.csv").write_text("id,title,publisher,published,url,file,language,note\n"
                                "test-merger,Invented test figure,test,2026-01-15,,sources/test-merger.txt,vi,fictional\n",
                                encoding="utf-8")
    (base / "o.csv").write_text("unit,indicator,as_of,period,value,qualifier,source,quote,note,rank_of\n"
                                "Quảng Trị (2025),households_fibre_pct,2025-12-31,năm 2025,70,,test-merger,"
                                "Tỷ lệ hộ gia đình có internet cáp quang của tỉnh Quảng Trị mới đạt 70%.,fictional,\n",
                                encoding="utf-8")
    add(base / "o.csv", store, sources_file=base / "s.csv")
    return store


def run(notebook: str, out: Path, store: Path, **params) -> str:
    out.mkdir(parents=True, exist_ok=True)
    executed = out / f"{notebook}.out.ipynb"
    pm.execute_notebook(str(ROOT / "notebooks" / f"{notebook}.ipynb"), str(executed), cwd=str(ROOT / "notebooks"),
                        parameters={"data_dir": str(store), "out_dir": str(out), "as_of": "2026-01-31", "lang": "en",
                                    **params},
                        progress_bar=False)
    nb = nbformat.read(executed, as_version=4)
    return "\n".join(str(o.get("data", {}).get("text/markdown", "")) + str(o.get("text", ""))
                     for c in nb.cells if c.cell_type == "code" for o in c.outputs)


@pytest.mark.heavy
def test_a_figure_for_the_old_province_after_the_merger_is_refused_naming_the_successor(merged_store, tmp_path):
    from dtlib import ValidationError
    bad = tmp_path / "bad.csv"
    bad.write_text((merged_store.parent / "o.csv").read_text(encoding="utf-8").replace("Quảng Trị (2025),",
                                                                                      "quang-binh,"), encoding="utf-8")
    with pytest.raises(ValidationError, match="successor 'quang-tri-2025'"):
        add(bad, merged_store)


@pytest.mark.slow
def test_trends_follow_quang_binh_into_quang_tri_with_the_break_marked(merged_store, tmp_path):
    # asked for Quảng Bình on a date after the merger: the pack shows what it became, with its past
    run("04_trends", tmp_path, merged_store, units=["quang-binh"], follow_mergers=True,
        indicators=["households_fibre_pct"])
    # a headline indicator: drawn in the headline figure, one panel, Quảng Trị's line named for what it absorbed
    assert (tmp_path / "trend_headline.png").exists()
    meta = json.loads((tmp_path / "trend_headline.json").read_text(encoding="utf-8"))
    assert meta["caption"].startswith("Headline indicators")
    assert "Quảng Trị (with former Quảng Bình)" in meta["texts"]
    assert any("merged on 1 July 2025" in t for t in meta["texts"])          # the break, marked
    drawn = pd.read_csv(tmp_path / "trend_headline.csv")
    reported = drawn[(drawn["kind"] == "reported") & (drawn["indicator"] == "households_fibre_pct")]
    assert reported["value"].tolist() == [59.21, 70.0]
    # two segments, never one line: the figure before the merger is Quảng Bình's, the one after Quảng Trị's
    assert reported["segment"].tolist() == ["quang-binh", "quang-tri-2025"]
    assert set(reported["unit"]) == {"quang-tri-2025"}
    plain = run("04_trends", tmp_path / "plain", merged_store, units=["quang-binh"], follow_mergers=False,
                indicators=["households_fibre_pct"])
    # not followed: Quảng Bình, ended by the report date, is shown as what it became, with only the
    # successor's own figures: Quảng Trị's one point, none of Quảng Bình's, no break
    alone = pd.read_csv(tmp_path / "plain" / "trend_headline.csv")
    alone = alone[(alone["kind"] == "reported") & (alone["indicator"] == "households_fibre_pct")]
    assert alone["value"].tolist() == [70.0] and set(alone["unit"]) == {"quang-tri-2025"}
    assert "segment" not in alone or set(alone["segment"].dropna()) <= {"quang-tri-2025"}
    assert "merged" not in plain


@pytest.mark.slow
def test_compare_follows_on_request_and_states_the_change(merged_store, tmp_path):
    text = run("02_compare", tmp_path, merged_store, units=["quang-binh", "lao-cai"], follow_mergers=True,
               indicators=["households_fibre_pct"])
    assert "Followed across the 2025 mergers" in text and "merged into" in text
    ranked = pd.read_csv(tmp_path / "tables" / "compare_ranked.csv").set_index("unit")
    assert ranked.loc["quang-tri-2025", "value"] == 70          # the merged province's own figure
