"""The command line: ``python -m dtlib report|validate|add|extract``. Thin: parses, calls, prints."""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import re
import signal
import sys
import threading
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .words.i18n import DEFAULT_LANGUAGE, LANGUAGES
from .data.errors import StoreBusy, UsageError, ValidationError
from .data.io import say
from .pack.publish import LOCK_TIMEOUT as PACK_LOCK_TIMEOUT, unsafe_out_reason


def _report(args: argparse.Namespace) -> int:
    from .data.dataset import default_data_dir
    from .pack.report import NothingPublished
    from .data.store import snapshot

    root = Path(args.data) if args.data is not None else default_data_dir()
    # one state of the store for the whole build: an `add` meanwhile reaches the next pack, not half of this one
    with snapshot(root) as copy:
        try:
            return _report_from(args, root, copy)
        except NothingPublished as err:
            say(f"error: {err}", file=sys.stderr)
            return 1
        except (ValidationError, OSError) as err:
            raise _naming_store(err, copy, root) from None


def _naming_store(err: Exception, copy: Path, root: Path) -> Exception:
    """``err`` with each path into the snapshot ``copy`` written as the data folder ``root``'s."""
    from dataclasses import replace

    from .data.io import display_path

    def fix(text):
        if not isinstance(text, str):
            return text
        for prefix in dict.fromkeys([str(copy.resolve()), str(copy)]):
            text = text.replace(prefix, display_path(root))
        return text

    if isinstance(err, ValidationError):
        return ValidationError([replace(p, file=fix(p.file), message=fix(p.message), hint=fix(p.hint))
                                for p in err.problems])
    err.args = tuple(fix(a) for a in err.args)
    if getattr(err, "filename", None) is not None:
        err.filename = fix(err.filename)
    return err


def _report_from(args: argparse.Namespace, root: Path, copy: Path) -> int:
    """:func:`_report` on ``copy``, a snapshot of the data folder ``root`` (which the pack names)."""
    from .data.dataset import load
    from .analysis.observations import known_observations, report_date_reason, revisions
    from .pack.report import build_pack, plan

    data = load(copy)
    reason = report_date_reason(data)
    when = args.as_of or f"{reason['date']:%Y-%m-%d}"
    why = "given with --as-of" if args.as_of else reason["sentence"]
    units = [u.strip() for u in args.units.split(",")] if args.units else None
    if units:
        from .data.text import resolve_unit
        units = [resolve_unit(u, data.units, when) for u in units]
    jobs = plan(data, as_of=when, units=units, data_dir=root, follow=not args.no_follow, lang=args.lang)
    manifest = build_pack(jobs, args.out, n_jobs=args.jobs, progress=not args.quiet,
                          observations=known_observations(data, when), previous=args.previous,
                          dated={"as_of": when, "why": why}, revised=revisions(data, when), lang=args.lang, force=args.force,
                          lock_timeout=args.lock_timeout, reuse_kernels=not args.fresh_kernels, data=data,
                          data_dir=copy)
    failed = [r for r in manifest["runs"] if r["status"] != "ok"]
    out = Path(args.out)
    reused = sum(bool(r.get("reused")) for r in manifest["runs"])
    say(f"briefing pack: {out / 'index.html'} ({len(manifest['runs']) - len(failed)} of "
          f"{len(manifest['runs'])} notebooks ok, {reused} reused); report date {when} ({why})")
    if "since_last_pack" in manifest:
        counts = ", ".join(f"{n} {k.replace('_', ' ')}" for k, n in manifest["since_last_pack"].items()) or "nothing"
        say(f"since the last pack: {counts}")
    # each failed run (and briefing output: summary.md, briefing.pptx, tables.xlsx) was named by the runner
    return 1 if failed or not manifest.get("ok", True) else 0


def _validate(args: argparse.Namespace) -> int:
    from .data.dataset import load
    from .data.dataset import default_data_dir
    from .data.store import locked, recover

    root = Path(args.data) if args.data is not None else default_data_dir()
    # under the lock, so that a killed add is finished or undone before the tables are read
    with locked(root, args.lock_timeout, required=False) as held:
        if held:
            recover(root)
        data = load(root)
    say(f"{data.root}: {len(data.observations)} observations, {len(data.targets)} targets, "
          f"{len(data.units)} units, {len(data.indicators)} indicators, {len(data.sources)} sources: valid")
    return 0


def _add(args: argparse.Namespace) -> int:
    from .intake.ingest import add

    change = add(args.file, args.data, sources_file=args.sources, replace=args.replace, dry_run=args.dry_run,
                 encoding=args.encoding, decimal=args.decimal, lock_timeout=args.lock_timeout)
    say(change.summary())
    if args.dry_run:
        say("dry run: nothing written")
    return 0


