"""dtlib.deck: briefing.pptx reads back with python-pptx: slides, titles, images, sources, language."""
from __future__ import annotations

import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from dtlib import i18n
from dtlib.deck import MAX_SOURCES, build_deck, figure_sources, key_figures
from dtlib.findings import Finding
from dtlib.outputs import save_atomic

from .mini_pack import AS_OF, write_mini_pack

FINDINGS = [Finding("attainment", "Finding one", "targets_heatmap", {}), Finding("gaps", "Finding two", None, {})]
CAVEATS = [Finding("caveat", "Caveat one", None, {})]


def _texts(slide) -> str:
    return "\n".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_deck_reads_back_with_a_title_findings_a_slide_per_figure_and_caveats(tmp_path, mini, lang):
    out = tmp_path / "pack"
    manifest = write_mini_pack(out, mini, lang)
    figures = ["targets_heatmap", "compare_dti_history"]
    path = save_atomic(build_deck(out, manifest, FINDINGS, CAVEATS, figures, mini.sources, lang), out / "briefing.pptx")
    deck = Presentation(str(path))
    slides = list(deck.slides)
    assert len(slides) == 2 + len(figures) + 1
    assert abs(deck.slide_width / deck.slide_height - 16 / 9) < 0.01
    titles = [s.shapes.title.text for s in slides]
    assert titles[0] == i18n.t("deck.title", lang) and titles[1] == i18n.t("findings.title", lang)
    assert titles[-1] == i18n.t("caveats.title", lang)
    assert titles[2:4] == ["Attainment, mini", "DTI, mini"]          # each figure's own caption
    assert i18n.date(AS_OF, lang) in _texts(slides[0]) and i18n.t("deck.language", lang) in _texts(slides[0])
    assert "Finding one" in _texts(slides[1]) and "Caveat one" in _texts(slides[-1])
    for slide in slides[2:-1]:
        pictures = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
        assert len(pictures) == 1
        assert i18n.t("deck.sources", lang) in _texts(slide)
    # the heat-map's values cite bao-a (observations) and qd-749-2020 (targets): both named, with the address
    heatmap = _texts(slides[2])
    assert "Báo A" in heatmap and "Thủ tướng Chính phủ" in heatmap and "https://example.org/749" in heatmap
    for slide in slides:                                   # nothing placed off the slide
        for shape in slide.shapes:
            assert shape.left >= 0 and shape.top >= 0
            assert shape.left + shape.width <= deck.slide_width and shape.top + shape.height <= deck.slide_height


def test_titles_of_the_decks_own_slides_are_in_the_language_of_the_pack(tmp_path, mini):
    out = tmp_path / "pack"
    manifest = write_mini_pack(out, mini)
    titles = {}
    for lang in ("vi", "en"):
        deck = build_deck(out, manifest, FINDINGS, CAVEATS, [], mini.sources, lang)
        titles[lang] = [s.shapes.title.text for s in deck.slides]
    assert all(a != b for a, b in zip(titles["vi"], titles["en"]))
    assert titles["vi"][1] == "Những điểm chính" and titles["en"][1] == "Key findings"


def test_sources_come_from_the_figures_csv_else_its_source_line(tmp_path, mini):
    out = tmp_path / "pack"
    write_mini_pack(out, mini)
    lines = figure_sources(out, "targets_heatmap", mini.sources, "en")
    assert lines[0].startswith("Báo A (20 Oct 2023), Bài A") and any("https://example.org/749" in x for x in lines)
    (out / "targets_heatmap.csv").write_text("unit,value\nlao-cai,1\n", encoding="utf-8")
    assert figure_sources(out, "targets_heatmap", mini.sources, "en") == ["Source: fallback line"]


def test_many_sources_are_cut_with_a_count_of_the_rest(tmp_path, mini):
    out = tmp_path / "pack"
    manifest = write_mini_pack(out, mini, "en")
    ids = "|".join(f"src-{i}" for i in range(MAX_SOURCES + 3))
    (out / "targets_heatmap.csv").write_text(f"unit,source\nlao-cai,{ids}\n", encoding="utf-8")
    deck = build_deck(out, manifest, FINDINGS, CAVEATS, ["targets_heatmap"], mini.sources, "en")
    text = _texts(list(deck.slides)[2])
    assert "src-0" in text and f"src-{MAX_SOURCES + 2}" not in text
    assert i18n.t("deck.more_sources", "en", n="3") in text


def test_key_figures_are_the_heatmap_the_dti_the_panels_the_findings_and_one_trend_per_headline():
    figures = ["profile_a_peers", "compare_coverage", "compare_government", "compare_dti_history", "targets_heatmap",
               "trend_a_share_pct", "trend_vietnam_share_pct", "trend_b_other", "coverage_matrix"]
    found = [Finding("x", "x", "profile_a_peers", {}), Finding("y", "y", "missing_figure", {})]
    assert key_figures(figures, found, headline=["share_pct", "no_trend"]) == [
        "targets_heatmap", "compare_dti_history", "compare_government", "profile_a_peers", "trend_a_share_pct"]


def test_key_figures_choose_the_small_multiple_that_draws_each_headline_indicator():
    from dtlib.deck import key_figures

    drawn = {"targets_heatmap": set(), "trend_headline": {("lai-chau", "dti_rank"), ("vietnam", "x_pct")},
             "trend_government": {("lai-chau", "y_pct")}, "trend_economy": {("vietnam", "z_pct")}}
    assert key_figures(drawn, headline=["dti_rank", "y_pct", "x_pct"]) == [
        "targets_heatmap", "trend_headline", "trend_government"]
