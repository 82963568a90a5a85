"""``briefing.pptx``: the pack as slides (16:9) for a briefing, in the pack's language.

A title slide with the report date, the build date and the language; a slide of key findings
(:mod:`dtlib.words.findings`); one slide per key figure; a closing slide of caveats. The key figures
are the attainment heat-map, the DTI history, the comparison panels, the figures the findings
refer to and one trend per headline indicator (an indicator with a target and a figure), not
every figure of the pack.

A figure's slide says what the figure shows: its title is the finding the figure illustrates
(the first :class:`~dtlib.words.findings.Finding` that refers to it, shortened to fit), or, for a
figure no finding refers to, a short title cut from its caption, never the chart's own title
again (the PNG draws its caption at its top). The picture takes the largest size the slide
leaves it, proportions kept, centred: below the title across the slide, or, for a figure much
taller than wide (the heat-map), the full height with the title, the other findings of that
figure and the sources in a column beside it, whichever draws the picture larger. A line under
it names the publishers of the values shown (the ``source`` ids of the figure's CSV resolved in
``sources.csv``). The speaker notes hold what a presenter needs to say: the caption, every
finding on the figure in full, every source (publisher, date, title, address), the caveats of
the figure and those of the whole pack.

Text sizes are measured roughly by characters (:func:`text_height`): a title or a column of
sentences is set in the largest size at which it fits its box, and shortened
(:func:`shorten`) if even the smallest is too large, so no text runs off the slide.

Examples
--------
>>> from dtlib import deck
>>> deck.key_figures(["compare_government", "targets_heatmap", "trend_vietnam_x", "coverage_matrix"],
...                  headline=["x"])
['targets_heatmap', 'compare_government', 'trend_vietnam_x']
>>> deck.caption_title("Mobile base stations (BTS): Lai Châu, latest figures as of 31 Mar 2026", "31 Mar 2026")
'Mobile base stations (BTS): Lai Châu'
>>> deck.shorten("Lai Châu meets 0 of the 2 targets; 2 with one figure only.", 40)
'Lai Châu meets 0 of the 2 targets'
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..words import i18n
from ..words.findings import DTI_FIGURE, HEATMAP, REORGANISATION_FIGURE, Finding
from ..words.i18n import t
from ..data.text import source_ids
from ..words.captions import unreported_targets
from ..figures.colours import STATUS_COLOURS, contrast
from ..figures.heatmaps import attainment_cell, unreported_indicators
from ..figures.style import _stale
from ..data.vocab import PILLARS

__all__ = ["key_figures", "figure_sources", "build_deck", "caption_title", "shorten", "text_height",
           "figure_title", "speaker_notes", "heatmap_pages", "SLIDE_WIDTH_IN", "SLIDE_HEIGHT_IN", "SOURCE_COLUMNS", "MAX_SOURCES"]

SLIDE_WIDTH_IN, SLIDE_HEIGHT_IN = 13.333, 7.5      # 16:9
#: The columns of a figure's CSV that name the sources of its values (``|``-joined ids allowed).
SOURCE_COLUMNS = ("source", "target_source", "old_source", "new_source", "previous_source")
#: Publishers named under a figure; the rest are counted ("and 4 more publishers"), all in the notes.
MAX_SOURCES = 6
FONT = "Arial"     # carries Vietnamese diacritics on the machines decks are shown on
MARGIN = 0.4       # left and right
TOP, BOTTOM = 0.25, 0.2
GAP = 0.1
#: The text column beside a tall figure, and the space between it and the picture (inches).
SIDE_WIDTH, SIDE_GAP = 4.3, 0.3
#: Title sizes tried in turn (points) and the most height a title may take (inches), per layout.
TITLE_SIZES = {"wide": (28, 24, 20), "side": (24, 20, 18)}
TITLE_HEIGHT = {"wide": 0.8, "side": 2.4}
#: Sizes of the key sentences beside a tall figure; the longest such sentence, in characters.
SENTENCE_SIZES = (16, 14, 12, 11)
SENTENCE_CHARS = 180
SOURCE_SIZE, SOURCE_LINES = 9, {"wide": 2, "side": 5}
#: A title cut from a caption keeps clauses up to this many characters; the caption is said beside a
#: tall figure only if it holds this many more than the title.
CAPTION_TITLE_CHARS, CAPTION_MORE_CHARS = 80, 30
#: The side layout is taken when it draws the picture at least this much larger (by area) than the wide one:
#: a column beside a figure barely larger is room lost.
SIDE_GAIN = 1.15
#: Average advance of a character in ems (regular, bold): DejaVu Sans over the pack's sentences and
#: source lines (capitals, brackets), some 10 % wider than Arial, so an estimate errs on the safe
#: side. Lines are 1.2 ems apart.
CHAR_EM = {False: 0.55, True: 0.6}
LINE_EM = 1.2
#: python-pptx's default insets of a text frame (inches): left and right, top and bottom.
INSET_X, INSET_Y = 0.1, 0.05
#: The heat-map again as native tables, one pillar a slide (cut into pages of at most
#: :data:`HEATMAP_ROWS` indicators), its cells' words at :data:`TABLE_SIZE` points, so that it
#: reads when projected: the picture of all its rows is too small for that on one slide.
HEATMAP_ROWS, TABLE_SIZE, TABLE_HEADER_SIZE = 6, 11, 12
#: The width of the indicators' column of those tables (inches).
TABLE_NAME_WIDTH = 3.6


def key_figures(figures: Sequence[str] | Mapping[str, Iterable], findings: Iterable[Finding] = (),
                headline: Iterable[str] = ()) -> list[str]:
    """The figures that get a slide, in order: heat-map, the reorganisation, DTI history, comparison
    panels, the figures the findings refer to, then the trend figures that draw the headline indicators.

    ``figures`` lists the pack's figure names, or maps each to the ``(unit, indicator)`` pairs
    it draws (then a trend figure is chosen by what it draws: a small multiple holds several
    indicators); with names only, a trend is ``trend_<unit>_<indicator>``.
    """
    have = list(dict.fromkeys(figures))
    chosen = [f for f in (HEATMAP, REORGANISATION_FIGURE, DTI_FIGURE) if f in have]
    chosen += [f for f in have if f.startswith("compare_") and f not in ("compare_coverage", DTI_FIGURE)]
    chosen += [f.figure for f in findings if f.figure in have]
    drawn = figures if isinstance(figures, Mapping) else {}
    for indicator in headline:
        trend = next((f for f in have if f.startswith("trend_") and (
            any(i == indicator for _, i in drawn.get(f, ())) or f.endswith(f"_{indicator}"))), None)
        if trend:
            chosen.append(trend)
    return list(dict.fromkeys(chosen))


# ------------------------------------------------------------------------------ sources

def _cited(out: Path, name: str, sources: pd.DataFrame) -> list[pd.Series | str]:
    """The sources named in ``<name>.csv``, in order: each a row of ``sources``, or its id if not there."""
    try:
        drawn = pd.read_csv(out / f"{name}.csv", dtype=str, keep_default_na=False)
    except (OSError, ValueError, pd.errors.EmptyDataError):
        drawn = pd.DataFrame()
    ids = source_ids(v for c in SOURCE_COLUMNS if c in drawn for v in drawn[c])
    table = sources.set_index("id")
    return [table.loc[sid] if sid in table.index else sid for sid in ids]


def _source_line(src: pd.Series | str, lang: str | None) -> str:
    if isinstance(src, str):
        return src
    when = i18n.date(src.get("published"), lang) or t("date_not_stated", lang)
    line = t("deck.source_item", lang, publisher=i18n.publisher(src["publisher"], lang), date=when,
             title=src["title"])
    url = src.get("url")
    return f"{line} — {url}" if isinstance(url, str) and url else line


def figure_sources(out: str | Path, name: str, sources: pd.DataFrame, lang: str | None = None) -> list[str]:
    """The sources of the values figure ``name`` shows, one line each: publisher (date), title, address.

    Read from the ``source`` columns of ``<name>.csv`` (:data:`SOURCE_COLUMNS`) and resolved in
    ``sources`` (``data.sources``); an id not in it is given as is. A figure whose CSV names no
    source falls back on the source line of its JSON.
    """
    out = Path(out)
    cited = _cited(out, name, sources)
    if not cited:
        meta = _meta(out, name)
        return [meta["source"]] if meta.get("source") else []
    return [_source_line(src, lang) for src in cited]


def _publishers(cited: Sequence[pd.Series | str], lang: str | None) -> list[str]:
    names = (src if isinstance(src, str) else i18n.publisher(src["publisher"], lang) for src in cited)
    return list(dict.fromkeys(names))


def _meta(out: Path, name: str) -> dict:
    try:
        return json.loads((out / f"{name}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


# ------------------------------------------------------------------------------ words that fit

def _words(text: object) -> str:
    return " ".join(str(text).split())


def _cut(text: str, limit: int) -> str:
    """``text`` cut at a word so that, with an ellipsis, it holds at most ``limit`` characters."""
    if len(text) <= limit:
        return text
    head = text[:max(limit - 1, 1)]
    if " " in head.strip():
        head = head.rsplit(" ", 1)[0]
    return head.rstrip(" ,;:–-") + "…"


def _short_forms(text: str) -> list[str]:
    """``text``, its first clause (up to ``;``), and what comes before that clause's first colon."""
    forms = [text]
    clause = text.split("; ")[0]
    forms.append(clause)
    head = clause.split(": ")[0]
    if len(head.split()) >= 3:
        forms.append(head)
    return list(dict.fromkeys(forms))


