"""The table schemas, one per table, as pandera schemas over the text of each CSV.

Validation runs on the raw text (every cell a ``str``) so that a bad cell can be reported
with its file, line and field before anything is converted. Each schema is a pandera
``DataFrameSchema``; checks that span columns or tables are pandera ``Check`` objects too,
registered here with the message and hint a person needs to fix the cell.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from dataclasses import dataclass, field

import pandas as pd
import pandera.pandas as pa

from .errors import Problem
from .io import LINE
from .periods import window_of
from .text import _TOKEN, fold, nearest, numbers_in, read_vietnamese_number, states_value
from .vocab import COLUMNS, COMPARATORS, LEVELS, MEASURES, PILLARS, QUALIFIERS, WINDOWS, provinces_on

SLUG = r"^[a-z0-9]+(-[a-z0-9]+)*$"
SNAKE = r"^[a-z0-9]+(_[a-z0-9]+)*$"
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
PLAIN_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


@dataclass
class Context:
    """What a table's checks need to know of the other tables."""

    units: pd.DataFrame | None = None          # raw units table (ids, validity, successor)
    indicators: pd.DataFrame | None = None     # raw indicators table (ids, unit of measure)
    source_texts: dict[str, str | None] = field(default_factory=dict)  # source id -> text (None: no file)
    unreadable: set[str] = field(default_factory=set)  # source ids whose file cannot be read
    published: dict[str, str] = field(default_factory=dict)  # source id -> ISO publication date or ""
    today: pd.Timestamp = field(default_factory=lambda: pd.Timestamp.today().normalize())

    @property
    def unit_ids(self) -> list[str]:
        return [] if self.units is None else list(self.units["id"])

    @property
    def indicator_ids(self) -> list[str]:
        return [] if self.indicators is None else list(self.indicators["id"])

    def measure_of(self, indicator: pd.Series) -> pd.Series:
        if self.indicators is None:
            return pd.Series("", index=indicator.index)
        return indicator.map(dict(zip(self.indicators["id"], self.indicators["unit"]))).fillna("")


@dataclass
class Rule:
    """A check with what to tell a person when a row fails it."""

    field: str
    message: Callable[[pd.Series], str]
    hint: Callable[[pd.Series], str] = lambda row: ""


@dataclass
class TableSchema:
    """A pandera schema for one table plus the messages of its checks."""

    table: str
    schema: pa.DataFrameSchema
    rules: dict[str, Rule]

    def problems(self, frame: pd.DataFrame) -> list[Problem]:
        """Validate ``frame`` (as read by :func:`dtlib.io.read_table`); return every problem."""
        path = frame.attrs.get("path", f"{self.table}.csv")
        required, _ = COLUMNS[self.table]
        missing = [c for c in required if c not in frame.columns]
        if missing:
            return [Problem(path, 1, c, "column is missing from the header",
                            f"the header must name: {', '.join(required)}") for c in missing]
        try:
            self.schema.validate(frame, lazy=True)
        except pa.errors.SchemaErrors as err:
            return self._translate(err.failure_cases, frame, path)
        return []

    def _translate(self, cases: pd.DataFrame, frame: pd.DataFrame, path: str) -> list[Problem]:
        problems: dict[tuple, Problem] = {}
        for case in cases.itertuples(index=False):
            check, column, index = str(case.check).split("(")[0], case.column, case.index
            if index is None or pd.isna(index):
                problems[(check, column)] = Problem(path, None, column, f"failed check {check}")
                continue
            row = frame.loc[index]
            line = int(row[LINE])
            if check in self.rules:
                rule = self.rules[check]
                key = (check, line)
                if key not in problems:
                    problems[key] = Problem(path, line, rule.field, rule.message(row), rule.hint(row))
            else:
                problems[(check, line, column)] = _builtin_problem(
                    self.schema.columns[column], check, case.failure_case, path, line)
        return list(problems.values())


