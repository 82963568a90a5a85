"""The table schemas, one per table, as pandera schemas over the text of each CSV.

Validation runs on the raw text (every cell a ``str``) so that a bad cell can be reported
with its file, line and field before anything is converted. Each schema is a pandera
``DataFrameSchema``; checks that span columns or tables are pandera ``Check`` objects too,
registered here with the message and hint a person needs to fix the cell.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache
from dataclasses import dataclass, field

import pandas as pd
import pandera.pandas as pa

from .errors import Problem
from .io import LINE
from .periods import window_of
from .text import fold, nearest, number_tokens, numbers_in, read_vietnamese_number, states_value
from .vocab import COLUMNS, COMPARATORS, LEVELS, MEASURES, PILLARS, QUALIFIERS, WINDOWS, provinces_on
from .text import did_you_mean

SLUG = r"^[a-z0-9]+(-[a-z0-9]+)*$"
SNAKE = r"^[a-z0-9]+(_[a-z0-9]+)*$"
#: A date as every table writes it: ASCII digits only (``２０２３-06-30`` is not a date, B04).
ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
PLAIN_NUMBER = re.compile(r"^-?[0-9]+(\.[0-9]+)?$")
#: Invisible format characters no text cell may hold: bidi embeddings, overrides and isolates
#: (U+202A–U+202E, U+2066–U+2069), which reorder what a figure's source line shows, and the
#: other zero-width or format characters (Unicode category Cf, line and paragraph separators).
INVISIBLE = re.compile(r"[\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]")
#: The earliest publication date a source may have (the data set's oldest source is of 2020).
EARLIEST_PUBLISHED = "2015-01-01"
#: The deadlines a target may have: the programme's horizon (its targets run to 2030, 2045 at most).
DEADLINES = ("2015-01-01", "2050-12-31")


@dataclass
class Context:
    """What a table's checks need to know of the other tables."""

    units: pd.DataFrame | None = None          # raw units table (ids, validity, successor)
    indicators: pd.DataFrame | None = None     # raw indicators table (ids, unit of measure)
    source_texts: dict[str, str | None] = field(default_factory=dict)  # source id -> text (None: no file)
    unreadable: set[str] = field(default_factory=set)  # source ids whose file cannot be read
    published: dict[str, str] = field(default_factory=dict)  # source id -> ISO publication date or ""
    languages: dict[str, str] = field(default_factory=dict)  # source id -> language code (vi, en)
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
    required: tuple[str, ...] | None = None   # the columns the header must name (default: the contract's)

    def problems(self, frame: pd.DataFrame) -> list[Problem]:
        """Validate ``frame`` (as read by :func:`dtlib.data.io.read_table`); return every problem."""
        path = frame.attrs.get("path", f"{self.table}.csv")
        required = self.required if self.required is not None else COLUMNS[self.table][0]
        missing = [c for c in required if c not in frame.columns]
        if missing:
            return [Problem(path, 1, c, "column is missing from the header",
                            f"the header must name: {', '.join(required)}") for c in missing]
        try:
            self.schema.validate(frame, lazy=True)
        except pa.errors.SchemaErrors as err:
            problems = self._translate(err.failure_cases, frame, path)
        else:
            problems = []
        # a cell already refused (an id 'lai\u200bchau' that is no known unit) is named once
        named = {(p.line, p.field) for p in problems}
        return problems + [p for p in invisible_problems(frame, path) if (p.line, p.field) not in named]

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


