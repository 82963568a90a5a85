"""dtlib.briefing.notebook: one call opens a notebook run; a run shows sections, sentences, tables and figures."""
import json

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from dtlib.briefing import notebook

from dtlib.words import captions, i18n
from dtlib.words.prose import escape_markdown


@pytest.fixture(autouse=True)
def keep_language():
    before = i18n.language()
    yield
    i18n.set_language(before)


def test_setup_sets_the_language_and_holds_data_date_names_and_units(mini_dir, tmp_path):
    run = notebook.setup("01_profile", data_dir=mini_dir, as_of="2023-12-31", lang="en", out_dir=tmp_path,
                         unit="Lào Cai", units=["lao-cai", "nowhere"])
    assert i18n.language() == "en" and run.lang == "en"
    assert run.notebook == "01_profile.ipynb" and run.as_of == pd.Timestamp("2023-12-31")
    assert run.unit == "lao-cai" and run.name == "Lao Cai"               # a name resolved to its id, named in English
    assert run.units == ["lao-cai"] and run.missing == ["nowhere"]
    assert run.indicator_names["dti_rank"] == "DTI rank"


def test_after_the_mergers_the_compared_provinces_are_what_they_became(mini_dir):
    run = notebook.setup("02_compare", data_dir=mini_dir, as_of="2025-12-31", lang="vi")
    assert run.units == ["lao-cai-2025", "lai-chau"] and i18n.language() == "vi"
    assert run.missing == []             # the default provinces the mini data set lacks are not "left out"
    assert run.as_of == pd.Timestamp("2025-12-31")


def test_a_section_is_markdown_from_the_catalogue_with_data_fields_escaped():
    with i18n.use_language("vi"):
        text = notebook.section_markdown("profile", name="Lào Cai <script>")
        assert text.startswith("# Hồ sơ tỉnh: Lào Cai &lt;script&gt;") and "<script>" not in text
        pillars = notebook.section_markdown("profile.pillars")
        assert pillars.startswith("## " + i18n.t("nb.section.profile.pillars.title"))
    with i18n.use_language("en"):
        method = notebook.section_markdown("targets.method")
        assert "(y<sub>t</sub> / y<sub>0</sub>)<sup>1/(t − t<sub>0</sub>)</sup> − 1" in method
    assert escape_markdown("[x]") == "\\[x\\]"


