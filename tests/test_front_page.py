"""The front page's HTML: in the pack's language, escaped, findings linked, offline, ready for a phone.

The page in a real browser is tested in ``tests/test_browser.py``.
"""
from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest

import dtlib

from dtlib.words import i18n
from dtlib.analysis.changes import since_last_pack
from dtlib.pack.front_page import DOWNLOADS, drawn_indicators, front_page
from dtlib.words.i18n import t
from dtlib.analysis.observations import report_date_reason


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


#: A table's box: its own sideways scroll, the keyboard's focus, and a name for a screen reader.
SCROLL_BOX = re.compile(r"<div class='scroll' tabindex='0' role='region' aria-label='([^']+)'><table>")


def scroll_boxes(page: str) -> list[str]:
    """The names of the page's table boxes (:data:`SCROLL_BOX`), in order."""
    return SCROLL_BOX.findall(page)


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


@pytest.mark.heavy
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
    assert page.count("<table>") == len(scroll_boxes(page)) >= 2                     # every table scrolls alone
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
    # the pinned first column names the row (the indicator), not the kind of change
    section = page.split("id='since-last-pack'")[1].split("</table>")[0]
    assert section.split("<th scope='col'>", 1)[1].startswith(t("front.changes.indicator", "vi") + "<")
    first_cells = re.findall(r"<tr[^>]*><td[^>]*>(.*?)</td>", section.split("</thead>")[1])
    assert len(first_cells) == len(changes) and "Tổ công nghệ số cộng đồng" in first_cells
    assert not set(first_cells) & {t(f"front.kind.{kind}", "vi") for kind in changes["kind"]}
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
    from dtlib.words.names import unit_labels

    units = pd.DataFrame([
        {"id": "quang-binh", "name_vi": "Quảng Bình", "name_en": "Quang Binh", "successor": "quang-tri-2025"},
        {"id": "quang-tri", "name_vi": "Quảng Trị", "name_en": "Quang Tri", "successor": "quang-tri-2025"},
        {"id": "quang-tri-2025", "name_vi": "Quảng Trị", "name_en": "Quảng Trị (2025, merged)", "successor": ""}])
    names = unit_labels(units, lang)
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
    assert f"<th scope='col'>{names['lao-cai']}</th><th scope='col'>{names['lai-chau']}</th>" in section
    assert rank in section and ("87,5%" if lang == "vi" else "87.5%") in section
    assert ("hạng 38/63" if lang == "vi" else "38th of 63") in section
    assert i18n.month("2023-09-30", lang) in section
    assert "<td class='num'></td>" in section           # Lai Châu reports no work records: an empty cell
    assert "href='#trend_headline'" in section
    # a figure the province reported under another unit (before a merger) says whose it was
    assert f"{names['bao-thang']}, {i18n.month('2023-09-30', lang)}" in section


# ------------------------------------------------------------------ a desktop and a phone (issue 19)

def css_rules(page: str) -> dict[str, str]:
    """The page's CSS as ``{selector: declarations}`` (the rules inside ``@media`` under their own selectors)."""
    css = page.split("<style>")[1].split("</style>")[0]
    css = re.sub(r"@media[^{]*\{", "", css)
    return {sel.strip(): body.strip() for sel, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css)}


def headline_pack(out: Path, manifest: dict, mini_dir: Path) -> dict:
    """Write a headline table into the pack and a 04_trends run with its figure; return the manifest."""
    (out / "tables").mkdir(parents=True, exist_ok=True)
    pd.DataFrame({"indicator": ["dti_rank", "dti_rank", "dossiers_online_province_pct"],
                  "unit": ["lao-cai", "lai-chau", "lao-cai"], "as_of": ["2022-12-31", "2022-12-31", "2023-09-30"],
                  "value": [38, 52, 87.5], "rank_of": [63, 63, None], "measure": ["rank", "rank", "percent"],
                  "source": ["bao-a", "bao-a", "bao-a"]}).to_csv(out / "tables" / "headline.csv", index=False)
    write_figure(out, "trend_headline")
    return {**manifest, "runs": [*manifest["runs"], a_run("04_trends", mini_dir, figures=["trend_headline"])]}


