"""The briefing pack's front page (``index.html``): one plain HTML file, in the pack's language.

The page opens with the key findings, each linked to its figure, the headline indicators' latest
figure per province (``tables/headline.csv``, written by ``04_trends``), and the downloads (summary,
slides, workbook); then what changed since the last pack, the revised figures, every notebook
run, every figure with its caption, source line and links to the definitions of the indicators
it draws, the definitions of every indicator the figures and tables show (name, definition,
unit of measure, which way is better, the sources reporting it), and the tables. It needs
nothing from the network (no fonts, scripts or stylesheets from elsewhere).

It reads on a desktop and on a phone. Each table is in a box of its own that scrolls sideways
(focusable, and named for a screen reader), its first column pinned and wrapping, so every
column is visible or reached inside the box and the page itself never scrolls sideways. Each
figure opens full size (its 2000-px PNG); on a narrow screen the page shows its phone rendering
(``phone/<name>.png``, :mod:`dtlib.figures.phone`: the chart drawn again 4.2 in wide) at a size where
its words read, a grid too wide for that scrolling sideways in its own box.

Every word comes from the catalogue (:mod:`dtlib.words.messages`, keys ``front.*``), every unit and
indicator name from ``name_vi``/``name_en``, numbers and dates from :mod:`dtlib.words.i18n`; every
value read from the data or the manifest is escaped.
"""
from __future__ import annotations

import html
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import pandas as pd

from ..words import i18n
from ..analysis.changes import RANK_NOISE_PLACES
from ..data.dataset import load
from ..figures.figure_files import PNG_DPI
from ..words.formats import format_value, status_short
from ..words.i18n import DEFAULT_LANGUAGE, t
from ..words.messages import MESSAGES
from ..words.names import unit_labels
from ..analysis.observations import report_date_reason
from ..figures.phone import PHONE_WIDTH, PX_PER_INCH
from .workbook import definitions, pack_tables
from .worker import describe_failure

__all__ = ["front_page", "scroll_box", "drawn_indicators", "DOWNLOADS"]

esc = html.escape

#: Files of the pack linked from the top of the page when they exist: name → catalogue key.
DOWNLOADS = {"summary.md": "front.download.summary", "briefing.pptx": "front.download.deck",
             "tables.xlsx": "front.download.workbook"}

_CSS = """
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{font-family:'DejaVu Sans','Noto Sans',Arial,Helvetica,sans-serif;font-size:17px;line-height:1.5;
 color:#1f1f1f;background:#fff;max-width:64rem;margin:0 auto;padding:1rem 1rem 3rem}
h1{font-size:1.55rem;line-height:1.25;margin:.5rem 0 .75rem}
h2{font-size:1.25rem;line-height:1.3;margin:2.2rem 0 .6rem;padding-top:.4rem;border-top:2px solid #d8d8d8}
p,li,figcaption{overflow-wrap:anywhere}
a{color:#0b57a4}
.dates{margin-bottom:.4rem}
.note{color:#555;font-size:.9rem;margin-top:.4rem}
.downloads{background:#f3f6fa;border-left:4px solid #0b57a4;padding:.5rem .8rem}
.findings{padding-left:1.3rem}
.findings li{margin:.35rem 0}
nav.toc{font-size:.95rem}
nav.toc ol{margin:.3rem 0;padding-left:1.6rem}
@media (min-width:700px){nav.toc ol{columns:2;column-gap:2.5rem}nav.toc li{break-inside:avoid}}
figure{margin:1.6rem 0;padding-top:1rem;border-top:1px solid #e2e2e2}
h2+figure{border-top:0;padding-top:0}
img{max-width:100%;height:auto;display:block}
figcaption{font-size:.95rem;margin-top:.4rem}
.src{color:#5a5a5a;font-size:.8rem}
main>h2:first-child{margin-top:1.2rem}
.failed{color:#a30000}
.scroll{overflow-x:auto;-webkit-overflow-scrolling:touch;max-width:100%;margin:.5rem 0;border:1px solid #e2e2e2}
.scroll:focus-visible,.pic:focus-visible{outline:3px solid #0b57a4;outline-offset:2px}
table{border-collapse:separate;border-spacing:0;font-size:.9rem}
th,td{padding:.3em .6em;border-bottom:1px solid #e6e6e6;text-align:left;vertical-align:top;background:#fff}
th{background:#f4f4f4;font-weight:600}
thead th{min-width:5.5rem}
td{min-width:7rem}
td.num{text-align:right;white-space:nowrap;min-width:0}
td code{display:block;min-width:14rem}
code{font-size:.85rem;overflow-wrap:anywhere}
tr>:first-child{position:sticky;left:0;z-index:1;min-width:min(12rem,36vw);max-width:min(17rem,42vw);
 overflow-wrap:anywhere;border-right:1px solid #d8d8d8}
tbody tr>th:first-child{background:#fafafa}
.pic a{display:block}
.links{font-size:.9rem}
.defs dt{font-weight:600;margin-top:.9rem}
.defs dd{margin:.15rem 0 0 1.2rem}
.defs dd p{margin:.15rem 0}
h3{font-size:1.05rem;margin:1.4rem 0 .3rem}
details.drawn summary{cursor:pointer}
@media (max-width:600px){body{font-size:16px;padding:.75rem}h1{font-size:1.3rem}h2{font-size:1.12rem}
 figure:not(.wide) .pic img{width:100%}
 figure.wide .pic{overflow-x:auto;-webkit-overflow-scrolling:touch}
 figure.wide .pic img{max-width:none}}
"""


