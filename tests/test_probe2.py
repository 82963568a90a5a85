"""The second reliability probe's results table as named tests (shared/reference/reliability-probe-2.md).

Issue 20's acceptance: each of the probe's 59 failures (data loss, security, wrong result,
defect) is a named test that passes, and the 49 "fine" cases stay fine. :data:`PROBE2_CASES`
reproduces the probe's results table (108 cases, with the probe's verdict); the tests here
check that each failure names at least one test function in ``tests/*.py`` (its id as a
``_``-separated token of the name, as for the first probe: ``test_E05_E06_E07_extract_out_...``)
and that the table matches the probe file when that file sits beside the repository.

A case the project does not get right is a failing test, never a skipped one. The ids do not
collide with the first probe's (``B01`` is not ``B1``, ``C01`` is not ``C1``).
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from .test_probe import PROBE_CASES

TESTS = Path(__file__).resolve().parent
PROBE2_FILE = Path(__file__).resolve().parents[2] / "shared" / "reference" / "reliability-probe-2.md"
_TEST_DEF = re.compile(r"^[ \t]*(?:async[ \t]+)?def[ \t]+(test_\w+)[ \t]*\(", re.MULTILINE)

#: Every case of the second probe's results table: id -> (verdict, the case as the table describes it).
PROBE2_CASES = {
    "E01": ("defect", "binary file"),
    "E02": ("defect", "Windows-1258 article (what `add` accepts)"),
    "E03": ("defect", "UTF-16 article with BOM"),
    "E04": ("defect", "20 MB article (the five source texts repeated)"),
    "E05": ("data loss", "`--out` the store's own table"),
    "E06": ("data loss", "`--out` the article itself"),
    "E07": ("data loss", "`--out` into the code"),
    "E08": ("security", "formula text in the article"),
    "E09": ("wrong result", "article built to get wrong units"),
    "E10": ("defect", "`--unit lao-kai` (unknown)"),
    "E11": ("defect", "`/dev/zero`, a folder"),
    "E12": ("fine", "a path outside the repository"),
    "E13": ("fine", "empty article"),
    "E14": ("defect", "`--out` an existing folder"),
    "E15": ("fine", "`--source` holding a newline and `=`"),
    "E16": ("fine", "NUL and control bytes in the article"),
    "X01": ("wrong result", "hidden sheet (also `veryHidden`) holding rows"),
    "X02": ("wrong result", "hidden rows; rows filtered out by an AutoFilter"),
    "X03": ("fine", "formula in `value` (`=80+5`)"),
    "X04": ("fine", "formula in `note` (`=HYPERLINK(…)`)"),
    "X05": ("fine", "dates: serial 45107 with a date format; without; a datetime with a time"),
    "X06": ("fine", "float from arithmetic (`0.1*987`)"),
    "X07": ("fine", "`TRUE`/`FALSE` cells in `keep`"),
    "X08": ("fine", "error cell `#DIV/0!`"),
    "X09": ("fine", "`12.0` and `63.0` float cells for a rank"),
    "X10": ("fine", "a rank cell formatted as a percentage (12%)"),
    "X11": ("fine", "a cell with a hyperlink"),
    "X12": ("defect", "one stray value in cell `XFD1048576` (a 5 KB file)"),
    "X13": ("fine", "a stray value in `A1048576`; in `XFD2`"),
    "X14": ("fine", "entity-expansion (\"billion laughs\") in sheet XML"),
    "B01": ("defect", "1,000,000 rows (155 MB)"),
    "B02": ("fine", "50 MB file (5,500 rows × 9 KB notes)"),
    "B03": ("fine", "full-width and Arabic-Indic digits in `value`, `rank_of`"),
    "B04": ("wrong result", "full-width digits in `as_of`"),
    "B05": ("wrong result", "full-width digits in a target's `deadline`"),
    "B06": ("fine", "`85.000000000000001`, `0085`"),
    "B07": ("fine", "two byte-order marks"),
    "B08": ("defect", "Excel's `sep=;` first line"),
    "B09": ("security (low)", "NUL, ESC and OSC sequences in a header cell"),
    "B10": ("defect", "5,000 unknown extra columns"),
    "B11": ("wrong result", "a Windows-1258 file with one UTF-8 cell (pasted from the web)"),
    "B12": ("fine", "confusables and invisibles in unit, indicator, period, qualifier (Cyrillic а/о, ZWJ, ZWSP, `＞`)"),
    "B13": ("defect", "FILE is `/dev/zero`"),
    "B14": ("defect", "FILE is a FIFO with no writer"),
    "B15": ("fine", "FILE is `/dev/stdin`"),
    "B16": ("fine", "hand-edited ids with `/`, `..`, `$(id)`, `;`, Cyrillic, upper case"),
    "S01": ("wrong result", "`published` in the future"),
    "S02": ("defect", "`published` 1900-01-01"),
    "S03": ("fine", "`url` `javascript:…`, `file:///etc/passwd`, `data:…`"),
    "S04": ("defect", "`url` `http://e.example/\"><script>alert(7)</script>`"),
    "S05": ("defect", "`language` `xx`"),
    "S06": ("defect", "absolute `file` path that lies inside `data/sources/`"),
    "S07": ("fine", "`file` is a link inside `sources/` to `/etc/passwd`"),
    "S08": ("fine", "Windows path `sources\\900_reltest.txt`"),
    "S09": ("defect", "9,000-character publisher"),
    "Q01": ("wrong result", "a rank target with `>=`"),
    "Q02": ("defect", "target deadlines 2999-12-31 and 1999-12-31"),
    "Q03": ("wrong result", "a rank equal to the quote's denominator"),
    "Q04": ("wrong result", "a percentage taken from a rank sentence"),
    "Q05": ("wrong result", "a number inside a URL"),
    "F01": ("fine", "`add` with 40 KB free"),
    "F02": ("defect", "`report` with 3 MB free"),
    "F03": ("fine", "`report` with 150 KB free"),
    "F04": ("fine", "kill -9 of `add --replace` (20,000 rows, a replacement, a new source) at 26 moments"),
    "F05": ("fine", "kill -9 the moment `journal.json` appears (6 tries)"),
    "F06": ("fine", "kill -9 of `report` at 1, 4, 9, 15, 21, 26 s and at the swap"),
    "F07": ("defect", "SIGTERM / SIGHUP (`timeout`, CI cancel, closed terminal)"),
    "F08": ("defect", "Ctrl-C during start-up (0.3 s)"),
    "F09": ("defect", "`history.csv` with an unclosed quote"),
    "F10": ("wrong result", "a `history.csv` row with an impossible date"),
    "F11": ("defect", "0-byte `history.csv`"),
    "F12": ("fine", "truncated `journal.json` beside staged files"),
    "F13": ("defect", "a `.txn-*` entry that is a symbolic link"),
    "F14": ("defect", "a complete journal whose staged file is a link"),
    "F15": ("fine", "`data/.dtlib.lock` is a folder"),
    "F16": ("fine", "`add` into a read-only `data/`"),
    "F17": ("defect", "`add --dry-run` on a read-only `data/`"),
    "F18": ("fine", "`validate` and `report` on a read-only `data/`"),
    "F19": ("fine", "`report --out` under a read-only parent"),
    "F20": ("defect", "`report` into a read-only pack folder (`chmod 555`, parent writable)"),
    "F21": ("defect", "`--out` is a mount point (a share, a Docker volume)"),
    "C01": ("wrong result", "`add --replace` while `report` runs"),
    "C02": ("defect", "`dtlib.load()` (what `report`, every notebook and `extract` call) during 40 `add`s"),
    "C03": ("fine", "two `report`s into one `--out`"),
    "C04": ("fine", "two `add`s and a `validate` at once; `--lock-timeout 0`"),
    "C05": ("fine", "`--out` is a symbolic link to a pack"),
    "C06": ("fine", "`--lock-timeout nan`, `inf`, `1e309`"),
    "R01": ("fine", "`--units 'lai-chau\"; import os; os.system(\"touch …\"); \"'` and a newline variant"),
    "R02": ("fine", "`--units ','`, `--units ' '`"),
    "R03": ("defect", "`--as-of 2099-12-31`"),
    "R04": ("defect", "`--as-of 1900-01-01`"),
    "R05": ("defect", "`--units bao-thang` (district ended 30 Jun 2025, no successor)"),
    "R06": ("fine", "`--units lao-cai-2025 --as-of 2023-01-01` (before it existed)"),
    "R07": ("defect", "a valid store with no figures, targets or sources"),
    "R08": ("defect", "`--previous` a typo or a file"),
    "R09": ("fine", "`--previous` pack whose `pack_observations.csv` holds `<script>`, `<img onerror>`, `=HYPERLINK`, `@SUM`"),
    "R10": ("defect", "what the pack records"),
    "R11": ("fine", "`--units vietnam`, `--units yen-bai`"),
    "O01": ("security", "scripts in the notebook pages"),
    "O02": ("security (low, spoofing)", "RLO (U+202E) in a publisher"),
    "O03": ("fine", "`tables.xlsx`"),
    "O04": ("fine", "SVG"),
    "O05": ("fine", "PDF"),
    "O06": ("fine", "`briefing.pptx`"),
    "O07": ("fine", "`index.html`"),
    "O08": ("defect", "emoji, CJK, `𝕏` in a publisher"),
    "O09": ("defect", "Markdown through `say()`/`markdown()` (nbconvert's renderer and `clean_html`, unit-level)"),
    "O10": ("defect", "`summary.md` text"),
}

#: The probe's failures: every case whose verdict is not "fine".
FAILURES = [case for case, (verdict, _) in PROBE2_CASES.items() if verdict != "fine"]


def named_cases() -> dict[str, list[str]]:
    """Probe id -> the test functions in ``tests/*.py`` whose name holds it as a ``_``-separated token."""
    found: dict[str, list[str]] = {case: [] for case in PROBE2_CASES}
    for path in sorted(TESTS.glob("*.py")):
        for name in _TEST_DEF.findall(path.read_text(encoding="utf-8")):
            for token in set(name.split("_")) & PROBE2_CASES.keys():
                found[token].append(f"{path.name}::{name}")
    return found


def test_the_table_has_the_probes_108_cases_and_59_failures():
    assert len(PROBE2_CASES) == 108 and len(FAILURES) == 59
    verdicts = [verdict.split(" (")[0] for verdict, _ in PROBE2_CASES.values()]
    assert {v: verdicts.count(v) for v in set(verdicts)} == {"fine": 49, "defect": 39, "wrong result": 13,
                                                              "data loss": 3, "security": 4}


def test_the_second_probes_ids_never_collide_with_the_firsts():
    assert not set(PROBE2_CASES) & set(PROBE_CASES)


@pytest.mark.skipif(not PROBE2_FILE.exists(), reason=f"the probe file is not beside the repository ({PROBE2_FILE})")
def test_the_ids_of_the_probe_files_results_table_are_the_cases_here():
    body = PROBE2_FILE.read_text(encoding="utf-8").split("## Results table", 1)[1].split("\n## ", 1)[0]
    ids = re.findall(r"^\| ([A-Z]\d+) \|", body, flags=re.MULTILINE)
    assert ids == list(PROBE2_CASES)


@pytest.mark.heavy
def test_every_failure_of_the_second_probe_names_a_test():
    missing = [case for case in FAILURES if not named_cases()[case]]
    assert not missing, f"failures of the second probe with no test named after them: {missing}"