def shorten(text: str, limit: int) -> str:
    """``text`` in at most ``limit`` characters, said as whole as it can be.

    The whole sentence if it fits, else its first clause (up to the first ``;``), else what
    comes before that clause's first colon (if three words or more), else the text cut at a
    word with an ellipsis. White space is collapsed and a final full stop dropped.

    Parameters
    ----------
    text
        A sentence (a finding, a caption).
    limit
        The most characters the result may hold.

    Returns
    -------
    str
        The shortened text.
    """
    text = _words(text).rstrip(".")
    return next((f for f in _short_forms(text) if len(f) <= limit), _cut(text, limit))


def _without_date(caption: str, date: str) -> str:
    """``caption`` without the clause that holds the report date ``date`` (", as of 31 Mar 2026")."""
    at = caption.find(date) if date else -1
    if at < 0:
        return caption
    start = max(caption.rfind(", ", 0, at), caption.rfind(": ", 0, at))
    return _words(caption[:start] + caption[at + len(date):]) if start > 0 else caption


def caption_title(caption: str, date: str = "", limit: int = CAPTION_TITLE_CHARS) -> str:
    """A short slide title cut from a figure's caption, which is the chart's own title.

    The clause naming the report date ``date`` is dropped, then the caption's clauses (split at
    ``": "``) are kept while they fit in ``limit`` characters; a caption that would still be kept
    whole loses its last comma clause, so the title does not repeat the chart's title word for
    word unless the caption has no clause to drop.

    Parameters
    ----------
    caption
        The figure's caption (its JSON's ``caption``).
    date
        The report date as the caption writes it (:func:`dtlib.words.i18n.date`), if known.
    limit
        The most characters the title may hold.

    Returns
    -------
    str
        The title.

    Examples
    --------
    >>> caption_title("Digital government: figures 2021–2025, targets to 2026, as of 31 Mar 2026 (2 of 2)",
    ...               "31 Mar 2026")
    'Digital government: figures 2021–2025, targets to 2026 (2 of 2)'
    >>> caption_title("Attainment, mini")
    'Attainment'
    """
    caption = _words(caption)
    parts = _without_date(caption, date).split(": ")
    title = parts[0]
    for part in parts[1:]:
        if len(title) + 2 + len(part) > limit:
            break
        title += ": " + part
    if title == caption:
        title = caption.rpartition(", ")[0] or caption
    return _cut(title, limit)