@dataclass
class _Names:
    """What the page needs from the data set: names in the language, and the report date's reason."""

    lang: str
    units: dict[str, str] = field(default_factory=dict)
    indicators: dict[str, str] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)
    reason: dict | None = None

    def source(self, sid) -> str:
        return self.sources.get(sid, "" if pd.isna(sid) else str(sid))

    def unit(self, uid) -> str:
        return self.units.get(uid, "" if pd.isna(uid) else str(uid))

    def indicator(self, iid, fallback=None) -> str:
        if iid in self.indicators:
            return self.indicators[iid]
        return str(fallback) if isinstance(fallback, str) and fallback else ("" if pd.isna(iid) else str(iid))


def _data_dir(manifest: dict) -> str | None:
    for run in manifest.get("runs", []):
        folder = (run.get("parameters") or {}).get("data_dir")
        if folder:
            return folder
    return None


def _dataset(manifest: dict, data=None):
    """The data set the runs read: ``data``, else loaded from their ``data_dir``; ``None`` if it cannot be read."""
    if data is not None:
        return data
    folder = _data_dir(manifest)
    if not folder or not Path(folder).is_dir():
        return None
    try:
        return load(folder)
    except Exception:          # noqa: BLE001 -- a page with ids beats no page when the data no longer load
        return None


def _names(manifest: dict, lang: str, data=None) -> _Names:
    """Names from the data set the runs read (``data``, else loaded from their ``data_dir``); ids only if it
    cannot be read."""
    data = _dataset(manifest, data)
    if data is None:
        return _Names(lang)
    sources = {r.id: (i18n.publisher(r.publisher, lang) if isinstance(r.publisher, str) and r.publisher else r.id)
               for r in data.sources.itertuples(index=False)}
    return _Names(lang, unit_labels(data.units, lang), i18n.names(data.indicators, lang), sources,
                  report_date_reason(data))


def _fill(key: str, lang: str, **markup: str) -> str:
    """The catalogue text ``key``, escaped, with ``markup`` (already safe HTML) put in its fields."""
    text = esc(t(key, lang, **{k: f"\0{k}\0" for k in markup}))
    for k, value in markup.items():
        text = text.replace(f"\0{k}\0", value)
    return text


def scroll_box(table: str, label: str) -> str:
    """``table`` (safe HTML) in a box of its own that scrolls sideways when the table is wider than the screen.

    The box takes the keyboard's focus (``tabindex="0"``: the arrow keys then scroll it) and is a
    region named ``label`` for a screen reader; the table's first column stays pinned at the
    left while the others scroll (the page's CSS).

    Parameters
    ----------
    table
        A ``<table>`` element, already escaped.
    label
        The box's name (plain text: escaped here), e.g. the section's title.

    Returns
    -------
    str
        ``<div class='scroll' ...>table</div>``.
    """
    return f"<div class='scroll' tabindex='0' role='region' aria-label='{esc(label)}'>{table}</div>"


