"""The front page's HTML: in the pack's language, escaped, findings linked, offline, ready for a phone.

The page in a real browser is tested in ``tests/test_browser.py``.
"""
from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest

from dtlib import i18n
from dtlib.changes import since_last_pack
from dtlib.front_page import DOWNLOADS, front_page
from dtlib.i18n import t
from dtlib.observations import report_date_reason


class Page(HTMLParser):
    """What a test needs of a page: tags with their attributes, ids, and the visible text."""

    def __init__(self, text: str):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)

    def attrs(self, tag: str, name: str) -> list[str]:
        return [a[name] for t_, a in self.tags if t_ == tag and name in a]

    @property
    def ids(self) -> set[str]:
        return {a["id"] for _, a in self.tags if "id" in a}


def a_run(name="05_coverage", data_dir=None, status="ok", figures=(), **parameters) -> dict:
    params = {"as_of": "2023-10-20", **({"data_dir": str(data_dir)} if data_dir else {}), **parameters}
    run = {"name": name, "notebook": f"{name.split('_lao')[0]}.ipynb", "parameters": params, "status": status,
           "seconds": 12.5, "figures": list(figures), "error": None}
    if status != "ok":
        run["error"] = {"cell": 3, "ename": "ValueError", "evalue": "dữ liệu <hỏng>"}
    return run


def write_figure(out: Path, name: str, caption: str = "Chú thích", source: str = "Nguồn: A") -> None:
    out.mkdir(parents=True, exist_ok=True)
    (out / f"{name}.png").write_bytes(b"png")
    (out / f"{name}.json").write_text(json.dumps({"name": name, "caption": caption, "source": source}),
                                      encoding="utf-8")


@pytest.fixture
def pack(tmp_path, mini_dir):
    """A pack folder with one figure, and a manifest whose runs read the mini data set."""
    out = tmp_path / "pack"
    write_figure(out, "fig_a", caption="Lào Cai <b>& co</b>")
    manifest = {"built": "2023-10-21T08:05:00", "as_of": "2023-10-20", "why": "English sentence", "lang": "vi",
                "runs": [a_run("01_profile_lao-cai", mini_dir, figures=["fig_a"], unit="lao-cai"),
                         a_run("05_coverage", mini_dir)]}
    return out, manifest


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_page_is_written_in_the_packs_language(pack, mini, lang):
    out, manifest = pack
    page = front_page({**manifest, "lang": lang}, out)
    parsed = Page(page)
    assert parsed.attrs("html", "lang") == [lang]
    assert f"<title>{t('front.title', lang)}</title>" in page
    assert f"<strong>{i18n.date('2023-10-20', lang)}</strong>" in page
    assert t("front.built", lang, date=i18n.date("2023-10-21", lang), time="08:05") in page
    # the report date's reason comes from the data, in words of the catalogue and names of the language
    reason = report_date_reason(mini)
    indicator = mini.indicators.set_index("id").loc[reason["indicator"], f"name_{lang}"]
    unit = mini.units.set_index("id").loc[reason["unit"], f"name_{lang}"]
    assert t(f"front.why.{reason['by']}", lang, indicator=indicator, unit=unit, source="Báo A") in page
    assert "English sentence" not in page
    profiled = mini.units.set_index("id").loc["lao-cai", f"name_{lang}"]
    assert t("front.notebook.01_profile", lang, unit=profiled) in page
    for key in ("front.notebooks.title", "front.run.shows", "front.tables.title" if (out / "tables").exists()
                else "front.contents"):
        assert t(key, lang) in page
    other = "en" if lang == "vi" else "vi"
    assert t("front.notebooks.title", other) not in page and f"<td>{t('front.run.ok', other)}</td>" not in page
    assert f"<td>{t('front.run.ok', lang)}</td>" in page


def test_a_manifest_without_a_language_or_data_still_gives_a_page(tmp_path):
    manifest = {"built": "2026-11-23T10:00:00", "as_of": "2026-03-31", "why": "the latest date a figure describes",
                "runs": [a_run()]}
    page = front_page(manifest, tmp_path)
    assert Page(page).attrs("html", "lang") == [i18n.DEFAULT_LANGUAGE]
    assert "the latest date a figure describes" not in page       # English, in a Vietnamese page
    english = front_page({**manifest, "lang": "en"}, tmp_path)
    assert "Report date <strong>31 Mar 2026</strong>, the latest date a figure describes." in english


