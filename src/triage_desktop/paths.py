"""Where the vault lives: `--vault DIR`, else $TRIAGE_DESKTOP_HOME, else the platform default."""

from __future__ import annotations

import os
from pathlib import Path

ENV_HOME = "TRIAGE_DESKTOP_HOME"
# The vault's key-slot file: its presence means a vault has been set up in the folder. Here (not
# in vault/) so the first window can choose between setup and unlock without loading the vault.
KEY_SLOTS_FILE = "keyslots.json"


def vault_is_set_up(folder: Path) -> bool:
    return (folder / KEY_SLOTS_FILE).is_file()


def default_vault_dir() -> Path:
    """The per-user data folder the OS expects (e.g. ~/.local/share/triage-desktop on Linux)."""
    from platformdirs import user_data_path

    return user_data_path("triage-desktop", appauthor=False, roaming=False)


def vault_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    if explicit:
        return Path(explicit).expanduser()
    from_env = os.environ.get(ENV_HOME)
    if from_env:
        return Path(from_env).expanduser()
    return default_vault_dir()


def ensure_private_dir(path: Path) -> Path:
    """Create a folder readable by its owner only (0700), and tighten it if it already exists."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    if os.name == "posix":
        path.chmod(0o700)
    return path


def restrict_umask() -> None:
    """Files this process creates are owner-only (umask 077): vaults, exports, backups."""
    if os.name == "posix":
        os.umask(0o077)