def _lines(text: str, width: float, size: float, bold: bool = False) -> int:
    """How many lines ``text`` wraps to in a frame ``width`` inches wide at ``size`` points (greedy, by words)."""
    per_line = max(1, int((width - 2 * INSET_X) * 72 / (CHAR_EM[bold] * size)))
    total = 0
    for paragraph in text.split("\n"):
        lines, used = 1, 0
        for word in paragraph.split():
            if used and used + 1 + len(word) <= per_line:
                used += 1 + len(word)
            elif used:
                lines, used = lines + 1, len(word)
            else:
                used = len(word)
            if used > per_line:                     # a word longer than a line breaks where it must
                lines += (used - 1) // per_line
                used = (used - 1) % per_line + 1
        total += lines
    return total


def text_height(text: str | Sequence[str], width: float, size: float, bold: bool = False,
                spacing: float = 0.0) -> float:
    """The height in inches a frame ``width`` inches wide needs for ``text`` at ``size`` points.

    A rough measure by characters (:data:`CHAR_EM`), on the safe side for Arial.

    Parameters
    ----------
    text
        One text (``\\n`` separates paragraphs) or a list of paragraphs.
    width
        Width of the text frame, in inches (its insets included).
    size
        Font size, in points.
    bold
        Bold text is wider.
    spacing
        Space after each paragraph of a list, in points.

    Returns
    -------
    float
        Inches, the frame's insets included.
    """
    paragraphs = [text] if isinstance(text, str) else list(text)
    lines = sum(_lines(p, width, size, bold) for p in paragraphs)
    return (lines * size * LINE_EM + spacing * len(paragraphs)) / 72 + 2 * INSET_Y


