"""From an article to candidate rows: every figure a Vietnamese text states, for a person to review.

``python -m dtlib extract ARTICLE.txt`` reads the text, finds each quantitative statement
(:func:`dtlib.intake.extract_patterns.find_quantities`), and proposes for it a unit, an indicator, a
reporting window and whether it is a figure reached or a target set. The result has the
columns of ``observations.csv`` plus :data:`EXTRA_COLUMNS`; the researcher marks the rows to
keep, corrects cells, and gives the file to ``python -m dtlib add``, which routes each kept row
by its ``kind`` to ``observations.csv`` or ``targets.csv`` and ignores the other columns.

Nothing here writes to the data set: a proposal is a guess, and ``confidence`` says how good.
Where a guess would likely be wrong it is not made: a figure of a district, an agency or a place
whose unit the text leaves open gets no unit (``why`` says which it may be), a figure of nothing
digital is not proposed (``all_figures`` keeps it), and a figure repeated is proposed once.
"""
from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .extract_context import (Article, TargetBlock, in_block, latest_date, next_block, not_future, period_for,
                               respective_units, respective_years, speaks_of_63_provinces, speaks_of_reorganisation,
                               unit_for)
from ..data.dataset import SOURCE_MAX_BYTES
from ..data.io import CONTROL, decode, display_path, neutralise_formula
from ..data.paths import PROTECTED, REPO_ROOT
from .extract_match import IndicatorMatcher, Match, Mention, UnitFinder, features, measures_for, off_topic, on_topic
from .extract_patterns import (Period, Quantity, deadline_in, find_dates, find_periods, find_quantities,
                                fold_keep_length, is_target_clause, observed_clause, opens_with_target,
                                target_list_start, split_sentences)
from ..data.errors import UsageError, ValidationError
from ..data.text import nfc, resolve_unit
from ..data.vocab import all_columns, provinces_on
from ..data.io import read_table

__all__ = ["extract", "extract_file", "read_article", "candidates_csv", "unsafe_out_reason", "CANDIDATE_COLUMNS",
           "EXTRA_COLUMNS", "QUOTE_MAX", "ARTICLE_MAX_BYTES", "labelled_family", "Family"]

#: Columns a candidate file has beyond those of ``observations.csv``: ``kind`` routes the row
#: (``observation`` or ``target``); ``deadline``, ``comparator`` and ``instrument`` are a target's;
#: ``confidence`` (0–1) and ``why`` explain the proposal; ``keep`` is for the researcher.
EXTRA_COLUMNS = ["kind", "deadline", "comparator", "instrument", "confidence", "why", "keep"]
CANDIDATE_COLUMNS = [*all_columns("observations"), *EXTRA_COLUMNS]

#: A sentence longer than this is quoted by its clause (data/README.md: "the whole sentence if
#: ≤ ~300 characters, else the clause with the figure").
QUOTE_MAX = 300

#: A photo caption ("... ảnh 2", "Ảnh: TTXVN") names places that are not what the next paragraph is about.
_CAPTION = re.compile(r"(?:ảnh|Ảnh) \d|Ảnh:|\(Ảnh")

#: The largest article read, in bytes: the 2 MB a source text may be (``data/sources/``, see
#: :data:`dtlib.data.dataset.SOURCE_MAX_BYTES`). Extraction takes about 20 s a megabyte.
ARTICLE_MAX_BYTES = SOURCE_MAX_BYTES

#: The first bytes of files that are not text, and what they are.
_NOT_TEXT = {b"\x89PNG": "a PNG image", b"\xff\xd8\xff": "a JPEG image", b"GIF8": "a GIF image",
             b"%PDF": "a PDF document", b"PK\x03\x04": "a zip file (a Word or Excel document is one)",
             b"\xd0\xcf\x11\xe0": "an old Word or Excel document (.doc, .xls)", b"\x7fELF": "a program",
             b"MZ": "a Windows program"}

#: A text in which more than this share of the characters are control characters is not an article.
_CONTROL_SHARE = 0.01

#: The day the provinces merged: a rank among 34 for an earlier year was computed on these boundaries.
MERGER_DAY = pd.Timestamp("2025-07-01")
#: The first DTI edition computed on the 34 provinces: DTI 2024, released on 21 October 2025
#: (../shared/reference/targets-and-context.md: "Since 2025 DTI ranks are out of 34 provinces").
FIRST_DTI_ON_34 = 2024
#: How many provinces a province's national rank is out of: 63 up to 30 June 2025, 34 since (data/README.md).
NATIONAL_RANK_TOTALS = (63, 34)