def _table(headers: list[str], rows: list[list[str]], label: str, numeric: set[int] = frozenset()) -> str:
    """A table in its own scrolling box named ``label`` (:func:`scroll_box`); ``rows`` hold safe HTML."""
    head = "".join(f"<th scope='col'>{esc(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td class='num'>{c}</td>" if i in numeric else f"<td>{c}</td>"
                                    for i, c in enumerate(row)) + "</tr>" for row in rows)
    return scroll_box(f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>", label)


def _value(v, lang: str) -> str:
    return "" if v is None or pd.isna(v) else esc(i18n.number(v, 4, lang))


def _date(v, lang: str) -> str:
    return esc(i18n.date(v, lang)) if v is not None and not (not isinstance(v, str) and pd.isna(v)) else ""


# ------------------------------------------------------------------------------ the sections

def _dates(manifest: dict, names: _Names) -> str:
    """The report date, why it is that date, and the build date."""
    lang = names.lang
    lines = []
    if manifest.get("as_of"):
        why = _why(manifest, names)
        lines.append(_fill("front.report_date", lang, date=f"<strong>{esc(i18n.date(manifest['as_of'], lang))}</strong>")
                     + (f", {why}." if why else "."))
    built = pd.Timestamp(manifest["built"]) if manifest.get("built") else None
    if built is not None:
        lines.append(esc(t("front.built", lang, date=i18n.date(built, lang), time=f"{built:%H:%M}")))
    return f"<p class='dates'>{'<br>'.join(lines)}</p>" if lines else ""


def _why(manifest: dict, names: _Names) -> str:
    """Why the report date is what it is, from the data's own reason when it set the date."""
    lang, reason = names.lang, names.reason
    if reason is not None and f"{pd.Timestamp(reason['date']):%Y-%m-%d}" == str(manifest["as_of"])[:10]:
        if reason["by"] in ("describes", "published"):
            return esc(t(f"front.why.{reason['by']}", lang, unit=names.unit(reason["unit"]),
                         indicator=names.indicator(reason["indicator"]), source=names.source(reason["source"])))
        return esc(t("front.why.today", lang))
    if reason is not None:
        return esc(t("front.why.as_of", lang))
    # no data set to ask: the manifest's own sentence, which the command line writes in English
    return esc(manifest["why"]) if manifest.get("why") and lang == "en" else ""


def _findings(manifest: dict, figures: set[str], lang: str) -> list[str]:
    findings = manifest.get("findings")
    if not findings:
        return []
    items = []
    for finding in findings:
        text = esc(str(finding.get("text", "")))
        figure = finding.get("figure")
        if figure and figure in figures:
            text += f" <a href='#{esc(quote(figure))}'>{esc(t('front.findings.see_figure', lang))}</a>"
        items.append(f"<li>{text}</li>")
    return [f"<h2 id='findings'>{esc(t('front.findings.title', lang))}</h2>",
            "<ul class='findings'>" + "".join(items) + "</ul>"]


#: The table 04_trends writes of the headline indicators' latest figures, and the figure it draws of them.
HEADLINE_TABLE, HEADLINE_FIGURE = "tables/headline.csv", "trend_headline"


def _headline_section(out: Path, names: _Names, figures: set[str], lang: str) -> list[str]:
    """The headline indicators (``headline`` in ``indicators.csv``): one row each, the latest figure per province."""

    path = out / HEADLINE_TABLE
    if not path.is_file():
        return []
    try:
        table = pd.read_csv(path, parse_dates=["as_of"])
    except (ValueError, pd.errors.ParserError, pd.errors.EmptyDataError):
        return []
    if table.empty or not {"indicator", "unit", "value", "as_of"} <= set(table.columns):
        return []
    units = list(dict.fromkeys(table["unit"]))
    head = "".join(f"<th scope='col'>{esc(names.unit(u))}</th>" for u in units)
    rows = []
    with i18n.use_language(lang):
        for indicator, group in table.groupby("indicator", sort=False):
            cells = []
            by_unit = {r["unit"]: r for _, r in group.iterrows()}
            for unit in units:
                r = by_unit.get(unit)
                if r is None:
                    cells.append("<td class='num'></td>")
                    continue
                qualifier = r.get("qualifier") if isinstance(r.get("qualifier"), str) else ""
                value = format_value(r["value"], str(r.get("measure") or ""), rank_of=r.get("rank_of"),
                                     qualifier=qualifier, label=True)
                when = i18n.month(r["as_of"])
                segment = r.get("segment")
                if isinstance(segment, str) and segment and segment != unit:   # reported before a merger, by
                    when = f"{names.unit(segment)}, {when}"                     # the province it was then
                cells.append(f"<td class='num'>{esc(value)}<br><span class='src'>{esc(when)}</span></td>")
            rows.append(f"<tr><th scope='row'>{esc(names.indicator(indicator))}</th>{''.join(cells)}</tr>")
    title, text = t("nb.headline.title", lang), t("nb.headline.text", lang)
    see = (f" <a href='#{esc(quote(HEADLINE_FIGURE))}'>{esc(t('front.findings.see_figure', lang))}</a>"
           if HEADLINE_FIGURE in figures else "")
    return [f"<h2 id='headline'>{esc(title)}</h2>",
            f"<p class='note'>{esc(text)}{see}</p>",
            scroll_box(f"<table><thead><tr><th scope='col'>{esc(t('nb.headline.indicator', lang))}</th>{head}</tr>"
                       f"</thead><tbody>{''.join(rows)}</tbody></table>", title)]


def _downloads(out: Path, lang: str) -> list[str]:
    present = [(file, key) for file, key in DOWNLOADS.items() if (out / file).is_file()]
    if not present:
        return []
    links = " · ".join(f"<a href='{esc(quote(file))}'>{esc(t(key, lang))}</a> (<code>{esc(file)}</code>)"
                       for file, key in present)
    return [f"<p class='downloads'>{esc(t('front.downloads', lang))}: {links}</p>"]


_NOTES: list[tuple[re.Pattern, Callable[[re.Match], tuple[str, dict]]]] = [
    # the notes dtlib.analysis.changes.since_last_pack writes, in words of the catalogue
    (re.compile(r"the figure for this date was revised$"), lambda m: ("front.note.revised", {})),
    (re.compile(r"in the previous pack, not in this one"), lambda m: ("front.note.dropped", {})),
    (re.compile(r"ranks out of (\d+) and (\d+) units are not comparable"),
     lambda m: ("front.note.rank_not_comparable", {"old": m[1], "new": m[2]})),
    (re.compile(r"(up|down|unchanged) (\d+) place\(s\)(; within noise)?"),
     lambda m: ("front.note.rank_unchanged", {}) if m[1] == "unchanged"
     else (f"front.note.rank_{m[1]}{'_noise' if m[3] else ''}", {"places": m[2]})),
]


def _note(note, lang: str) -> str:
    """A change's note in ``lang``; a note of a kind the catalogue does not know stays as written."""
    if note is None or pd.isna(note) or note == "":
        return ""
    for pattern, words in _NOTES:
        match = pattern.search(str(note))
        if match:
            key, fields = words(match)
            return esc(t(key, lang, **fields))
    return esc(str(note))


def _status(status, lang: str) -> str:
    if status is None or pd.isna(status) or status == "":
        return ""
    try:
        return esc(status_short(status, lang))
    except KeyError:
        return esc(str(status))


def _changes_section(changes: pd.DataFrame, names: _Names) -> list[str]:
    lang = names.lang
    title = f"<h2 id='since-last-pack'>{esc(t('front.changes.title', lang))}</h2>"
    if changes.empty:
        return [title, f"<p>{esc(t('front.changes.none', lang))}</p>"]
    csv = "<a href='tables/since_last_pack.csv'>CSV</a>"
    rows = []
    for r in changes.itertuples(index=False):
        try:
            kind = esc(t(f"front.kind.{r.kind}", lang))
        except KeyError:
            kind = esc(str(r.kind))
        # the indicator first: the pinned column names the row while the others scroll
        rows.append([esc(names.indicator(r.indicator)), esc(names.unit(r.unit)), kind, _date(r.as_of, lang),
                     _value(r.old_value, lang), _value(r.new_value, lang),
                     _status(r.old_status, lang), _status(r.new_status, lang),
                     esc(" → ".join(dict.fromkeys(names.source(s) for s in (r.old_source, r.new_source)
                                                  if isinstance(s, str) and s))),
                     _note(r.note, lang)])
    headers = [t(f"front.changes.{c}", lang) for c in
               ("indicator", "unit", "kind", "as_of", "old_value", "new_value", "old_status", "new_status",
                "sources", "note")]
    intro = _fill("front.changes.intro", lang, csv=csv, noise=esc(str(RANK_NOISE_PLACES)))
    return [title, f"<p>{intro}</p>", _table(headers, rows, t("front.changes.title", lang), {4, 5})]


def _revisions_section(revised: pd.DataFrame, names: _Names) -> list[str]:
    lang = names.lang
    if revised.empty:
        return []
    csv = "<a href='tables/revisions.csv'>CSV</a>"
    rows = [[esc(names.unit(r.unit)), esc(names.indicator(r.indicator, getattr(r, "indicator_en", None))),
             _date(r.as_of, lang), f"{_value(r.old_value, lang)} ({esc(names.source(r.old_source))})",
             f"{_value(r.value, lang)} ({esc(names.source(r.source))})", _date(r.known_on, lang)]
            for r in revised.itertuples(index=False)]
    headers = [t(f"front.revised.{c}", lang) for c in ("unit", "indicator", "as_of", "first", "revised", "on")]
    return [f"<h2 id='revised'>{esc(t('front.revised.title', lang))}</h2>",
            f"<p>{_fill('front.revised.intro', lang, csv=csv, as_of='<code>--as-of</code>')}</p>",
            _table(headers, rows, t("front.revised.title", lang))]


def _run_title(run: dict, names: _Names) -> str:
    """What a run shows, in words: "Hồ sơ tỉnh: Lai Châu"; the run's name for a notebook of no known kind."""
    stem = Path(str(run.get("notebook", ""))).stem
    unit = (run.get("parameters") or {}).get("unit")
    try:
        return t(f"front.notebook.{stem}", names.lang, unit=names.unit(unit) if unit else "")
    except KeyError:
        return str(run["name"])


def _runs_section(manifest: dict, names: _Names) -> list[str]:
    lang = names.lang
    rows = []
    for run in manifest["runs"]:
        href = esc(quote(f"notebooks/{run['name']}.html"))
        link = f"<a href='{href}'>{esc(run['name'])}</a>"
        if run["status"] == "ok":
            status = esc(t("front.run.ok", lang))
        else:
            status = (f"<span class='failed'>{esc(t('front.run.failed', lang))}: "
                      f"<code>{esc(describe_failure(run))}</code></span>")
        params = ", ".join(f"{k}={v}" for k, v in run["parameters"].items() if k not in ("data_dir", "lang"))
        seconds = esc(i18n.number(run["seconds"], 0, lang)) if run.get("seconds") else ""
        shows = f"<a href='{href}'>{esc(_run_title(run, names))}</a>"
        rows.append([shows, status, link, seconds, f"<code>{esc(params)}</code>"])
    headers = [t(f"front.run.{c}", lang) for c in ("shows", "status", "name", "seconds", "parameters")]
    return [f"<h2 id='notebooks'>{esc(t('front.notebooks.title', lang))}</h2>",
            _table(headers, rows, t("front.notebooks.title", lang), {3})]


def _shown_figures(manifest: dict, out: Path) -> list[tuple[dict, list[str]]]:
    """Each run with the figures of it that the pack holds (a failed run keeps its last good ones)."""
    shown = []
    for run in manifest["runs"]:
        figures = [f for f in run.get("figures", []) if (out / f"{f}.json").exists()]
        if figures:
            shown.append((run, figures))
    return shown


#: A figure drawing more indicators than this lists the links to their definitions in a fold.
FIGURE_LINKS = 6
#: A phone rendering wider than this (inches, as saved) scrolls sideways in its box on a phone.
_WIDE = PHONE_WIDTH + 0.35


def _picture(name: str, meta: dict, out: Path, caption: str, lang: str) -> tuple[str, bool]:
    """The figure's image, a link to its full-size PNG; on a narrow screen its phone rendering, if the pack
    holds one, at :data:`dtlib.figures.phone.PX_PER_INCH` CSS pixels an inch. Returns the HTML and whether the
    phone rendering is wider than a phone (its box then scrolls sideways, and takes the focus)."""
    full = esc(quote(str(meta.get("png") or f"{name}.png")))
    phone, source, wide = meta.get("phone"), "", False
    if isinstance(phone, str) and (out / phone).is_file():
        source = f"<source media='(max-width: 600px)' srcset='{esc(quote(phone))} {PNG_DPI / PX_PER_INCH:.3g}x'>"
        wide = float((meta.get("phone_size") or [0])[0]) > _WIDE
    image = (f"<a href='{full}' title='{esc(t('front.figure.open', lang))}'><picture>{source}"
             f"<img src='{full}' alt='{esc(caption or name)}'></picture></a>")
    box = f" tabindex='0' role='region' aria-label='{esc(caption or name)}'" if wide else ""
    return f"<div class='pic'{box}>{image}</div>", wide


def drawn_indicators(out: Path, name: str) -> list[str]:
    """The indicators the figure ``name`` draws, from its CSV's ``indicator`` column (ids joined by ``|``
    split), in order of first appearance; none when the figure has no such CSV or column.

    Parameters
    ----------
    out
        The pack's folder.
    name
        The figure's name (``<name>.csv`` beside its PNG).

    Returns
    -------
    list of str
        Indicator ids.
    """
    try:
        frame = pd.read_csv(out / f"{name}.csv", dtype=str, usecols=lambda c: c == "indicator")
    except (OSError, ValueError, pd.errors.ParserError, pd.errors.EmptyDataError):
        return []
    if "indicator" not in frame:
        return []
    ids = (i.strip() for cell in frame["indicator"].dropna() for i in cell.split("|"))
    return list(dict.fromkeys(i for i in ids if i))


def _anchor(indicator: str) -> str:
    """The id of an indicator's entry in the definitions section."""
    return f"def-{indicator}"


def _definition_links(ids: list[str], defined: dict[str, str], lang: str) -> str:
    """Links to the definitions of the indicators ``ids`` that the page defines (``defined``: id → name)."""
    shown = [i for i in dict.fromkeys(ids) if i in defined]
    if not shown:
        return ""
    links = " · ".join(f"<a href='#{esc(quote(_anchor(i)))}'>{esc(defined[i])}</a>" for i in shown)
    if len(shown) <= FIGURE_LINKS:
        return f"<br><span class='links'>{esc(t('front.definitions.of_figure', lang))}: {links}</span>"
    summary = esc(t("front.definitions.of_figure_n", lang, n=i18n.number(len(shown), 0, lang)))
    return f"<details class='drawn links'><summary>{summary}</summary>{links}</details>"


def _figure(name: str, out: Path, lang: str, defined: dict[str, str] | None = None) -> str:
    """A figure: its image (opening full size; the phone rendering on a narrow screen), caption, source
    line, files, and links to the definitions of the indicators it draws."""
    meta = json.loads((out / f"{name}.json").read_text(encoding="utf-8"))
    caption, source = str(meta.get("caption", "")), str(meta.get("source", ""))
    file = lambda ext: esc(quote(f"{name}.{ext}"))  # noqa: E731
    picture, wide = _picture(name, meta, out, caption, lang)
    klass = " class='wide'" if wide else ""
    return (f"<figure id='{esc(name)}'{klass}>{picture}"
            f"<figcaption>{esc(caption)}<br><span class='src'>{esc(source)}</span><br>"
            f"<a href='{file('png')}'>{esc(t('front.figure.full_size', lang))}</a> · <a href='{file('svg')}'>SVG</a>"
            f" · <a href='{file('csv')}'>{esc(t('front.figure.data', lang))}</a>"
            f"{_definition_links(drawn_indicators(out, name), defined or {}, lang)}</figcaption></figure>")


def _definition_rows(out: Path, figures: list[str], data, lang: str) -> pd.DataFrame:
    """Each indicator that the figures (their CSVs) and the tables (``tables/*.csv``) of the pack show:
    :func:`dtlib.pack.workbook.definitions` (its measure, direction, pillar and the sources reporting it);
    none without the data set."""
    if data is None:
        return pd.DataFrame(columns=["indicator", "definition", "measure", "good_direction", "pillar",
                                     "reporting_sources"])
    frames = {f"figure:{name}": frame for name in figures if (frame := _read_figure_csv(out / f"{name}.csv"))
              is not None}
    return definitions({**frames, **pack_tables(out)}, data, lang)


def _read_figure_csv(path: Path) -> pd.DataFrame | None:
    try:
        return pd.read_csv(path, dtype={"unit": str, "indicator": str, "source": str})
    except (OSError, ValueError, pd.errors.ParserError, pd.errors.EmptyDataError):
        return None


def _definition(row, info: pd.DataFrame, names: _Names) -> str:
    """One indicator's entry: its name (the anchor of the figures' links), its definition (in English,
    marked so, where the pack's language has none), its unit of measure, which way is better, and the
    sources reporting it in the pack."""
    lang, iid = names.lang, str(row.indicator)
    text, written_in = i18n.definition(info.loc[iid].to_dict() if iid in info.index else {}, lang)
    if not text:
        body = esc(t("front.definitions.none", lang))
    elif written_in != lang:
        body = (f"<span lang='{esc(written_in)}'>{esc(text)}</span> "
                f"<span class='src'>{esc(t('front.definitions.in_english', lang))}</span>")
    else:
        body = esc(text)
    measure = row.measure if isinstance(row.measure, str) else ""
    key = f"fig.measure.{measure}"
    facts = [f"{esc(t('front.definitions.measure', lang))}: {esc(t(key, lang) if key in MESSAGES else measure)}"]
    if isinstance(row.good_direction, str) and row.good_direction:
        facts.append(f"{esc(t('front.definitions.direction', lang))}: {esc(row.good_direction)}")
    cited = row.reporting_sources if isinstance(row.reporting_sources, str) and row.reporting_sources else \
        t("front.definitions.no_sources", lang)
    facts.append(f"{esc(t('front.definitions.sources', lang))}: {esc(cited)}")
    return (f"<dt id='{esc(_anchor(iid))}'>{esc(names.indicator(iid))}</dt>"
            f"<dd><p>{body}</p><p class='src'>{' · '.join(facts)}</p></dd>")


def _definitions_section(rows: pd.DataFrame, data, names: _Names) -> list[str]:
    """The definitions, by pillar, each pillar's indicators by name."""
    lang = names.lang
    if rows.empty:
        return []
    info = data.indicators.drop_duplicates("id").set_index("id")
    parts = [f"<h2 id='definitions'>{esc(t('front.definitions.title', lang))}</h2>",
             f"<p class='note'>{esc(t('front.definitions.intro', lang))}</p>"]
    for pillar, group in rows.groupby(rows["pillar"].fillna(""), sort=False):
        key = f"pillar.{pillar}"
        if pillar:
            parts.append(f"<h3>{esc(t(key, lang) if key in MESSAGES else pillar)}</h3>")
        ordered = sorted(group.itertuples(index=False), key=lambda r: names.indicator(r.indicator).casefold())
        parts.append("<dl class='defs'>" + "".join(_definition(r, info, names) for r in ordered) + "</dl>")
    return parts


def _tables_section(out: Path, lang: str) -> list[str]:
    tables = sorted((out / "tables").glob("*.csv")) if (out / "tables").exists() else []
    if not tables:
        return []
    items = "".join(f"<li><a href='{esc(quote(f'tables/{p.name}'))}'>{esc(p.name)}</a></li>" for p in tables)
    return [f"<h2 id='tables'>{esc(t('front.tables.title', lang))}</h2><ul>{items}</ul>"]


def _contents(entries: list[tuple[str, str]], lang: str) -> str:
    items = "".join(f"<li><a href='#{esc(quote(anchor))}'>{esc(title)}</a></li>" for anchor, title in entries)
    return f"<nav class='toc' aria-label='{esc(t('front.contents', lang))}'><strong>{esc(t('front.contents', lang))}</strong><ol>{items}</ol></nav>"


def front_page(manifest: dict, out: Path, changes: pd.DataFrame | None = None,
               revised: pd.DataFrame | None = None, data=None) -> str:
    """The briefing pack's ``index.html``, in the pack's language (``manifest["lang"]``).

    Parameters
    ----------
    manifest
        The pack's manifest: ``built``, ``runs`` and, if known, ``as_of``, ``why``, ``lang`` and
        ``findings`` (``[{"text": ..., "figure": name or None}, ...]``, shown first, each linked
        to its figure when the page shows it).
    out
        The pack's folder: the figures' ``.json`` files (and their ``.csv``, for the indicators
        each draws, and their phone renderings, ``phone/``), ``tables/``, and the downloads
        (:data:`DOWNLOADS`) are read from there.
    changes, revised
        What changed since the last pack (:func:`dtlib.analysis.changes.since_last_pack`) and the figures
        a later publication revised (:func:`dtlib.analysis.observations.revisions`); no section if ``None``.
    data
        The data set the runs read (:func:`dtlib.load`), for names and the definitions of the
        indicators; default: loaded from the runs' ``data_dir``. Without one, the page names
        ids and has no definitions.

    Returns
    -------
    str
        A whole HTML document that loads nothing from the network.
    """
    out = Path(out)
    lang = i18n.language(manifest.get("lang") or DEFAULT_LANGUAGE)
    data = _dataset(manifest, data)
    names = _names(manifest, lang, data)
    shown = _shown_figures(manifest, out)
    figures = {name for _, names_ in shown for name in names_}
    title = esc(t("front.title", lang))
    defs = _definition_rows(out, [name for _, names_ in shown for name in names_], data, lang)
    defined = {i: names.indicator(i) for i in defs["indicator"]}       # the figures link to these

    body, toc = [], []
    if changes is not None:
        body += _changes_section(changes, names)
        toc.append(("since-last-pack", t("front.changes.title", lang)))
    if revised is not None and not revised.empty:
        body += _revisions_section(revised, names)
        toc.append(("revised", t("front.revised.title", lang)))
    body += _runs_section(manifest, names)
    toc.append(("notebooks", t("front.notebooks.title", lang)))
    for run, run_figures in shown:
        anchor, heading = f"run-{run['name']}", _run_title(run, names)
        body.append(f"<h2 id='{esc(anchor)}'>{esc(heading)}</h2>")
        body += [_figure(name, out, lang, defined) for name in run_figures]
        toc.append((anchor, heading))
    if defined:
        body += _definitions_section(defs, data, names)
        toc.append(("definitions", t("front.definitions.title", lang)))
    tables = _tables_section(out, lang)
    if tables:
        body += tables
        toc.append(("tables", t("front.tables.title", lang)))

    # a phone shows the first screen only: the dates, then the findings, then the way in
    head = [f"<!doctype html><html lang='{esc(lang)}'><head><meta charset='utf-8'>",
            "<meta name='viewport' content='width=device-width, initial-scale=1'>",
            f"<title>{title}</title><style>{_CSS}</style></head><body>",
            f"<header><h1>{title}</h1>{_dates(manifest, names)}</header><main>",
            *_findings(manifest, figures, lang), *_headline_section(out, names, figures, lang),
            *_downloads(out, lang),
            f"<p class='note'>{esc(t('front.provenance', lang))}</p>", _contents(toc, lang)]
    return "\n".join([*head, *body, "</main></body></html>"])