def _fit_title(text: str, width: float, height: float, sizes: Sequence[float]) -> tuple[str, float]:
    """The longest short form of ``text`` (:func:`shorten`) that fits, in the largest of ``sizes`` it fits at."""
    text = _words(text).rstrip(".")
    for form in _short_forms(text):
        for size in sizes:
            if text_height(form, width, size, bold=True) <= height:
                return form, size
    size = sizes[-1]
    limit = len(text)
    while limit > 1 and text_height(_cut(text, limit), width, size, bold=True) > height:
        limit = int(limit * 0.9)
    return _cut(text, limit), size


def _fit_list(items: Sequence[str], width: float, height: float, sizes: Sequence[float],
              spacing: float = 6) -> tuple[list[str], float]:
    """``items`` in the largest of ``sizes`` at which they all fit; the last dropped while none does."""
    items = list(items)
    while items:
        for size in sizes:
            if text_height([f"• {i}" for i in items], width, size, spacing=spacing) <= height:
                return items, size
        items.pop()
    return [], sizes[-1]


def _sources_line(cited: Sequence[pd.Series | str], fallback: str, width: float, lines: int,
                  lang: str | None) -> str:
    """``Sources of the values shown: A; B and 3 more publishers …`` in at most ``lines`` lines of the footer."""
    label = t("deck.sources", lang)
    publishers = _publishers(cited, lang)
    height = (lines * SOURCE_SIZE * LINE_EM) / 72 + 2 * INSET_Y
    for k in range(min(len(publishers), MAX_SOURCES), 0, -1):
        more = len(publishers) - k
        text = f"{label}: " + "; ".join(publishers[:k]) + (
            " " + t("deck.more_publishers", lang, n=i18n.number(more, 0, lang)) if more else "")
        if text_height(text, width, SOURCE_SIZE) <= height:
            return text
    text = _words(fallback) if not publishers else f"{label}: " + "; ".join(publishers)
    if not text:
        return ""
    limit = len(text)
    while limit > 1 and text_height(_cut(text, limit), width, SOURCE_SIZE) > height:
        limit = int(limit * 0.9)
    return _cut(text, limit)


# ------------------------------------------------------------------------------ what a figure's slide says

def _listed(value: object) -> list[str]:
    if isinstance(value, str):
        return [value] if value.strip() else []
    return [str(v) for v in value or () if str(v).strip()]


def figure_title(meta: Mapping, findings: Sequence[str] = (), date: str = "") -> str:
    """The text a figure's slide title says, before it is fitted: its first finding, else a title from its caption.

    Parameters
    ----------
    meta
        The figure's JSON (``caption``; a ``finding`` there counts when ``findings`` is empty).
    findings
        The sentences of the findings that refer to the figure, in the order of the findings.
    date
        The report date as captions write it, dropped from a title cut from the caption.

    Returns
    -------
    str
        The first finding, or :func:`caption_title` of the caption (the figure's name if it has none).
    """
    said = list(findings) or _listed(meta.get("finding"))
    if said:
        return said[0]
    caption = str(meta.get("caption") or "")
    return caption_title(caption, date) if caption else str(meta.get("name", ""))


def _bullets(label: str, items: Sequence[str]) -> list[str]:
    return ["", f"{label}:", *[f"• {_words(i)}" for i in items]] if items else []