def invisible_problems(frame: pd.DataFrame, path: str) -> list[Problem]:
    """A problem for each cell of ``frame`` that holds an invisible format character (:data:`INVISIBLE`).

    A right-to-left override in a publisher makes every figure's source line read backwards
    ("%58 tạđ" shows as "đạt 85%"): such a character is refused in every text field of every
    table, with its code point and name, as control characters are.
    """
    problems = []
    for column in (c for c in frame.columns if c != LINE and frame[c].dtype != "int64"):
        cells = frame[column].astype(str)
        for index in frame.index[cells.str.contains(INVISIBLE)]:
            char = INVISIBLE.search(cells[index]).group()
            name = unicodedata.name(char, "a format character")
            problems.append(Problem(path, int(frame.at[index, LINE]) if LINE in frame else None, column,
                                    f"holds the invisible character U+{ord(char):04X} ({name})",
                                    "delete it: it does not show, yet it changes how the text is read "
                                    "(a right-to-left override reverses what follows it)"))
    return problems


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
        """Rows that share ``key`` must agree on ``value``; identical repeats are flagged too.

        Dates in the key are compared as dates, not as text."""
        def groups(df: pd.DataFrame) -> pd.DataFrame:
            dates = {k: _dates(df[k]) for k in key if k in ("as_of", "deadline")}
            return df.assign(_n=_numbers(df["value"]), **dates)

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
        near = nearest(value, choices()) if value else []
        parts = [f"did you mean {near[0]!r}?"] if near else []
        return "; ".join(parts + ([extra.removeprefix("; ")] if extra else []))
    return suggest


# ---------------------------------------------------------------------------- the five schemas

#: A web address a source may give: http(s), a host name, then no space, quote, angle bracket,
#: backslash or control character (``http://e.example/"><script>`` is not an address).
URL = (r"^(|https?://[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?(?::[0-9]{1,5})?"
       r"(?:[/?#][^\s\"'<>`\\^{}|\x00-\x1f\x7f]*)?)\Z")
#: The languages a source may be written in (its numbers are read as that language writes them).
LANGUAGES = ("vi", "en")


def _relative_source_path(path: str) -> bool:
    """Whether a source's ``file`` is empty or a relative path with no ``..`` (not ``/home/…``, ``C:\\…``)."""
    if not path:
        return True
    if path.startswith(("/", "\\", "~")) or re.match(r"^[A-Za-z]:", path):
        return False
    return ".." not in re.split(r"[/\\]", path)


#: An index edition a source may release (its ``releases``): ``DTI 2024``, ``EBI 2025``.
EDITION = r"^((DTI|EBI) \d{4})?$"


