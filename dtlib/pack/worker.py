"""One notebook run, inside a worker process of the pool that :func:`dtlib.pack.report.build_pack` starts.

Each run executes in its own process with its own kernel. Kernels talk over IPC sockets
(files named after the kernel's unique connection file) rather than TCP ports, which removes
the port race between kernels started at the same moment in parallel processes (papermill
issues 239 and 511); a kernel that still fails to start is retried.

A worker keeps its kernel from one run to the next (``reuse_kernel``, the default): starting a
kernel and importing pandas, matplotlib, seaborn and dtlib costs about 1.5 s, paid once per
worker rather than once per run. Before each later run the kernel is put back as it was when it
had just imported the stack (:data:`RESET_SOURCE`): the user namespace emptied (``%reset -f``),
figures closed, matplotlib's settings, the warnings filters and pandas' options restored, the
language and the working folder set again; ``tests/test_report.py`` checks that a pack built so
equals one built with a fresh kernel per run. A kernel that died is replaced, and so is one still
larger than :data:`KEPT_KERNEL_MAX_RSS` once reset (a 34-province trends run leaves one of 800 MB).

A worker ends with its parent: Ctrl-C is left to the parent, which ends its workers with
SIGTERM; a parent killed outright is noticed by a thread in each worker. Either way the worker
kills the kernels it started and deletes their runtime folders before it exits.
"""
from __future__ import annotations

import atexit
import functools
import os
import re
import shutil
import signal
import tempfile
import threading
import time
import traceback
import uuid
import weakref
from pathlib import Path

from ..data.io import write_text
from ..data.paths import REPO_ROOT  # a run's ``data_dir`` parameter is relative to it
from ..words import i18n

__all__ = ["run_job", "start_worker", "clean_html", "KERNEL_START_ATTEMPTS", "WARM_SOURCE", "RESET_SOURCE"]

KERNEL_START_ATTEMPTS = 3
#: A kept kernel still larger than this once reset for the next run (resident memory, bytes) is
#: ended and a fresh one started: what a large run leaves in a process (fragments of memory the
#: reset cannot give back) would add to the next run's own.
KEPT_KERNEL_MAX_RSS = int(os.environ.get("DTLIB_KEPT_KERNEL_MAX_RSS") or 300 * 2**20)

# In a worker: the kernels it started (their Popen objects) and its runtime folders, so that a
# worker whose parent has gone can take them with it.
_KERNELS: weakref.WeakSet = weakref.WeakSet()
_RUNTIME: set[str] = set()
# In a worker: the kernel kept between runs ("km": its manager, which holds its one client;
# "runtime": its folder), and whether it is ended when the worker exits.
_KEPT: dict = {}
_DROP_AT_EXIT = False

#: Run in a kept kernel once it has started: import what every notebook imports, and note the
#: settings a run may change (:func:`note_kernel_state`), so that :data:`RESET_SOURCE` can put them back.
WARM_SOURCE = """\
import matplotlib.pyplot as _p, pandas as _pd, seaborn as _s, dtlib as _d, dtlib.briefing.notebook as _n, dtlib.pack.worker as _k
_k.note_kernel_state()
del _p, _pd, _s, _d, _n, _k
"""

#: Run in a kept kernel before each run after its first: the user namespace emptied, then the
#: state :data:`WARM_SOURCE` noted put back (:func:`reset_kernel`).
RESET_SOURCE = """\
%reset -f
import dtlib.pack.worker as _k
_k.reset_kernel({cwd!r})
del _k
"""

# In a kept kernel: what note_kernel_state saw.
_KERNEL_STATE: dict = {}


def note_kernel_state() -> None:
    """In a kept kernel, once the stack is imported: note matplotlib's settings, the warnings filters and pandas' options."""
    import warnings

    import matplotlib
    import pandas as pd

    _KERNEL_STATE.update(rc=dict(matplotlib.rcParams), filters=list(warnings.filters),
                         pandas={key: pd.get_option(key) for key in pandas_option_keys()})


