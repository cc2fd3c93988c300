"""The explorer notebook in a real JupyterLab, driven by headless Chromium: type a term, see the panels follow."""

from __future__ import annotations

import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from toolkit import kwic
from toolkit.paths import PROJECT_ROOT
from toolkit.reports.notebook import open_corpus
from toolkit.reports.rendering import find_chromium

NOTEBOOK = PROJECT_ROOT / "notebooks" / "explore.ipynb"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def lab(tmp_path: Path):
    """A JupyterLab server on localhost with a secret token, its own config and settings folders."""
    root = tmp_path / "root"
    root.mkdir()
    shutil.copy(NOTEBOOK, root / NOTEBOOK.name)
    token = secrets.token_hex(24)
    port = _free_port()
    env = {
        **os.environ,
        "JUPYTER_TOKEN": token,  # never on the command line, where ps and logs would show it
        "JUPYTER_CONFIG_DIR": str(tmp_path / "config"),
        "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"),
        "JUPYTERLAB_SETTINGS_DIR": str(tmp_path / "lab-settings"),
        "JUPYTERLAB_WORKSPACES_DIR": str(tmp_path / "lab-workspaces"),
    }
    log_path = tmp_path / "server.log"
    command = [
        sys.executable, "-m", "jupyterlab", "--no-browser",
        f"--ServerApp.port={port}", "--ServerApp.port_retries=0", "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.root_dir={root}",
        # offline: no news feed, no update check (they would fail as console errors)
        "--LabApp.news_url=None", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        "--LabApp.extension_manager=readonly",  # no PyPI queries from the extension manager
        "--LabApp.expose_app_in_browser=True",  # window.jupyterapp, to run all cells by command id
        *(["--allow-root"] if os.geteuid() == 0 else []),  # containers and CI run as root
    ]  # fmt: skip
    with log_path.open("w") as log:
        server = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env, cwd=root)
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/status?token={token}", timeout=2):
                    break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"JupyterLab did not start:\n{log_path.read_text()}") from None
                time.sleep(0.5)
        yield f"http://127.0.0.1:{port}", token, log_path
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def test_word_explorer_follows_a_typed_term_in_jupyterlab(lab, tmp_path: Path):
    browser = find_chromium()
    if browser is None:
        pytest.skip("Chromium not installed (.ci/run installs Debian's chromium)")
    from playwright.sync_api import sync_playwright

    url, token, log_path = lab
    errors: list[str] = []
    with sync_playwright() as p:
        chromium = p.chromium.launch(
            executable_path=browser,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
        )
        try:
            page = chromium.new_page(viewport={"width": 1400, "height": 1000})
            page.on("pageerror", lambda err: errors.append(f"pageerror: {err}"))
            page.on("console", lambda msg: errors.append(f"console: {msg.text}") if msg.type == "error" else None)
            page.goto(f"{url}/lab/tree/{NOTEBOOK.name}?token={token}")
            page.wait_for_function("window.jupyterapp && window.jupyterapp.commands", timeout=60_000)
            page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=60_000)
            page.get_by_text("Python 3 (ipykernel) | Idle").wait_for(timeout=90_000)  # the kernel is ready
            page.locator(".lm-MenuBar-item", has_text="Run").first.click()
            page.locator(".lm-Menu-item", has_text="Run All Cells").first.click()
            term = page.locator(".toolkit-term input")
            try:
                term.wait_for(timeout=120_000)
            except Exception:
                page.screenshot(path=str(tmp_path / "failure.png"), full_page=True)
                outputs = page.locator(".jp-OutputArea-output").all_inner_texts()
                raise AssertionError(f"no word explorer; outputs {outputs}; errors {errors}") from None
            kwic_table = page.locator(".toolkit-kwic-panel table.toolkit-kwic")
            kwic_table.wait_for(timeout=60_000)
            plot = page.locator("img.toolkit-word-plot")
            page.wait_for_function(
                "() => { const i = document.querySelector('img.toolkit-word-plot');"
                " return i && i.complete && i.naturalWidth > 0; }",
                timeout=60_000,
            )
            first_rows = kwic_table.inner_text()
            first_src = plot.get_attribute("src")
            assert "relations" in first_rows.lower()  # the notebook starts with the most frequent word

            term.fill("armenia")
            term.press("Enter")
            page.wait_for_function(
                "() => { const t = document.querySelector('.toolkit-kwic-panel table.toolkit-kwic');"
                " return t && t.innerText.toLowerCase().includes('armenia')"
                " && !t.innerText.toLowerCase().includes('relations\\t'); }",
                timeout=30_000,
            )
            page.wait_for_function(
                f"() => {{ const i = document.querySelector('img.toolkit-word-plot');"
                f" return i && i.getAttribute('src') !== {first_src!r} && i.complete && i.naturalWidth > 0; }}",
                timeout=30_000,
            )
            keywords = page.locator(".toolkit-kwic-panel table.toolkit-kwic td strong").all_inner_texts()
            status = page.locator(".toolkit-status").first.inner_text()
            page.screenshot(path=str(tmp_path / "explorer.png"), full_page=True)
        finally:
            chromium.close()
    assert keywords and {k.lower() for k in keywords} == {"armenia"}
    expected = len(kwic(open_corpus(""), "armenia"))
    assert f"armenia: {expected} occurrences" in status  # the count kwic() gives
    assert (tmp_path / "explorer.png").stat().st_size > 10_000
    assert errors == []
    assert token not in log_path.read_text()