def speaker_notes(caption: str, findings: Sequence[str], sources: Sequence[str], caveats: Sequence[str],
                  general: Sequence[str] = (), lang: str | None = None) -> str:
    """The speaker notes of a figure's slide, as plain text: caption, findings, sources, caveats.

    Parameters
    ----------
    caption
        The figure's caption (its JSON's ``caption``).
    findings
        The findings on the figure, in full.
    sources
        Every source of the values shown (:func:`figure_sources`).
    caveats
        The caveats of this figure (:func:`dtlib.words.findings.caveats` that refer to it, those of its JSON).
    general
        The caveats of the whole pack (those that refer to no figure).
    lang
        The pack's language.

    Returns
    -------
    str
        Paragraphs separated by ``\\n``; every heading in ``lang``.
    """
    lines = [f"{t('deck.notes.figure', lang)}: {_words(caption)}"] if caption else []
    lines += _bullets(t("deck.notes.findings", lang), findings)
    lines += _bullets(t("deck.sources", lang), sources) or ["", t("deck.notes.no_sources", lang)]
    lines += _bullets(t("deck.notes.caveats", lang), caveats) or ["", t("deck.notes.no_caveats", lang)]
    lines += _bullets(t("deck.notes.general_caveats", lang), general)
    return "\n".join(lines).strip("\n")


@dataclass(frozen=True)
class _Figure:
    """What a figure's slide shows and says."""

    name: str
    png: Path
    aspect: float             # width / height of the PNG
    title: str
    findings: list[str]
    cited: list
    fallback_source: str
    notes: str
    caption: str


def _figure(out: Path, name: str, findings: Sequence[Finding], caveats: Sequence[Finding],
            sources: pd.DataFrame, date: str, lang: str | None) -> _Figure:
    from PIL import Image

    meta = _meta(out, name)
    png = out / meta.get("png", f"{name}.png")
    with Image.open(png) as image:
        w, h = image.size
    said = [f.text for f in findings if f.figure == name] or _listed(meta.get("finding"))
    own = [c.text for c in caveats if c.figure == name] + _listed(meta.get("caveats"))
    general = [c.text for c in caveats if not c.figure]
    caption = str(meta.get("caption") or "")
    notes = speaker_notes(caption, said, figure_sources(out, name, sources, lang), own, general, lang)
    return _Figure(name, png, w / h, figure_title(meta, said, date), said, _cited(out, name, sources),
                   str(meta.get("source") or ""), notes, caption)


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


def _fitted_title(slide, text: str, size: float, box: tuple[float, float, float, float]) -> None:
    """The slide's title placeholder at ``box``, left-aligned from the top, at ``size`` points."""
    from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN

    title = slide.shapes.title
    _place(title, *box)
    frame = title.text_frame
    frame.word_wrap, frame.auto_size, frame.vertical_anchor = True, MSO_AUTO_SIZE.NONE, MSO_ANCHOR.TOP
    title.text = text
    for p in frame.paragraphs:
        p.alignment = PP_ALIGN.LEFT
        _style(p, size, bold=True)


def _text_box(slide, lines: Sequence[str], left: float, top: float, width: float, height: float, size: float,
              colour: tuple[int, int, int] | None = None, bullets: bool = False):
    from pptx.enum.text import MSO_AUTO_SIZE
    from pptx.util import Pt

    box = slide.shapes.add_textbox(_inches(left), _inches(top), _inches(width), _inches(height))
    frame = box.text_frame
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.TEXT_TO_FIT_SHAPE
    for i, line in enumerate(lines):
        p = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        p.text = f"• {line}" if bullets else line
        _style(p, size, colour=colour)
        if bullets:
            p.space_after = Pt(6)
    return box


def _bullet_slide(prs, title: str, lines: Sequence[str]):
    slide = prs.slides.add_slide(prs.slide_layouts[5])          # title only
    _title(slide, title, 28)
    n = max(len(lines), 1)
    size = 16 if n <= 5 and sum(map(len, lines)) < 900 else 13 if sum(map(len, lines)) < 1800 else 11
    _text_box(slide, lines, MARGIN, 1.25, SLIDE_WIDTH_IN - 2 * MARGIN, SLIDE_HEIGHT_IN - 1.55, size, bullets=True)
    return slide


def _fit_box(aspect: float, width: float, height: float) -> tuple[float, float]:
    """The largest width and height of proportions ``aspect`` (width / height) inside ``width`` × ``height``."""
    scale = min(width / aspect, height)
    return scale * aspect, scale


def _picture(slide, figure: _Figure, left: float, top: float, width: float, height: float):
    """The figure's PNG at the box the layout gave it (its proportions); named for the figure, its
    caption as alternative text."""
    picture = slide.shapes.add_picture(str(figure.png), _inches(left), _inches(top), _inches(width), _inches(height))
    picture.name = figure.name
    picture._element.nvPicPr.cNvPr.set("descr", figure.caption)
    return picture


