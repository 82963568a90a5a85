"""One notebook run, inside a worker process of the pool that :func:`dtlib.report.build_pack` starts.

Each run executes in its own process with its own kernel. Kernels talk over IPC sockets
(files named after the kernel's unique connection file) rather than TCP ports, which removes
the port race between kernels started at the same moment in parallel processes (papermill
issues 239 and 511); a kernel that still fails to start is retried.

A worker ends with its parent: Ctrl-C is left to the parent, which ends its workers with
SIGTERM; a parent killed outright is noticed by a thread in each worker. Either way the worker
kills the kernels it started and deletes their runtime folders before it exits.
"""
from __future__ import annotations

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

from .io import write_text

__all__ = ["run_job", "start_worker", "clean_html", "KERNEL_START_ATTEMPTS"]

KERNEL_START_ATTEMPTS = 3

# In a worker: the kernels it started (their Popen objects) and its runtime folders, so that a
# worker whose parent has gone can take them with it.
_KERNELS: weakref.WeakSet = weakref.WeakSet()
_RUNTIME: set[str] = set()


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


def start_worker(parent: int) -> None:
    """Initialise a worker process: Ctrl-C is the parent's to handle; die with the parent."""
    # The parent stops the workers itself on Ctrl-C (SIGTERM); a worker that also took the
    # SIGINT sent to the whole process group would print a traceback of its own.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})   # blocked by the parent while spawning
    signal.signal(signal.SIGTERM, lambda *_: _end_worker())
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
            shutil.rmtree(folder, ignore_errors=True)
    finally:
        os._exit(1)


def _is_kernel_start_failure(err: BaseException) -> bool:
    text = f"{type(err).__name__}: {err}"
    return any(s in text for s in ("Kernel died before replying", "Kernel didn't respond",
                                   "kernel_info", "DeadKernelError", "Address already in use"))


def run_job(job: dict, staging: str) -> dict:
    """Execute one notebook into ``staging`` (a worker-process function); return its record."""
    started = time.monotonic()
    stage = Path(staging)
    files = stage / "files"
    files.mkdir(parents=True, exist_ok=True)
    output = stage / f"{job['name']}.ipynb"
    params = {**job["parameters"], "out_dir": str(files)}
    record = {"name": job["name"], "notebook": Path(job["notebook"]).name, "parameters": job["parameters"],
              "status": "ok", "error": None, "attempts": 0}
    # A runtime directory per run keeps connection files (and IPC socket files) apart; it is
    # short because a Unix socket path may not exceed ~107 bytes.
    runtime = tempfile.mkdtemp(prefix="dtk-")
    _RUNTIME.add(runtime)
    os.environ["JUPYTER_RUNTIME_DIR"] = runtime
    try:
        _execute(job, output, params, record)
    finally:
        shutil.rmtree(runtime, ignore_errors=True)
        _RUNTIME.discard(runtime)
    if record["status"] == "ok":
        _render_html(output, stage / f"{job['name']}.html")
    record["seconds"] = round(time.monotonic() - started, 2)
    return record


def _execute(job: dict, output: Path, params: dict, record: dict) -> None:
    import papermill as pm

    for attempt in range(1, KERNEL_START_ATTEMPTS + 1):
        record["attempts"] = attempt
        try:
            pm.execute_notebook(job["notebook"], str(output), parameters=params, kernel_name="python3",
                                cwd=str(Path(job["notebook"]).parent), progress_bar=False,
                                start_timeout=120, kernel_manager_class=_ipc_kernel_manager())
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
            if not _is_kernel_start_failure(err):
                break
            time.sleep(attempt)


#: The tag of notebook cells that are for reading in JupyterLab only, not for the pack's pages.
LAB_ONLY = "lab-only"


def _render_html(notebook: Path, target: Path) -> None:
    import nbformat
    from nbconvert import HTMLExporter

    # Sanitising is a second fence: text from the data reaches notebook outputs, and the pack
    # may be served from a web folder. nbconvert's own cleaner would escape headings, paragraphs
    # and table headers (its allow-list is bleach's, made for comments), hence clean_html.
    # Markdown cells tagged lab-only explain the notebook to whoever opens it in JupyterLab (in
    # English); the pack shows what the code prints, in the pack's language, so they are dropped.
    from traitlets.config import Config

    config = Config({"TagRemovePreprocessor": {"enabled": True, "remove_cell_tags": {LAB_ONLY}}})
    exporter = HTMLExporter(config=config, exclude_input=True, exclude_input_prompt=True,
                            exclude_output_prompt=True, sanitize_html=True, filters={"clean_html": clean_html})
    body, _ = exporter.from_notebook_node(nbformat.read(notebook, as_version=4))
    write_text(target, body)


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
