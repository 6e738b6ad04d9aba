"""Kernels for headless runs on local sockets where the system has them (no "running over TCP
without encryption" warning in the output)."""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["kernel_config"]


def kernel_config(folder: Path):
    """nbclient configuration: IPC sockets in ``folder`` on POSIX, TCP elsewhere."""
    from traitlets.config import Config

    if os.name == "posix":
        return Config({"KernelManager": {"transport": "ipc", "ip": str(Path(folder) / "kernel")}})
    return Config({"NotebookClient": {"extra_arguments": ["--IPKernelApp.log_level=ERROR"]}})