@pytest.mark.heavy
def test_a_table_is_saved_raw_and_a_figure_with_its_caption(mini_dir, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr("IPython.display.display", lambda obj: shown.append(obj))
    run = notebook.setup("05_coverage", data_dir=mini_dir, lang="en", out_dir=tmp_path)
    frame = pd.DataFrame({"unit": ["lao-cai"], "as_of": [pd.Timestamp("2022-09-30")], "n": [2]})
    run.table(frame, ["unit", "as_of", "n"], save="probe")
    raw = pd.read_csv(tmp_path / "tables" / "probe.csv")
    assert raw.columns.tolist() == ["unit", "as_of", "n"] and raw.loc[0, "unit"] == "lao-cai"
    assert "Sep 2022" in shown[0].to_html() and "Lao Cai" in shown[0].to_html()
    run.section("coverage")                               # a notebook's opening is followed by its report date
    assert shown[-1].data == captions.report_date_line(run.as_of)
    fig, _ = plt.subplots()
    monkeypatch.setattr(plt, "show", lambda: None)
    run.figure(fig, "probe_figure", frame, "A title", "A subtitle", ["bao-a"])
    assert (tmp_path / "probe_figure.png").exists() and "A title" in (tmp_path / "probe_figure.json").read_text()
    plt.close("all")


def test_a_long_table_shows_its_first_rows_and_says_which_csv_holds_them_all(mini_dir, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr("IPython.display.display", lambda obj: shown.append(obj))
    run = notebook.setup("02_compare", data_dir=mini_dir, lang="en", out_dir=tmp_path)
    limit = notebook.TABLE_ROWS_SHOWN
    frame = pd.DataFrame({"unit": ["lao-cai"] * (limit * 2 + 41), "n": range(limit * 2 + 41)})
    run.table(frame, ["unit", "n"], save="long")
    html, sentence = shown[0].to_html(), shown[1].data
    assert html.count("<tr") == limit + 1                             # the header and the first rows
    assert f">{limit - 1}<" in html and f">{limit}<" not in html
    assert sentence == escape_markdown(captions.rows_shown(limit, limit * 2 + 41, "long"))
    assert "tables/long.csv" in sentence and len(pd.read_csv(tmp_path / "tables" / "long.csv")) == limit * 2 + 41
    shown.clear()
    run.table(frame, ["unit", "n"], whole_in="saved_elsewhere")     # saved by the notebook itself
    assert "tables/saved_elsewhere.csv" in shown[1].data
    shown.clear()
    run.table(frame.head(limit), ["unit", "n"])                       # short enough: no sentence
    assert len(shown) == 1
    with i18n.use_language("vi"):
        assert captions.rows_shown(100, 2041) == "Bảng trên chỉ hiện 100 dòng đầu trong 2.041 dòng."


def test_the_coverage_matrix_is_cut_into_pages_by_pillar_that_fit_a4(shipped):
    import dtlib

    obs = dtlib.known_observations(shipped, "2026-03-31")
    pages = notebook.coverage_pages(obs, shipped.indicators, rows=30)
    seen = [i for *_, page in pages for i in page["indicator"].unique()]
    assert sorted(seen) == sorted(obs["indicator"].unique())            # every indicator once
    assert all(page["indicator"].nunique() <= 30 for *_, page in pages)
    pillar_of = dict(zip(shipped.indicators["id"], shipped.indicators["pillar"]))
    assert all(set(page["indicator"].map(pillar_of)) == {pillar} for _, pillar, _, _, page in pages)
    names = [name for name, *_ in pages]
    assert len(set(names)) == len(names) and "coverage_matrix_government_2" in names
    assert all(parts == sum(p == pillar for _, p, *_ in pages) for _, pillar, _, parts, _ in pages)


@pytest.mark.heavy
def test_a_figure_is_closed_once_saved_and_shown_from_its_png(mini_dir, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr("IPython.display.display", lambda obj, *a, **k: shown.append(obj))
    run = notebook.setup("04_trends", data_dir=mini_dir, lang="en", out_dir=tmp_path)
    fig, ax = plt.subplots()
    ax.plot([0, 1], [0, 1])
    before = len(plt.get_fignums())
    run.figure(fig, "closed_check", pd.DataFrame({"x": [1]}), "Title", None, [])
    assert len(plt.get_fignums()) == before - 1
    assert shown and shown[-1].data[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.heavy
def test_beside_the_others_a_profile_shows_its_own_figures_and_each_peer_followed_across_the_mergers(tmp_path):
    """Lào Cai's profile sets Thái Nguyên's share of villages with mobile broadband beside its own as the
    comparison does: the one the Thái Nguyên before 1 July 2025 reported, named so; never "not reported".
    Where the merged province reports its own (its DTI 2024 rank), that one."""
    run = notebook.setup("01_profile", unit="lao-cai-2025", as_of="2026-03-31", lang="vi", out_dir=tmp_path)
    everyone, side = notebook.beside_peers(run)
    rows = side.set_index(["indicator", "unit"])
    key = ("villages_mobile_broadband_pct", "thai-nguyen-2025")
    assert rows.loc[key, "reported_by"] == "thai-nguyen" and rows.loc[key, "value"] == 99.6
    assert rows.loc[("dti_rank", "thai-nguyen-2025"), "reported_by"] == "thai-nguyen-2025"
    assert rows.loc[("dti_rank", "thai-nguyen-2025"), "value"] == 8
    named = everyone.set_index(["indicator", "unit"]).loc[key, "unit_name"]
    assert named.endswith("trước 01/07/2025: Thái Nguyên") and named.startswith(run.names["thai-nguyen-2025"])
    # the province itself: its own figures only (the former Lào Cai's 1.545 teams are not its own)
    assert set(side.loc[side["unit"] == "lao-cai-2025", "reported_by"]) == {"lao-cai-2025"}
    assert "community_digital_teams" not in set(side["indicator"])
    own = notebook.setup("01_profile", unit="lao-cai-2025", as_of="2026-03-31", lang="vi", out_dir=tmp_path,
                         follow_mergers=False)
    _, side = notebook.beside_peers(own)
    assert "thai-nguyen-2025" not in set(side.loc[side["indicator"] == "villages_mobile_broadband_pct", "unit"])
    assert "reported_by" not in side


@pytest.mark.heavy
def test_the_province_beside_the_others_is_cut_into_pages_that_fit_a4(tmp_path, monkeypatch):
    """Lào Cai, profiled on 30 Jun 2025, shares six indicators with the others: two pages of three, each
    within an A4 text block's proportions (one figure of eight panels was 10 x 18 in)."""
    import warnings

    from dtlib.figures.figure_files import FigureSizeWarning, fits

    monkeypatch.setattr("IPython.display.display", lambda obj: None)
    run = notebook.setup("01_profile", unit="lao-cai", as_of="2025-06-30", lang="vi", out_dir=tmp_path)
    everyone, side = notebook.beside_peers(run)
    pages = notebook.peer_pages(f"profile_{run.unit}_peers", side)
    assert side["indicator"].nunique() > notebook.PEER_PANELS and len(pages) == 2
    assert [i for *_, page in pages for i in dict.fromkeys(page["indicator"])] == list(dict.fromkeys(side["indicator"]))
    with warnings.catch_warnings():
        warnings.simplefilter("error", FigureSizeWarning)
        for name, part, parts, page in pages:
            run.figure(notebook.draw_peers(run, everyone, page), name, page, captions.peers_title(run.name, run.as_of,
                       part, parts), captions.peers_subtitle(), page["source"])
            record = json.loads((tmp_path / f"{name}.json").read_text(encoding="utf-8"))
            assert "page" in record["fits"] and "page" in fits(tuple(record["size"]))
            assert record["caption"].endswith(f"({part}/{parts})")
    assert [p.name for p in sorted(tmp_path.glob("profile_lao-cai_peers*.png"))] == [
        "profile_lao-cai_peers.png", "profile_lao-cai_peers_2.png"]


@pytest.mark.heavy
def test_the_province_against_its_targets_is_cut_into_pages_that_fit_a4(tmp_path, monkeypatch):
    """Lai Châu on 31 Mar 2026 has 22 targets: one figure of four pillars was 10 x 16.1 in, taller
    than an A4 text block. Pages of at most PILLAR_ROWS indicators, whole pillars together, each fits."""
    import warnings

    from dtlib.figures.figure_files import FigureSizeWarning, fits

    monkeypatch.setattr("IPython.display.display", lambda obj: None)
    run = notebook.setup("01_profile", unit="lai-chau", as_of="2026-03-31", lang="en", out_dir=tmp_path)
    table = notebook.attainment(run, units=[run.unit])
    pages = notebook.pillar_pages(f"profile_{run.unit}_pillars", table)
    assert table["indicator"].nunique() > notebook.PILLAR_ROWS and len(pages) >= 2
    drawn = [i for *_, page in pages for i in dict.fromkeys(page["indicator"])]
    assert sorted(drawn) == sorted(table["indicator"].unique())          # every indicator once
    assert all(page["indicator"].nunique() <= notebook.PILLAR_ROWS for *_, page in pages)
    with warnings.catch_warnings():
        warnings.simplefilter("error", FigureSizeWarning)
        for name, part, parts, page in pages:
            run.figure(notebook.draw_pillars(page, run.as_of), name, page,
                       captions.pillars_title(run.name, run.as_of, part, parts), "", page["source"])
            record = json.loads((tmp_path / f"{name}.json").read_text(encoding="utf-8"))
            assert "page" in fits(tuple(record["size"]))
            assert record["caption"].endswith(i18n.t("nb.trends.part", k=str(part), n=str(parts)))


@pytest.mark.heavy
def test_a_profile_of_a_province_that_had_ended_is_of_what_it_became_and_says_so(shipped, tmp_path):
    run = notebook.setup("01_profile", unit="lao-cai", as_of="2026-03-31", lang="vi", out_dir=tmp_path)
    assert run.unit == "lao-cai-2025" and run.asked == "lao-cai"
    said = captions.profiled_successor(run.data, run.asked, run.unit, run.names)
    assert said.startswith("Lào Cai đã kết thúc vào ngày 30/06/2025") and run.names["lao-cai-2025"] in said
    yen_bai = notebook.setup("01_profile", unit="Yên Bái", as_of="2026-03-31", lang="vi", out_dir=tmp_path)
    assert (yen_bai.unit, yen_bai.asked) == ("lao-cai-2025", "yen-bai")
    before = notebook.setup("01_profile", unit="lao-cai", as_of="2025-06-30", lang="vi", out_dir=tmp_path)
    assert (before.unit, before.asked) == ("lao-cai", None)            # the last day it existed
    assert captions.profiled_successor(before.data, before.asked, before.unit, before.names) == ""
    district = notebook.setup("01_profile", unit="bao-thang", as_of="2026-03-31", lang="vi", out_dir=tmp_path)
    assert (district.unit, district.asked) == ("bao-thang", None)       # districts ended with no successor


def test_the_heatmap_draws_the_targets_someone_reported_and_names_the_others(shipped):
    from dtlib.analysis.targets import attainment_table

    table = attainment_table(shipped, "2026-03-31", units=["vietnam", "lai-chau", "thai-nguyen-2025"])
    drawn, unreported = notebook.heatmap_rows(table)
    reported = set(table.loc[table["value"].notna(), "indicator"])
    assert drawn and unreported and set(drawn) == reported
    assert set(drawn) | set(unreported) == set(table["indicator"]) and not set(drawn) & set(unreported)
    assert drawn == [i for i in notebook.indicators_by_pillar(table) if i in reported]   # still by pillar
    with i18n.use_language("en"):
        sentence = captions.unreported_targets(["A", "B"])
        assert sentence.startswith("No unit in the figure has a figure for these 2 indicators") and "A and B" in sentence
        assert "2 indicators with a target but no figure" in captions.heatmap_subtitle(None, 2)
        assert "not drawn" not in captions.heatmap_subtitle(None, 0) and captions.unreported_targets([]) == ""
