"""How well ``dtlib extract`` proposes the rows a person curated: recall, precision, accuracy.

Run with ``.venv/bin/python benchmarks/extract_eval.py [--details]``. Four measurements:

1. **The five source articles** (``data/sources/*.txt``): the extraction of each whole text
   against the rows of ``observations.csv`` and ``targets.csv`` that cite it.
2. **The later real figures**: each distinct quote of ``observations.csv`` whose source is not one
   of the five articles (their full texts are not shipped), extracted from the source's headline
   and the quote, with the source's ``published`` date as the article's date when known.
   Candidates found in the headline are not counted.
3. The same, each quote after the words of its article that date it (from the shared reference).
4. **New material** (``data/imports/2026/``): the pages of 2025-2026 added by the quarterly routine,
   each whole stored text (the page's opening) against the rows reviewed from it. The extractor
   was not tuned on them, so this is the out-of-sample figure.
5. **The evaluation set** (``benchmarks/extract_set/``, issue 21): real articles of 2024-2026 and
   one composed article, each with the rows a reviewer wants proposed, written by hand for every
   figure of digital transformation the text states (of our units or not). Scored as a reviewer
   meets it: recall; **mis-attributed** figures (a unit given that is not the figure's; no unit
   is an abstention, not a mis-attribution); kind and indicator right; **false candidates** (a
   candidate that is none of the expected rows: a time zone, a growth target, a duplicate); and
   the review time, candidates × :data:`SECONDS_PER_CANDIDATE`. The same scores are printed for
   the five source articles (their curated rows as the expected ones) and the composed article.

A curated row is *found* when a candidate states the same value from an overlapping quote (one
contains the other, or they share 40 characters); each candidate is used once. Rows whose value
the quote does not state (``computed:`` in the note) cannot be found by reading and are left out
of recall, and counted. Precision is the share of candidates that are curated rows: figures the
curator left out (the number of ethnic groups of a district, say) count against it. On the
matched rows: the share whose unit, indicator, kind (observation/target) and date (``as_of``, or
``deadline`` for a target) equal the curated ones. Figures, not assertions.
"""
from __future__ import annotations

import argparse
import difflib
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pandas as pd  # noqa: E402

from dtlib.intake.extract import extract  # noqa: E402
from dtlib.data.io import read_table  # noqa: E402
from dtlib.data.text import states_value  # noqa: E402

DATA = Path(__file__).resolve().parent.parent / "data"
#: The evaluation set of issue 21: ``articles.csv`` and, for each text, ``NN-slug.expected.csv``.
EVAL_SET = Path(__file__).resolve().parent / "extract_set"
#: Seconds a reviewer spends on one candidate row: issue 21 measured about 49 minutes for the
#: candidates of six articles, of 70 candidates for eight (so about 52 for six): 49 × 60 / 52 ≈ 56.
SECONDS_PER_CANDIDATE = 56
#: The reference of later figures, beside the repository when the shared folder is there.
REFERENCE = Path(__file__).resolve().parent.parent.parent / "shared" / "reference" / "real-2023-2025.md"


def dating_words(reference: Path) -> dict[str, str]:
    """Each verbatim quote of the reference, and the article's own words that date it.

    The reference's sixth column, "period (source wording)", gives the words of the article that
    date a figure ("phiên họp định kỳ quý I/2026", "Trong năm 2024"), in double quotes; outside
    the quotes it is the curator's label, which is not used. "same" repeats the row above.
    """
    out: dict[str, str] = {}
    previous = ""
    for line in reference.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) < 12 or not re.fullmatch(r"[A-Z]\d+", cells[0]):
            continue
        wording = previous if cells[5] == "same" else cells[5]
        previous = wording
        words = [w.strip() for w in re.findall(r'"([^"]+)"', wording)]
        for quote in re.findall(r"«(.*?)»", cells[10]):
            if words:
                out[quote.strip()] = ". ".join(words)
    return out


def overlaps(a: str, b: str) -> bool:
    if not a or not b:
        return False
    if a in b or b in a:
        return True
    match = difflib.SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b))
    return match.size >= 40


def curated(observations: pd.DataFrame, targets: pd.DataFrame, sources: set[str]) -> list[dict]:
    rows = []
    for table, kind, date in ((observations, "observation", "as_of"), (targets, "target", "deadline")):
        for r in table[table["source"].isin(sources)].itertuples(index=False):
            rows.append(dict(kind=kind, unit=r.unit, indicator=r.indicator, date=getattr(r, date),
                             value=float(r.value), quote=r.quote, note=r.note, source=r.source))
    return rows