def _builtin_problem(column: pa.Column, check: str, value, path: str, line: int) -> Problem:
    what = column.description or column.name
    if check == "str_length":
        return Problem(path, line, column.name, "is empty", f"give {what}")
    if check == "isin":
        allowed = [str(v) for v in next(c for c in column.checks if c.name == "isin").statistics["allowed_values"]]
        near = nearest(str(value), allowed)
        hint = f"did you mean {near[0]!r}?" if near else ""
        if len(allowed) <= 10:
            hint = (hint + " " if hint else "") + "valid: " + ", ".join(repr(a) for a in allowed)
        return Problem(path, line, column.name, f"{value!r} is not {what}", hint)
    if check == "str_matches":
        noun = re.sub(r"^(a|an) ", "", what)
        return Problem(path, line, column.name, f"{value!r} is not a valid {noun}",
                       column.metadata.get("hint", "") if column.metadata else "")
    if check == "field_uniqueness":
        return Problem(path, line, column.name, f"{value!r} is used by another row", f"{what} must be unique")
    return Problem(path, line, column.name, f"{value!r} fails {check}")


# ---------------------------------------------------------------------------- building blocks

def _text(description: str, *checks: pa.Check, required: bool = True, nonempty: bool = False,
          unique: bool = False, metadata: dict | None = None) -> pa.Column:
    checks = ((pa.Check.str_length(min_value=1),) if nonempty else ()) + checks
    return pa.Column(str, checks=list(checks), required=required, nullable=False, unique=unique,
                     description=description, metadata=metadata)


def _is_date(s: pd.Series) -> pd.Series:
    ok = s.str.match(ISO_DATE.pattern)
    return ok & pd.to_datetime(s.where(ok, None), format="%Y-%m-%d", errors="coerce").notna()


def _numbers(s: pd.Series) -> pd.Series:
    return pd.to_numeric(s.where(s.str.match(PLAIN_NUMBER.pattern), None), errors="coerce")


def _within_range(values: pd.Series, measures: pd.Series) -> pd.Series:
    """Whether each value lies in the range of its unit of measure (unknown units: yes)."""
    low = measures.map(lambda u: MEASURES.get(u, (None, None))[0]).astype(float)
    high = measures.map(lambda u: MEASURES.get(u, (None, None))[1]).astype(float)
    bad = (low.notna() & (values < low)) | (high.notna() & (values > high))
    return ~bad.fillna(False)


def _number_hint(row_value: str) -> str:
    try:
        return f"write {read_vietnamese_number(row_value):g} (a plain number with a dot for decimals)"
    except ValueError:
        return "write a plain number with a dot for decimals, no thousands separator (1761, 98.7)"