def _extract(args: argparse.Namespace) -> int:
    from .data.dataset import default_data_dir
    from .intake.extract import candidates_csv, extract_file, unsafe_out_reason
    from .data.io import display_path, write_text

    if args.as_of is not None and not _is_iso_date(args.as_of):
        raise UsageError(f"--as-of {args.as_of!r} is not a date: write it as YYYY-MM-DD (e.g. 2023-09-30)")
    if args.date is not None and not _is_iso_date(args.date):
        raise UsageError(f"--date {args.date!r} is not a date: write the day the article was published as "
                         "YYYY-MM-DD (e.g. 2025-10-21)")
    root = Path(args.data) if args.data is not None else default_data_dir()
    # before anything is read: the store, the source texts and the code are never written over
    reason = unsafe_out_reason(args.out, args.file, root, force=args.force) if args.out is not None else None
    if reason:
        raise UsageError(f"--out {args.out}: {reason}")
    frame = extract_file(args.file, root, unit=args.unit, as_of=args.as_of, source=args.source, lang=args.lang,
                         published=args.date, publisher=args.publisher, all_figures=args.all)
    text = candidates_csv(frame)
    if args.out is None:
        sys.stdout.write(text)
        return 0
    write_text(args.out, text)
    kinds = frame["kind"].value_counts()
    say(f"{display_path(Path(args.out))}: {len(frame)} candidate row(s) ({kinds.get('observation', 0)} "
          f"observation(s), {kinds.get('target', 0)} target(s)), {int((frame['indicator'] == '').sum())} without "
          f"an indicator; mark the rows to take in column 'keep', correct the cells, then: "
          f"python -m dtlib add {args.out} --sources SOURCES.csv")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dtlib", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    rep = sub.add_parser("report", help="build the briefing pack (executed notebooks, figures, tables)")
    rep.add_argument("--as-of", help="report date YYYY-MM-DD (default: the latest date a figure describes or "
                                     "was published)")
    rep.add_argument("--units", help="comma-separated unit ids or names (default: Lào Cai, Quảng Bình, Lai Châu "
                                     "and Thái Nguyên, or the provinces they became on 1 July 2025)")
    rep.add_argument("--no-follow", action="store_true",
                     help="do not follow a province into the province it became in 2025 (each unit's own "
                          "figures only)")
    rep.add_argument("--lang", choices=LANGUAGES, default=DEFAULT_LANGUAGE,
                     help="the language of every title, label, caption, table header and sentence "
                          f"(default: {DEFAULT_LANGUAGE}, the language of the people briefed)")
    rep.add_argument("--out", default=None,
                     help="output folder (default: figures/ for the Vietnamese pack, figures-en/ for the English one, "
                          "so that one language never overwrites the other)")
    rep.add_argument("--jobs", type=int, default=None, help="parallel notebook runs (default: up to 4)")
    rep.add_argument("--data", default=None, help="data folder (default: the repository's data/)")
    rep.add_argument("--previous", default=None,
                     help="an earlier pack to compare with (default: the pack already in --out, if any)")
    rep.add_argument("--force", action="store_true",
                     help="run every notebook again, even those whose inputs did not change since the last pack")
    rep.add_argument("--quiet", action="store_true", help="no progress bar")
    rep.add_argument("--fresh-kernels", action="store_true",
                     help="start a new kernel for every notebook run (default: each worker keeps its kernel, "
                          "reset between runs)")
    rep.add_argument("--lock-timeout", type=float, default=PACK_LOCK_TIMEOUT, metavar="SECONDS",
                     help=f"how long to wait for another report building the same --out "
                          f"(default: {PACK_LOCK_TIMEOUT:g})")
    rep.set_defaults(func=_report)

    val = sub.add_parser("validate", help="load and validate the data set")
    val.add_argument("--data", default=None, help="data folder (default: the repository's data/)")
    _lock_timeout_argument(val)
    val.set_defaults(func=_validate)

    add = sub.add_parser("add", help="merge new observations or targets (CSV or .xlsx) into data/")
    add.add_argument("file", help="CSV or .xlsx with the columns of observations.csv (or targets.csv)")
    add.add_argument("--sources", help="CSV or .xlsx of new sources.csv rows that the file cites")
    add.add_argument("--replace", action="store_true",
                     help="replace stored rows with the same unit, indicator and as_of (old rows go to history.csv)")
    add.add_argument("--dry-run", action="store_true", help="check and show what would change; write nothing")
    add.add_argument("--encoding", help="the file's encoding (default: detected: UTF-8, UTF-16, Windows-1258)")
    add.add_argument("--decimal", choices=[".", ","], default=".",
                     help="',' if numbers are written the Vietnamese way (98,7 and 1.761)")
    add.add_argument("--data", default=None, help="data folder (default: the repository's data/)")
    _lock_timeout_argument(add)
    add.set_defaults(func=_add)

    ext = sub.add_parser("extract", help="propose candidate rows (figures and targets) from a Vietnamese text",
                         description="Read a Vietnamese article and write one candidate row per figure it states: "
                                     "the columns of observations.csv plus kind (observation or target), deadline, "
                                     "comparator, instrument (targets), confidence, why and an empty keep column. "
                                     "Review it, mark the rows to keep, then give it to 'add'.")
    ext.add_argument("file", help="the article: text in UTF-8, UTF-16 or Windows-1258, at most 2 MB (save it under "
                                  "data/sources/ so quotes are checked)")
    ext.add_argument("--unit", help="the unit the text is about where it names none (default: the province it names "
                                    "most; a unit named nearer a figure still wins)")
    ext.add_argument("--as-of", help="the article's date YYYY-MM-DD, for 'đến nay' and years left out (default: the "
                                     "meeting or the date stamped in its first lines)")
    ext.add_argument("--date", help="the day the article was published, YYYY-MM-DD: dates a text that states no date "
                                    "of its own, and settles which unit a name shared across the 2025 mergers means "
                                    "(default: sources.csv's published; a figure of an undated text whose province "
                                    "changed on 1 July 2025 gets no unit)")
    ext.add_argument("--publisher", help="who published it (e.g. 'Cổng Thông tin điện tử tỉnh Lai Châu'): a provincial "
                                         "portal gives the province of a text that names none (default: sources.csv's "
                                         "publisher)")
    ext.add_argument("--all", action="store_true",
                     help="also list the figures that match no indicator and speak of nothing digital (a time zone, a "
                          "growth target), and a figure each time it is repeated; their 'why' says 'not an indicator'")
    ext.add_argument("--source", help="the source id for every row (default: the id sources.csv gives the file)")
    ext.add_argument("--lang", choices=("vi", "en"), default=None,
                     help="how the text writes its numbers: vi (1.761 and 98,7) or en, for an English rendering "
                          "(1,761 and 98.7) (default: the source's language in sources.csv, else vi)")
    ext.add_argument("--out", help="the candidate CSV to write: a new file, not inside the repository's data/ "
                                   "(data/imports/ excepted), dtlib/, notebooks/, tests/ or .git/ (default: print "
                                   "it to standard output)")
    ext.add_argument("--force", action="store_true",
                     help="replace the --out file if it exists (its keep marks and corrections are lost)")
    ext.add_argument("--data", default=None, help="data folder whose units and indicators are proposed "
                                                  "(default: the repository's data/)")
    ext.set_defaults(func=_extract)

    args = parser.parse_args(argv)
    with _stopped_like_ctrl_c():
        return _run(args)