def test_key_findings_open_the_page_each_linked_to_its_figure_and_escaped(pack):
    out, manifest = pack
    findings = [{"text": "Lào Cai đạt <script>alert(1)</script> & hơn", "figure": "fig_a"},
                {"text": "Không có biểu đồ", "figure": None},
                {"text": "Biểu đồ không có trong bộ", "figure": "fig_missing"}]
    page = front_page({**manifest, "findings": findings}, out)
    main = page.split("<main>")[1]
    assert main.index(t("front.findings.title", "vi")) < main.index(t("front.notebooks.title", "vi"))
    assert "<script>" not in page and "Lào Cai đạt &lt;script&gt;alert(1)&lt;/script&gt; &amp; hơn" in page
    parsed = Page(page)
    links = [h for h in parsed.attrs("a", "href") if h.startswith("#fig")]
    assert links == ["#fig_a"] and "fig_a" in parsed.ids          # the missing figure is not linked
    assert "Biểu đồ không có trong bộ" in page
    assert t("front.findings.title", "vi") not in front_page(manifest, out)    # no findings, no section


def test_downloads_are_linked_only_when_the_pack_holds_them(pack):
    out, manifest = pack
    assert not any(f in Page(front_page(manifest, out)).attrs("a", "href") for f in DOWNLOADS)
    (out / "summary.md").write_text("# tóm tắt", encoding="utf-8")
    (out / "tables.xlsx").write_bytes(b"xlsx")
    hrefs = Page(front_page(manifest, out)).attrs("a", "href")
    assert "summary.md" in hrefs and "tables.xlsx" in hrefs and "briefing.pptx" not in hrefs


def test_the_page_loads_nothing_from_elsewhere_and_is_laid_out_for_a_phone(pack):
    out, manifest = pack
    revised = pd.DataFrame([{"unit": "lao-cai", "indicator": "dti_rank", "indicator_en": "DTI rank",
                             "as_of": pd.Timestamp("2021-12-31"), "old_value": 52.0, "old_source": "bao-a",
                             "value": 50.0, "source": "bao-a", "known_on": pd.Timestamp("2023-10-20")}])
    page = front_page(manifest, out, None, revised)
    parsed = Page(page)
    metas = [a for tag, a in parsed.tags if tag == "meta" and a.get("name") == "viewport"]
    assert metas and "width=device-width" in metas[0]["content"]
    assert not [tag for tag, _ in parsed.tags if tag in ("script", "link", "iframe")]
    assert "@import" not in page and "url(" not in page
    external = [v for tag, a in parsed.tags for k, v in a.items() if k in ("src", "href")
                if "//" in v or v.startswith(("http:", "https:"))]
    assert not external
    assert "img{max-width:100%" in page
    assert page.count("<table>") == page.count("<div class='scroll'><table>") >= 2   # every table scrolls alone
    # every entry of the table of contents leads somewhere on the page
    anchors = [h[1:] for h in parsed.attrs("a", "href") if h.startswith("#")]
    assert anchors and set(anchors) <= parsed.ids


def test_changes_since_the_last_pack_are_in_the_packs_language(pack, mini):
    out, manifest = pack
    obs = lambda rows: pd.DataFrame(rows, columns=["unit", "indicator", "as_of", "value", "source", "measure",  # noqa: E731
                                                   "rank_of"])
    old = obs([["lao-cai", "dti_rank", "2021-12-31", 52, "bao-a", "rank", 63],
               ["lao-cai", "dossiers_online_province_pct", "2022-09-30", 80, "bao-a", "value", None]])
    new = obs([["lao-cai", "dti_rank", "2021-12-31", 52, "bao-a", "rank", 63],
               ["lao-cai", "dti_rank", "2022-12-31", 50, "bao-a", "rank", 63],
               ["lao-cai", "dossiers_online_province_pct", "2022-09-30", 87, "bao-a", "value", None],
               ["lao-cai", "community_digital_teams", "2023-10-20", 1545.5, "bao-a", "value", None]])
    changes = since_last_pack(old, new)
    assert set(changes["kind"]) == {"new_value", "revised_value", "rank_move"}
    page = front_page(manifest, out, changes)
    for kind in changes["kind"]:
        assert t(f"front.kind.{kind}", "vi") in page
    assert t("front.note.rank_up_noise", "vi", places=2) in page and t("front.note.revised", "vi") in page
    assert "place(s)" not in page and "was revised" not in page          # changes.py's English notes, translated
    assert "Tổ công nghệ số cộng đồng" in page and "1.545,5" in page and "30/09/2022" in page
    assert "community_digital_teams" not in page.split("<main>")[1].split("id='notebooks'")[0]
    empty = front_page(manifest, out, changes.iloc[0:0])
    assert t("front.changes.none", "vi") in empty