def sources_schema(ctx: Context) -> TableSchema:
    r = _Rules()
    r.date("published", optional=True)
    r.add("future", "published", lambda df: ~(_dates(df["published"]) > ctx.today).fillna(False),
          lambda row: f"{row['published']} is in the future",
          "published is the day the source appeared; check the year (a typo such as 2099 for 2023)")
    r.add("earliest", "published",
          lambda df: ~(_dates(df["published"]) < pd.Timestamp(EARLIEST_PUBLISHED)).fillna(False),
          lambda row: f"{row['published']} is before {EARLIEST_PUBLISHED}, earlier than any source of the data set",
          "the data set follows the digital transformation programme (its oldest source is of 2020): check the "
          "year, or leave published empty and say in note why it is not known")
    r.add("relative", "file", lambda df: _col(df, "file").map(_relative_source_path),
          lambda row: f"{row['file']!r} is not a path relative to the data folder",
          "write the path from data/, e.g. sources/000_f62c20e1c3b11097.txt: an absolute path "
          "(or one with '..') names this computer's folders and cannot be read in another copy of the store")
    r.add("date", "not_before", lambda df: (_col(df, "not_before") == "") | _is_date(_col(df, "not_before")),
          lambda row: f"{row['not_before']!r} is not a date", "write an ISO date YYYY-MM-DD, or leave it empty")
    r.add("not_before_future", "not_before", lambda df: ~(_dates(_col(df, "not_before")) > ctx.today).fillna(False),
          lambda row: f"{row['not_before']} is in the future",
          "not_before is the latest day the text itself names (the meeting, the decision it reports): check the year")
    r.add("not_before_only_undated", "not_before",
          lambda df: (_col(df, "not_before") == "") | (df["published"] == ""),
          lambda row: f"source {row['id']!r} has both a publication date and not_before",
          "not_before is for a source whose publication date is not known: leave it empty when published is given")
    r.add("dated", "published",
          lambda df: (df["published"] != "") | _col(df, "note").str.contains(r"publi(?:shed|cation)", case=False),
          lambda row: f"source {row['id']!r} has no publication date and its note does not say why",
          "write the date the source was published (YYYY-MM-DD), or say in note why it is not known "
          "('published: not in the text; after 21/10/2025, which it cites'): a figure is known from it")
    r.add("edition", "releases", lambda df: _col(df, "releases").str.fullmatch(EDITION),
          lambda row: f"{row['releases']!r} is not an index edition",
          "name the edition the source released as its period is written: DTI 2024, EBI 2025; or leave it empty")
    r.add("release_date", "releases", lambda df: (_col(df, "releases") == "") | (df["published"] != ""),
          lambda row: f"source {row['id']!r} releases {row['releases']} but has no publication date",
          "the release is known from the source's published date: write it")
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
        "url": _text("a web address", pa.Check.str_matches(URL),
                     metadata={"hint": "an http(s) address without spaces, quotes or angle brackets "
                                       "(write them %-encoded: %20, %22, %3C), or empty"}),
        "file": _text("a file path"),
        "language": _text("a language code", pa.Check.str_matches(rf"^({'|'.join(LANGUAGES)})$"),
                          metadata={"hint": "a two-letter code: " + ", ".join(LANGUAGES)}),
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
    r.add("levels", "levels", lambda df: _col(df, "levels").str.fullmatch(r"((nation|province|district|commune)"
                                                                           r"(\|(nation|province|district|commune))*)?"),
          lambda row: f"{row['levels']!r} is not a list of levels",
          "name the levels the indicator can describe, '|'-separated (nation|province|district|commune), or leave "
          "it empty for any")
    r.add("date", "applies_until", lambda df: (_col(df, "applies_until") == "") | _is_date(_col(df, "applies_until")),
          lambda row: f"{row['applies_until']!r} is not a date",
          "write the last day the thing measured existed as YYYY-MM-DD (2025-06-30 for districts), or leave it empty")
    r.add("reason", "applies_until_note",
          lambda df: (_col(df, "applies_until") == "") | (_col(df, "applies_until_note") != ""),
          lambda row: f"indicator {row['id']!r} stops applying on {row['applies_until']} without saying why",
          "say in applies_until_note what ended and by which instrument (its source in applies_until_source)")
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
    r.add("whole_count", "value", lambda df: ~_fractional_counts(df, ctx, checks_quote=date_field == "as_of"),
          lambda row: f"{row['value']} is not a whole number, and {row['indicator']} is a count",
          "a count is a whole number: 1.761 written the Vietnamese way is 1761, and so is 1,761 written the "
          "English way; a share (85‰, 85%) is not a count")
    r.no_conflicts(key, what)
    return r


