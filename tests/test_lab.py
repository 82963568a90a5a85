"""`make lab`: JupyterLab starts on notebooks/ with the project's kernel, answers, and lists the notebooks."""
import json
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "dtlib-test-token"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str) -> dict:
    request = urllib.request.Request(url, headers={"Authorization": f"token {TOKEN}"})
    with urllib.request.urlopen(request, timeout=5) as response:
        return json.loads(response.read().decode("utf-8"))


def test_the_makefile_opens_jupyterlab_on_the_notebooks():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "\nlab: " in makefile and "-m jupyter lab --notebook-dir=notebooks" in makefile


@pytest.mark.slow
def test_jupyterlab_starts_lists_the_notebooks_and_offers_the_kernel(tmp_path):
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "jupyter", "lab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
         "--notebook-dir=notebooks", f"--IdentityProvider.token={TOKEN}", "--ServerApp.port_retries=0",
         "--allow-root"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        env={**__import__("os").environ, "JUPYTER_RUNTIME_DIR": str(tmp_path), "HOME": str(tmp_path)})
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 90
        while True:
            try:
                contents = get(f"{base}/api/contents")
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise
                time.sleep(0.5)
        names = {item["name"] for item in contents["content"]}
        assert {"01_profile.ipynb", "02_compare.ipynb", "03_targets.ipynb", "04_trends.ipynb",
                "05_coverage.ipynb"} <= names
        kernels = get(f"{base}/api/kernelspecs")
        assert "python3" in kernels["kernelspecs"]
        # the kernel is this environment's Python, the one that has dtlib
        argv = kernels["kernelspecs"]["python3"]["spec"]["argv"]
        assert Path(argv[0]).resolve().parent == Path(sys.executable).resolve().parent or argv[0] == "python"
        assert get(f"{base}/lab/api/settings") is not None
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