def extract(text: str, units: pd.DataFrame, indicators: pd.DataFrame, *, unit: str | None = None,
            as_of: str | None = None, source: str = "", publisher: str = "",
            today: str | None = None, lang: str = "vi", published: str | None = None,
            all_figures: bool = False) -> pd.DataFrame:
    """Candidate rows for every figure of a Vietnamese text.

    Parameters
    ----------
    text
        The article (any Unicode form; it is read as NFC, the form ``data/sources/`` keeps).
    units, indicators
        The ``units.csv`` and ``indicators.csv`` tables (as read by :func:`dtlib.data.io.read_table`).
    unit
        The unit the text is about when it does not name one (a unit the text names nearer to
        a figure still wins).
    as_of
        The article's date (ISO); default: the meeting date or the date stamped in its first lines.
    source
        The source id to write in each row.
    publisher
        Who published the text (``sources.csv``'s ``publisher``). A provincial portal or
        newspaper ("Cổng Thông tin điện tử tỉnh Quảng Bình") gives the article's province when
        the text itself names none.
    lang
        The language the text writes its numbers in (``sources.csv``'s ``language``): ``"vi"``
        (``1.761``, ``98,7``) or ``"en"``, for an English rendering (``1,761``, ``98.7``).
    published
        The day the text was published (ISO; ``sources.csv``'s ``published``, or ``--date``): the
        article's date when its text states none (the meeting's date, or a date stamped in its
        first lines, still wins), for "đến nay" and for the unit a name shared across the
        2025 mergers means.
    today
        The day of extraction (ISO; default: today): the day a publisher's name is read on when
        the text has no date. A province's name in the text itself is **not** read on it: a name
        shared across the mergers ("Quảng Trị" before and after 1 July 2025) in a text with no
        date at all gets no unit, and the row says which two it may be.
    all_figures
        Keep every figure, also those whose sentence matches no indicator and speaks of nothing
        digital (a time zone, a count of bridges, an economic-growth target); by default they
        are left out (``extract --all`` keeps them, marked "not an indicator").

    Returns
    -------
    pandas.DataFrame
        One row per figure, columns :data:`CANDIDATE_COLUMNS`, all text, in the order of the text.

    Raises
    ------
    UsageError
        ``unit`` is neither an id nor a name of ``units`` (the message suggests the nearest id).

    Examples
    --------
    >>> from dtlib.data.io import read_table
    >>> rows = extract("Đến nay, tỉnh Lào Cai có 95% hộ gia đình có điện thoại di động.",
    ...                read_table("data/units.csv"), read_table("data/indicators.csv"), as_of="2023-05-02")
    >>> rows.loc[0, ["unit", "indicator", "as_of", "value"]].tolist()
    ['lao-cai', 'households_mobile_phone_pct', '2023-05-02', '95']
    """
    text = nfc(text)
    if unit:
        unit = _known_unit(unit, units, as_of)
    finder, matcher = UnitFinder(units), IndicatorMatcher(indicators)
    article = _read_article(text, finder, unit, as_of, nfc(publisher),
                            pd.Timestamp(today) if today else pd.Timestamp.today().normalize(),
                            pd.Timestamp(published) if published else None, lang)
    rows: list[dict] = []
    carried: Mention | None = None
    block: TargetBlock | None = None
    offset = 0
    title = next((line for line in text.split("\n") if line.strip()), "")
    recent: list[str] = []     # the last lines with words: a table row's topic is in the lines above it
    for line in text.split("\n"):
        if line.strip():
            recent = [*recent[-2:], line]
        block = next_block(line, block, article)
        setting = False
        listed = block if in_block(line, block) else None
        paragraph_mentions = [m for m in finder.mentions(line)]
        paragraph_period: Period | None = None
        caption = bool(_CAPTION.search(line))
        for number, (a, b) in enumerate(split_sentences(line)):
            sentence = line[a:b]
            found = find_quantities(sentence, lang)
            periods = [p for p in find_periods(sentence, article.date) if not_future(p, sentence, article)]
            if found:
                before = len(rows)
                rows += _sentence_rows(sentence, found, periods, paragraph_period, carried,
                                       [m for m in paragraph_mentions if m.end <= a],
                                       [_shift(m, -a) for m in paragraph_mentions if a <= m.start < b],
                                       article, finder, matcher, source, listed, "\n".join([title, *recent]),
                                       setting)
                # a paragraph that opens by setting targets goes on setting them ("Đồng thời, trên 50% ...")
                first = rows[before] if len(rows) > before else None
                if not setting and first is not None and first["kind"] == "target" \
                        and first["_deadline_from"] != "before":
                    setting = pd.Timestamp(first["deadline"]) if first["_deadline_from"] == "sentence" else True
            window = [p for p in periods if p.kind in ("window", "to_date", "month")]
            if number == 0 and window:
                paragraph_period = window[0]
        named = [m for m in paragraph_mentions if m.key not in ("national", "other", "local")]
        if named and not caption and not article.many_places:
            carried = named[-1]
        offset += len(line) + 1
    frame = pd.DataFrame(rows if all_figures else _merged(rows), columns=CANDIDATE_COLUMNS).fillna("")
    if not all_figures:
        frame = frame[~frame["why"].str.startswith(NOT_AN_INDICATOR)].reset_index(drop=True)
    return frame


def _known_unit(unit: str, units: pd.DataFrame, as_of: str | None) -> str:
    """The id of the unit ``--unit`` names (an id, a name or an alias); :class:`UsageError` if none."""
    try:
        return resolve_unit(unit, units, as_of)
    except KeyError as err:
        raise UsageError(f"--unit {unit}: {err.args[0]}; give an id of units.csv (e.g. lao-cai) "
                         "or a unit's name") from None


def extract_file(path: str | Path, data_dir: str | Path, *, unit: str | None = None, as_of: str | None = None,
                 source: str | None = None, lang: str | None = None, published: str | None = None,
                 publisher: str | None = None, all_figures: bool = False) -> pd.DataFrame:
    """:func:`extract` on a text file, with the catalogue of ``data_dir``.

    The source id is ``source``, else the id ``sources.csv`` gives the file (when the text is
    saved under ``data/sources/``), else empty for the researcher to fill. A source registered
    in ``sources.csv`` also gives its publisher and its publication date (unless ``publisher`` or
    ``published`` are given: ``extract --publisher``, ``--date``) and, unless ``lang`` is given, the
    language its numbers are written in (its ``language``; see :func:`extract`). The file is read
    by :func:`read_article`.

    Raises
    ------
    UsageError
        The file is missing, not a regular file, too large, or not text (:func:`read_article`).
        Also: ``unit`` is not a unit of ``units.csv`` (see :func:`extract`).
    """

    path, root = Path(path), Path(data_dir)
    text = read_article(path)
    units, indicators = read_table(root / "units.csv"), read_table(root / "indicators.csv")
    sources = read_table(root / "sources.csv") if (root / "sources.csv").is_file() else None
    if source is None:
        source = _source_of(path, root, sources)
    lang = lang or ("en" if _cell(sources, "id", source, "language") == "en" else "vi")
    publisher = publisher if publisher is not None else _cell(sources, "id", source, "publisher")
    published = published or _cell(sources, "id", source, "published") or None
    return extract(text, units, indicators, unit=unit, as_of=as_of, source=source or "", publisher=publisher,
                   lang=lang, published=published, all_figures=all_figures)


def read_article(path: str | Path) -> str:
    """The text of an article file, decoded as ``add`` decodes its files (:func:`dtlib.data.io.decode`).

    UTF-8 (with or without a byte-order mark), UTF-16 with its byte-order mark, or Windows-1258.

    Raises
    ------
    UsageError
        One line naming the file: it does not exist, is not a regular file (a folder, a device
        such as ``/dev/zero``, a pipe), holds more than :data:`ARTICLE_MAX_BYTES`, is a binary
        file (an image, a PDF, a document) or is not text in one of those encodings.
    """
    path = Path(path)
    shown = display_path(path)
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        raise UsageError(f"{shown}: no such file") from None
    if not stat.S_ISREG(mode):   # never opened: reading /dev/zero never ends, a pipe waits for a writer
        what = "a folder" if stat.S_ISDIR(mode) else "a device, a pipe or a socket"
        raise UsageError(f"{shown}: is not a regular file ({what}): name the article's text file")
    with open(path, "rb") as handle:
        size = os.fstat(handle.fileno()).st_size
        raw = handle.read(ARTICLE_MAX_BYTES + 1)   # the file may grow after the check
    if max(size, len(raw)) > ARTICLE_MAX_BYTES:
        raise UsageError(f"{shown}: is {max(size, len(raw)) / 2 ** 20:.1f} MB, more than the "
                         f"{ARTICLE_MAX_BYTES / 2 ** 20:g} MB an article (or a source text) may be: "
                         "save each article of it as a file of its own")
    return _article_text(raw, shown)


