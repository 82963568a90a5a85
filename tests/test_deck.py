"""dtlib.pack.deck: briefing.pptx reads back with python-pptx: slides, titles, images, sources, notes, language."""
from __future__ import annotations

import json

import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.util import Emu, Inches

from dtlib.words import i18n
from dtlib.pack.deck import (MAX_SOURCES, build_deck, caption_title, figure_sources, key_figures, shorten,
                        text_height)
from dtlib.words.findings import Finding
from dtlib.pack.outputs import save_atomic

from .mini_pack import AS_OF, UNITS, write_mini_pack

FINDINGS = [Finding("attainment", "Finding one", "targets_heatmap", {}), Finding("gaps", "Finding two", None, {})]
CAVEATS = [Finding("caveat", "Caveat one", None, {})]


def _texts(slide) -> str:
    return "\n".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)


def _notes(slide) -> str:
    return slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""


def _pictures(slide) -> list:
    return [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]


def _figure_slides(deck) -> list:
    """``(slide, picture, figure name)`` of each slide that shows a figure (the picture is named for it)."""
    return [(slide, _pictures(slide)[0], _pictures(slide)[0].name) for slide in deck.slides if _pictures(slide)]


def _caption(out, name) -> str:
    return json.loads((out / f"{name}.json").read_text(encoding="utf-8"))["caption"]


def _room(slide, picture, deck) -> tuple[int, int, int, int]:
    """The free rectangle around ``picture`` (EMU): the slide's body within 0.2 in of its edges, less the
    texts left or right of the picture (sharing its rows) and above or below it (sharing its columns)."""
    edge = Inches(0.2)
    left, top, right, bottom = edge, edge, deck.slide_width - edge, deck.slide_height - edge
    p_right, p_bottom = picture.left + picture.width, picture.top + picture.height
    for s in slide.shapes:
        if s is picture or not (s.has_text_frame and s.text_frame.text.strip()):
            continue
        rows = s.top < p_bottom and picture.top < s.top + s.height
        columns = s.left < p_right and picture.left < s.left + s.width
        assert not (rows and columns), f"{s.name} overlaps the picture {picture.name}"
        if rows and s.left + s.width <= picture.left:
            left = max(left, s.left + s.width)
        elif rows:
            right = min(right, s.left)
        elif columns and s.top + s.height <= picture.top:
            top = max(top, s.top + s.height)
        elif columns:
            bottom = min(bottom, s.top)
    return left, top, right, bottom


def _assert_fills_its_body(slide, picture, deck) -> None:
    left, top, right, bottom = _room(slide, picture, deck)
    assert left <= picture.left and picture.left + picture.width <= right, picture.name
    assert top <= picture.top and picture.top + picture.height <= bottom, picture.name
    assert picture.width >= 0.85 * (right - left) or picture.height >= 0.85 * (bottom - top), (
        picture.name, [round(Emu(v).inches, 2) for v in (picture.width, picture.height, right - left, bottom - top)])


def _assert_texts_fit(slide, deck) -> None:
    """Every text sits on the slide, and its frame holds its text at its size (the deck's own rough measure)."""
    for s in slide.shapes:
        assert s.left >= 0 and s.top >= 0
        assert s.left + s.width <= deck.slide_width and s.top + s.height <= deck.slide_height
        if s.has_text_frame and s.text_frame.text.strip() and s.text_frame.paragraphs[0].runs:
            run = s.text_frame.paragraphs[0].runs[0]
            paragraphs = [p.text for p in s.text_frame.paragraphs]
            spacing = s.text_frame.paragraphs[0].space_after.pt if s.text_frame.paragraphs[0].space_after else 0
            need = text_height(paragraphs, Emu(s.width).inches, run.font.size.pt, bool(run.font.bold), spacing)
            assert need <= Emu(s.height).inches + 0.01, (s.name, s.text_frame.text[:60])


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_deck_reads_back_with_a_title_findings_a_slide_per_figure_and_caveats(tmp_path, mini, lang):
    out = tmp_path / "pack"
    manifest = write_mini_pack(out, mini, lang)
    figures = ["targets_heatmap", "compare_dti_history"]
    path = save_atomic(build_deck(out, manifest, FINDINGS, CAVEATS, figures, mini.sources, lang), out / "briefing.pptx")
    deck = Presentation(str(path))
    every = list(deck.slides)
    # after the heat-map's picture, its cells again as tables (test_the_heatmap_follows_as_native_tables_...)
    tables = [s for s in every if any(sh.has_table for sh in s.shapes)]
    assert every[3:3 + len(tables)] == tables
    slides = [s for s in every if s not in tables]
    assert len(slides) == 2 + len(figures) + 1
    assert abs(deck.slide_width / deck.slide_height - 16 / 9) < 0.01
    titles = [s.shapes.title.text for s in slides]
    assert titles[0] == i18n.t("deck.title", lang) and titles[1] == i18n.t("findings.title", lang)
    assert titles[-1] == i18n.t("caveats.title", lang)
    # the heat-map's title is the finding on it; the DTI figure has none: a title cut from its caption
    assert titles[2:4] == ["Finding one", "DTI"]
    assert i18n.date(AS_OF, lang) in _texts(slides[0]) and i18n.t("deck.language", lang) in _texts(slides[0])
    assert "Finding one" in _texts(slides[1]) and "Caveat one" in _texts(slides[-1])
    for slide in slides[2:-1]:
        pictures = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
        assert len(pictures) == 1
        assert i18n.t("deck.sources", lang) in _texts(slide)
    # the heat-map's values cite bao-a (observations) and qd-749-2020 (targets): both publishers named on
    # the slide, every source in full (title, address) in its notes
    heatmap = _texts(slides[2])
    assert "Báo A" in heatmap and "Thủ tướng Chính phủ" in heatmap
    assert "https://example.org/749" in _notes(slides[2]) and "Bài A" in _notes(slides[2])
    for slide in every:                                    # nothing placed off the slide
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


