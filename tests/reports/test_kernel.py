"""A report's kernel gets its own environment variables; the process that runs it keeps its own."""

from __future__ import annotations

import asyncio
import os
import re
from pathlib import Path

import nbformat
import papermill
import pytest

from toolkit.reports.kernel import ReportKernelManager, kernel_options


def _book(tmp_path: Path) -> Path:
    path = tmp_path / "env.ipynb"
    code = 'import os\nprint(os.environ.get("TOOLKIT_PROGRESS", "unset"), os.environ.get("REPORT_ONLY_HERE", "unset"))'
    book = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(code)])
    book.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(book, path)
    return path


def test_papermill_kernel_sees_the_variables_and_the_caller_does_not(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("TOOLKIT_PROGRESS", "1")
    monkeypatch.delenv("REPORT_ONLY_HERE", raising=False)
    before = dict(os.environ)
    executed = papermill.execute_notebook(
        str(_book(tmp_path)),
        str(tmp_path / "out.ipynb"),
        kernel_name="python3",
        progress_bar=False,
        **kernel_options({"TOOLKIT_PROGRESS": "0", "REPORT_ONLY_HERE": "yes"}),
    )
    assert executed.cells[0].outputs[0]["text"] == "0 yes\n"
    assert dict(os.environ) == before
    plain = papermill.execute_notebook(
        str(_book(tmp_path)), str(tmp_path / "plain.ipynb"), kernel_name="python3", progress_bar=False
    )
    assert plain.cells[0].outputs[0]["text"] == "1 unset\n"  # without the options: the caller's environment


def test_the_variables_survive_a_kernel_restart():
    async def printed() -> list[str]:
        manager = ReportKernelManager(kernel_name="python3", extra_env={"REPORT_ONLY_HERE": "yes"})
        seen: list[str] = []

        def hook(msg: dict) -> None:
            if msg["msg_type"] == "stream":
                seen.append(msg["content"]["text"])

        await manager.start_kernel()
        try:
            for restart in (False, True):
                if restart:
                    await manager.restart_kernel()
                client = manager.client()
                client.start_channels(hb=False)
                try:
                    await client.wait_for_ready(timeout=60)
                    code = "import os; print(os.environ['REPORT_ONLY_HERE'], os.getpid())"
                    reply = await client.execute_interactive(code, timeout=60, output_hook=hook)
                    assert reply["content"]["status"] == "ok"
                finally:
                    client.stop_channels()
        finally:
            await manager.shutdown_kernel(now=True)
        return seen

    values = [line.split() for line in asyncio.run(printed())]
    assert [v[0] for v in values] == ["yes", "yes"] and values[0][1] != values[1][1]  # a new kernel process
    assert "REPORT_ONLY_HERE" not in os.environ


def test_kernels_side_by_side_use_private_sockets_and_a_good_run_prints_no_library_warning(tmp_path: Path):
    """Two reports at once through the real command: each kernel on its own IPC sockets, nothing alarming printed.

    With TCP, ipykernel warned on every start that traffic is unencrypted; with IPC in one shared place, two
    kernels started side by side took the same socket names and rejected each other's messages.
    """
    import subprocess
    import sys
    import tempfile

    from toolkit.paths import PROJECT_ROOT

    before = set(Path(tempfile.gettempdir()).glob("toolkit-kernel-*"))
    done = subprocess.run(
        [sys.executable, "-m", "toolkit", "report", "overview", "keyness", "--jobs", "2", "--out", str(tmp_path)],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    lines = [line for line in done.stderr.splitlines() if not line.startswith("[queued")]
    stage = re.compile(
        r"  #[12] (01_overview|03_keyness): (executing the notebook|rendering HTML|reading the result "
        r"tables|writing the workbook)"
    )
    assert sum(bool(stage.fullmatch(line)) for line in lines) == 8  # each run's four stages as they start
    lines = [line for line in lines if not stage.fullmatch(line)]
    assert [line.split(" -> ")[0] for line in lines[:2]] and all("SUCCEEDED" in line for line in lines[:2]), lines
    assert lines[2].startswith("2 of 2 reports succeeded") and len(lines) == 3, "\n".join(lines)  # and one summary
    assert set(Path(tempfile.gettempdir()).glob("toolkit-kernel-*")) == before  # socket folders removed


def test_a_report_kernel_is_shut_down_without_an_interrupt(tmp_path: Path):
    """jupyter_client sends SIGINT before every shutdown; a report's kernel is asked to stop without one.

    The kernel notes any SIGINT in a file: the stock manager's shutdown leaves that note (so the test can
    fail), the report kernel's does not (the interrupt is what printed "KeyboardInterrupt caught in kernel.").
    """
    from jupyter_client.manager import AsyncKernelManager

    async def interrupted(manager: AsyncKernelManager, note: Path) -> bool:
        await manager.start_kernel()
        client = manager.client()
        client.start_channels(hb=False)
        try:
            await client.wait_for_ready(timeout=60)
            code = (  # ipykernel ignores SIGINT between cells and restores that after each: keep our handler
                "import pathlib, signal\nkernel = get_ipython().kernel\n"
                "kernel.pre_handler_hook = kernel.post_handler_hook = lambda: None\n"
                f"signal.signal(signal.SIGINT, lambda *a: pathlib.Path({str(note)!r}).touch())"
            )
            reply = await client.execute_interactive(code, timeout=60)
            assert reply["content"]["status"] == "ok"
        finally:
            client.stop_channels()
        await manager.shutdown_kernel()
        return note.exists()

    assert asyncio.run(interrupted(AsyncKernelManager(kernel_name="python3"), tmp_path / "stock"))
    assert not asyncio.run(interrupted(ReportKernelManager(kernel_name="python3"), tmp_path / "report"))


def test_end_kernels_kills_a_running_kernel_and_only_forgets_one_that_ended():
    """A stopped batch kills its kernels; a kernel that ended already is never signalled (its id may be reused)."""
    from toolkit.reports.kernel import RUNNING, end_kernels

    end_kernels()  # any kernel an earlier test left behind
    live, ended = ReportKernelManager(kernel_name="python3"), ReportKernelManager(kernel_name="python3")
    asyncio.run(live.start_kernel())
    asyncio.run(ended.start_kernel())
    ended_process = RUNNING[ended.kernel_pid]
    ended_process.kill()
    ended_process.wait()
    live_process = RUNNING[live.kernel_pid]
    assert end_kernels() == 1
    assert live_process.returncode == -9
    assert live.kernel_pid not in RUNNING and ended.kernel_pid not in RUNNING


def test_a_report_kernel_publishes_its_last_control_message_before_its_sockets_close(tmp_path: Path):
    """The control thread's "idle" after a shutdown request raced the exit's close of IOPub; it now comes first.

    With the stock manager and a cell that imports nothing of the toolkit, the
    last message fails on a closed socket (so the test can fail); the report
    kernel's exit waits for it (see ``control_notes``).
    """
    from conftest import control_notes
    from jupyter_client.manager import AsyncKernelManager

    stock_notes = control_notes(AsyncKernelManager(kernel_name="python3"), "x = 1", tmp_path / "stock")
    assert "Socket operation on non-socket" in stock_notes[-1], stock_notes
    report_notes = control_notes(ReportKernelManager(kernel_name="python3"), "x = 1", tmp_path / "report")
    assert report_notes and set(report_notes) == {"sent"}, report_notes