def _article_text(raw: bytes, shown: str) -> str:
    """Decode an article's bytes; :class:`UsageError` for a binary file or bytes that are not text."""
    kind = next((what for magic, what in _NOT_TEXT.items() if raw.startswith(magic)), None)
    if kind:
        raise UsageError(f"{shown}: is {kind}, not text: save the article as plain text (UTF-8, .txt)")
    try:
        text, _ = decode(raw, shown)
    except ValidationError as err:
        raise UsageError(str(err.problems[0])) from None
    controls = len(CONTROL.findall(text))
    if controls > max(3, _CONTROL_SHARE * len(text)):
        raise UsageError(f"{shown}: holds {controls:,} control characters in {len(text):,}: a binary file, "
                         "not text; save the article as plain text (UTF-8, .txt)")
    return text


def candidates_csv(frame: pd.DataFrame) -> str:
    """The CSV text of candidate rows (UTF-8, LF line ends, the candidate columns in order).

    The file is made to be opened in a spreadsheet, and its quotes come from web pages: a cell
    a spreadsheet would run as a formula (``=HYPERLINK(...)``, ``+cmd|...``, ``@SUM(...)``) is
    prefixed with ``'``, as the pack's CSV files are (:func:`dtlib.data.io.neutralise_formula`);
    ``add`` reads it back without the ``'``, so the quote still matches the source text.
    """
    cells = frame[CANDIDATE_COLUMNS].astype(object).map(neutralise_formula)
    return cells.to_csv(index=False, lineterminator="\n")


def unsafe_out_reason(out: str | os.PathLike, article: str | os.PathLike, data_dir: str | os.PathLike,
                      force: bool = False) -> str | None:
    """Why the candidate file may not be written to ``out``, or ``None`` if it may.

    Refused: the article itself; a path inside the repository's ``data/``, ``dtlib/``,
    ``notebooks/``, ``tests/`` or ``.git/`` or inside ``data_dir`` (the tables, the source texts
    and the code; as ``report --out`` refuses them), except a new file under the data folder's
    ``imports/``, where raw candidate files are kept; a folder; and, unless ``force``, a file
    that exists (a reviewed candidate file would lose its ``keep`` marks and corrections).

    Examples
    --------
    >>> unsafe_out_reason(REPO_ROOT / "data" / "observations.csv", "a.txt", REPO_ROOT / "data")  # doctest: +ELLIPSIS
    "is inside the repository's data/ folder, whose files ..."
    """
    path, shown = Path(out).expanduser().resolve(), display_path(Path(out))
    if path == Path(article).resolve() or (path.exists() and Path(article).exists()
                                           and os.path.samefile(path, article)):
        return "is the article itself: the candidates would replace its text; name a new file"
    data = Path(data_dir).resolve()
    if not _within(path, data / "imports") or path.is_dir():
        for name, folder in [*[(f"repository's {n}/", REPO_ROOT / n) for n in PROTECTED],
                             (f"data folder {display_path(data)}/", data)]:
            if _within(path, folder):
                return (f"is {'' if path == folder else 'inside '}the {name} folder, whose files (the tables, "
                        "the source texts, the code) a candidate file must never replace; name a file outside "
                        "it, e.g. candidates.csv in the current folder")
    if path.is_dir():
        return f"is a folder, not a file: name the candidate CSV to write, e.g. {Path(shown) / 'candidates.csv'}"
    if path.exists() and not force:
        return ("exists: writing over it would lose the keep marks and corrections of a reviewed file; "
                "name a new file, or add --force to replace it")
    return None


def _within(path: Path, folder: Path) -> bool:
    """Whether ``path`` is ``folder`` or lies inside it (both resolved)."""
    return path == folder or folder in path.parents


def _source_of(path: Path, root: Path, sources: pd.DataFrame | None) -> str:
    """The id ``sources.csv`` gives the text at ``path`` (its ``file``, relative to ``root``), or ``""``."""
    try:
        relative = path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return ""
    return _cell(sources, "file", relative, "id")


def _cell(sources: pd.DataFrame | None, key: str, value: str | None, column: str) -> str:
    """``column`` of the first row of ``sources`` whose ``key`` is ``value``; ``""`` if none."""
    if sources is None or not value or column not in sources:
        return ""
    hits = sources.loc[sources[key] == value, column]
    return str(hits.iloc[0]) if len(hits) else ""


# ------------------------------------------------------------------------------------ the article

def _publisher_province(article: Article, finder: UnitFinder, publisher: str) -> Mention | None:
    """The province a publisher's name names ("Cổng Thông tin điện tử tỉnh Quảng Bình"), if exactly one."""
    named = {}
    for mention in finder.mentions(publisher):
        uid = finder.resolve(mention, article.date or article.latest or article.today)
        if uid and finder.level(uid) == "province":
            named.setdefault(uid, mention)
    return next(iter(named.values())) if len(named) == 1 else None