class _Rules:
    """Collects wide checks and their messages for one schema."""

    def __init__(self) -> None:
        self.checks: list[pa.Check] = []
        self.rules: dict[str, Rule] = {}

    def add(self, name: str, field: str, ok: Callable[[pd.DataFrame], pd.Series],
            message: Callable[[pd.Series], str], hint: Callable[[pd.Series], str] | str = "") -> None:
        check_name = f"{field}:{name}"
        hint_fn = hint if callable(hint) else (lambda row, h=hint: h)
        self.rules[check_name] = Rule(field, message, hint_fn)
        # ignore_na=False: no row of a text table is all NA (every cell is a str), and pandera's
        # default would compute isna() over the whole frame after every check (a third of load())
        self.checks.append(pa.Check(lambda df, f=ok: f(df).reindex(df.index, fill_value=True).astype(bool),
                                    name=check_name, ignore_na=False))

    def date(self, field: str, *, optional: bool = False) -> None:
        self.add("date", field,
                 lambda df: (df[field] == "") | _is_date(df[field]) if optional else _is_date(df[field]),
                 lambda row: f"{row[field]!r} is not a date",
                 "write an ISO date YYYY-MM-DD, e.g. 2022-09-30" + (" (or leave it empty)" if optional else ""))

    def number(self, field: str) -> None:
        self.add("number", field, lambda df: _numbers(df[field]).notna(),
                 lambda row: f"{row[field]!r} is not a number", lambda row: _number_hint(row[field]))

    def known(self, field: str, what: str, ids: Callable[[], list[str]],
              suggest: Callable[[str], str], *, optional: bool = False) -> None:
        self.add("known", field,
                 lambda df: df[field].isin(ids()) | ((df[field] == "") if optional else False),
                 lambda row: f"{row[field]!r} is not a known {what}",
                 lambda row: suggest(row[field]))

    def in_range(self, measure: Callable[[pd.DataFrame], pd.Series]) -> None:
        def ok(df: pd.DataFrame) -> pd.Series:
            return _within_range(_numbers(df["value"]), measure(df))

        def message(row: pd.Series) -> str:
            unit = measure(row.to_frame().T).iloc[0]
            low, high = MEASURES[unit]
            span = f"{low:g}–{high:g}" if high is not None else f"at least {low:g}"
            return f"{row['value']} is out of range for a value in {unit} ({span})"

        self.add("range", "value", ok, message,
                 "check the decimal separator and the indicator's unit in indicators.csv")

    def ranks(self, measure: Callable[[pd.DataFrame], pd.Series]) -> None:
        """A rank keeps the number of units ranked (``rank_of``); nothing else has one."""
        def has_col(df): return "rank_of" in df.columns

        def ok_present(df: pd.DataFrame) -> pd.Series:
            if not has_col(df):
                return pd.Series(True, index=df.index)
            is_rank = measure(df) == "rank"
            n = _numbers(df["rank_of"])
            return (is_rank & (n >= 2) & (n % 1 == 0)) | (~is_rank & (df["rank_of"] == ""))

        def message(row: pd.Series) -> str:
            if measure(row.to_frame().T).iloc[0] == "rank":
                return f"a rank needs the number of units ranked, got {row['rank_of']!r}"
            return f"{row['rank_of']!r} given for an indicator that is not a rank"

        self.add("rank_of", "rank_of", ok_present, message,
                 "63 for provinces before 1 July 2025, 34 after; leave it empty for non-rank indicators")

        def ok_within(df: pd.DataFrame) -> pd.Series:
            if not has_col(df):
                return pd.Series(True, index=df.index)
            beyond = (_numbers(df["value"]) > _numbers(df["rank_of"])).fillna(False)
            return ~(beyond & (measure(df) == "rank"))

        self.add("rank_within", "value", ok_within,
                 lambda row: f"rank {row['value']} is beyond the {row['rank_of']} units ranked",
                 "check value and rank_of")

    def no_conflicts(self, key: list[str], what: str) -> None:
        """Rows that share ``key`` must agree on ``value``; identical repeats are flagged too."""
        def groups(df: pd.DataFrame) -> pd.DataFrame:
            return df.assign(_n=_numbers(df["value"]))

        def ok(df: pd.DataFrame) -> pd.Series:
            g = groups(df)
            spread = g.groupby(key, sort=False)["_n"].transform("nunique")
            return spread.fillna(0) <= 1

        self.add("conflict", "value", ok,
                 lambda row: f"{row['value']} conflicts with another row for the same {what}",
                 lambda row: "two figures for one " + what + ": keep the right one, or correct the date")

        def ok_dupe(df: pd.DataFrame) -> pd.Series:
            cols = [c for c in df.columns if c != LINE]
            return ~df.duplicated(subset=cols, keep="first")

        self.add("duplicate", "value", ok_dupe,
                 lambda row: "repeats an earlier row exactly", "delete one of the two rows")

    def quotes(self, ctx: Context, *, required: bool) -> None:
        """The quote occurs verbatim in the source's text (for sources that ship a text)."""
        def ok(df: pd.DataFrame) -> pd.Series:
            texts = df["source"].map(ctx.source_texts)
            def one(q, t):
                if not isinstance(t, str):
                    return True
                return (q in t) if q else not required
            return pd.Series([one(q, t) for q, t in zip(df["quote"], texts)], index=df.index)

        def message(row: pd.Series) -> str:
            if not row["quote"]:
                return f"is empty, but source {row['source']!r} ships its text"
            return f"does not occur verbatim in the text of source {row['source']!r}"

        def hint(row: pd.Series) -> str:
            text, quote = ctx.source_texts.get(row["source"]) or "", row["quote"]
            if not quote:
                return "copy the sentence that states the figure from the source file"
            n = _longest_prefix_in(quote, text)
            return (f"the first {n} characters match, then the quote has {quote[n:n + 25]!r}; "
                    "copy it from the source file exactly (diacritics, punctuation, spaces)")

        self.add("in_source", "quote", ok, message, hint)