def reset_kernel(cwd: str) -> None:
    """In a kept kernel, between runs: close figures, put back what :func:`note_kernel_state` noted, the
    language and the working folder, and collect what the last run left."""
    import gc
    import warnings

    import matplotlib
    import matplotlib.pyplot as plt
    import pandas as pd

    plt.close("all")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        matplotlib.rcParams.update(_KERNEL_STATE["rc"])
        for key, value in _KERNEL_STATE["pandas"].items():
            if pd.get_option(key) != value:
                pd.set_option(key, value)
    warnings.filters[:] = _KERNEL_STATE["filters"]
    i18n.set_language(i18n.DEFAULT_LANGUAGE)
    os.chdir(cwd)
    gc.collect()
    try:        # give back to the system what the last run freed (glibc keeps it otherwise)
        import ctypes
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):   # not glibc
        pass


@functools.cache
def _ipc_kernel_manager():
    from jupyter_client.manager import AsyncKernelManager
    from traitlets import CaselessStrEnum, default

    class IPCKernelManager(AsyncKernelManager):
        """A kernel manager that connects over IPC sockets: no TCP ports to collide on."""

        transport = CaselessStrEnum(["tcp", "ipc"], default_value="ipc", config=True)

        @default("ip")
        def _ip_default(self) -> str:
            # jupyter_client's default is "kernel-ipc" in the working directory: two kernels
            # started from one folder would share socket files. A unique path per kernel.
            folder = os.environ.get("JUPYTER_RUNTIME_DIR") or tempfile.gettempdir()
            return os.path.join(folder, f"k{uuid.uuid4().hex[:12]}")

        @default("connection_file")
        def _connection_file_default(self) -> str:
            # jupyter_client's default is a temporary file in /tmp, which a killed run leaves
            # behind; in the run's runtime folder it goes with the folder.
            folder = os.environ.get("JUPYTER_RUNTIME_DIR") or tempfile.gettempdir()
            return os.path.join(folder, f"kernel-{uuid.uuid4().hex[:12]}.json")

        async def _async_launch_kernel(self, kernel_cmd: list[str], **kw) -> None:
            await super()._async_launch_kernel(kernel_cmd, **kw)
            process = getattr(self.provisioner, "process", None)
            if process is not None:
                _KERNELS.add(process)

        async def _async_interrupt_kernel(self) -> None:
            # jupyter_client interrupts a kernel before it asks it to shut down, in case it is
            # busy; an idle ipykernel then logs "KeyboardInterrupt caught in kernel" on every
            # build (probe B8). Papermill shuts kernels down when they are idle, and one that
            # did not stop would still be terminated after shutdown_wait_time.
            if self.shutting_down:
                return
            await super()._async_interrupt_kernel()

    return IPCKernelManager


@functools.cache
def _kept_kernel_manager():
    from queue import Empty

    from jupyter_client.asynchronous import AsyncKernelClient
    from traitlets import default

    class KeptKernelClient(AsyncKernelClient):
        """A client whose channels, once started, are not started again, and that waits for the kernel once.

        jupyter_client's wait ends by reading IOPub until it has been quiet for 0.2 s; a
        client already connected only drops what earlier runs left there.
        """

        _ready = False

        def start_channels(self, *args, **kwargs) -> None:
            if not self.channels_running:
                super().start_channels(*args, **kwargs)

        async def wait_for_ready(self, timeout: float | None = None) -> None:
            if self._ready and await self._async_is_alive():
                while True:
                    try:
                        await self.iopub_channel.get_msg(timeout=0)
                    except Empty:
                        return
            await super().wait_for_ready(timeout=timeout)
            self._ready = True

    class KeptKernelManager(_ipc_kernel_manager()):
        """The manager of a kept kernel: one client for all its runs.

        Papermill (nbclient) asks the manager for a new client at each run, and a new client
        waits up to 0.2 s for the kernel's IOPub channel before it trusts it; this one is made
        once and its channels stay open until the kernel is dropped.
        """

        _kept_client = None

        @default("client_factory")
        def _client_factory_default(self) -> type:
            return KeptKernelClient

        def client(self, **kwargs):
            if self._kept_client is None:
                self._kept_client = super().client(**kwargs)
            return self._kept_client

        def drop_client(self) -> None:
            if self._kept_client is not None and self._kept_client.channels_running:
                self._kept_client.stop_channels()
            self._kept_client = None

    return KeptKernelManager


