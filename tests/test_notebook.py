"""dtlib.notebook: one call opens a notebook run; a run shows sections, sentences, tables and figures."""
import matplotlib.pyplot as plt
import pandas as pd
import pytest

from dtlib import captions, i18n, notebook
from dtlib.prose import escape_markdown


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
