"""One notebook's cells run in this process, timed (and profiled): where a notebook's own time goes.

Run with ``.venv/bin/python benchmarks/in_process.py 05_coverage [--out DIR] [--as-of YYYY-MM-DD]
[--repeat N] [--profile [N]]``. The notebook's code cells run one after another in this process
(no kernel, no papermill, no HTML), with Agg drawing and nothing displayed, after its
``parameters`` cell and the values given here; the stack is imported before the clock starts, as
a kept kernel has it. It prints the seconds of each repeat, and with ``--profile`` the N
functions of most cumulative time (cProfile) of the last one. Figures, not assertions.
"""
from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def code_cells(notebook: str | Path, parameters: dict) -> list[str]:
    """The code cells of ``notebook`` (a name in ``notebooks/``, or a path), with ``parameters`` injected
    as papermill injects them: a cell of its own right after the ``parameters`` cell.

    Parameters
    ----------
    notebook
        ``05_coverage`` (``notebooks/05_coverage.ipynb``) or the path of a notebook.
    parameters
        The values to set, written as Python literals (``repr``).

    Returns
    -------
    list of str
        The source of each code cell, in order, the injected one included.
    """
    import nbformat

    path = Path(notebook) if str(notebook).endswith(".ipynb") else REPO / "notebooks" / f"{notebook}.ipynb"
    nb = nbformat.read(path, as_version=4)
    code = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        code.append(cell.source)
        if "parameters" in (cell.metadata.get("tags") or []):
            code.append("\n".join(f"{key} = {value!r}" for key, value in parameters.items()))
    return code


def cells(name: str, parameters: dict) -> str:
    """The code of notebook ``name`` (``notebooks/<name>.ipynb``), ``parameters`` set after its parameters cell."""
    return "\n".join(code_cells(name, parameters))


def formatted_display(*objs, **kwargs) -> None:
    """``IPython.display.display`` as a kernel does it, less the sending: each object's representations
    (a table's HTML, an image's PNG) computed, then dropped."""
    from IPython.core.formatters import DisplayFormatter

    formatter = DisplayFormatter()
    for obj in objs:
        formatter.format(obj)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("notebook", help="a notebook's name without .ipynb, e.g. 05_coverage")
    parser.add_argument("--out", help="folder for its figures (default: a temporary one)")
    parser.add_argument("--as-of", help="report date (default: the notebook's)")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--profile", type=int, nargs="?", const=40, default=0, metavar="N")
    args = parser.parse_args(argv)
    os.environ.setdefault("MPLBACKEND", "Agg")
    import IPython.display
    import matplotlib.pyplot  # noqa: F401 - the stack, imported before the clock starts, as a kept kernel has it
    import seaborn  # noqa: F401

    import dtlib.briefing.notebook  # noqa: F401

    shown = IPython.display.display
    IPython.display.display = lambda *a, **k: None
    try:
        return _run(args)
    finally:
        IPython.display.display = shown


def _run(args: argparse.Namespace) -> int:
    with tempfile.TemporaryDirectory(prefix="dtlib-cells-") as tmp:
        parameters = {"out_dir": args.out or tmp}
        if args.as_of:
            parameters["as_of"] = args.as_of
        source = compile(cells(args.notebook, parameters), args.notebook, "exec")
        profile = None
        for i in range(args.repeat):
            if args.profile and i == args.repeat - 1:
                profile = cProfile.Profile()
                profile.enable()
            start = time.perf_counter()
            exec(source, {"__name__": "__main__"})      # noqa: S102 - the repository's own notebook
            seconds = time.perf_counter() - start
            if profile is not None:
                profile.disable()
            print(f"{args.notebook}: {seconds:.2f} s" + (" (profiled)" if profile is not None else ""))
        if profile is not None:
            pstats.Stats(profile).sort_stats("cumulative").print_stats(args.profile)
    return 0


if __name__ == "__main__":
    sys.exit(main())