def start_worker(parent: int) -> None:
    """Initialise a worker process: Ctrl-C is the parent's to handle; die with the parent."""
    # The parent stops the workers itself on Ctrl-C (SIGTERM); a worker that also took the
    # SIGINT sent to the whole process group would print a traceback of its own.
    # The same for SIGHUP (a closed terminal): the parent gets it too, and ends the workers.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "SIGHUP"):
        signal.signal(signal.SIGHUP, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, lambda *_: _end_worker())
    if hasattr(signal, "pthread_sigmask"):   # blocked by the parent while spawning
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT, signal.SIGTERM,
                                                    *([signal.SIGHUP] if hasattr(signal, "SIGHUP") else [])})
    # The kernels this worker starts draw headless (Agg): a figure is shown from the PNG saved,
    # and matplotlib-inline would keep every figure a cell made until the cell ends, closed or
    # not (a trends cell of 34 provinces held 1.4 GB of figures that way).
    os.environ["MPLBACKEND"] = "agg"
    # A parent killed with SIGKILL cannot stop its workers: each watches for it to be gone.
    threading.Thread(target=_watch_parent, args=(parent,), name="dtlib-watch-parent", daemon=True).start()


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(0.25)
    _end_worker()


def _end_worker() -> None:
    # A kernel would notice its parent gone by itself, within a second; meanwhile it could
    # still write into a building folder that the next build is deleting.
    try:
        for kernel in list(_KERNELS):
            if kernel.poll() is None:
                kernel.kill()
        for folder in list(_RUNTIME):
            _remove_runtime(folder)
    finally:
        os._exit(1)


def _is_kernel_start_failure(err: BaseException) -> bool:
    text = f"{type(err).__name__}: {err}"
    return any(s in text for s in ("Kernel died before replying", "Kernel didn't respond",
                                   "kernel_info", "DeadKernelError", "Address already in use"))


def run_job(job: dict, staging: str, reuse_kernel: bool = True) -> dict:
    """Execute one notebook into ``staging`` (a worker-process function); return its record.

    ``reuse_kernel``: run in the kernel this worker kept from its previous run (reset first; see
    the module's docstring), starting one if it has none; otherwise in a kernel of its own.
    """
    started = time.monotonic()
    stage = Path(staging)
    files = stage / "files"
    files.mkdir(parents=True, exist_ok=True)
    output = stage / f"{job['name']}.ipynb"
    params = {**job["parameters"], "out_dir": str(files)}
    if params.get("data_dir"):      # recorded relative to the repository (dtlib.pack.report.recorded_data_dir)
        params["data_dir"] = str(REPO_ROOT / params["data_dir"])
    record = {"name": job["name"], "notebook": Path(job["notebook"]).name, "parameters": job["parameters"],
              "status": "ok", "error": None, "attempts": 0, "phases": {}}
    if reuse_kernel:
        _execute(job, output, params, record, kept=True)
    else:
        runtime = _new_runtime()
        try:
            _execute(job, output, params, record)
        finally:
            _remove_runtime(runtime)
    if output.is_file():
        _record_parameters(output, job)
    if record["status"] == "ok":
        began = time.monotonic()
        _render_html(output, stage / f"{job['name']}.html")
        record["phases"]["html"] = round(time.monotonic() - began, 2)
    record["seconds"] = round(time.monotonic() - started, 2)
    return record