def _read_article(text: str, finder: UnitFinder, unit: str | None, as_of: str | None, publisher: str,
                  today: pd.Timestamp, published: pd.Timestamp | None = None, lang: str = "vi") -> Article:
    lines = [line for line in text.split("\n") if line.strip()]
    lead = "\n".join(lines[:6])
    meeting, stamped = find_dates(lead)
    given = pd.Timestamp(as_of) if as_of else None
    article = Article(text, date=given or meeting or stamped or published,
                      published=given or stamped or published or meeting, today=today, lang=lang)
    article.mentions = finder.mentions(text)
    article.latest, article.reorganised = latest_date(text), speaks_of_reorganisation(text)
    article.before_mergers = speaks_of_63_provinces(text) and not article.reorganised
    counts: dict[str, int] = {}
    first: dict[str, Mention] = {}
    for mention in article.mentions:
        uid = finder.resolve(mention, article.date or article.latest)
        if uid and finder.level(uid) == "province":
            counts[uid] = counts.get(uid, 0) + 1
            first.setdefault(uid, mention)
    from_publisher = _publisher_province(article, finder, publisher) if publisher and not unit and not counts else None
    if unit:
        article.province = unit
    elif counts:
        article.province_mention = first[max(counts, key=counts.get)]
    elif from_publisher is not None:
        article.province_mention, article.province_from = from_publisher, "the publisher's province"
    elif sum(m.key == "other" for m in article.mentions) >= max(1, sum(m.key in ("national", "vietnam")
                                                                   for m in article.mentions)):
        # a text about provinces not in units.csv (Hà Nội, Đà Nẵng): its figures are nobody's of ours
        article.province_from = "the text names provinces not in units.csv, none of ours"
    elif not any(m.key == "province" for m in article.mentions):
        # a text that names none of the provinces of units.csv, nor "toàn tỉnh", reports national
        # figures (or figures of places outside the data set: the row's "why" says where it came from)
        article.province = "vietnam"
    places = {finder.successor(uid) or uid for m in article.mentions for uid in m.ids
              if m.key.startswith("unit:") and finder.level(uid) == "province"}
    others = {m.key + str(m.start) for m in article.mentions if m.key == "other"}
    article.many_places = len(places) + len(others) >= 3 or len(others) >= 2
    if article.many_places and not unit and article.province_mention is not None:
        # a ranking or comparison of provinces: a figure whose paragraph names none is nobody's for sure
        article.province_mention = None
        article.province_from = "the text compares several provinces, and its paragraph names none"
    # a title about an agency or a place below the province ("Kế hoạch chuyển đổi số của Văn phòng UBND tỉnh")
    title = lines[0] if lines and len(lines[0]) <= 160 and not lines[0].rstrip().endswith(".") else ""
    subject = next((m for m in finder.mentions(title) if m.key == "local"
                    and re.search(r"(?:^|\bcua\s+)$", fold_keep_length(title[:m.start]))), None)
    if subject is not None and not unit:
        article.subject = title[subject.start:subject.end]
    for line in lines[:4]:
        low = fold_keep_length(line)
        # a target's year ("Phấn đấu ... năm 2030") is not the window the article reports
        periods = [p for p in find_periods(line, article.date)
                   if not opens_with_target(low) and not is_target_clause(low[:p.start])]
        windows = [p for p in periods if p.kind == "window"]
        if windows and article.lead_period is None:
            article.lead_period = windows[0]
        years = [p for p in periods if p.kind in ("year", "edition")]
        if years and article.lead_year is None:
            article.lead_year = years[0]
    return article


def _shift(mention: Mention, by: int) -> Mention:
    return Mention(mention.start + by, mention.end + by, mention.key, mention.ids)


# ------------------------------------------------------------------------------------ one sentence

def _sentence_rows(sentence: str, found: list[Quantity], periods: list[Period], paragraph_period: Period | None,
                   carried: Mention | None, before: list[Mention], inside: list[Mention], article: Article,
                   finder: UnitFinder, matcher: IndicatorMatcher, source: str,
                   block: TargetBlock | None = None, paragraph: str = "", setting: pd.Timestamp | bool = False
                   ) -> list[dict]:
    """The candidate rows of one sentence.

    ``block`` is the heading of targets it is listed under, if any; ``paragraph`` the words that
    tell its topic (its line, the two before, the title), for figures that match no indicator;
    ``setting`` whether an earlier sentence of its paragraph set targets (the deadline it set, if one).
    """
    carried_deadline = setting if isinstance(setting, pd.Timestamp) else None
    low = fold_keep_length(sentence)
    low_line = fold_keep_length(paragraph.rsplit("\n", 1)[-1]) if paragraph else low
    sentence_features = _weighted(features(low), 0.2)
    sentence_target = _sentence_sets_targets(low, article) or (
        bool(found) and is_target_clause(low[:found[0].start]) and not observed_clause(low[:found[0].start])) or (
        setting and not observed_clause(low) and not _REPORTS.search(low))
    listed_from = target_list_start(low)
    years = respective_years(low, found)
    places = respective_units(low, found, inside)
    rows = []
    previous_context = _weighted(features(low[:found[0].start]), 1.0) if found else {}
    merged_basis = any(q.kind == "rank" and q.rank_of == 34 for q in found)
    for i, q in enumerate(found):
        boundary = max([0, *[m.end() for m in re.finditer(r"[;:(]", low[:q.start])],
                        *([found[i - 1].end] if i else [])])
        left = low[boundary:q.start]
        right_end = min([len(low), q.end + 80, *[m.start() + q.end for m in re.finditer(r"[;(:]|\.\s", low[q.end:])],
                         *([found[i + 1].start] if i + 1 < len(found) else [])])
        if q.role == "numerator" and i + 1 < len(found) and found[i + 1].role == "denominator":
            nxt = found[i + 1].end
            right_end = min([len(low), nxt + 80, *[m.start() + nxt for m in re.finditer(r"[;(:]|\.\s", low[nxt:])],
                             *([found[i + 2].start] if i + 2 < len(found) else [])])
        right = low[q.end:right_end]
        # "60% hồ sơ ..." names what it counts after the number, "tỷ lệ ... đạt 60%" before it
        noun_after = bool(re.match(r"\s*[a-z]", right))
        right = right if noun_after else re.split(r",\s", right)[0]
        local = _merge(_weighted(features(left), 0.6 if noun_after else 1.0),
                       _weighted(features(right), 1.0 if noun_after else 0.6))
        if len([f for f in local if ":" not in f]) < 3 and previous_context:
            local = _merge(_weighted(previous_context, 0.5), local)
        context = _merge(sentence_features, local)
        if len(features(left)) >= 3:
            previous_context = _weighted(features(left), 1.0)
        clause_start = max([0, *[m.end() for m in re.finditer(r"[;:(]", low[:q.start])]])
        target = q.kind != "money" and (is_target_clause(low[:q.start], max(clause_start, boundary))
                                        or ((sentence_target or (listed_from is not None and q.start > listed_from)
                                             or block is not None or bool(_DUTY_AFTER.match(low[q.end:])))
                                            and not observed_clause(left)))
        row = _row(sentence, q, context, target, left, article, finder, matcher, source,
                   period_for(q, periods, paragraph_period, article, years.get(i), low),
                   (places[i], "named in the sentence (lần lượt)") if i in places
                   else unit_for(q, inside, before, carried, low, article), merged_basis,
                   block.deadline if block is not None else carried_deadline, paragraph.split("\n", 1)[-1])
        words = left + " " + right
        segment = _segment(low, q)
        around = fold_keep_length(paragraph) if len(low) < 60 else low_line
        if article.lang != "vi":
            pass    # the vocabulary of the two tests below is Vietnamese
        elif row["indicator"].startswith(_INDEX_PREFIXES):
            pass    # a rank or score of an index of digital transformation is one by its nature
        elif off_topic(segment) or not (on_topic(segment) or on_topic(around)):
            row["why"] = (f"{NOT_AN_INDICATOR}: the words around the figure speak of nothing digital"
                          + (f" ('{row['indicator']}' was the nearest indicator)" if row["indicator"] else "")
                          + "; " + row["why"])
            row["indicator"] = ""
        elif row["indicator"] and off_topic(words):
            row["why"] = (f"{NOT_AN_INDICATOR}: '{row['indicator']}' was the nearest indicator, but the figure's "
                          "words are of the economy at large (growth, budget, population), not of anything digital; "
                          + row["why"])
            row["indicator"] = ""
        rows.append(row)
    return rows