def _run(args: argparse.Namespace) -> int:
    """Run the command; turn the errors a person can fix into one line each."""
    # Errors a person can fix get one line each and exit status 2. Anything else is a bug in
    # dtlib and keeps its traceback.
    try:
        _check_arguments(args)
        code = args.func(args)
        sys.stdout.flush()   # here, not at exit: a closed pipe is then caught below
        return code
    except ValidationError as err:
        where = "; nothing was written" if args.command == "add" else " in the data set"
        say(f"{len(err.problems)} problem(s){where}:\n{err}", file=sys.stderr)
        return 2
    except (UsageError, StoreBusy) as err:
        say(f"error: {err}", file=sys.stderr)
        return 2
    except KeyError as err:
        say(f"error: {err.args[0]}", file=sys.stderr)
        return 2
    except KeyboardInterrupt as err:
        # Ctrl-C, SIGTERM, SIGHUP: the report has stopped its workers and deleted its unfinished build
        say("interrupted: the previous pack is unchanged" if args.command == "report" else "interrupted",
              file=sys.stderr)
        return 128 + getattr(err, "signum", signal.SIGINT)
    except BrokenPipeError:
        # the reader (e.g. `| head`) has gone: say nothing more, and keep Python's exit flush quiet
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except (OSError, csv.Error, zipfile.BadZipFile) as err:
        say(f"error: {_os_message(err)}", file=sys.stderr)
        return 2