def score(gold: list[dict], candidates: pd.DataFrame, details: bool, label: str, lang: str = "vi") -> dict:
    """Match candidates to curated rows; return the counts. A curated row counts when its quote
    states its value, read as the source's language writes numbers (``lang``: "1,086" is 1086 in
    an English source); a value the quote does not state (a sum, a ``computed:`` note) is left out."""
    cands = [dict(r._asdict()) for r in candidates.itertuples(index=False)]
    for c in cands:
        c["date"] = c["as_of"] if c["kind"] == "observation" else c["deadline"]
        c["used"] = False
    readable = [g for g in gold if g["quote"] and states_value(g["quote"], g["value"], lang)]
    counts = dict(gold=len(readable), unreadable=len(gold) - len(readable), candidates=len(cands), found=0,
                  unit=0, indicator=0, date=0, kind=0, misattributed=0)
    misses = []
    for g in readable:
        options = [c for c in cands if not c["used"] and c["source"] == g["source"]
                   and abs(float(c["value"]) - g["value"]) < 1e-9 and overlaps(c["quote"], g["quote"])]
        if not options:
            misses.append(f"  MISSED {g['kind']} {g['unit']} {g['indicator']} {g['value']:g}: {g['quote'][:90]}")
            continue
        best = max(options, key=lambda c: (c["kind"] == g["kind"], c["indicator"] == g["indicator"],
                                           c["unit"] == g["unit"], c["date"] == g["date"]))
        best["used"] = True
        counts["found"] += 1
        for field in ("unit", "indicator", "date", "kind"):
            counts[field] += best[field] == g[field]
        counts["misattributed"] = counts.get("misattributed", 0) + bool(best["unit"] and best["unit"] != g["unit"])
        if details and any(best[f] != g[f] for f in ("unit", "indicator", "date", "kind")):
            wrong = ", ".join(f"{f} {best[f]!r} (curated {g[f]!r})" for f in ("unit", "indicator", "date", "kind")
                              if best[f] != g[f])
            misses.append(f"  WRONG {g['value']:g}: {wrong}")
    counts["matched_candidates"] = sum(c["used"] for c in cands)
    if details:
        print(f"--- {label}")
        print("\n".join(misses))
    return counts


def report(title: str, counts: dict) -> None:
    found = counts["found"] or 1
    print(f"{title}")
    print(f"  curated rows whose value the quote states: {counts['gold']} "
          f"(plus {counts['unreadable']} computed, left out); candidates: {counts['candidates']}")
    print(f"  value recall     {counts['found'] / max(counts['gold'], 1):7.1%}  ({counts['found']}/{counts['gold']})")
    print(f"  value precision  {counts['matched_candidates'] / max(counts['candidates'], 1):7.1%}  "
          f"({counts['matched_candidates']}/{counts['candidates']})")
    for field, name in (("unit", "unit"), ("indicator", "indicator"), ("date", "as_of/deadline"),
                        ("kind", "observation/target")):
        print(f"  {name + ' accuracy':<28}{counts[field] / found:7.1%}  ({counts[field]}/{counts['found']})")
        if field == "unit":
            print(f"    of which a wrong unit given {counts['misattributed']}, no unit given "
                  f"{counts['found'] - counts['unit'] - counts['misattributed']}")