#: Indicators of an index (DTI, the service index, EBI): their figures need no digital word around them.
_INDEX_PREFIXES = ("dti_", "service_index_", "ebi_")
#: A duty after the figure ("100% kết quả ... phải được trả qua bản điện tử"): a target.
_DUTY_AFTER = re.compile(r"^[^.;]{0,60}\bphai (?:duoc|dat|bao dam|dam bao|hoan thanh)\b")


def _segment(low: str, q: Quantity) -> str:
    """The part of a folded sentence a figure's topic is read in: between the ";" (or a list's ":") around it."""
    start = max([0, *[m.end() for m in re.finditer(r"[;:]", low[:q.start])]])
    ends = [m.start() + q.end for m in re.finditer(r";", low[q.end:])]
    return low[start:min([len(low), *ends])]


def _weighted(feats, weight: float) -> dict[str, float]:
    if isinstance(feats, dict):
        return {f: w * weight for f, w in feats.items()}
    return {f: weight for f in feats}


def _merge(*contexts: dict[str, float]) -> dict[str, float]:
    out: dict[str, float] = {}
    for context in contexts:
        for f, w in context.items():
            out[f] = max(out.get(f, 0.0), w)
    return out


def _sentence_sets_targets(low: str, article: Article) -> bool:
    """A sentence opening with a target ("Mục tiêu ...", "Phấn đấu ...", "Đến năm 2030, ...")."""
    if opens_with_target(low):
        return True
    year = article.date.year if article.date is not None else None
    if year is None:
        return False
    return deadline_in(re.sub(r"\b(?:so voi|tu) nam \d{4}", "", low), after_year=year + 1) is not None and \
        bool(re.search(r"\b(?:den|vao) nam \d{4}", low))


def _row(sentence: str, q: Quantity, context: dict[str, float], target: bool, left: str, article: Article,
         finder: UnitFinder, matcher: IndicatorMatcher, source: str, period_choice, unit_choice,
         merged_basis: bool, block_deadline: pd.Timestamp | None = None, paragraph: str = "") -> dict:
    period, period_why = period_choice
    mention, unit_why = unit_choice
    low = fold_keep_length(sentence)
    family = labelled_family(low, q, averaged_in=fold_keep_length(paragraph)) or _article_family(q, article, low)
    match = matcher.propose(context, measures_for(q), q.role, allowed=family.allows if family else None)
    counted = _counted(q, low)
    if counted and counted in matcher.ids:
        match = Match(counted, 0.9, f"{q.text} {counted}")
    elif match is None and family is not None and family.default(q) in matcher.ids:
        match = Match(family.default(q), 0.5, f"{family.words} (the index the text is about)")
    indicator = match.indicator if match else ""
    notes, why = [], []
    if q.note:
        notes.append(q.note)
    as_of = period.as_of if period is not None else None
    period_text = _period_text(period)
    if indicator and _regional_rank(q, _resolve(mention, article, finder, as_of)[0], finder):
        indicator, match = "", None
        why.append(f"no indicator: a rank out of {q.rank_of} is not a province's national rank (out of 63 "
                   "provinces to 30 June 2025, of 34 since): a regional or group ranking")
    if not target and (indicator.startswith("dti_") or (not indicator and "dti" in fold_keep_length(sentence))):
        yearly = period if period is not None and period.kind in ("year", "edition") else article.lead_year
        edition = _edition(yearly, article) if yearly is not None else None
        if edition is not None:
            period_text, as_of, label = edition
            if label:
                notes.append(label)
        elif indicator.startswith("dti_"):
            why.append("the text names no index edition: write period 'DTI YYYY' and as_of YYYY-12-31")
    unit, date_why = _resolve(mention, article, finder, as_of, unit_why == "named in an earlier paragraph")
    if re.search(r"\bmot trong\s*$", left) and re.match(r"\s*(?:dia phuong|tinh|tinh, thanh)", fold_keep_length(
            sentence[q.end:q.end + 20])):
        unit, unit_why = "vietnam", "a count of provinces ('một trong 24 địa phương'): a national figure"
    if mention is not None and mention.key == "local":
        unit_why = (f"no unit: {_LOCAL_WHERE.get(unit_why, 'named near it')}, a district, commune, ward, agency or "
                    "office is named, which is not a unit of units.csv; fill the unit only if the figure is the "
                    "province's")
    if mention is not None and mention.key == "province":
        unit_why = "the article's province ('toàn tỉnh')"
    if (mention is None or mention.key == "province") and article.province_from:
        unit_why = article.province_from
    if not unit and (mention is None or mention.key == "province") and not article.province:
        unit_why += ": the text does not name it (give --unit)"
    basis = ""
    if date_why:
        why.append(date_why)
    merged_basis = not target and (merged_basis or indicator.startswith("dti_") and as_of is not None
                                    and as_of.year >= FIRST_DTI_ON_34 and finder.level(unit) == "province")
    if merged_basis and as_of is not None and as_of < MERGER_DAY and finder.successor(unit):
        unit, basis = finder.successor(unit), f"{MERGER_DAY:%Y-%m-%d}"
        why.append("a rank among 34 provinces for a year before the merger: the merged province, basis 2025-07-01")
    why += _unmeasured(q)
    rank_of = str(q.rank_of) if q.rank_of else ""
    if q.kind == "rank" and not rank_of and finder.level(unit) == "province" and as_of is not None:
        rank_of = str(provinces_on(basis or as_of))
        notes.append(f"rank_of {rank_of} inferred from the date (the text names no total)")
    unit_confidence = {"named in the clause": 1.0, "named after the figure": 0.9, "named in the sentence": 0.9,
                       "named in the paragraph": 0.85, "named in an earlier paragraph": 0.75}.get(unit_why, 0.6)
    if not unit:
        unit_confidence = 0.3
    confidence = round((match.confidence if match else 0.0) * unit_confidence, 2)
    why += [f"unit: {unit_why}", f"period: {period_why}"]
    if match:
        why.append(f"indicator: '{match.phrase}'")
    elif family is not None:
        why.append(f"no indicator: the nearest label, '{family.words}', names {family.what}, and no indicator of "
                   "the catalogue measures it for a province")
    row = dict.fromkeys(CANDIDATE_COLUMNS, "")
    row["_words"] = tuple(w for w in (" ".join(low[q.end:q.end + 30].split()[:3]),
                                      " ".join(low[max(0, q.start - 30):q.start].split()[-3:])) if w)
    row.update(unit=unit, indicator=indicator, value=_number(q.value), source=source,
               quote=_quote(sentence, q), rank_of=rank_of, confidence=f"{confidence:.2f}", why="; ".join(why))
    if target:
        deadline = deadline_in(low, after_year=article.date.year if article.date is not None else None)
        row["_deadline_from"] = "sentence" if deadline is not None else ""
        if deadline is None and block_deadline is not None:
            deadline, row["_deadline_from"] = block_deadline, "before"
            notes.append("deadline from the heading the figure is listed under, or from the sentence that opens "
                         "its paragraph")
        if deadline is None and article.date is not None:
            deadline = pd.Timestamp(article.date.year, 12, 31)
            notes.append("deadline inferred: the end of the article's year (the text names none)")
        if re.search(r"\b(?:(?:cap|muc tieu|chi tieu|yeu cau) quoc gia|ca nuoc|toan quoc)\b", left):
            row["unit"] = "vietnam"
        row.update(kind="target", deadline=f"{deadline:%Y-%m-%d}" if deadline is not None else "",
                   comparator="<=" if q.kind == "rank" or q.qualifier in ("<", "<=") else ">=",
                   qualifier="",
                   instrument=_instrument(sentence), value=_number(abs(q.value)))
    else:
        row.update(kind="observation", as_of=f"{as_of:%Y-%m-%d}" if as_of is not None else "",
                   period=period_text, qualifier=q.qualifier, basis=basis)
    row["note"] = "; ".join(notes)
    return row


