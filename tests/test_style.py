"""dtlib.figures.style and dtlib.figures.figure_files: the scoped theme, words in the language in use, the files saved."""
import base64
import io
import json
import re
import warnings

import matplotlib
import matplotlib.pyplot as plt
import pandas as pd
import pytest
from fontTools.ttLib import TTFont

from dtlib.figures import figure_files, plots, style

from dtlib.words import i18n
from dtlib.words.messages import MESSAGES

from .pdf_fonts import pdf_letters

D = pd.Timestamp


@pytest.fixture(autouse=True)
def close():
    yield
    plt.close("all")


def attainment_rows():
    base = dict(unit="lao-cai", unit_name="Lào Cai", target_unit="vietnam", target_unit_name="Việt Nam",
                comparator=">=", deadline=D("2025-12-31"), measure="percent", rank_of=pd.NA, pillar="government")
    return pd.DataFrame([
        dict(base, indicator="a_pct", indicator_en="Share A", indicator_vi="Tỷ lệ A", value=84.0,
             as_of=D("2022-09-30"), target=60.0, status="met"),
        dict(base, indicator="b_pct", indicator_en="Share B", indicator_vi="Tỷ lệ B", value=87.5,
             as_of=D("2022-09-30"), target=90.0, status="insufficient_data"),
        dict(base, indicator="c_pct", indicator_en="Share C", indicator_vi="Tỷ lệ C", value=float("nan"),
             as_of=pd.NaT, target=80.0, status="no_data"),
    ])


def test_the_theme_applies_inside_the_with_block_only():
    before = dict(matplotlib.rcParams)
    with style.theme():
        assert matplotlib.rcParams["font.sans-serif"][0] == "DejaVu Sans"
        assert matplotlib.rcParams["svg.fonttype"] == "none" and matplotlib.rcParams["savefig.dpi"] == 200
        assert matplotlib.rcParams["axes.prop_cycle"].by_key()["color"] == list(style.PALETTE)
    assert dict(matplotlib.rcParams) == before


def test_set_theme_applies_the_same_theme_for_the_process():
    with matplotlib.rc_context():
        style.set_theme()
        rc = style.theme_rc()
        assert {k: matplotlib.rcParams[k] for k in rc} == {k: matplotlib.RcParams({k: v})[k] for k, v in rc.items()}
        assert rc["xtick.direction"] == "out" and rc["axes.spines.top"] is False   # seaborn "ticks", house over it


def test_values_dates_and_source_line_follow_the_language_in_use(mini):
    with i18n.use_language("vi"):
        assert style.format_value(98.7, "percent") == "98,7%"
        assert style.format_value(1545, "count") == "1.545"
        assert style.format_value(53, "rank", rank_of=63, label=True) == "hạng 53/63"
        assert style.format_value(300, "count", qualifier=">") == "trên 300"
        assert style.format_value(float("nan"), "percent") == "chưa báo cáo"
        assert style.format_date(D("2023-09-30")) == "30/09/2023" and style.format_month("2022-09-30") == "09/2022"
        line = style.source_line(mini, ["bao-a"], as_of="2023-12-31")
        assert line == "Nguồn: Báo A (20/10/2023), Bài A. Dữ liệu: dtlib, tính đến 31/12/2023"
    with i18n.use_language("en"):
        assert style.format_value(53, "rank", rank_of=63) == "53rd of 63"
        assert style.format_value(1545, "count") == "1,545"
        assert style.format_date(D("2023-09-30")) == "30 Sep 2023" and style.format_month("2022-09-30") == "09/2022"
        assert style.source_line(mini, ["bao-a"], as_of="2023-12-31").startswith("Source: Báo A (2023-10-20)")


def _draw_all(mini, out, name):
    """A pillar panel, a heat-map and a comparison, finished and saved; returns the figures' texts."""
    texts = []
    with style.theme():
        ax = plots.against_targets(attainment_rows(), as_of="2023-12-31")
        plots.finish(ax.figure, "Lào Cai", None, plots.source_line(mini, ["bao-a"], "2023-12-31"))
        texts += plots.save_figure(ax.figure, out, f"{name}-a", attainment_rows(), "", "", "t")["texts"]
        table = pd.concat([attainment_rows(), attainment_rows().iloc[:2].assign(unit="lai-chau", unit_name="Lai Châu")])
        ax = plots.attainment_heatmap(table, units=["lao-cai", "lai-chau"], as_of="2023-12-31")
        texts += plots.save_figure(ax.figure, out, f"{name}-b", table, "", "", "t")["texts"]
        latest = attainment_rows().assign(stale=[True, False, False])
        ax = plots.compare_units(latest.assign(indicator="a_pct"), units=["lao-cai"])
        texts += plots.save_figure(ax.figure, out, f"{name}-c", latest, "", "", "t")["texts"]
    return texts