def add(total: dict, counts: dict) -> dict:
    return {k: total.get(k, 0) + v for k, v in counts.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--details", action="store_true", help="list the rows missed or proposed wrongly")
    parser.add_argument("--today", default=None, metavar="YYYY-MM-DD",
                        help="the day an undated province name is read on (default: today)")
    args = parser.parse_args()
    sources = read_table(DATA / "sources.csv")
    units, indicators = read_table(DATA / "units.csv"), read_table(DATA / "indicators.csv")
    observations, targets = read_table(DATA / "observations.csv"), read_table(DATA / "targets.csv")

    with_text = sources[sources["file"].str.startswith("sources/")]
    fresh = new_articles()
    articles = with_text[~with_text["id"].isin(fresh)]
    report(f"1. The {len(articles)} source articles (data/sources/*.txt)",
           whole_texts(articles, observations, targets, units, indicators, args))

    shipped = set(with_text["id"])
    later = observations[~observations["source"].isin(shipped) & (observations["quote"] != "")]
    published = dict(zip(sources["id"], sources["published"]))
    titles = dict(zip(sources["id"], sources["title"]))
    publishers = dict(zip(sources["id"], sources["publisher"]))
    groups = later.groupby(["source", "quote"], sort=False)
    title = f"2. The later real figures ({groups.ngroups} quotes of {later['source'].nunique()} sources not shipped as text)"
    report(title, later_figures(groups, {}, later, targets, titles, publishers, published, units, indicators, args))
    if REFERENCE.is_file():
        words = dating_words(REFERENCE)
        dated = sum(any(q in quote or quote in q for q in words) for (_, quote), _ in groups)
        report(f"3. The same, each quote after the words of its article that date it ({dated} of {groups.ngroups} "
               f"quotes have them in {REFERENCE.name})",
               later_figures(groups, words, later, targets, titles, publishers, published, units, indicators, args))
    recent = with_text[with_text["id"].isin(fresh)]
    if len(recent):
        report(f"4. New material: {len(recent)} pages of 2025-2026 (data/imports/2026/; see "
               "benchmarks/extract_2026.md). "
               "Out of sample for the rules before issue 21; 10 of them are also in the evaluation set (5), on which "
               "issue 21's rules were written",
               whole_texts(recent, observations, targets, units, indicators, args))
    evaluation_set(sources, observations, targets, units, indicators, args)


def new_articles() -> set[str]:
    """The sources added since the extractor's rules were written (``data/imports/2026/*/sources.csv``)."""
    ids: set[str] = set()
    for path in sorted((DATA / "imports" / "2026").glob("*/sources.csv")):
        ids |= set(read_table(path)["id"])
    return ids


def whole_texts(articles: pd.DataFrame, observations, targets, units, indicators, args) -> dict:
    """Score the extraction of each article's whole stored text against the rows that cite it."""
    total: dict = {}
    for row in articles.itertuples(index=False):
        text = (DATA / row.file).read_bytes().decode("utf-8")
        lang = "en" if getattr(row, "language", "vi") == "en" else "vi"
        candidates = extract(text, units, indicators, source=row.id, publisher=row.publisher, today=args.today,
                             lang=lang)
        total = add(total, score(curated(observations, targets, {row.id}), candidates, args.details, row.id, lang))
    return total


def later_figures(groups, words: dict[str, str], later, targets, titles, publishers, published, units, indicators,
                  args) -> dict:
    """Score each quote extracted from its headline (and the words that date it, when given) and itself."""
    total: dict = {}
    for (source, quote), _ in groups:
        dating = next((w for q, w in words.items() if q in quote or quote in q), "")
        text = "\n\n".join(part for part in (titles[source], dating, quote) if part)
        # every figure of the quote, repeated or not (--all): the quote is scored, not the whole article
        candidates = extract(text, units, indicators, as_of=published.get(source) or None, source=source,
                             publisher=publishers[source], today=args.today, all_figures=True)
        candidates = candidates[candidates["quote"].map(lambda q: q in quote)]
        gold = [g for g in curated(later, targets.iloc[0:0], {source}) if g["quote"] == quote]
        total = add(total, score(gold, candidates, args.details, f"{source}: {quote[:60]}"))
    return total

# ------------------------------------------------------------------------------------ 5. the evaluation set

def expected_rows(path: Path) -> list[dict]:
    """The hand-written rows of one article of the set (``value`` as a float, the rest text)."""
    frame = read_table(path)
    return [dict(r._asdict(), value=float(r.value)) for r in frame.itertuples(index=False)]


def judge(expected: list[dict], candidates: pd.DataFrame) -> dict:
    """Counts for one article: each expected row matched to at most one candidate, and back.

    A candidate matches an expected row when it states the same value from the same words (its
    quote holds the row's ``text`` and overlaps the row's quote). Preferred among several: the
    same kind, then indicator, then unit.
    """
    cands = [dict(r._asdict(), used=False) for r in candidates.itertuples(index=False)]
    counts = dict(expected=len(expected), candidates=len(cands), found=0, misattributed=0, abstained=0,
                  kind=0, with_indicator=0, indicator=0, rows=[])
    for g in expected:
        options = [c for c in cands if not c["used"] and abs(float(c["value"]) - g["value"]) < 1e-9
                   and g["text"] in c["quote"] and overlaps(c["quote"], g["quote"])]
        if not options:
            counts["rows"].append(f"  MISSED {g['kind']} {g['unit'] or '-'} {g['value']:g}: {g['quote'][:80]}")
            continue
        best = max(options, key=lambda c: (c["kind"] == g["kind"], c["indicator"] == g["indicator"],
                                           c["unit"] == g["unit"]))
        best["used"] = True
        counts["found"] += 1
        counts["kind"] += best["kind"] == g["kind"]
        if best["unit"] and best["unit"] != g["unit"]:
            counts["misattributed"] += 1
            counts["rows"].append(f"  MIS-ATTRIBUTED {g['value']:g}: {best['unit']} (expected "
                                  f"{g['unit'] or 'no unit of ours'}): {g['quote'][:70]}")
        elif not best["unit"] and g["unit"]:
            counts["abstained"] += 1
        if g["indicator"]:
            counts["with_indicator"] += 1
            counts["indicator"] += best["indicator"] == g["indicator"]
            if best["indicator"] != g["indicator"]:
                counts["rows"].append(f"  INDICATOR {g['value']:g}: {best['indicator'] or '-'} (expected "
                                      f"{g['indicator']})")
        if best["kind"] != g["kind"]:
            counts["rows"].append(f"  KIND {g['value']:g}: {best['kind']} (expected {g['kind']}): {g['quote'][:70]}")
    for c in cands:
        if not c["used"]:
            counts["rows"].append(f"  FALSE {c['kind']} {c['unit'] or '-'} {c['indicator'] or '-'} {c['value']}: "
                                  f"{c['quote'][:70]}")
    counts["false"] = sum(not c["used"] for c in cands)
    return counts


def summed(total: dict, counts: dict) -> dict:
    return {k: total.get(k, [] if k == "rows" else 0) + v for k, v in counts.items()}


def show(title: str, counts: dict, articles: int) -> None:
    found = counts["found"] or 1
    seconds = counts["candidates"] * SECONDS_PER_CANDIDATE
    print(title)
    print(f"  expected rows {counts['expected']}; candidates {counts['candidates']}")
    print(f"  recall                 {counts['found'] / max(counts['expected'], 1):7.1%}  "
          f"({counts['found']}/{counts['expected']})")
    print(f"  mis-attributed units   {counts['misattributed']:7d}  (of {counts['found']} found; "
          f"{counts['abstained']} left without a unit, which is not a mis-attribution)")
    print(f"  kind right             {counts['kind'] / found:7.1%}  ({counts['kind']}/{counts['found']})")
    print(f"  indicator right        {counts['indicator'] / max(counts['with_indicator'], 1):7.1%}  "
          f"({counts['indicator']}/{counts['with_indicator']} found rows that have one)")
    print(f"  false candidates       {counts['false'] / max(counts['candidates'], 1):7.1%}  "
          f"({counts['false']}/{counts['candidates']})")
    print(f"  review time            {seconds / 60:7.1f} min  ({counts['candidates']} candidates × "
          f"{SECONDS_PER_CANDIDATE} s; {seconds / 60 / max(articles, 1):.1f} min an article)")


def set_scores(units, indicators, today: str | None, details: bool = False) -> tuple[dict, dict, int]:
    """The counts of :func:`judge` summed over the set's real articles and over its composed one,
    and how many real articles there are. Each text is extracted with its manifest's publisher
    and publication date; with ``details``, each article's rows are printed."""
    manifest = read_table(EVAL_SET / "articles.csv")
    real, composed = {}, {}
    for row in manifest.itertuples(index=False):
        text = (EVAL_SET / row.file).read_bytes().decode("utf-8")
        publisher = row.publisher if row.publisher[:1] != "(" else ""     # "(composed)" is nobody
        candidates = extract(text, units, indicators, source="", publisher=publisher,
                             published=row.published or None, today=today)
        counts = judge(expected_rows(EVAL_SET / row.file.replace(".txt", ".expected.csv")), candidates)
        if details:
            print(f"--- {row.file}")
            print("\n".join(counts["rows"]))
        if row.kind == "composed":
            composed = summed(composed, counts)
        else:
            real = summed(real, counts)
    return real, composed, int((manifest["kind"] != "composed").sum())


def evaluation_set(sources, observations, targets, units, indicators, args) -> None:
    """Measurement 5: the set of issue 21, the composed article apart, and the five source articles."""
    if not (EVAL_SET / "articles.csv").is_file():
        return
    real, composed, n_real = set_scores(units, indicators, args.today, args.details)
    show(f"5. The evaluation set: {n_real} real articles of 2024-2026 (benchmarks/extract_set/)", real, n_real)
    if composed:
        show("   The composed article (90-composed.txt)", composed, 1)
    with_text = sources[sources["file"].str.startswith("sources/") & ~sources["id"].isin(new_articles())]
    five: dict = {}
    for row in with_text.itertuples(index=False):
        text = (DATA / row.file).read_bytes().decode("utf-8")
        candidates = extract(text, units, indicators, source=row.id, publisher=row.publisher,
                             published=row.published or None, today=args.today)
        gold = [dict(g, text=_figure_text(g)) for g in curated(observations, targets, {row.id})]
        five = summed(five, judge([g for g in gold if g["text"]], candidates))
    show(f"   The {len(with_text)} source articles (data/sources/; their curated rows as the expected ones: figures "
         "of digital transformation not taken into the data set count as false)", five, len(with_text))


def _figure_text(row: dict) -> str:
    """The words in a curated row's quote that state its value (``98,7%`` for 98.7), or ``""``."""
    from dtlib.intake.extract_patterns import find_quantities
    for q in find_quantities(row["quote"]):
        if abs(abs(q.value) - row["value"]) < 1e-9:
            return row["quote"][q.start:q.end]
    return ""


if __name__ == "__main__":
    main()