@dataclass(frozen=True)
class Family:
    """The index a figure's nearest label names, and which indicator ids may measure it."""

    name: str
    words: str
    what: str
    averaged: bool = False     # the paragraph speaks of an average of the provinces ("bình quân", "cấp tỉnh")
    national: bool = False     # the sentence speaks of the nation's index ("DTI quốc gia")

    def allows(self, indicator: str) -> bool:
        """Whether ``indicator`` measures a figure of this index (or pillar)."""
        mean = indicator.startswith("dti_province_mean_")
        if mean and (not self.averaged or self.national):
            return False
        if indicator.startswith("dti_national_") and not self.national:
            return False
        if self.name == "dti":
            return indicator.startswith("dti_") and not any(indicator.startswith(p) for p in _PILLAR_PREFIXES)
        if self.name in _PILLAR_PREFIXES or self.name.startswith("dti_"):
            pillar = self.name.removeprefix("dti_")
            return indicator.startswith(self.name + "_") or (mean and f"_{pillar}_" in indicator)
        return indicator.startswith(self.name + "_")

    def default(self, q: Quantity) -> str:
        """The indicator a bare rank or score of this index is ("Hà Nội (0,8241)" in a DTI release), or ``""``."""
        if q.change:
            return ""
        if self.name == "dti":
            if q.kind == "rank":
                return "dti_rank"
            if abs(q.value) <= 1:
                return ("dti_national_score" if self.national else "dti_province_mean_score" if self.averaged
                        else "dti_score")
        if self.name == "service_index":
            return "service_index_rank" if q.kind == "rank" else "service_index_score" if abs(q.value) <= 100 else ""
        if self.name.startswith("dti_") and q.kind == "rank":
            return f"{self.name}_rank"
        if self.name in ("dti_government", "dti_economy", "dti_society") and self.averaged and abs(q.value) <= 1:
            return f"dti_province_mean_{self.name.removeprefix('dti_')}_score"
        return ""


#: The indices and pillars a label names, nearest first wins; a pillar is of DTI unless named otherwise.
_LABELS = [(re.compile(pattern), name, what) for pattern, name, what in [
    (r"\bhoat dong chinh quyen so\b", "dti_digital_government_activity", "a DTI sub-index"),
    (r"\bhoat dong kinh te so\b", "dti_digital_economy_activity", "a DTI sub-index"),
    (r"\bchinh quyen so\b", "dti_government", "a DTI pillar"),
    (r"\bkinh te so\b", "dti_economy", "a DTI pillar"),
    (r"\bxa hoi so\b", "dti_society", "a DTI pillar"),
    (r"\bnhan thuc so\b", "dti_awareness", "a DTI sub-index"),
    (r"\ban toan thong tin(?: mang)?\b", "dti_cybersecurity", "a DTI sub-index"),
    (r"\b(?:the che so|ha tang so|nhan luc so|hoat dong xa hoi so|thong tin va du lieu so|hoat dong)\b",
     "dti_component", "a DTI component"),
    (r"\bchi so chuyen doi so\b|\bdti\b", "dti", "the DTI"),
    (r"\bbo chi so phuc vu\b|\bchi so phuc vu\b|\b766\b", "service_index", "the service index (QĐ 766)"),
    (r"\bchi so thuong mai dien tu\b|\bebi\b", "ebi", "the e-business index (EBI)"),
    (r"\b(?:par index|sipas|papi|pci|ict index|chi so cai cach hanh chinh|chi so hai long)\b", "other_index",
     "another index"),
    (r"\b(?:cong khai,? minh bach|tien do giai quyet|muc do hai long|thanh toan truc tuyen|so hoa ho so)\b"
     r"(?=[^.;]{0,25}\d)", "service_component", "a component of the service index"),
]]
#: The DTI pillars and sub-indices: never the index's total.
_PILLAR_PREFIXES = ("dti_government", "dti_economy", "dti_society", "dti_awareness", "dti_cybersecurity",
                    "dti_digital_", "dti_province_mean_government", "dti_province_mean_economy",
                    "dti_province_mean_society")


