"""``briefing.pptx``: the pack as slides (16:9) for a briefing, in the pack's language.

A title slide with the report date, the build date and the language; a slide of key findings
(:mod:`dtlib.findings`); one slide per key figure with its title, its PNG, its caption and,
under it, the sources of the values it shows (the ``source`` ids of the figure's CSV resolved
in ``sources.csv``: publisher, date, title, address); a closing slide of caveats. The key
figures are the attainment heat-map, the DTI history, the comparison panels, the figures the
findings refer to and one trend per headline indicator (an indicator with a target and a figure),
not every figure of the pack.

Examples
--------
>>> from dtlib import deck
>>> deck.key_figures(["compare_government", "targets_heatmap", "trend_vietnam_x", "coverage_matrix"],
...                  headline=["x"])
['targets_heatmap', 'compare_government', 'trend_vietnam_x']
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import pandas as pd

from . import i18n
from .findings import DTI_FIGURE, HEATMAP, Finding
from .i18n import t
from .text import source_ids

__all__ = ["key_figures", "figure_sources", "build_deck", "SLIDE_WIDTH_IN", "SLIDE_HEIGHT_IN",
           "SOURCE_COLUMNS", "MAX_SOURCES"]

SLIDE_WIDTH_IN, SLIDE_HEIGHT_IN = 13.333, 7.5      # 16:9
#: The columns of a figure's CSV that name the sources of its values (``|``-joined ids allowed).
SOURCE_COLUMNS = ("source", "target_source", "old_source", "new_source", "previous_source")
#: Sources listed under a figure; the rest are counted ("and 4 more sources").
MAX_SOURCES = 6
FONT = "Arial"     # carries Vietnamese diacritics on the machines decks are shown on
MARGIN = 0.4


def key_figures(figures: Sequence[str] | Mapping[str, Iterable], findings: Iterable[Finding] = (),
                headline: Iterable[str] = ()) -> list[str]:
    """The figures that get a slide, in order: heat-map, DTI history, comparison panels, the figures
    the findings refer to, then the trend figures that draw the headline indicators.

    ``figures`` lists the pack's figure names, or maps each to the ``(unit, indicator)`` pairs
    it draws (then a trend figure is chosen by what it draws: a small multiple holds several
    indicators); with names only, a trend is ``trend_<unit>_<indicator>``.
    """
    have = list(dict.fromkeys(figures))
    chosen = [f for f in (HEATMAP, DTI_FIGURE) if f in have]
    chosen += [f for f in have if f.startswith("compare_") and f not in ("compare_coverage", DTI_FIGURE)]
    chosen += [f.figure for f in findings if f.figure in have]
    drawn = figures if isinstance(figures, Mapping) else {}
    for indicator in headline:
        trend = next((f for f in have if f.startswith("trend_") and (
            any(i == indicator for _, i in drawn.get(f, ())) or f.endswith(f"_{indicator}"))), None)
        if trend:
            chosen.append(trend)
    return list(dict.fromkeys(chosen))


def figure_sources(out: str | Path, name: str, sources: pd.DataFrame, lang: str | None = None) -> list[str]:
    """The sources of the values figure ``name`` shows, one line each: publisher (date), title, address.

    Read from the ``source`` columns of ``<name>.csv`` (:data:`SOURCE_COLUMNS`) and resolved in
    ``sources`` (``data.sources``); an id not in it is given as is. A figure whose CSV names no
    source falls back on the source line of its JSON.
    """
    out = Path(out)
    try:
        drawn = pd.read_csv(out / f"{name}.csv", dtype=str, keep_default_na=False)
    except (OSError, ValueError, pd.errors.EmptyDataError):
        drawn = pd.DataFrame()
    ids = source_ids(v for c in SOURCE_COLUMNS if c in drawn for v in drawn[c])
    if not ids:
        meta = _meta(out, name)
        return [meta["source"]] if meta.get("source") else []
    table = sources.set_index("id")
    lines = []
    for sid in ids:
        if sid not in table.index:
            lines.append(sid)
            continue
        src = table.loc[sid]
        published = src.get("published")
        when = i18n.date(published, lang) or t("date_not_stated", lang)
        line = t("deck.source_item", lang, publisher=src["publisher"], date=when, title=src["title"])
        url = src.get("url")
        lines.append(f"{line} — {url}" if isinstance(url, str) and url else line)
    return lines


def _meta(out: Path, name: str) -> dict:
    try:
        return json.loads((out / f"{name}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


# ------------------------------------------------------------------------------ slides

def _inches(x: float):
    from pptx.util import Inches

    return Inches(x)


def _place(shape, left: float, top: float, width: float, height: float) -> None:
    shape.left, shape.top, shape.width, shape.height = _inches(left), _inches(top), _inches(width), _inches(height)


def _style(paragraph, size: float, bold: bool = False, colour: tuple[int, int, int] | None = None) -> None:
    from pptx.dml.color import RGBColor
    from pptx.util import Pt

    for run in paragraph.runs:
        run.font.name, run.font.size, run.font.bold = FONT, Pt(size), bold
        if colour:
            run.font.color.rgb = RGBColor(*colour)


def _title(slide, text: str, size: float = 24) -> None:
    title = slide.shapes.title
    _place(title, MARGIN, 0.25, SLIDE_WIDTH_IN - 2 * MARGIN, 0.9)
    title.text_frame.word_wrap = True
    title.text = text
    for p in title.text_frame.paragraphs:
        _style(p, size, bold=True)


def _text_box(slide, lines: Sequence[str], left: float, top: float, width: float, height: float, size: float,
              colour: tuple[int, int, int] | None = None, bullets: bool = False):
    from pptx.enum.text import MSO_AUTO_SIZE

    box = slide.shapes.add_textbox(_inches(left), _inches(top), _inches(width), _inches(height))
    frame = box.text_frame
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.TEXT_TO_FIT_SHAPE
    for i, line in enumerate(lines):
        p = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        p.text = f"• {line}" if bullets else line
        _style(p, size, colour=colour)
        if bullets:
            from pptx.util import Pt

            p.space_after = Pt(6)
    return box


def _bullet_slide(prs, title: str, lines: Sequence[str]):
    slide = prs.slides.add_slide(prs.slide_layouts[5])          # title only
    _title(slide, title, 28)
    n = max(len(lines), 1)
    size = 16 if n <= 5 and sum(map(len, lines)) < 900 else 13 if sum(map(len, lines)) < 1800 else 11
    _text_box(slide, lines, MARGIN, 1.25, SLIDE_WIDTH_IN - 2 * MARGIN, SLIDE_HEIGHT_IN - 1.55, size, bullets=True)
    return slide


def _picture(slide, png: Path, left: float, top: float, width: float, height: float) -> None:
    """The PNG scaled to fit the box, keeping its proportions, centred."""
    from PIL import Image

    with Image.open(png) as image:
        w, h = image.size
    scale = min(width / w, height / h)
    pw, ph = w * scale, h * scale
    slide.shapes.add_picture(str(png), _inches(left + (width - pw) / 2), _inches(top + (height - ph) / 2),
                             _inches(pw), _inches(ph))


def _figure_slide(prs, out: Path, name: str, sources: pd.DataFrame, lang: str | None):
    meta = _meta(out, name)
    title = meta.get("title") or meta.get("caption") or name
    caption = meta.get("caption") if meta.get("title") and meta.get("caption") != meta.get("title") else ""
    slide = prs.slides.add_slide(prs.slide_layouts[5])
    _title(slide, title, 20 if len(title) <= 100 else 16 if len(title) <= 180 else 12)
    listed = figure_sources(out, name, sources, lang)
    more = len(listed) - MAX_SOURCES
    lines = listed[:MAX_SOURCES] + ([t("deck.more_sources", lang, n=i18n.number(more, 0, lang))] if more > 0 else [])
    source_height = 0.22 * (len(lines) + 1) + 0.1
    caption_height = 0.45 if caption else 0.0
    picture_height = SLIDE_HEIGHT_IN - 1.2 - caption_height - source_height - 0.15
    _picture(slide, out / meta.get("png", f"{name}.png"), MARGIN, 1.15, SLIDE_WIDTH_IN - 2 * MARGIN, picture_height)
    top = 1.15 + picture_height + 0.05
    if caption:
        _text_box(slide, [caption], MARGIN, top, SLIDE_WIDTH_IN - 2 * MARGIN, caption_height, 12)
        top += caption_height
    _text_box(slide, [f"{t('deck.sources', lang)}:", *lines], MARGIN, top, SLIDE_WIDTH_IN - 2 * MARGIN,
              source_height, 9, colour=(90, 90, 90))
    return slide


def build_deck(out: str | Path, manifest: dict, findings: Sequence[Finding], caveats: Sequence[Finding],
               figures: Sequence[str], sources: pd.DataFrame, lang: str | None = None):
    """The presentation (``pptx.Presentation``) of the pack in ``out``: see the module.

    Parameters
    ----------
    out
        The pack folder (each figure's ``.png``, ``.json`` and ``.csv``).
    manifest
        ``as_of`` (report date) and ``built`` (build date).
    findings, caveats
        :func:`dtlib.findings.key_findings` and :func:`dtlib.findings.caveats`.
    figures
        The figures that get a slide (:func:`key_figures`); a figure without its PNG is skipped.
    sources
        ``data.sources``, to name the sources of each figure's values.
    """
    from pptx import Presentation

    out = Path(out)
    lang = i18n.language(lang)
    prs = Presentation()
    prs.slide_width, prs.slide_height = _inches(SLIDE_WIDTH_IN), _inches(SLIDE_HEIGHT_IN)
    prs.core_properties.title = t("deck.title", lang)
    prs.core_properties.language = lang
    slide = prs.slides.add_slide(prs.slide_layouts[0])
    _title(slide, t("deck.title", lang), 34)
    _place(slide.shapes.title, 0.8, 2.0, SLIDE_WIDTH_IN - 1.6, 1.6)
    subtitle = slide.placeholders[1]
    _place(subtitle, 0.8, 3.9, SLIDE_WIDTH_IN - 1.6, 1.4)
    subtitle.text = t("deck.subtitle", lang, date=i18n.date(manifest.get("as_of"), lang),
                      built=i18n.date(manifest.get("built"), lang), language=t("deck.language", lang))
    for p in subtitle.text_frame.paragraphs:
        _style(p, 18)
    _bullet_slide(prs, t("findings.title", lang), [f.text for f in findings])
    for name in figures:
        if (out / f"{name}.png").exists():
            _figure_slide(prs, out, name, sources, lang)
    _bullet_slide(prs, t("caveats.title", lang), [c.text for c in caveats])
    return prs