def _fractional_counts(df: pd.DataFrame, ctx: Context, *, checks_quote: bool) -> pd.Series:
    """Rows of a count indicator whose value is not whole. With ``checks_quote`` (observations), a
    row whose quote does not state the value is left to that check, so it is reported once."""
    values = _numbers(df["value"])
    bad = ((ctx.measure_of(df["indicator"]) == "count") & (values % 1 != 0)).fillna(False)
    if checks_quote and bad.any():
        for index in bad.index[bad]:
            row = df.loc[index]
            if row["quote"] and not row["note"].startswith("computed:") and not states_value(
                    row["quote"], values[index], ctx.languages.get(row["source"], "vi"), "count"):
                bad[index] = False
    return bad


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
        national = ~df["indicator"].isin(_regional_ranks(ctx))
        beyond = (_numbers(df["value"]) > n).fillna(False)   # reported once, by rank_within
        check = (measure(df) == "rank") & (level == "province") & n.notna() & on.notna() & national & ~beyond
        return ~(check & (n != expected.astype(float))).fillna(False)

    r.add("rank_boundaries", "rank_of", provinces_counted, _rank_boundaries_message,
          lambda row: _rank_boundaries_hint(row, ctx))

    def stated(df: pd.DataFrame) -> pd.Series:
        values = _numbers(df["value"])
        fits = _within_range(values, measure(df))   # an out-of-range value is reported once, as such
        langs = df["source"].map(lambda sid: ctx.languages.get(sid, "vi"))
        # the role of a number (a rank's place, a share) is read from a sentence; a quote too short to be
        # one is refused as such (quote_length), its numbers only read
        roles = measure(df).where(_is_sentence(df["quote"]), None)
        ok = [not q or note.startswith("computed:") or pd.isna(v) or not f or (lang != "en" and _written_in(q, v, m))
              or states_value(q, v, lang, m)
              for q, note, v, f, lang, m in zip(df["quote"], df["note"], values, fits, langs, roles)]
        return pd.Series(ok, index=df.index)

    r.add("states_value", "value", stated, lambda row: _not_stated_message(row, ctx),
          "write the value as the quote states it, read the Vietnamese way (1.761 is 1761, 98,7 is 98.7; "
          "a source in English is read the English way, 1,086 is 1086; "
          "--decimal , reads such cells); a share stays a percentage (85, not 0.85); for a value derived by "
          "arithmetic start the note with 'computed:' and show it")
    r.add("quote_length", "quote", lambda df: (df["quote"] == "") | _is_sentence(df["quote"]),
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


#: What a value in a unit of measure is in a quote, and how a quote writes one (for messages).
STATED_AS = {"rank": ("place in a ranking", "a rank is the place before '/' or after 'thứ'/'hạng' "
                                            "(12 in 'thứ 12/63'), never the number of units ranked"),
             "percent": ("percentage", "a percentage is a number followed by % or 'phần trăm'"),
             "count": ("count", "a count is never a number followed by %, ‰ or 'phần trăm'")}


def _not_stated_message(row: pd.Series, ctx: Context) -> str:
    """Why a quote does not state ``row``'s value: the numbers it does state, and, when it states
    the value in another role (the 63 of '12/63' for a rank), what that role is."""
    lang, unit = ctx.languages.get(row["source"], "vi"), ctx.measure_of(pd.Series([row["indicator"]])).iloc[0]
    said = numbers_in(row["quote"], lang)
    value = _numbers(pd.Series([row["value"]])).iloc[0]
    if unit in STATED_AS and _is_sentence(pd.Series([row["quote"]])).iloc[0] \
            and any(abs(n - abs(value)) < 1e-9 for n in said):
        what, how = STATED_AS[unit]
        fit = ", ".join(f"{n:g}" for n in numbers_in(row["quote"], lang, unit)) or "none"
        return f"{row['value']} is not a {what} the quote states (it states {fit}; {how})"
    return f"{row['value']} is not a number the quote states (it states {_stated_numbers(row, ctx)})"


def _is_sentence(quotes: pd.Series) -> pd.Series:
    """Whether each quote is long enough, and has words enough, to be the sentence that states a figure."""
    return (quotes.str.len() >= QUOTE_MIN_LENGTH) & quotes.str.contains(r"[^\W\d_]{2,}", regex=True)


def _stated_numbers(row: pd.Series, ctx: Context) -> str:
    """The numbers ``row``'s quote states, read as its source's language writes them, for a message."""
    said = numbers_in(row["quote"], ctx.languages.get(row["source"], "vi"))
    return ", ".join(f"{n:g}" for n in said) or "no number"


def _written_in(quote: str, value: float, measure: str | None = None) -> bool:
    """A quick sufficient test for :func:`states_value`: ``value`` written the Vietnamese way
    (``1.761``, ``98,7``) is one of the quote's number tokens that can be a value in ``measure``
    (a rank's place, a percentage). ``False`` proves nothing.

    Uses the tokens of :func:`dtlib.data.text.number_tokens`, so a token found here is a number that
    :func:`dtlib.data.text.numbers_in` reads; it spares reading every token of every quote on a large table."""
    text = repr(abs(float(value)))
    if "e" in text or "n" in text:
        return False
    whole, _, frac = text.partition(".")
    said = f"{int(whole):,}".replace(",", ".") + ("," + frac if frac != "0" else "")
    if said not in quote:
        return False
    return any(token.rstrip(".,") == said for token in number_tokens(quote, measure))


def _edition_year(period: str) -> int | None:
    match = re.match(r"^DTI (\d{4})$", period.strip())
    return int(match[1]) if match else None


def _levels(ctx: Context) -> dict[str, str]:
    return {} if ctx.units is None else dict(zip(ctx.units["id"], ctx.units["level"]))


def _rank_boundaries_message(row: pd.Series) -> str:
    on = row.get("basis") or row["as_of"]
    return (f"a rank out of {row['rank_of']} does not fit the boundaries of {on}, when Vietnam had "
            f"{provinces_on(on)} provinces")


def _regional_ranks(ctx: Context) -> set[str]:
    """Rank indicators that do not rank all provinces: those whose ``method`` says ``regional``.

    Every other rank of a province is a national ranking, out of the provinces of its date
    (:func:`dtlib.data.vocab.provinces_on`)."""
    if ctx.indicators is None or "method" not in ctx.indicators:
        return set()
    regional = ctx.indicators["method"].str.contains("regional", case=False)
    return set(ctx.indicators.loc[regional, "id"])


def _rank_boundaries_hint(row: pd.Series, ctx: Context) -> str:
    if row["rank_of"] not in ("34", "63"):
        return (f"a province's {row['indicator']} ranks all provinces: 63 until 30 June 2025, 34 from 1 July "
                f"2025; a place among {row['rank_of']} provinces (a region's, such as 5/14 tỉnh miền núi phía "
                "Bắc) is not this ranking: leave it out, or record it under an indicator whose method says "
                "'regional'")
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
    first, last = (pd.Timestamp(d) for d in DEADLINES)
    r.add("horizon", "deadline",
          lambda df: ~((_dates(df["deadline"]) < first) | (_dates(df["deadline"]) > last)).fillna(False),
          lambda row: f"{row['deadline']} is outside {DEADLINES[0][:4]}–{DEADLINES[1][:4]}, the years a target may "
                      "be set for",
          "check the year (a typo such as 2999 for 2029); the programme's targets run to 2025, 2030 and 2045")
    r.add("direction", "comparator", lambda df: _comparator_agrees(df, ctx),
          lambda row: _direction_message(row, ctx), lambda row: _direction_hint(row, ctx))
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


def _better(ctx: Context) -> dict[str, str]:
    """Indicator id -> its ``higher_is_better`` text (``true``, ``false``)."""
    return {} if ctx.indicators is None or "higher_is_better" not in ctx.indicators \
        else dict(zip(ctx.indicators["id"], ctx.indicators["higher_is_better"]))


def _comparator_agrees(df: pd.DataFrame, ctx: Context) -> pd.Series:
    """A target is met from the better side: ``>=`` for a higher-is-better indicator, ``<=`` for a
    lower-is-better one (a rank). Unknown indicators and comparators are reported by their own checks."""
    better = df["indicator"].map(_better(ctx))
    wrong = ((better == "true") & (df["comparator"] == "<=")) | ((better == "false") & (df["comparator"] == ">="))
    return ~wrong.fillna(False)


def _direction_message(row: pd.Series, ctx: Context) -> str:
    side = "higher" if _better(ctx).get(row["indicator"]) == "true" else "lower"
    return (f"{row['comparator']} does not fit {row['indicator']}, for which {side} is better "
            f"(indicators.csv, higher_is_better)")


def _direction_hint(row: pd.Series, ctx: Context) -> str:
    if _better(ctx).get(row["indicator"]) == "true":
        return f"write >=: the target is met at {row['value']} or more"
    return (f"write <=: the target is met at {row['value']} or less (a rank of {row['value']} or better: "
            "'top 12' is <= 12)")


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


#: The columns ``history.csv`` must name: what identifies a replaced row and its value.
HISTORY_REQUIRED = ("table", "replaced_on", "unit", "indicator", "value")
REPLACED_ON = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9]{2}:[0-9]{2}(:[0-9]{2})?)?$"