def _catalogue(lang, prefixes=("status.", "status_short.", "value.not_reported", "fig.target_line", "fig.stale",
                                "fig.no_target", "fig.own_target", "source", "data_as_of")):
    """The catalogue's words in ``lang`` that a figure may show, without their fields."""
    words = set()
    for key, entry in MESSAGES.items():
        if key.startswith(prefixes):
            words |= {w for w in re.split(r"[^\w]+", re.sub(r"\{\w+\}", " ", entry[lang])) if len(w) >= 4}
    return words - {"dtlib"}


@pytest.mark.heavy
def test_a_vietnamese_figure_holds_no_english_catalogue_words_and_an_english_one_no_vietnamese(tmp_path, mini):
    with i18n.use_language("vi"):
        vi = _draw_all(mini, tmp_path, "vi")
    with i18n.use_language("en"):
        en = _draw_all(mini, tmp_path, "en")
    assert "chưa báo cáo" in vi and "Đã đạt mục tiêu" in vi and "Tỷ lệ A" in vi        # the texts were recorded
    assert "not reported" in en and "Target met" in en and "Share A" in en
    vi_words = {w for t in vi for w in re.split(r"[^\w]+", t)}
    en_words = {w for t in en for w in re.split(r"[^\w]+", t)}
    english = _catalogue("en") - _catalogue("vi")
    vietnamese = _catalogue("vi") - _catalogue("en")
    assert english and not vi_words & english, sorted(vi_words & english)
    assert vietnamese and not en_words & vietnamese, sorted(en_words & vietnamese)


def test_the_svg_keeps_its_text_and_embeds_a_font_subset_with_the_vietnamese_letters(tmp_path):
    text = "Quảng Bình, Thái Nguyên, Lào Cai, Đ ữ ệ"
    with style.theme():
        fig, ax = plt.subplots(figsize=(6, 2))
        ax.set_title(text)
        ax.text(0.1, 0.5, text, style="italic")
        meta = plots.save_figure(fig, tmp_path, "fonts", pd.DataFrame(), text, "", "t")
    svg = (tmp_path / meta["svg"]).read_text(encoding="utf-8")
    assert text in svg and text in meta["texts"]
    faces = dict(re.findall(r"@font-face\{[^}]*font-weight:(\d+);font-style:(\w+);", svg))
    assert faces == {"700": "normal", "400": "italic"} or len(re.findall("@font-face", svg)) == 3
    for face in re.findall(r"@font-face\{([^}]*)\}", svg):
        data = re.search(r"base64,([A-Za-z0-9+/=]+)", face).group(1)
        cmap = TTFont(io.BytesIO(base64.b64decode(data))).getBestCmap()
        assert len(cmap) < 400                      # a subset (the repertoire), not the whole font (~6,000 glyphs)
        assert {ord(c) for c in "ảẫựỹĐđ"} <= set(cmap)              # every Vietnamese letter, used or not
        if "font-weight:700" in face or "font-style:italic" in face:   # the title, the italic text
            assert {ord(c) for c in text} <= set(cmap), face[:60]
    assert len(svg.encode("utf-8")) < 200_000
    pdf = (tmp_path / meta["pdf"]).read_bytes()
    assert b"/FontFile2" in pdf and b"DejaVuSans" in pdf            # TrueType, embedded


def test_figure_sizes_say_where_they_fit_and_a_too_tall_one_is_warned_about(tmp_path):
    assert figure_files.fits((10.2, 5.5)) == ["slide", "page"]
    assert figure_files.fits((10.2, 12.0)) == ["page"]
    assert figure_files.fits((10.2, 16.0)) == [] and figure_files.fits((12.0, 5.0)) == []
    with style.theme():
        fig, ax = plt.subplots(figsize=(10, 16))
        ax.plot([0, 1], [0, 1])
        with pytest.warns(figure_files.FigureSizeWarning, match="'too-tall' is .* in: wider than 10 in or taller"):
            meta = plots.save_figure(fig, tmp_path, "too-tall", pd.DataFrame(), "", "", "t")
    assert meta["fits"] == []


def test_panels_that_each_drew_a_legend_get_one_legend_for_the_figure(mini):
    with style.theme(), i18n.use_language("en"):
        fig, axes = plots.panels([2, 1])
        plots.against_targets(attainment_rows().iloc[:2], as_of="2023-12-31", ax=axes[0])
        plots.against_targets(attainment_rows().iloc[2:], as_of="2023-12-31", ax=axes[1])
        assert all(ax.get_legend() is not None for ax in axes)
        plots.finish(fig, "Title", None, "Source: x")
    assert all(ax.get_legend() is None for ax in fig.axes)
    assert len(fig.legends) == 1
    assert [t.get_text() for t in fig.legends[0].get_texts()] == ["target", "stale: over 365 days old"]