def _record_parameters(notebook: Path, job: dict) -> None:
    """Have the executed ``notebook`` name no folder of this machine: its parameters (the injected cell and
    papermill's metadata) become those the pack records, with ``out_dir`` ``..`` (the pack, seen from its
    ``notebooks/``), and papermill's input and output paths the notebook's file names.

    ``job["recorded"]``: the parameters to record, when the run read other ones (a snapshot of the store
    in place of the store: :func:`dtlib.pack.report.build_pack`); default ``job["parameters"]``. A notebook
    that cannot be read (a run cut short) is left as it is.
    """
    import nbformat
    from papermill.translators import translate_parameters

    try:
        nb = nbformat.read(notebook, as_version=4)
    except Exception:  # noqa: BLE001 - an empty or cut-short file: kept as the run left it
        return
    recorded = {**(job.get("recorded") or job["parameters"]), "out_dir": ".."}
    meta = nb.metadata.setdefault("papermill", {})
    meta.update(parameters=recorded, input_path=Path(job["notebook"]).name, output_path=notebook.name)
    for cell in nb.cells:
        if "injected-parameters" in cell.get("metadata", {}).get("tags", []):
            cell.source = translate_parameters("python3", "python", recorded, "Parameters")
    nbformat.write(nb, notebook)


def _new_runtime() -> str:
    """A runtime folder for the next kernel this worker starts, made the one Jupyter uses.

    A folder per kernel keeps connection files (and IPC socket files) apart; it is short because
    a Unix socket path may not exceed ~107 bytes.
    """
    runtime = tempfile.mkdtemp(prefix="dtk-")
    _RUNTIME.add(runtime)
    os.environ["JUPYTER_RUNTIME_DIR"] = runtime
    return runtime


def _remove_runtime(runtime: str) -> None:
    """Delete a kernel's runtime folder: its connection file and socket files, nothing else of it is left."""
    shutil.rmtree(runtime, ignore_errors=True)
    _RUNTIME.discard(runtime)


def _execute(job: dict, output: Path, params: dict, record: dict, kept: bool = False) -> None:
    import papermill as pm

    cwd = str(Path(job["notebook"]).resolve().parent)
    for attempt in range(1, KERNEL_START_ATTEMPTS + 1):
        record["attempts"] = attempt
        try:
            began = time.monotonic()
            kernel = {"km": _kept_kernel(cwd), "shutdown_kernel": "immediate"} if kept else \
                {"kernel_manager_class": _ipc_kernel_manager()}
            # the kept kernel's start (and imports) or reset; a fresh kernel starts inside papermill
            record["phases"]["kernel"] = round(time.monotonic() - began, 2)
            began = time.monotonic()
            pm.execute_notebook(job["notebook"], str(output), parameters=params, kernel_name="python3",
                                cwd=cwd, progress_bar=False, start_timeout=120, request_save_on_cell_execute=False,
                                **kernel)
            record["phases"]["papermill"] = round(time.monotonic() - began, 2)
            record["status"], record["error"] = "ok", None
            break
        except pm.PapermillExecutionError as err:
            record["status"] = "failed"
            record["error"] = {"cell": err.cell_index, "execution_count": err.exec_count,
                               "ename": err.ename, "evalue": err.evalue}
            break
        except Exception as err:  # noqa: BLE001 - a kernel that would not start, a bad notebook file
            record["status"] = "failed"
            record["error"] = {"cell": None, "execution_count": None, "ename": type(err).__name__,
                               "evalue": str(err) or traceback.format_exc(limit=2)}
            if kept:
                _drop_kept_kernel()
            if not _is_kernel_start_failure(err):
                break
            time.sleep(attempt)
        finally:
            if kept and _KEPT and not _kept_alive():
                _drop_kept_kernel()     # died during the run (a cell that ended the process)


def _kept_rss() -> int:
    """Resident memory of the kept kernel's process, in bytes (0 if unknown)."""
    process = getattr(getattr(_KEPT.get("km"), "provisioner", None), "process", None)
    try:
        import psutil   # a dependency of ipykernel

        return psutil.Process(process.pid).memory_info().rss if process is not None else 0
    except Exception:  # noqa: BLE001 - gone, or psutil missing: keep the kernel
        return 0


def _run_in_kept_kernel(source: str, timeout: float = 120) -> None:
    """Run ``source`` in the kept kernel and wait for it; raise RuntimeError if it fails.

    Through the kernel's one client (:func:`_kept_kernel_manager`), the one papermill runs the
    notebooks with.
    """
    from jupyter_core.utils import run_sync

    client = _KEPT["km"].client()
    client.start_channels()
    run_sync(client.wait_for_ready)(timeout=timeout)
    reply = run_sync(client.execute_interactive)(source, timeout=timeout, store_history=False, allow_stdin=False,
                                                 output_hook=lambda msg: None)
    if reply["content"]["status"] != "ok":
        raise RuntimeError(f"kernel set-up failed: {reply['content'].get('ename')}: {reply['content'].get('evalue')}")