def history_schema(ctx: Context) -> TableSchema:
    """``history.csv``: the rows ``add --replace`` replaced, checked like the rows of their table.

    A vintage keeps its source and quote as they were (the source may have left sources.csv),
    and one key may hold several vintages; but every date, number and code must be one, or a
    pack built ``--as-of`` an earlier day would silently lose the figure known then.
    """
    r = _Rules()
    is_obs = lambda df: df["table"].isin(["observations", ""])  # noqa: E731
    r.add("replaced_on", "replaced_on",
          lambda df: df["replaced_on"].str.match(REPLACED_ON)
          & pd.to_datetime(df["replaced_on"].str.slice(0, 10), format="%Y-%m-%d", errors="coerce").notna(),
          lambda row: f"{row['replaced_on']!r} is not a date and time",
          "write when the row was replaced as YYYY-MM-DDTHH:MM:SS, as add writes it")
    for field_, rows in (("as_of", is_obs), ("deadline", lambda df: ~is_obs(df))):
        r.add(f"date_{field_}", field_, lambda df, f=field_, w=rows: ~w(df) | _is_date(_col(df, f)),
              lambda row, f=field_: f"{row.get(f, '')!r} is not a date",
              "write an ISO date YYYY-MM-DD, e.g. 2022-12-31, as the replaced row had it")
    r.add("basis", "basis", lambda df: (_col(df, "basis") == "") | _is_date(_col(df, "basis")),
          lambda row: f"{row['basis']!r} is not a date", "write an ISO date YYYY-MM-DD, or leave it empty")
    r.number("value")
    r.add("rank_of", "rank_of",
          lambda df: (_col(df, "rank_of") == "") | ((_numbers(_col(df, "rank_of")) >= 2)
                                                   & (_numbers(_col(df, "rank_of")) % 1 == 0)),
          lambda row: f"{row['rank_of']!r} is not a number of units ranked",
          "a whole number (63, 34), or empty for an indicator that is not a rank")
    r.add("qualifier", "qualifier", lambda df: ~is_obs(df) | _col(df, "qualifier").isin(list(QUALIFIERS)),
          lambda row: f"{row['qualifier']!r} is not a qualifier", f"valid: {', '.join(repr(q) for q in QUALIFIERS)}")
    r.add("comparator", "comparator", lambda df: is_obs(df) | _col(df, "comparator").isin(list(COMPARATORS)),
          lambda row: f"{row['comparator']!r} is not a comparator", "valid: '>=', '<='")
    schema = pa.DataFrameSchema({
        "table": _text("a table of the store", pa.Check.isin(["observations", "targets", ""])),
        "replaced_on": _text("a date and time"),
        "unit": _text("a unit", nonempty=True), "indicator": _text("an indicator", nonempty=True),
        "value": _text("a value"),
        "window": _text("a kind of reporting window", pa.Check.isin(["", *WINDOWS]), required=False),
    }, checks=r.checks, strict=False)
    return TableSchema("history", schema, r.rules, required=HISTORY_REQUIRED)


SCHEMAS: dict[str, Callable[[Context], TableSchema]] = {
    "sources": sources_schema,
    "units": units_schema,
    "indicators": indicators_schema,
    "observations": observations_schema,
    "targets": targets_schema,
}
