"""Store failures in the services' own words (the GUI never imports `store`)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from triage_desktop.services.errors import (
    CaseChangedElsewhere,
    CaseNotFound,
    DiskError,
    DiskFull,
    MigrationFailed,
    VaultLocked,
    VaultReadOnly,
)
from triage_desktop.store.errors import (
    ClosedError,
    ConcurrentChangeError,
    DiskFullError,
    MigrationError,
    NotFoundError,
    ReadOnlyError,
    SchemaTooNewError,
    StoreCorruptError,
    StoreIOError,
)
from triage_desktop.vault.errors import VaultCorrupt, VaultFromNewerVersion


@contextmanager
def store_errors() -> Iterator[None]:
    try:
        yield
    except StoreCorruptError as error:
        raise VaultCorrupt(str(error)) from error
    except SchemaTooNewError as error:
        raise VaultFromNewerVersion(str(error)) from error
    except NotFoundError as error:
        raise CaseNotFound(str(error)) from error
    except DiskFullError as error:
        raise DiskFull(str(error)) from error
    except ReadOnlyError as error:
        raise VaultReadOnly(str(error)) from error
    except StoreIOError as error:
        raise DiskError(str(error)) from error
    except MigrationError as error:
        raise MigrationFailed(str(error)) from error
    except ConcurrentChangeError as error:
        raise CaseChangedElsewhere(str(error)) from error
    except ClosedError as error:
        raise VaultLocked("The vault is locked.") from error