class Stopped(KeyboardInterrupt):
    """SIGTERM or SIGHUP (``timeout``, a CI job cancelled, a closed terminal), handled as Ctrl-C is."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


def _raise_stopped(signum: int, _frame) -> None:
    raise Stopped(signum)


@contextmanager
def _stopped_like_ctrl_c() -> Iterator[None]:
    """Within the block, SIGTERM and SIGHUP raise :class:`Stopped` (a KeyboardInterrupt): a run
    stops as on Ctrl-C (workers ended, the unfinished build deleted) and exits 128 + the signal."""
    if threading.current_thread() is not threading.main_thread():   # only the main thread may set handlers
        yield
        return
    # a signal ignored already (`nohup`) stays ignored
    signums = [getattr(signal, n) for n in ("SIGTERM", "SIGHUP") if hasattr(signal, n)]
    old = {s: signal.signal(s, _raise_stopped) for s in signums if signal.getsignal(s) is not signal.SIG_IGN}
    try:
        yield
    finally:
        for signum, handler in old.items():
            signal.signal(signum, handler)


def _lock_timeout_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lock-timeout", type=float, default=600.0, metavar="SECONDS",
                        help="how long to wait for another dtlib run that holds the data folder (default: 600)")


def _check_arguments(args: argparse.Namespace) -> None:
    """Refuse arguments that cannot work before anything starts; raise :class:`UsageError`."""
    data = getattr(args, "data", None)
    if data is not None and not Path(data).is_dir():
        raise UsageError(f"--data {data}: {'is not a folder' if Path(data).exists() else 'no such folder'}")
    if getattr(args, "lock_timeout", 0) < 0:
        raise UsageError(f"--lock-timeout {args.lock_timeout:g}: must be 0 seconds or more")
    if args.command != "report":
        return
    if args.out is None:
        args.out = default_out(args.lang)
    if args.as_of is not None and not _is_iso_date(args.as_of):
        # ISO only: 01/02/2023 is 1 February to a Vietnamese reader and 2 January to pandas
        raise UsageError(f"--as-of {args.as_of!r} is not a date: write it as YYYY-MM-DD (e.g. 2023-09-30)")
    if args.as_of is not None:
        _check_report_date(args.as_of)
    reason = unsafe_out_reason(args.out)   # a file, the repository, a folder that is not a pack
    if reason:
        raise UsageError(f"--out {args.out}: {reason}")
    if args.jobs is not None and args.jobs < 1:
        raise UsageError(f"--jobs {args.jobs}: must be 1 or more")
    previous = getattr(args, "previous", None)
    if previous is not None:
        folder = Path(previous)
        if not folder.is_dir():
            raise UsageError(f"--previous {previous}: {'is not a folder' if folder.exists() else 'no such folder'}")
        if not (folder / "manifest.json").is_file() or not (folder / "tables" / "pack_observations.csv").is_file():
            raise UsageError(f"--previous {previous}: not a briefing pack (no manifest.json and "
                             "tables/pack_observations.csv); give the folder an earlier `dtlib report` wrote")


#: The first report date a pack can have: the data run from 2020 (README).
FIRST_REPORT_DATE = dt.date(2020, 1, 1)


def _check_report_date(as_of: str) -> None:
    """Refuse a report date ``YYYY-MM-DD`` before :data:`FIRST_REPORT_DATE` or after today (:class:`UsageError`).

    A pack dated in the future would call every figure stale and judge targets whose deadline has not
    come; one dated before 2020 would hold no figure.
    """
    day, today = dt.date.fromisoformat(as_of), dt.date.today()
    if not FIRST_REPORT_DATE <= day <= today:
        when = "is after today" if day > today else f"is before {FIRST_REPORT_DATE:%Y-%m-%d}"
        raise UsageError(f"--as-of {as_of} {when}: give a report date from {FIRST_REPORT_DATE:%Y-%m-%d} to "
                         f"today ({today:%Y-%m-%d}), or leave it out for the latest date a figure describes")


def default_out(lang: str | None) -> str:
    """Where a pack in ``lang`` goes without ``--out``: ``figures`` (Vietnamese), ``figures-<lang>`` otherwise.

    >>> default_out("vi"), default_out("en")
    ('figures', 'figures-en')
    """
    from .words.i18n import DEFAULT_LANGUAGE

    lang = lang or DEFAULT_LANGUAGE
    return "figures" if lang == DEFAULT_LANGUAGE else f"figures-{lang}"


def _is_iso_date(text: str) -> bool:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return False
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _os_message(err: Exception) -> str:
    if isinstance(err, OSError) and err.filename and err.strerror:
        return f"{err.filename}: {err.strerror}"
    return str(err)
