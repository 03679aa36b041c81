"""A folder that cannot be written, the way a read-only USB stick or a locked-down share is.

As root, permissions do not stop writes, so the folder is bind-mounted read-only over itself
(root can mount); as anyone else, its permission bits are lowered. Restored afterwards."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


def _mount(*args: str) -> bool:
    return subprocess.run(["mount", *args], capture_output=True, check=False).returncode == 0


@contextmanager
def read_only_folder(folder: Path) -> Iterator[Path]:
    """`folder`, read-only for the duration (skips the test where that cannot be arranged)."""
    if os.geteuid() == 0:
        if not _mount("--bind", str(folder), str(folder)):
            pytest.skip("cannot bind-mount here to make a read-only folder")
        try:
            if not _mount("-o", "remount,bind,ro", str(folder)):
                pytest.skip("cannot remount read-only here")
            yield folder
        finally:
            subprocess.run(["umount", "-l", str(folder)], capture_output=True, check=False)
        return
    mode = folder.stat().st_mode
    folder.chmod(0o500)
    try:
        yield folder
    finally:
        folder.chmod(mode)


@contextmanager
def small_disk(folder: Path, size_kib: int) -> Iterator[Path]:
    """A tmpfs of `size_kib` KiB mounted at `folder` (root only), unmounted afterwards."""
    folder.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0 or not _mount(
        "-t", "tmpfs", "-o", f"size={size_kib}k,mode=0700", "tmpfs", str(folder)
    ):
        pytest.skip("a small disk needs root (a tmpfs mount)")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True, check=False)


def fill(folder: Path, leave_bytes: int = 0) -> Path:
    """Fill the disk holding `folder` until at most `leave_bytes` are free; returns the filler."""
    filler = folder / "filler.bin"
    stats = os.statvfs(folder)
    free = stats.f_bavail * stats.f_frsize
    with filler.open("ab") as handle:
        remaining = max(0, free - leave_bytes)
        block = b"\0" * (1 << 16)
        try:
            while remaining > 0:
                chunk = block[: min(len(block), remaining)]
                handle.write(chunk)
                remaining -= len(chunk)
            handle.flush()
        except OSError:
            pass
    return filler