@dataclass(frozen=True)
class _Layout:
    """Where a figure's slide puts its title, picture, key sentences and sources line (inches)."""

    kind: str
    title: str
    title_size: float
    title_box: tuple[float, float, float, float]
    picture_box: tuple[float, float, float, float]
    footer: str
    footer_box: tuple[float, float, float, float]

    def picture_area(self) -> float:
        return self.picture_box[2] * self.picture_box[3]


def _footer(figure: _Figure, width: float, kind: str, lang: str | None) -> tuple[str, float]:
    """The sources line of a slide in a frame ``width`` inches wide, and the height it takes (0 if none)."""
    line = _sources_line(figure.cited, figure.fallback_source, width, SOURCE_LINES[kind], lang)
    return line, (text_height(line, width, SOURCE_SIZE) if line else 0.0)


def _wide_layout(figure: _Figure, lang: str | None) -> _Layout:
    """Title across the top, the picture below it, centred, the sources line at the bottom."""
    width = SLIDE_WIDTH_IN - 2 * MARGIN
    text, size = _fit_title(figure.title, width, TITLE_HEIGHT["wide"], TITLE_SIZES["wide"])
    title_h = text_height(text, width, size, bold=True)
    footer, footer_h = _footer(figure, width, "wide", lang)
    footer_top = SLIDE_HEIGHT_IN - BOTTOM - footer_h
    top = TOP + title_h + GAP
    height = footer_top - GAP - top
    pw, ph = _fit_box(figure.aspect, width, height)
    return _Layout("wide", text, size, (MARGIN, TOP, width, title_h),
                   (MARGIN + (width - pw) / 2, top + (height - ph) / 2, pw, ph), footer,
                   (MARGIN, footer_top, width, footer_h))


def _side_layout(figure: _Figure, lang: str | None) -> _Layout:
    """The picture the full height of the slide at the right; title, key sentences and sources in the
    column left of it, at least :data:`SIDE_WIDTH` wide and as wide as the picture leaves."""
    height = SLIDE_HEIGHT_IN - TOP - BOTTOM
    pw, ph = _fit_box(figure.aspect, SLIDE_WIDTH_IN - 2 * MARGIN - SIDE_WIDTH - SIDE_GAP, height)
    left = SLIDE_WIDTH_IN - MARGIN - pw
    width = left - SIDE_GAP - MARGIN
    text, size = _fit_title(figure.title, width, TITLE_HEIGHT["side"], TITLE_SIZES["side"])
    footer, footer_h = _footer(figure, width, "side", lang)
    return _Layout("side", text, size, (MARGIN, TOP, width, text_height(text, width, size, bold=True)),
                   (left, TOP + (height - ph) / 2, pw, ph), footer,
                   (MARGIN, SLIDE_HEIGHT_IN - BOTTOM - footer_h, width, footer_h))


def _layout(figure: _Figure, lang: str | None) -> _Layout:
    """The layout that draws the picture larger: across the slide, or the full height beside a column
    (when that draws it :data:`SIDE_GAIN` times larger)."""
    wide, side = _wide_layout(figure, lang), _side_layout(figure, lang)
    return side if side.picture_area() > SIDE_GAIN * wide.picture_area() else wide


def _key_sentences(figure: _Figure, title: str) -> list[str]:
    """What the column beside a tall figure says: the findings on it the title does not already say,
    each shortened to :data:`SENTENCE_CHARS`; with no finding, the figure's caption if it says more
    than the title (the units it compares, not only the date)."""
    said = [shorten(f, SENTENCE_CHARS) for f in figure.findings]
    if not said and len(figure.caption) > len(title) + CAPTION_MORE_CHARS:
        said = [figure.caption]
    return [s for s in dict.fromkeys(said) if s != title]


def _figure_slide(prs, figure: _Figure, lang: str | None):
    slide = prs.slides.add_slide(prs.slide_layouts[5])
    layout = _layout(figure, lang)
    _fitted_title(slide, layout.title, layout.title_size, layout.title_box)
    _picture(slide, figure, *layout.picture_box)
    left, footer_top, width, footer_h = layout.footer_box
    if layout.footer:
        _text_box(slide, [layout.footer], left, footer_top, width, footer_h, SOURCE_SIZE, colour=(90, 90, 90))
    if layout.kind == "side":
        top = layout.title_box[1] + layout.title_box[3] + 0.15
        height = footer_top - 0.15 - top
        items, size = _fit_list(_key_sentences(figure, layout.title), width, height, SENTENCE_SIZES)
        if items:
            _text_box(slide, items, left, top, width, height, size, bullets=len(figure.findings) > 0)
    slide.notes_slide.notes_text_frame.text = figure.notes
    return slide