def test_every_table_scrolls_in_its_own_named_focusable_box_with_its_first_column_pinned(pack, mini_dir):
    out, manifest = pack
    manifest = headline_pack(out, manifest, mini_dir)
    revised = pd.DataFrame([{"unit": "lao-cai", "indicator": "dti_rank", "indicator_en": "DTI rank",
                             "as_of": pd.Timestamp("2021-12-31"), "old_value": 52.0, "old_source": "bao-a",
                             "value": 50.0, "source": "bao-a", "known_on": pd.Timestamp("2023-10-20")}])
    changes = pd.DataFrame(columns=["kind", "unit", "indicator", "as_of", "old_value", "new_value", "old_status",
                                    "new_status", "old_source", "new_source", "note"])
    page = front_page(manifest, out, changes, revised)
    # four tables (headline, revised, notebooks; no changes, no table), each alone in a box named for its section
    assert scroll_boxes(page) == [t(k, "vi") for k in ("nb.headline.title", "front.revised.title",
                                                        "front.notebooks.title")]
    assert page.count("<table>") == 3
    rules = css_rules(page)
    assert "overflow-x:auto" in rules[".scroll"]                      # the box scrolls, not the page
    assert ".scroll:focus-visible" in ",".join(rules)                 # and shows where the keyboard is
    pinned = rules["tr>:first-child"]
    assert "position:sticky" in pinned and "left:0" in pinned         # the first column stays in view
    assert "max-width:min(17rem,42vw)" in pinned and "overflow-wrap:anywhere" in pinned   # and wraps
    assert "background:#fff" in rules["th,td"] and "background:#f4f4f4" in rules["th"]   # opaque over what scrolls
    assert "nowrap" not in rules["th"] and "nowrap" not in rules.get("tr>:first-child", "")
    # the headline's indicators are row headers, its provinces column headers
    head = page[page.index("id='headline'"):]
    head = head[:head.index("</table>")]
    assert head.count("<th scope='row'>") == 2 and head.count("<th scope='col'>") == 3


@pytest.mark.heavy
def test_a_figure_opens_full_size_and_shows_its_phone_rendering_on_a_narrow_screen(pack):
    out, manifest = pack
    meta = json.loads((out / "fig_a.json").read_text(encoding="utf-8"))
    parsed = Page(front_page(manifest, out))
    assert "source" not in [tag for tag, _ in parsed.tags]            # no phone rendering in the pack: none offered
    (out / "phone").mkdir()
    (out / "phone" / "fig_a.png").write_bytes(b"png")
    (out / "fig_a.json").write_text(json.dumps({**meta, "phone": "phone/fig_a.png", "phone_size": [4.3, 6.0]}),
                                    encoding="utf-8")
    page = front_page(manifest, out)
    parsed = Page(page)
    sources = [a for tag, a in parsed.tags if tag == "source"]
    assert sources == [{"media": "(max-width: 600px)", "srcset": "phone/fig_a.png 2.35x"}]   # 85 CSS px an inch
    figure = page[page.index("<figure id='fig_a'"):page.index("</figure>")]
    assert "<a href='fig_a.png' title='" in figure and "<img src='fig_a.png'" in figure      # opens full size
    assert "class='wide'" not in figure and "tabindex" not in figure
    rules = css_rules(page)
    assert rules["figure:not(.wide) .pic img"] == "width:100%"        # a phone's width, not the PNG's 2000 px
    # a grid wider than a phone scrolls sideways in its own box, at the same legible size
    (out / "fig_a.json").write_text(json.dumps({**meta, "phone": "phone/fig_a.png", "phone_size": [6.7, 9.0]}),
                                    encoding="utf-8")
    figure = front_page(manifest, out).split("<figure id='fig_a'")[1].split("</figure>")[0]
    assert figure.startswith(" class='wide'><div class='pic' tabindex='0' role='region' aria-label='Lào Cai &lt;b&gt;")
    assert "overflow-x:auto" in rules["figure.wide .pic"] and rules["figure.wide .pic img"] == "max-width:none"


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_definitions_name_define_measure_and_source_each_indicator_drawn(tmp_path, mini, lang):
    from .mini_pack import write_mini_pack

    out = tmp_path / "pack"
    manifest = write_mini_pack(out, mini, lang)
    page = front_page(manifest, out, data=mini)
    parsed = Page(page)
    main = page.split("<main>")[1]
    assert "definitions" in parsed.ids and f"<h2 id='definitions'>{t('front.definitions.title', lang)}</h2>" in page
    assert main.index("<h2 id='definitions'>") > main.rindex("<figure")                  # after the figures
    assert "#definitions" in parsed.attrs("a", "href")                                   # in the contents
    drawn = {i for name in ("targets_heatmap", "compare_dti_history") for i in drawn_indicators(out, name)}
    info = mini.indicators.set_index("id")
    assert drawn and {f"def-{i}" for i in drawn} <= parsed.ids
    defs = main[main.index("<h2 id='definitions'>"):]
    for indicator in drawn:
        entry = defs[defs.index(f"<dt id='def-{indicator}'>"):]
        entry = entry[:entry.index("</dd>")]
        assert f">{info.loc[indicator, f'name_{lang}']}</dt>" in entry                   # named in the language
        assert info.loc[indicator, "definition"] in entry                                # no definition_vi: English
        measure = t(f"fig.measure.{info.loc[indicator, 'unit']}", lang)
        better = t("workbook.higher_better" if str(info.loc[indicator, "higher_is_better"]).lower() == "true"
                   else "workbook.lower_better", lang)
        assert f"{t('front.definitions.measure', lang)}: {measure}" in entry
        assert f"{t('front.definitions.direction', lang)}: {better}" in entry
        assert t("front.definitions.sources", lang) in entry
    # the sources that report a figure drawn, with their date; a target's source is not one
    rank = defs[defs.index("<dt id='def-dti_rank'>"):]
    rank = rank[:rank.index("</dd>")]
    assert f"Báo A, {i18n.date('2023-10-20', lang)}" in rank and "Thủ tướng" not in rank
    english = "<span lang='en'>" in defs
    assert english == (lang == "vi") and (t("front.definitions.in_english", "vi") in defs) == (lang == "vi")