def _longest_prefix_in(quote: str, text: str) -> int:
    lo, hi = 0, len(quote)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if quote[:mid] in text:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _suggest_from(choices: Callable[[], list[str]], extra: str = "") -> Callable[[str], str]:
    def suggest(value: str) -> str:
        near = nearest(value, choices())
        return (f"did you mean {near[0]!r}?" if near else "") + extra
    return suggest


# ---------------------------------------------------------------------------- the five schemas

def sources_schema(ctx: Context) -> TableSchema:
    r = _Rules()
    r.date("published", optional=True)
    r.add("exists", "file", lambda df: ~df["id"].isin(ctx.unreadable),
          lambda row: f"{row['file']!r} cannot be read",
          "the path is relative to data/ (e.g. sources/000_f62c20e1c3b11097.txt); the file must be a UTF-8 "
          "text inside data/sources/ (or data/examples/), at most 2 MB")
    schema = pa.DataFrameSchema({
        "id": _text("a source id", pa.Check.str_matches(SLUG), nonempty=True, unique=True,
                    metadata={"hint": "use lower-case ASCII words joined by '-', e.g. lcdt-2022-10-23"}),
        "title": _text("a title", nonempty=True),
        "publisher": _text("a publisher", nonempty=True),
        "published": _text("a publication date"),
        "url": _text("a web address", pa.Check.str_matches(r"^(|https?://\S+)$"),
                     metadata={"hint": "an http(s) address, or empty"}),
        "file": _text("a file path"),
        "language": _text("a language code", pa.Check.str_matches(r"^[a-z]{2}$"),
                          metadata={"hint": "a two-letter code: vi, en"}),
        "note": _text("a note", required=False),
    }, checks=r.checks, strict=False)
    return TableSchema("sources", schema, r.rules)


def units_schema(ctx: Context) -> TableSchema:
    r = _Rules()
    ids = lambda: ctx.unit_ids  # noqa: E731
    r.known("parent", "unit", ids, _suggest_from(ids), optional=True)
    r.known("successor", "unit", ids, _suggest_from(ids), optional=True)
    r.date("valid_from", optional=True)
    r.date("valid_to", optional=True)
    r.add("order", "valid_to",
          lambda df: ~(pd.to_datetime(df["valid_from"].where(_is_date(df["valid_from"])), errors="coerce")
                       > pd.to_datetime(df["valid_to"].where(_is_date(df["valid_to"])), errors="coerce")),
          lambda row: f"{row['valid_to']} is before valid_from {row['valid_from']}", "swap the two dates")
    r.add("names", "aliases", lambda df: _names_unambiguous(df),
          lambda row: "a name or alias of this unit is also a name of another unit valid at the same time",
          "give each unit names that no other unit of the same period uses")
    schema = pa.DataFrameSchema({
        "id": _text("a unit id", pa.Check.str_matches(SLUG), nonempty=True, unique=True,
                    metadata={"hint": "use lower-case ASCII words joined by '-', e.g. lao-cai"}),
        "name_vi": _text("a Vietnamese name", nonempty=True),
        "name_en": _text("an English name", nonempty=True),
        "level": _text("an administrative level", pa.Check.isin(list(LEVELS))),
        "parent": _text("a parent unit"),
        "aliases": _text("aliases"),
        "valid_from": _text("a date"),
        "valid_to": _text("a date"),
        "successor": _text("a successor unit"),
        "gso_code": _text("a statistics office code", pa.Check.str_matches(r"^\d*$"), required=False,
                          metadata={"hint": "digits only, kept as text ('06')"}),
        "note": _text("a note", required=False),
    }, checks=r.checks, strict=False)
    return TableSchema("units", schema, r.rules)