def heatmap_pages(table: pd.DataFrame, rows: int = HEATMAP_ROWS) -> list[tuple[str, list[str]]]:
    """The heat-map's indicators cut into the pages of its table slides: ``(pillar, indicators)``,
    the pillars in their usual order, the indicators of each in the table's order, at most ``rows``
    a page.

    >>> t = pd.DataFrame({"indicator": ["a", "b", "c", "a"], "pillar": ["society", "government", "society", "society"]})
    >>> heatmap_pages(t, rows=1)
    [('government', ['b']), ('society', ['a']), ('society', ['c'])]
    """

    order = {p: i for i, p in enumerate(PILLARS)}
    first = table.drop_duplicates("indicator")
    pillars = first["pillar"].fillna("").astype(str) if "pillar" in first else pd.Series("", first.index)
    pages = []
    for pillar in sorted(dict.fromkeys(pillars), key=lambda p: order.get(p, len(order))):
        ids = list(first.loc[pillars == pillar, "indicator"])
        pages += [(pillar, ids[k:k + rows]) for k in range(0, len(ids), rows)]
    return pages


def _ink(fill: str) -> tuple[int, int, int]:
    """Black or white, whichever reads better on ``fill``."""

    return (0, 0, 0) if contrast("#000000", fill) >= contrast("#FFFFFF", fill) else (255, 255, 255)


def _rgb(colour: str) -> tuple[int, int, int]:
    colour = colour.lstrip("#")
    return tuple(int(colour[k:k + 2], 16) for k in (0, 2, 4))


def _cell(cell, text: str, size: float, fill: str | None, bold: bool = False,
          colour: tuple[int, int, int] = (0, 0, 0)) -> None:
    from pptx.dml.color import RGBColor
    from pptx.enum.text import MSO_ANCHOR

    cell.text = text
    cell.vertical_anchor = MSO_ANCHOR.MIDDLE
    cell.margin_left = cell.margin_right = _inches(0.05)
    cell.margin_top = cell.margin_bottom = _inches(0.02)
    if fill:
        cell.fill.solid()
        cell.fill.fore_color.rgb = RGBColor(*_rgb(fill))
    else:
        cell.fill.background()
    for p in cell.text_frame.paragraphs:
        _style(p, size, bold=bold, colour=colour)