def test_revised_figures_show_both_values_in_the_language(pack):
    out, manifest = pack
    revised = pd.DataFrame([{"unit": "lao-cai", "indicator": "x<y", "indicator_en": "Digital <economy>",
                             "as_of": pd.Timestamp("2023-12-31"), "old_value": 12.33, "old_source": "a",
                             "value": 12.87, "source": "bao-a", "known_on": pd.Timestamp("2025-01-06")}])
    page = front_page({**manifest, "lang": "en"}, out, None, revised)
    assert "Revised figures" in page and "12.33 (a)" in page and "12.87 (Báo A)" in page
    assert "Digital &lt;economy&gt;" in page and "6 Jan 2025" in page and ">Lao Cai<" in page
    vi = front_page(manifest, out, None, revised)
    assert t("front.revised.title", "vi") in vi and "12,33 (a)" in vi and "06/01/2025" in vi


def test_a_failed_run_is_listed_with_its_cell_and_error_escaped(pack):
    out, manifest = pack
    manifest["runs"].append(a_run("03_targets", status="failed"))
    page = front_page(manifest, out)
    assert "03_targets.ipynb (run 03_targets), cell 3: ValueError: dữ liệu &lt;hỏng&gt;" in page
    assert t("front.run.failed", "vi") in page and ">03_targets</a>" in page


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_merged_province_is_named_for_what_it_absorbed_as_in_the_figures(lang):
    from dtlib.front_page import _unit_names

    units = pd.DataFrame([
        {"id": "quang-binh", "name_vi": "Quảng Bình", "name_en": "Quang Binh", "successor": "quang-tri-2025"},
        {"id": "quang-tri", "name_vi": "Quảng Trị", "name_en": "Quang Tri", "successor": "quang-tri-2025"},
        {"id": "quang-tri-2025", "name_vi": "Quảng Trị", "name_en": "Quảng Trị (2025, merged)", "successor": ""}])
    names = _unit_names(units, lang)
    assert names["quang-tri-2025"] == t("merged_label", lang, name="Quảng Trị", absorbed="Quảng Bình")
    assert names["quang-binh"] == ("Quảng Bình" if lang == "vi" else "Quang Binh")


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_headline_indicators_lead_the_page_with_each_provinces_latest_value(pack, mini, lang):
    out, manifest = pack
    assert t("nb.headline.title", lang) not in front_page({**manifest, "lang": lang}, out)    # no table, no section
    (out / "tables").mkdir(parents=True, exist_ok=True)
    pd.DataFrame({"indicator": ["dti_rank", "dti_rank", "dossiers_online_province_pct"],
                  "unit": ["lao-cai", "lai-chau", "lao-cai"], "as_of": ["2022-12-31", "2022-12-31", "2023-09-30"],
                  "value": [38, 52, 87.5], "rank_of": [63, 63, None], "measure": ["rank", "rank", "percent"],
                  "source": ["bao-a", "bao-a", "bao-a"], "segment": ["lao-cai", "lai-chau", "bao-thang"]}
                 ).to_csv(out / "tables" / "headline.csv", index=False)
    write_figure(out, "trend_headline")
    manifest = {**manifest, "lang": lang, "runs": [*manifest["runs"], a_run("04_trends", manifest["runs"][0][
        "parameters"]["data_dir"], figures=["trend_headline"])]}
    page = front_page(manifest, out)
    main = page.split("<main>")[1]
    title = t("nb.headline.title", lang)
    assert main.index(title) < main.index(t("front.notebooks.title", lang))
    names = mini.units.set_index("id")[f"name_{lang}"]
    rank = mini.indicators.set_index("id").loc["dti_rank", f"name_{lang}"]
    section = main[main.index(title):main.index("</table>")]
    assert f"<th>{names['lao-cai']}</th><th>{names['lai-chau']}</th>" in section
    assert rank in section and ("87,5%" if lang == "vi" else "87.5%") in section
    assert ("hạng 38/63" if lang == "vi" else "38th of 63") in section
    assert i18n.month("2023-09-30", lang) in section
    assert "<td class='num'></td>" in section           # Lai Châu reports no work records: an empty cell
    assert "href='#trend_headline'" in section
    # a figure the province reported under another unit (before a merger) says whose it was
    assert f"{names['bao-thang']}, {i18n.month('2023-09-30', lang)}" in section