def test_many_sources_are_cut_with_a_count_of_the_rest_and_all_listed_in_the_notes(tmp_path, mini):
    out = tmp_path / "pack"
    manifest = write_mini_pack(out, mini, "en")
    ids = "|".join(f"src-{i}" for i in range(MAX_SOURCES + 3))
    (out / "targets_heatmap.csv").write_text(f"unit,source\nlao-cai,{ids}\n", encoding="utf-8")
    deck = build_deck(out, manifest, FINDINGS, CAVEATS, ["targets_heatmap"], mini.sources, "en")
    slide = list(deck.slides)[2]
    text = _texts(slide)
    assert "src-0" in text and f"src-{MAX_SOURCES + 2}" not in text
    assert i18n.t("deck.more_publishers", "en", n="3") in text
    assert all(f"src-{i}" in _notes(slide) for i in range(MAX_SOURCES + 3))


# ------------------------------------------------------------------------------ issue 19: the figure slides

def _aspect_pack(out, mini, sizes: dict[str, tuple[int, int]]) -> dict:
    """The mini pack with more figures, PNGs of the given pixel sizes (width, height)."""
    from PIL import Image

    manifest = write_mini_pack(out, mini)
    for name, size in sizes.items():
        Image.new("RGB", size, "white").save(out / f"{name}.png")
        (out / f"{name}.csv").write_text("unit,source\nlao-cai,bao-a\n", encoding="utf-8")
        (out / f"{name}.json").write_text(json.dumps({"name": name, "caption": f"Figure {name}: Lào Cai, as of "
                                                      f"{i18n.date(AS_OF, 'vi')}", "png": f"{name}.png"}),
                                          encoding="utf-8")
    return manifest


@pytest.mark.heavy
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_figure_fills_the_body_of_its_slide_and_the_heatmap_is_at_least_6_in_tall(tmp_path, mini, lang):
    # issue 19: the heat-map slide was 3.5 × 4.3 in on a 13.3-in slide
    out = tmp_path / "pack"
    sizes = {"very_tall": (300, 1200), "square": (800, 800), "chart": (1600, 1000), "very_wide": (2000, 400)}
    manifest = _aspect_pack(out, mini, sizes)
    figures = ["targets_heatmap", "compare_dti_history", *sizes]
    deck = build_deck(out, manifest, FINDINGS, CAVEATS, figures, mini.sources, lang)
    shown = _figure_slides(deck)
    assert [name for *_, name in shown] == figures
    for slide, picture, name in shown:
        _assert_fills_its_body(slide, picture, deck)
        _assert_texts_fit(slide, deck)
    heatmap = shown[0][1]
    assert Emu(heatmap.height).inches >= 6.0
    assert Emu(shown[1][1].width).inches >= 10.0            # the 2:1 DTI chart nearly spans the slide
    assert Emu(shown[-1][1].width).inches >= 12.0