@pytest.mark.heavy
def test_a_vietnamese_definition_is_used_where_indicators_csv_has_one(tmp_path):
    from .conftest import mini_tables, write_dataset
    from .mini_pack import write_mini_pack

    tables = mini_tables()
    for row in tables["indicators"]:
        row["definition_vi"] = f"Định nghĩa của {row['name_vi']}." if row["id"] == "dti_rank" else ""
    data = dtlib.load(write_dataset(tmp_path / "data", tables))
    out = tmp_path / "pack"
    page = front_page(write_mini_pack(out, data, "vi"), out, data=data)
    defs = page[page.index("<h2 id='definitions'>"):]
    rank = defs[defs.index("<dt id='def-dti_rank'>"):]
    assert rank[:rank.index("</dd>")].count("Định nghĩa của Xếp hạng DTI.") == 1
    assert "Provincial DTI rank." not in rank[:rank.index("</dd>")] and "lang='en'" not in rank[:rank.index("</dd>")]
    score = defs[defs.index("<dt id='def-dti_score'>"):]
    assert "<span lang='en'>Provincial DTI score, 0 to 1.</span>" in score[:score.index("</dd>")]  # none: English
    english = front_page(write_mini_pack(out, data, "en"), out, data=data)
    assert "Định nghĩa của" not in english and "Provincial DTI rank." in english


def test_each_figure_links_to_the_definitions_of_the_indicators_it_draws(tmp_path, mini):
    from .mini_pack import write_mini_pack

    out = tmp_path / "pack"
    page = front_page(write_mini_pack(out, mini, "vi"), out, data=mini)
    parsed = Page(page)
    for name in ("targets_heatmap", "compare_dti_history"):
        figure = page[page.index(f"<figure id='{name}'"):]
        figure = figure[:figure.index("</figure>")]
        links = re.findall(r"href='#(def-[^']+)'", figure)
        assert links == [f"def-{i}" for i in drawn_indicators(out, name)] and links
        assert t("front.definitions.of_figure", "vi") in figure
    assert {h[1:] for h in parsed.attrs("a", "href") if h.startswith("#def-")} <= parsed.ids   # each lands


def test_a_figure_of_many_indicators_folds_its_links_and_ids_come_from_its_csv(tmp_path, mini):
    out = tmp_path / "pack"
    write_figure(out, "many")
    ids = list(mini.indicators["id"])
    pd.DataFrame({"indicator": ["|".join(ids[:2]), *ids[2:], ids[0], None], "source": "bao-a"}).to_csv(
        out / "many.csv", index=False)
    assert drawn_indicators(out, "many") == ids                       # split, in order, once each
    assert drawn_indicators(out, "fig_missing") == []
    manifest = {"built": "2023-10-21T08:05:00", "lang": "en",
                "runs": [a_run("05_coverage", mini.root, figures=["many"])]}
    from dtlib.pack import front_page as module

    few = module._definition_links(ids[:2], {i: i.upper() for i in ids}, "en")
    assert few.startswith("<br><span class='links'>Definitions: <a href='#def-") and "<details" not in few
    folded = module._definition_links(ids * 2, {i: i for i in ids * 2}, "en")
    assert "<details" not in folded                                    # five ids, twice: still five links
    many = {f"x{k}": f"X{k}" for k in range(module.FIGURE_LINKS + 1)}
    folded = module._definition_links(list(many), many, "en")
    assert folded.startswith(f"<details class='drawn links'><summary>Definitions of the {len(many)} indicators drawn")
    assert "many" in Page(front_page(manifest, out, data=mini)).ids


def test_text_from_the_data_is_escaped_in_the_definitions_and_the_links(tmp_path):
    from .conftest import mini_tables, write_dataset
    from .mini_pack import write_mini_pack

    tables = mini_tables()
    for row in tables["indicators"]:
        if row["id"] == "dti_rank":
            row.update(name_vi="Xếp hạng <b>DTI</b> & \"co\"", name_en="DTI <i>rank</i>",
                       definition="Rank <script>alert(1)</script> & more")
    data = dtlib.load(write_dataset(tmp_path / "data", tables))
    out = tmp_path / "pack"
    page = front_page(write_mini_pack(out, data, "vi"), out, data=data)
    assert "<script>" not in page and "<b>DTI" not in page
    assert "Rank &lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in page
    assert "<dt id='def-dti_rank'>Xếp hạng &lt;b&gt;DTI&lt;/b&gt; &amp; &quot;co&quot;</dt>" in page
    assert ">Xếp hạng &lt;b&gt;DTI&lt;/b&gt; &amp; &quot;co&quot;</a>" in page.split("<h2 id='definitions'>")[0]
