"""pyproject.toml (pip) and environment.yml (conda) list the same dependencies."""
import re
import tomllib

import pytest
import yaml
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _name(spec: str) -> str:
    return re.split(r"[<>=!~ \[]", spec.strip(), maxsplit=1)[0].lower().replace("_", "-")


def test_conda_and_pip_dependencies_agree():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    pip_deps = {_name(d): d.replace(" ", "") for d in project["dependencies"] + project["optional-dependencies"]["test"]}
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    conda = [d for d in env["dependencies"] if isinstance(d, str)]
    assert {"pip": ["-e ."]} in env["dependencies"]
    conda_deps = {_name(d): d.replace(" ", "") for d in conda if _name(d) not in {"python", "pip"}}
    assert conda_deps == pip_deps


def test_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make test" in readme and "make test" in (ROOT / ".ci" / "run").read_text()


def test_ci_installs_the_browser_and_requires_the_browser_test():
    ci = (ROOT / ".ci" / "run").read_text()
    assert "apt-get install" in ci and "chromium chromium-driver" in ci
    assert "DTLIB_REQUIRE_BROWSER=1" in ci            # there a missing browser fails the test, not skips it


@pytest.mark.heavy
def test_without_chromium_the_browser_test_is_skipped_saying_why_unless_it_is_required(tmp_path):
    import os
    import subprocess
    import sys

    test = ROOT / "tests" / "test_browser.py"
    probe = tmp_path / "conftest_probe.py"
    probe.write_text("import pathlib, tests.test_browser as b\n"
                     "b.CHROMIUM = pathlib.Path('/nonexistent/chromium')\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": f"{ROOT}{os.pathsep}{tmp_path}"}
    base = [sys.executable, "-m", "pytest", "-q", "-p", "conftest_probe", "-p", "no:cacheprovider", "-rs",
            "-k", "desktop or phone or page", str(test)]
    env.pop("DTLIB_REQUIRE_BROWSER", None)
    skipped = subprocess.run(base, cwd=ROOT, env=env, capture_output=True, text=True)
    assert skipped.returncode == 0, skipped.stdout[-2000:]
    assert "SKIPPED" in skipped.stdout and "needs Debian's Chromium" in skipped.stdout
    required = subprocess.run(base, cwd=ROOT, env={**env, "DTLIB_REQUIRE_BROWSER": "1"}, capture_output=True,
                              text=True)
    assert required.returncode != 0 and "needs Debian's Chromium" in required.stdout