@pytest.mark.heavy
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_slide_titles_are_the_findings_cut_to_fit_never_the_charts_own_title(tmp_path, mini, lang):
    from dtlib.words.findings import caveats, key_findings

    out = tmp_path / "pack"
    manifest = write_mini_pack(out, mini, lang)
    found = key_findings(mini, AS_OF, UNITS, lang=lang)
    long = Finding("rank_move", "; ".join([f"Clause {i} of a long sentence on the DTI ranks" for i in range(12)])
                   + ".", "compare_dti_history", {})
    deck = build_deck(out, manifest, [*found, long], caveats(mini, AS_OF, UNITS, lang=lang),
                      ["targets_heatmap", "compare_dti_history"], mini.sources, lang)
    (heatmap, _, _), (dti, _, _) = _figure_slides(deck)
    first = next(f.text for f in found if f.figure == "targets_heatmap")
    title = heatmap.shapes.title.text
    assert title and first.startswith(title.rstrip("…")) and title != _caption(out, "targets_heatmap")
    assert dti.shapes.title.text == "Clause 0 of a long sentence on the DTI ranks"       # its first clause
    for slide, _, name in _figure_slides(deck):
        assert slide.shapes.title.text != _caption(out, name)
        assert slide.shapes.title.text_frame.paragraphs[0].runs[0].font.size.pt >= 18
        _assert_texts_fit(slide, deck)


def test_a_figure_without_a_finding_takes_a_short_title_from_its_caption():
    long = ("Mobile base stations (BTS): Lào Cai (with former Yên Bái), Quảng Trị (with former Quảng Bình), "
            "Lai Châu, Thái Nguyên (with former Bắc Kạn), latest figures as of 31 Mar 2026")
    assert caption_title(long, "31 Mar 2026") == "Mobile base stations (BTS)"
    assert caption_title("Mobile base stations (BTS): Lai Châu, latest figures as of 31 Mar 2026",
                         "31 Mar 2026") == "Mobile base stations (BTS): Lai Châu"
    assert caption_title("Kinh tế số, 2020–2025, tính đến 31/03/2026 (1/2)", "31/03/2026") == \
        "Kinh tế số, 2020–2025 (1/2)"
    assert caption_title("Digital economy: figures 2020–2025, targets to 2030") == \
        "Digital economy: figures 2020–2025"
    assert shorten("A short one.", 40) == "A short one"
    assert shorten("first clause here; second: x", 20) == "first clause here"
    assert shorten("one two three four five six seven", 15) == "one two three…"


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_figure_slide_has_notes_with_its_caption_findings_sources_and_caveats(tmp_path, mini, lang):
    out = tmp_path / "pack"
    manifest = write_mini_pack(out, mini, lang)
    meta = json.loads((out / "compare_dti_history.json").read_text(encoding="utf-8"))
    meta["caption"] = "DTI <b>bold</b> & co, mini"            # data text stays plain text in the notes
    (out / "compare_dti_history.json").write_text(json.dumps(meta), encoding="utf-8")
    notes_on = [Finding("caveat", "Heat-map caveat", "targets_heatmap", {}), *CAVEATS]
    deck = build_deck(out, manifest, FINDINGS, notes_on, ["targets_heatmap", "compare_dti_history"], mini.sources,
                      lang)
    other = "en" if lang == "vi" else "vi"
    for slide, _, name in _figure_slides(deck):
        notes = _notes(slide)
        assert _caption(out, name) in notes and "Báo A" in notes
        assert i18n.t("deck.sources", lang) in notes and i18n.t("deck.notes.figure", lang) in notes
        assert i18n.t("deck.notes.caveats", other) not in notes
        assert "Caveat one" in notes                           # the pack's caveats, under their own heading
    heatmap, dti = (_notes(s) for s, *_ in _figure_slides(deck))
    assert "Finding one" in heatmap and "Heat-map caveat" in heatmap and "https://example.org/749" in heatmap
    assert "Heat-map caveat" not in dti and i18n.t("deck.notes.no_caveats", lang) in dti
    assert "DTI <b>bold</b> & co, mini" in dti


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_shipped_decks_heatmap_is_readable_and_every_figure_slide_is_titled_and_noted(built_pack, shipped, lang):
    out = built_pack(lang)
    deck = Presentation(str(out / "briefing.pptx"))
    shown = {name: (slide, picture) for slide, picture, name in _figure_slides(deck)}
    assert "targets_heatmap" in shown and len(shown) >= 5
    assert Emu(shown["targets_heatmap"][1].height).inches >= 6.0
    for name, (slide, picture) in shown.items():
        _assert_fills_its_body(slide, picture, deck)
        _assert_texts_fit(slide, deck)
        caption = _caption(out, name)
        assert slide.shapes.title.text and slide.shapes.title.text != caption
        notes = _notes(slide)
        assert caption in notes
        assert any(line in notes for line in figure_sources(out, name, shipped.sources, lang)), name