def _names_unambiguous(df: pd.DataFrame) -> pd.Series:
    start = pd.to_datetime(df["valid_from"].where(_is_date(df["valid_from"])), errors="coerce")
    end = pd.to_datetime(df["valid_to"].where(_is_date(df["valid_to"])), errors="coerce")
    seen: dict[str, list] = {}
    ok = pd.Series(True, index=df.index)
    for idx, row in df.iterrows():
        names = {fold(n) for n in [row["id"], row["name_vi"], row["name_en"], *row["aliases"].split("|")] if n}
        for name in names:
            for other in seen.get(name, []):
                a0, a1 = start[idx], end[idx]
                b0, b1 = start[other], end[other]
                overlap = (pd.isna(a1) or pd.isna(b0) or b0 <= a1) and (pd.isna(b1) or pd.isna(a0) or a0 <= b1)
                if overlap:
                    ok[idx] = False
            seen.setdefault(name, []).append(idx)
    return ok


def _indicator_rules() -> _Rules:
    r = _Rules()
    r.add("method", "method", lambda df: (_col(df, "concept") == "") | (_col(df, "method") != ""),
          lambda row: f"indicator {row['id']!r} names the concept {row['concept']!r} but no method",
          "two methods of one concept are two indicators, each saying which method it is")
    return r


def indicators_schema(ctx: Context) -> TableSchema:
    schema = pa.DataFrameSchema({
        "id": _text("an indicator id", pa.Check.str_matches(SNAKE), nonempty=True, unique=True,
                    metadata={"hint": "use lower-case ASCII words joined by '_', e.g. households_fibre_pct"}),
        "pillar": _text("a pillar", pa.Check.isin(list(PILLARS))),
        "name_vi": _text("a Vietnamese name", nonempty=True),
        "name_en": _text("an English name", nonempty=True),
        "unit": _text("a unit of measure", pa.Check.isin(list(MEASURES))),
        "higher_is_better": _text("true or false", pa.Check.isin(["true", "false"])),
        "definition": _text("a definition", nonempty=True),
        "concept": _text("a concept", pa.Check.str_matches(r"^([a-z0-9]+(_[a-z0-9]+)*)?$"), required=False,
                         metadata={"hint": "a snake_case name shared by the indicators that measure one concept "
                                           "by different methods, or empty"}),
        "method": _text("a method", required=False),
        "aliases": _text("aliases", pa.Check.str_matches(r"^([^|]*\S[^|]*(\|[^|]*\S[^|]*)*)?$"), required=False,
                         metadata={"hint": "phrases a text may use for the indicator, separated by '|', none empty"}),
        "headline": _text("true, false or empty", pa.Check.isin(["true", "false", ""]), required=False,
                          metadata={"hint": "true for the few indicators a briefing leads with; false or empty "
                                            "for the others"}),
    }, checks=_indicator_rules().checks, strict=False)
    return TableSchema("indicators", schema, _indicator_rules().rules)


def _figure_rules(ctx: Context, date_field: str, key: list[str], what: str) -> _Rules:
    """Checks shared by observations and targets: ids resolve, dates, numbers, ranges, ranks."""
    r = _Rules()
    units = lambda: ctx.unit_ids  # noqa: E731
    indicators = lambda: ctx.indicator_ids  # noqa: E731
    sources = lambda: list(ctx.source_texts)  # noqa: E731
    from .text import did_you_mean
    r.known("unit", "unit", units,
            lambda v: "; ".join(filter(None, [did_you_mean(v, ctx.units).strip(" ()") if ctx.units is not None
                                              else "", "ids, names and aliases are listed in units.csv"])))
    r.known("indicator", "indicator", indicators,
            _suggest_from(indicators, "; ids are listed in indicators.csv"))
    r.known("source", "source", sources, _suggest_from(sources, "; add the source to sources.csv first"))
    r.date(date_field)
    r.number("value")
    measure = lambda df: ctx.measure_of(df["indicator"])  # noqa: E731
    r.in_range(measure)
    r.ranks(measure)
    r.no_conflicts(key, what)
    return r


def _col(df: pd.DataFrame, name: str) -> pd.Series:
    """An optional column, or empty text where the file does not have it."""
    return df[name] if name in df.columns else pd.Series("", index=df.index, dtype=str)


def _dates(s: pd.Series) -> pd.Series:
    return pd.to_datetime(s.where(_is_date(s)), errors="coerce")