def _heatmap_table_slides(prs, out: Path, figure: _Figure, units: Sequence[str] | None, as_of, date: str,
                          lang: str | None) -> list:
    """The heat-map's cells as native tables (see :data:`HEATMAP_ROWS`), after its picture: one slide
    per pillar and page, the status colours and the figure's words, the figure's sources line and notes."""

    path = out / f"{figure.name}.csv"
    if not path.exists():
        return []
    table = pd.read_csv(path, dtype={"unit": str, "indicator": str})
    if not {"unit", "indicator", "status"} <= set(table.columns) or table.empty:
        return []
    if "value" not in table:
        table["value"] = float("nan")
    table = table.assign(_stale=_stale(table, as_of) & table["value"].notna())
    shown = list(dict.fromkeys(units or [])) or list(dict.fromkeys(table["unit"]))
    shown = [u for u in shown if u in set(table["unit"])]
    names = (dict(zip(table["unit"], table["unit_name"].fillna(table["unit"]))) if "unit_name" in table
             else {u: u for u in shown})
    ind_names = (dict(zip(table["indicator"], table["indicator_name"].fillna(table["indicator"])))
                 if "indicator_name" in table else {})
    cells = table.drop_duplicates(["indicator", "unit"]).set_index(["indicator", "unit"])
    # as the figure: the indicators someone reported; the others are named in the speaker notes
    unreported = unreported_indicators(table)
    if len(unreported) == table["indicator"].nunique():     # no figure at all: every row, as the figure
        unreported = []
    pages = heatmap_pages(table[~table["indicator"].isin(unreported)])
    notes = figure.notes
    if unreported:
        notes += "\n\n" + unreported_targets([str(ind_names.get(i, i)) for i in unreported], lang)
    parts: dict[str, int] = {}
    for pillar, _ in pages:
        parts[pillar] = parts.get(pillar, 0) + 1
    seen: dict[str, int] = {}
    slides = []
    width = SLIDE_WIDTH_IN - 2 * MARGIN
    footer, footer_h = _footer(figure, width, "wide", lang)
    for pillar, indicators in pages:
        seen[pillar] = seen.get(pillar, 0) + 1
        slide = prs.slides.add_slide(prs.slide_layouts[5])
        name = t(f"pillar.{pillar}", lang) if pillar else t("deck.heatmap_other", lang)
        title = t("deck.heatmap_table", lang, pillar=name, date=date)
        if parts[pillar] > 1:
            title += f" ({seen[pillar]}/{parts[pillar]})"
        text, size = _fit_title(title, width, TITLE_HEIGHT["wide"], TITLE_SIZES["wide"])
        title_h = text_height(text, width, size, bold=True)
        _fitted_title(slide, text, size, (MARGIN, TOP, width, title_h))
        top = TOP + title_h + GAP
        footer_top = SLIDE_HEIGHT_IN - BOTTOM - footer_h
        height = footer_top - GAP - top
        shape = slide.shapes.add_table(len(indicators) + 1, len(shown) + 1, _inches(MARGIN), _inches(top),
                                       _inches(width), _inches(height))
        shape.name = f"{figure.name}_table"
        grid = shape.table
        grid.first_row, grid.horz_banding = True, False
        grid.columns[0].width = _inches(TABLE_NAME_WIDTH)
        for j in range(len(shown)):
            grid.columns[j + 1].width = _inches((width - TABLE_NAME_WIDTH) / len(shown))
        grid.rows[0].height = _inches(0.55)
        for j in range(len(indicators)):
            grid.rows[j + 1].height = _inches((height - 0.55) / len(indicators))
        _cell(grid.cell(0, 0), t("deck.heatmap_indicator", lang), TABLE_HEADER_SIZE, None, bold=True)
        for j, unit in enumerate(shown):
            _cell(grid.cell(0, j + 1), str(names.get(unit, unit)), TABLE_HEADER_SIZE, None, bold=True)
        for i, ind in enumerate(indicators):
            _cell(grid.cell(i + 1, 0), str(ind_names.get(ind, ind)), TABLE_SIZE, None)
            for j, unit in enumerate(shown):
                if (ind, unit) not in cells.index:
                    _cell(grid.cell(i + 1, j + 1), t("fig.no_target", lang), TABLE_SIZE, None, colour=(130, 130, 130))
                    continue
                row = cells.loc[(ind, unit)]
                fill = STATUS_COLOURS.get(str(row["status"]), "#FFFFFF")
                _cell(grid.cell(i + 1, j + 1), attainment_cell(row, bool(row["_stale"]), lang), TABLE_SIZE, fill,
                      colour=_ink(fill))
        if footer:
            _text_box(slide, [footer], MARGIN, footer_top, width, footer_h, SOURCE_SIZE, colour=(90, 90, 90))
        slide.notes_slide.notes_text_frame.text = notes
        slides.append(slide)
    return slides


def build_deck(out: str | Path, manifest: dict, findings: Sequence[Finding], caveats: Sequence[Finding],
               figures: Sequence[str], sources: pd.DataFrame, lang: str | None = None, *,
               units: Sequence[str] | None = None):
    """The presentation (``pptx.Presentation``) of the pack in ``out``: see the module.

    Parameters
    ----------
    out
        The pack folder (each figure's ``.png``, ``.json`` and ``.csv``).
    manifest
        ``as_of`` (report date) and ``built`` (build date).
    findings, caveats
        :func:`dtlib.words.findings.key_findings` and :func:`dtlib.words.findings.caveats`: the closing
        slides, and each figure's slide title and notes (those that refer to the figure).
    figures
        The figures that get a slide (:func:`key_figures`); a figure without its PNG is skipped.
    sources
        ``data.sources``, to name the sources of each figure's values.
    lang
        The pack's language (default: the language in use).
    units
        The order of the heat-map's columns in its table slides (default: the order of its CSV).
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
    date = i18n.date(manifest.get("as_of"), lang)
    _bullet_slide(prs, t("findings.title", lang), [f.text for f in findings])
    for name in figures:
        if (out / f"{name}.png").exists():
            figure = _figure(out, name, findings, caveats, sources, date, lang)
            _figure_slide(prs, figure, lang)
            if name == HEATMAP:
                _heatmap_table_slides(prs, out, figure, units, manifest.get("as_of"), date, lang)
    _bullet_slide(prs, t("caveats.title", lang), [c.text for c in caveats])
    return prs