def test_key_figures_are_the_heatmap_the_dti_the_panels_the_findings_and_one_trend_per_headline():
    figures = ["profile_a_peers", "compare_coverage", "compare_government", "compare_dti_history", "targets_heatmap",
               "trend_a_share_pct", "trend_vietnam_share_pct", "trend_b_other", "coverage_matrix"]
    found = [Finding("x", "x", "profile_a_peers", {}), Finding("y", "y", "missing_figure", {})]
    assert key_figures(figures, found, headline=["share_pct", "no_trend"]) == [
        "targets_heatmap", "compare_dti_history", "compare_government", "profile_a_peers", "trend_a_share_pct"]


def test_key_figures_choose_the_small_multiple_that_draws_each_headline_indicator():
    from dtlib.pack.deck import key_figures

    drawn = {"targets_heatmap": set(), "trend_headline": {("lai-chau", "dti_rank"), ("vietnam", "x_pct")},
             "trend_government": {("lai-chau", "y_pct")}, "trend_economy": {("vietnam", "z_pct")}}
    assert key_figures(drawn, headline=["dti_rank", "y_pct", "x_pct"]) == [
        "targets_heatmap", "trend_headline", "trend_government"]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_heatmap_follows_as_native_tables_one_pillar_a_slide_readable_when_projected(tmp_path, mini, lang):
    """Issue 19: the heat-map readable when projected. Its picture holds every row at once; the slides
    after it give the same cells as tables of at most HEATMAP_ROWS indicators, in words of at least
    11 points, each cell coloured by its status, inside the slide and above the sources line. As in
    the figure, an indicator no unit has a figure for is named in the notes instead of a row."""
    import pandas as pd
    from pptx.util import Pt

    from dtlib.figures.colours import STATUS_COLOURS
    from dtlib.pack.deck import HEATMAP_ROWS
    from dtlib.figures.heatmaps import attainment_cell

    out = tmp_path / "pack"
    manifest = write_mini_pack(out, mini, lang)
    table = pd.read_csv(out / "targets_heatmap.csv", dtype={"unit": str, "indicator": str})
    order = list(reversed(list(dict.fromkeys(table["unit"]))))      # the columns in the order asked for
    deck = build_deck(out, manifest, FINDINGS, CAVEATS, ["targets_heatmap", "compare_dti_history"], mini.sources,
                      lang, units=order)
    slides = list(deck.slides)
    tables = [s for s in slides if any(sh.has_table for sh in s.shapes)]
    assert tables and slides.index(tables[0]) == 3          # right after the heat-map's picture
    pillars = {i18n.t(f"pillar.{p}", lang) for p in table["pillar"]}
    seen = {}
    for slide in tables:
        title = slide.shapes.title.text
        assert any(title.startswith(f"{p}:") for p in pillars) and i18n.date(AS_OF, lang) in title
        assert _notes(slide).strip()                           # the figure's caption, sources, caveats
        [shape] = [sh for sh in slide.shapes if sh.has_table]
        grid = shape.table
        assert 2 <= len(grid.rows) <= HEATMAP_ROWS + 1
        footer = max((sh for sh in slide.shapes if sh.has_text_frame and sh is not slide.shapes.title),
                     key=lambda sh: sh.top)
        assert shape.top + shape.height <= footer.top <= deck.slide_height
        header = [c.text for c in grid.rows[0].cells][1:]
        names = dict(zip(table["unit_name"], table["unit"]))
        assert [names[h] for h in header] == order
        for row in list(grid.rows)[1:]:
            cells = list(row.cells)
            for unit_name, cell in zip(header, cells[1:]):
                sizes = {r.font.size for p in cell.text_frame.paragraphs for r in p.runs}
                assert sizes and min(sizes) >= Pt(11)
                key = (cells[0].text, names[unit_name])
                assert key not in seen
                seen[key] = cell
    rows = table.drop_duplicates(["indicator", "unit"])
    reported = set(rows.loc[rows["value"].notna(), "indicator"])
    unreported = rows[~rows["indicator"].isin(reported)]
    assert reported and len(unreported)          # the mini pack has both kinds of row
    # as the figure: the indicators someone reported are in the tables, the others named in the notes
    rows = rows[rows["indicator"].isin(reported)]
    assert {(n, u) for n, u in zip(rows["indicator_name"], rows["unit"])} <= set(seen)
    assert not set(unreported["indicator_name"]) & {name for name, _ in seen}
    assert all(name in _notes(tables[0]) for name in unreported["indicator_name"])
    for _, row in rows.iterrows():
        cell = seen[(row["indicator_name"], row["unit"])]
        assert cell.text.split("\n")[0] == attainment_cell(row, False, lang).split("\n")[0]
        assert str(cell.fill.fore_color.rgb) == STATUS_COLOURS[row["status"]].lstrip("#").upper()