def _windows(df: pd.DataFrame) -> pd.DataFrame:
    """Each row's period read by :func:`window_of`: ``end`` (NaT if undated or unreadable), ``kind``, ``readable``."""
    periods = df["period"].unique()   # each distinct period read once, then joined to the rows
    ends, kinds, readable = [], [], []
    for period in periods:
        try:
            end, kind = _read_period(period)
        except ValueError:
            end, kind, ok = None, "", False
        else:
            ok = True
        ends.append(end)
        kinds.append(kind)
        readable.append(ok)
    read = pd.DataFrame({"end": pd.to_datetime(pd.Series(ends, dtype=object)), "kind": pd.Series(kinds, dtype=str),
                         "readable": pd.Series(readable, dtype=bool)}).set_axis(periods)
    return read.reindex(df["period"].to_numpy()).set_axis(df.index)


@lru_cache(maxsize=4096)
def _read_period(period: str):
    return window_of(period)


QUOTE_MIN_LENGTH = 15


def _observation_rules(r: _Rules, ctx: Context) -> None:
    """What only a reported figure must satisfy: its window, its date, its boundaries, its quote."""
    measure = lambda df: ctx.measure_of(df["indicator"])  # noqa: E731
    r.add("form", "period", lambda df: _windows(df)["readable"] | (df["period"] == ""),
          lambda row: f"{row['period']!r} is not a reporting window the loader reads",
          "write it in one of the forms of data/README.md ('9 tháng năm 2022', 'quý III/2023', 'năm 2024', "
          "'tháng 11/2025', 'đến nay (23/10/2022)', 'DTI 2024'); the source's own wording goes in note")

    def ends_on_as_of(df: pd.DataFrame) -> pd.Series:
        w, when = _windows(df), _dates(df["as_of"])
        return ~(w["end"].notna() & when.notna() & (w["end"] != when))

    r.add("as_of", "period", ends_on_as_of,
          lambda row: f"{row['period']!r} ends on {_read_period(row['period'])[0]:%Y-%m-%d}, "
                      f"not on as_of {row['as_of']}",
          "as_of is the last day of the window the figure describes: correct as_of or the period")
    r.add("window", "window",
          lambda df: (_col(df, "window") == "") | (_col(df, "window") == _windows(df)["kind"])
          | ~_windows(df)["readable"],
          lambda row: f"{row['window']!r} is not the window of the period {row['period']!r} "
                      f"({_read_period(row['period'])[1]})",
          f"leave it empty (it is read from the period) or write one of: {', '.join(WINDOWS)}")
    r.add("basis", "basis", lambda df: (_col(df, "basis") == "") | _is_date(_col(df, "basis")),
          lambda row: f"{row['basis']!r} is not a date",
          "basis is the first day of the boundaries a figure was recomputed on (2025-07-01 for the "
          "34 provinces), or empty")
    r.add("basis_later", "basis",
          lambda df: ~(_dates(_col(df, "basis")) <= _dates(df["as_of"])).fillna(False),
          lambda row: f"basis {row['basis']} is not after as_of {row['as_of']}",
          "basis names later boundaries the figure was recomputed on; leave it empty for the boundaries "
          "in force on as_of")
    r.add("future", "as_of", lambda df: ~(_dates(df["as_of"]) > ctx.today).fillna(False),
          lambda row: f"{row['as_of']} is in the future",
          "as_of is the date the figure describes; check the year (a typo such as 2203 for 2023)")

    def whole(df: pd.DataFrame) -> pd.Series:
        return ~((measure(df) == "rank") & (_numbers(df["value"]) % 1 != 0)).fillna(False)

    r.add("whole_rank", "value", whole, lambda row: f"rank {row['value']} is not a whole number",
          "a rank is a place: 1, 2, 3 ...")

    def provinces_counted(df: pd.DataFrame) -> pd.Series:
        n = _numbers(_col(df, "rank_of"))
        level = df["unit"].map(_levels(ctx))
        on = _dates(_col(df, "basis")).fillna(_dates(df["as_of"]))
        expected = on.map({d: provinces_on(d) for d in on.dropna().unique()})   # each distinct date once
        check = (measure(df) == "rank") & (level == "province") & n.isin([34, 63]) & on.notna()
        return ~(check & (n != expected.astype(float))).fillna(False)

    r.add("rank_boundaries", "rank_of", provinces_counted, _rank_boundaries_message,
          lambda row: _rank_boundaries_hint(row, ctx))

    def stated(df: pd.DataFrame) -> pd.Series:
        values = _numbers(df["value"])
        fits = _within_range(values, measure(df))   # an out-of-range value is reported once, as such
        ok = [not q or note.startswith("computed:") or pd.isna(v) or not f or _written_in(q, v) or states_value(q, v)
              for q, note, v, f in zip(df["quote"], df["note"], values, fits)]
        return pd.Series(ok, index=df.index)

    r.add("states_value", "value", stated,
          lambda row: f"{row['value']} is not a number the quote states (it states "
                      f"{', '.join(f'{n:g}' for n in numbers_in(row['quote'])) or 'no number'})",
          "write the value as the quote states it, read the Vietnamese way (1.761 is 1761, 98,7 is 98.7; "
          "--decimal , reads such cells); a share stays a percentage (85, not 0.85); for a value derived by "
          "arithmetic start the note with 'computed:' and show it")
    r.add("quote_length", "quote",
          lambda df: (df["quote"] == "") | ((df["quote"].str.len() >= QUOTE_MIN_LENGTH)
                                            & df["quote"].str.contains(r"[^\W\d_]{2,}", regex=True)),
          lambda row: f"{row['quote']!r} is too short to be the sentence that states the figure",
          "copy the whole sentence (or the clause with the figure) from the source")

    def edition_published(df: pd.DataFrame) -> pd.Series:
        edition = pd.to_numeric(df["period"].map(_edition_year), errors="coerce")
        published = _dates(df["source"].map(lambda sid: ctx.published.get(sid, "")))
        early = edition.notna() & published.notna() & (published.dt.year <= edition)
        return ~early.fillna(False)

    r.add("edition", "period", edition_published,
          lambda row: f"{row['period']} cannot come from a source published on {ctx.published.get(row['source'])}, "
                      "before the edition's year had ended",
          "articles often label an index edition by the year it was released (a 2023 article's 'DTI 2023' is "
          "the DTI 2022 edition): record the edition the figures belong to, and the source's label in note")


