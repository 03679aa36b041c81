"""A Secret Service that D-Bus declares but that never starts: the keychain check says so within
its bound (instead of the vault's creation waiting D-Bus's 25 s and failing with a raw D-Bus
error), and a keychain that fails while storing the device secret gives a plain message."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from keyring.backend import KeyringBackend

from triage_desktop.vault import keychain
from triage_desktop.vault.errors import NoKeychain

SESSION_CONF = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:dir={runtime}</listen>
  <servicedir>{services}</servicedir>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""
# Declared for activation, but the program never takes the name: D-Bus waits its 25 s limit.
# It notes its process id so the test can end it (D-Bus leaves it running).
NEVER_STARTS = (
    "[D-BUS Service]\nName=org.freedesktop.secrets\n"
    "Exec=/bin/sh -c 'echo $$ > {pid_file}; exec sleep 600'\n"
)

CHECK = """
import json, time
from triage_desktop.vault import keychain
started = time.monotonic()
status = keychain.status()
print(json.dumps({"available": status.available, "description": status.description,
                  "backend": status.backend, "seconds": time.monotonic() - started}))
"""


@pytest.fixture
def bus_with_a_dead_secret_service(tmp_path: Path) -> Iterator[str]:
    daemon = shutil.which("dbus-daemon")
    if daemon is None:
        pytest.skip("dbus-daemon is not installed (packaging/debian-packages.txt)")
    services = tmp_path / "services"
    services.mkdir()
    pid_file = tmp_path / "never-starts.pid"
    (services / "org.freedesktop.secrets.service").write_text(
        NEVER_STARTS.format(pid_file=pid_file), encoding="utf-8"
    )
    runtime = tmp_path / "runtime"
    runtime.mkdir(mode=0o700)
    config = tmp_path / "session.conf"
    config.write_text(SESSION_CONF.format(runtime=runtime, services=services), encoding="utf-8")
    bus = subprocess.Popen(
        [daemon, "--config-file", str(config), "--print-address", "--nofork"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert bus.stdout is not None
    address = bus.stdout.readline().strip()
    try:
        yield address
    finally:
        bus.terminate()
        bus.wait(timeout=10)
        bus.stdout.close()
        if pid_file.exists():  # the never-starting service D-Bus launched for the probe
            with contextlib.suppress(ProcessLookupError, ValueError):
                os.kill(int(pid_file.read_text().strip()), signal.SIGTERM)


def test_a_secret_service_that_never_starts_is_reported_within_the_bound(
    bus_with_a_dead_secret_service: str, tmp_path: Path
) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DBUS_", "PYTHON_KEYRING"))}
    env |= {
        "DBUS_SESSION_BUS_ADDRESS": bus_with_a_dead_secret_service,
        "XDG_CONFIG_HOME": str(tmp_path / "config"),  # no keyringrc from the developer
    }
    result = subprocess.run(
        [sys.executable, "-c", CHECK],
        check=False,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    status = json.loads(result.stdout.strip().splitlines()[-1])
    assert "SecretService" in status["backend"]  # keyring alone would call it usable
    assert status["available"] is False
    assert "did not answer within 1.5 seconds" in status["description"]
    assert "passphrase-only mode" in status["description"]
    assert status["seconds"] < 15  # a gross bound: D-Bus itself would have waited 25 s


class _BrokenKeyring(KeyringBackend):
    """Stands for a keychain whose D-Bus call fails with a non-keyring error (jeepney's)."""

    priority = 1  # type: ignore[assignment]

    def get_password(self, service: str, username: str) -> str | None:
        return None

    def set_password(self, service: str, username: str, password: str) -> None:
        raise RuntimeError("org.freedesktop.DBus.Error.TimedOut")

    def delete_password(self, service: str, username: str) -> None:
        return None


def test_a_keychain_failing_with_a_foreign_error_gives_a_plain_message() -> None:
    import keyring

    previous = keyring.get_keyring()
    keyring.set_keyring(_BrokenKeyring())
    try:
        started = time.monotonic()
        with pytest.raises(NoKeychain, match="did not store the secret") as raised:
            keychain.store_device_secret("fictional-vault-id")
        assert "passphrase-only" in str(raised.value)
        assert time.monotonic() - started < 15
    finally:
        keyring.set_keyring(previous)