def labelled_family(low: str, q: Quantity, averaged_in: str = "") -> Family | None:
    """The index or pillar the label nearest before a rank or score names ("Chính quyền số 0,7582").

    Only ranks and scores (and a change right after a score) are labelled so: "Kinh tế số chiếm
    15% GRDP" is a share, not a pillar. A figure with no such label gets ``None``.

    >>> from dtlib.intake.extract_patterns import find_quantities
    >>> s = "Chỉ số chuyển đổi số (DTI) xếp thứ 31/63, Chính quyền số 0,7582"
    >>> [labelled_family(fold_keep_length(s), q).name for q in find_quantities(s)]
    ['dti', 'dti_government']
    """
    scored = _scored(q) or (q.change and re.search(r"\d\s*(?:diem\s*)?\(\s*(?:tang|giam)\s*$",
                                                     low[max(0, q.start - 30):q.start]))
    if not scored:
        return None
    start = max([0, *[m.end() for m in re.finditer(r"[;.]\s", low[:q.start])]])
    best: tuple[int, Family] | None = None
    for pattern, name, what in _LABELS:
        for m in pattern.finditer(low, start, q.start):
            if best is None or m.end() > best[0] or (m.end() == best[0] and len(m[0]) > len(best[1].words)):
                best = (m.end(), Family(name, m[0], what, _averaged(low + " " + averaged_in), _national(low)))
    return best[1] if best else None


def _scored(q: Quantity) -> bool:
    """Whether a quantity can be an index's rank or score (a score is at most 1 when written bare)."""
    return q.kind in ("rank", "score") or (q.kind == "number" and abs(q.value) <= 1)


def _national(low: str) -> bool:
    """Whether folded words speak of the nation's index ("DTI quốc gia")."""
    return bool(re.search(r"\bquoc gia\b", low))


def _averaged(low: str) -> bool:
    """Whether folded words speak of the provinces' average ("bình quân", "đối với cấp tỉnh")."""
    return bool(re.search(r"\b(?:binh quan|trung binh|doi voi cap tinh|dti cap tinh)\b", low))


#: An index named in the opening lines of a text (its title, its lead): the index a bare score is of.
_ARTICLE_INDEX = [(re.compile(r"\bchi so chuyen doi so\b|\bdti\b"), "dti", "the DTI"),
                  (re.compile(r"\bchi so phuc vu\b|\b766\b"), "service_index", "the service index (QĐ 766)")]


def _article_family(q: Quantity, article: Article, low: str) -> Family | None:
    """The index the text is about, for a rank or score whose sentence names no index (one index only)."""
    if not _scored(q) or q.change or _OTHER_INDEX.search(low):
        return None
    lead = fold_keep_length("\n".join([line for line in article.text.split("\n") if line.strip()][:6]))
    named = [(name, what, m[0]) for pattern, name, what in _ARTICLE_INDEX for m in [pattern.search(lead)] if m]
    if len(named) != 1:
        return None
    name, what, words = named[0]
    return Family(name, words, what, _averaged(low), _national(low))


#: Words of a ranking that is not the text's index ("Chính phủ điện tử của Liên Hợp Quốc", "PCI").
_OTHER_INDEX = re.compile(r"\b(?:lien hop quoc|egdi|chinh phu dien tu|pci|papi|sipas|par index|ict index|ebi|"
                          r"thuong mai dien tu)\b")

#: A count named by the words right after it: a count of teams is not one of their members.
_COUNTED = [(re.compile(r"\s*(?:to|doi) (?:cong nghe so|chuyen doi so)(?: cong dong)?\b"), "community_digital_teams"),
            (re.compile(r"\s*thanh vien\b"), "community_digital_team_members_count")]


def _counted(q: Quantity, low: str) -> str:
    """The indicator the noun right after a count names ("1.512 tổ công nghệ số cộng đồng"), or ``""``.

    Members ("7.860 thành viên") count only in a sentence about the teams.
    """
    if q.kind not in ("count", "number") or not float(q.value).is_integer():
        return ""
    for pattern, indicator in _COUNTED:
        if pattern.match(low[q.end:]):
            if indicator.endswith("members_count") and not re.search(r"\bto (?:cong nghe|chuyen doi) so\b", low):
                return ""
            return indicator
    return ""


#: Words of a sentence that reports what was reached, which ends a paragraph's run of targets.
_REPORTS = re.compile(r"\b(?:ket qua|nam (?:19|20)\d\d,? (?:tinh|toan tinh) (?:da )?dat|so voi cung ky)\b")

#: How the "why" of a figure that is not an indicator begins (``extract --all`` keeps such rows).
NOT_AN_INDICATOR = "not an indicator"


def _merged(rows: list[dict]) -> list[dict]:
    """The rows with a figure stated twice kept once: same kind, unit, indicator, value and date.

    Only rows with an indicator are merged (two figures of 100% without one may count different
    things), and only when the words just before or just after the figure are the same (the
    same guess of an indicator for "100% thôn" and "100% xã" is not one figure); the first keeps a
    note that the text states it again.
    """
    kept: list[dict] = []
    seen: dict[tuple, dict] = {}
    for row in rows:
        key = (row["kind"], row["unit"], row["indicator"], row["value"], row["as_of"], row["deadline"])
        first = seen.get(key) if row["indicator"] else None
        if first is not None and not (set(first["_words"]) & set(row["_words"])):
            first = None     # the same guess for two figures that say different things ("100% thôn ...", "100% xã ...")
        if first is None:
            seen[key] = row
            kept.append(row)
            continue
        if "stated again" not in first["note"]:
            first["note"] = "; ".join(n for n in (first["note"], f"stated again: «{row['quote'][:80]}»") if n)
    return kept


#: Where ``unit_for`` found a place, in the words of a row's "why" for a place that is not a unit.
_LOCAL_WHERE = {"named in the clause": "in its clause", "named after the figure": "right after it",
                "named in the sentence": "in its sentence", "named in the paragraph": "earlier in its paragraph"}