def _written_in(quote: str, value: float) -> bool:
    """A quick sufficient test for :func:`states_value`: ``value`` written the Vietnamese way
    (``1.761``, ``98,7``) is one of the quote's number tokens. ``False`` proves nothing.

    Uses the tokens of :func:`dtlib.text.numbers_in` (``_TOKEN``), so a token found here is a
    number that function reads; it spares reading every token of every quote on a large table."""
    text = repr(abs(float(value)))
    if "e" in text or "n" in text:
        return False
    whole, _, frac = text.partition(".")
    said = f"{int(whole):,}".replace(",", ".") + ("," + frac if frac != "0" else "")
    return any(token.rstrip(".,") == said for token in _TOKEN.findall(quote))


def _edition_year(period: str) -> int | None:
    match = re.match(r"^DTI (\d{4})$", period.strip())
    return int(match[1]) if match else None


def _levels(ctx: Context) -> dict[str, str]:
    return {} if ctx.units is None else dict(zip(ctx.units["id"], ctx.units["level"]))


def _rank_boundaries_message(row: pd.Series) -> str:
    on = row.get("basis") or row["as_of"]
    return (f"a rank out of {row['rank_of']} does not fit the boundaries of {on}, when Vietnam had "
            f"{provinces_on(on)} provinces")


def _rank_boundaries_hint(row: pd.Series, ctx: Context) -> str:
    if row["rank_of"] == "34" and not row.get("basis"):
        successor = _validity(ctx).loc[row["unit"], "successor"] if row["unit"] in ctx.unit_ids else ""
        target = f"under {successor!r}" if successor else "under the province formed on 1 July 2025"
        return (f"a ranking of the 34 provinces formed on 1 July 2025, recomputed for an earlier year, belongs "
                f"{target} with basis 2025-07-01; otherwise the rank is out of 63")
    return "63 provinces until 30 June 2025, 34 from 1 July 2025 (Resolution 202/2025/QH15)"