def pandas_option_keys() -> list[str]:
    """Every pandas option's name (in a kept kernel: the options a run may change and the reset restores)."""
    try:
        from pandas._config.config import _registered_options
        return sorted(_registered_options)
    except ImportError:             # pragma: no cover - another pandas
        import pandas as pd
        return [line.split(":")[0] for line in pd.describe_option(_print_desc=False).splitlines()
                if line and not line.startswith(" ") and ":" in line]


def _kept_alive() -> bool:
    from jupyter_core.utils import run_sync

    km = _KEPT.get("km")
    return km is not None and bool(run_sync(km.is_alive)())


def _kept_kernel(cwd: str):
    """This worker's kept kernel, reset for a new run; started (and the stack imported) if there is none."""
    from jupyter_core.utils import run_sync

    global _DROP_AT_EXIT
    if _kept_alive():
        _run_in_kept_kernel(RESET_SOURCE.format(cwd=cwd))
        if _kept_rss() <= KEPT_KERNEL_MAX_RSS:
            return _KEPT["km"]
    _drop_kept_kernel()
    runtime = _new_runtime()
    km = _kept_kernel_manager()(kernel_name="python3")
    _KEPT.update(km=km, runtime=runtime)
    if not _DROP_AT_EXIT:
        atexit.register(_drop_kept_kernel)
        _DROP_AT_EXIT = True
    run_sync(km.start_kernel)(cwd=cwd)
    _prepare_worker()       # while the kernel starts
    _run_in_kept_kernel(WARM_SOURCE)
    return km


@functools.cache
def _prepare_worker() -> None:
    """Import what a run needs in the worker (papermill, nbconvert) and compile the page's templates."""
    import nbformat
    import papermill  # noqa: F401

    _html_exporter().from_notebook_node(nbformat.v4.new_notebook())


def _drop_kept_kernel() -> None:
    """End the kept kernel, if any, at once (nothing of it is needed) and delete its folder."""
    km, runtime = _KEPT.pop("km", None), _KEPT.pop("runtime", None)
    if km is not None:
        try:
            km.drop_client()
        except Exception:  # noqa: BLE001 - the kernel is ended below in any case
            pass
        process = getattr(getattr(km, "provisioner", None), "process", None)
        if process is not None and process.poll() is None:
            process.kill()
            process.wait(5)
    if runtime:
        _remove_runtime(runtime)


#: The tag of notebook cells that are for reading in JupyterLab only, not for the pack's pages.
LAB_ONLY = "lab-only"


def _render_html(notebook: Path, target: Path) -> None:
    import nbformat

    body, _ = _html_exporter().from_notebook_node(nbformat.read(notebook, as_version=4))
    write_text(target, body)


@functools.lru_cache(maxsize=1)
def _html_exporter():
    """The worker's one HTML exporter: made, and its templates compiled (0.1 s), once per process."""
    from nbconvert import HTMLExporter

    # Sanitising is a second fence: text from the data reaches notebook outputs, and the pack
    # may be served from a web folder. nbconvert's own cleaner would escape headings, paragraphs
    # and table headers (its allow-list is bleach's, made for comments), hence clean_html.
    # Markdown cells tagged lab-only explain the notebook to whoever opens it in JupyterLab (in
    # English); the pack shows what the code prints, in the pack's language, so they are dropped.
    from traitlets.config import Config

    from jinja2 import DictLoader

    config = Config({"TagRemovePreprocessor": {"enabled": True, "remove_cell_tags": {LAB_ONLY}}})
    return HTMLExporter(config=config, exclude_input=True, exclude_input_prompt=True,
                        exclude_output_prompt=True, sanitize_html=True, filters={"clean_html": clean_html},
                        extra_loaders=[DictLoader({OFFLINE_TEMPLATE: OFFLINE_TEMPLATE_SOURCE})],
                        template_file=OFFLINE_TEMPLATE)