@pytest.mark.heavy
def test_every_saved_figure_of_the_chart_functions_fits_a_page(tmp_path, mini):
    with warnings.catch_warnings():
        warnings.simplefilter("error", figure_files.FigureSizeWarning)
        with i18n.use_language("vi"):
            _draw_all(mini, tmp_path, "size")
    records = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(tmp_path.glob("*.json"))]
    assert len(records) == 3 and all("page" in r["fits"] and r["size"][0] <= 10.3 for r in records)
    assert all("slide" in r["fits"] for r in records if r["size"][1] <= 5.6)


@pytest.mark.heavy
def test_pdfs_saved_one_after_another_draw_every_letter_with_its_own_glyph(tmp_path):
    """The font subset is made once and reused: each PDF must still draw each letter with its glyph."""
    full = TTFont(figure_files.Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf")
    names = full.getBestCmap()
    texts = ["Quảng Bình, Lào Cai 98,7%", "Thái Nguyên ≥ 95% — Lai Châu", "Ǿ ȹ ₫ ∑ ½ (outside the repertoire)"]
    for i, text in enumerate(texts):
        with style.theme():
            fig, ax = plt.subplots(figsize=(6, 2))
            ax.text(0.1, 0.5, text)
            figure_files.save_atomic(fig, tmp_path / f"f{i}.pdf", "pdf")
            plt.close(fig)
        fonts = pdf_letters((tmp_path / f"f{i}.pdf").read_bytes())
        for char in set(text) - {" "}:
            glyphs = {font[char] for font in fonts if char in font}
            assert glyphs == {names[ord(char)]}, (text, char, glyphs)


def test_a_notebook_shows_a_lighter_copy_of_the_figure_and_the_pack_keeps_the_full_png(tmp_path):
    from PIL import Image as PILImage

    with style.theme():
        fig, ax = plt.subplots(figsize=(10, 4))
        ax.plot([1, 2, 3], [3, 1, 2])
        ax.set_title("Quảng Trị (gồm cả Quảng Bình cũ)")
        meta = plots.save_figure(fig, tmp_path, "light", pd.DataFrame(), "t", "", "t")
    full = PILImage.open(tmp_path / meta["png"]).convert("RGB")
    data = figure_files.preview_png(tmp_path / meta["png"])
    preview = PILImage.open(io.BytesIO(data))
    assert preview.size == full.size and preview.mode == "P"
    assert len(data) < (tmp_path / meta["png"]).stat().st_size
    # it looks the same: no pixel is far from the full PNG's
    from PIL import ImageChops
    assert max(ImageChops.difference(full, preview.convert("RGB")).getextrema(), key=lambda e: e[1])[1] < 48
    # the pixels the canvas still holds are the PNG's: the copy made from them is the copy made from the file
    assert figure_files.preview_png(tmp_path / meta["png"], fig) == data
    plt.close(fig)


def test_a_preview_reads_the_file_when_the_canvas_holds_another_picture_and_puts_a_transparent_one_on_white(tmp_path):
    from PIL import Image as PILImage

    with style.theme():
        fig, ax = plt.subplots(figsize=(4, 2))
        ax.plot([1, 2, 3], [3, 1, 2], color="#0072B2")
        figure_files.save_atomic(fig, tmp_path / "a.png", "png")
        fig.savefig(tmp_path / "other.png", dpi=50)           # the canvas now holds a smaller picture
        ax.plot([1, 3], [1, 3], color="#D55E00")              # and the figure changed since a.png
        fig.canvas.draw()
        from_file = figure_files.preview_png(tmp_path / "a.png")
        assert figure_files.preview_png(tmp_path / "a.png", fig) == from_file
        colours = {c for _, c in PILImage.open(io.BytesIO(from_file)).convert("RGB").getcolors(1 << 16)}
        assert not any(r > 200 and g < 120 and b < 60 for r, g, b in colours)     # no orange: a.png has none
        fig.savefig(tmp_path / "clear.png", transparent=True)
        plt.close(fig)
    clear = PILImage.open(io.BytesIO(figure_files.preview_png(tmp_path / "clear.png"))).convert("RGB")
    assert min(clear.getpixel((0, 0))) >= 250              # a transparent corner is shown white (as 256 colours allow)


def test_source_lines_carry_no_english_curators_remark_in_the_vietnamese_pack(shipped):
    # issue 19: "citing the General Statistics Office", "copy on the portal of phường Túc Duyên" in Vietnamese pages
    import re

    from dtlib.words import i18n
    from dtlib.figures.style import source_line

    remarks = re.compile(r"\b(citing|copy on|aggregator|republished|not named|not seen|title from|URL slug|"
                         r"no headline)\b", re.I)
    with i18n.use_language("vi"):
        line = source_line(shipped, list(shipped.sources["id"]), "2026-03-31", max_title=0)
    assert not remarks.search(line), remarks.search(line)
    with i18n.use_language("en"):
        english = source_line(shipped, list(shipped.sources["id"]), "2026-03-31", max_title=0)
    assert "không rõ" not in english and "publisher not named" in english