def observations_schema(ctx: Context) -> TableSchema:
    r = _figure_rules(ctx, "as_of", ["unit", "indicator", "as_of"], "unit, indicator and as_of")
    r.quotes(ctx, required=True)
    r.add("valid", "unit", lambda df: _unit_valid_on(df, ctx),
          lambda row: f"{row['unit']!r} did not exist on {row.get('basis') or row['as_of']}",
          lambda row: _successor_hint(row, ctx))
    _observation_rules(r, ctx)
    schema = pa.DataFrameSchema({
        "unit": _text("a unit"), "indicator": _text("an indicator"), "as_of": _text("a date"),
        "period": _text("the reporting period as the source names it", nonempty=True),
        "value": _text("a value"),
        "qualifier": _text("a qualifier", pa.Check.isin(list(QUALIFIERS))),
        "source": _text("a source"), "quote": _text("a quote"), "note": _text("a note"),
        "rank_of": _text("a number of units ranked", required=False),
        "basis": _text("the boundaries a figure was computed on", required=False),
        "window": _text("a kind of reporting window", pa.Check.isin(["", *WINDOWS]), required=False),
    }, checks=r.checks, strict=False)
    return TableSchema("observations", schema, r.rules)


def targets_schema(ctx: Context) -> TableSchema:
    r = _figure_rules(ctx, "deadline", ["unit", "indicator", "deadline", "comparator"],
                      "unit, indicator, deadline and comparator")
    r.quotes(ctx, required=True)
    schema = pa.DataFrameSchema({
        "unit": _text("a unit"), "indicator": _text("an indicator"), "deadline": _text("a date"),
        "value": _text("a value"),
        "comparator": _text("a comparator", pa.Check.isin(list(COMPARATORS))),
        "source": _text("a source"),
        "instrument": _text("the instrument that sets the target", nonempty=True),
        "quote": _text("a quote"), "note": _text("a note"),
        "rank_of": _text("a number of units ranked", required=False),
    }, checks=r.checks, strict=False)
    return TableSchema("targets", schema, r.rules)


def _validity(ctx: Context) -> pd.DataFrame:
    units = ctx.units.set_index("id")
    return pd.DataFrame({
        "start": pd.to_datetime(units["valid_from"].where(_is_date(units["valid_from"])), errors="coerce"),
        "end": pd.to_datetime(units["valid_to"].where(_is_date(units["valid_to"])), errors="coerce"),
        "successor": units["successor"],
    })


def _unit_valid_on(df: pd.DataFrame, ctx: Context) -> pd.Series:
    if ctx.units is None:
        return pd.Series(True, index=df.index)
    v = _validity(ctx)
    when = _dates(_col(df, "basis")).fillna(_dates(df["as_of"]))
    start = df["unit"].map(v["start"])
    end = df["unit"].map(v["end"])
    bad = (start.notna() & when.notna() & (when < start)) | (end.notna() & when.notna() & (when > end))
    return ~bad


def _successor_hint(row: pd.Series, ctx: Context) -> str:
    v = _validity(ctx).loc[row["unit"]]
    on = pd.Timestamp(row.get("basis") or row["as_of"])
    if pd.notna(v["end"]) and on > v["end"]:
        succ = (f"; record it under its successor {v['successor']!r}" if v["successor"]
                else "; it has no successor (its level of government was abolished)")
        return f"it ceased to exist after {v['end']:%Y-%m-%d}{succ}"
    before = sorted(ctx.units.loc[ctx.units["successor"] == row["unit"], "id"])
    names = f" ({', '.join(before)})" if before else ""
    return (f"it exists from {v['start']:%Y-%m-%d}; record earlier figures under its predecessors{names}, "
            f"or, for a figure recomputed on its boundaries, set basis {v['start']:%Y-%m-%d}")


SCHEMAS: dict[str, Callable[[Context], TableSchema]] = {
    "sources": sources_schema,
    "units": units_schema,
    "indicators": indicators_schema,
    "observations": observations_schema,
    "targets": targets_schema,
}