#: The page template: nbconvert's ``lab`` page without what it would load from the network.
OFFLINE_TEMPLATE = "dtlib_offline.html.j2"

#: The ``lab`` template loads require.js and MathJax from cdnjs.cloudflare.com in every page, and
#: imports mermaid from there when a cell draws a diagram; a widget's state would load its
#: manager from unpkg (and a widget output or the notebook's widget state adds a script). A pack
#: is read offline and its pages run no third-party code, so these blocks are empty: no page has
#: a script. Nothing in the pack needs them: the worked example
#: writes its formulas with ``<sub>``/``<sup>`` (:func:`dtlib.words.captions.worked_example`), and
#: text from the data is escaped so that it is never taken for a formula (:mod:`dtlib.words.prose`).
OFFLINE_TEMPLATE_SOURCE = """\
{%- extends 'lab/index.html.j2' -%}
{%- block html_head_js -%}{%- endblock html_head_js -%}
{%- block jupyter_widgets -%}{%- endblock jupyter_widgets -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{%- block data_widget_view -%}{%- endblock data_widget_view -%}
{%- block footer -%}
</html>
{%- endblock footer -%}
"""


# ------------------------------------------------------------------------------ sanitising

#: Tags a rendered notebook keeps: what markdown, pandas tables and images produce.
ALLOWED_TAGS = frozenset({
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "col", "colgroup", "dd", "del", "details", "div",
    "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd",
    "li", "ol", "p", "pre", "s", "small", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td",
    "tfoot", "th", "thead", "tr", "u", "ul"})

#: Elements removed with their content (bleach would keep their text).
_DROPPED = re.compile(r"<(script|style|iframe|object|embed|template|noscript)\b.*?(</\1\s*>|\Z)", re.I | re.S)

_IMAGE_DATA = re.compile(r"data:image/(png|jpeg|gif|webp);", re.I)


def _allowed_attribute(tag: str, name: str, value: str) -> bool:
    if name in ("class", "id", "title"):
        return True
    if tag == "a":
        return name == "href" and not value.strip().lower().startswith("data:")
    if tag == "img":
        return name in ("alt", "width", "height") or (
            name == "src" and (not value.strip().lower().startswith("data:") or bool(_IMAGE_DATA.match(value.strip()))))
    if tag in ("td", "th"):
        return name in ("colspan", "rowspan", "align", "style")
    return tag in ("tr", "table", "thead") and name in ("style", "border", "align")


def clean_html(element: str | bytes) -> str:
    """HTML from a notebook cell or output with anything that could run removed.

    Scripts, styles and frames are dropped with their content; other tags outside
    :data:`ALLOWED_TAGS` are dropped, their text kept; event handlers (``onerror=``) and
    ``javascript:`` links are removed; an image keeps a ``data:`` source only if it is an image.

    >>> clean_html("<h2>Tỷ lệ</h2><script>alert(1)</script><img src=x onerror=alert(1)>")
    '<h2>Tỷ lệ</h2><img src="x">'
    """
    import bleach

    try:
        from bleach.css_sanitizer import CSSSanitizer
        css = {"css_sanitizer": CSSSanitizer()}   # text-align and the like in pandas tables
    except ImportError:   # tinycss2 absent: style attributes are dropped
        css = {}
    text = element.decode() if isinstance(element, bytes) else str(element)
    return bleach.clean(_DROPPED.sub("", text), tags=ALLOWED_TAGS, attributes=_allowed_attribute,
                        protocols={"http", "https", "mailto", "data"}, strip=True, strip_comments=True, **css)


def describe_failure(record: dict) -> str:
    """``01_profile_lai-chau.ipynb (run 01_profile_lai-chau), cell 7: KeyError: 'x'``."""
    err = record.get("error") or {}
    cell = f", cell {err['cell']}" if err.get("cell") is not None else ""
    return f"{record['notebook']} (run {record['name']}){cell}: {err.get('ename')}: {err.get('evalue')}"