def _regional_rank(q: Quantity, unit: str, finder: UnitFinder) -> bool:
    """A province's rank out of a total that is not the provinces of Vietnam ("thứ 5/14 tỉnh miền núi phía Bắc")."""
    return (q.kind == "rank" and q.rank_of is not None and q.rank_of not in NATIONAL_RANK_TOTALS
            and (not unit or finder.level(unit) == "province"))


def _unmeasured(q: Quantity) -> list[str]:
    """Why a figure gets no indicator because of how it is written: a share per thousand, a count not whole."""
    if q.kind == "permille":
        return [f"no indicator: '{q.text}' is a share per thousand (‰), neither a percentage nor a count; "
                f"a percentage is a tenth of it ({_number(q.value)}‰ = {_number(q.value / 10)}%)"]
    if q.kind in ("count", "number") and abs(q.value) > 1 and not float(q.value).is_integer():
        return [f"no indicator: '{q.text}' read the Vietnamese way is {_number(q.value)}, not a whole number, so "
                "not a count; if the text writes thousands with a comma (1,761 for 1761), check the source"]
    return []


def _period_text(period: Period | None) -> str:
    if period is None:
        return ""
    if period.kind == "now":
        return f"đến nay ({period.as_of:%d/%m/%Y})" if period.as_of is not None else ""
    return period.period


def _edition(period: Period, article: Article) -> tuple[str, pd.Timestamp, str] | None:
    """An index edition from a year: "năm 2021 (DTI 2021)" → DTI 2021; released in its own year → the one before."""
    if period.year is None:
        return None
    year, label = period.year, ""
    published = article.published
    if published is not None and published.year <= year:
        label = f"the source labels it '{period.period}' (published {published:%Y-%m-%d}): the edition released then"
        year -= 1
    return f"DTI {year}", pd.Timestamp(year, 12, 31), label


def _resolve(mention: Mention | None, article: Article, finder: UnitFinder,
             as_of: pd.Timestamp | None, carried_from_before: bool = False) -> tuple[str, str]:
    """The unit id for a figure dated ``as_of``, and how its date was chosen when not by ``as_of``.

    A name shared across the 2025 mergers ("Quảng Trị" before and after 1 July 2025) means the
    unit in force on the figure's date; undated, on the article's date, else on the latest date
    the text mentions; with no date at all, the merged unit if the text speaks of the
    reorganisation, one that ranks among 63 provinces the unit before the mergers, else no unit
    at all: a guess there is how a 2024 plan of Quảng Trị became the merged province's. A name
    with one unit means it. A pre-2025 province given by
    ``--unit`` and dated after the merger is its successor.
    """
    if article.subject and (mention is None or carried_from_before and mention.key not in ("national", "vietnam")):
        return "", (f"no unit: the text is about {article.subject} (its heading names it), an agency or a place "
                    "that is not a unit of units.csv")
    if mention is None or mention.key == "province":
        if article.province_mention is not None:
            mention = article.province_mention
        elif article.province and article.province in finder.units.index:
            return finder.in_force(article.province, as_of or article.date or article.latest), ""
        else:
            return article.province, ""
    on, how = as_of, ""
    if on is None and article.date is not None:
        on = article.date
    elif on is None and article.latest is not None:
        on = article.latest
        how = f"unit: the one in force on the latest date the text mentions ({on:%d/%m/%Y})"
    elif on is None and article.reorganised:
        on = MERGER_DAY
        how = "undated: the text speaks of the 2025 reorganisation, so the merged unit"
    elif on is None and article.before_mergers:
        on = MERGER_DAY - pd.Timedelta(days=1)
        how = "undated: the text speaks of the 63 provinces, so the unit before 1 July 2025"
    elif on is None and len(named := _named_units(mention, finder)) > 1:
        options = " or ".join(f"{uid} ({_span(finder, uid)})" for uid in named)
        return "", (f"no unit: neither the figure nor the text is dated, and the name may mean {options}; "
                    "give the day it was published (--date) or the unit (--unit)")
    return finder.resolve(mention, on), how if len(mention.ids) > 1 else ""


def _named_units(mention: Mention, finder: UnitFinder) -> list[str]:
    """The units a name may mean across the 2025 mergers: its own, and a successor of the same name.

    "tỉnh Quảng Trị" is quang-tri up to 30 June 2025 and quang-tri-2025 since; "Quảng Bình" is
    only quang-binh (its successor is called Quảng Trị).
    """
    units = list(dict.fromkeys(mention.ids))
    for uid in list(units):
        successor = finder.successor(uid)
        if successor and successor in finder.units.index and successor not in units and \
                finder.units.loc[successor, "name_vi"] == finder.units.loc[uid, "name_vi"]:
            units.append(successor)
    return units


def _span(finder: UnitFinder, uid: str) -> str:
    """When a unit existed, in words: "to 30/06/2025", "since 01/07/2025"."""
    row = finder.units.loc[uid]
    if row["valid_to"]:
        return f"to {pd.Timestamp(row['valid_to']):%d/%m/%Y}"
    if row["valid_from"]:
        return f"since {pd.Timestamp(row['valid_from']):%d/%m/%Y}"
    return "no dates"


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def _quote(sentence: str, q: Quantity) -> str:
    """The sentence, or, when it is long, the clause (between ``;``, then ``,``) that holds the figure."""
    if len(sentence) <= QUOTE_MAX:
        return sentence
    for separator in (";", ","):
        start = sentence.rfind(separator, 0, q.start) + 1
        end = sentence.find(separator, q.end)
        end = len(sentence) if end < 0 else end
        clause = sentence[start:end].strip()
        if len(clause) <= QUOTE_MAX and len(clause) >= 15:
            return clause
        if len(clause) <= QUOTE_MAX:
            break
    start = max(0, q.start - QUOTE_MAX // 2)
    return sentence[start:start + QUOTE_MAX].strip()


_INSTRUMENT = re.compile(r"(?:Nghị quyết|Quyết định|Kế hoạch|Đề án|Chỉ thị|Chương trình|Chiến lược)"
                         r"(?: số)?(?: [\w/.-]*\d[\w/.-]*)?(?: “[^”]+”| \"[^\"]+\")?")


def _instrument(sentence: str) -> str:
    """The legal instrument a target sentence names ("Nghị quyết số 01-NQ/TU", "Đề án"), or ``""``."""
    match = _INSTRUMENT.search(sentence)
    return match.group(0) if match else ""
